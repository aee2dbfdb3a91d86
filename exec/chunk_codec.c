/* chunk_codec.c - encoding chunks for the network and decoding them in place, with checks. */
#include "exec/chunk_codec.h"

#include <stddef.h>
#include <string.h>

#include "common/mem.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "chunk_codec.c assumes a little-endian host (column buffers are sent as they are)"
#endif

#define MAGIC "DCK1"

static void put_u32(duet_buf_t *b, uint32_t v)
{
    duet_buf_append(b, &v, 4);
}

static void pad8(duet_buf_t *b, size_t start)
{
    static const char zeros[8] = {0};
    size_t n = (b->len - start) % 8;
    if (n)
        duet_buf_append(b, zeros, 8 - n);
}

static size_t bitmap_bytes(uint32_t rows)
{
    return ((size_t)rows + 7) / 8;
}

static size_t up8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static void encode_column(const exec_column_t *col, const exec_chunk_t *c, uint32_t nrows,
                          duet_buf_t *out, size_t start)
{
    size_t data_len = 0;
    if (col->elem_size) {
        data_len = (size_t)nrows * col->elem_size;
    } else {
        for (uint32_t i = 0; i < nrows; i++) {
            uint32_t r = exec_chunk_row_at(c, i);
            data_len += col->offsets[r + 1] - col->offsets[r];
        }
    }
    uint8_t hdr[8] = {col->cls, 0, 0, 0, 0, 0, 0, 0};
    duet_buf_append(out, hdr, 8);
    uint64_t dl = data_len;
    duet_buf_append(out, &dl, 8);

    size_t nb = bitmap_bytes(nrows);
    if (!c->has_sel) {
        duet_buf_append(out, col->nulls, nb);
    } else {
        duet_buf_reserve(out, nb);
        uint8_t *bm = (uint8_t *)out->data + out->len;
        memset(bm, 0, nb);
        for (uint32_t i = 0; i < nrows; i++)
            if (exec_column_is_null(col, exec_chunk_row_at(c, i)))
                bm[i >> 3] |= (uint8_t)(1u << (i & 7));
        out->len += nb;
    }
    if (nrows % 8 && nb) {
        /* bits past nrows must be zero so the receiver sees a canonical bitmap */
        ((uint8_t *)out->data)[out->len - 1] &= (uint8_t)((1u << (nrows % 8)) - 1);
    }
    pad8(out, start);

    if (col->elem_size) {
        if (!c->has_sel) {
            duet_buf_append(out, col->data, data_len);
        } else {
            for (uint32_t i = 0; i < nrows; i++)
                duet_buf_append(out, col->data + (size_t)c->sel[i] * col->elem_size,
                                col->elem_size);
        }
    } else {
        uint32_t off = 0;
        put_u32(out, 0);
        for (uint32_t i = 0; i < nrows; i++) {
            uint32_t r = exec_chunk_row_at(c, i);
            off += col->offsets[r + 1] - col->offsets[r];
            put_u32(out, off);
        }
        pad8(out, start);
        for (uint32_t i = 0; i < nrows; i++) {
            uint32_t r = exec_chunk_row_at(c, i);
            duet_buf_append(out, col->data + col->offsets[r],
                            col->offsets[r + 1] - col->offsets[r]);
        }
    }
    pad8(out, start);
}

void exec_chunk_encode(const exec_chunk_t *c, duet_buf_t *out)
{
    size_t start = out->len;
    uint32_t nrows = exec_chunk_logical_rows(c);
    duet_buf_append(out, MAGIC, 4);
    put_u32(out, c->ncols);
    put_u32(out, nrows);
    put_u32(out, 0);
    for (uint32_t i = 0; i < c->ncols; i++)
        encode_column(&c->cols[i], c, nrows, out, start);
}

/* A bounds-checked reader over the message. */
typedef struct reader {
    const uint8_t *p;
    size_t len, pos;
} reader_t;

static const uint8_t *take(reader_t *r, size_t n)
{
    if (n > r->len - r->pos || up8(n) > r->len - r->pos)
        return NULL; /* the section or its padding is cut off */
    const uint8_t *p = r->p + r->pos;
    r->pos += up8(n);
    return p;
}

static uint32_t rd_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Points into the message when aligned, else copies (the column then owns it). */
static void *section(const uint8_t *p, size_t n, bool *copied)
{
    if (((uintptr_t)p & 7) == 0) {
        *copied = false;
        return (void *)(uintptr_t)p;
    }
    *copied = true;
    void *q = duet_malloc(n ? n : 1);
    memcpy(q, p, n);
    return q;
}

/* 10^81 >> 256 is 8636.17: a top limb above 8636 cannot be below 10^81. */
#define DEC_TOP_LIMB_MAX 8636u

