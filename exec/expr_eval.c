/* expr_eval.c - vectorized evaluation: columns, constants, functions and control flow over a
 * selection of rows. */
#include <assert.h>
#include <string.h>

#include "common/mem.h"
#include "exec/expr_internal.h"

/* Evaluation over the physical rows sel[0..n) (increasing) of ch into out. */
static int eval_sel(const exec_expr_t *e, const exec_chunk_t *ch, const uint32_t *sel, uint32_t n,
                    exec_ctx_t *ctx, exec_column_t *out, duet_err_t *err);

static void retype(exec_column_t *out, const types_field_type_t *ft, uint32_t rows)
{
    if (out->cls != exec_col_class_of(ft) || !out->owned) {
        exec_column_destroy(out);
        exec_column_init(out, ft, rows);
        return;
    }
    exec_column_reset(out);
    out->ft = *ft;
}

static int eval_column(const exec_expr_t *e, const exec_chunk_t *ch, const uint32_t *sel,
                       uint32_t n, exec_ctx_t *ctx, exec_column_t *out, duet_err_t *err)
{
    if (e->col >= ch->ncols)
        return duet_err_set(err, ER_GENERIC, "expression refers to column %u of %u", e->col,
                            ch->ncols);
    const exec_column_t *src = &ch->cols[e->col];
    uint32_t rows = exec_chunk_num_rows(ch);
    bool same_class = src->cls == out->cls;
    exec_column_reserve(out, rows, same_class ? src->data_len : 0);
    uint32_t k = 0;
    for (uint32_t r = 0; r < rows; r++) {
        if (k < n && sel[k] == r) {
            k++;
            if (same_class) {
                exec_column_append_from(out, src, r);
            } else {
                types_datum_t d = exec_column_get_datum(src, r);
                if (exec_expr_append_coerced(out, &d, ctx, err) < 0)
                    return -1;
            }
        } else {
            exec_column_append_null(out);
        }
    }
    return 0;
}

static int eval_const(const exec_expr_t *e, const exec_chunk_t *ch, const uint32_t *sel, uint32_t n,
                      exec_ctx_t *ctx, exec_column_t *out, duet_err_t *err)
{
    uint32_t rows = exec_chunk_num_rows(ch);
    exec_column_t one;
    exec_column_init(&one, &e->ft, 1);
    if (exec_expr_append_coerced(&one, &e->value, ctx, err) < 0) {
        exec_column_destroy(&one);
        return -1;
    }
    if (one.elem_size && !exec_column_is_null(&one, 0)) {
        /* fixed width: every row gets the value; rows not selected are marked NULL */
        exec_column_reserve(out, rows, 0);
        for (uint32_t r = 0; r < rows; r++)
            memcpy(out->data + (size_t)r * out->elem_size, one.data, one.elem_size);
        out->len = rows;
        uint32_t k = 0;
        for (uint32_t r = 0; r < rows; r++) {
            if (k < n && sel[k] == r)
                k++;
            else
                out->nulls[r >> 3] |= (uint8_t)(1u << (r & 7));
        }
        exec_column_destroy(&one);
        return 0;
    }
    uint32_t k = 0;
    for (uint32_t r = 0; r < rows; r++) {
        if (k < n && sel[k] == r) {
            k++;
            exec_column_append_from(out, &one, 0);
        } else {
            exec_column_append_null(out);
        }
    }
    exec_column_destroy(&one);
    return 0;
}

/* Argument columns evaluated over one selection; freed by args_free. */
static exec_column_t *args_eval(const exec_expr_t *e, const exec_chunk_t *ch, const uint32_t *sel,
                                uint32_t n, exec_ctx_t *ctx, duet_err_t *err)
{
    exec_column_t *cols = duet_calloc(e->nargs, sizeof(exec_column_t));
    uint32_t rows = exec_chunk_num_rows(ch);
    for (uint32_t i = 0; i < e->nargs; i++) {
        const exec_expr_t *a = e->args[i];
        if (a->kind == EXEC_EXPR_COLUMN && a->col < ch->ncols &&
            ch->cols[a->col].cls == exec_col_class_of(&a->ft)) {
            /* a view of the input column: no copy (owned = 0, so never freed) */
            cols[i] = ch->cols[a->col];
            cols[i].owned = 0;
            cols[i].ft = a->ft;
            continue;
        }
        exec_column_init(&cols[i], &a->ft, rows);
        if (eval_sel(a, ch, sel, n, ctx, &cols[i], err) < 0) {
            for (uint32_t j = 0; j <= i; j++)
                exec_column_destroy(&cols[j]);
            duet_free(cols);
            return NULL;
        }
    }
    return cols;
}

