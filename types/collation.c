/* collation.c - binary, _bin, _general_ci, _unicode_ci, latin1 and ascii collations over weight
 * streams. */
#include "types/collation.h"

#include <string.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

#include "types/coll_tables.h"
#include "types/field_type.h"

typedef enum coll_kind {
    K_BINARY,   /* bytes, no padding */
    K_BIN,      /* bytes, trailing spaces removed */
    K_GENERAL,  /* utf8 general_ci */
    K_UNICODE,  /* utf8 unicode_ci (UCA 4.0.0) */
    K_LATIN1CI, /* latin1_swedish_ci */
    K_ASCIICI,  /* ascii_general_ci */
} coll_kind_t;

struct types_collation {
    uint16_t id;
    coll_kind_t kind;
};

static const types_collation_t collations[] = {
    {TYPES_COLL_BINARY, K_BINARY},
    {TYPES_COLL_UTF8MB4_BIN, K_BIN},
    {TYPES_COLL_UTF8_BIN, K_BIN},
    {TYPES_COLL_LATIN1_BIN, K_BIN},
    {TYPES_COLL_ASCII_BIN, K_BIN},
    {TYPES_COLL_UTF8MB4_GENERAL_CI, K_GENERAL},
    {TYPES_COLL_UTF8_GENERAL_CI, K_GENERAL},
    {TYPES_COLL_UTF8MB4_UNICODE_CI, K_UNICODE},
    {TYPES_COLL_UTF8_UNICODE_CI, K_UNICODE},
    {TYPES_COLL_LATIN1_SWEDISH_CI, K_LATIN1CI},
    {TYPES_COLL_ASCII_GENERAL_CI, K_ASCIICI},
    {TYPES_COLL_UTF8MB4_0900_BIN, K_BINARY}, /* NO PAD: bytes as they are */
};

const types_collation_t *types_coll_get(uint16_t id)
{
    for (size_t i = 0; i < sizeof collations / sizeof collations[0]; i++)
        if (collations[i].id == id)
            return &collations[i];
    return NULL;
}

uint16_t types_coll_id(const types_collation_t *c)
{
    return c->id;
}

bool types_coll_is_binary(const types_collation_t *c)
{
    return c->id == TYPES_COLL_BINARY;
}

size_t types_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

/* Length without trailing spaces (PAD SPACE). */
static size_t trim_len(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    return n;
}

/*
 * A weight stream: yields the 16-bit weights of a string one at a time. Byte
 * collations yield each byte's weight; UCA characters may yield several weights
 * (held in pend) or none.
 */
typedef struct wstream {
    const types_collation_t *c;
    const char *s;
    size_t n, pos;
    const uint16_t *pend;
    uint16_t implicit[2];
    int npend;
    int spaces; /* space weights seen but not yet returned (unicode_ci padding) */
    bool held;  /* held_w follows those spaces */
    uint16_t held_w;
} wstream_t;

/* UCA 4.0.0 primary weight of U+0020; also that of NO-BREAK SPACE and others. */
#define UCA_SPACE 0x0209

static void ws_init(wstream_t *w, const types_collation_t *c, const char *s, size_t n)
{
    w->c = c;
    w->s = s;
    w->n = c->kind == K_BINARY ? n : trim_len(s, n);
    w->pos = 0;
    w->npend = 0;
    w->pend = NULL;
    w->spaces = 0;
    w->held = false;
}

static uint16_t general_weight(uint32_t cp)
{
    if (cp > 0xFFFF)
        return 0xFFFD;
    const uint16_t *page = coll_general_pages[cp >> 8];
    return page ? page[cp & 0xFF] : (uint16_t)cp;
}

/* Next weight into *out before padding rules; false at the end. */
static bool ws_next_raw(wstream_t *w, uint16_t *out)
{
    for (;;) {
        if (w->npend > 0) {
            *out = *w->pend++;
            w->npend--;
            return true;
        }
        if (w->pos >= w->n)
            return false;
        unsigned char b = (unsigned char)w->s[w->pos];
        uint32_t cp;
        switch (w->c->kind) {
        case K_BINARY:
        case K_BIN:
            w->pos++;
            *out = b;
            return true;
        case K_LATIN1CI:
            w->pos++;
            *out = coll_latin1_ci[b];
            return true;
        case K_ASCIICI:
            w->pos++;
            *out = (b >= 'a' && b <= 'z') ? (uint16_t)(b - 32) : b;
            return true;
        case K_GENERAL:
            w->pos += types_utf8_decode(w->s + w->pos, w->n - w->pos, &cp);
            *out = general_weight(cp);
            return true;
        case K_UNICODE: {
            w->pos += types_utf8_decode(w->s + w->pos, w->n - w->pos, &cp);
            if (cp > 0xFFFF) {
                *out = 0xFFFD;
                return true;
            }
            const uint32_t *page = coll_uca_pages[cp >> 8];
            uint32_t e = page ? page[cp & 0xFF] : 0xFFFFFFFFu;
            if (e == 0xFFFFFFFFu) {
                uint16_t base = (cp >= 0x4E00 && cp <= 0x9FA5) || (cp >= 0xF900 && cp <= 0xFAFF)
                                    ? 0xFB40
                                : (cp >= 0x3400 && cp <= 0x4DB5) ? 0xFB80
                                                                 : 0xFBC0;
                w->implicit[0] = (uint16_t)(base + (cp >> 15));
                w->implicit[1] = (uint16_t)((cp & 0x7FFF) | 0x8000);
                w->pend = w->implicit;
                w->npend = 2;
            } else {
                w->pend = coll_uca_pool + (e >> 4);
                w->npend = (int)(e & 15);
            }
            continue;
        }
        }
    }
}

