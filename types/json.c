/* json.c - binary JSON: text parser, binary writer and reader, MySQL-style printing, simple paths.
 */
#include "types/json.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "common/mem.h"
#include "types/convert.h"

/* ---- writing ---- */

static void put_u32(duet_buf_t *b, uint32_t v)
{
    char x[4] = {(char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24)};
    duet_buf_append(b, x, 4);
}

static void put_u16(duet_buf_t *b, uint16_t v)
{
    char x[2] = {(char)v, (char)(v >> 8)};
    duet_buf_append(b, x, 2);
}

static void put_u64(duet_buf_t *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        duet_buf_putc(b, (char)(v >> (8 * i)));
}

static void put_uleb(duet_buf_t *b, uint64_t v)
{
    do {
        uint8_t c = v & 0x7F;
        v >>= 7;
        duet_buf_putc(b, (char)(v ? c | 0x80 : c));
    } while (v);
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* Reads a LEB128 length; returns bytes used or 0 when malformed. */
static size_t get_uleb(const uint8_t *p, size_t n, uint64_t *v)
{
    *v = 0;
    for (size_t i = 0; i < n && i < 10; i++) {
        *v |= (uint64_t)(p[i] & 0x7F) << (7 * i);
        if (!(p[i] & 0x80))
            return i + 1;
    }
    return 0;
}

/* ---- parsing ---- */

typedef struct parser {
    const char *s;
    size_t len, pos;
    int depth;
    types_status_t st;
} parser_t;

static int fail(parser_t *p, types_status_t st)
{
    if (p->st == TYPES_OK)
        p->st = st;
    return -1;
}

static void skip_ws(parser_t *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static void put_utf8(duet_buf_t *b, uint32_t cp)
{
    char u[4];
    if (cp < 0x80) {
        duet_buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        duet_buf_append(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        duet_buf_append(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        duet_buf_append(b, u, 4);
    }
}

static int hex4(parser_t *p, uint32_t *v)
{
    if (p->pos + 4 > p->len)
        return -1;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p->s[p->pos++];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        *v = *v * 16 + (uint32_t)d;
    }
    return 0;
}

/* Parses a string at p->pos (the opening quote) into out (decoded UTF-8). */
static int parse_string(parser_t *p, duet_buf_t *out)
{
    p->pos++;
    for (;;) {
        if (p->pos >= p->len)
            return fail(p, TYPES_BAD_VALUE);
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == '"') {
            p->pos++;
            return 0;
        }
        if (c < 0x20)
            return fail(p, TYPES_BAD_VALUE);
        if (c != '\\') {
            duet_buf_putc(out, (char)c);
            p->pos++;
            continue;
        }
        if (++p->pos >= p->len)
            return fail(p, TYPES_BAD_VALUE);
        char e = p->s[p->pos++];
        uint32_t cp;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            duet_buf_putc(out, e);
            break;
        case 'b':
            duet_buf_putc(out, '\b');
            break;
        case 'f':
            duet_buf_putc(out, '\f');
            break;
        case 'n':
            duet_buf_putc(out, '\n');
            break;
        case 'r':
            duet_buf_putc(out, '\r');
            break;
        case 't':
            duet_buf_putc(out, '\t');
            break;
        case 'u':
            if (hex4(p, &cp))
                return fail(p, TYPES_BAD_VALUE);
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (p->pos + 2 > p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
                    return fail(p, TYPES_BAD_VALUE);
                p->pos += 2;
                if (hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return fail(p, TYPES_BAD_VALUE);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail(p, TYPES_BAD_VALUE);
            }
            put_utf8(out, cp);
            break;
        default:
            return fail(p, TYPES_BAD_VALUE);
        }
    }
}

static int parse_number(parser_t *p, duet_buf_t *out)
{
    size_t st = p->pos;
    bool neg = false, real = false;
    if (p->s[p->pos] == '-') {
        neg = true;
        p->pos++;
    }
    size_t d0 = p->pos;
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
        p->pos++;
    if (p->pos == d0 || (p->s[d0] == '0' && p->pos - d0 > 1))
        return fail(p, TYPES_BAD_VALUE);
    if (p->pos < p->len && p->s[p->pos] == '.') {
        real = true;
        size_t f0 = ++p->pos;
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
            p->pos++;
        if (p->pos == f0)
            return fail(p, TYPES_BAD_VALUE);
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        real = true;
        p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            p->pos++;
        size_t e0 = p->pos;
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
            p->pos++;
        if (p->pos == e0)
            return fail(p, TYPES_BAD_VALUE);
    }
    const char *t = p->s + st;
    size_t n = p->pos - st;
    if (!real) {
        int64_t i;
        uint64_t u;
        if (types_str_to_int64(t, n, &i) == TYPES_OK) {
            duet_buf_putc(out, TYPES_JSON_INT64);
            put_u64(out, (uint64_t)i);
            return 0;
        }
        if (!neg && types_str_to_uint64(t, n, &u) == TYPES_OK) {
            duet_buf_putc(out, TYPES_JSON_UINT64);
            put_u64(out, u);
            return 0;
        }
    }
    double d;
    if (types_str_to_double(t, n, &d) != TYPES_OK)
        return fail(p, TYPES_BAD_VALUE);
    uint64_t bits;
    memcpy(&bits, &d, 8);
    duet_buf_putc(out, TYPES_JSON_DOUBLE);
    put_u64(out, bits);
    return 0;
}

typedef struct member {
    size_t key_off, key_len; /* in the keys buffer */
    size_t val_off, val_len; /* encoded value (type + data) in the values buffer */
    size_t order;
    const char *key; /* set once the keys buffer stops growing, for sorting */
} member_t;

static int member_cmp(const void *x, const void *y)
{
    const member_t *a = x, *b = y;
    if (a->key_len != b->key_len)
        return a->key_len < b->key_len ? -1 : 1;
    int c = a->key_len ? memcmp(a->key, b->key, a->key_len) : 0;
    if (c)
        return c;
    return a->order < b->order ? -1 : (a->order > b->order);
}

static int parse_value(parser_t *p, duet_buf_t *out);

/* Writes a container from its members; values[] hold type + data encodings. */
static void write_container(duet_buf_t *out, bool object, const member_t *m, size_t n,
                            const char *keys, const char *vals)
{
    size_t hdr = 8 + (object ? n * 6 : 0) + n * 5;
    size_t key_total = 0, val_total = 0;
    for (size_t i = 0; i < n; i++) {
        key_total += object ? m[i].key_len : 0;
        if ((uint8_t)vals[m[i].val_off] != TYPES_JSON_LITERAL)
            val_total += m[i].val_len - 1;
    }
    duet_buf_putc(out, object ? TYPES_JSON_OBJECT : TYPES_JSON_ARRAY);
    put_u32(out, (uint32_t)n);
    put_u32(out, (uint32_t)(hdr + key_total + val_total));
    size_t off = hdr;
    if (object)
        for (size_t i = 0; i < n; i++) {
            put_u32(out, (uint32_t)off);
            put_u16(out, (uint16_t)m[i].key_len);
            off += m[i].key_len;
        }
    for (size_t i = 0; i < n; i++) {
        uint8_t type = (uint8_t)vals[m[i].val_off];
        duet_buf_putc(out, (char)type);
        if (type == TYPES_JSON_LITERAL) {
            put_u32(out, (uint8_t)vals[m[i].val_off + 1]);
        } else {
            put_u32(out, (uint32_t)off);
            off += m[i].val_len - 1;
        }
    }
    if (object)
        for (size_t i = 0; i < n; i++)
            if (m[i].key_len)
                duet_buf_append(out, keys + m[i].key_off, m[i].key_len);
    for (size_t i = 0; i < n; i++)
        if ((uint8_t)vals[m[i].val_off] != TYPES_JSON_LITERAL)
            duet_buf_append(out, vals + m[i].val_off + 1, m[i].val_len - 1);
}

static int parse_container(parser_t *p, duet_buf_t *out, bool object)
{
    if (++p->depth > TYPES_JSON_MAX_DEPTH)
        return fail(p, TYPES_OUT_OF_RANGE);
    char close = object ? '}' : ']';
    p->pos++;
    duet_buf_t keys = DUET_BUF_INIT, vals = DUET_BUF_INIT;
    member_t *m = NULL;
    size_t n = 0, cap = 0;
    int rc = -1;
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
    } else {
        for (;;) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                m = duet_realloc(m, cap * sizeof *m);
            }
            m[n].order = n;
            m[n].key_off = keys.len;
            m[n].key_len = 0;
            if (object) {
                skip_ws(p);
                if (p->pos >= p->len || p->s[p->pos] != '"' || parse_string(p, &keys)) {
                    fail(p, TYPES_BAD_VALUE);
                    goto out;
                }
                m[n].key_len = keys.len - m[n].key_off;
                skip_ws(p);
                if (p->pos >= p->len || p->s[p->pos] != ':') {
                    fail(p, TYPES_BAD_VALUE);
                    goto out;
                }
                p->pos++;
            }
            m[n].val_off = vals.len;
            if (parse_value(p, &vals))
                goto out;
            m[n].val_len = vals.len - m[n].val_off;
            n++;
            skip_ws(p);
            if (p->pos < p->len && p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->pos < p->len && p->s[p->pos] == close) {
                p->pos++;
                break;
            }
            fail(p, TYPES_BAD_VALUE);
            goto out;
        }
    }
    if (object && n > 1) {
        for (size_t i = 0; i < n; i++)
            m[i].key = keys.data + m[i].key_off;
        qsort(m, n, sizeof *m, member_cmp);
        /* Duplicates are adjacent in input order: keep the last. */
        size_t w = 0;
        for (size_t i = 0; i < n; i++) {
            if (i + 1 < n && m[i].key_len == m[i + 1].key_len &&
                (m[i].key_len == 0 || memcmp(m[i].key, m[i + 1].key, m[i].key_len) == 0))
                continue;
            m[w++] = m[i];
        }
        n = w;
    }
    write_container(out, object, m, n, keys.data, vals.data);
    rc = 0;
