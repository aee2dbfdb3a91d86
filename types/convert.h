/* convert.h - MySQL's string <-> number conversions and number printing, with truncation statuses.
 */
#ifndef DUET_TYPES_CONVERT_H
#define DUET_TYPES_CONVERT_H

#include <stddef.h>
#include <stdint.h>

#include "types/status.h"

/* Thread safety: pure functions (the C locale is assumed for strtod). */

/* Longest text of a double or float from types_double_format, with NUL. */
#define TYPES_DOUBLE_STR_MAX 32

/*
 * types_str_to_double: MySQL's string-to-DOUBLE: leading white space, then the
 * longest prefix that is a number ([+-]digits[.digits][e[+-]digits]). Returns
 * TYPES_OK; TYPES_TRUNCATED when other characters follow (warning 1292
 * "Truncated incorrect DOUBLE value: '...'"); TYPES_BAD_VALUE (0) when there is no
 * number at all ('' included); TYPES_OUT_OF_RANGE (+/-DBL_MAX) on overflow.
 */
types_status_t types_str_to_double(const char *s, size_t len, double *out);

/*
 * types_str_to_int64 / types_str_to_uint64: MySQL's string-to-INTEGER as in CAST(s
 * AS SIGNED): leading white space, sign, digits; stops at the first other
 * character (TYPES_TRUNCATED unless only spaces follow: '1.9' is 1, truncated).
 * TYPES_BAD_VALUE (0) without digits; TYPES_OUT_OF_RANGE clipped to the type's
 * limits (a negative value for uint64 clips to 0).
 */
types_status_t types_str_to_int64(const char *s, size_t len, int64_t *out);
types_status_t types_str_to_uint64(const char *s, size_t len, uint64_t *out);

/*
 * types_str_cast_int: CAST(s AS SIGNED) / CAST(s AS UNSIGNED): text with a minus
 * sign is read as int64 (clipped at INT64_MIN), other text as uint64 (clipped at
 * UINT64_MAX), and the 64 bits are then taken as the target type, as MySQL does:
 * CAST('-1' AS UNSIGNED) is 18446744073709551615, CAST('18446744073709551615' AS
 * SIGNED) is -1. *bits receives the two's complement value. Statuses as
 * types_str_to_int64.
 */
types_status_t types_str_cast_int(const char *s, size_t len, uint64_t *bits);

/* types_double_to_int64 / uint64: rounds half to even, as MySQL does for
 * approximate values (2.5e0 -> 2, 3.5e0 -> 4); TYPES_OUT_OF_RANGE (clipped)
 * outside the type's range or for NaN. */
types_status_t types_double_to_int64(double v, int64_t *out);
types_status_t types_double_to_uint64(double v, uint64_t *out);

/*
 * types_double_format: DOUBLE as MySQL prints it: the shortest digits that read
 * back as v, positional for decimal exponents -5..14 ("0.1", "100000000000000",
 * "-0.00001") and exponential otherwise ("1e15", "1.2345678901234568e17",
 * "1e-7"). is_float formats as MySQL shows FLOAT values: 6 significant digits
 * (3.14159, 16777200, 3.40282e38). Returns the length written into buf
 * (TYPES_DOUBLE_STR_MAX bytes).
 */
size_t types_double_format(double v, int is_float, char *buf);

#endif
