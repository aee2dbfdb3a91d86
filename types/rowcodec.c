/* rowcodec.c - row values self-described by column id (TiDB row format v2 layout), so ADD COLUMN
 * needs no rewrite. */
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "types/codec.h"

#define ROW_VERSION 128
#define ROW_LARGE   0x01

static void put_le(duet_buf_t *out, uint64_t v, int n)
{
    char b[8];
    for (int i = 0; i < n; i++) {
        b[i] = (char)(v & 0xFF);
        v >>= 8;
    }
    duet_buf_append(out, b, (size_t)n);
}

static uint64_t get_le(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = n; i > 0; i--)
        v = (v << 8) | p[i - 1];
    return v;
}

static void put_int_compact(duet_buf_t *out, int64_t v)
{
    if (v >= INT8_MIN && v <= INT8_MAX)
        put_le(out, (uint64_t)v, 1);
    else if (v >= INT16_MIN && v <= INT16_MAX)
        put_le(out, (uint64_t)v, 2);
    else if (v >= INT32_MIN && v <= INT32_MAX)
        put_le(out, (uint64_t)v, 4);
    else
        put_le(out, (uint64_t)v, 8);
}

static void put_uint_compact(duet_buf_t *out, uint64_t v)
{
    put_le(out, v, v <= UINT8_MAX ? 1 : (v <= UINT16_MAX ? 2 : (v <= UINT32_MAX ? 4 : 8)));
}

static int get_int_compact(const uint8_t *p, size_t n, int64_t *v)
{
    switch (n) {
    case 1:
        *v = (int8_t)p[0];
        return 0;
    case 2:
        *v = (int16_t)get_le(p, 2);
        return 0;
    case 4:
        *v = (int32_t)get_le(p, 4);
        return 0;
    case 8:
        *v = (int64_t)get_le(p, 8);
        return 0;
    default:
        return -1;
    }
}

static int get_uint_compact(const uint8_t *p, size_t n, uint64_t *v)
{
    if (n != 1 && n != 2 && n != 4 && n != 8)
        return -1;
    *v = get_le(p, n);
    return 0;
}

static int encode_value(duet_buf_t *out, const types_datum_t *d)
{
    switch (d->kind) {
    case TYPES_K_INT:
        put_int_compact(out, d->i);
        return 0;
    case TYPES_K_DURATION:
        put_int_compact(out, d->dur);
        return 0;
    case TYPES_K_UINT:
    case TYPES_K_ENUM:
    case TYPES_K_SET:
    case TYPES_K_BIT:
        put_uint_compact(out, d->u);
        return 0;
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE: {
        uint64_t u;
        memcpy(&u, &d->f, 8);
        put_le(out, u, 8);
        return 0;
    }
    case TYPES_K_DECIMAL: {
        int prec = types_dec_precision(&d->dec), frac = d->dec.frac;
        if (prec > TYPES_MAX_DECIMAL_PREC)
            return -1; /* only column values (types_dec_fit) are stored */
        uint8_t bin[40];
        types_dec_to_bin(&d->dec, prec, frac, bin);
        duet_buf_putc(out, (char)prec);
        duet_buf_putc(out, (char)frac);
        duet_buf_append(out, bin, (size_t)types_dec_bin_size(prec, frac));
        return 0;
    }
    case TYPES_K_TIME:
        put_le(out, d->time, 8);
        return 0;
    case TYPES_K_STRING:
    case TYPES_K_JSON:
        duet_buf_append(out, d->ptr, d->len);
        return 0;
    default:
        return -1;
    }
}

typedef struct col_ref {
    int64_t id;
    size_t idx;
} col_ref_t;

static int cmp_ref(const void *a, const void *b)
{
    int64_t x = ((const col_ref_t *)a)->id, y = ((const col_ref_t *)b)->id;
    return x < y ? -1 : (x > y);
}

