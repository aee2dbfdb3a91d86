/* expr_func.c - scalar functions on one row's values: comparisons, arithmetic, logic, IN,
 * BETWEEN, NULLIF, CAST, with MySQL's warnings and errors. */
#include <string.h>

#include "common/mem.h"
#include "exec/expr_internal.h"
#include "types/arith.h"
#include "types/collation.h"
#include "types/convert.h"
#include "types/infer.h"

static exec_col_class_t kind_class(uint8_t kind)
{
    switch (kind) {
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE:
        return EXEC_COL_REAL;
    case TYPES_K_DECIMAL:
        return EXEC_COL_DECIMAL;
    case TYPES_K_TIME:
        return EXEC_COL_TIME;
    case TYPES_K_DURATION:
        return EXEC_COL_DURATION;
    case TYPES_K_STRING:
    case TYPES_K_JSON:
        return EXEC_COL_STRING;
    case TYPES_K_ENUM:
    case TYPES_K_SET:
        return EXEC_COL_ENUMSET;
    default:
        return EXEC_COL_INT;
    }
}

static void warn_cast(exec_ctx_t *ctx, types_status_t st, const types_datum_t *in,
                      const types_field_type_t *ft)
{
    if (st == TYPES_OK)
        return;
    duet_err_t w;
    duet_err_clear(&w);
    types_cast_warning(st, in, ft, NULL, 0, ctx->sql_mode, &w);
    exec_warn_err(ctx, &w);
}

void exec_expr_warn_status(exec_ctx_t *ctx, types_status_t st, const types_datum_t *in, uint8_t tp)
{
    types_field_type_t ft = types_field_type_init(tp);
    warn_cast(ctx, st, in, &ft);
}

int exec_expr_append_coerced(exec_column_t *out, const types_datum_t *d, exec_ctx_t *ctx,
                             duet_err_t *err)
{
    if (d->kind == TYPES_K_NULL) {
        exec_column_append_null(out);
        return 0;
    }
    if (kind_class(d->kind) == out->cls) {
        int scale = out->ft.decimal;
        if (out->cls == EXEC_COL_DECIMAL && scale >= 0 && scale <= TYPES_MAX_DECIMAL_SCALE &&
            d->dec.frac != scale) {
            types_decimal_t r;
            types_dec_round(&d->dec, scale, TYPES_ROUND_HALF_UP, &r);
            exec_column_append_decimal(out, &r);
            return 0;
        }
        return exec_column_append_datum(out, d, err);
    }
    types_datum_t c;
    types_status_t st = types_datum_cast(d, &out->ft, ctx->sql_mode, ctx->arena, &c);
    warn_cast(ctx, st, d, &out->ft);
    return exec_column_append_datum(out, &c, err);
}

static int overflow(const exec_expr_t *e, const char *type, duet_err_t *err)
{
    duet_buf_t b = DUET_BUF_INIT;
    exec_expr_print(e, &b);
    types_out_of_range_err(err, type, b.data);
    duet_buf_free(&b);
    return -1;
}

/* Division by zero: NULL and warning 1365; an error in a strict INSERT/UPDATE
 * under ERROR_FOR_DIVISION_BY_ZERO, as MySQL does. */
static int div_zero(exec_ctx_t *ctx, types_datum_t *out, duet_err_t *err)
{
    if (ctx->in_dml && (ctx->sql_mode & TYPES_MODE_STRICT) &&
        (ctx->sql_mode & TYPES_MODE_ERROR_FOR_DIVISION_BY_ZERO))
        return duet_err_set(err, ER_DIVISION_BY_ZERO);
    duet_err_t w;
    duet_err_set(&w, ER_DIVISION_BY_ZERO);
    exec_warn_err(ctx, &w);
    *out = types_datum_null();
    return 0;
}

/* ---- conversions of operands ---- */

static void to_int(const types_datum_t *d, exec_ctx_t *ctx, int64_t *v, bool *uns)
{
    if (d->kind == TYPES_K_INT) {
        *v = d->i;
        *uns = false;
        return;
    }
    if (d->kind == TYPES_K_UINT || d->kind == TYPES_K_BIT) {
        *v = (int64_t)d->u;
        *uns = true;
        return;
    }
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONGLONG);
    types_datum_t c;
    types_status_t st = types_datum_cast(d, &ft, ctx->sql_mode, ctx->arena, &c);
    warn_cast(ctx, st, d, &ft);
    *v = c.kind == TYPES_K_NULL ? 0 : c.i;
    *uns = c.kind == TYPES_K_UINT;
}

