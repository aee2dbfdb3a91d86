/* codec.h - the memcomparable key codec (record and index keys) and the row value codec (design.md
 * section 5). */
#ifndef DUET_TYPES_CODEC_H
#define DUET_TYPES_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"
#include "types/datum.h"
#include "types/field_type.h"

/* Thread safety: pure functions; callers own the buffers and arenas they pass. */

/*
 * Key codec. Every encoded value starts with a flag byte (TiDB's numbering), so
 * values of one column compare by memcmp of their encodings:
 *   0x00 NULL (sorts first)
 *   0x01 bytes: groups of 8 bytes, each followed by a marker 0xFF - (pad count),
 *        the last group padded with 0x00 (a full last group is followed by an
 *        empty group with marker 0xF7); strings with a non-binary collation are
 *        encoded as their collation sort key (types_coll_sortkey), so the key
 *        decodes to the sort key, not the original text; the single byte 0x01
 *        at the end of a key is the range bound MIN (below every non-NULL value).
 *   0x03 int64: big endian with the sign bit flipped
 *   0x04 uint64: big endian (also ENUM index, SET bits, BIT, and times as
 *        mytime_pack values)
 *   0x05 double: big endian bits, sign bit set for >= 0, all bits inverted for < 0
 *        (FLOAT values are widened to double)
 *   0x06 decimal: types_dec_to_key (scale independent: 1.5 and 1.50 are equal)
 *   0x07 duration: as int64 (microseconds)
 *   0x0A JSON: its text as bytes (binary JSON is not implemented yet)
 *   0xFA MAX (key range bound above every value)
 * Keys: record t{table_id}_r{handle} = 't' int64 "_r" int64; index
 * t{table_id}_i{index_id}{values}[handle] = 't' int64 "_i" int64 then each
 * value with its flag, then the handle as a flagged int64 for non-unique indexes
 * (the ids and record handle are flag-less 8-byte sign-flipped big endian).
 */
#define TYPES_KEY_FLAG_NULL     0x00
#define TYPES_KEY_FLAG_BYTES    0x01
#define TYPES_KEY_FLAG_INT      0x03
#define TYPES_KEY_FLAG_UINT     0x04
#define TYPES_KEY_FLAG_FLOAT    0x05
#define TYPES_KEY_FLAG_DECIMAL  0x06
#define TYPES_KEY_FLAG_DURATION 0x07
#define TYPES_KEY_FLAG_JSON     0x0A
#define TYPES_KEY_FLAG_MAX      0xFA

/* Length of a record key. */
#define TYPES_RECORD_KEY_LEN 19

/* types_key_encode_int/uint: the 8 flag-less comparable bytes. */
void types_key_put_int(duet_buf_t *out, int64_t v);
void types_key_put_uint(duet_buf_t *out, uint64_t v);
/* types_key_put_bytes: the flag-less group encoding of p[0..n). */
void types_key_put_bytes(duet_buf_t *out, const void *p, size_t n);

/* types_key_encode_datum: appends d with its flag byte. */
void types_key_encode_datum(duet_buf_t *out, const types_datum_t *d);

/*
 * types_key_decode_datum: decodes one flagged value from in[0..len). Bytes go to
 * arena and come back as a binary string (TYPES_K_STRING, collation binary);
 * uint64 as TYPES_K_UINT (the caller reinterprets ENUM, SET, BIT and times by
 * column type); the bounds as TYPES_K_MIN / TYPES_K_MAX. Returns the number of
 * bytes consumed, or -1 when the input is malformed or truncated.
 */
int types_key_decode_datum(const uint8_t *in, size_t len, duet_arena_t *arena, types_datum_t *out);

/* types_key_record / types_key_index_prefix: build the keys described above. */
void types_key_record(duet_buf_t *out, int64_t table_id, int64_t handle);
void types_key_index_prefix(duet_buf_t *out, int64_t table_id, int64_t index_id);
/* types_key_index: prefix, the values, and (when with_handle) the handle. */
void types_key_index(duet_buf_t *out, int64_t table_id, int64_t index_id, const types_datum_t *vals,
                     size_t n, bool with_handle, int64_t handle);

/* types_key_decode_record: table id and handle of a record key. Returns 0, or -1
 * when key is not a record key. */
int types_key_decode_record(const uint8_t *key, size_t len, int64_t *table_id, int64_t *handle);

/* types_key_decode_index_prefix: table and index id of an index key; returns the
 * offset of the first value (19), or -1 when key is not an index key. */
int types_key_decode_index_prefix(const uint8_t *key, size_t len, int64_t *table_id,
                                  int64_t *index_id);

/*
 * Row value codec, modelled on TiDB's row format v2: version byte 128, flags
 * (bit 0: large, i.e. column ids above 255 or data above 64 KiB), the counts of
 * non-NULL and NULL columns (uint16 little endian), the non-NULL column ids in
 * ascending order then the NULL ones (1 byte each, or 4 when large), the end
 * offset of each non-NULL value (uint16, or uint32 when large), then the values:
 *   INT and DURATION: signed little endian in 1, 2, 4 or 8 bytes;
 *   UINT, ENUM, SET, BIT: unsigned the same way;
 *   FLOAT/DOUBLE: 8 bytes, the double's bits little endian;
 *   DECIMAL: precision, scale, then types_dec_to_bin;
 *   TIME: the 8-byte mytime_pack value little endian;
 *   STRING, JSON: the bytes.
 * Columns are found by id, so a row written before ADD COLUMN still decodes: the
 * new column takes its default.
 */

/* types_row_encode: encodes the n columns ids[i] = vals[i] (any order, distinct
 * ids >= 0) into out (appended). Returns 0, or -1 for a duplicate or negative id. */
int types_row_encode(duet_buf_t *out, const int64_t *ids, const types_datum_t *vals, size_t n);

/*
 * types_row_decode: for each wanted column ids[i] with type fts[i], out[i]
 * receives its value from the row: NULL if stored NULL, defaults[i] (or NULL
 * when defaults is NULL) if the row has no such column. Strings point into row
 * (valid while the row bytes are); ENUM/SET names come from fts[i]->elems via
 * arena. Returns 0, or -1 when the row is malformed.
 */
int types_row_decode(const uint8_t *row, size_t len, const int64_t *ids,
                     const types_field_type_t *fts, const types_datum_t *defaults, size_t n,
                     duet_arena_t *arena, types_datum_t *out);

#endif