int types_row_encode(duet_buf_t *out, const int64_t *ids, const types_datum_t *vals, size_t n)
{
    if (n > UINT16_MAX)
        return -1;
    col_ref_t *refs = duet_malloc(sizeof *refs * (n ? n : 1));
    size_t nn = 0, nnull = 0;
    int64_t max_id = 0;
    for (size_t i = 0; i < n; i++) {
        refs[i].id = ids[i];
        refs[i].idx = i;
        if (ids[i] < 0 || ids[i] > UINT32_MAX) {
            duet_free(refs);
            return -1;
        }
        if (ids[i] > max_id)
            max_id = ids[i];
        if (vals[i].kind == TYPES_K_NULL)
            nnull++;
        else
            nn++;
    }
    qsort(refs, n, sizeof *refs, cmp_ref);
    for (size_t i = 1; i < n; i++)
        if (refs[i].id == refs[i - 1].id) {
            duet_free(refs);
            return -1;
        }
    duet_buf_t data = DUET_BUF_INIT;
    uint32_t *ends = duet_malloc(sizeof *ends * (nn ? nn : 1));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const types_datum_t *v = &vals[refs[i].idx];
        if (v->kind == TYPES_K_NULL)
            continue;
        if (encode_value(&data, v) != 0) {
            duet_free(ends);
            duet_free(refs);
            duet_buf_free(&data);
            return -1;
        }
        ends[k++] = (uint32_t)data.len;
    }
    bool large = max_id > 255 || data.len > UINT16_MAX;
    int idw = large ? 4 : 1, offw = large ? 4 : 2;
    duet_buf_putc(out, (char)ROW_VERSION);
    duet_buf_putc(out, large ? ROW_LARGE : 0);
    put_le(out, nn, 2);
    put_le(out, nnull, 2);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if ((vals[refs[i].idx].kind == TYPES_K_NULL) == (pass == 1))
                put_le(out, (uint64_t)refs[i].id, idw);
    for (size_t i = 0; i < nn; i++)
        put_le(out, ends[i], offw);
    duet_buf_append(out, data.data ? data.data : "", data.len);
    duet_buf_free(&data);
    duet_free(ends);
    duet_free(refs);
    return 0;
}

/* Parsed header of a row. */
typedef struct row_hdr {
    const uint8_t *ids, *offs, *data;
    size_t nn, nnull, idw, offw, data_len;
} row_hdr_t;

static int parse_hdr(const uint8_t *row, size_t len, row_hdr_t *h)
{
    if (len < 6 || row[0] != ROW_VERSION)
        return -1;
    bool large = row[1] & ROW_LARGE;
    h->idw = large ? 4 : 1;
    h->offw = large ? 4 : 2;
    h->nn = get_le(row + 2, 2);
    h->nnull = get_le(row + 4, 2);
    size_t hdr = 6 + (h->nn + h->nnull) * h->idw + h->nn * h->offw;
    if (hdr > len)
        return -1;
    h->ids = row + 6;
    h->offs = h->ids + (h->nn + h->nnull) * h->idw;
    h->data = row + hdr;
    h->data_len = len - hdr;
    if (h->nn > 0 && get_le(h->offs + (h->nn - 1) * h->offw, h->offw) != h->data_len)
        return -1;
    return 0;
}