out:
    duet_free(m);
    duet_buf_free(&keys);
    duet_buf_free(&vals);
    p->depth--;
    return rc;
}

static bool match_word(parser_t *p, const char *w)
{
    size_t n = strlen(w);
    if (p->len - p->pos >= n && memcmp(p->s + p->pos, w, n) == 0) {
        p->pos += n;
        return true;
    }
    return false;
}

static int parse_value(parser_t *p, duet_buf_t *out)
{
    skip_ws(p);
    if (p->pos >= p->len)
        return fail(p, TYPES_BAD_VALUE);
    char c = p->s[p->pos];
    if (c == '{' || c == '[')
        return parse_container(p, out, c == '{');
    if (c == '"') {
        duet_buf_t s = DUET_BUF_INIT;
        int rc = parse_string(p, &s);
        if (rc == 0) {
            duet_buf_putc(out, TYPES_JSON_STRING);
            put_uleb(out, s.len);
            duet_buf_append(out, s.data ? s.data : "", s.len);
        }
        duet_buf_free(&s);
        return rc;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_number(p, out);
    uint8_t lit;
    if (match_word(p, "null"))
        lit = 0;
    else if (match_word(p, "true"))
        lit = 1;
    else if (match_word(p, "false"))
        lit = 2;
    else
        return fail(p, TYPES_BAD_VALUE);
    duet_buf_putc(out, TYPES_JSON_LITERAL);
    duet_buf_putc(out, (char)lit);
    return 0;
}

types_status_t types_json_parse(const char *text, size_t len, duet_buf_t *out, size_t *err_pos)
{
    parser_t p = {text, len, 0, 0, TYPES_OK};
    duet_buf_t tmp = DUET_BUF_INIT;
    if (parse_value(&p, &tmp) == 0) {
        skip_ws(&p);
        if (p.pos < p.len)
            fail(&p, TYPES_BAD_VALUE);
    }
    if (p.st != TYPES_OK) {
        if (err_pos)
            *err_pos = p.pos;
        duet_buf_free(&tmp);
        return p.st;
    }
    duet_buf_append(out, tmp.data, tmp.len);
    duet_buf_free(&tmp);
    return TYPES_OK;
}

/* ---- reading ---- */

/* Length of the data of a value of type t at d (n bytes available), or 0 if bad. */
static size_t data_len(uint8_t t, const uint8_t *d, size_t n)
{
    uint64_t l;
    size_t k;
    switch (t) {
    case TYPES_JSON_LITERAL:
        return n >= 1 && d[0] <= 2 ? 1 : 0;
    case TYPES_JSON_INT64:
    case TYPES_JSON_UINT64:
    case TYPES_JSON_DOUBLE:
        return n >= 8 ? 8 : 0;
    case TYPES_JSON_STRING:
        k = get_uleb(d, n, &l);
        return k && l <= n - k ? k + l : 0;
    case TYPES_JSON_OBJECT:
    case TYPES_JSON_ARRAY:
        if (n < 8)
            return 0;
        l = get_u32(d + 4);
        return l >= 8 && l <= n ? l : 0;
    default:
        return 0;
    }
}

static int valid_rec(uint8_t t, const uint8_t *d, size_t n, int depth)
{
    size_t dl = data_len(t, d, n);
    if (dl == 0 || depth > TYPES_JSON_MAX_DEPTH)
        return -1;
    if (t != TYPES_JSON_OBJECT && t != TYPES_JSON_ARRAY)
        return 0;
    uint32_t cnt = get_u32(d);
    bool obj = t == TYPES_JSON_OBJECT;
    size_t hdr = 8 + (size_t)cnt * (obj ? 11 : 5);
    if (hdr > dl)
        return -1;
    for (uint32_t i = 0; i < cnt; i++) {
        if (obj) {
            uint32_t ko = get_u32(d + 8 + i * 6);
            uint32_t kl = (uint32_t)d[8 + i * 6 + 4] | (uint32_t)d[8 + i * 6 + 5] << 8;
            if (ko < hdr || (size_t)ko + kl > dl)
                return -1;
        }
        const uint8_t *e = d + 8 + (obj ? (size_t)cnt * 6 : 0) + i * 5;
        uint32_t off = get_u32(e + 1);
        if (e[0] == TYPES_JSON_LITERAL) {
            if (off > 2)
                return -1;
            continue;
        }
        if (off < hdr || off >= dl || valid_rec(e[0], d + off, dl - off, depth + 1))
            return -1;
    }
    return 0;
}

int types_json_valid(const uint8_t *bin, size_t len)
{
    if (len < 2)
        return -1;
    if (valid_rec(bin[0], bin + 1, len - 1, 0))
        return -1;
    return data_len(bin[0], bin + 1, len - 1) == len - 1 ? 0 : -1;
}

static void text_string(const uint8_t *s, size_t n, duet_buf_t *out)
{
    duet_buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        switch (c) {
        case '"':
            duet_buf_puts(out, "\\\"");
            break;
        case '\\':
            duet_buf_puts(out, "\\\\");
            break;
        case '\n':
            duet_buf_puts(out, "\\n");
            break;
        case '\r':
            duet_buf_puts(out, "\\r");
            break;
        case '\t':
            duet_buf_puts(out, "\\t");
            break;
        case '\b':
            duet_buf_puts(out, "\\b");
            break;
        case '\f':
            duet_buf_puts(out, "\\f");
            break;
        default:
            if (c < 0x20)
                duet_buf_printf(out, "\\u%04x", c);
            else
                duet_buf_putc(out, (char)c);
        }
    }
    duet_buf_putc(out, '"');
}

