/* sql_ast.h - the abstract syntax tree of duet's SQL dialect (typed nodes, arena-owned). */
#ifndef DUET_SQL_SQL_AST_H
#define DUET_SQL_SQL_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "common/arena.h"
#include "hints/hints.h"

/*
 * Every node lives in the arena given to sql_parse() and dies with it. Each
 * node records pos, the byte offset in the statement text where it starts.
 * Identifiers keep their text as written (backquote escapes resolved) and
 * whether they were quoted; strings keep their decoded bytes.
 */

typedef struct sql_expr sql_expr_t;
typedef struct sql_select sql_select_t;
typedef struct sql_stmt sql_stmt_t;
typedef struct sql_table_ref sql_table_ref_t;

/* A growable array of node pointers. */
typedef struct sql_list {
    void **v;
    uint32_t n, cap;
} sql_list_t;

/* An identifier: s is NUL-terminated; len == 0 means absent. */
typedef struct sql_ident {
    const char *s;
    uint32_t len;
    uint32_t pos;
    bool quoted;
} sql_ident_t;

/* [db.]name for tables, views, sequences. */
typedef struct sql_name {
    sql_ident_t db, name;
} sql_name_t;

/* ---- literals and expressions ---- */

typedef enum sql_lit_kind {
    SQL_LIT_NULL,
    SQL_LIT_TRUE,
    SQL_LIT_FALSE,
    SQL_LIT_INT,     /* text holds the digits; u64 the value (overflow: DECIMAL) */
    SQL_LIT_DECIMAL, /* text as written, e.g. "1.50" */
    SQL_LIT_FLOAT,   /* text as written, e.g. "1e3" */
    SQL_LIT_STRING,  /* text: decoded bytes; charset: introducer (_utf8mb4) if any */
    SQL_LIT_HEX,     /* text: hex digits only (X'..' or 0x..) */
    SQL_LIT_BIT,     /* text: binary digits only (b'..' or 0b..) */
    SQL_LIT_DATE,    /* DATE '...': text is the string */
    SQL_LIT_TIME,
    SQL_LIT_TIMESTAMP,
} sql_lit_kind_t;

typedef struct sql_lit {
    sql_lit_kind_t kind;
    const char *text;
    uint32_t len;
    uint64_t u64;
    sql_ident_t charset;
    bool national; /* N'...' */
    /* adjacent string literals ('a' 'b') were concatenated into text */
} sql_lit_t;

typedef enum sql_expr_kind {
    SQL_E_LIT,
    SQL_E_COLUMN,   /* [db.][tbl.]col or [db.][tbl.]* (star) */
    SQL_E_VAR,      /* @user or @@[scope.]sys */
    SQL_E_PARAM,    /* ? */
    SQL_E_UNARY,    /* op: SQL_OP_NEG, SQL_OP_BITNOT, SQL_OP_NOT, SQL_OP_NOT2, SQL_OP_PLUS */
    SQL_E_BINARY,   /* arithmetic, comparison, logic, bit ops */
    SQL_E_IS,       /* e IS [NOT] NULL/TRUE/FALSE/UNKNOWN */
    SQL_E_BETWEEN,  /* e [NOT] BETWEEN lo AND hi */
    SQL_E_LIKE,     /* e [NOT] LIKE/REGEXP pat [ESCAPE esc] */
    SQL_E_IN,       /* e [NOT] IN (list) or IN (subquery) */
    SQL_E_SUBQUERY, /* (SELECT ...) scalar */
    SQL_E_EXISTS,   /* [NOT] EXISTS (SELECT ...) */
    SQL_E_CMP_SUBQ, /* e op ANY|SOME|ALL (SELECT ...) */
    SQL_E_ROW,      /* (a, b) or ROW(a, b) */
    SQL_E_CASE,
    SQL_E_CAST,          /* CAST(e AS type) / CONVERT(e, type) */
    SQL_E_CONVERT_USING, /* CONVERT(e USING cs) */
    SQL_E_COLLATE,       /* e COLLATE c */
    SQL_E_BINARY_CAST,   /* BINARY e */
    SQL_E_INTERVAL,      /* INTERVAL e unit (operand of + - and DATE_ADD) */
    SQL_E_FUNC,          /* any function call, aggregates and window calls */
    SQL_E_DEFAULT,       /* DEFAULT or DEFAULT(col) */
    SQL_E_VALUES,        /* VALUES(col) in ON DUPLICATE KEY UPDATE */
    SQL_E_ASSIGN,        /* @v := e */
    SQL_E_MATCH,         /* MATCH (cols) AGAINST (e [mode]) */
} sql_expr_kind_t;

typedef enum sql_op {
    SQL_OP_NONE = 0,
    SQL_OP_OR,
    SQL_OP_XOR,
    SQL_OP_AND,
    SQL_OP_NOT,  /* NOT e */
    SQL_OP_NOT2, /* !e, or NOT with HIGH_NOT_PRECEDENCE */
    SQL_OP_EQ,
    SQL_OP_NULLEQ,
    SQL_OP_NE,
    SQL_OP_LT,
    SQL_OP_LE,
    SQL_OP_GT,
    SQL_OP_GE,
    SQL_OP_BITOR,
    SQL_OP_BITAND,
    SQL_OP_BITXOR,
    SQL_OP_LSHIFT,
    SQL_OP_RSHIFT,
    SQL_OP_PLUS,
    SQL_OP_MINUS,
    SQL_OP_MUL,
    SQL_OP_DIV,    /* / */
    SQL_OP_INTDIV, /* DIV */
    SQL_OP_MOD,    /* MOD and % */
    SQL_OP_NEG,
    SQL_OP_BITNOT,
    SQL_OP_CONCAT, /* || with PIPES_AS_CONCAT */
} sql_op_t;

/* Time units of INTERVAL, EXTRACT, TIMESTAMPADD. */
typedef enum sql_unit {
    SQL_UNIT_NONE = 0,
    SQL_UNIT_MICROSECOND,
    SQL_UNIT_SECOND,
    SQL_UNIT_MINUTE,
    SQL_UNIT_HOUR,
    SQL_UNIT_DAY,
    SQL_UNIT_WEEK,
    SQL_UNIT_MONTH,
    SQL_UNIT_QUARTER,
    SQL_UNIT_YEAR,
    SQL_UNIT_SECOND_MICROSECOND,
    SQL_UNIT_MINUTE_MICROSECOND,
    SQL_UNIT_MINUTE_SECOND,
    SQL_UNIT_HOUR_MICROSECOND,
    SQL_UNIT_HOUR_SECOND,
    SQL_UNIT_HOUR_MINUTE,
    SQL_UNIT_DAY_MICROSECOND,
    SQL_UNIT_DAY_SECOND,
    SQL_UNIT_DAY_MINUTE,
    SQL_UNIT_DAY_HOUR,
    SQL_UNIT_YEAR_MONTH,
} sql_unit_t;