static double to_double(const types_datum_t *d, exec_ctx_t *ctx)
{
    switch (d->kind) {
    case TYPES_K_DOUBLE:
    case TYPES_K_FLOAT:
        return d->f;
    case TYPES_K_INT:
        return (double)d->i;
    case TYPES_K_UINT:
    case TYPES_K_BIT:
        return (double)d->u;
    case TYPES_K_DECIMAL:
        return types_dec_to_double(&d->dec);
    case TYPES_K_STRING: {
        double v;
        types_status_t st = types_str_to_double(d->ptr, d->len, &v);
        exec_expr_warn_status(ctx, st, d, TYPES_TP_DOUBLE);
        return v;
    }
    default: {
        types_field_type_t ft = types_field_type_init(TYPES_TP_DOUBLE);
        types_datum_t c;
        types_status_t st = types_datum_cast(d, &ft, ctx->sql_mode, ctx->arena, &c);
        warn_cast(ctx, st, d, &ft);
        return c.kind == TYPES_K_NULL ? 0 : c.f;
    }
    }
}

static types_decimal_t to_dec(const types_datum_t *d, exec_ctx_t *ctx)
{
    types_decimal_t r;
    switch (d->kind) {
    case TYPES_K_INT:
        return types_dec_from_int64(d->i);
    case TYPES_K_UINT:
    case TYPES_K_BIT:
        return types_dec_from_uint64(d->u);
    case TYPES_K_DECIMAL:
        return d->dec;
    case TYPES_K_DOUBLE:
    case TYPES_K_FLOAT:
        types_dec_from_double(d->f, &r);
        return r;
    case TYPES_K_STRING:
        types_dec_from_double(to_double(d, ctx), &r);
        return r;
    default: {
        types_field_type_t ft = types_field_type_init(TYPES_TP_NEWDECIMAL);
        ft.flen = TYPES_MAX_DECIMAL_PREC;
        ft.decimal = d->kind == TYPES_K_TIME || d->kind == TYPES_K_DURATION ? d->fsp : 0;
        types_datum_t c;
        types_status_t st = types_datum_cast(d, &ft, ctx->sql_mode, ctx->arena, &c);
        warn_cast(ctx, st, d, &ft);
        return c.kind == TYPES_K_DECIMAL ? c.dec : types_dec_zero(0);
    }
    }
}

/* ---- comparisons ---- */

static int cmp_vals(const types_datum_t *x, const types_datum_t *y, exec_ctx_t *ctx)
{
    types_status_t st = TYPES_OK;
    int c = types_datum_cmp(x, y, &st);
    if (st != TYPES_OK) {
        const types_datum_t *s = x->kind == TYPES_K_STRING ? x : y;
        const types_datum_t *o = s == x ? y : x;
        uint8_t tp = o->kind == TYPES_K_TIME       ? TYPES_TP_DATETIME
                     : o->kind == TYPES_K_DURATION ? TYPES_TP_TIME
                                                   : TYPES_TP_DOUBLE;
        exec_expr_warn_status(ctx, st, s, tp);
    }
    return c;
}

static types_datum_t bool_datum(int v)
{
    return v < 0 ? types_datum_null() : types_datum_int(v);
}

static int compare(exec_sig_t sig, const types_datum_t *a, exec_ctx_t *ctx)
{
    bool n0 = a[0].kind == TYPES_K_NULL, n1 = a[1].kind == TYPES_K_NULL;
    if (sig == EXEC_SIG_NULLEQ) {
        if (n0 || n1)
            return n0 && n1;
        return cmp_vals(&a[0], &a[1], ctx) == 0;
    }
    if (n0 || n1)
        return -1;
    int c = cmp_vals(&a[0], &a[1], ctx);
    switch (sig) {
    case EXEC_SIG_EQ:
        return c == 0;
    case EXEC_SIG_NE:
        return c != 0;
    case EXEC_SIG_LT:
        return c < 0;
    case EXEC_SIG_LE:
        return c <= 0;
    case EXEC_SIG_GT:
        return c > 0;
    default:
        return c >= 0;
    }
}