static void args_free(exec_column_t *cols, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        exec_column_destroy(&cols[i]);
    duet_free(cols);
}

/* The row's truth value (1, 0, -1 for NULL), warning for strings that are not numbers. */
static int truth(const exec_column_t *c, uint32_t r, exec_ctx_t *ctx)
{
    if (exec_column_is_null(c, r))
        return -1;
    if (c->cls == EXEC_COL_INT)
        return exec_column_int(c, r) != 0;
    if (c->cls == EXEC_COL_REAL)
        return exec_column_real(c, r) != 0;
    types_datum_t d = exec_column_get_datum(c, r);
    types_status_t st = TYPES_OK;
    int t = types_datum_truth(&d, &st);
    exec_expr_warn_status(ctx, st, &d, TYPES_TP_DOUBLE);
    return t;
}

/* Fast typed loops for the most common shapes: comparisons of two columns of one
 * class (integers, doubles, decimals, times) and + - * on doubles and decimals.
 * Returns 1 when handled, 0 when not, -1 when the slow path must redo the work
 * (it then raises the error or warning). */
static int fast_path(const exec_expr_t *e, const exec_column_t *a, const exec_chunk_t *ch,
                     const uint32_t *sel, uint32_t n, exec_column_t *out)
{
    if (e->nargs != 2 || a[0].cls != a[1].cls)
        return 0;
    const exec_column_t *x = &a[0], *y = &a[1];
    bool cmp = e->sig <= EXEC_SIG_GE;
    bool arith = e->sig == EXEC_SIG_PLUS || e->sig == EXEC_SIG_MINUS || e->sig == EXEC_SIG_MUL;
    bool real_arith = arith && out->cls == EXEC_COL_REAL && x->cls == EXEC_COL_REAL;
    bool dec_arith = arith && out->cls == EXEC_COL_DECIMAL && x->cls == EXEC_COL_DECIMAL &&
                     out->ft.decimal >= 0 && out->ft.decimal <= TYPES_MAX_DECIMAL_SCALE;
    if (cmp) {
        if (x->cls == EXEC_COL_INT) {
            if (types_ft_is_unsigned(&x->ft) || types_ft_is_unsigned(&y->ft))
                return 0;
        } else if (x->cls != EXEC_COL_REAL && x->cls != EXEC_COL_TIME &&
                   x->cls != EXEC_COL_DURATION && x->cls != EXEC_COL_DECIMAL) {
            return 0;
        }
    } else if (!real_arith && !dec_arith) {
        return 0;
    }
    uint32_t rows = exec_chunk_num_rows(ch);
    exec_column_reserve(out, rows, 0);
    uint32_t k = 0;
    for (uint32_t r = 0; r < rows; r++) {
        if (!(k < n && sel[k] == r) || exec_column_is_null(x, r) || exec_column_is_null(y, r)) {
            if (k < n && sel[k] == r)
                k++;
            exec_column_append_null(out);
            continue;
        }
        k++;
        if (real_arith) {
            double p = exec_column_real(x, r), q = exec_column_real(y, r);
            double v = e->sig == EXEC_SIG_PLUS ? p + q : e->sig == EXEC_SIG_MINUS ? p - q : p * q;
            if (v - v != 0) /* not finite: the slow path raises 1690 */
                return -1;
            exec_column_append_real(out, v);
            continue;
        }
        if (dec_arith) {
            types_decimal_t v;
            const types_decimal_t *p = exec_column_decimal(x, r), *q = exec_column_decimal(y, r);
            types_status_t st = e->sig == EXEC_SIG_PLUS    ? types_dec_add(p, q, &v)
                                : e->sig == EXEC_SIG_MINUS ? types_dec_sub(p, q, &v)
                                                           : types_dec_mul(p, q, &v);
            if (st != TYPES_OK)
                return -1;
            if (v.frac != out->ft.decimal &&
                types_dec_round(&v, out->ft.decimal, TYPES_ROUND_HALF_UP, &v) != TYPES_OK)
                return -1;
            exec_column_append_decimal(out, &v);
            continue;
        }
        int c;
        if (x->cls == EXEC_COL_DECIMAL) {
            c = types_dec_cmp(exec_column_decimal(x, r), exec_column_decimal(y, r));
        } else if (x->cls == EXEC_COL_REAL) {
            double p = exec_column_real(x, r), q = exec_column_real(y, r);
            c = p < q ? -1 : p > q;
        } else if (x->cls == EXEC_COL_TIME) {
            uint64_t p = exec_column_time(x, r), q = exec_column_time(y, r);
            c = p < q ? -1 : p > q;
        } else {
            int64_t p = exec_column_int(x, r), q = exec_column_int(y, r);
            c = p < q ? -1 : p > q;
        }
        int64_t v;
        switch (e->sig) {
        case EXEC_SIG_EQ:
            v = c == 0;
            break;
        case EXEC_SIG_NE:
            v = c != 0;
            break;
        case EXEC_SIG_LT:
            v = c < 0;
            break;
        case EXEC_SIG_LE:
            v = c <= 0;
            break;
        case EXEC_SIG_GT:
            v = c > 0;
            break;
        default:
            v = c >= 0;
            break;
        }
        exec_column_append_int(out, v);
    }
    return 1;
}