/* Column and CAST types. */
typedef enum sql_type_kind {
    SQL_T_NONE = 0,
    SQL_T_BIT,
    SQL_T_TINYINT,
    SQL_T_BOOL,
    SQL_T_SMALLINT,
    SQL_T_MEDIUMINT,
    SQL_T_INT,
    SQL_T_BIGINT,
    SQL_T_DECIMAL,
    SQL_T_FLOAT,
    SQL_T_DOUBLE,
    SQL_T_REAL,
    SQL_T_DATE,
    SQL_T_TIME,
    SQL_T_DATETIME,
    SQL_T_TIMESTAMP,
    SQL_T_YEAR,
    SQL_T_CHAR,
    SQL_T_VARCHAR,
    SQL_T_BINARY,
    SQL_T_VARBINARY,
    SQL_T_TINYTEXT,
    SQL_T_TEXT,
    SQL_T_MEDIUMTEXT,
    SQL_T_LONGTEXT,
    SQL_T_TINYBLOB,
    SQL_T_BLOB,
    SQL_T_MEDIUMBLOB,
    SQL_T_LONGBLOB,
    SQL_T_ENUM,
    SQL_T_SET,
    SQL_T_JSON,
    SQL_T_SERIAL,
    /* CAST targets only */
    SQL_T_SIGNED,
    SQL_T_UNSIGNED,
    SQL_T_NCHAR,
} sql_type_kind_t;

typedef struct sql_type {
    sql_type_kind_t kind;
    int32_t len; /* -1 when absent */
    int32_t dec; /* -1 when absent */
    bool is_unsigned, zerofill, binary, is_signed_kw;
    sql_ident_t charset, collate;
    sql_list_t elems; /* ENUM/SET values: sql_lit_t* */
} sql_type_t;

typedef struct sql_when {
    sql_expr_t *cond, *result;
} sql_when_t;

typedef struct sql_order_item {
    sql_expr_t *expr;
    bool desc, explicit_asc;
} sql_order_item_t;

/* Window frames. */
typedef enum sql_frame_bound_kind {
    SQL_FB_UNBOUNDED_PRECEDING,
    SQL_FB_PRECEDING,
    SQL_FB_CURRENT_ROW,
    SQL_FB_FOLLOWING,
    SQL_FB_UNBOUNDED_FOLLOWING,
} sql_frame_bound_kind_t;

typedef struct sql_frame_bound {
    sql_frame_bound_kind_t kind;
    sql_expr_t *expr; /* n PRECEDING / FOLLOWING, may be INTERVAL */
} sql_frame_bound_t;

typedef struct sql_window {
    sql_ident_t name;        /* WINDOW w AS (...): w; OVER w: the referenced name */
    sql_ident_t base;        /* (w2 PARTITION BY ...): w2 */
    sql_list_t partition_by; /* sql_expr_t* */
    sql_list_t order_by;     /* sql_order_item_t* */
    int frame_unit;          /* 0 none, 1 ROWS, 2 RANGE */
    bool frame_between;
    sql_frame_bound_t start, end;
    bool name_only; /* OVER w */
} sql_window_t;

/* Special call syntax that restore must reproduce. */
typedef enum sql_func_form {
    SQL_FF_PLAIN = 0,
    SQL_FF_STAR,         /* COUNT(*) */
    SQL_FF_EXTRACT,      /* EXTRACT(unit FROM x) */
    SQL_FF_TRIM,         /* TRIM([dir] [r] FROM s): args[0] = s, args[1] = r */
    SQL_FF_POSITION,     /* POSITION(a IN b) */
    SQL_FF_TIMESTAMPADD, /* TIMESTAMPADD/TIMESTAMPDIFF(unit, a, b) */
    SQL_FF_NILADIC,      /* CURRENT_TIMESTAMP without parentheses */
    SQL_FF_CHAR_USING,   /* CHAR(a, b USING cs) */
    SQL_FF_GET_FORMAT,   /* GET_FORMAT(DATE|TIME|DATETIME|TIMESTAMP, e) */
    SQL_FF_SUBSTR_FROM,  /* SUBSTRING(s FROM a [FOR b]) */
    SQL_FF_JSON_ARROW,   /* col->'$.path': args[0] col, args[1] path */
    SQL_FF_JSON_ARROW2,  /* col->>'$.path' */
} sql_func_form_t;

typedef struct sql_func {
    sql_ident_t name;   /* as written; restore prints it upper-cased */
    sql_ident_t schema; /* db.f(...): db */
    sql_func_form_t form;
    sql_list_t args; /* sql_expr_t* */
    bool distinct;
    sql_unit_t unit;      /* EXTRACT, TIMESTAMPADD */
    int trim_dir;         /* 0 none, 1 BOTH, 2 LEADING, 3 TRAILING */
    sql_ident_t using_cs; /* CHAR(... USING cs), GET_FORMAT's type word */
    sql_list_t order_by;  /* GROUP_CONCAT(... ORDER BY ...): sql_order_item_t* */
    sql_lit_t *separator; /* GROUP_CONCAT(... SEPARATOR 's') */
    sql_window_t *over;   /* OVER (...) or OVER w */
    int nulls;            /* window funcs: 0, 1 RESPECT NULLS, 2 IGNORE NULLS */
    int from_first_last;  /* NTH_VALUE: 0, 1 FROM FIRST, 2 FROM LAST */
} sql_func_t;

typedef enum sql_var_scope {
    SQL_VAR_USER = 0,    /* @x */
    SQL_VAR_SYS_DEFAULT, /* @@x */
    SQL_VAR_SESSION,     /* @@session.x or SESSION x */
    SQL_VAR_GLOBAL,      /* @@global.x or GLOBAL x */
    SQL_VAR_LOCAL,       /* @@local.x or LOCAL x */
    SQL_VAR_INSTANCE,    /* INSTANCE x (TiDB) */
} sql_var_scope_t;

