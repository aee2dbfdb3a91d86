/* json.h - binary JSON: parsing text into a compact binary form, printing it as MySQL does, paths,
 * length. */
#ifndef DUET_TYPES_JSON_H
#define DUET_TYPES_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "types/status.h"

/* Thread safety: pure functions; call from any thread. */

/*
 * Binary JSON value = one type byte, then the data:
 *   0x01 object: count u32, size u32 (bytes of the data after the type byte),
 *        count key entries (key offset u32, key length u16), count value entries
 *        (type u8, offset u32 or an inlined literal), the keys, the values;
 *        keys sorted as MySQL sorts them (shorter first, then bytewise) and
 *        unique (the last duplicate wins, as in MySQL 8)
 *   0x03 array: count u32, size u32, count value entries, the values
 *   0x04 literal: 0x00 null, 0x01 true, 0x02 false
 *   0x09 int64, 0x0A uint64, 0x0B double: 8 bytes little endian
 *   0x0C string: length as unsigned LEB128, then UTF-8 bytes
 * Offsets count from the start of the container's data (after its type byte).
 * All integers are little endian. This is TiDB's layout of the facts (one size
 * class, literals inlined); MySQL's own format also has small containers.
 */
#define TYPES_JSON_OBJECT  0x01
#define TYPES_JSON_ARRAY   0x03
#define TYPES_JSON_LITERAL 0x04
#define TYPES_JSON_INT64   0x09
#define TYPES_JSON_UINT64  0x0A
#define TYPES_JSON_DOUBLE  0x0B
#define TYPES_JSON_STRING  0x0C

#define TYPES_JSON_MAX_DEPTH 100

/*
 * types_json_parse: parses JSON text (RFC 8259; numbers that fit int64 become
 * INTEGER, else uint64 UNSIGNED INTEGER, else DOUBLE) and appends its binary form
 * to out. Returns TYPES_OK, or TYPES_BAD_VALUE with *err_pos set to the byte
 * offset of the error (for 3140/3141 "Invalid JSON text"), or TYPES_OUT_OF_RANGE
 * when nesting exceeds TYPES_JSON_MAX_DEPTH (3157). out is unchanged on failure.
 */
types_status_t types_json_parse(const char *text, size_t len, duet_buf_t *out, size_t *err_pos);

/* types_json_valid: 0 when bin[0..len) is a well-formed binary JSON value, else -1. */
int types_json_valid(const uint8_t *bin, size_t len);

/* types_json_to_text: appends the value as MySQL prints JSON: {"a": 1, "b": [true, null]},
 * doubles with a fraction or exponent (3.0, 1e20), strings escaped. bin must be valid. */
void types_json_to_text(const uint8_t *bin, size_t len, duet_buf_t *out);

/* types_json_type_name: JSON_TYPE(): "OBJECT", "ARRAY", "INTEGER", "UNSIGNED INTEGER",
 * "DOUBLE", "STRING", "BOOLEAN" or "NULL". */
const char *types_json_type_name(const uint8_t *bin);

/* types_json_length: JSON_LENGTH(): members of an object or array, 1 for scalars. */
uint32_t types_json_length(const uint8_t *bin);

/*
 * types_json_extract: JSON_EXTRACT(doc, path) for paths made of $, .key, ."quoted
 * key" and [n] legs (no wildcards). On a match appends the value's binary form to
 * out and returns 1; returns 0 when the path matches nothing; -1 when the path is
 * invalid (3143 "Invalid JSON path expression"). bin must be valid.
 */
int types_json_extract(const uint8_t *bin, size_t len, const char *path, size_t path_len,
                       duet_buf_t *out);

/*
 * types_json_cmp: -1, 0 or 1 by MySQL's JSON comparison: first by type
 * precedence (BOOLEAN > ARRAY > OBJECT > STRING > numbers > NULL), then numbers
 * numerically across INTEGER, UNSIGNED INTEGER and DOUBLE (1 = 1.0), strings by
 * bytes, false < true, arrays element by element (a shorter equal prefix first),
 * objects equal when they hold the same keys and values (unequal objects in a
 * fixed order: member count, then keys, then values). a and b must be valid.
 */
int types_json_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);

/* types_json_hash: equal for values types_json_cmp finds equal. */
uint64_t types_json_hash(const uint8_t *bin, size_t len, uint64_t seed);

#endif