static int eval_generic(const exec_expr_t *e, const exec_chunk_t *ch, const uint32_t *sel,
                        uint32_t n, exec_ctx_t *ctx, exec_column_t *out, duet_err_t *err)
{
    exec_column_t *a = args_eval(e, ch, sel, n, ctx, err);
    if (!a)
        return -1;
    int fp = fast_path(e, a, ch, sel, n, out);
    if (fp == 1) {
        args_free(a, e->nargs);
        return 0;
    }
    if (fp < 0)
        exec_column_reset(out);
    uint32_t rows = exec_chunk_num_rows(ch);
    types_datum_t stack[8];
    types_datum_t *vals = e->nargs <= 8 ? stack : duet_malloc(e->nargs * sizeof(types_datum_t));
    int rc = 0;
    uint32_t k = 0;
    for (uint32_t r = 0; r < rows && rc == 0; r++) {
        if (!(k < n && sel[k] == r)) {
            exec_column_append_null(out);
            continue;
        }
        k++;
        for (uint32_t i = 0; i < e->nargs; i++)
            vals[i] = exec_column_get_datum(&a[i], r);
        types_datum_t res;
        rc = exec_expr_row_fn(e, vals, ctx, &res, err);
        if (rc == 0)
            rc = exec_expr_append_coerced(out, &res, ctx, err);
    }
    if (vals != stack)
        duet_free(vals);
    args_free(a, e->nargs);
    return rc;
}

/* A selection being built. */
typedef struct rowset {
    uint32_t *rows;
    uint32_t n;
} rowset_t;

static rowset_t rowset_new(uint32_t cap)
{
    rowset_t s = {duet_malloc((size_t)(cap ? cap : 1) * sizeof(uint32_t)), 0};
    return s;
}

/*
 * Branching functions evaluate each value argument only on the rows that reach
 * it, so an error (1690) in a branch not taken is never raised, as in MySQL.
 * src[r] names the column that gives physical row r its value (-1: NULL).
 */
