/* charset.h - character sets behind the collations: validation, character length, conversion. */
#ifndef DUET_TYPES_CHARSET_H
#define DUET_TYPES_CHARSET_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "types/status.h"

/* Thread safety: pure functions; call from any thread. */

typedef enum types_charset {
    TYPES_CS_BINARY,
    TYPES_CS_UTF8MB4,
    TYPES_CS_UTF8MB3, /* MySQL's utf8: at most 3 bytes per character */
    TYPES_CS_LATIN1,  /* MySQL's latin1 is Windows-1252 */
    TYPES_CS_ASCII,
} types_charset_t;

/* types_charset_of: the character set of a collation id (binary for unknown ids). */
types_charset_t types_charset_of(uint16_t collation_id);

/* types_charset_valid_prefix: bytes of s[0..n) that are valid in cs (n when all
 * are): utf8mb4 rejects overlong forms, surrogates and values above U+10FFFF;
 * utf8mb3 also rejects 4-byte characters; ascii rejects bytes above 0x7F. */
size_t types_charset_valid_prefix(types_charset_t cs, const char *s, size_t n);

/* types_charset_char_len: CHAR_LENGTH(): characters in s (each invalid byte
 * counts as one). */
size_t types_charset_char_len(types_charset_t cs, const char *s, size_t n);

/*
 * types_charset_convert: CONVERT(s USING to): appends s (in from) re-encoded in
 * to. Characters that to cannot hold, and invalid input bytes, become '?', and
 * the result is TYPES_TRUNCATED (MySQL warns 1366 when storing). Conversions
 * from or to binary copy the bytes.
 */
types_status_t types_charset_convert(types_charset_t from, types_charset_t to, const char *s,
                                     size_t n, duet_buf_t *out);

/* types_charset_bad_text: the quoted part of 1366 "Incorrect string value: '%s'":
 * up to 6 bytes from s, printable ASCII as is and others as \xHH, then "..." when
 * more bytes follow. out holds at least 32 bytes. */
void types_charset_bad_text(const char *s, size_t n, char *out);

#endif