static void text_rec(uint8_t t, const uint8_t *d, duet_buf_t *out)
{
    uint64_t l;
    size_t k;
    char num[TYPES_DOUBLE_STR_MAX];
    switch (t) {
    case TYPES_JSON_LITERAL:
        duet_buf_puts(out, d[0] == 0 ? "null" : (d[0] == 1 ? "true" : "false"));
        return;
    case TYPES_JSON_INT64:
        duet_buf_printf(out, "%lld", (long long)(int64_t)get_u64(d));
        return;
    case TYPES_JSON_UINT64:
        duet_buf_printf(out, "%llu", (unsigned long long)get_u64(d));
        return;
    case TYPES_JSON_DOUBLE: {
        uint64_t bits = get_u64(d);
        double f;
        memcpy(&f, &bits, 8);
        size_t n = types_double_format(f, 0, num);
        duet_buf_append(out, num, n);
        if (!strpbrk(num, ".eIN"))
            duet_buf_puts(out, ".0");
        return;
    }
    case TYPES_JSON_STRING:
        k = get_uleb(d, 10, &l);
        text_string(d + k, (size_t)l, out);
        return;
    default: {
        bool obj = t == TYPES_JSON_OBJECT;
        uint32_t cnt = get_u32(d);
        duet_buf_putc(out, obj ? '{' : '[');
        for (uint32_t i = 0; i < cnt; i++) {
            if (i)
                duet_buf_puts(out, ", ");
            if (obj) {
                uint32_t ko = get_u32(d + 8 + i * 6);
                uint32_t kl = (uint32_t)d[8 + i * 6 + 4] | (uint32_t)d[8 + i * 6 + 5] << 8;
                text_string(d + ko, kl, out);
                duet_buf_puts(out, ": ");
            }
            const uint8_t *e = d + 8 + (obj ? (size_t)cnt * 6 : 0) + i * 5;
            uint8_t lit = e[1];
            text_rec(e[0], e[0] == TYPES_JSON_LITERAL ? &lit : d + get_u32(e + 1), out);
        }
        duet_buf_putc(out, obj ? '}' : ']');
    }
    }
}