static int eval_branches(const exec_expr_t *e, const exec_chunk_t *ch, const uint32_t *sel,
                         uint32_t n, exec_ctx_t *ctx, exec_column_t *out, duet_err_t *err)
{
    uint32_t rows = exec_chunk_num_rows(ch);
    uint32_t na = e->nargs;
    exec_column_t *cols = duet_calloc(na, sizeof(exec_column_t));
    int32_t *src = duet_malloc((size_t)(rows ? rows : 1) * sizeof(int32_t));
    for (uint32_t r = 0; r < rows; r++)
        src[r] = -1;
    rowset_t pend = rowset_new(n), hit = rowset_new(n), miss = rowset_new(n);
    memcpy(pend.rows, sel, (size_t)n * sizeof(uint32_t));
    pend.n = n;
    int rc = 0;

    bool is_case = e->sig == EXEC_SIG_CASE || e->sig == EXEC_SIG_IF;
    uint32_t step = is_case ? 2 : 1;
    uint32_t pairs_end = is_case ? na - na % 2 : na;
    if (e->sig == EXEC_SIG_IF)
        pairs_end = 2;
    for (uint32_t i = 0; i < pairs_end && rc == 0 && pend.n; i += step) {
        exec_column_init(&cols[i], &e->args[i]->ft, rows);
        rc = eval_sel(e->args[i], ch, pend.rows, pend.n, ctx, &cols[i], err);
        if (rc)
            break;
        hit.n = miss.n = 0;
        for (uint32_t k = 0; k < pend.n; k++) {
            uint32_t r = pend.rows[k];
            bool taken = is_case ? truth(&cols[i], r, ctx) == 1 : !exec_column_is_null(&cols[i], r);
            if (taken)
                hit.rows[hit.n++] = r;
            else
                miss.rows[miss.n++] = r;
        }
        uint32_t vi = is_case ? i + 1 : i;
        if (is_case && hit.n) {
            exec_column_init(&cols[vi], &e->args[vi]->ft, rows);
            rc = eval_sel(e->args[vi], ch, hit.rows, hit.n, ctx, &cols[vi], err);
        }
        for (uint32_t k = 0; k < hit.n; k++)
            src[hit.rows[k]] = (int32_t)vi;
        rowset_t t = pend;
        pend = miss;
        miss = t;
    }
    if (rc == 0 && is_case && na % 2 && pend.n) {
        exec_column_init(&cols[na - 1], &e->args[na - 1]->ft, rows);
        rc = eval_sel(e->args[na - 1], ch, pend.rows, pend.n, ctx, &cols[na - 1], err);
        for (uint32_t k = 0; k < pend.n; k++)
            src[pend.rows[k]] = (int32_t)(na - 1);
    }
    for (uint32_t r = 0; r < rows && rc == 0; r++) {
        if (src[r] < 0) {
            exec_column_append_null(out);
            continue;
        }
        types_datum_t d = exec_column_get_datum(&cols[src[r]], r);
        rc = exec_expr_append_coerced(out, &d, ctx, err);
    }
    for (uint32_t i = 0; i < na; i++)
        if (cols[i].nulls)
            exec_column_destroy(&cols[i]);
    duet_free(cols);
    duet_free(src);
    duet_free(pend.rows);
    duet_free(hit.rows);
    duet_free(miss.rows);
    return rc;
}

/* AND / OR with three-valued logic; the right side only runs where the left
 * does not decide. */
static int eval_andor(const exec_expr_t *e, const exec_chunk_t *ch, const uint32_t *sel, uint32_t n,
                      exec_ctx_t *ctx, exec_column_t *out, duet_err_t *err)
{
    uint32_t rows = exec_chunk_num_rows(ch);
    bool is_and = e->sig == EXEC_SIG_AND;
    int decide = is_and ? 0 : 1;
    exec_column_t l, rcol;
    exec_column_init(&l, &e->args[0]->ft, rows);
    exec_column_init(&rcol, &e->args[1]->ft, rows);
    int8_t *lv = duet_malloc((size_t)(rows ? rows : 1));
    rowset_t rest = rowset_new(n);
    int rc = eval_sel(e->args[0], ch, sel, n, ctx, &l, err);
    for (uint32_t k = 0; k < n && rc == 0; k++) {
        uint32_t r = sel[k];
        lv[r] = (int8_t)truth(&l, r, ctx);
        if (lv[r] != decide)
            rest.rows[rest.n++] = r;
    }
    if (rc == 0)
        rc = eval_sel(e->args[1], ch, rest.rows, rest.n, ctx, &rcol, err);
    uint32_t k = 0, j = 0;
    for (uint32_t r = 0; r < rows && rc == 0; r++) {
        if (!(k < n && sel[k] == r)) {
            exec_column_append_null(out);
            continue;
        }
        k++;
        int a = lv[r], v;
        if (a == decide) {
            v = decide;
        } else {
            assert(j < rest.n && rest.rows[j] == r);
            j++;
            int b = truth(&rcol, r, ctx);
            if (b == decide)
                v = decide;
            else if (a < 0 || b < 0)
                v = -1;
            else
                v = !decide;
        }
        if (v < 0)
            exec_column_append_null(out);
        else
            exec_column_append_int(out, v);
    }
    exec_column_destroy(&l);
    exec_column_destroy(&rcol);
    duet_free(lv);
    duet_free(rest.rows);
    return rc;
}

