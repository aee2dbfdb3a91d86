/* charset.c - utf8mb4/utf8mb3/latin1(cp1252)/ascii validation, lengths and conversions. */
#include "types/charset.h"

#include <stdbool.h>
#include <stdio.h>

#include "types/collation.h"
#include "types/field_type.h"

/* Windows-1252 0x80..0x9F as MySQL's latin1 maps them (undefined bytes map to the
 * C1 control of the same value). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

types_charset_t types_charset_of(uint16_t id)
{
    switch (id) {
    case TYPES_COLL_UTF8MB4_BIN:
    case TYPES_COLL_UTF8MB4_GENERAL_CI:
    case TYPES_COLL_UTF8MB4_UNICODE_CI:
    case TYPES_COLL_UTF8MB4_0900_BIN:
        return TYPES_CS_UTF8MB4;
    case TYPES_COLL_UTF8_BIN:
    case TYPES_COLL_UTF8_GENERAL_CI:
    case TYPES_COLL_UTF8_UNICODE_CI:
        return TYPES_CS_UTF8MB3;
    case TYPES_COLL_LATIN1_BIN:
    case TYPES_COLL_LATIN1_SWEDISH_CI:
        return TYPES_CS_LATIN1;
    case TYPES_COLL_ASCII_BIN:
    case TYPES_COLL_ASCII_GENERAL_CI:
        return TYPES_CS_ASCII;
    default:
        return TYPES_CS_BINARY;
    }
}

/* One character of s in cs: its length and code point; valid is false for a
 * byte that starts no valid character (length 1 then). */
static size_t next_char(types_charset_t cs, const char *s, size_t n, uint32_t *cp, bool *valid)
{
    unsigned char b = (unsigned char)s[0];
    *valid = true;
    switch (cs) {
    case TYPES_CS_BINARY:
        *cp = b;
        return 1;
    case TYPES_CS_ASCII:
        *cp = b;
        *valid = b < 0x80;
        return 1;
    case TYPES_CS_LATIN1:
        *cp = b >= 0x80 && b < 0xA0 ? cp1252_high[b - 0x80] : b;
        return 1;
    default: {
        size_t len = types_utf8_decode(s, n, cp);
        if (*cp == 0xFFFD && !(len == 3 && (unsigned char)s[0] == 0xEF))
            *valid = false;
        if (cs == TYPES_CS_UTF8MB3 && len == 4)
            *valid = false;
        return *valid ? len : 1;
    }
    }
}

size_t types_charset_valid_prefix(types_charset_t cs, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        bool ok;
        size_t l = next_char(cs, s + i, n - i, &cp, &ok);
        if (!ok)
            return i;
        i += l;
    }
    return n;
}

size_t types_charset_char_len(types_charset_t cs, const char *s, size_t n)
{
    if (cs == TYPES_CS_BINARY || cs == TYPES_CS_LATIN1 || cs == TYPES_CS_ASCII)
        return n;
    size_t i = 0, chars = 0;
    while (i < n) {
        uint32_t cp;
        bool ok;
        i += next_char(cs, s + i, n - i, &cp, &ok);
        chars++;
    }
    return chars;
}

static void put_utf8(duet_buf_t *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    duet_buf_append(b, u, n);
}

/* Encodes cp in cs; false when cs cannot hold it. */
static bool put_char(types_charset_t cs, duet_buf_t *out, uint32_t cp)
{
    switch (cs) {
    case TYPES_CS_ASCII:
        if (cp >= 0x80)
            return false;
        duet_buf_putc(out, (char)cp);
        return true;
    case TYPES_CS_LATIN1:
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
            duet_buf_putc(out, (char)cp);
            return true;
        }
        for (int i = 0; i < 32; i++)
            if (cp1252_high[i] == cp) {
                duet_buf_putc(out, (char)(0x80 + i));
                return true;
            }
        return false;
    case TYPES_CS_UTF8MB3:
        if (cp > 0xFFFF)
            return false;
        put_utf8(out, cp);
        return true;
    default:
        put_utf8(out, cp);
        return true;
    }
}

types_status_t types_charset_convert(types_charset_t from, types_charset_t to, const char *s,
                                     size_t n, duet_buf_t *out)
{
    if (from == TYPES_CS_BINARY || to == TYPES_CS_BINARY || from == to) {
        duet_buf_append(out, s, n);
        return TYPES_OK;
    }
    types_status_t st = TYPES_OK;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        bool ok;
        i += next_char(from, s + i, n - i, &cp, &ok);
        if (!ok || !put_char(to, out, cp)) {
            duet_buf_putc(out, '?');
            st = TYPES_TRUNCATED;
        }
    }
    return st;
}

void types_charset_bad_text(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n && i < 6; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F)
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, 8, "\\x%02X", c);
    }
    if (n > 6) {
        out[o++] = '.';
        out[o++] = '.';
        out[o++] = '.';
    }
    out[o] = '\0';
}