static bool decimals_valid(const uint8_t *data, uint32_t nrows)
{
    for (uint32_t i = 0; i < nrows; i++) {
        const uint8_t *d = data + (size_t)i * sizeof(types_decimal_t);
        uint8_t frac = d[offsetof(types_decimal_t, frac)];
        uint8_t neg = d[offsetof(types_decimal_t, neg)];
        uint64_t top;
        memcpy(&top, d + offsetof(types_decimal_t, w) + 4 * 8, 8);
        if (frac > 30 || neg > 1 || top > DEC_TOP_LIMB_MAX)
            return false;
    }
    return true;
}

static int bad(duet_err_t *err, const char *what, uint32_t col)
{
    return duet_err_set(err, ER_GENERIC, "chunk decode: %s (column %u)", what, col);
}

static int decode_column(reader_t *r, exec_column_t *col, uint32_t nrows, uint32_t ci,
                         duet_err_t *err)
{
    const uint8_t *h = take(r, 16);
    if (!h)
        return bad(err, "truncated column header", ci);
    if (h[0] != col->cls || h[1] || h[2] || h[3] || rd_u32(h + 4) != 0)
        return bad(err, "column class does not match the schema", ci);
    uint64_t data_len;
    memcpy(&data_len, h + 8, 8);
    if (data_len > r->len)
        return bad(err, "data length past the end", ci);
    size_t nb = bitmap_bytes(nrows);
    const uint8_t *nulls = take(r, nb);
    if (!nulls)
        return bad(err, "truncated null bitmap", ci);
    const uint8_t *offs = NULL;
    if (!col->elem_size) {
        offs = take(r, ((size_t)nrows + 1) * 4);
        if (!offs)
            return bad(err, "truncated offsets", ci);
        uint32_t prev = rd_u32(offs);
        if (prev != 0)
            return bad(err, "offsets do not start at 0", ci);
        for (uint32_t i = 1; i <= nrows; i++) {
            uint32_t o = rd_u32(offs + (size_t)i * 4);
            if (o < prev)
                return bad(err, "offsets go backwards", ci);
            prev = o;
        }
        if (prev != data_len)
            return bad(err, "offsets do not end at the data length", ci);
    } else if (data_len != (uint64_t)nrows * col->elem_size) {
        return bad(err, "data length does not match the row count", ci);
    }
    const uint8_t *data = take(r, (size_t)data_len);
    if (!data)
        return bad(err, "truncated data", ci);
    if (col->cls == EXEC_COL_DECIMAL && !decimals_valid(data, nrows))
        return bad(err, "invalid decimal value", ci);
    if (col->cls == EXEC_COL_ENUMSET) {
        for (uint32_t i = 0; i < nrows; i++) {
            uint32_t a = rd_u32(offs + (size_t)i * 4), b = rd_u32(offs + (size_t)i * 4 + 4);
            bool is_null = (nulls[i >> 3] >> (i & 7)) & 1;
            if (!is_null && b - a < 8)
                return bad(err, "enum/set value shorter than 8 bytes", ci);
        }
    }

    /* All checks passed: point the column at the message (or at copies). */
    exec_column_destroy(col);
    bool cn, co = false, cd;
    col->nulls = section(nulls, nb, &cn);
    col->offsets = offs ? section(offs, ((size_t)nrows + 1) * 4, &co) : NULL;
    col->data = section(data, (size_t)data_len, &cd);
    col->len = col->cap = nrows;
    col->data_len = col->data_cap = (size_t)data_len;
    col->owned = 0;
    if (cn || co || cd) {
        /* Mixed ownership is not tracked per buffer: make the column fully owned. */
        uint8_t *n2 = col->nulls, *d2 = col->data;
        uint32_t *o2 = col->offsets;
        exec_column_reserve(col, 0, 0);
        if (cn)
            duet_free(n2);
        if (co)
            duet_free(o2);
        if (cd)
            duet_free(d2);
    }
    return 0;
}

int exec_chunk_decode(const uint8_t *buf, size_t len, const types_field_type_t *fts, uint32_t ncols,
                      exec_chunk_t **out, duet_err_t *err)
{
    *out = NULL;
    reader_t r = {buf, len, 0};
    const uint8_t *h = take(&r, 16);
    if (!h || memcmp(h, MAGIC, 4) != 0)
        return duet_err_set(err, ER_GENERIC, "chunk decode: not a chunk message");
    if (rd_u32(h + 4) != ncols)
        return duet_err_set(err, ER_GENERIC, "chunk decode: %u columns, the schema has %u",
                            rd_u32(h + 4), ncols);
    uint32_t nrows = rd_u32(h + 8);
    if (rd_u32(h + 12) != 0)
        return duet_err_set(err, ER_GENERIC, "chunk decode: unknown header flags");
    exec_chunk_t *c = exec_chunk_new(fts, ncols, 0);
    for (uint32_t i = 0; i < ncols; i++) {
        if (decode_column(&r, &c->cols[i], nrows, i, err) < 0) {
            exec_chunk_free(c);
            return -1;
        }
    }
    if (r.pos != len) {
        exec_chunk_free(c);
        return duet_err_set(err, ER_GENERIC, "chunk decode: %zu trailing bytes", len - r.pos);
    }
    if (ncols == 0)
        c->virt_rows = nrows;
    *out = c;
    return 0;
}