void types_json_to_text(const uint8_t *bin, size_t len, duet_buf_t *out)
{
    (void)len;
    text_rec(bin[0], bin + 1, out);
}

const char *types_json_type_name(const uint8_t *bin)
{
    switch (bin[0]) {
    case TYPES_JSON_OBJECT:
        return "OBJECT";
    case TYPES_JSON_ARRAY:
        return "ARRAY";
    case TYPES_JSON_INT64:
        return "INTEGER";
    case TYPES_JSON_UINT64:
        return "UNSIGNED INTEGER";
    case TYPES_JSON_DOUBLE:
        return "DOUBLE";
    case TYPES_JSON_STRING:
        return "STRING";
    default:
        return bin[1] == 0 ? "NULL" : "BOOLEAN";
    }
}

uint32_t types_json_length(const uint8_t *bin)
{
    if (bin[0] == TYPES_JSON_OBJECT || bin[0] == TYPES_JSON_ARRAY)
        return get_u32(bin + 1);
    return 1;
}

int types_json_extract(const uint8_t *bin, size_t len, const char *path, size_t path_len,
                       duet_buf_t *out)
{
    size_t i = 0;
    while (i < path_len && path[i] == ' ')
        i++;
    if (i >= path_len || path[i] != '$')
        return -1;
    i++;
    uint8_t t = bin[0];
    const uint8_t *d = bin + 1;
    uint8_t lit;
    bool found = true;
    duet_buf_t key = DUET_BUF_INIT;
    int rc = -1;
    while (i < path_len) {
        char c = path[i];
        if (c == ' ') {
            i++;
            continue;
        }
        duet_buf_reset(&key);
        if (c == '.') {
            i++;
            if (i < path_len && path[i] == '"') {
                parser_t p = {path, path_len, i, 0, TYPES_OK};
                if (parse_string(&p, &key))
                    goto out;
                i = p.pos;
            } else {
                size_t st = i;
                while (i < path_len && path[i] != '.' && path[i] != '[' && path[i] != ' ')
                    i++;
                if (i == st || memchr(path + st, '*', i - st))
                    goto out;
                duet_buf_append(&key, path + st, i - st);
            }
            if (!found || t != TYPES_JSON_OBJECT) {
                found = false;
                continue;
            }
            uint32_t cnt = get_u32(d);
            bool hit = false;
            for (uint32_t k = 0; k < cnt && !hit; k++) {
                uint32_t ko = get_u32(d + 8 + k * 6);
                uint32_t kl = (uint32_t)d[8 + k * 6 + 4] | (uint32_t)d[8 + k * 6 + 5] << 8;
                if (kl == key.len && memcmp(d + ko, key.data, kl) == 0) {
                    const uint8_t *e = d + 8 + (size_t)cnt * 6 + k * 5;
                    t = e[0];
                    lit = e[1];
                    d = t == TYPES_JSON_LITERAL ? &lit : d + get_u32(e + 1);
                    hit = true;
                }
            }
            found = hit;
        } else if (c == '[') {
            i++;
            size_t st = i;
            uint64_t idx = 0;
            while (i < path_len && path[i] >= '0' && path[i] <= '9' && i - st < 10)
                idx = idx * 10 + (uint64_t)(path[i++] - '0');
            if (i == st || i >= path_len || path[i] != ']')
                goto out;
            i++;
            if (!found)
                continue;
            if (t != TYPES_JSON_ARRAY) {
                /* A scalar behaves as a one-element array. */
                found = idx == 0;
                continue;
            }
            uint32_t cnt = get_u32(d);
            if (idx >= cnt) {
                found = false;
                continue;
            }
            const uint8_t *e = d + 8 + idx * 5;
            t = e[0];
            lit = e[1];
            d = t == TYPES_JSON_LITERAL ? &lit : d + get_u32(e + 1);
        } else {
            goto out;
        }
    }
    rc = 0;
    if (found) {
        duet_buf_putc(out, (char)t);
        size_t avail = d >= bin && d < bin + len ? len - (size_t)(d - bin) : 1;
        duet_buf_append(out, d, data_len(t, d, avail));
        rc = 1;
    }
out:
    duet_buf_free(&key);
    return rc;
}

