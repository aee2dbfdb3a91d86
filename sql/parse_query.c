/* parse_query.c - AST constructors for query expressions, select blocks and table references. */
#include <string.h>

#include "sql/parse.h"
#include "sql/parse_int.h"

sql_select_t *sql_mk_select(sql_pctx_t *c, sql_select_kind_t kind, uint32_t pos)
{
    sql_select_t *s = duet_arena_calloc(c->a, 1, sizeof(*s));
    s->kind = kind;
    s->pos = pos;
    s->depth = 1;
    return s;
}

static void check_depth(sql_pctx_t *c, uint32_t depth)
{
    if (depth > SQL_MAX_DEPTH && !c->failed) {
        c->overflow = 1;
        c->failed = 1;
        c->err_tok = c->cur;
    }
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

static uint32_t edepth(const sql_expr_t *e)
{
    return e ? e->depth : 0;
}

static uint32_t order_depth(const sql_list_t *l)
{
    uint32_t d = 0;
    for (uint32_t i = 0; i < l->n; i++)
        d = max_u32(d, edepth(((sql_order_item_t *)l->v[i])->expr));
    return d;
}

static uint32_t ref_depth(const sql_table_ref_t *r)
{
    if (!r)
        return 0;
    switch (r->kind) {
    case SQL_TR_DERIVED:
        return r->sub->depth;
    case SQL_TR_JOIN:
        return max_u32(max_u32(ref_depth(r->left), ref_depth(r->right)), edepth(r->on));
    default:
        return 0;
    }
}

void sql_select_depth(sql_pctx_t *c, sql_select_t *s)
{
    uint32_t d = 0;
    for (uint32_t i = 0; i < s->fields.n; i++)
        d = max_u32(d, edepth(((sql_field_t *)s->fields.v[i])->expr));
    d = max_u32(d, edepth(s->where));
    d = max_u32(d, edepth(s->having));
    d = max_u32(d, order_depth(&s->group_by));
    d = max_u32(d, order_depth(&s->order_by));
    d = max_u32(d, ref_depth(s->from));
    if (s->left)
        d = max_u32(d, s->left->depth);
    if (s->right)
        d = max_u32(d, s->right->depth);
    if (s->with) {
        for (uint32_t i = 0; i < s->with->ctes.n; i++)
            d = max_u32(d, ((sql_cte_t *)s->with->ctes.v[i])->query->depth);
    }
    s->depth = d + 1;
    check_depth(c, s->depth);
}

sql_select_t *sql_mk_setop(sql_pctx_t *c, sql_select_t *l, sql_setop_t op, int quant,
                           sql_select_t *r)
{
    sql_select_t *s = sql_mk_select(c, SQL_SEL_SETOP, l->pos);
    s->setop = op;
    s->quant = quant;
    s->left = l;
    s->right = r;
    s->depth = max_u32(l->depth, r->depth) + 1;
    check_depth(c, s->depth);
    return s;
}

sql_select_t *sql_mk_paren_query(sql_pctx_t *c, sql_select_t *q, uint32_t pos)
{
    (void)c;
    q->parens = true;
    q->pos = pos;
    return q;
}

sql_select_t *sql_query_finish(sql_pctx_t *c, sql_with_t *with, sql_select_t *body,
                               sql_list_t *order, sql_limit_t *limit, sql_lock_t *lock)
{
    sql_select_t *q = body;
    if ((with || order || limit || lock) && body->parens) {
        q = sql_mk_select(c, SQL_SEL_PAREN, body->pos);
        q->left = body;
    }
    if (with)
        q->with = with;
    if (order)
        q->order_by = *order;
    if (limit)
        q->limit = limit;
    if (lock)
        q->lock = lock;
    sql_select_depth(c, q);
    return q;
}

sql_field_t *sql_mk_field(sql_pctx_t *c, sql_expr_t *e, sql_ident_t *alias, uint32_t end)
{
    sql_field_t *f = duet_arena_calloc(c->a, 1, sizeof(*f));
    f->expr = e;
    f->pos = e->pos;
    f->text_end = end;
    if (alias) {
        f->alias = *alias;
        f->alias_as = true;
        f->text_end = end;
    }
    return f;
}

sql_order_item_t *sql_mk_order(sql_pctx_t *c, sql_expr_t *e, int dir)
{
    sql_order_item_t *o = duet_arena_calloc(c->a, 1, sizeof(*o));
    o->expr = e;
    o->desc = dir == 2;
    o->explicit_asc = dir == 1;
    return o;
}

sql_table_ref_t *sql_mk_join(sql_pctx_t *c, sql_table_ref_t *l, sql_join_kind_t k,
                             sql_table_ref_t *r)
{
    sql_table_ref_t *j = duet_arena_calloc(c->a, 1, sizeof(*j));
    j->kind = SQL_TR_JOIN;
    j->pos = l->pos;
    j->join = k;
    j->left = l;
    j->right = r;
    return j;
}

hint_list_t *sql_mk_hints(sql_pctx_t *c, const sql_token_t *t)
{
    hint_list_t *h = duet_arena_calloc(c->a, 1, sizeof(*h));
    hint_parse(c->a, c->src, c->len, t->pos + 3, t->s, t->len, h, &c->warns);
    h->pos = t->pos;
    return h;
}