/* ---- arithmetic ---- */

static types_arith_op_t arith_op(exec_sig_t sig)
{
    switch (sig) {
    case EXEC_SIG_PLUS:
        return TYPES_ARITH_PLUS;
    case EXEC_SIG_MINUS:
        return TYPES_ARITH_MINUS;
    case EXEC_SIG_MUL:
        return TYPES_ARITH_MUL;
    case EXEC_SIG_DIV:
        return TYPES_ARITH_DIV;
    case EXEC_SIG_INTDIV:
        return TYPES_ARITH_INTDIV;
    default:
        return TYPES_ARITH_MOD;
    }
}

static bool is_int_kind(uint8_t k)
{
    return k == TYPES_K_INT || k == TYPES_K_UINT || k == TYPES_K_BIT;
}

static int int_result(const exec_expr_t *e, types_status_t st, int64_t r, bool ru, exec_ctx_t *ctx,
                      types_datum_t *out, duet_err_t *err)
{
    if (st == TYPES_OUT_OF_RANGE)
        return overflow(e, ru || types_ft_is_unsigned(&e->ft) ? "BIGINT UNSIGNED" : "BIGINT", err);
    if (st == TYPES_DIV_ZERO)
        return div_zero(ctx, out, err);
    *out = ru ? types_datum_uint((uint64_t)r) : types_datum_int(r);
    return 0;
}

/* a DIV b for non-integers: the exact quotient truncated, as MySQL does in DECIMAL. */
static int intdiv_dec(const exec_expr_t *e, const types_datum_t *a, exec_ctx_t *ctx,
                      types_datum_t *out, duet_err_t *err)
{
    types_decimal_t x = to_dec(&a[0], ctx), y = to_dec(&a[1], ctx), m, q, t;
    if (types_dec_is_zero(&y))
        return div_zero(ctx, out, err);
    types_dec_mod(&x, &y, &m);
    types_dec_sub(&x, &m, &t);
    types_dec_div(&t, &y, 0, &q);
    types_dec_round(&q, 0, TYPES_ROUND_TRUNCATE, &t);
    if (types_ft_is_unsigned(&e->ft)) {
        uint64_t u;
        if (types_dec_to_uint64(&t, &u) != TYPES_OK)
            return overflow(e, "BIGINT UNSIGNED", err);
        *out = types_datum_uint(u);
    } else {
        int64_t i;
        if (types_dec_to_int64(&t, &i) != TYPES_OK)
            return overflow(e, "BIGINT", err);
        *out = types_datum_int(i);
    }
    return 0;
}

static int arith(const exec_expr_t *e, const types_datum_t *a, exec_ctx_t *ctx, types_datum_t *out,
                 duet_err_t *err)
{
    if (a[0].kind == TYPES_K_NULL || a[1].kind == TYPES_K_NULL) {
        *out = types_datum_null();
        return 0;
    }
    types_arith_op_t op = arith_op(e->sig);
    exec_col_class_t cls = exec_col_class_of(&e->ft);
    if (e->sig == EXEC_SIG_INTDIV && !(is_int_kind(a[0].kind) && is_int_kind(a[1].kind)))
        return intdiv_dec(e, a, ctx, out, err);
    if (cls == EXEC_COL_INT) {
        int64_t x, y, r;
        bool xu, yu, ru;
        to_int(&a[0], ctx, &x, &xu);
        to_int(&a[1], ctx, &y, &yu);
        types_status_t st = types_int_arith(op, x, xu, y, yu, ctx->sql_mode, &r, &ru);
        return int_result(e, st, r, ru, ctx, out, err);
    }
    if (cls == EXEC_COL_REAL) {
        double x = to_double(&a[0], ctx), y = to_double(&a[1], ctx), r;
        types_status_t st = types_double_arith(op, x, y, &r);
        if (st == TYPES_OUT_OF_RANGE)
            return overflow(e, "DOUBLE", err);
        if (st == TYPES_DIV_ZERO)
            return div_zero(ctx, out, err);
        *out = types_datum_double(r);
        return 0;
    }
    types_decimal_t x = to_dec(&a[0], ctx), y = to_dec(&a[1], ctx), r;
    types_status_t st;
    switch (op) {
    case TYPES_ARITH_PLUS:
        st = types_dec_add(&x, &y, &r);
        break;
    case TYPES_ARITH_MINUS:
        st = types_dec_sub(&x, &y, &r);
        break;
    case TYPES_ARITH_MUL:
        st = types_dec_mul(&x, &y, &r);
        break;
    case TYPES_ARITH_DIV:
        st = types_dec_div(&x, &y, ctx->div_precision_increment, &r);
        break;
    default:
        st = types_dec_mod(&x, &y, &r);
        break;
    }
    if (st == TYPES_OUT_OF_RANGE)
        return overflow(e, "DECIMAL", err);
    if (st == TYPES_DIV_ZERO)
        return div_zero(ctx, out, err);
    *out = types_datum_decimal(&r);
    return 0;
}

