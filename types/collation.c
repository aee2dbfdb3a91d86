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

/* UCA 4.0.0 primary weight of U+0020; also that of NO-BREAK SPACE and others. */
#define UCA_SPACE 0x0209

static uint16_t general_weight(uint32_t cp)
{
    if (cp > 0xFFFF)
        return 0xFFFD;
    const uint16_t *page = coll_general_pages[cp >> 8];
    return page ? page[cp & 0xFF] : (uint16_t)cp;
}

/* general_ci has exactly one weight per character: a tight loop without the
 * weight-stream machinery (the common case for _ci columns). */
static inline uint16_t general_next(const char *s, size_t n, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return coll_general_pages[0][c];
    }
    uint32_t cp;
    *i += types_utf8_decode(s + *i, n - *i, &cp);
    return general_weight(cp);
}

static int cmp_general(const char *a, size_t na, const char *b, size_t nb)
{
    na = trim_len(a, na);
    nb = trim_len(b, nb);
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        uint16_t wa = general_next(a, na, &i), wb = general_next(b, nb, &j);
        if (wa != wb)
            return wa < wb ? -1 : 1;
    }
    return i < na ? 1 : (j < nb ? -1 : 0);
}

/* UCA weights of code point cp: count, with *w pointing at them (tmp holds
 * implicit weights). */
static inline int uca_weights(uint32_t cp, uint16_t tmp[2], const uint16_t **w)
{
    if (cp > 0xFFFF) {
        tmp[0] = 0xFFFD;
        *w = tmp;
        return 1;
    }
    const uint32_t *page = coll_uca_pages[cp >> 8];
    uint32_t e = page ? page[cp & 0xFF] : 0xFFFFFFFFu;
    if (e != 0xFFFFFFFFu) {
        *w = coll_uca_pool + (e >> 4);
        return (int)(e & 15);
    }
    uint16_t base = (cp >= 0x4E00 && cp <= 0x9FA5) || (cp >= 0xF900 && cp <= 0xFAFF) ? 0xFB40
                    : (cp >= 0x3400 && cp <= 0x4DB5)                                 ? 0xFB80
                                                                                     : 0xFBC0;
    tmp[0] = (uint16_t)(base + (cp >> 15));
    tmp[1] = (uint16_t)((cp & 0x7FFF) | 0x8000);
    *w = tmp;
    return 2;
}

/* Start of the UTF-8 character that ends at s[n-1]. */
static size_t char_start(const char *s, size_t n)
{
    size_t i = n - 1;
    for (int k = 0; k < 3 && i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80; k++)
        i--;
    return i;
}

/* unicode_ci PAD SPACE: the length without trailing characters that weigh only
 * as spaces or nothing. */
static size_t uca_trim(const char *s, size_t n)
{
    while (n > 0) {
        size_t st = char_start(s, n);
        uint32_t cp;
        if (types_utf8_decode(s + st, n - st, &cp) != n - st)
            return n;
        uint16_t tmp[2];
        const uint16_t *w;
        int k = uca_weights(cp, tmp, &w);
        for (int i = 0; i < k; i++)
            if (w[i] != UCA_SPACE)
                return n;
        n = st;
    }
    return 0;
}

/* A cursor over unicode_ci weights. */
typedef struct uca_cur {
    const char *s;
    size_t n, i;
    const uint16_t *w;
    int left;
    uint16_t tmp[2];
} uca_cur_t;

static inline bool uca_next(uca_cur_t *c, uint16_t *out)
{
    while (c->left == 0) {
        if (c->i >= c->n)
            return false;
        unsigned char b = (unsigned char)c->s[c->i];
        uint32_t cp = b;
        if (b < 0x80)
            c->i++;
        else
            c->i += types_utf8_decode(c->s + c->i, c->n - c->i, &cp);
        c->left = uca_weights(cp, c->tmp, &c->w);
    }
    c->left--;
    *out = *c->w++;
    return true;
}

static int cmp_unicode(const char *a, size_t na, const char *b, size_t nb)
{
    uca_cur_t x = {a, uca_trim(a, na), 0, NULL, 0, {0, 0}};
    uca_cur_t y = {b, uca_trim(b, nb), 0, NULL, 0, {0, 0}};
    for (;;) {
        uint16_t wa, wb;
        bool ha = uca_next(&x, &wa), hb = uca_next(&y, &wb);
        if (!ha || !hb)
            return ha == hb ? 0 : (ha ? 1 : -1);
        if (wa != wb)
            return wa < wb ? -1 : 1;
    }
}

