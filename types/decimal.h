/* decimal.h - MySQL DECIMAL: exact fixed point up to 65 digits in columns (81 in expressions),
 * scale up to 30. */
#ifndef DUET_TYPES_DECIMAL_H
#define DUET_TYPES_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "types/status.h"

/* Thread safety: every function is pure (no shared state); call from any thread. */

/*
 * types_decimal_t: the value is (neg ? -1 : 1) * w / 10^frac, where w is an
 * unsigned 320-bit integer in little-endian 64-bit limbs, below 10^81: like MySQL,
 * expression results may use 81 digits while columns hold at most 65
 * (types_dec_fit). Zero is
 * never negative. Values whose coefficient fits in 128 bits (up to 38 digits)
 * take __int128 fast paths; wider ones a 640-bit slow path. A plain value type:
 * copy it freely, nothing to free. 1.5 and 1.50 are different representations
 * of equal values (they compare and hash equal; frac is kept for printing).
 */
typedef struct types_decimal {
    uint64_t w[5];
    uint8_t frac;
    bool neg;
} types_decimal_t;

/* Most digits of any decimal value (MySQL's 9 words of 9 digits). */
#define TYPES_DEC_MAX_DIGITS 81
/* Longest text of a decimal: sign, 81 digits, point, leading "0", NUL. */
#define TYPES_DEC_STR_MAX 96
/* Largest memcomparable key encoding (types_dec_to_key). */
#define TYPES_DEC_KEY_MAX 48
/* MySQL's default div_precision_increment. */
#define TYPES_DIV_PRECISION_INCREMENT 4

typedef enum types_dec_round_mode {
    TYPES_ROUND_HALF_UP,  /* away from zero at .5: ROUND(), CAST, storing into a column */
    TYPES_ROUND_TRUNCATE, /* toward zero: TRUNCATE() */
    TYPES_ROUND_CEIL,     /* toward +infinity: CEIL() */
    TYPES_ROUND_FLOOR,    /* toward -infinity: FLOOR() */
} types_dec_round_mode_t;

typedef enum types_dec_op {
    TYPES_DEC_ADD,
    TYPES_DEC_SUB,
    TYPES_DEC_MUL,
    TYPES_DEC_DIV,
    TYPES_DEC_MOD,
} types_dec_op_t;

/* types_dec_zero: 0 with the given scale (0..30). */
types_decimal_t types_dec_zero(int frac);
bool types_dec_is_zero(const types_decimal_t *d);

/* types_dec_from_int64 / from_uint64: exact, scale 0. */
types_decimal_t types_dec_from_int64(int64_t v);
types_decimal_t types_dec_from_uint64(uint64_t v);

/*
 * types_dec_from_string: parses MySQL decimal text: leading white space, sign,
 * digits, '.', digits, optional exponent (e/E[+-]digits). Scale is the number of
 * fraction digits written (after the exponent shifts the point), at most 30:
 * further digits are rounded half up; when the integer part leaves fewer than 30
 * fraction digits of MySQL's 9 words of 9 digits, the rest are cut instead. Returns TYPES_OK;
 * TYPES_TRUNCATED when non-space characters follow the number or non-zero digits were rounded away;
 * TYPES_BAD_VALUE (value 0) when no digits start the text; TYPES_OUT_OF_RANGE
 * when more than 81 integer digits (value clipped to +/-99..9, 81 nines).
 * *end_pos, if not NULL, receives the number of bytes consumed.
 */
types_status_t types_dec_from_string(const char *s, size_t len, types_decimal_t *out,
                                     size_t *end_pos);

/* types_dec_to_string: writes the value with exactly d->frac fraction digits
 * ("-0.50", "12", "0.000") into buf (TYPES_DEC_STR_MAX bytes), NUL-terminated.
 * Returns the length. */
size_t types_dec_to_string(const types_decimal_t *d, char *buf);

/* types_dec_to_int64 / to_uint64: rounds half up to an integer. Returns TYPES_OK,
 * or TYPES_OUT_OF_RANGE with *out clipped to the type's limit (a negative value
 * gives 0 for uint64). */
types_status_t types_dec_to_int64(const types_decimal_t *d, int64_t *out);
types_status_t types_dec_to_uint64(const types_decimal_t *d, uint64_t *out);

/*
 * types_dec_to_scaled128 / types_dec_from_scaled128: the value as a signed
 * integer count of 10^-scale units (scale 0..30), for columns that keep one
 * scale and compute in __int128 (12.345 at scale 2 is 1235, rounded half up).
 * types_dec_to_scaled128 returns false, leaving *out unchanged, when the value
 * needs more than 38 digits at that scale.
 */
bool types_dec_to_scaled128(const types_decimal_t *d, int scale, __int128 *out);
types_decimal_t types_dec_from_scaled128(__int128 v, int scale);

/* types_dec_to_double: the nearest double. */
double types_dec_to_double(const types_decimal_t *d);

/* types_dec_from_double: the shortest decimal text that reads back as v, as a
 * decimal (scale <= 30). TYPES_BAD_VALUE for NaN/infinity (value 0), otherwise as
 * types_dec_from_string. */
types_status_t types_dec_from_double(double v, types_decimal_t *out);