static int negate(const exec_expr_t *e, const types_datum_t *a, exec_ctx_t *ctx, types_datum_t *out,
                  duet_err_t *err)
{
    if (a->kind == TYPES_K_NULL) {
        *out = types_datum_null();
        return 0;
    }
    switch (exec_col_class_of(&e->ft)) {
    case EXEC_COL_INT: {
        int64_t v;
        bool uns;
        to_int(a, ctx, &v, &uns);
        if (v == INT64_MIN || (uns && v < 0))
            return overflow(e, "BIGINT", err);
        *out = types_datum_int(-v);
        return 0;
    }
    case EXEC_COL_DECIMAL: {
        types_decimal_t d = to_dec(a, ctx);
        d = types_dec_neg(&d);
        *out = types_datum_decimal(&d);
        return 0;
    }
    default:
        *out = types_datum_double(-to_double(a, ctx));
        return 0;
    }
}

/* ---- CAST ---- */

static int cast(const exec_expr_t *e, const types_datum_t *a, exec_ctx_t *ctx, types_datum_t *out)
{
    if (a->kind == TYPES_K_NULL) {
        *out = types_datum_null();
        return 0;
    }
    exec_col_class_t cls = exec_col_class_of(&e->ft);
    bool uns = types_ft_is_unsigned(&e->ft);
    if (cls == EXEC_COL_INT && e->ft.tp == TYPES_TP_LONGLONG) {
        if (a->kind == TYPES_K_STRING) {
            uint64_t bits;
            types_status_t st = types_str_cast_int(a->ptr, a->len, &bits);
            exec_expr_warn_status(ctx, st, a, TYPES_TP_LONGLONG);
            *out = uns ? types_datum_uint(bits) : types_datum_int((int64_t)bits);
            return 0;
        }
        if (is_int_kind(a->kind)) { /* the 64 bits are kept, as MySQL's CAST does */
            *out = uns ? types_datum_uint(a->u) : types_datum_int(a->i);
            return 0;
        }
    }
    types_status_t st = types_datum_cast(a, &e->ft, ctx->sql_mode, ctx->arena, out);
    warn_cast(ctx, st, a, &e->ft);
    if (cls == EXEC_COL_TIME && (st == TYPES_BAD_VALUE || st == TYPES_ZERO_DATE))
        *out = types_datum_null(); /* CAST('abc' AS DATE) is NULL */
    return 0;
}

/* ---- LIKE ---- */

static const char *text_of(const types_datum_t *d, exec_ctx_t *ctx, size_t *len)
{
    if (d->kind == TYPES_K_STRING || d->kind == TYPES_K_ENUM || d->kind == TYPES_K_SET) {
        *len = d->len;
        return d->ptr;
    }
    duet_buf_t b = DUET_BUF_INIT;
    types_datum_to_text(d, &b);
    char *p = duet_arena_strndup(ctx->arena, b.data ? b.data : "", b.len);
    *len = b.len;
    duet_buf_free(&b);
    return p;
}

