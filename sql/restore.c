/* restore.c - prints expressions, queries and DML back to canonical SQL text. */
#include <string.h>
#include <strings.h>

#include "hints/hints.h"
#include "sql/parser.h"
#include "sql/restore_int.h"

void sql_put_ident(duet_buf_t *b, const sql_ident_t *id)
{
    duet_buf_putc(b, '`');
    for (uint32_t i = 0; i < id->len; i++) {
        if (id->s[i] == '`')
            duet_buf_putc(b, '`');
        duet_buf_putc(b, id->s[i]);
    }
    duet_buf_putc(b, '`');
}

void sql_put_name(duet_buf_t *b, const sql_name_t *n)
{
    if (n->db.len) {
        sql_put_ident(b, &n->db);
        duet_buf_putc(b, '.');
    }
    sql_put_ident(b, &n->name);
}

void sql_put_string(duet_buf_t *b, const char *s, uint32_t len)
{
    duet_buf_putc(b, '\'');
    for (uint32_t i = 0; i < len; i++) {
        char c = s[i];
        switch (c) {
        case '\'':
            duet_buf_puts(b, "''");
            break;
        case '\\':
            duet_buf_puts(b, "\\\\");
            break;
        case 0:
            duet_buf_puts(b, "\\0");
            break;
        case '\n':
            duet_buf_puts(b, "\\n");
            break;
        case '\r':
            duet_buf_puts(b, "\\r");
            break;
        case 26:
            duet_buf_puts(b, "\\Z");
            break;
        default:
            duet_buf_putc(b, c);
        }
    }
    duet_buf_putc(b, '\'');
}

void sql_put_lit(duet_buf_t *b, const sql_lit_t *l)
{
    if (l->charset.len) {
        duet_buf_putc(b, '_');
        duet_buf_append(b, l->charset.s, l->charset.len);
        if (l->kind != SQL_LIT_STRING)
            duet_buf_putc(b, ' ');
    }
    switch (l->kind) {
    case SQL_LIT_NULL:
        duet_buf_puts(b, "NULL");
        break;
    case SQL_LIT_TRUE:
        duet_buf_puts(b, "TRUE");
        break;
    case SQL_LIT_FALSE:
        duet_buf_puts(b, "FALSE");
        break;
    case SQL_LIT_INT:
    case SQL_LIT_DECIMAL:
    case SQL_LIT_FLOAT:
        duet_buf_append(b, l->text, l->len);
        break;
    case SQL_LIT_STRING:
        if (l->national)
            duet_buf_putc(b, 'N');
        sql_put_string(b, l->text, l->len);
        break;
    case SQL_LIT_HEX:
        duet_buf_puts(b, "X'");
        if (l->len % 2)
            duet_buf_putc(b, '0');
        duet_buf_append(b, l->text, l->len);
        duet_buf_putc(b, '\'');
        break;
    case SQL_LIT_BIT:
        duet_buf_puts(b, "b'");
        duet_buf_append(b, l->text, l->len);
        duet_buf_putc(b, '\'');
        break;
    case SQL_LIT_DATE:
        duet_buf_puts(b, "DATE ");
        sql_put_string(b, l->text, l->len);
        break;
    case SQL_LIT_TIME:
        duet_buf_puts(b, "TIME ");
        sql_put_string(b, l->text, l->len);
        break;
    case SQL_LIT_TIMESTAMP:
        duet_buf_puts(b, "TIMESTAMP ");
        sql_put_string(b, l->text, l->len);
        break;
    }
}

static const char *const unit_names[] = {
    "",
    "MICROSECOND",
    "SECOND",
    "MINUTE",
    "HOUR",
    "DAY",
    "WEEK",
    "MONTH",
    "QUARTER",
    "YEAR",
    "SECOND_MICROSECOND",
    "MINUTE_MICROSECOND",
    "MINUTE_SECOND",
    "HOUR_MICROSECOND",
    "HOUR_SECOND",
    "HOUR_MINUTE",
    "DAY_MICROSECOND",
    "DAY_SECOND",
    "DAY_MINUTE",
    "DAY_HOUR",
    "YEAR_MONTH",
};

const char *sql_unit_name(sql_unit_t u)
{
    if ((unsigned)u >= sizeof(unit_names) / sizeof(unit_names[0]))
        return "";
    return unit_names[u];
}

static const char *op_text(sql_op_t op)
{
    switch (op) {
    case SQL_OP_OR:
        return "OR";
    case SQL_OP_XOR:
        return "XOR";
    case SQL_OP_AND:
        return "AND";
    case SQL_OP_EQ:
        return "=";
    case SQL_OP_NULLEQ:
        return "<=>";
    case SQL_OP_NE:
        return "!=";
    case SQL_OP_LT:
        return "<";
    case SQL_OP_LE:
        return "<=";
    case SQL_OP_GT:
        return ">";
    case SQL_OP_GE:
        return ">=";
    case SQL_OP_BITOR:
        return "|";
    case SQL_OP_BITAND:
        return "&";
    case SQL_OP_BITXOR:
        return "^";
    case SQL_OP_LSHIFT:
        return "<<";
    case SQL_OP_RSHIFT:
        return ">>";
    case SQL_OP_PLUS:
        return "+";
    case SQL_OP_MINUS:
        return "-";
    case SQL_OP_MUL:
        return "*";
    case SQL_OP_DIV:
        return "/";
    case SQL_OP_INTDIV:
        return "DIV";
    case SQL_OP_MOD:
        return "%";
    default:
        return "?";
    }
}

