/* coll_tables.h - generated collation weight tables (coll_tables.c), used only by collation.c. */
#ifndef DUET_TYPES_COLL_TABLES_H
#define DUET_TYPES_COLL_TABLES_H

#include <stddef.h>
#include <stdint.h>

/* utf8mb4_general_ci: weight of BMP code point cp is coll_general_pages[cp >> 8][cp & 255]
 * when the page exists, else cp itself. */
extern const uint16_t *const coll_general_pages[256];

/* utf8mb4_unicode_ci (UCA 4.0.0): entry e = coll_uca_pages[cp >> 8][cp & 255] when the
 * page exists; e == 0xFFFFFFFF (or no page) means the implicit weights
 * (base + (cp >> 15), (cp & 0x7FFF) | 0x8000), base 0xFB40 for CJK ideographs, 0xFB80
 * for CJK extension A, 0xFBC0 otherwise; else e >> 4 is an offset into
 * coll_uca_pool and e & 15 the number of weights (0 = ignorable). */
extern const uint32_t *const coll_uca_pages[256];
extern const uint16_t coll_uca_pool[];

/* latin1_swedish_ci: one weight byte per latin1 byte. */
extern const uint8_t coll_latin1_ci[256];

#endif
