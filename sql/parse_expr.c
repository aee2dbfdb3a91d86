/* parse_expr.c - AST constructors for names, literals and expressions, called from parse.y. */
#include <string.h>

#include "sql/parse.h"
#include "sql/parse_int.h"

void sql_list_push(duet_arena_t *a, sql_list_t *l, void *item)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 4;
        l->v = duet_arena_realloc(a, l->v, l->cap * sizeof(void *), cap * sizeof(void *));
        l->cap = cap;
    }
    l->v[l->n++] = item;
}

sql_list_t sql_list1(duet_arena_t *a, void *item)
{
    sql_list_t l = {0};
    sql_list_push(a, &l, item);
    return l;
}

sql_list_t *sql_list_new(sql_pctx_t *c, void *item)
{
    sql_list_t *l = duet_arena_calloc(c->a, 1, sizeof(*l));
    sql_list_push(c->a, l, item);
    return l;
}

sql_ident_t sql_mk_ident(sql_pctx_t *c, const sql_token_t *t)
{
    sql_ident_t id;
    id.s = duet_arena_strndup(c->a, t->s ? t->s : "", t->len);
    id.len = t->len;
    id.pos = t->pos;
    id.quoted = t->aux == 1;
    return id;
}

sql_ident_t sql_mk_kw_ident(sql_pctx_t *c, const sql_token_t *t)
{
    sql_ident_t id;
    id.s = duet_arena_strndup(c->a, c->src + t->pos, t->end - t->pos);
    id.len = t->end - t->pos;
    id.pos = t->pos;
    id.quoted = false;
    return id;
}

sql_ident_t *sql_ident_box(sql_pctx_t *c, sql_ident_t id)
{
    sql_ident_t *p = duet_arena_alloc(c->a, sizeof(*p));
    *p = id;
    return p;
}

uint64_t sql_tok_u64(const sql_token_t *t)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < t->len; i++) {
        unsigned d = (unsigned)(t->s[i] - '0');
        if (d > 9)
            break;
        if (v > (UINT64_MAX - d) / 10)
            return UINT64_MAX;
        v = v * 10 + d;
    }
    return v;
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

static uint32_t edepth(const sql_expr_t *e)
{
    return e ? e->depth : 0;
}

static uint32_t list_depth(const sql_list_t *l)
{
    uint32_t d = 0;
    for (uint32_t i = 0; i < l->n; i++)
        d = max_u32(d, edepth(l->v[i]));
    return d;
}

void sql_expr_depth(sql_pctx_t *c, sql_expr_t *e)
{
    uint32_t d = 0;
    switch (e->kind) {
    case SQL_E_UNARY:
    case SQL_E_BINARY:
        d = max_u32(edepth(e->u.bin.l), edepth(e->u.bin.r));
        break;
    case SQL_E_IS:
        d = edepth(e->u.is.e);
        break;
    case SQL_E_BETWEEN:
        d = max_u32(edepth(e->u.between.e),
                    max_u32(edepth(e->u.between.lo), edepth(e->u.between.hi)));
        break;
    case SQL_E_LIKE:
        d = max_u32(edepth(e->u.like.e), max_u32(edepth(e->u.like.pat), edepth(e->u.like.esc)));
        break;
    case SQL_E_IN:
        d = max_u32(edepth(e->u.in.e), list_depth(&e->u.in.list));
        if (e->u.in.sub)
            d = max_u32(d, e->u.in.sub->depth);
        break;
    case SQL_E_SUBQUERY:
    case SQL_E_EXISTS:
    case SQL_E_CMP_SUBQ:
        d = max_u32(e->u.subq.sel->depth, edepth(e->u.subq.l));
        break;
    case SQL_E_ROW:
        d = list_depth(&e->u.row);
        break;
    case SQL_E_CASE:
        d = max_u32(edepth(e->u.case_.operand), edepth(e->u.case_.else_));
        for (uint32_t i = 0; i < e->u.case_.whens.n; i++) {
            sql_when_t *w = e->u.case_.whens.v[i];
            d = max_u32(d, max_u32(edepth(w->cond), edepth(w->result)));
        }
        break;
    case SQL_E_CAST:
        d = edepth(e->u.cast.e);
        break;
    case SQL_E_CONVERT_USING:
    case SQL_E_COLLATE:
    case SQL_E_BINARY_CAST:
        d = edepth(e->u.coll.e);
        break;
    case SQL_E_INTERVAL:
        d = edepth(e->u.interval.e);
        break;
    case SQL_E_FUNC: {
        sql_func_t *f = e->u.func;
        d = list_depth(&f->args);
        for (uint32_t i = 0; i < f->order_by.n; i++)
            d = max_u32(d, edepth(((sql_order_item_t *)f->order_by.v[i])->expr));
        if (f->over) {
            d = max_u32(d, list_depth(&f->over->partition_by));
            for (uint32_t i = 0; i < f->over->order_by.n; i++)
                d = max_u32(d, edepth(((sql_order_item_t *)f->over->order_by.v[i])->expr));
        }
        break;
    }
    case SQL_E_ASSIGN:
        d = edepth(e->u.assign.value);
        break;
    case SQL_E_MATCH:
        d = max_u32(list_depth(&e->u.match.cols), edepth(e->u.match.against));
        break;
    default:
        break;
    }
    e->depth = d + 1;
    if (e->depth > SQL_MAX_DEPTH && !c->failed) {
        c->overflow = 1;
        c->failed = 1;
        c->err_tok = c->cur;
    }
}