/* Operands that are not atoms are printed in parentheses, so the text re-parses
 * to the same tree whatever the operator precedence. */
static int compound(const sql_expr_t *e)
{
    switch (e->kind) {
    case SQL_E_BINARY:
        return e->op != SQL_OP_CONCAT; /* printed as CONCAT(l, r) */
    case SQL_E_IS:
    case SQL_E_BETWEEN:
    case SQL_E_LIKE:
    case SQL_E_IN:
    case SQL_E_CMP_SUBQ:
    case SQL_E_ASSIGN:
    case SQL_E_UNARY:
    case SQL_E_COLLATE:
    case SQL_E_BINARY_CAST:
    case SQL_E_INTERVAL:
        return 1;
    case SQL_E_FUNC:
        return e->u.func->form == SQL_FF_JSON_ARROW || e->u.func->form == SQL_FF_JSON_ARROW2;
    default:
        return 0;
    }
}

static void put_operand(duet_buf_t *b, const sql_expr_t *e)
{
    if (compound(e)) {
        duet_buf_putc(b, '(');
        sql_restore_expr(b, e);
        duet_buf_putc(b, ')');
    } else {
        sql_restore_expr(b, e);
    }
}

void sql_put_exprs(duet_buf_t *b, const sql_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(b, ", ");
        sql_restore_expr(b, l->v[i]);
    }
}

void sql_put_idents(duet_buf_t *b, const sql_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(b, ", ");
        sql_put_ident(b, l->v[i]);
    }
}

void sql_put_order(duet_buf_t *b, const sql_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        const sql_order_item_t *o = l->v[i];
        if (i)
            duet_buf_puts(b, ", ");
        sql_restore_expr(b, o->expr);
        if (o->desc)
            duet_buf_puts(b, " DESC");
        else if (o->explicit_asc)
            duet_buf_puts(b, " ASC");
    }
}

static void put_frame_bound(duet_buf_t *b, const sql_frame_bound_t *f)
{
    switch (f->kind) {
    case SQL_FB_UNBOUNDED_PRECEDING:
        duet_buf_puts(b, "UNBOUNDED PRECEDING");
        break;
    case SQL_FB_UNBOUNDED_FOLLOWING:
        duet_buf_puts(b, "UNBOUNDED FOLLOWING");
        break;
    case SQL_FB_CURRENT_ROW:
        duet_buf_puts(b, "CURRENT ROW");
        break;
    case SQL_FB_PRECEDING:
    case SQL_FB_FOLLOWING:
        put_operand(b, f->expr);
        duet_buf_puts(b, f->kind == SQL_FB_PRECEDING ? " PRECEDING" : " FOLLOWING");
        break;
    }
}

static void put_window_spec(duet_buf_t *b, const sql_window_t *w)
{
    const char *sep = "";
    duet_buf_putc(b, '(');
    if (w->base.len) {
        sql_put_ident(b, &w->base);
        sep = " ";
    }
    if (w->partition_by.n) {
        duet_buf_puts(b, sep);
        duet_buf_puts(b, "PARTITION BY ");
        sql_put_exprs(b, &w->partition_by);
        sep = " ";
    }
    if (w->order_by.n) {
        duet_buf_puts(b, sep);
        duet_buf_puts(b, "ORDER BY ");
        sql_put_order(b, &w->order_by);
        sep = " ";
    }
    if (w->frame_unit) {
        duet_buf_puts(b, sep);
        duet_buf_puts(b, w->frame_unit == 1 ? "ROWS " : "RANGE ");
        if (w->frame_between) {
            duet_buf_puts(b, "BETWEEN ");
            put_frame_bound(b, &w->start);
            duet_buf_puts(b, " AND ");
            put_frame_bound(b, &w->end);
        } else {
            put_frame_bound(b, &w->start);
        }
    }
    duet_buf_putc(b, ')');
}

static void put_func_name(duet_buf_t *b, const sql_func_t *f)
{
    if (f->schema.len) {
        sql_put_ident(b, &f->schema);
        duet_buf_putc(b, '.');
        sql_put_ident(b, &f->name);
        return;
    }
    if (f->name.quoted) {
        sql_put_ident(b, &f->name);
        return;
    }
    for (uint32_t i = 0; i < f->name.len; i++) {
        char c = f->name.s[i];
        duet_buf_putc(b, (c >= 'a' && c <= 'z') ? (char)(c - 32) : c);
    }
}

