/* arith.h - MySQL arithmetic on integers and doubles: result types, checked operations, 1690
 * errors. */
#ifndef DUET_TYPES_ARITH_H
#define DUET_TYPES_ARITH_H

#include <stdbool.h>
#include <stdint.h>

#include "common/err.h"
#include "types/decimal.h"
#include "types/field_type.h"
#include "types/sqlmode.h"
#include "types/status.h"

/* Thread safety: pure functions; call from any thread. */

typedef enum types_arith_op {
    TYPES_ARITH_PLUS,
    TYPES_ARITH_MINUS,
    TYPES_ARITH_MUL,
    TYPES_ARITH_DIV,    /* '/' */
    TYPES_ARITH_INTDIV, /* DIV */
    TYPES_ARITH_MOD,    /* % and MOD */
} types_arith_op_t;

/*
 * types_arith_result_type: the type MySQL gives a op b: DOUBLE when either side is
 * FLOAT/DOUBLE, a string or JSON; DECIMAL when either side is DECIMAL, a temporal
 * value with fractional seconds, or for '/' (precision and scale by
 * types_dec_result_type, integers counting as DECIMAL(digits,0), incr being
 * div_precision_increment); otherwise BIGINT, unsigned when either side is
 * unsigned (for '-' not under NO_UNSIGNED_SUBTRACTION; for % when a is). DIV of
 * non-integers is BIGINT too.
 */
void types_arith_result_type(types_arith_op_t op, const types_field_type_t *a,
                             const types_field_type_t *b, int incr, types_sqlmode_t mode,
                             types_field_type_t *out);

/*
 * types_int_arith: a op b on 64-bit integers (a_uns/b_uns say how to read them)
 * for + - * DIV and %; the result is unsigned when either operand is (for % when
 * a is; for '-' only without NO_UNSIGNED_SUBTRACTION), *out_uns says which.
 * Returns TYPES_OK; TYPES_OUT_OF_RANGE when the exact result does not fit (the
 * caller raises 1690 via types_out_of_range_err); TYPES_DIV_ZERO for DIV and %
 * by zero (SQL NULL, warning 1365). '/' is not an integer operation.
 */
types_status_t types_int_arith(types_arith_op_t op, int64_t a, bool a_uns, int64_t b, bool b_uns,
                               types_sqlmode_t mode, int64_t *out, bool *out_uns);

/* types_double_arith: a op b for + - * / and %; TYPES_OUT_OF_RANGE when the result
 * is not finite (1690 "DOUBLE value is out of range"), TYPES_DIV_ZERO for / and %
 * by zero. */
types_status_t types_double_arith(types_arith_op_t op, double a, double b, double *out);

/* types_out_of_range_err: fills e with ERROR 1690 (22003) "<type> value is out of
 * range in '<expr>'", type being "BIGINT", "BIGINT UNSIGNED", "DECIMAL" or
 * "DOUBLE". Returns -1. */
int types_out_of_range_err(duet_err_t *e, const char *type, const char *expr);

#endif