/*
 * Arithmetic with MySQL's value rules. The result scale is max(scale) for +, -
 * and %; s1+s2 for * (rounded half up to 30); s1+incr for / (incr is
 * div_precision_increment, normally 4), rounded half up except where MySQL's
 * word-wise division truncates (it computes fraction digits in 9-digit words;
 * when those hold exactly s1+incr digits there is none to round by, e.g.
 * 511776358.54777/6 = 85296059.757961666). If the result needs more than 81
 * digits, fraction digits are rounded away (TYPES_TRUNCATED); if the integer part
 * alone needs more than 81 digits, TYPES_OUT_OF_RANGE (the caller raises 1690;
 * *out is clipped). Results are exact before that limit; MySQL multiplies in
 * 9-digit words and, when a product needs more than 81 digits with its full
 * scale, drops fraction words of the operands first, which can change the
 * result; duet rounds the exact product instead. / and % by zero give
 * TYPES_DIV_ZERO (*out is 0; SQL NULL).
 * A zero result is never negative (MariaDB can print -0.0 for %).
 * out may alias a or b.
 */
types_status_t types_dec_add(const types_decimal_t *a, const types_decimal_t *b,
                             types_decimal_t *out);
types_status_t types_dec_sub(const types_decimal_t *a, const types_decimal_t *b,
                             types_decimal_t *out);
types_status_t types_dec_mul(const types_decimal_t *a, const types_decimal_t *b,
                             types_decimal_t *out);
types_status_t types_dec_div(const types_decimal_t *a, const types_decimal_t *b, int incr,
                             types_decimal_t *out);
types_status_t types_dec_mod(const types_decimal_t *a, const types_decimal_t *b,
                             types_decimal_t *out);
/* types_dec_neg: -a (exact). */
types_decimal_t types_dec_neg(const types_decimal_t *a);

/* types_dec_round: a rounded to frac fraction digits (-65..30; negative rounds
 * to tens, hundreds...; the result scale is max(frac, 0)). Scaling up adds zeros.
 * Returns TYPES_OK or TYPES_OUT_OF_RANGE when the result exceeds 81 digits. */
types_status_t types_dec_round(const types_decimal_t *a, int frac, types_dec_round_mode_t mode,
                               types_decimal_t *out);

/* types_dec_fit: converts a to a DECIMAL(prec,frac) column value: rounds half up
 * to frac (TYPES_TRUNCATED if non-zero digits were lost, MySQL's note 1265) and
 * clips to +/-(10^(prec-frac) - 10^-frac) when too large (TYPES_OUT_OF_RANGE). */
types_status_t types_dec_fit(const types_decimal_t *a, int prec, int frac, types_decimal_t *out);

/* types_dec_cmp: -1, 0 or 1; scale does not matter (1.5 == 1.50). */
int types_dec_cmp(const types_decimal_t *a, const types_decimal_t *b);

/* types_dec_precision: the number of digits of the value as written with its
 * scale (at least frac, at least 1): 12.50 -> 4. */
int types_dec_precision(const types_decimal_t *d);

/* types_dec_result_type: MySQL's result precision and scale of a op b for operand
 * types DECIMAL(p1,s1) and DECIMAL(p2,s2), capped at 65 and 30. */
void types_dec_result_type(types_dec_op_t op, int p1, int s1, int p2, int s2, int incr, int *prec,
                           int *scale);

/* types_dec_bin_size: bytes of the compact binary form of DECIMAL(prec,frac). */
int types_dec_bin_size(int prec, int frac);

/* types_dec_to_bin: MySQL's compact binary DECIMAL(prec,frac) (9 digits per 4
 * bytes, big endian, sign bit flipped, negatives inverted; the row and binlog
 * format, order preserving for one prec/frac). The value is first fitted as by
 * types_dec_fit, whose status is returned. Writes types_dec_bin_size bytes. */
types_status_t types_dec_to_bin(const types_decimal_t *d, int prec, int frac, uint8_t *out);

/* types_dec_from_bin: reads types_dec_bin_size(prec, frac) bytes. Returns 0, or
 * -1 when the bytes are not a valid encoding. */
int types_dec_from_bin(const uint8_t *in, int prec, int frac, types_decimal_t *out);

/*
 * types_dec_to_key: the memcomparable form, independent of scale: memcmp order of
 * two keys is the numeric order, and equal values (1.5, 1.50) give equal keys.
 * Layout: 0x01 negative / 0x02 zero / 0x03 positive; then for non-zero values the
 * exponent byte (0x80 + number of integer digits, possibly negative) and the
 * significant digits two per byte as 1 + 10*d1 + d2, then 0x00; every byte after
 * the first is inverted for negatives. Writes at most TYPES_DEC_KEY_MAX bytes and
 * returns the count.
 */
size_t types_dec_to_key(const types_decimal_t *d, uint8_t *out);

/* types_dec_from_key: decodes a types_dec_to_key form from in[0..len); the value
 * gets the smallest scale that represents it. Returns the bytes consumed, or -1
 * when the input is malformed or truncated. */
int types_dec_from_key(const uint8_t *in, size_t len, types_decimal_t *out);

#endif