static void put_func(duet_buf_t *b, const sql_func_t *f)
{
    switch (f->form) {
    case SQL_FF_NILADIC:
        put_func_name(b, f);
        return;
    case SQL_FF_JSON_ARROW:
    case SQL_FF_JSON_ARROW2:
        put_operand(b, f->args.v[0]);
        duet_buf_puts(b, f->form == SQL_FF_JSON_ARROW ? "->" : "->>");
        sql_restore_expr(b, f->args.v[1]);
        return;
    default:
        break;
    }
    put_func_name(b, f);
    duet_buf_putc(b, '(');
    switch (f->form) {
    case SQL_FF_STAR:
        duet_buf_putc(b, '*');
        break;
    case SQL_FF_EXTRACT:
        duet_buf_puts(b, sql_unit_name(f->unit));
        duet_buf_puts(b, " FROM ");
        sql_restore_expr(b, f->args.v[0]);
        break;
    case SQL_FF_TIMESTAMPADD:
        duet_buf_puts(b, sql_unit_name(f->unit));
        duet_buf_puts(b, ", ");
        sql_put_exprs(b, &f->args);
        break;
    case SQL_FF_TRIM: {
        static const char *const dirs[] = {"", "BOTH ", "LEADING ", "TRAILING "};
        duet_buf_puts(b, dirs[f->trim_dir & 3]);
        if (f->args.n > 1) {
            sql_restore_expr(b, f->args.v[1]);
            duet_buf_putc(b, ' ');
        }
        duet_buf_puts(b, "FROM ");
        sql_restore_expr(b, f->args.v[0]);
        break;
    }
    case SQL_FF_POSITION:
        put_operand(b, f->args.v[0]);
        duet_buf_puts(b, " IN ");
        sql_restore_expr(b, f->args.v[1]);
        break;
    case SQL_FF_SUBSTR_FROM:
        sql_restore_expr(b, f->args.v[0]);
        duet_buf_puts(b, " FROM ");
        sql_restore_expr(b, f->args.v[1]);
        if (f->args.n > 2) {
            duet_buf_puts(b, " FOR ");
            sql_restore_expr(b, f->args.v[2]);
        }
        break;
    case SQL_FF_CHAR_USING:
        sql_put_exprs(b, &f->args);
        duet_buf_puts(b, " USING ");
        sql_put_ident(b, &f->using_cs);
        break;
    default:
        if (f->distinct)
            duet_buf_puts(b, "DISTINCT ");
        sql_put_exprs(b, &f->args);
        if (f->order_by.n) {
            duet_buf_puts(b, " ORDER BY ");
            sql_put_order(b, &f->order_by);
        }
        if (f->separator) {
            duet_buf_puts(b, " SEPARATOR ");
            sql_put_string(b, f->separator->text, f->separator->len);
        }
        break;
    }
    duet_buf_putc(b, ')');
    if (f->over) {
        duet_buf_puts(b, " OVER ");
        if (f->over->name_only)
            sql_put_ident(b, &f->over->name);
        else
            put_window_spec(b, f->over);
    }
}

/* A system variable name the lexer reads back unchanged after "@@": word characters
 * and dots, not starting with a scope prefix. */
static int plain_sysvar(const sql_ident_t *n)
{
    static const char *const scopes[] = {"session.", "global.", "local.", "instance."};
    if (n->len == 0)
        return 0;
    for (uint32_t i = 0; i < n->len; i++) {
        unsigned char c = (unsigned char)n->s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '$' || c == '.' || c >= 0x80))
            return 0;
    }
    for (int k = 0; k < 4; k++) {
        size_t m = strlen(scopes[k]);
        if (n->len >= m && strncasecmp(n->s, scopes[k], m) == 0)
            return 0;
    }
    return 1;
}

static void put_var(duet_buf_t *b, const sql_expr_t *e)
{
    static const char *const scopes[] = {"", "", "SESSION.", "GLOBAL.", "LOCAL.", "INSTANCE."};
    if (e->u.var.scope == SQL_VAR_USER) {
        duet_buf_putc(b, '@');
        sql_put_ident(b, &e->u.var.name);
        return;
    }
    if (e->u.var.bare) {
        static const char *const bare[] = {"", "", "SESSION ", "GLOBAL ", "SESSION ", "INSTANCE "};
        duet_buf_puts(b, bare[e->u.var.scope]);
        sql_put_ident(b, &e->u.var.name);
        return;
    }
    duet_buf_puts(b, "@@");
    duet_buf_puts(b, scopes[e->u.var.scope]);
    if (plain_sysvar(&e->u.var.name))
        duet_buf_append(b, e->u.var.name.s, e->u.var.name.len);
    else
        sql_put_ident(b, &e->u.var.name);
}

static void put_subquery(duet_buf_t *b, const sql_select_t *s)
{
    duet_buf_putc(b, '(');
    sql_restore_select(b, s);
    duet_buf_putc(b, ')');
}

