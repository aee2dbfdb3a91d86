/* parse_int.h - internal to sql/: the parse context and the AST constructors parse.y calls. */
#ifndef DUET_SQL_PARSE_INT_H
#define DUET_SQL_PARSE_INT_H

#include "sql/lexer.h"
#include "sql/sql_ast.h"

/* Deepest expression/query nesting the parser accepts; keeps every later
 * recursive walk (restore, binder, planner) far from the C stack limit.
 * Parentheses may nest 2 * SQL_MAX_DEPTH deep; the parser stack (%stack_size in
 * parse.y) is eight times larger, so whatever parses also parses after restore
 * has added its parentheses. */
#define SQL_MAX_DEPTH 2000

typedef struct sql_pctx {
    duet_arena_t *a;
    const char *src;
    uint32_t len;
    int failed;          /* syntax error seen */
    int overflow;        /* parser stack overflow or depth limit */
    sql_token_t err_tok; /* the token the parser could not accept */
    sql_token_t cur;     /* the token being fed */
    uint32_t prev_end;   /* end of the last token shifted before cur */
    uint32_t stmt_start;
    uint32_t nparams;
    sql_list_t stmts;      /* sql_stmt_t* */
    hint_warnings_t warns; /* from hint comments */
} sql_pctx_t;

/* Lists. */
void sql_list_push(duet_arena_t *a, sql_list_t *l, void *item);
sql_list_t sql_list1(duet_arena_t *a, void *item);
sql_list_t *sql_list_new(sql_pctx_t *c, void *item);

/* Names. */
sql_ident_t sql_mk_ident(sql_pctx_t *c, const sql_token_t *t);
sql_ident_t sql_mk_kw_ident(sql_pctx_t *c, const sql_token_t *t);
sql_ident_t *sql_ident_box(sql_pctx_t *c, sql_ident_t id);
uint64_t sql_tok_u64(const sql_token_t *t);

/* Expressions (sql_parse_expr.c). Every constructor sets depth and flags the
 * context when the depth passes SQL_MAX_DEPTH. */
sql_expr_t *sql_mk_expr(sql_pctx_t *c, sql_expr_kind_t kind, uint32_t pos);
void sql_expr_depth(sql_pctx_t *c, sql_expr_t *e);
sql_expr_t *sql_mk_lit(sql_pctx_t *c, sql_lit_kind_t kind, const sql_token_t *t);
sql_expr_t *sql_lit_expr(sql_pctx_t *c, sql_lit_t *lit);
sql_lit_t *sql_lit_box(sql_pctx_t *c, sql_expr_t *lit_expr);
sql_lit_t *sql_concat_str(sql_pctx_t *c, sql_lit_t *a, const sql_token_t *t);
sql_expr_t *sql_mk_param(sql_pctx_t *c, const sql_token_t *t);
sql_expr_t *sql_mk_var(sql_pctx_t *c, const sql_token_t *t, int sys);
sql_expr_t *sql_mk_sysvar(sql_pctx_t *c, const sql_ident_t *name, sql_var_scope_t scope);
sql_expr_t *sql_mk_binary(sql_pctx_t *c, sql_op_t op, sql_expr_t *l, sql_expr_t *r);
sql_expr_t *sql_mk_unary(sql_pctx_t *c, sql_op_t op, sql_expr_t *e, uint32_t pos);
sql_expr_t *sql_mk_is(sql_pctx_t *c, sql_expr_t *e, int neg, int what);
sql_expr_t *sql_mk_in(sql_pctx_t *c, sql_expr_t *e, int neg, sql_list_t *list, sql_select_t *sub);
sql_expr_t *sql_mk_between(sql_pctx_t *c, sql_expr_t *e, int neg, sql_expr_t *lo, sql_expr_t *hi);
sql_expr_t *sql_mk_like(sql_pctx_t *c, sql_expr_t *e, int neg, sql_expr_t *pat, sql_expr_t *esc,
                        int kind);
sql_expr_t *sql_mk_subq(sql_pctx_t *c, sql_expr_kind_t kind, sql_select_t *sel, uint32_t pos);
sql_expr_t *sql_mk_row(sql_pctx_t *c, sql_expr_t *first, sql_list_t *rest, uint32_t pos,
                       bool row_kw);
sql_expr_t *sql_mk_case(sql_pctx_t *c, sql_expr_t *operand, sql_list_t *whens, sql_expr_t *else_,
                        uint32_t pos);
sql_expr_t *sql_mk_cast(sql_pctx_t *c, sql_expr_t *e, sql_type_t *type, uint32_t pos,
                        bool is_convert);