/* Weight of one byte under a single-byte collation. */
static inline uint16_t byte_weight(coll_kind_t k, unsigned char b)
{
    if (k == K_LATIN1CI)
        return coll_latin1_ci[b];
    if (k == K_ASCIICI)
        return (b >= 'a' && b <= 'z') ? (uint16_t)(b - 32) : b;
    return b;
}

int types_coll_cmp(const types_collation_t *c, const char *a, size_t na, const char *b, size_t nb)
{
    switch (c->kind) {
    case K_GENERAL:
        return cmp_general(a, na, b, nb);
    case K_UNICODE:
        return cmp_unicode(a, na, b, nb);
    case K_LATIN1CI:
    case K_ASCIICI: {
        na = trim_len(a, na);
        nb = trim_len(b, nb);
        size_t m = na < nb ? na : nb;
        for (size_t i = 0; i < m; i++) {
            uint16_t wa = byte_weight(c->kind, (unsigned char)a[i]);
            uint16_t wb = byte_weight(c->kind, (unsigned char)b[i]);
            if (wa != wb)
                return wa < wb ? -1 : 1;
        }
        return na < nb ? -1 : (na > nb);
    }
    default: {
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
    }
}

/*
 * A sink for sort key bytes: either a buffer, or an XXH3 state fed through a
 * small staging area (so hashing never builds the whole key).
 */
typedef struct sink {
    duet_buf_t *out;
    XXH3_state_t *st; /* started only when the key outgrows the stage */
    XXH3_state_t state;
    uint64_t seed;
    unsigned char stage[512];
    size_t used;
} sink_t;

static inline void sink_put(sink_t *k, const unsigned char *p, size_t n)
{
    if (k->out) {
        duet_buf_append(k->out, p, n);
        return;
    }
    if (k->used + n > sizeof k->stage) {
        if (!k->st) {
            k->st = &k->state;
            XXH3_INITSTATE(k->st);
            XXH3_64bits_reset_withSeed(k->st, k->seed);
        }
        XXH3_64bits_update(k->st, k->stage, k->used);
        k->used = 0;
    }
    memcpy(k->stage + k->used, p, n);
    k->used += n;
}

static inline void sink_w16(sink_t *k, uint16_t w)
{
    unsigned char two[2] = {(unsigned char)(w >> 8), (unsigned char)w};
    sink_put(k, two, 2);
}

/* Emits the sort key of s into k: bytes for the byte collations, 16-bit big-endian
 * weights for general_ci and unicode_ci. */
static void emit_key(const types_collation_t *c, const char *s, size_t n, sink_t *k)
{
    switch (c->kind) {
    case K_GENERAL: {
        n = trim_len(s, n);
        size_t i = 0;
        while (i < n)
            sink_w16(k, general_next(s, n, &i));
        return;
    }
    case K_UNICODE: {
        uca_cur_t cur = {s, uca_trim(s, n), 0, NULL, 0, {0, 0}};
        uint16_t w;
        while (uca_next(&cur, &w))
            sink_w16(k, w);
        return;
    }
    case K_LATIN1CI:
    case K_ASCIICI:
        n = trim_len(s, n);
        for (size_t i = 0; i < n; i++) {
            unsigned char b = (unsigned char)byte_weight(c->kind, (unsigned char)s[i]);
            sink_put(k, &b, 1);
        }
        return;
    default:
        if (c->kind == K_BIN)
            n = trim_len(s, n);
        if (n)
            sink_put(k, (const unsigned char *)s, n);
        return;
    }
}

size_t types_coll_sortkey(const types_collation_t *c, const char *s, size_t n, duet_buf_t *out)
{
    size_t before = out->len;
    sink_t k;
    k.out = out;
    k.st = NULL;
    k.seed = 0;
    k.used = 0;
    emit_key(c, s, n, &k);
    return out->len - before;
}

uint64_t types_coll_hash(const types_collation_t *c, const char *s, size_t n, uint64_t seed)
{
    if (c->kind == K_BINARY || c->kind == K_BIN) {
        n = c->kind == K_BIN ? trim_len(s, n) : n;
        return XXH3_64bits_withSeed(s, n, seed);
    }
    sink_t k;
    k.out = NULL;
    k.st = NULL;
    k.seed = seed;
    k.used = 0;
    emit_key(c, s, n, &k);
    if (!k.st) /* short keys: one call, the same value as streaming */
        return XXH3_64bits_withSeed(k.stage, k.used, seed);
    XXH3_64bits_update(k.st, k.stage, k.used);
    return XXH3_64bits_digest(k.st);
}