static void put_column(duet_buf_t *b, const sql_expr_t *e)
{
    if (e->u.col.bare_word) {
        for (uint32_t i = 0; i < e->u.col.col.len; i++) {
            char c = e->u.col.col.s[i];
            duet_buf_putc(b, (c >= 'a' && c <= 'z') ? (char)(c - 32) : c);
        }
        return;
    }
    if (e->u.col.db.len) {
        sql_put_ident(b, &e->u.col.db);
        duet_buf_putc(b, '.');
    }
    if (e->u.col.tbl.len) {
        sql_put_ident(b, &e->u.col.tbl);
        duet_buf_putc(b, '.');
    }
    if (e->u.col.star)
        duet_buf_putc(b, '*');
    else
        sql_put_ident(b, &e->u.col.col);
}

void sql_restore_expr(duet_buf_t *b, const sql_expr_t *e)
{
    static const char *const is_what[] = {"NULL", "TRUE", "FALSE", "UNKNOWN"};
    static const char *const quant[] = {"ANY", "SOME", "ALL"};
    switch (e->kind) {
    case SQL_E_LIT:
        sql_put_lit(b, &e->u.lit);
        break;
    case SQL_E_COLUMN:
        put_column(b, e);
        break;
    case SQL_E_VAR:
        put_var(b, e);
        break;
    case SQL_E_PARAM:
        duet_buf_putc(b, '?');
        break;
    case SQL_E_UNARY:
        switch (e->op) {
        case SQL_OP_NOT:
            duet_buf_puts(b, "NOT ");
            break;
        case SQL_OP_NOT2:
            duet_buf_putc(b, '!');
            break;
        case SQL_OP_NEG:
            duet_buf_putc(b, '-');
            break;
        case SQL_OP_PLUS:
            duet_buf_putc(b, '+');
            break;
        default:
            duet_buf_putc(b, '~');
            break;
        }
        put_operand(b, e->u.bin.l);
        break;
    case SQL_E_BINARY:
        if (e->op == SQL_OP_CONCAT) {
            duet_buf_puts(b, "CONCAT(");
            sql_restore_expr(b, e->u.bin.l);
            duet_buf_puts(b, ", ");
            sql_restore_expr(b, e->u.bin.r);
            duet_buf_putc(b, ')');
            break;
        }
        put_operand(b, e->u.bin.l);
        duet_buf_putc(b, ' ');
        duet_buf_puts(b, op_text(e->op));
        duet_buf_putc(b, ' ');
        put_operand(b, e->u.bin.r);
        break;
    case SQL_E_IS:
        put_operand(b, e->u.is.e);
        duet_buf_puts(b, e->neg ? " IS NOT " : " IS ");
        duet_buf_puts(b, is_what[e->u.is.what & 3]);
        break;
    case SQL_E_BETWEEN:
        put_operand(b, e->u.between.e);
        duet_buf_puts(b, e->neg ? " NOT BETWEEN " : " BETWEEN ");
        put_operand(b, e->u.between.lo);
        duet_buf_puts(b, " AND ");
        put_operand(b, e->u.between.hi);
        break;
    case SQL_E_LIKE:
        put_operand(b, e->u.like.e);
        if (e->neg)
            duet_buf_puts(b, " NOT");
        duet_buf_puts(b, e->u.like.rlike ? " RLIKE " : e->u.like.regexp ? " REGEXP " : " LIKE ");
        put_operand(b, e->u.like.pat);
        if (e->u.like.esc) {
            duet_buf_puts(b, " ESCAPE ");
            put_operand(b, e->u.like.esc);
        }
        break;
    case SQL_E_IN:
        put_operand(b, e->u.in.e);
        duet_buf_puts(b, e->neg ? " NOT IN " : " IN ");
        if (e->u.in.sub) {
            put_subquery(b, e->u.in.sub);
        } else {
            duet_buf_putc(b, '(');
            sql_put_exprs(b, &e->u.in.list);
            duet_buf_putc(b, ')');
        }
        break;
    case SQL_E_SUBQUERY:
        put_subquery(b, e->u.subq.sel);
        break;
    case SQL_E_EXISTS:
        duet_buf_puts(b, "EXISTS ");
        put_subquery(b, e->u.subq.sel);
        break;
    case SQL_E_CMP_SUBQ:
        put_operand(b, e->u.subq.l);
        duet_buf_putc(b, ' ');
        duet_buf_puts(b, op_text(e->op));
        duet_buf_putc(b, ' ');
        duet_buf_puts(b, quant[e->u.subq.quant % 3]);
        duet_buf_putc(b, ' ');
        put_subquery(b, e->u.subq.sel);
        break;
    case SQL_E_ROW:
        duet_buf_puts(b, e->row_kw ? "ROW(" : "(");
        sql_put_exprs(b, &e->u.row);
        duet_buf_putc(b, ')');
        break;
    case SQL_E_CASE:
        duet_buf_puts(b, "CASE");
        if (e->u.case_.operand) {
            duet_buf_putc(b, ' ');
            sql_restore_expr(b, e->u.case_.operand);
        }
        for (uint32_t i = 0; i < e->u.case_.whens.n; i++) {
            const sql_when_t *w = e->u.case_.whens.v[i];
            duet_buf_puts(b, " WHEN ");
            sql_restore_expr(b, w->cond);
            duet_buf_puts(b, " THEN ");
            sql_restore_expr(b, w->result);
        }
        if (e->u.case_.else_) {
            duet_buf_puts(b, " ELSE ");
            sql_restore_expr(b, e->u.case_.else_);
        }
        duet_buf_puts(b, " END");
        break;
    case SQL_E_CAST:
        duet_buf_puts(b, e->u.cast.is_convert ? "CONVERT(" : "CAST(");
        sql_restore_expr(b, e->u.cast.e);
        duet_buf_puts(b, e->u.cast.is_convert ? ", " : " AS ");
        sql_put_type(b, e->u.cast.type);
        duet_buf_putc(b, ')');
        break;
    case SQL_E_CONVERT_USING:
        duet_buf_puts(b, "CONVERT(");
        sql_restore_expr(b, e->u.coll.e);
        duet_buf_puts(b, " USING ");
        sql_put_ident(b, &e->u.coll.name);
        duet_buf_putc(b, ')');
        break;
    case SQL_E_COLLATE:
        put_operand(b, e->u.coll.e);
        duet_buf_puts(b, " COLLATE ");
        sql_put_ident(b, &e->u.coll.name);
        break;
    case SQL_E_BINARY_CAST:
        duet_buf_puts(b, "BINARY ");
        put_operand(b, e->u.coll.e);
        break;
    case SQL_E_INTERVAL:
        duet_buf_puts(b, "INTERVAL ");
        put_operand(b, e->u.interval.e);
        duet_buf_putc(b, ' ');
        duet_buf_puts(b, sql_unit_name(e->u.interval.unit));
        break;
    case SQL_E_FUNC:
        put_func(b, e->u.func);
        break;
    case SQL_E_DEFAULT:
    case SQL_E_VALUES:
        duet_buf_puts(b, e->kind == SQL_E_DEFAULT ? "DEFAULT" : "VALUES");
        if (e->u.ref.col.len) {
            duet_buf_putc(b, '(');
            if (e->u.ref.db.len) {
                sql_put_ident(b, &e->u.ref.db);
                duet_buf_putc(b, '.');
            }
            if (e->u.ref.tbl.len) {
                sql_put_ident(b, &e->u.ref.tbl);
                duet_buf_putc(b, '.');
            }
            sql_put_ident(b, &e->u.ref.col);
            duet_buf_putc(b, ')');
        }
        break;
    case SQL_E_ASSIGN:
        sql_restore_expr(b, e->u.assign.var);
        duet_buf_puts(b, " := ");
        put_operand(b, e->u.assign.value);
        break;
    case SQL_E_MATCH: {
        static const char *const modes[] = {"", " IN NATURAL LANGUAGE MODE", " IN BOOLEAN MODE",
                                            " WITH QUERY EXPANSION"};
        duet_buf_puts(b, "MATCH (");
        sql_put_exprs(b, &e->u.match.cols);
        duet_buf_puts(b, ") AGAINST (");
        put_operand(b, e->u.match.against);
        duet_buf_puts(b, modes[e->u.match.mode & 3]);
        duet_buf_putc(b, ')');
        break;
    }
    }
}