sql_expr_t *sql_mk_ref(sql_pctx_t *c, sql_expr_kind_t kind, sql_expr_t *col, uint32_t pos);
sql_expr_t *sql_mk_func(sql_pctx_t *c, sql_ident_t name, sql_list_t args, uint32_t pos);
sql_expr_t *sql_mk_json_arrow(sql_pctx_t *c, sql_expr_t *e, const sql_token_t *path, bool unquote);
sql_expr_t *sql_mk_column(sql_pctx_t *c, const sql_ident_t *db, const sql_ident_t *tbl,
                          const sql_ident_t *col, bool star, uint32_t pos);

/* Queries (sql_parse_query.c). */
sql_select_t *sql_mk_select(sql_pctx_t *c, sql_select_kind_t kind, uint32_t pos);
sql_select_t *sql_mk_setop(sql_pctx_t *c, sql_select_t *l, sql_setop_t op, int quant,
                           sql_select_t *r);
sql_select_t *sql_mk_paren_query(sql_pctx_t *c, sql_select_t *q, uint32_t pos);
sql_select_t *sql_query_finish(sql_pctx_t *c, sql_with_t *with, sql_select_t *body,
                               sql_list_t *order, sql_limit_t *limit, sql_lock_t *lock);
void sql_select_depth(sql_pctx_t *c, sql_select_t *s);
sql_field_t *sql_mk_field(sql_pctx_t *c, sql_expr_t *e, sql_ident_t *alias, uint32_t end);
sql_order_item_t *sql_mk_order(sql_pctx_t *c, sql_expr_t *e, int dir);
sql_table_ref_t *sql_mk_join(sql_pctx_t *c, sql_table_ref_t *l, sql_join_kind_t k,
                             sql_table_ref_t *r);
hint_list_t *sql_mk_hints(sql_pctx_t *c, const sql_token_t *t);

/* Statements (sql_parse_stmt.c). */
sql_stmt_t *sql_mk_stmt(sql_pctx_t *c, sql_stmt_kind_t kind, uint32_t pos);
void sql_stmt_done(sql_pctx_t *c, sql_stmt_t *s);
void sql_insert_merge(sql_insert_t *dst, const sql_insert_t *rest);
sql_load_data_t *sql_load_merge(sql_load_data_t *a, const sql_load_data_t *b);
sql_type_t *sql_mk_type(sql_pctx_t *c, sql_type_kind_t kind);
void sql_type_flags(sql_type_t *t, int flags);
void sql_type_str(sql_type_t *t, const sql_type_t *flags);
sql_stmt_t *sql_mk_db_stmt(sql_pctx_t *c, sql_stmt_kind_t kind, uint32_t pos, bool schema_kw,
                           const sql_ident_t *name, sql_list_t *opts);
void sql_table_elems(sql_pctx_t *c, sql_create_table_t *t, sql_list_t *elems);
sql_col_opt_t *sql_mk_colopt(sql_pctx_t *c, sql_col_opt_kind_t k);
sql_constraint_t *sql_mk_cons(sql_pctx_t *c, sql_constraint_kind_t k, uint32_t pos,
                              const sql_ident_t *name, const sql_ident_t *using_type,
                              sql_list_t *parts, sql_list_t *opts);
sql_table_opt_t *sql_mk_tblopt(sql_pctx_t *c, sql_table_opt_kind_t k);
sql_alter_spec_t *sql_mk_spec(sql_pctx_t *c, sql_alter_kind_t k, uint32_t pos);
void sql_spec_pos(sql_alter_spec_t *s, const sql_ident_t *after);
sql_stmt_t *sql_mk_txn(sql_pctx_t *c, uint32_t pos, int kind);
sql_show_t *sql_mk_show(sql_pctx_t *c, sql_show_kind_t k);
void sql_show_filter(sql_show_t *s, const sql_show_t *filter);
sql_stmt_t *sql_mk_explain(sql_pctx_t *c, sql_token_t kw);
sql_stmt_t *sql_mk_admin(sql_pctx_t *c, uint32_t pos, int kind);
sql_stmt_t *sql_mk_user_stmt(sql_pctx_t *c, sql_stmt_kind_t kind, uint32_t pos, sql_list_t *specs);
sql_list_t *sql_user_specs(sql_pctx_t *c, sql_list_t *users);
sql_stmt_t *sql_mk_grant(sql_pctx_t *c, sql_stmt_kind_t kind, uint32_t pos, sql_list_t *privs,
                         sql_grant_t *level, sql_list_t *users);

#endif