struct sql_expr {
    sql_expr_kind_t kind;
    uint32_t pos;
    uint32_t depth; /* 1 + depth of the deepest child; bounded by the parser */
    sql_op_t op;    /* UNARY, BINARY, CMP_SUBQ */
    bool neg;       /* NOT IN / NOT LIKE / NOT BETWEEN / IS NOT / NOT EXISTS */
    bool parens;    /* written in parentheses (informational; restore ignores it) */
    bool row_kw;    /* ROW: written ROW(a, b) rather than (a, b) */
    union {
        sql_lit_t lit;
        struct {
            sql_ident_t db, tbl, col;
            bool star;
            bool bare_word; /* SET x = ON: a keyword used as a value */
        } col;
        struct {
            sql_ident_t name;
            sql_var_scope_t scope;
            bool bare; /* SET [GLOBAL|SESSION] x: written without @@ */
        } var;
        uint32_t param_index; /* 0-based order of ? in the statement */
        struct {
            sql_expr_t *l, *r;
        } bin; /* UNARY uses l */
        struct {
            sql_expr_t *e;
            int what; /* 0 NULL, 1 TRUE, 2 FALSE, 3 UNKNOWN */
        } is;
        struct {
            sql_expr_t *e, *lo, *hi;
        } between;
        struct {
            sql_expr_t *e, *pat, *esc;
            bool regexp;
            bool rlike; /* written RLIKE */
        } like;
        struct {
            sql_expr_t *e;
            sql_list_t list; /* sql_expr_t* */
            sql_select_t *sub;
        } in;
        struct {
            sql_select_t *sel;
            sql_expr_t *l; /* CMP_SUBQ left operand */
            int quant;     /* CMP_SUBQ: 0 ANY, 1 SOME, 2 ALL */
        } subq;
        sql_list_t row;
        struct {
            sql_expr_t *operand;
            sql_list_t whens; /* sql_when_t* */
            sql_expr_t *else_;
        } case_;
        struct {
            sql_expr_t *e;
            sql_type_t *type;
            bool is_convert; /* written CONVERT(e, type) */
            bool array;      /* CAST(e AS type ARRAY) */
        } cast;
        struct {
            sql_expr_t *e;
            sql_ident_t name; /* collation or charset */
        } coll;
        struct {
            sql_expr_t *e;
            sql_unit_t unit;
        } interval;
        sql_func_t *func;
        struct {
            sql_ident_t col; /* DEFAULT(col) / VALUES(col); col.tbl in tbl */
            sql_ident_t tbl, db;
        } ref;
        struct {
            sql_expr_t *var, *value;
        } assign;
        struct {
            sql_list_t cols; /* sql_expr_t* columns */
            sql_expr_t *against;
            int mode; /* 0 none, 1 IN NATURAL LANGUAGE MODE, 2 IN BOOLEAN MODE, 3 WITH QUERY
                         EXPANSION */
        } match;
    } u;
};

/* ---- SELECT ---- */

typedef struct sql_field {
    sql_expr_t *expr; /* a COLUMN with star for * and t.* */
    sql_ident_t alias;
    bool alias_as; /* written with AS */
    uint32_t pos;
    uint32_t text_end; /* byte offset just past the expression text (for column names) */
} sql_field_t;

typedef enum sql_index_hint_kind {
    SQL_IH_USE,
    SQL_IH_IGNORE,
    SQL_IH_FORCE,
} sql_index_hint_kind_t;

typedef struct sql_index_hint {
    sql_index_hint_kind_t kind;
    bool key_word;    /* written KEY instead of INDEX */
    int for_what;     /* 0 none, 1 FOR JOIN, 2 FOR ORDER BY, 3 FOR GROUP BY */
    sql_list_t names; /* sql_ident_t*; empty for USE INDEX () */
} sql_index_hint_t;

typedef enum sql_join_kind {
    SQL_JOIN_COMMA,
    SQL_JOIN_INNER, /* JOIN / INNER JOIN */
    SQL_JOIN_CROSS,
    SQL_JOIN_STRAIGHT,
    SQL_JOIN_LEFT,
    SQL_JOIN_RIGHT,
    SQL_JOIN_NATURAL,
    SQL_JOIN_NATURAL_LEFT,
    SQL_JOIN_NATURAL_RIGHT,
} sql_join_kind_t;

typedef enum sql_table_ref_kind {
    SQL_TR_TABLE,   /* a named table */
    SQL_TR_DERIVED, /* (SELECT ...) AS alias */
    SQL_TR_JOIN,
    SQL_TR_DUAL,
} sql_table_ref_kind_t;

struct sql_table_ref {
    sql_table_ref_kind_t kind;
    uint32_t pos;
    bool parens; /* ( join ) */
    /* TABLE */
    sql_name_t name;
    sql_list_t partitions;  /* sql_ident_t* */
    sql_list_t index_hints; /* sql_index_hint_t* */
    sql_ident_t alias;
    bool alias_as;
    /* DERIVED */
    sql_select_t *sub;
    sql_list_t col_aliases; /* sql_ident_t* */
    bool lateral;
    /* JOIN */
    sql_join_kind_t join;
    bool outer_kw; /* LEFT OUTER JOIN */
    sql_table_ref_t *left, *right;
    sql_expr_t *on;
    sql_list_t using_cols; /* sql_ident_t* */
};

typedef struct sql_cte {
    sql_ident_t name;
    sql_list_t cols; /* sql_ident_t* */
    sql_select_t *query;
} sql_cte_t;

typedef struct sql_with {
    bool recursive;
    sql_list_t ctes; /* sql_cte_t* */
} sql_with_t;

typedef struct sql_limit {
    sql_expr_t *count;
    sql_expr_t *offset;
    bool comma_form; /* LIMIT m, n */
} sql_limit_t;

typedef enum sql_lock_kind {
    SQL_LOCK_NONE = 0,
    SQL_LOCK_FOR_UPDATE,
    SQL_LOCK_FOR_SHARE,
    SQL_LOCK_IN_SHARE_MODE,
} sql_lock_kind_t;

typedef struct sql_lock {
    sql_lock_kind_t kind;
    sql_list_t tables; /* OF t1, t2: sql_name_t* */
    int wait;          /* 0 none, 1 NOWAIT, 2 SKIP LOCKED, 3 WAIT n */
    uint64_t wait_n;
} sql_lock_t;

typedef enum sql_select_kind {
    SQL_SEL_SIMPLE,
    SQL_SEL_SETOP,
    SQL_SEL_PAREN,  /* ( query ) ORDER BY / LIMIT applied to a parenthesised query: left */
    SQL_SEL_VALUES, /* VALUES ROW(...), ... */
    SQL_SEL_TABLE,  /* TABLE t */
} sql_select_kind_t;

typedef enum sql_setop {
    SQL_SETOP_UNION,
    SQL_SETOP_EXCEPT,
    SQL_SETOP_INTERSECT,
} sql_setop_t;