void sql_put_type(duet_buf_t *b, const sql_type_t *t)
{
    static const char *const names[] = {
        [SQL_T_NONE] = "",
        [SQL_T_BIT] = "BIT",
        [SQL_T_TINYINT] = "TINYINT",
        [SQL_T_BOOL] = "BOOLEAN",
        [SQL_T_SMALLINT] = "SMALLINT",
        [SQL_T_MEDIUMINT] = "MEDIUMINT",
        [SQL_T_INT] = "INT",
        [SQL_T_BIGINT] = "BIGINT",
        [SQL_T_DECIMAL] = "DECIMAL",
        [SQL_T_FLOAT] = "FLOAT",
        [SQL_T_DOUBLE] = "DOUBLE",
        [SQL_T_REAL] = "REAL",
        [SQL_T_DATE] = "DATE",
        [SQL_T_TIME] = "TIME",
        [SQL_T_DATETIME] = "DATETIME",
        [SQL_T_TIMESTAMP] = "TIMESTAMP",
        [SQL_T_YEAR] = "YEAR",
        [SQL_T_CHAR] = "CHAR",
        [SQL_T_VARCHAR] = "VARCHAR",
        [SQL_T_BINARY] = "BINARY",
        [SQL_T_VARBINARY] = "VARBINARY",
        [SQL_T_TINYTEXT] = "TINYTEXT",
        [SQL_T_TEXT] = "TEXT",
        [SQL_T_MEDIUMTEXT] = "MEDIUMTEXT",
        [SQL_T_LONGTEXT] = "LONGTEXT",
        [SQL_T_TINYBLOB] = "TINYBLOB",
        [SQL_T_BLOB] = "BLOB",
        [SQL_T_MEDIUMBLOB] = "MEDIUMBLOB",
        [SQL_T_LONGBLOB] = "LONGBLOB",
        [SQL_T_ENUM] = "ENUM",
        [SQL_T_SET] = "SET",
        [SQL_T_JSON] = "JSON",
        [SQL_T_SERIAL] = "SERIAL",
        [SQL_T_SIGNED] = "SIGNED",
        [SQL_T_UNSIGNED] = "UNSIGNED",
        [SQL_T_NCHAR] = "NCHAR",
    };
    duet_buf_puts(b, names[t->kind]);
    if (t->kind == SQL_T_ENUM || t->kind == SQL_T_SET) {
        duet_buf_putc(b, '(');
        for (uint32_t i = 0; i < t->elems.n; i++) {
            const sql_lit_t *l = t->elems.v[i];
            if (i)
                duet_buf_puts(b, ",");
            sql_put_string(b, l->text, l->len);
        }
        duet_buf_putc(b, ')');
    } else if (t->len >= 0) {
        if (t->dec >= 0)
            duet_buf_printf(b, "(%d,%d)", t->len, t->dec);
        else
            duet_buf_printf(b, "(%d)", t->len);
    }
    if (t->is_unsigned)
        duet_buf_puts(b, " UNSIGNED");
    if (t->zerofill)
        duet_buf_puts(b, " ZEROFILL");
    if (t->binary)
        duet_buf_puts(b, " BINARY");
    if (t->charset.len) {
        duet_buf_puts(b, " CHARACTER SET ");
        sql_put_ident(b, &t->charset);
    }
}

