/* codec.c - MySQL protocol integers and strings (see codec.h). */
#include "wire/codec.h"

#include <string.h>

void wire_reader_init(wire_reader_t *r, const void *p, size_t len)
{
    r->p = p;
    r->len = len;
    r->pos = 0;
    r->failed = false;
}

size_t wire_reader_left(const wire_reader_t *r)
{
    return r->len - r->pos;
}

static int reader_need(wire_reader_t *r, size_t n)
{
    if (r->failed || r->len - r->pos < n) {
        r->failed = true;
        return -1;
    }
    return 0;
}

static uint64_t load_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static int read_le(wire_reader_t *r, int n, uint64_t *v)
{
    if (reader_need(r, (size_t)n) < 0)
        return -1;
    *v = load_le(r->p + r->pos, n);
    r->pos += (size_t)n;
    return 0;
}

int wire_read_u8(wire_reader_t *r, uint8_t *v)
{
    uint64_t x;
    if (read_le(r, 1, &x) < 0)
        return -1;
    *v = (uint8_t)x;
    return 0;
}

int wire_read_u16(wire_reader_t *r, uint16_t *v)
{
    uint64_t x;
    if (read_le(r, 2, &x) < 0)
        return -1;
    *v = (uint16_t)x;
    return 0;
}

int wire_read_u24(wire_reader_t *r, uint32_t *v)
{
    uint64_t x;
    if (read_le(r, 3, &x) < 0)
        return -1;
    *v = (uint32_t)x;
    return 0;
}

int wire_read_u32(wire_reader_t *r, uint32_t *v)
{
    uint64_t x;
    if (read_le(r, 4, &x) < 0)
        return -1;
    *v = (uint32_t)x;
    return 0;
}

int wire_read_u64(wire_reader_t *r, uint64_t *v)
{
    return read_le(r, 8, v);
}

int wire_read_lenenc(wire_reader_t *r, uint64_t *v)
{
    if (reader_need(r, 1) < 0)
        return -1;
    uint8_t first = r->p[r->pos];
    int n;
    if (first < 0xFB) {
        *v = first;
        r->pos++;
        return 0;
    }
    if (first == 0xFC)
        n = 2;
    else if (first == 0xFD)
        n = 3;
    else if (first == 0xFE)
        n = 8;
    else {
        r->failed = true;
        return -1;
    }
    if (reader_need(r, 1 + (size_t)n) < 0)
        return -1;
    *v = load_le(r->p + r->pos + 1, n);
    r->pos += 1 + (size_t)n;
    return 0;
}

int wire_read_bytes(wire_reader_t *r, size_t n, const uint8_t **out)
{
    if (reader_need(r, n) < 0)
        return -1;
    *out = r->p + r->pos;
    r->pos += n;
    return 0;
}

int wire_read_skip(wire_reader_t *r, size_t n)
{
    if (reader_need(r, n) < 0)
        return -1;
    r->pos += n;
    return 0;
}

int wire_read_lenenc_str(wire_reader_t *r, const uint8_t **out, size_t *n)
{
    size_t save = r->pos;
    uint64_t len;
    if (wire_read_lenenc(r, &len) < 0)
        return -1;
    if (len > wire_reader_left(r)) {
        r->pos = save;
        r->failed = true;
        return -1;
    }
    *n = (size_t)len;
    return wire_read_bytes(r, (size_t)len, out);
}

int wire_read_nul_str(wire_reader_t *r, const char **out, size_t *n)
{
    if (r->failed)
        return -1;
    const uint8_t *start = r->p + r->pos;
    const uint8_t *nul = memchr(start, 0, r->len - r->pos);
    if (nul == NULL) {
        r->failed = true;
        return -1;
    }
    *out = (const char *)start;
    *n = (size_t)(nul - start);
    r->pos += *n + 1;
    return 0;
}

int wire_read_rest(wire_reader_t *r, const uint8_t **out, size_t *n)
{
    if (r->failed)
        return -1;
    *out = r->p + r->pos;
    *n = r->len - r->pos;
    r->pos = r->len;
    return 0;
}

static void put_le(duet_buf_t *b, uint64_t v, int n)
{
    uint8_t tmp[8];
    for (int i = 0; i < n; i++)
        tmp[i] = (uint8_t)(v >> (8 * i));
    duet_buf_append(b, tmp, (size_t)n);
}

void wire_put_u8(duet_buf_t *b, uint8_t v)
{
    put_le(b, v, 1);
}
void wire_put_u16(duet_buf_t *b, uint16_t v)
{
    put_le(b, v, 2);
}
void wire_put_u24(duet_buf_t *b, uint32_t v)
{
    put_le(b, v, 3);
}
void wire_put_u32(duet_buf_t *b, uint32_t v)
{
    put_le(b, v, 4);
}
void wire_put_u64(duet_buf_t *b, uint64_t v)
{
    put_le(b, v, 8);
}

size_t wire_lenenc_size(uint64_t v)
{
    if (v < 0xFB)
        return 1;
    if (v <= 0xFFFF)
        return 3;
    if (v <= 0xFFFFFF)
        return 4;
    return 9;
}

void wire_put_lenenc(duet_buf_t *b, uint64_t v)
{
    if (v < 0xFB) {
        put_le(b, v, 1);
    } else if (v <= 0xFFFF) {
        wire_put_u8(b, 0xFC);
        put_le(b, v, 2);
    } else if (v <= 0xFFFFFF) {
        wire_put_u8(b, 0xFD);
        put_le(b, v, 3);
    } else {
        wire_put_u8(b, 0xFE);
        put_le(b, v, 8);
    }
}

void wire_put_lenenc_str(duet_buf_t *b, const void *p, size_t n)
{
    wire_put_lenenc(b, n);
    duet_buf_append(b, p, n);
}

void wire_put_nul_str(duet_buf_t *b, const char *s)
{
    duet_buf_append(b, s, strlen(s) + 1);
}

void wire_put_bytes(duet_buf_t *b, const void *p, size_t n)
{
    duet_buf_append(b, p, n);
}