/* SELECT options as flags. */
enum {
    SQL_SELOPT_SQL_CALC_FOUND_ROWS = 1 << 0,
    SQL_SELOPT_STRAIGHT_JOIN = 1 << 1,
    SQL_SELOPT_HIGH_PRIORITY = 1 << 2,
    SQL_SELOPT_SQL_SMALL_RESULT = 1 << 3,
    SQL_SELOPT_SQL_BIG_RESULT = 1 << 4,
    SQL_SELOPT_SQL_BUFFER_RESULT = 1 << 5,
    SQL_SELOPT_SQL_CACHE = 1 << 6,
    SQL_SELOPT_SQL_NO_CACHE = 1 << 7,
};

/* A query expression: one SELECT block or a set operation of two, with the
 * clauses (WITH, ORDER BY, LIMIT, locking) that apply to the whole. */
struct sql_select {
    sql_select_kind_t kind;
    uint32_t pos;
    uint32_t depth;
    bool parens; /* ( query ) */
    sql_with_t *with;
    /* SIMPLE */
    hint_list_t *hints;
    int distinct; /* 0, 1 DISTINCT, 2 ALL, 3 DISTINCTROW */
    uint32_t options;
    sql_list_t fields; /* sql_field_t* */
    sql_table_ref_t *from;
    sql_expr_t *where;
    sql_list_t group_by; /* sql_order_item_t* (MySQL allows ASC/DESC) */
    bool rollup;
    sql_expr_t *having;
    sql_list_t windows; /* sql_window_t* */
    /* SETOP */
    sql_setop_t setop;
    int quant; /* 0 none, 1 ALL, 2 DISTINCT */
    sql_select_t *left, *right;
    /* VALUES / TABLE */
    sql_list_t rows; /* VALUES: sql_list_t* of sql_expr_t* */
    sql_name_t table;
    /* everywhere */
    sql_list_t order_by; /* sql_order_item_t* */
    sql_limit_t *limit;
    sql_lock_t *lock;
    sql_list_t into_vars; /* SELECT ... INTO @a, @b FROM: sql_expr_t* (user variables) */
};

/* GROUP BY list while parsing. */
typedef struct sql_group {
    sql_list_t items; /* sql_order_item_t* */
    bool rollup;
} sql_group_t;

/* ---- DML ---- */

typedef struct sql_assign {
    sql_expr_t *col; /* a COLUMN */
    sql_expr_t *value;
} sql_assign_t;

typedef struct sql_insert {
    bool replace, ignore;
    int priority; /* 0, 1 LOW_PRIORITY, 2 HIGH_PRIORITY, 3 DELAYED */
    bool into;
    hint_list_t *hints;
    sql_name_t table;
    sql_list_t partitions; /* sql_ident_t* */
    sql_list_t columns;    /* sql_ident_t* (may be qualified: sql_expr_t* COLUMN) */
    bool has_columns;      /* () written even if empty */
    int form;              /* 0 VALUES, 1 VALUE, 2 SELECT, 3 SET */
    sql_list_t rows;       /* sql_list_t* of sql_expr_t* */
    sql_select_t *select;
    sql_list_t set;        /* sql_assign_t* */
    sql_ident_t row_alias; /* VALUES (...) AS new */
    sql_list_t on_dup;     /* sql_assign_t* */
} sql_insert_t;

typedef struct sql_update {
    hint_list_t *hints;
    bool low_priority, ignore;
    sql_table_ref_t *tables;
    sql_list_t set; /* sql_assign_t* */
    sql_expr_t *where;
    sql_list_t order_by;
    sql_limit_t *limit;
    sql_with_t *with;
} sql_update_t;

typedef struct sql_delete {
    hint_list_t *hints;
    bool low_priority, quick, ignore;
    int form;           /* 0 single table, 1 DELETE t1, t2 FROM refs, 2 DELETE FROM t1 USING refs */
    sql_list_t targets; /* multi-table: sql_name_t* (t or t.*) */
    sql_table_ref_t *tables; /* single: the table; multi: the references */
    sql_expr_t *where;
    sql_list_t order_by;
    sql_limit_t *limit;
    sql_with_t *with;
} sql_delete_t;

typedef struct sql_load_data {
    bool local;
    sql_lit_t *file;
    int dup; /* 0, 1 REPLACE, 2 IGNORE */
    sql_name_t table;
    sql_ident_t charset;
    bool has_fields;
    bool columns_kw; /* COLUMNS instead of FIELDS */
    sql_lit_t *fields_terminated, *fields_enclosed, *fields_escaped;
    bool optionally;
    bool has_lines;
    sql_lit_t *lines_starting, *lines_terminated;
    uint64_t ignore_n;
    bool has_ignore;
    bool ignore_rows;   /* IGNORE n ROWS */
    sql_list_t columns; /* sql_expr_t* (columns or @vars) */
    bool has_columns;
    sql_list_t set; /* sql_assign_t* */
} sql_load_data_t;

/* ---- DDL ---- */

typedef enum sql_col_opt_kind {
    SQL_CO_NULL,
    SQL_CO_NOT_NULL,
    SQL_CO_DEFAULT,   /* expr */
    SQL_CO_ON_UPDATE, /* expr */
    SQL_CO_AUTO_INCREMENT,
    SQL_CO_AUTO_RANDOM,   /* num (shard bits, -1 none), num2 (range bits, -1 none) */
    SQL_CO_PRIMARY_KEY,   /* flag: clustered 0 none, 1 CLUSTERED, 2 NONCLUSTERED */
    SQL_CO_UNIQUE,        /* key_word: UNIQUE KEY */
    SQL_CO_COMMENT,       /* str */
    SQL_CO_COLLATE,       /* ident */
    SQL_CO_GENERATED,     /* expr; flag: 0 VIRTUAL default, 1 VIRTUAL, 2 STORED; always_kw */
    SQL_CO_CHECK,         /* expr; flag: enforced 0 none, 1 ENFORCED, 2 NOT ENFORCED */
    SQL_CO_REFERENCES,    /* ref */
    SQL_CO_COLUMN_FORMAT, /* ident */
    SQL_CO_STORAGE,       /* ident */
    SQL_CO_SERIAL_DEFAULT_VALUE,
} sql_col_opt_kind_t;

typedef struct sql_fk_ref sql_fk_ref_t;

typedef struct sql_col_opt {
    sql_col_opt_kind_t kind;
    sql_expr_t *expr;
    sql_lit_t *str;
    sql_ident_t ident;
    int64_t num, num2;
    int flag;
    bool key_word, always_kw;
    sql_fk_ref_t *ref;
} sql_col_opt_t;

typedef struct sql_column_def {
    sql_ident_t name;
    sql_type_t *type;
    sql_list_t opts; /* sql_col_opt_t* */
    uint32_t pos;
} sql_column_def_t;