void sql_put_limit(duet_buf_t *b, const sql_limit_t *l)
{
    duet_buf_puts(b, " LIMIT ");
    if (l->offset && l->comma_form) {
        sql_restore_expr(b, l->offset);
        duet_buf_puts(b, ",");
        sql_restore_expr(b, l->count);
        return;
    }
    sql_restore_expr(b, l->count);
    if (l->offset) {
        duet_buf_puts(b, " OFFSET ");
        sql_restore_expr(b, l->offset);
    }
}

static void put_index_hints(duet_buf_t *b, const sql_list_t *l)
{
    static const char *const kinds[] = {" USE ", " IGNORE ", " FORCE "};
    static const char *const fors[] = {"", " FOR JOIN", " FOR ORDER BY", " FOR GROUP BY"};
    for (uint32_t i = 0; i < l->n; i++) {
        const sql_index_hint_t *h = l->v[i];
        duet_buf_puts(b, kinds[h->kind % 3]);
        duet_buf_puts(b, h->key_word ? "KEY" : "INDEX");
        duet_buf_puts(b, fors[h->for_what & 3]);
        duet_buf_puts(b, " (");
        sql_put_idents(b, &h->names);
        duet_buf_putc(b, ')');
    }
}

void sql_put_table_ref(duet_buf_t *b, const sql_table_ref_t *r)
{
    static const char *const joins[] = {
        [SQL_JOIN_COMMA] = ", ",
        [SQL_JOIN_INNER] = " JOIN ",
        [SQL_JOIN_CROSS] = " CROSS JOIN ",
        [SQL_JOIN_STRAIGHT] = " STRAIGHT_JOIN ",
        [SQL_JOIN_LEFT] = " LEFT JOIN ",
        [SQL_JOIN_RIGHT] = " RIGHT JOIN ",
        [SQL_JOIN_NATURAL] = " NATURAL JOIN ",
        [SQL_JOIN_NATURAL_LEFT] = " NATURAL LEFT JOIN ",
        [SQL_JOIN_NATURAL_RIGHT] = " NATURAL RIGHT JOIN ",
    };
    if (r->parens)
        duet_buf_putc(b, '(');
    switch (r->kind) {
    case SQL_TR_DUAL:
        duet_buf_puts(b, "DUAL");
        break;
    case SQL_TR_TABLE:
        sql_put_name(b, &r->name);
        if (r->partitions.n) {
            duet_buf_puts(b, " PARTITION (");
            sql_put_idents(b, &r->partitions);
            duet_buf_putc(b, ')');
        }
        if (r->alias.len) {
            duet_buf_puts(b, " AS ");
            sql_put_ident(b, &r->alias);
        }
        put_index_hints(b, &r->index_hints);
        break;
    case SQL_TR_DERIVED:
        put_subquery(b, r->sub);
        if (r->alias.len) {
            duet_buf_puts(b, " AS ");
            sql_put_ident(b, &r->alias);
        }
        if (r->col_aliases.n) {
            duet_buf_puts(b, " (");
            sql_put_idents(b, &r->col_aliases);
            duet_buf_putc(b, ')');
        }
        break;
    case SQL_TR_JOIN:
        sql_put_table_ref(b, r->left);
        duet_buf_puts(b, joins[r->join]);
        if (r->right->kind == SQL_TR_JOIN && !r->right->parens && r->join != SQL_JOIN_COMMA) {
            duet_buf_putc(b, '(');
            sql_put_table_ref(b, r->right);
            duet_buf_putc(b, ')');
        } else {
            sql_put_table_ref(b, r->right);
        }
        if (r->on) {
            duet_buf_puts(b, " ON ");
            sql_restore_expr(b, r->on);
        } else if (r->using_cols.n) {
            duet_buf_puts(b, " USING (");
            sql_put_idents(b, &r->using_cols);
            duet_buf_putc(b, ')');
        }
        break;
    }
    if (r->parens)
        duet_buf_putc(b, ')');
}

