/* infer.h - MySQL type inference beyond arithmetic: merged types (CASE, IF, COALESCE, UNION) and
 * comparison types. */
#ifndef DUET_TYPES_INFER_H
#define DUET_TYPES_INFER_H

#include "types/field_type.h"

/* Thread safety: pure functions; call from any thread. */

/*
 * types_field_type_merge: the result type of values of types a and b sharing one
 * column (UNION, CASE, IF, IFNULL, COALESCE), by MySQL's merge rules:
 *   NULL with X is X; equal types keep the type, widened;
 *   integers widen to the larger integer (a signed and an unsigned of one size
 *   go up one size, for BIGINT to DECIMAL(20,0)), YEAR with an integer is that
 *   integer; BIT with BIT is BIT, with another integer BIGINT;
 *   an integer or DECIMAL with DECIMAL is DECIMAL (integer digits and scale each
 *   the larger, precision at most 65); FLOAT with FLOAT is FLOAT; any real with
 *   a number is DOUBLE;
 *   DATE, DATETIME and TIMESTAMP together are DATETIME (TIMESTAMP with
 *   TIMESTAMP stays), TIME with a date type is DATETIME, fsp the larger;
 *   JSON with JSON is JSON;
 *   anything else (strings, ENUM/SET, temporal with numbers) is a string:
 *   VARCHAR of the longer display length, or a BLOB/TEXT type above 65535
 *   characters, binary when either side is binary.
 */
void types_field_type_merge(const types_field_type_t *a, const types_field_type_t *b,
                            types_field_type_t *out);

/* The type two values are compared in, by MySQL's comparison rules. */
typedef enum types_cmp_type {
    TYPES_CMP_INT,      /* both integers (signedness handled by the comparator) */
    TYPES_CMP_DECIMAL,  /* exact numbers, at least one DECIMAL */
    TYPES_CMP_REAL,     /* a FLOAT/DOUBLE, or a string against a number */
    TYPES_CMP_STRING,   /* both strings (collation resolved by the caller) */
    TYPES_CMP_DATETIME, /* a date type against a date type or a string */
    TYPES_CMP_DURATION, /* TIME against TIME or a string */
    TYPES_CMP_JSON,     /* a JSON side */
} types_cmp_type_t;

/* types_cmp_type_of: how a (type a) and b (type b) compare: both strings as
 * strings; both integers as integers; DECIMAL with an exact number as DECIMAL; a
 * date type with a date type, a string or an integer as DATETIME; TIME with TIME
 * or a string as TIME; JSON with anything as JSON; otherwise as DOUBLE. */
types_cmp_type_t types_cmp_type_of(const types_field_type_t *a, const types_field_type_t *b);

#endif