/* A key part: a column with optional prefix length, or (expr); ASC/DESC. */
typedef struct sql_key_part {
    sql_ident_t col;
    int32_t len; /* -1 absent */
    sql_expr_t *expr;
    int order; /* 0 none, 1 ASC, 2 DESC */
} sql_key_part_t;

typedef struct sql_index_opt {
    int kind; /* 1 USING BTREE/HASH/RTREE (ident), 2 COMMENT (str), 3 KEY_BLOCK_SIZE (num),
                 4 VISIBLE, 5 INVISIBLE, 6 CLUSTERED, 7 NONCLUSTERED, 8 WITH PARSER (ident),
                 9 GLOBAL, 10 LOCAL */
    sql_ident_t ident;
    sql_lit_t *str;
    uint64_t num;
    bool eq; /* KEY_BLOCK_SIZE = n */
} sql_index_opt_t;

struct sql_fk_ref {
    sql_name_t table;
    sql_list_t cols; /* sql_key_part_t* */
    int match;       /* 0, 1 FULL, 2 PARTIAL, 3 SIMPLE */
    int on_delete;   /* 0 none, 1 RESTRICT, 2 CASCADE, 3 SET NULL, 4 NO ACTION, 5 SET DEFAULT */
    int on_update;
};

typedef enum sql_constraint_kind {
    SQL_CONS_PRIMARY,
    SQL_CONS_UNIQUE,
    SQL_CONS_INDEX,
    SQL_CONS_FULLTEXT,
    SQL_CONS_FOREIGN,
    SQL_CONS_CHECK,
} sql_constraint_kind_t;

typedef struct sql_constraint {
    sql_constraint_kind_t kind;
    sql_ident_t symbol; /* CONSTRAINT symbol */
    bool has_constraint_kw;
    sql_ident_t name; /* index name */
    bool key_word;    /* KEY rather than INDEX */
    bool unique_key;  /* UNIQUE KEY / UNIQUE INDEX written */
    int using_before; /* index type given before the key list: 0/1 */
    sql_ident_t using_type;
    bool if_not_exists;
    sql_list_t parts; /* sql_key_part_t* */
    sql_list_t opts;  /* sql_index_opt_t* */
    sql_fk_ref_t *ref;
    sql_expr_t *check;
    int enforced; /* 0 none, 1 ENFORCED, 2 NOT ENFORCED */
    uint32_t pos;
} sql_constraint_t;

typedef enum sql_table_opt_kind {
    SQL_TO_ENGINE,         /* ident */
    SQL_TO_CHARSET,        /* ident; flag: default_kw; key_word: CHARSET vs CHARACTER SET */
    SQL_TO_COLLATE,        /* ident; default_kw */
    SQL_TO_AUTO_INCREMENT, /* num */
    SQL_TO_AUTO_ID_CACHE,
    SQL_TO_AUTO_RANDOM_BASE,
    SQL_TO_COMMENT,    /* str */
    SQL_TO_ROW_FORMAT, /* ident */
    SQL_TO_KEY_BLOCK_SIZE,
    SQL_TO_AVG_ROW_LENGTH,
    SQL_TO_CHECKSUM,
    SQL_TO_COMPRESSION, /* str */
    SQL_TO_CONNECTION,  /* str */
    SQL_TO_PASSWORD,    /* str */
    SQL_TO_DELAY_KEY_WRITE,
    SQL_TO_MAX_ROWS,
    SQL_TO_MIN_ROWS,
    SQL_TO_PACK_KEYS, /* ident (DEFAULT) or num */
    SQL_TO_STATS_PERSISTENT,
    SQL_TO_SHARD_ROW_ID_BITS,
    SQL_TO_PRE_SPLIT_REGIONS,
    SQL_TO_ENCRYPTION,    /* str */
    SQL_TO_TABLESPACE,    /* ident */
    SQL_TO_UNION,         /* list */
    SQL_TO_INSERT_METHOD, /* ident */
} sql_table_opt_kind_t;

typedef struct sql_table_opt {
    sql_table_opt_kind_t kind;
    sql_ident_t ident;
    sql_lit_t *str;
    uint64_t num;
    bool default_kw, eq, key_word, is_default;
    sql_list_t names; /* UNION = (t1, t2): sql_name_t* */
} sql_table_opt_t;

typedef enum sql_part_kind {
    SQL_PART_RANGE,
    SQL_PART_LIST,
    SQL_PART_HASH,
    SQL_PART_KEY,
} sql_part_kind_t;

typedef struct sql_part_def {
    sql_ident_t name;
    int values;       /* 0 none, 1 LESS THAN, 2 IN */
    bool maxvalue;    /* LESS THAN MAXVALUE (without parentheses) */
    sql_list_t exprs; /* LESS THAN (e, ...) or IN (e, (a, b), ...): sql_expr_t* */
    sql_list_t opts;  /* sql_table_opt_t* (ENGINE, COMMENT) */
    uint32_t pos;
} sql_part_def_t;

typedef struct sql_partition {
    sql_part_kind_t kind;
    bool linear;
    bool columns;      /* RANGE COLUMNS / LIST COLUMNS */
    sql_expr_t *expr;  /* RANGE/LIST/HASH (expr) */
    sql_list_t cols;   /* COLUMNS (a, b) / KEY (a, b): sql_ident_t* */
    int key_algorithm; /* KEY ALGORITHM = n: -1 absent */
    uint64_t num;      /* PARTITIONS n: 0 absent */
    bool sub_hash;     /* SUBPARTITION BY ... kept only as a flag with the expr */
    sql_expr_t *sub_expr;
    uint64_t sub_num;
    sql_list_t defs; /* sql_part_def_t* */
} sql_partition_t;

typedef struct sql_create_table {
    bool temporary, if_not_exists;
    int temp_kind; /* 0 TEMPORARY, 1 GLOBAL TEMPORARY */
    sql_name_t table;
    sql_list_t cols;        /* sql_column_def_t* */
    sql_list_t constraints; /* sql_constraint_t* */
    bool has_elements;      /* ( ... ) written */
    sql_list_t opts;        /* sql_table_opt_t* */
    sql_partition_t *partition;
    sql_name_t like; /* CREATE TABLE t LIKE s */
    bool is_like;
    int dup;              /* ... IGNORE/REPLACE AS SELECT: 0, 1 IGNORE, 2 REPLACE */
    sql_select_t *select; /* CREATE TABLE t [AS] SELECT */
    bool as_kw;
    bool on_commit_delete; /* GLOBAL TEMPORARY ... ON COMMIT DELETE ROWS */
} sql_create_table_t;

