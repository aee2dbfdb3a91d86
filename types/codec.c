/* codec.c - memcomparable key encoding of datums, record keys and index keys. */
#include "types/codec.h"

#include <string.h>

#include "types/collation.h"

static void put_be64(duet_buf_t *out, uint64_t v)
{
    char b[8];
    for (int i = 7; i >= 0; i--) {
        b[i] = (char)(v & 0xFF);
        v >>= 8;
    }
    duet_buf_append(out, b, 8);
}

static uint64_t get_be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return v;
}

void types_key_put_int(duet_buf_t *out, int64_t v)
{
    put_be64(out, (uint64_t)v ^ (1ull << 63));
}

void types_key_put_uint(duet_buf_t *out, uint64_t v)
{
    put_be64(out, v);
}

#define GROUP  8
#define MARKER 0xFF

void types_key_put_bytes(duet_buf_t *out, const void *data, size_t n)
{
    const char *p = data;
    for (size_t i = 0;; i += GROUP) {
        char g[GROUP + 1];
        size_t take = n - i < GROUP ? n - i : GROUP;
        if (take)
            memcpy(g, p + i, take);
        memset(g + take, 0, GROUP - take);
        g[GROUP] = (char)(MARKER - (GROUP - take));
        duet_buf_append(out, g, GROUP + 1);
        if (take < GROUP)
            break;
    }
}

/* Decodes group bytes; returns bytes consumed or -1. */
static int get_bytes(const uint8_t *in, size_t len, duet_arena_t *arena, const char **data,
                     size_t *n)
{
    size_t i = 0, total = 0;
    /* First pass: length and validity. */
    for (;;) {
        if (i + GROUP + 1 > len)
            return -1;
        uint8_t marker = in[i + GROUP];
        size_t pad = MARKER - marker;
        if (pad > GROUP)
            return -1;
        for (size_t k = GROUP - pad; k < GROUP; k++)
            if (in[i + k] != 0)
                return -1;
        total += GROUP - pad;
        i += GROUP + 1;
        if (pad > 0)
            break;
    }
    char *buf = duet_arena_alloc(arena, total + 1);
    size_t o = 0;
    for (size_t j = 0; j < i; j += GROUP + 1) {
        size_t take = GROUP - (size_t)(MARKER - in[j + GROUP]);
        memcpy(buf + o, in + j, take);
        o += take;
    }
    buf[total] = '\0';
    *data = buf;
    *n = total;
    return (int)i;
}

static uint64_t float_bits(double f)
{
    uint64_t u;
    if (f == 0)
        f = 0; /* -0.0 encodes as 0.0 */
    memcpy(&u, &f, 8);
    return f >= 0 ? u | (1ull << 63) : ~u;
}

static double bits_float(uint64_t u)
{
    u = (u & (1ull << 63)) ? u & ~(1ull << 63) : ~u;
    double f;
    memcpy(&f, &u, 8);
    return f;
}

void types_key_encode_datum(duet_buf_t *out, const types_datum_t *d)
{
    switch (d->kind) {
    case TYPES_K_NULL:
        duet_buf_putc(out, TYPES_KEY_FLAG_NULL);
        break;
    case TYPES_K_INT:
        duet_buf_putc(out, TYPES_KEY_FLAG_INT);
        types_key_put_int(out, d->i);
        break;
    case TYPES_K_UINT:
    case TYPES_K_ENUM:
    case TYPES_K_SET:
    case TYPES_K_BIT:
        duet_buf_putc(out, TYPES_KEY_FLAG_UINT);
        types_key_put_uint(out, d->u);
        break;
    case TYPES_K_TIME:
        duet_buf_putc(out, TYPES_KEY_FLAG_UINT);
        types_key_put_uint(out, d->time);
        break;
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE:
        duet_buf_putc(out, TYPES_KEY_FLAG_FLOAT);
        put_be64(out, float_bits(d->f));
        break;
    case TYPES_K_DECIMAL: {
        uint8_t k[TYPES_DEC_KEY_MAX];
        size_t n = types_dec_to_key(&d->dec, k);
        duet_buf_putc(out, TYPES_KEY_FLAG_DECIMAL);
        duet_buf_append(out, k, n);
        break;
    }
    case TYPES_K_DURATION:
        duet_buf_putc(out, TYPES_KEY_FLAG_DURATION);
        types_key_put_int(out, d->dur);
        break;
    case TYPES_K_STRING: {
        const types_collation_t *c = types_coll_get(d->collate);
        duet_buf_putc(out, TYPES_KEY_FLAG_BYTES);
        if (!c || types_coll_is_binary(c)) {
            types_key_put_bytes(out, d->ptr, d->len);
        } else {
            duet_buf_t key = DUET_BUF_INIT;
            types_coll_sortkey(c, d->ptr, d->len, &key);
            types_key_put_bytes(out, key.data, key.len);
            duet_buf_free(&key);
        }
        break;
    }
    case TYPES_K_JSON:
        duet_buf_putc(out, TYPES_KEY_FLAG_JSON);
        types_key_put_bytes(out, d->ptr, d->len);
        break;
    case TYPES_K_MIN:
        duet_buf_putc(out, TYPES_KEY_FLAG_BYTES);
        break;
    default: /* MAX */
        duet_buf_putc(out, (char)TYPES_KEY_FLAG_MAX);
        break;
    }
}