/*
 * Next weight with PAD SPACE applied. For unicode_ci every trailing weight equal
 * to the space weight is dropped (so a trailing NO-BREAK SPACE pads like a space,
 * as in MySQL); other collations already had their trailing spaces trimmed.
 */
static bool ws_next(wstream_t *w, uint16_t *out)
{
    if (w->c->kind != K_UNICODE)
        return ws_next_raw(w, out);
    if (w->spaces > 0) {
        w->spaces--;
        *out = UCA_SPACE;
        return true;
    }
    if (w->held) {
        w->held = false;
        *out = w->held_w;
        return true;
    }
    int count = 0;
    uint16_t x;
    while (ws_next_raw(w, &x)) {
        if (x == UCA_SPACE) {
            count++;
            continue;
        }
        if (count == 0) {
            *out = x;
            return true;
        }
        w->held = true;
        w->held_w = x;
        w->spaces = count - 1;
        *out = UCA_SPACE;
        return true;
    }
    return false;
}

/* Byte collations have single-byte weights; key bytes are the weights. */
static bool byte_weights(const types_collation_t *c)
{
    return c->kind == K_BINARY || c->kind == K_BIN || c->kind == K_LATIN1CI || c->kind == K_ASCIICI;
}

int types_coll_cmp(const types_collation_t *c, const char *a, size_t na, const char *b, size_t nb)
{
    if (c->kind == K_BINARY || c->kind == K_BIN) {
        if (c->kind == K_BIN) {
            na = trim_len(a, na);
            nb = trim_len(b, nb);
        }
        size_t m = na < nb ? na : nb;
        int r = m ? memcmp(a, b, m) : 0;
        if (r)
            return r < 0 ? -1 : 1;
        return na < nb ? -1 : (na > nb);
    }
    wstream_t x, y;
    ws_init(&x, c, a, na);
    ws_init(&y, c, b, nb);
    for (;;) {
        uint16_t wa, wb;
        bool ha = ws_next(&x, &wa), hb = ws_next(&y, &wb);
        if (!ha || !hb)
            return ha == hb ? 0 : (ha ? 1 : -1);
        if (wa != wb)
            return wa < wb ? -1 : 1;
    }
}

size_t types_coll_sortkey(const types_collation_t *c, const char *s, size_t n, duet_buf_t *out)
{
    size_t before = out->len;
    if (c->kind == K_BINARY || c->kind == K_BIN) {
        n = c->kind == K_BIN ? trim_len(s, n) : n;
        duet_buf_append(out, s, n);
        return n;
    }
    wstream_t w;
    ws_init(&w, c, s, n);
    uint16_t wt;
    bool one = byte_weights(c);
    while (ws_next(&w, &wt)) {
        if (one) {
            duet_buf_putc(out, (char)wt);
        } else {
            char two[2] = {(char)(wt >> 8), (char)(wt & 0xFF)};
            duet_buf_append(out, two, 2);
        }
    }
    return out->len - before;
}

uint64_t types_coll_hash(const types_collation_t *c, const char *s, size_t n, uint64_t seed)
{
    if (c->kind == K_BINARY || c->kind == K_BIN) {
        n = c->kind == K_BIN ? trim_len(s, n) : n;
        return XXH3_64bits_withSeed(s, n, seed);
    }
    /* Stream the key through a small buffer; the hash equals XXH3 of the key. */
    XXH3_state_t st;
    XXH3_INITSTATE(&st);
    XXH3_64bits_reset_withSeed(&st, seed);
    unsigned char buf[256];
    size_t used = 0;
    wstream_t w;
    ws_init(&w, c, s, n);
    uint16_t wt;
    bool one = byte_weights(c);
    while (ws_next(&w, &wt)) {
        if (used + 2 > sizeof buf) {
            XXH3_64bits_update(&st, buf, used);
            used = 0;
        }
        if (!one)
            buf[used++] = (unsigned char)(wt >> 8);
        buf[used++] = (unsigned char)wt;
    }
    XXH3_64bits_update(&st, buf, used);
    return XXH3_64bits_digest(&st);
}