/* ---- comparison and hashing ---- */

static int json_rank(uint8_t t, const uint8_t *d)
{
    switch (t) {
    case TYPES_JSON_LITERAL:
        return d[0] == 0 ? 0 : 5;
    case TYPES_JSON_INT64:
    case TYPES_JSON_UINT64:
    case TYPES_JSON_DOUBLE:
        return 1;
    case TYPES_JSON_STRING:
        return 2;
    case TYPES_JSON_OBJECT:
        return 3;
    default:
        return 4;
    }
}

static long double json_num(uint8_t t, const uint8_t *d)
{
    uint64_t u = get_u64(d);
    if (t == TYPES_JSON_INT64)
        return (long double)(int64_t)u;
    if (t == TYPES_JSON_UINT64)
        return (long double)u;
    double f;
    memcpy(&f, &u, 8);
    return f;
}

/* The i-th element of a container at d: type and data. */
static void json_elem(const uint8_t *d, uint32_t i, bool obj, uint8_t *t, const uint8_t **v,
                      uint8_t *lit)
{
    uint32_t cnt = get_u32(d);
    const uint8_t *e = d + 8 + (obj ? (size_t)cnt * 6 : 0) + (size_t)i * 5;
    *t = e[0];
    *lit = e[1];
    *v = e[0] == TYPES_JSON_LITERAL ? lit : d + get_u32(e + 1);
}