/* One element of CREATE TABLE ( ... ) while parsing: a column or a constraint. */
typedef struct sql_table_elem {
    sql_column_def_t *col;
    sql_constraint_t *cons;
} sql_table_elem_t;

/* The AS SELECT tail of CREATE TABLE while parsing. */
typedef struct sql_ct_select {
    int dup;
    bool as_kw;
    sql_select_t *select;
} sql_ct_select_t;

/* Two small integers (precision and scale) while parsing. */
typedef struct sql_pair {
    int32_t a, b;
} sql_pair_t;

typedef enum sql_alter_kind {
    SQL_AT_ADD_COLUMN,     /* cols (one or parenthesised list), position */
    SQL_AT_ADD_CONSTRAINT, /* cons */
    SQL_AT_DROP_COLUMN,    /* name */
    SQL_AT_DROP_INDEX,     /* name; key_word */
    SQL_AT_DROP_PRIMARY_KEY,
    SQL_AT_DROP_FOREIGN_KEY,       /* name */
    SQL_AT_DROP_CHECK,             /* name */
    SQL_AT_MODIFY_COLUMN,          /* cols[0], position */
    SQL_AT_CHANGE_COLUMN,          /* name (old), cols[0], position */
    SQL_AT_RENAME_COLUMN,          /* name -> new_name */
    SQL_AT_RENAME_INDEX,           /* name -> new_name; key_word */
    SQL_AT_RENAME_TABLE,           /* new_table; to_kw: 0 none, 1 TO, 2 AS */
    SQL_AT_ALTER_COLUMN_DEFAULT,   /* name, expr (NULL: DROP DEFAULT) */
    SQL_AT_ALTER_INDEX_VISIBILITY, /* name, flag 1 VISIBLE 2 INVISIBLE */
    SQL_AT_OPTION,                 /* opts */
    SQL_AT_SET_TIFLASH_REPLICA,    /* count, labels */
    SQL_AT_CONVERT_CHARSET,        /* ident charset, ident2 collate */
    SQL_AT_ADD_PARTITION,          /* part_defs or num (PARTITIONS n) */
    SQL_AT_DROP_PARTITION,         /* names; if_exists */
    SQL_AT_TRUNCATE_PARTITION,     /* names or all */
    SQL_AT_COALESCE_PARTITION,     /* num */
    SQL_AT_REORGANIZE_PARTITION,   /* names INTO part_defs */
    SQL_AT_EXCHANGE_PARTITION,     /* names[0] WITH TABLE new_table */
    SQL_AT_REMOVE_PARTITIONING,
    SQL_AT_PARTITION_BY, /* partition */
    SQL_AT_ALGORITHM,    /* ident */
    SQL_AT_LOCK,         /* ident */
    SQL_AT_FORCE,
    SQL_AT_ENABLE_KEYS,
    SQL_AT_DISABLE_KEYS,
    SQL_AT_ORDER_BY, /* order_by */
} sql_alter_kind_t;

typedef struct sql_alter_spec {
    sql_alter_kind_t kind;
    uint32_t pos;
    bool column_kw, if_exists, if_not_exists, key_word, all, parens;
    int flag;
    sql_list_t cols; /* sql_column_def_t* */
    int position;    /* 0 none, 1 FIRST, 2 AFTER name2 */
    sql_ident_t name, new_name, name2;
    sql_constraint_t *cons;
    sql_list_t opts; /* sql_table_opt_t* */
    sql_name_t new_table;
    int to_kw;
    sql_expr_t *expr;
    uint64_t count;    /* TIFLASH REPLICA count, PARTITIONS n, COALESCE n */
    sql_list_t labels; /* sql_lit_t* */
    bool has_labels;
    sql_ident_t ident, ident2;
    bool has_ident2;
    sql_list_t names;     /* sql_ident_t* */
    sql_list_t part_defs; /* sql_part_def_t* */
    sql_partition_t *partition;
    sql_list_t order_by;
    bool without_validation, with_validation;
} sql_alter_spec_t;

typedef struct sql_alter_table {
    sql_name_t table;
    sql_list_t specs;           /* sql_alter_spec_t* */
    sql_partition_t *partition; /* trailing PARTITION BY */
} sql_alter_table_t;

typedef struct sql_db_opt {
    int kind; /* 1 CHARACTER SET, 2 COLLATE, 3 ENCRYPTION, 4 PLACEMENT POLICY */
    bool default_kw, eq, key_word;
    sql_ident_t ident;
    sql_lit_t *str;
} sql_db_opt_t;

typedef struct sql_database_stmt {
    bool schema_kw; /* SCHEMA rather than DATABASE */
    bool if_exists, if_not_exists;
    sql_ident_t name; /* empty for ALTER DATABASE without a name */
    sql_list_t opts;  /* sql_db_opt_t* */
    bool set_tiflash;
    uint64_t count;
    sql_list_t labels; /* sql_lit_t* */
    bool has_labels;
} sql_database_stmt_t;

typedef struct sql_drop_table {
    bool temporary, if_exists, view, sequence;
    sql_list_t tables; /* sql_name_t* */
    int behavior;      /* 0, 1 RESTRICT, 2 CASCADE */
} sql_drop_table_t;

typedef struct sql_rename_table {
    sql_list_t from, to; /* sql_name_t* pairs */
} sql_rename_table_t;

typedef struct sql_create_index {
    int kind; /* 0 plain, 1 UNIQUE, 2 FULLTEXT, 3 SPATIAL */
    bool if_not_exists;
    sql_ident_t name;
    sql_name_t table;
    sql_ident_t using_type;
    sql_list_t parts; /* sql_key_part_t* */
    sql_list_t opts;  /* sql_index_opt_t* */
    sql_ident_t algorithm, lock;
} sql_create_index_t;

typedef struct sql_drop_index {
    bool if_exists;
    sql_ident_t name;
    sql_name_t table;
} sql_drop_index_t;

typedef struct sql_create_view {
    bool or_replace;
    sql_ident_t algorithm;
    sql_expr_t *definer; /* user spec as an expression-less name pair below */
    sql_ident_t definer_user, definer_host;
    bool definer_current_user;
    int security; /* 0, 1 DEFINER, 2 INVOKER */
    sql_name_t name;
    sql_list_t cols; /* sql_ident_t* */
    sql_select_t *select;
    int check; /* 0, 1 WITH CHECK OPTION, 2 WITH CASCADED CHECK OPTION, 3 WITH LOCAL */
    uint32_t select_pos, select_end; /* the query's text, for the view definition */
} sql_create_view_t;

/* ---- session and administration ---- */