sql_expr_t *sql_mk_expr(sql_pctx_t *c, sql_expr_kind_t kind, uint32_t pos)
{
    sql_expr_t *e = duet_arena_calloc(c->a, 1, sizeof(*e));
    e->kind = kind;
    e->pos = pos;
    e->depth = 1;
    return e;
}

sql_expr_t *sql_mk_lit(sql_pctx_t *c, sql_lit_kind_t kind, const sql_token_t *t)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_LIT, t->pos);
    sql_lit_t *l = &e->u.lit;
    l->kind = kind;
    switch (kind) {
    case SQL_LIT_NULL:
    case SQL_LIT_TRUE:
    case SQL_LIT_FALSE:
        l->text = "";
        break;
    case SQL_LIT_INT:
        l->u64 = sql_tok_u64(t);
        if (l->u64 == UINT64_MAX &&
            !(t->len == 20 && memcmp(t->s, "18446744073709551615", 20) == 0))
            l->kind = SQL_LIT_DECIMAL;
        /* fall through */
    default:
        l->text = duet_arena_strndup(c->a, t->s ? t->s : "", t->len);
        l->len = t->len;
        break;
    }
    return e;
}

sql_lit_t *sql_lit_box(sql_pctx_t *c, sql_expr_t *lit_expr)
{
    (void)c;
    return &lit_expr->u.lit;
}

sql_expr_t *sql_lit_expr(sql_pctx_t *c, sql_lit_t *lit)
{
    /* string_lit values are the lit member of an expression node */
    (void)c;
    return (sql_expr_t *)((char *)lit - offsetof(sql_expr_t, u.lit));
}

sql_lit_t *sql_concat_str(sql_pctx_t *c, sql_lit_t *a, const sql_token_t *t)
{
    /* a->text is an arena copy; growing it in place keeps 'a' 'b' 'c' ... linear */
    char *s =
        duet_arena_realloc(c->a, (void *)a->text, (size_t)a->len + 1, (size_t)a->len + t->len + 1);
    memcpy(s + a->len, t->s, t->len);
    s[a->len + t->len] = 0;
    a->text = s;
    a->len += t->len;
    return a;
}

sql_expr_t *sql_mk_param(sql_pctx_t *c, const sql_token_t *t)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_PARAM, t->pos);
    e->u.param_index = c->nparams++;
    return e;
}

sql_expr_t *sql_mk_var(sql_pctx_t *c, const sql_token_t *t, int sys)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_VAR, t->pos);
    e->u.var.name = sql_mk_ident(c, t);
    e->u.var.name.quoted = false;
    e->u.var.scope = sys ? (sql_var_scope_t)t->aux : SQL_VAR_USER;
    return e;
}

sql_expr_t *sql_mk_sysvar(sql_pctx_t *c, const sql_ident_t *name, sql_var_scope_t scope)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_VAR, name->pos);
    e->u.var.name = *name;
    e->u.var.scope = scope;
    e->u.var.bare = true;
    return e;
}