static int cmp_rec(uint8_t ta, const uint8_t *a, uint8_t tb, const uint8_t *b)
{
    int ra = json_rank(ta, a), rb = json_rank(tb, b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    switch (ra) {
    case 0:
        return 0;
    case 1: {
        long double x = json_num(ta, a), y = json_num(tb, b);
        return x < y ? -1 : (x > y);
    }
    case 5: /* booleans: false (2) < true (1) */
        return a[0] == b[0] ? 0 : (a[0] == 2 ? -1 : 1);
    case 2: {
        uint64_t la, lb;
        size_t ka = get_uleb(a, 10, &la), kb = get_uleb(b, 10, &lb);
        size_t m = la < lb ? (size_t)la : (size_t)lb;
        int c = m ? memcmp(a + ka, b + kb, m) : 0;
        if (c)
            return c < 0 ? -1 : 1;
        return la < lb ? -1 : (la > lb);
    }
    default: {
        bool obj = ra == 3;
        uint32_t na = get_u32(a), nb = get_u32(b);
        if (obj && na != nb)
            return na < nb ? -1 : 1;
        uint32_t n = na < nb ? na : nb;
        for (uint32_t i = 0; i < n; i++) {
            if (obj) {
                uint32_t ka = get_u32(a + 8 + i * 6), kb = get_u32(b + 8 + i * 6);
                uint32_t la = (uint32_t)a[8 + i * 6 + 4] | (uint32_t)a[8 + i * 6 + 5] << 8;
                uint32_t lb = (uint32_t)b[8 + i * 6 + 4] | (uint32_t)b[8 + i * 6 + 5] << 8;
                if (la != lb)
                    return la < lb ? -1 : 1;
                int c = la ? memcmp(a + ka, b + kb, la) : 0;
                if (c)
                    return c < 0 ? -1 : 1;
            }
            uint8_t t1, t2, l1, l2;
            const uint8_t *v1, *v2;
            json_elem(a, i, obj, &t1, &v1, &l1);
            json_elem(b, i, obj, &t2, &v2, &l2);
            int c = cmp_rec(t1, v1, t2, v2);
            if (c)
                return c;
        }
        return na < nb ? -1 : (na > nb);
    }
    }
}

int types_json_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    (void)alen;
    (void)blen;
    return cmp_rec(a[0], a + 1, b[0], b + 1);
}