int types_key_decode_datum(const uint8_t *in, size_t len, duet_arena_t *arena, types_datum_t *out)
{
    if (len < 1)
        return -1;
    const uint8_t *p = in + 1;
    size_t rest = len - 1;
    int n;
    switch (in[0]) {
    case TYPES_KEY_FLAG_NULL:
        *out = types_datum_null();
        return 1;
    case TYPES_KEY_FLAG_INT:
    case TYPES_KEY_FLAG_DURATION:
        if (rest < 8)
            return -1;
        if (in[0] == TYPES_KEY_FLAG_INT)
            *out = types_datum_int((int64_t)(get_be64(p) ^ (1ull << 63)));
        else
            *out = types_datum_duration((int64_t)(get_be64(p) ^ (1ull << 63)), 6);
        return 9;
    case TYPES_KEY_FLAG_UINT:
        if (rest < 8)
            return -1;
        *out = types_datum_uint(get_be64(p));
        return 9;
    case TYPES_KEY_FLAG_FLOAT:
        if (rest < 8)
            return -1;
        *out = types_datum_double(bits_float(get_be64(p)));
        return 9;
    case TYPES_KEY_FLAG_DECIMAL: {
        types_decimal_t d;
        n = types_dec_from_key(p, rest, &d);
        if (n < 0)
            return -1;
        *out = types_datum_decimal(&d);
        return n + 1;
    }
    case TYPES_KEY_FLAG_BYTES:
    case TYPES_KEY_FLAG_JSON: {
        if (rest == 0 && in[0] == TYPES_KEY_FLAG_BYTES) {
            *out = types_datum_null();
            out->kind = TYPES_K_MIN;
            return 1;
        }
        const char *data;
        size_t dn;
        n = get_bytes(p, rest, arena, &data, &dn);
        if (n < 0)
            return -1;
        if (in[0] == TYPES_KEY_FLAG_JSON)
            *out = types_datum_json(data, dn);
        else
            *out = types_datum_string(data, dn, TYPES_COLL_BINARY);
        return n + 1;
    }
    case TYPES_KEY_FLAG_MAX:
        *out = types_datum_null();
        out->kind = TYPES_K_MAX;
        return 1;
    default:
        return -1;
    }
}

void types_key_record(duet_buf_t *out, int64_t table_id, int64_t handle)
{
    duet_buf_putc(out, 't');
    types_key_put_int(out, table_id);
    duet_buf_append(out, "_r", 2);
    types_key_put_int(out, handle);
}

void types_key_index_prefix(duet_buf_t *out, int64_t table_id, int64_t index_id)
{
    duet_buf_putc(out, 't');
    types_key_put_int(out, table_id);
    duet_buf_append(out, "_i", 2);
    types_key_put_int(out, index_id);
}

void types_key_index(duet_buf_t *out, int64_t table_id, int64_t index_id, const types_datum_t *vals,
                     size_t n, bool with_handle, int64_t handle)
{
    types_key_index_prefix(out, table_id, index_id);
    for (size_t i = 0; i < n; i++)
        types_key_encode_datum(out, &vals[i]);
    if (with_handle) {
        types_datum_t h = types_datum_int(handle);
        types_key_encode_datum(out, &h);
    }
}

int types_key_decode_record(const uint8_t *key, size_t len, int64_t *table_id, int64_t *handle)
{
    if (len != TYPES_RECORD_KEY_LEN || key[0] != 't' || key[9] != '_' || key[10] != 'r')
        return -1;
    *table_id = (int64_t)(get_be64(key + 1) ^ (1ull << 63));
    *handle = (int64_t)(get_be64(key + 11) ^ (1ull << 63));
    return 0;
}

int types_key_decode_index_prefix(const uint8_t *key, size_t len, int64_t *table_id,
                                  int64_t *index_id)
{
    if (len < 19 || key[0] != 't' || key[9] != '_' || key[10] != 'i')
        return -1;
    *table_id = (int64_t)(get_be64(key + 1) ^ (1ull << 63));
    *index_id = (int64_t)(get_be64(key + 11) ^ (1ull << 63));
    return 19;
}