sql_expr_t *sql_mk_binary(sql_pctx_t *c, sql_op_t op, sql_expr_t *l, sql_expr_t *r)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_BINARY, l->pos);
    e->op = op;
    e->u.bin.l = l;
    e->u.bin.r = r;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_unary(sql_pctx_t *c, sql_op_t op, sql_expr_t *x, uint32_t pos)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_UNARY, pos);
    e->op = op;
    e->u.bin.l = x;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_is(sql_pctx_t *c, sql_expr_t *x, int neg, int what)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_IS, x->pos);
    e->neg = neg != 0;
    e->u.is.e = x;
    e->u.is.what = what;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_in(sql_pctx_t *c, sql_expr_t *x, int neg, sql_list_t *list, sql_select_t *sub)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_IN, x->pos);
    e->neg = neg != 0;
    e->u.in.e = x;
    if (list)
        e->u.in.list = *list;
    e->u.in.sub = sub;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_between(sql_pctx_t *c, sql_expr_t *x, int neg, sql_expr_t *lo, sql_expr_t *hi)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_BETWEEN, x->pos);
    e->neg = neg != 0;
    e->u.between.e = x;
    e->u.between.lo = lo;
    e->u.between.hi = hi;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_like(sql_pctx_t *c, sql_expr_t *x, int neg, sql_expr_t *pat, sql_expr_t *esc,
                        int kind)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_LIKE, x->pos);
    e->neg = neg != 0;
    e->u.like.e = x;
    e->u.like.pat = pat;
    e->u.like.esc = esc;
    e->u.like.regexp = kind != 0;
    e->u.like.rlike = kind == 2;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_subq(sql_pctx_t *c, sql_expr_kind_t kind, sql_select_t *sel, uint32_t pos)
{
    sql_expr_t *e = sql_mk_expr(c, kind, pos);
    e->u.subq.sel = sel;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_row(sql_pctx_t *c, sql_expr_t *first, sql_list_t *rest, uint32_t pos,
                       bool row_kw)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_ROW, pos);
    sql_list_push(c->a, &e->u.row, first);
    for (uint32_t i = 0; i < rest->n; i++)
        sql_list_push(c->a, &e->u.row, rest->v[i]);
    e->row_kw = row_kw;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_case(sql_pctx_t *c, sql_expr_t *operand, sql_list_t *whens, sql_expr_t *else_,
                        uint32_t pos)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_CASE, pos);
    e->u.case_.operand = operand;
    e->u.case_.whens = *whens;
    e->u.case_.else_ = else_;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_cast(sql_pctx_t *c, sql_expr_t *x, sql_type_t *type, uint32_t pos,
                        bool is_convert)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_CAST, pos);
    e->u.cast.e = x;
    e->u.cast.type = type;
    e->u.cast.is_convert = is_convert;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_ref(sql_pctx_t *c, sql_expr_kind_t kind, sql_expr_t *col, uint32_t pos)
{
    sql_expr_t *e = sql_mk_expr(c, kind, pos);
    e->u.ref.db = col->u.col.db;
    e->u.ref.tbl = col->u.col.tbl;
    e->u.ref.col = col->u.col.col;
    return e;
}

sql_expr_t *sql_mk_func(sql_pctx_t *c, sql_ident_t name, sql_list_t args, uint32_t pos)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_FUNC, pos);
    sql_func_t *f = duet_arena_calloc(c->a, 1, sizeof(*f));
    f->name = name;
    f->args = args;
    e->u.func = f;
    sql_expr_depth(c, e);
    return e;
}

sql_expr_t *sql_mk_json_arrow(sql_pctx_t *c, sql_expr_t *x, const sql_token_t *path, bool unquote)
{
    sql_ident_t name;
    name.s = unquote ? "->>" : "->";
    name.len = unquote ? 3 : 2;
    name.pos = x->pos;
    name.quoted = false;
    sql_list_t args = sql_list1(c->a, x);
    sql_list_push(c->a, &args, sql_mk_lit(c, SQL_LIT_STRING, path));
    sql_expr_t *e = sql_mk_func(c, name, args, x->pos);
    e->u.func->form = unquote ? SQL_FF_JSON_ARROW2 : SQL_FF_JSON_ARROW;
    return e;
}

sql_expr_t *sql_mk_column(sql_pctx_t *c, const sql_ident_t *db, const sql_ident_t *tbl,
                          const sql_ident_t *col, bool star, uint32_t pos)
{
    sql_expr_t *e = sql_mk_expr(c, SQL_E_COLUMN, pos);
    if (db)
        e->u.col.db = *db;
    if (tbl)
        e->u.col.tbl = *tbl;
    if (col)
        e->u.col.col = *col;
    e->u.col.star = star;
    return e;
}