static void put_with(duet_buf_t *b, const sql_with_t *w)
{
    duet_buf_puts(b, w->recursive ? "WITH RECURSIVE " : "WITH ");
    for (uint32_t i = 0; i < w->ctes.n; i++) {
        const sql_cte_t *c = w->ctes.v[i];
        if (i)
            duet_buf_puts(b, ", ");
        sql_put_ident(b, &c->name);
        if (c->cols.n) {
            duet_buf_puts(b, " (");
            sql_put_idents(b, &c->cols);
            duet_buf_putc(b, ')');
        }
        duet_buf_puts(b, " AS ");
        put_subquery(b, c->query);
    }
    duet_buf_putc(b, ' ');
}

static void put_simple(duet_buf_t *b, const sql_select_t *s)
{
    static const char *const opts[] = {"SQL_CALC_FOUND_ROWS", "STRAIGHT_JOIN",  "HIGH_PRIORITY",
                                       "SQL_SMALL_RESULT",    "SQL_BIG_RESULT", "SQL_BUFFER_RESULT",
                                       "SQL_CACHE",           "SQL_NO_CACHE"};
    static const char *const dist[] = {"", "DISTINCT ", "ALL ", "DISTINCTROW "};
    duet_buf_puts(b, "SELECT ");
    if (s->hints && s->hints->n) {
        hint_restore(b, s->hints);
        duet_buf_putc(b, ' ');
    }
    duet_buf_puts(b, dist[s->distinct & 3]);
    for (int i = 0; i < 8; i++) {
        if (s->options & (1u << i)) {
            duet_buf_puts(b, opts[i]);
            duet_buf_putc(b, ' ');
        }
    }
    for (uint32_t i = 0; i < s->fields.n; i++) {
        const sql_field_t *f = s->fields.v[i];
        if (i)
            duet_buf_puts(b, ", ");
        sql_restore_expr(b, f->expr);
        if (f->alias.len || f->alias.quoted) {
            duet_buf_puts(b, " AS ");
            sql_put_ident(b, &f->alias);
        }
    }
    if (s->into_vars.n) {
        duet_buf_puts(b, " INTO ");
        sql_put_exprs(b, &s->into_vars);
    }
    if (s->from) {
        duet_buf_puts(b, " FROM ");
        sql_put_table_ref(b, s->from);
    }
    if (s->where) {
        duet_buf_puts(b, " WHERE ");
        sql_restore_expr(b, s->where);
    }
    if (s->group_by.n) {
        duet_buf_puts(b, " GROUP BY ");
        sql_put_order(b, &s->group_by);
        if (s->rollup)
            duet_buf_puts(b, " WITH ROLLUP");
    }
    if (s->having) {
        duet_buf_puts(b, " HAVING ");
        sql_restore_expr(b, s->having);
    }
    if (s->windows.n) {
        duet_buf_puts(b, " WINDOW ");
        for (uint32_t i = 0; i < s->windows.n; i++) {
            const sql_window_t *w = s->windows.v[i];
            if (i)
                duet_buf_puts(b, ", ");
            sql_put_ident(b, &w->name);
            duet_buf_puts(b, " AS ");
            put_window_spec(b, w);
        }
    }
}

void sql_restore_select(duet_buf_t *b, const sql_select_t *s)
{
    static const char *const setops[] = {" UNION ", " EXCEPT ", " INTERSECT "};
    static const char *const quants[] = {"", "ALL ", "DISTINCT "};
    if (s->parens)
        duet_buf_putc(b, '(');
    if (s->with)
        put_with(b, s->with);
    switch (s->kind) {
    case SQL_SEL_SIMPLE:
        put_simple(b, s);
        break;
    case SQL_SEL_SETOP:
        sql_restore_select(b, s->left);
        duet_buf_puts(b, setops[s->setop % 3]);
        duet_buf_puts(b, quants[s->quant % 3]);
        sql_restore_select(b, s->right);
        break;
    case SQL_SEL_PAREN:
        sql_restore_select(b, s->left);
        break;
    case SQL_SEL_VALUES:
    case SQL_SEL_TABLE:
        break;
    }
    if (s->order_by.n) {
        duet_buf_puts(b, " ORDER BY ");
        sql_put_order(b, &s->order_by);
    }
    if (s->limit)
        sql_put_limit(b, s->limit);
    if (s->lock) {
        static const char *const waits[] = {"", " NOWAIT", " SKIP LOCKED", " WAIT"};
        switch (s->lock->kind) {
        case SQL_LOCK_FOR_UPDATE:
            duet_buf_puts(b, " FOR UPDATE");
            break;
        case SQL_LOCK_FOR_SHARE:
            duet_buf_puts(b, " FOR SHARE");
            break;
        case SQL_LOCK_IN_SHARE_MODE:
            duet_buf_puts(b, " LOCK IN SHARE MODE");
            break;
        default:
            break;
        }
        duet_buf_puts(b, waits[s->lock->wait & 3]);
        if (s->lock->wait == 3)
            duet_buf_printf(b, " %llu", (unsigned long long)s->lock->wait_n);
    }
    if (s->parens)
        duet_buf_putc(b, ')');
}