static int like(const types_datum_t *a, uint32_t nargs, exec_ctx_t *ctx)
{
    if (a[0].kind == TYPES_K_NULL || a[1].kind == TYPES_K_NULL)
        return -1;
    int32_t esc = '\\';
    if (nargs == 3 && a[2].kind != TYPES_K_NULL) {
        size_t el;
        const char *ep = text_of(&a[2], ctx, &el);
        uint32_t cp = 0;
        if (el == 0)
            esc = -1;
        else
            types_utf8_decode(ep, el, &cp);
        if (el)
            esc = (int32_t)cp;
    }
    uint16_t coll = a[0].kind == TYPES_K_STRING ? a[0].collate : TYPES_COLL_UTF8MB4_BIN;
    if (a[1].kind == TYPES_K_STRING && a[1].collate == TYPES_COLL_BINARY)
        coll = TYPES_COLL_BINARY;
    size_t sn, pn;
    const char *s = text_of(&a[0], ctx, &sn), *p = text_of(&a[1], ctx, &pn);
    return exec_like_match(s, sn, p, pn, coll, esc);
}

/* ---- dispatch ---- */

int exec_expr_row_fn(const exec_expr_t *e, const types_datum_t *a, exec_ctx_t *ctx,
                     types_datum_t *out, duet_err_t *err)
{
    int t0, t1;
    types_status_t st = TYPES_OK;
    switch (e->sig) {
    case EXEC_SIG_EQ:
    case EXEC_SIG_NE:
    case EXEC_SIG_LT:
    case EXEC_SIG_LE:
    case EXEC_SIG_GT:
    case EXEC_SIG_GE:
    case EXEC_SIG_NULLEQ:
        *out = bool_datum(compare(e->sig, a, ctx));
        return 0;
    case EXEC_SIG_PLUS:
    case EXEC_SIG_MINUS:
    case EXEC_SIG_MUL:
    case EXEC_SIG_DIV:
    case EXEC_SIG_INTDIV:
    case EXEC_SIG_MOD:
        return arith(e, a, ctx, out, err);
    case EXEC_SIG_NEG:
        return negate(e, a, ctx, out, err);
    case EXEC_SIG_NOT:
        t0 = types_datum_truth(&a[0], &st);
        exec_expr_warn_status(ctx, st, &a[0], TYPES_TP_DOUBLE);
        *out = bool_datum(t0 < 0 ? -1 : !t0);
        return 0;
    case EXEC_SIG_XOR:
        t0 = types_datum_truth(&a[0], &st);
        exec_expr_warn_status(ctx, st, &a[0], TYPES_TP_DOUBLE);
        st = TYPES_OK;
        t1 = types_datum_truth(&a[1], &st);
        exec_expr_warn_status(ctx, st, &a[1], TYPES_TP_DOUBLE);
        *out = bool_datum(t0 < 0 || t1 < 0 ? -1 : t0 != t1);
        return 0;
    case EXEC_SIG_ISNULL:
        *out = types_datum_int(a[0].kind == TYPES_K_NULL);
        return 0;
    case EXEC_SIG_ISNOTNULL:
        *out = types_datum_int(a[0].kind != TYPES_K_NULL);
        return 0;
    case EXEC_SIG_IN: {
        if (a[0].kind == TYPES_K_NULL) {
            *out = types_datum_null();
            return 0;
        }
        bool saw_null = false;
        for (uint32_t i = 1; i < e->nargs; i++) {
            if (a[i].kind == TYPES_K_NULL) {
                saw_null = true;
            } else if (cmp_vals(&a[0], &a[i], ctx) == 0) {
                *out = types_datum_int(1);
                return 0;
            }
        }
        *out = bool_datum(saw_null ? -1 : 0);
        return 0;
    }
    case EXEC_SIG_NULLIF:
        if (a[0].kind != TYPES_K_NULL && a[1].kind != TYPES_K_NULL &&
            cmp_vals(&a[0], &a[1], ctx) == 0)
            *out = types_datum_null();
        else
            *out = a[0];
        return 0;
    case EXEC_SIG_CAST:
        return cast(e, a, ctx, out);
    case EXEC_SIG_LIKE:
        *out = bool_datum(like(a, e->nargs, ctx));
        return 0;
    default:
        return duet_err_set(err, ER_GENERIC, "function %s is not evaluated row by row",
                            exec_sig_name(e->sig));
    }
}