typedef enum sql_set_kind {
    SQL_SET_VAR,      /* user or system variable := expr */
    SQL_SET_NAMES,    /* NAMES cs [COLLATE c] | NAMES DEFAULT */
    SQL_SET_CHARSET,  /* CHARACTER SET cs | CHARSET cs | ... DEFAULT */
    SQL_SET_PASSWORD, /* PASSWORD [FOR user] = 'x' */
} sql_set_kind_t;

typedef struct sql_user {
    sql_ident_t user, host;
    bool current_user; /* CURRENT_USER [()] */
    bool has_host;
} sql_user_t;

typedef struct sql_set_item {
    sql_set_kind_t kind;
    sql_expr_t *var;   /* a VAR expression (scope set) */
    sql_expr_t *value; /* NULL for DEFAULT in NAMES/CHARSET */
    bool colon_eq;     /* := rather than = */
    sql_ident_t charset, collate;
    bool is_default;
    bool charset_kw;  /* CHARSET rather than CHARACTER SET */
    sql_user_t *user; /* SET PASSWORD FOR user */
    sql_lit_t *password;
    bool password_fn; /* PASSWORD('x') */
} sql_set_item_t;

typedef struct sql_set_stmt {
    sql_list_t items; /* sql_set_item_t* */
} sql_set_stmt_t;

typedef struct sql_set_txn {
    int scope;         /* 0 next transaction, 1 SESSION, 2 GLOBAL */
    int isolation;     /* 0 absent, 1 READ UNCOMMITTED, 2 READ COMMITTED, 3 REPEATABLE READ,
                          4 SERIALIZABLE */
    int access;        /* 0 absent, 1 READ ONLY, 2 READ WRITE */
    bool access_first; /* access mode written before the isolation level */
} sql_set_txn_t;

typedef struct sql_txn_stmt {
    int kind; /* 1 BEGIN, 2 START TRANSACTION, 3 COMMIT, 4 ROLLBACK, 5 SAVEPOINT,
                 6 RELEASE SAVEPOINT, 7 ROLLBACK TO SAVEPOINT */
    bool read_only, read_write, consistent_snapshot, work_kw, savepoint_kw;
    int mode; /* BEGIN PESSIMISTIC 1 / OPTIMISTIC 2 */
    sql_ident_t name;
    sql_expr_t *as_of; /* START TRANSACTION READ ONLY AS OF TIMESTAMP e */
} sql_txn_stmt_t;

typedef enum sql_show_kind {
    SQL_SHOW_DATABASES,
    SQL_SHOW_TABLES,
    SQL_SHOW_COLUMNS,
    SQL_SHOW_CREATE_TABLE,
    SQL_SHOW_CREATE_DATABASE,
    SQL_SHOW_CREATE_VIEW,
    SQL_SHOW_CREATE_USER,
    SQL_SHOW_INDEX,
    SQL_SHOW_VARIABLES,
    SQL_SHOW_STATUS,
    SQL_SHOW_WARNINGS,
    SQL_SHOW_ERRORS,
    SQL_SHOW_COUNT_WARNINGS,
    SQL_SHOW_COUNT_ERRORS,
    SQL_SHOW_PROCESSLIST,
    SQL_SHOW_ENGINES,
    SQL_SHOW_COLLATION,
    SQL_SHOW_CHARSET,
    SQL_SHOW_GRANTS,
    SQL_SHOW_TABLE_STATUS,
    SQL_SHOW_PLUGINS,
    SQL_SHOW_PRIVILEGES,
    SQL_SHOW_MASTER_STATUS,
    SQL_SHOW_TRIGGERS,
    SQL_SHOW_EVENTS,
    SQL_SHOW_PROCEDURE_STATUS,
    SQL_SHOW_FUNCTION_STATUS,
    SQL_SHOW_OPEN_TABLES,
    SQL_SHOW_STATS_META,
    SQL_SHOW_STATS_HISTOGRAMS,
    SQL_SHOW_CONFIG,
    SQL_SHOW_PROFILES,
    SQL_SHOW_BINARY_LOGS,
} sql_show_kind_t;

typedef struct sql_show {
    sql_show_kind_t kind;
    bool full, extended;
    int scope;   /* 0 none, 1 SESSION, 2 GLOBAL, 3 LOCAL */
    int word;    /* spelling chosen: e.g. 1 SCHEMAS, 1 FIELDS, 1/2 INDEXES/KEYS,
                    1 CHARSET, 1 FROM vs 2 IN */
    int db_word; /* 1 FROM, 2 IN */
    int tbl_word;
    sql_name_t table;
    sql_ident_t db;
    bool if_not_exists;
    sql_lit_t *like;
    sql_expr_t *where;
    sql_user_t *user;
    bool using_roles;
    sql_limit_t *limit;
} sql_show_t;

typedef struct sql_explain {
    int form; /* 0 EXPLAIN, 1 DESCRIBE, 2 DESC */
    bool analyze;
    sql_lit_t *format; /* FORMAT = 'brief' (string), or bare word in format_ident */
    sql_ident_t format_ident;
    sql_stmt_t *stmt;
    sql_name_t table; /* DESC t [col] */
    sql_ident_t column;
    bool is_table;
    uint64_t conn_id; /* EXPLAIN FOR CONNECTION n */
    bool for_conn;
} sql_explain_t;

typedef struct sql_table_list_stmt {
    sql_list_t tables;  /* sql_name_t* */
    int flag;           /* ANALYZE: 1 NO_WRITE_TO_BINLOG, 2 LOCAL; ADMIN: sub kind */
    sql_list_t columns; /* ANALYZE TABLE t COLUMNS a, b */
    sql_list_t index_names;
    bool all_columns;
} sql_table_list_stmt_t;

typedef struct sql_admin {
    int kind; /* 1 CHECKSUM TABLE, 2 RELOAD EXPR_PUSHDOWN_BLACKLIST, 3 RELOAD OPT_RULE_BLACKLIST,
                 4 SHOW DDL, 5 SHOW DDL JOBS, 6 CHECK TABLE, 7 CANCEL DDL JOBS, 8 RELOAD BINDINGS,
                 9 FLUSH BINDINGS, 10 SHOW TELEMETRY */
    sql_list_t tables; /* sql_name_t* */
    sql_list_t nums;   /* job ids: sql_expr_t* */
    uint64_t n;
    bool has_n;
} sql_admin_t;

typedef struct sql_kill {
    bool tidb, query, connection;
    sql_expr_t *id;
} sql_kill_t;