static int eval_sel(const exec_expr_t *e, const exec_chunk_t *ch, const uint32_t *sel, uint32_t n,
                    exec_ctx_t *ctx, exec_column_t *out, duet_err_t *err)
{
    retype(out, &e->ft, exec_chunk_num_rows(ch));
    switch (e->kind) {
    case EXEC_EXPR_COLUMN:
        return eval_column(e, ch, sel, n, ctx, out, err);
    case EXEC_EXPR_CONST:
        return eval_const(e, ch, sel, n, ctx, out, err);
    default:
        break;
    }
    switch (e->sig) {
    case EXEC_SIG_IF:
    case EXEC_SIG_CASE:
    case EXEC_SIG_IFNULL:
    case EXEC_SIG_COALESCE:
        return eval_branches(e, ch, sel, n, ctx, out, err);
    case EXEC_SIG_AND:
    case EXEC_SIG_OR:
        return eval_andor(e, ch, sel, n, ctx, out, err);
    default:
        return eval_generic(e, ch, sel, n, ctx, out, err);
    }
}

/* The chunk's present rows as an explicit list (caller frees). */
static uint32_t *present_rows(const exec_chunk_t *ch, uint32_t *n)
{
    uint32_t rows = exec_chunk_num_rows(ch);
    *n = exec_chunk_logical_rows(ch);
    uint32_t *s = duet_malloc((size_t)(rows ? rows : 1) * sizeof(uint32_t));
    for (uint32_t i = 0; i < *n; i++)
        s[i] = exec_chunk_row_at(ch, i);
    return s;
}

int exec_expr_eval(const exec_expr_t *e, const exec_chunk_t *chunk, exec_ctx_t *ctx,
                   exec_column_t *out, duet_err_t *err)
{
    assert(ctx->arena);
    uint32_t n;
    uint32_t *sel = present_rows(chunk, &n);
    int rc = eval_sel(e, chunk, sel, n, ctx, out, err);
    duet_free(sel);
    return rc;
}

int exec_expr_filter(exec_expr_t *const *conds, uint32_t nconds, exec_chunk_t *chunk,
                     exec_ctx_t *ctx, duet_err_t *err)
{
    uint32_t n;
    uint32_t *sel = present_rows(chunk, &n);
    exec_column_t col;
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONGLONG);
    exec_column_init(&col, &ft, exec_chunk_num_rows(chunk));
    int rc = 0;
    for (uint32_t c = 0; c < nconds && rc == 0 && n; c++) {
        rc = eval_sel(conds[c], chunk, sel, n, ctx, &col, err);
        uint32_t m = 0;
        for (uint32_t k = 0; k < n && rc == 0; k++)
            if (truth(&col, sel[k], ctx) == 1)
                sel[m++] = sel[k];
        if (rc == 0)
            n = m;
    }
    if (rc == 0)
        exec_chunk_set_sel(chunk, sel, n);
    exec_column_destroy(&col);
    duet_free(sel);
    return rc;
}

int exec_expr_eval_row(const exec_expr_t *e, const exec_chunk_t *chunk, uint32_t row,
                       exec_ctx_t *ctx, types_datum_t *out, duet_err_t *err)
{
    exec_column_t col;
    exec_column_init(&col, &e->ft, exec_chunk_num_rows(chunk));
    int rc = eval_sel(e, chunk, &row, 1, ctx, &col, err);
    if (rc == 0)
        *out = types_datum_copy((types_datum_t[]){exec_column_get_datum(&col, row)}, ctx->arena);
    exec_column_destroy(&col);
    return rc;
}
