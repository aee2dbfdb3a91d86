/* collation.h - string collations: comparison, hashing and sort keys that always agree. */
#ifndef DUET_TYPES_COLLATION_H
#define DUET_TYPES_COLLATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

/*
 * A collation is identified by its MySQL id (types/field_type.h TYPES_COLL_*).
 * Supported: binary (63), utf8mb4_bin (46, the default as in TiDB), utf8_bin (83),
 * utf8mb4_general_ci (45), utf8_general_ci (33), utf8mb4_unicode_ci (224),
 * utf8_unicode_ci (192), latin1_swedish_ci (8), latin1_bin (47),
 * ascii_general_ci (11), ascii_bin (65), utf8mb4_0900_bin (309, NO PAD bytes).
 *
 * For every collation, for all strings a and b:
 *   types_coll_cmp(a, b) == 0  <=>  sort keys are byte-equal
 *                              =>   types_coll_hash(a) == types_coll_hash(b)
 *   sign(types_coll_cmp(a, b)) == sign(memcmp order of the sort keys)
 *
 * PAD SPACE (all but binary and utf8mb4_0900_bin) follows TiDB's new collation framework: trailing
 * U+0020 spaces are removed before comparing, so 'a' = 'a  '. (MySQL compares
 * the shorter string as if padded with spaces, which differs only when the
 * longer one continues with a character that sorts below a space, such as TAB;
 * TiDB's rule is the one sort keys can honour.) For unicode_ci every trailing
 * character that weighs as a space (NO-BREAK SPACE too) is removed, as in MySQL.
 *
 * _general_ci: one 16-bit weight per BMP character (MySQL's case/accent folding
 * table); _unicode_ci: UCA 4.0.0 weights with expansions (ß = ss) and ignorable
 * characters. Both give every supplementary character (U+10000 and above) the
 * weight 0xFFFD, as MySQL does, so different emoji compare equal. Invalid UTF-8
 * bytes weigh as U+FFFD. The weight tables were generated from MariaDB 10.11,
 * whose utf8mb4_general_ci and utf8mb4_unicode_ci match MySQL 8's.
 *
 * All functions are pure and thread-safe.
 */
typedef struct types_collation types_collation_t;

/* types_coll_get: the collation with MySQL id id, or NULL when unsupported. */
const types_collation_t *types_coll_get(uint16_t id);

/* types_coll_id: the id of c. */
uint16_t types_coll_id(const types_collation_t *c);

/* types_coll_is_binary: true for the binary collation (no padding, bytes as is). */
bool types_coll_is_binary(const types_collation_t *c);

/* types_coll_cmp: -1, 0 or 1 comparing a[0..na) with b[0..nb). */
int types_coll_cmp(const types_collation_t *c, const char *a, size_t na, const char *b, size_t nb);

/* types_coll_sortkey: appends the sort key of s to out (memcmp order = collation
 * order; equal keys = equal strings). Returns the number of bytes appended. */
size_t types_coll_sortkey(const types_collation_t *c, const char *s, size_t n, duet_buf_t *out);

/* types_coll_hash: XXH3 (64 bits, seeded) of the sort key, without building it. */
uint64_t types_coll_hash(const types_collation_t *c, const char *s, size_t n, uint64_t seed);

/* types_utf8_decode: decodes one UTF-8 character of s[0..n) (n > 0) into *cp and
 * returns its length; an invalid or truncated sequence gives U+FFFD and length 1. */
size_t types_utf8_decode(const char *s, size_t n, uint32_t *cp);

#endif
