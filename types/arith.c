/* arith.c - MySQL result types of arithmetic and overflow-checked integer and double operations. */
#include "types/arith.h"

#include <math.h>

static bool is_real_or_string(uint8_t tp)
{
    return tp == TYPES_TP_FLOAT || tp == TYPES_TP_DOUBLE || types_tp_is_string(tp) ||
           tp == TYPES_TP_JSON || tp == TYPES_TP_ENUM || tp == TYPES_TP_SET || tp == TYPES_TP_NULL;
}

/* Precision and scale of an operand seen as a DECIMAL; false if it is an integer. */
static bool as_decimal_type(const types_field_type_t *f, int *prec, int *scale)
{
    bool uns = types_ft_is_unsigned(f);
    if (f->tp == TYPES_TP_NEWDECIMAL || f->tp == TYPES_TP_DECIMAL) {
        *prec = f->flen > 0 ? (int)f->flen : 10;
        *scale = f->decimal > 0 ? f->decimal : 0;
        return true;
    }
    if ((types_tp_is_time(f->tp) || f->tp == TYPES_TP_TIME) && f->decimal > 0) {
        *scale = f->decimal;
        *prec = (f->tp == TYPES_TP_DATE ? 8 : (f->tp == TYPES_TP_TIME ? 7 : 14)) + f->decimal;
        return true;
    }
    *scale = 0;
    switch (f->tp) {
    case TYPES_TP_TINY:
        *prec = 3;
        break;
    case TYPES_TP_SHORT:
        *prec = 5;
        break;
    case TYPES_TP_INT24:
        *prec = 8;
        break;
    case TYPES_TP_LONG:
        *prec = 10;
        break;
    case TYPES_TP_LONGLONG:
        *prec = uns ? 20 : 19;
        break;
    case TYPES_TP_YEAR:
        *prec = 4;
        break;
    case TYPES_TP_DATE:
        *prec = 8;
        break;
    case TYPES_TP_TIME:
        *prec = 7;
        break;
    case TYPES_TP_BIT:
        *prec = (int)((f->flen > 0 ? f->flen : 1) * 3 + 9) / 10 + 1;
        break;
    default:
        *prec = 14;
        break;
    }
    return false;
}

void types_arith_result_type(types_arith_op_t op, const types_field_type_t *a,
                             const types_field_type_t *b, int incr, types_sqlmode_t mode,
                             types_field_type_t *out)
{
    bool uns_a = types_ft_is_unsigned(a), uns_b = types_ft_is_unsigned(b);
    if (op == TYPES_ARITH_INTDIV) {
        *out = types_field_type_init(TYPES_TP_LONGLONG);
        if (uns_a || uns_b)
            out->flags |= TYPES_FLAG_UNSIGNED;
        return;
    }
    if (is_real_or_string(a->tp) || is_real_or_string(b->tp)) {
        *out = types_field_type_init(TYPES_TP_DOUBLE);
        out->flen = 22;
        out->decimal = 31; /* MySQL's NOT_FIXED_DEC: no fixed scale */
        return;
    }
    int p1, s1, p2, s2;
    bool d1 = as_decimal_type(a, &p1, &s1), d2 = as_decimal_type(b, &p2, &s2);
    if (d1 || d2 || op == TYPES_ARITH_DIV) {
        static const types_dec_op_t map[] = {TYPES_DEC_ADD, TYPES_DEC_SUB, TYPES_DEC_MUL,
                                             TYPES_DEC_DIV, TYPES_DEC_DIV, TYPES_DEC_MOD};
        int p, s;
        types_dec_result_type(map[op], p1, s1, p2, s2, incr, &p, &s);
        *out = types_field_type_init(TYPES_TP_NEWDECIMAL);
        out->flen = p;
        out->decimal = s;
        if (op != TYPES_ARITH_MINUS && op != TYPES_ARITH_DIV && op != TYPES_ARITH_MOD && uns_a &&
            uns_b)
            out->flags |= TYPES_FLAG_UNSIGNED;
        return;
    }
    *out = types_field_type_init(TYPES_TP_LONGLONG);
    bool uns;
    if (op == TYPES_ARITH_MOD)
        uns = uns_a;
    else if (op == TYPES_ARITH_MINUS && (mode & TYPES_MODE_NO_UNSIGNED_SUBTRACTION))
        uns = false;
    else
        uns = uns_a || uns_b;
    if (uns)
        out->flags |= TYPES_FLAG_UNSIGNED;
}

types_status_t types_int_arith(types_arith_op_t op, int64_t a, bool a_uns, int64_t b, bool b_uns,
                               types_sqlmode_t mode, int64_t *out, bool *out_uns)
{
    __int128 x = a_uns ? (__int128)(uint64_t)a : (__int128)a;
    __int128 y = b_uns ? (__int128)(uint64_t)b : (__int128)b;
    __int128 r;
    bool uns;
    *out = 0;
    switch (op) {
    case TYPES_ARITH_PLUS:
        r = x + y;
        uns = a_uns || b_uns;
        break;
    case TYPES_ARITH_MINUS:
        r = x - y;
        uns = (a_uns || b_uns) && !(mode & TYPES_MODE_NO_UNSIGNED_SUBTRACTION);
        break;
    case TYPES_ARITH_MUL:
        if (__builtin_mul_overflow(x, y, &r))
            r = (__int128)1 << 100; /* certainly out of range */
        uns = a_uns || b_uns;
        break;
    case TYPES_ARITH_INTDIV:
        if (y == 0) {
            *out_uns = a_uns || b_uns;
            return TYPES_DIV_ZERO;
        }
        r = x / y;
        uns = a_uns || b_uns;
        break;
    case TYPES_ARITH_MOD:
        if (y == 0) {
            *out_uns = a_uns;
            return TYPES_DIV_ZERO;
        }
        r = x % y;
        uns = a_uns;
        break;
    default:
        *out_uns = false;
        return TYPES_BAD_VALUE;
    }
    *out_uns = uns;
    if (uns ? (r < 0 || r > (__int128)UINT64_MAX) : (r < INT64_MIN || r > INT64_MAX))
        return TYPES_OUT_OF_RANGE;
    *out = uns ? (int64_t)(uint64_t)r : (int64_t)r;
    return TYPES_OK;
}

types_status_t types_double_arith(types_arith_op_t op, double a, double b, double *out)
{
    double r;
    switch (op) {
    case TYPES_ARITH_PLUS:
        r = a + b;
        break;
    case TYPES_ARITH_MINUS:
        r = a - b;
        break;
    case TYPES_ARITH_MUL:
        r = a * b;
        break;
    case TYPES_ARITH_DIV:
        if (b == 0) {
            *out = 0;
            return TYPES_DIV_ZERO;
        }
        r = a / b;
        break;
    case TYPES_ARITH_MOD:
        if (b == 0) {
            *out = 0;
            return TYPES_DIV_ZERO;
        }
        r = fmod(a, b);
        break;
    default:
        *out = 0;
        return TYPES_BAD_VALUE;
    }
    *out = r;
    return isfinite(r) ? TYPES_OK : TYPES_OUT_OF_RANGE;
}

int types_out_of_range_err(duet_err_t *e, const char *type, const char *expr)
{
    return duet_err_set(e, ER_DATA_OUT_OF_RANGE, type, expr);
}