void sql_put_assigns(duet_buf_t *b, const sql_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        const sql_assign_t *a = l->v[i];
        if (i)
            duet_buf_puts(b, ", ");
        sql_restore_expr(b, a->col);
        duet_buf_puts(b, " = ");
        sql_restore_expr(b, a->value);
    }
}

static void put_rows(duet_buf_t *b, const sql_list_t *rows)
{
    for (uint32_t i = 0; i < rows->n; i++) {
        if (i)
            duet_buf_puts(b, ", ");
        duet_buf_putc(b, '(');
        sql_put_exprs(b, rows->v[i]);
        duet_buf_putc(b, ')');
    }
}

static void put_hints(duet_buf_t *b, const hint_list_t *h)
{
    if (h && h->n) {
        hint_restore(b, h);
        duet_buf_putc(b, ' ');
    }
}

static void restore_insert(duet_buf_t *b, const sql_insert_t *x)
{
    static const char *const prio[] = {"", "LOW_PRIORITY ", "HIGH_PRIORITY ", "DELAYED "};
    duet_buf_puts(b, x->replace ? "REPLACE " : "INSERT ");
    put_hints(b, x->hints);
    duet_buf_puts(b, prio[x->priority & 3]);
    if (x->ignore)
        duet_buf_puts(b, "IGNORE ");
    duet_buf_puts(b, "INTO ");
    sql_put_name(b, &x->table);
    if (x->partitions.n) {
        duet_buf_puts(b, " PARTITION (");
        sql_put_idents(b, &x->partitions);
        duet_buf_putc(b, ')');
    }
    if (x->has_columns) {
        duet_buf_puts(b, " (");
        sql_put_exprs(b, &x->columns);
        duet_buf_putc(b, ')');
    }
    switch (x->form) {
    case 0:
    case 1:
        duet_buf_puts(b, " VALUES ");
        put_rows(b, &x->rows);
        break;
    case 2:
        duet_buf_putc(b, ' ');
        sql_restore_select(b, x->select);
        break;
    default:
        duet_buf_puts(b, " SET ");
        sql_put_assigns(b, &x->set);
        break;
    }
    if (x->on_dup.n) {
        duet_buf_puts(b, " ON DUPLICATE KEY UPDATE ");
        sql_put_assigns(b, &x->on_dup);
    }
}

static void put_tail(duet_buf_t *b, const sql_expr_t *where, const sql_list_t *order,
                     const sql_limit_t *limit)
{
    if (where) {
        duet_buf_puts(b, " WHERE ");
        sql_restore_expr(b, where);
    }
    if (order->n) {
        duet_buf_puts(b, " ORDER BY ");
        sql_put_order(b, order);
    }
    if (limit)
        sql_put_limit(b, limit);
}

static void put_targets(duet_buf_t *b, const sql_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(b, ", ");
        sql_put_name(b, l->v[i]);
    }
}

void sql_restore_dml(duet_buf_t *b, const sql_stmt_t *s)
{
    switch (s->kind) {
    case SQL_STMT_SELECT:
        sql_restore_select(b, s->u.select);
        break;
    case SQL_STMT_INSERT:
        restore_insert(b, s->u.insert);
        break;
    case SQL_STMT_UPDATE: {
        const sql_update_t *u = s->u.update;
        duet_buf_puts(b, "UPDATE ");
        put_hints(b, u->hints);
        if (u->low_priority)
            duet_buf_puts(b, "LOW_PRIORITY ");
        if (u->ignore)
            duet_buf_puts(b, "IGNORE ");
        sql_put_table_ref(b, u->tables);
        duet_buf_puts(b, " SET ");
        sql_put_assigns(b, &u->set);
        put_tail(b, u->where, &u->order_by, u->limit);
        break;
    }
    case SQL_STMT_DELETE: {
        const sql_delete_t *d = s->u.del;
        duet_buf_puts(b, "DELETE ");
        put_hints(b, d->hints);
        if (d->low_priority)
            duet_buf_puts(b, "LOW_PRIORITY ");
        if (d->quick)
            duet_buf_puts(b, "QUICK ");
        if (d->ignore)
            duet_buf_puts(b, "IGNORE ");
        if (d->form == 0) {
            duet_buf_puts(b, "FROM ");
            sql_put_table_ref(b, d->tables);
        } else if (d->form == 1) {
            put_targets(b, &d->targets);
            duet_buf_puts(b, " FROM ");
            sql_put_table_ref(b, d->tables);
        } else {
            duet_buf_puts(b, "FROM ");
            put_targets(b, &d->targets);
            duet_buf_puts(b, " USING ");
            sql_put_table_ref(b, d->tables);
        }
        put_tail(b, d->where, &d->order_by, d->limit);
        break;
    }
    default:
        break;
    }
}