/* Binary search of id among count sorted ids at base; index or -1. */
static long find_id(const uint8_t *base, size_t count, size_t w, int64_t id)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t v = (int64_t)get_le(base + mid * w, w);
        if (v == id)
            return (long)mid;
        if (v < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int decode_value(const uint8_t *p, size_t n, const types_field_type_t *ft,
                        duet_arena_t *arena, types_datum_t *out)
{
    int64_t i;
    uint64_t u;
    switch (ft->tp) {
    case TYPES_TP_TINY:
    case TYPES_TP_SHORT:
    case TYPES_TP_INT24:
    case TYPES_TP_LONG:
    case TYPES_TP_LONGLONG:
    case TYPES_TP_YEAR:
        if (types_ft_is_unsigned(ft)) {
            if (get_uint_compact(p, n, &u))
                return -1;
            *out = types_datum_uint(u);
        } else {
            if (get_int_compact(p, n, &i))
                return -1;
            *out = types_datum_int(i);
        }
        return 0;
    case TYPES_TP_FLOAT:
    case TYPES_TP_DOUBLE: {
        if (n != 8)
            return -1;
        uint64_t bits = get_le(p, 8);
        double f;
        memcpy(&f, &bits, 8);
        *out = ft->tp == TYPES_TP_FLOAT ? types_datum_float((float)f) : types_datum_double(f);
        return 0;
    }
    case TYPES_TP_DECIMAL:
    case TYPES_TP_NEWDECIMAL: {
        if (n < 2)
            return -1;
        int prec = p[0], frac = p[1];
        if (prec < 1 || prec > TYPES_MAX_DECIMAL_PREC || frac > prec ||
            frac > TYPES_MAX_DECIMAL_SCALE || (size_t)types_dec_bin_size(prec, frac) != n - 2)
            return -1;
        types_decimal_t d;
        if (types_dec_from_bin(p + 2, prec, frac, &d) != 0)
            return -1;
        *out = types_datum_decimal(&d);
        return 0;
    }
    case TYPES_TP_DATE:
    case TYPES_TP_NEWDATE:
    case TYPES_TP_DATETIME:
    case TYPES_TP_TIMESTAMP: {
        if (n != 8)
            return -1;
        mytime_t t = mytime_unpack(get_le(p, 8));
        *out = types_datum_time(&t, ft->tp == TYPES_TP_NEWDATE ? TYPES_TP_DATE : ft->tp,
                                ft->decimal > 0 ? ft->decimal : 0);
        return 0;
    }
    case TYPES_TP_TIME:
        if (get_int_compact(p, n, &i))
            return -1;
        *out = types_datum_duration(i, ft->decimal > 0 ? ft->decimal : 0);
        return 0;
    case TYPES_TP_BIT:
        if (get_uint_compact(p, n, &u))
            return -1;
        *out = types_datum_bit(u);
        return 0;
    case TYPES_TP_ENUM: {
        if (get_uint_compact(p, n, &u) || u > ft->n_elems)
            return -1;
        const char *name = u ? ft->elems[u - 1] : "";
        *out = types_datum_enum(u, name, strlen(name));
        return 0;
    }
    case TYPES_TP_SET: {
        if (get_uint_compact(p, n, &u))
            return -1;
        duet_buf_t b = DUET_BUF_INIT;
        for (uint32_t k = 0; k < ft->n_elems && k < 64; k++)
            if (u & (1ull << k)) {
                if (b.len)
                    duet_buf_putc(&b, ',');
                duet_buf_puts(&b, ft->elems[k]);
            }
        *out = types_datum_set(u, duet_arena_strndup(arena, b.data ? b.data : "", b.len), b.len);
        duet_buf_free(&b);
        return 0;
    }
    case TYPES_TP_JSON:
        *out = types_datum_json((const char *)p, n);
        return 0;
    default:
        *out = types_datum_string((const char *)p, n, ft->collate);
        return 0;
    }
}

int types_row_decode(const uint8_t *row, size_t len, const int64_t *ids,
                     const types_field_type_t *fts, const types_datum_t *defaults, size_t n,
                     duet_arena_t *arena, types_datum_t *out)
{
    row_hdr_t h;
    if (parse_hdr(row, len, &h) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        long k = find_id(h.ids, h.nn, h.idw, ids[i]);
        if (k >= 0) {
            size_t start = k == 0 ? 0 : get_le(h.offs + (size_t)(k - 1) * h.offw, h.offw);
            size_t end = get_le(h.offs + (size_t)k * h.offw, h.offw);
            if (start > end || end > h.data_len)
                return -1;
            if (decode_value(h.data + start, end - start, &fts[i], arena, &out[i]) != 0)
                return -1;
        } else if (find_id(h.ids + h.nn * h.idw, h.nnull, h.idw, ids[i]) >= 0) {
            out[i] = types_datum_null();
        } else {
            out[i] = defaults ? defaults[i] : types_datum_null();
        }
    }
    return 0;
}