typedef struct sql_user_spec {
    sql_user_t user;
    int auth; /* 0 none, 1 IDENTIFIED BY 'p', 2 IDENTIFIED WITH plugin [BY|AS 'x'] */
    sql_ident_t plugin;
    sql_lit_t *secret;
    bool as_hash;     /* IDENTIFIED ... AS 'hash' */
    bool password_kw; /* IDENTIFIED BY PASSWORD 'hash' */
} sql_user_spec_t;

typedef struct sql_user_stmt {
    bool if_exists, if_not_exists;
    sql_list_t users; /* sql_user_spec_t* (DROP USER: only user) */
    int require;      /* 0 none, 1 NONE, 2 SSL, 3 X509 */
    bool lock_account, unlock_account;
    bool is_role;
} sql_user_stmt_t;

typedef struct sql_priv {
    const char *name; /* canonical upper case: "SELECT", "ALL PRIVILEGES", ... */
    sql_list_t cols;  /* sql_ident_t* */
} sql_priv_t;

typedef struct sql_grant {
    bool revoke;
    sql_list_t privs;                 /* sql_priv_t* */
    int object_type;                  /* 0 none, 1 TABLE, 2 FUNCTION, 3 PROCEDURE */
    sql_ident_t db, tbl;              /* "*" is stored with len 1 and quoted false */
    bool db_star, tbl_star, all_star; /* *.*, db.*, * */
    sql_list_t users;                 /* sql_user_spec_t* */
    bool with_grant;
    sql_list_t roles; /* GRANT role, ... TO user / REVOKE role FROM user: sql_user_t* */
    bool is_role;     /* a role grant: privs and the object are empty */
} sql_grant_t;

typedef struct sql_flush {
    int kind; /* 1 PRIVILEGES, 2 TABLES, 3 STATUS, 4 LOGS, 5 HOSTS */
    bool no_write, local;
    sql_list_t tables;
    bool with_read_lock;
} sql_flush_t;

typedef struct sql_prepare {
    sql_ident_t name;
    sql_lit_t *text;       /* PREPARE s FROM 'text' */
    sql_expr_t *var;       /* PREPARE s FROM @v */
    sql_list_t using_vars; /* EXECUTE s USING @a: sql_expr_t* */
    bool drop_kw;          /* DROP PREPARE */
} sql_prepare_t;

typedef struct sql_lock_tables {
    sql_list_t tables;  /* sql_name_t* */
    sql_list_t aliases; /* sql_ident_t* (len 0: none) */
    sql_list_t modes;   /* int as pointer-sized: 1 READ, 2 READ LOCAL, 3 WRITE, 4 WRITE LOCAL */
} sql_lock_tables_t;

typedef enum sql_stmt_kind {
    SQL_STMT_SELECT,
    SQL_STMT_INSERT,
    SQL_STMT_UPDATE,
    SQL_STMT_DELETE,
    SQL_STMT_LOAD_DATA,
    SQL_STMT_CREATE_DATABASE,
    SQL_STMT_ALTER_DATABASE,
    SQL_STMT_DROP_DATABASE,
    SQL_STMT_CREATE_TABLE,
    SQL_STMT_ALTER_TABLE,
    SQL_STMT_DROP_TABLE, /* also DROP VIEW / DROP SEQUENCE */
    SQL_STMT_TRUNCATE,
    SQL_STMT_RENAME_TABLE,
    SQL_STMT_CREATE_INDEX,
    SQL_STMT_DROP_INDEX,
    SQL_STMT_CREATE_VIEW,
    SQL_STMT_SET,
    SQL_STMT_SET_TRANSACTION,
    SQL_STMT_USE,
    SQL_STMT_TXN,
    SQL_STMT_SHOW,
    SQL_STMT_EXPLAIN, /* also DESC/DESCRIBE table */
    SQL_STMT_ANALYZE,
    SQL_STMT_ADMIN,
    SQL_STMT_KILL,
    SQL_STMT_CREATE_USER,
    SQL_STMT_ALTER_USER,
    SQL_STMT_DROP_USER,
    SQL_STMT_GRANT,
    SQL_STMT_REVOKE,
    SQL_STMT_FLUSH,
    SQL_STMT_PREPARE,
    SQL_STMT_EXECUTE,
    SQL_STMT_DEALLOCATE,
    SQL_STMT_DO,
    SQL_STMT_LOCK_TABLES,
    SQL_STMT_UNLOCK_TABLES,
    SQL_STMT_SET_ROLE,
    SQL_STMT_SET_DEFAULT_ROLE,
    SQL_STMT_KIND_COUNT_,
} sql_stmt_kind_t;

/* One statement: text_pos/text_len delimit its own text in the input. */
struct sql_stmt {
    sql_stmt_kind_t kind;
    uint32_t pos;
    uint32_t text_pos, text_len;
    uint32_t param_count; /* number of ? markers */
    union {
        sql_select_t *select;
        sql_insert_t *insert;
        sql_update_t *update;
        sql_delete_t *del;
        sql_load_data_t *load;
        sql_database_stmt_t *database;
        sql_create_table_t *create_table;
        sql_alter_table_t *alter_table;
        sql_drop_table_t *drop_table;
        sql_name_t *truncate;
        sql_rename_table_t *rename;
        sql_create_index_t *create_index;
        sql_drop_index_t *drop_index;
        sql_create_view_t *create_view;
        sql_set_stmt_t *set;
        sql_set_txn_t *set_txn;
        sql_ident_t *use;
        sql_txn_stmt_t *txn;
        sql_show_t *show;
        sql_explain_t *explain;
        sql_table_list_stmt_t *analyze;
        sql_admin_t *admin;
        sql_kill_t *kill;
        sql_user_stmt_t *user;
        sql_grant_t *grant;
        sql_flush_t *flush;
        sql_prepare_t *prepare;
        sql_list_t *do_exprs;
        sql_lock_tables_t *lock_tables;
        sql_list_t *roles; /* SET ROLE, SET DEFAULT ROLE: sql_user_t* */
    } u;
    /* SET ROLE / SET DEFAULT ROLE: 0 the role list, 1 DEFAULT, 2 NONE, 3 ALL, 4 ALL EXCEPT
     * the list. CREATE/DROP ROLE are SQL_STMT_CREATE_USER/DROP_USER with is_role. */
    int role_mode;
    sql_list_t role_users; /* SET DEFAULT ROLE ... TO users: sql_user_t* */
};

/* A warning raised while parsing (hint problems). */
typedef struct sql_warning {
    int code;
    uint32_t pos;
    const char *msg;
} sql_warning_t;

typedef struct sql_stmt_list {
    sql_stmt_t **stmts;
    uint32_t n;
    sql_warning_t *warnings;
    uint32_t nwarnings;
} sql_stmt_list_t;

#endif
