/* parse_stmt.c - AST constructors for DML, DDL, session and administration statements. */
#include <string.h>

#include "sql/parse.h"
#include "sql/parse_int.h"

#define NEW(T) ((T *)duet_arena_calloc(c->a, 1, sizeof(T)))

sql_stmt_t *sql_mk_stmt(sql_pctx_t *c, sql_stmt_kind_t kind, uint32_t pos)
{
    sql_stmt_t *s = NEW(sql_stmt_t);
    s->kind = kind;
    s->pos = pos;
    return s;
}

void sql_stmt_done(sql_pctx_t *c, sql_stmt_t *s)
{
    s->text_pos = c->stmt_start;
    s->text_len = c->prev_end > c->stmt_start ? c->prev_end - c->stmt_start : 0;
    s->param_count = c->nparams;
    c->nparams = 0;
    sql_list_push(c->a, &c->stmts, s);
}

void sql_insert_merge(sql_insert_t *dst, const sql_insert_t *rest)
{
    dst->columns = rest->columns;
    dst->has_columns = rest->has_columns;
    dst->form = rest->form;
    dst->rows = rest->rows;
    dst->select = rest->select;
    dst->set = rest->set;
}

sql_load_data_t *sql_load_merge(sql_load_data_t *a, const sql_load_data_t *b)
{
    if (b->fields_terminated)
        a->fields_terminated = b->fields_terminated;
    if (b->fields_enclosed) {
        a->fields_enclosed = b->fields_enclosed;
        a->optionally = b->optionally;
    }
    if (b->fields_escaped)
        a->fields_escaped = b->fields_escaped;
    if (b->lines_starting)
        a->lines_starting = b->lines_starting;
    if (b->lines_terminated)
        a->lines_terminated = b->lines_terminated;
    return a;
}

sql_type_t *sql_mk_type(sql_pctx_t *c, sql_type_kind_t kind)
{
    sql_type_t *t = NEW(sql_type_t);
    t->kind = kind;
    t->len = -1;
    t->dec = -1;
    return t;
}

void sql_type_flags(sql_type_t *t, int flags)
{
    t->is_unsigned = (flags & 1) != 0;
    t->zerofill = (flags & 2) != 0;
    t->is_signed_kw = (flags & 4) != 0;
}

void sql_type_str(sql_type_t *t, const sql_type_t *flags)
{
    if (!flags)
        return;
    t->binary = flags->binary;
    t->charset = flags->charset;
}

sql_stmt_t *sql_mk_db_stmt(sql_pctx_t *c, sql_stmt_kind_t kind, uint32_t pos, bool schema_kw,
                           const sql_ident_t *name, sql_list_t *opts)
{
    sql_stmt_t *s = sql_mk_stmt(c, kind, pos);
    sql_database_stmt_t *d = NEW(sql_database_stmt_t);
    d->schema_kw = schema_kw;
    if (name)
        d->name = *name;
    if (opts)
        d->opts = *opts;
    s->u.database = d;
    return s;
}

void sql_table_elems(sql_pctx_t *c, sql_create_table_t *t, sql_list_t *elems)
{
    for (uint32_t i = 0; i < elems->n; i++) {
        sql_table_elem_t *e = elems->v[i];
        if (e->col)
            sql_list_push(c->a, &t->cols, e->col);
        else
            sql_list_push(c->a, &t->constraints, e->cons);
    }
}

sql_col_opt_t *sql_mk_colopt(sql_pctx_t *c, sql_col_opt_kind_t k)
{
    sql_col_opt_t *o = NEW(sql_col_opt_t);
    o->kind = k;
    return o;
}

sql_constraint_t *sql_mk_cons(sql_pctx_t *c, sql_constraint_kind_t k, uint32_t pos,
                              const sql_ident_t *name, const sql_ident_t *using_type,
                              sql_list_t *parts, sql_list_t *opts)
{
    sql_constraint_t *x = NEW(sql_constraint_t);
    x->kind = k;
    x->pos = pos;
    if (name)
        x->name = *name;
    if (using_type) {
        x->using_type = *using_type;
        x->using_before = 1;
    }
    if (parts)
        x->parts = *parts;
    if (opts)
        x->opts = *opts;
    return x;
}

sql_table_opt_t *sql_mk_tblopt(sql_pctx_t *c, sql_table_opt_kind_t k)
{
    sql_table_opt_t *o = NEW(sql_table_opt_t);
    o->kind = k;
    return o;
}

sql_alter_spec_t *sql_mk_spec(sql_pctx_t *c, sql_alter_kind_t k, uint32_t pos)
{
    sql_alter_spec_t *s = NEW(sql_alter_spec_t);
    s->kind = k;
    s->pos = pos;
    return s;
}

void sql_spec_pos(sql_alter_spec_t *s, const sql_ident_t *after)
{
    if (!after)
        return;
    if (after->len == 0) {
        s->position = 1;
        return;
    }
    s->position = 2;
    s->name2 = *after;
}

sql_stmt_t *sql_mk_txn(sql_pctx_t *c, uint32_t pos, int kind)
{
    sql_stmt_t *s = sql_mk_stmt(c, SQL_STMT_TXN, pos);
    s->u.txn = NEW(sql_txn_stmt_t);
    s->u.txn->kind = kind;
    return s;
}

sql_show_t *sql_mk_show(sql_pctx_t *c, sql_show_kind_t k)
{
    sql_show_t *s = NEW(sql_show_t);
    s->kind = k;
    return s;
}

void sql_show_filter(sql_show_t *s, const sql_show_t *filter)
{
    if (!filter)
        return;
    s->like = filter->like;
    s->where = filter->where;
}

sql_stmt_t *sql_mk_explain(sql_pctx_t *c, sql_token_t kw)
{
    sql_stmt_t *s = sql_mk_stmt(c, SQL_STMT_EXPLAIN, kw.pos);
    s->u.explain = NEW(sql_explain_t);
    s->u.explain->form = kw.code == TK_EXPLAIN ? 0 : kw.code == TK_DESCRIBE ? 1 : 2;
    return s;
}

sql_stmt_t *sql_mk_admin(sql_pctx_t *c, uint32_t pos, int kind)
{
    sql_stmt_t *s = sql_mk_stmt(c, SQL_STMT_ADMIN, pos);
    s->u.admin = NEW(sql_admin_t);
    s->u.admin->kind = kind;
    return s;
}

sql_stmt_t *sql_mk_user_stmt(sql_pctx_t *c, sql_stmt_kind_t kind, uint32_t pos, sql_list_t *specs)
{
    sql_stmt_t *s = sql_mk_stmt(c, kind, pos);
    s->u.user = NEW(sql_user_stmt_t);
    s->u.user->users = *specs;
    return s;
}

sql_list_t *sql_user_specs(sql_pctx_t *c, sql_list_t *users)
{
    sql_list_t *l = NEW(sql_list_t);
    for (uint32_t i = 0; i < users->n; i++) {
        sql_user_spec_t *u = NEW(sql_user_spec_t);
        u->user = *(sql_user_t *)users->v[i];
        sql_list_push(c->a, l, u);
    }
    return l;
}

sql_stmt_t *sql_mk_grant(sql_pctx_t *c, sql_stmt_kind_t kind, uint32_t pos, sql_list_t *privs,
                         sql_grant_t *level, sql_list_t *users)
{
    sql_stmt_t *s = sql_mk_stmt(c, kind, pos);
    level->privs = *privs;
    level->users = *users;
    s->u.grant = level;
    return s;
}
