/* status.h - the outcome codes every types/ conversion returns, mapped by callers to MySQL warnings
 * or errors. */
#ifndef DUET_TYPES_STATUS_H
#define DUET_TYPES_STATUS_H

/*
 * types_status_t: conversions in types/ never fail hard; they always leave a
 * usable value (as MySQL does in non-strict mode) and say what happened. The
 * caller decides, from sql_mode and the statement kind, whether the status
 * becomes a warning (SHOW WARNINGS) or an error:
 *
 *   TYPES_OK             exact.
 *   TYPES_TRUNCATED      digits or characters were dropped or rounded
 *                        (e.g. '12abc' as a number, 1.235 into DECIMAL(4,2));
 *                        1292 "Truncated incorrect ... value" or note 1265.
 *   TYPES_OUT_OF_RANGE   the value did not fit and was clipped to the limit;
 *                        1264 for a column, 1690 for an expression.
 *   TYPES_BAD_VALUE      nothing usable was found ('abc' as a number, an invalid
 *                        date); the value is zero; 1292 / 1366.
 *   TYPES_DIV_ZERO       division by zero; the result is NULL; 1365.
 *   TYPES_ZERO_DATE      a zero date or a date with a zero part where sql_mode
 *                        forbids it (NO_ZERO_DATE / NO_ZERO_IN_DATE); 1292.
 */
typedef enum types_status {
    TYPES_OK = 0,
    TYPES_TRUNCATED = 1,
    TYPES_OUT_OF_RANGE = 2,
    TYPES_BAD_VALUE = 3,
    TYPES_DIV_ZERO = 4,
    TYPES_ZERO_DATE = 5,
} types_status_t;

/* types_status_worse: the more severe of two statuses (higher code wins). */
static inline types_status_t types_status_worse(types_status_t a, types_status_t b)
{
    return a > b ? a : b;
}

#endif