/* Canonical bytes: equal values give equal bytes (numbers as doubles). */
static void canon(uint8_t t, const uint8_t *d, duet_buf_t *out)
{
    int r = json_rank(t, d);
    duet_buf_putc(out, (char)r);
    switch (r) {
    case 0:
        return;
    case 5:
        duet_buf_putc(out, (char)d[0]);
        return;
    case 1: {
        double f = (double)json_num(t, d);
        if (f == 0)
            f = 0;
        duet_buf_append(out, &f, sizeof f);
        return;
    }
    case 2: {
        uint64_t l;
        size_t k = get_uleb(d, 10, &l);
        duet_buf_append(out, d, k + (size_t)l);
        return;
    }
    default: {
        bool obj = r == 3;
        uint32_t n = get_u32(d);
        duet_buf_append(out, d, 4);
        for (uint32_t i = 0; i < n; i++) {
            if (obj) {
                uint32_t ko = get_u32(d + 8 + i * 6);
                uint32_t kl = (uint32_t)d[8 + i * 6 + 4] | (uint32_t)d[8 + i * 6 + 5] << 8;
                duet_buf_append(out, d + 8 + i * 6 + 4, 2);
                if (kl)
                    duet_buf_append(out, d + ko, kl);
            }
            uint8_t et, lit;
            const uint8_t *v;
            json_elem(d, i, obj, &et, &v, &lit);
            canon(et, v, out);
        }
    }
    }
}

uint64_t types_json_hash(const uint8_t *bin, size_t len, uint64_t seed)
{
    (void)len;
    duet_buf_t b = DUET_BUF_INIT;
    canon(bin[0], bin + 1, &b);
    uint64_t h = XXH3_64bits_withSeed(b.data, b.len, seed);
    duet_buf_free(&b);
    return h;
}
