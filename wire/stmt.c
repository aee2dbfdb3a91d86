/* stmt.c - prepared statement packets (see stmt.h). */
#include "wire/stmt.h"
#include "common/mem.h"
#include "wire/codec.h"
#include "wire/protocol.h"

#include <string.h>

void wire_prepare_ok_encode(uint32_t stmt_id, uint16_t ncols, uint16_t nparams, uint16_t warnings,
                            duet_buf_t *b)
{
    wire_put_u8(b, 0x00);
    wire_put_u32(b, stmt_id);
    wire_put_u16(b, ncols);
    wire_put_u16(b, nparams);
    wire_put_u8(b, 0);
    wire_put_u16(b, warnings);
}

void wire_stmt_params_init(wire_stmt_params_t *s, uint16_t count)
{
    s->count = count;
    size_t n = count ? count : 1;
    s->types = duet_malloc(n * sizeof(uint16_t));
    for (size_t i = 0; i < n; i++)
        s->types[i] = 0xFFFF;
    s->long_data = duet_calloc(n, sizeof(duet_buf_t));
    s->has_long_data = duet_calloc(n, sizeof(bool));
}

void wire_stmt_params_free(wire_stmt_params_t *s)
{
    if (s->long_data != NULL)
        for (uint16_t i = 0; i < s->count; i++)
            duet_buf_free(&s->long_data[i]);
    duet_free(s->types);
    duet_free(s->long_data);
    duet_free(s->has_long_data);
    memset(s, 0, sizeof(*s));
}

void wire_stmt_params_reset_long_data(wire_stmt_params_t *s)
{
    for (uint16_t i = 0; i < s->count; i++) {
        duet_buf_reset(&s->long_data[i]);
        s->has_long_data[i] = false;
    }
}

static int malformed(duet_err_t *err)
{
    return duet_err_set(err, ER_MALFORMED_PACKET);
}

int wire_stmt_execute_head(const uint8_t *payload, size_t len, wire_stmt_execute_t *out,
                           duet_err_t *err)
{
    wire_reader_t r;
    wire_reader_init(&r, payload, len);
    wire_read_skip(&r, 1);
    wire_read_u32(&r, &out->stmt_id);
    wire_read_u8(&r, &out->flags);
    wire_read_u32(&r, &out->iterations);
    return r.failed ? malformed(err) : 0;
}

static int read_time(wire_reader_t *r, uint8_t type, wire_time_t *t)
{
    uint8_t n;
    memset(t, 0, sizeof(*t));
    if (wire_read_u8(r, &n) < 0)
        return -1;
    if (type == WIRE_TYPE_TIME) {
        if (n != 0 && n != 8 && n != 12)
            return -1;
        if (n == 0)
            return 0;
        uint8_t neg;
        wire_read_u8(r, &neg);
        wire_read_u32(r, &t->days);
        wire_read_u8(r, &t->hour);
        wire_read_u8(r, &t->minute);
        wire_read_u8(r, &t->second);
        if (n == 12)
            wire_read_u32(r, &t->micro);
        t->neg = neg != 0;
        return r->failed ? -1 : 0;
    }
    if (n != 0 && n != 4 && n != 7 && n != 11)
        return -1;
    if (n >= 4) {
        wire_read_u16(r, &t->year);
        wire_read_u8(r, &t->month);
        wire_read_u8(r, &t->day);
    }
    if (n >= 7) {
        wire_read_u8(r, &t->hour);
        wire_read_u8(r, &t->minute);
        wire_read_u8(r, &t->second);
    }
    if (n == 11)
        wire_read_u32(r, &t->micro);
    return r->failed ? -1 : 0;
}

static int read_param(wire_reader_t *r, wire_param_t *p)
{
    wire_value_t *v = &p->value;
    switch (p->type) {
    case WIRE_TYPE_NULL:
        v->kind = WIRE_VAL_NULL;
        return 0;
    case WIRE_TYPE_TINY: {
        uint8_t x;
        if (wire_read_u8(r, &x) < 0)
            return -1;
        v->kind = p->is_unsigned ? WIRE_VAL_UINT : WIRE_VAL_INT;
        if (p->is_unsigned)
            v->v.u = x;
        else
            v->v.i = (int8_t)x;
        return 0;
    }
    case WIRE_TYPE_SHORT:
    case WIRE_TYPE_YEAR: {
        uint16_t x;
        if (wire_read_u16(r, &x) < 0)
            return -1;
        v->kind = p->is_unsigned ? WIRE_VAL_UINT : WIRE_VAL_INT;
        if (p->is_unsigned)
            v->v.u = x;
        else
            v->v.i = (int16_t)x;
        return 0;
    }
    case WIRE_TYPE_LONG:
    case WIRE_TYPE_INT24: {
        uint32_t x;
        if (wire_read_u32(r, &x) < 0)
            return -1;
        v->kind = p->is_unsigned ? WIRE_VAL_UINT : WIRE_VAL_INT;
        if (p->is_unsigned)
            v->v.u = x;
        else
            v->v.i = (int32_t)x;
        return 0;
    }
    case WIRE_TYPE_LONGLONG: {
        uint64_t x;
        if (wire_read_u64(r, &x) < 0)
            return -1;
        v->kind = p->is_unsigned ? WIRE_VAL_UINT : WIRE_VAL_INT;
        if (p->is_unsigned)
            v->v.u = x;
        else
            v->v.i = (int64_t)x;
        return 0;
    }
    case WIRE_TYPE_FLOAT: {
        uint32_t x;
        float f;
        if (wire_read_u32(r, &x) < 0)
            return -1;
        memcpy(&f, &x, sizeof(f));
        v->kind = WIRE_VAL_DOUBLE;
        v->v.d = f;
        return 0;
    }
    case WIRE_TYPE_DOUBLE: {
        uint64_t x;
        if (wire_read_u64(r, &x) < 0)
            return -1;
        v->kind = WIRE_VAL_DOUBLE;
        memcpy(&v->v.d, &x, sizeof(double));
        return 0;
    }
    case WIRE_TYPE_DATE:
    case WIRE_TYPE_NEWDATE:
    case WIRE_TYPE_DATETIME:
    case WIRE_TYPE_TIMESTAMP:
    case WIRE_TYPE_TIME:
        v->kind = WIRE_VAL_TIME;
        return read_time(r, p->type, &v->v.t);
    case WIRE_TYPE_DECIMAL:
    case WIRE_TYPE_NEWDECIMAL:
    case WIRE_TYPE_VARCHAR:
    case WIRE_TYPE_BIT:
    case WIRE_TYPE_JSON:
    case WIRE_TYPE_ENUM:
    case WIRE_TYPE_SET:
    case WIRE_TYPE_TINY_BLOB:
    case WIRE_TYPE_MEDIUM_BLOB:
    case WIRE_TYPE_LONG_BLOB:
    case WIRE_TYPE_BLOB:
    case WIRE_TYPE_VAR_STRING:
    case WIRE_TYPE_STRING:
    case WIRE_TYPE_GEOMETRY: {
        const uint8_t *s;
        size_t n;
        if (wire_read_lenenc_str(r, &s, &n) < 0)
            return -1;
        v->kind = WIRE_VAL_BYTES;
        v->v.s.p = (const char *)s;
        v->v.s.n = n;
        return 0;
    }
    default:
        return -1;
    }
}

int wire_stmt_execute_parse(const uint8_t *payload, size_t len, wire_stmt_params_t *s,
                            wire_stmt_execute_t *out, wire_param_t *params, duet_err_t *err)
{
    if (wire_stmt_execute_head(payload, len, out, err) < 0)
        return -1;
    wire_reader_t r;
    wire_reader_init(&r, payload, len);
    wire_read_skip(&r, 10);
    if (s->count == 0)
        return 0;
    const uint8_t *nulls;
    uint8_t bound;
    size_t nbytes = ((size_t)s->count + 7) / 8;
    if (wire_read_bytes(&r, nbytes, &nulls) < 0 || wire_read_u8(&r, &bound) < 0)
        return malformed(err);
    if (bound > 1)
        return malformed(err);
    if (bound) {
        for (uint16_t i = 0; i < s->count; i++) {
            uint16_t t;
            if (wire_read_u16(&r, &t) < 0)
                return malformed(err);
            s->types[i] = t & 0x80FF;
        }
    } else if (s->types[0] == 0xFFFF) {
        return duet_err_set(err, ER_WRONG_ARGUMENTS, "mysqld_stmt_execute");
    }
    for (uint16_t i = 0; i < s->count; i++) {
        wire_param_t *p = &params[i];
        p->type = (uint8_t)(s->types[i] & 0xFF);
        p->is_unsigned = (s->types[i] & 0x8000) != 0;
        memset(&p->value, 0, sizeof(p->value));
        if (nulls[i / 8] & (1u << (i % 8))) {
            p->value.kind = WIRE_VAL_NULL;
            continue;
        }
        if (s->has_long_data[i]) {
            p->value.kind = WIRE_VAL_BYTES;
            p->value.v.s.p = s->long_data[i].data ? s->long_data[i].data : "";
            p->value.v.s.n = s->long_data[i].len;
            continue;
        }
        if (read_param(&r, p) < 0)
            return malformed(err);
    }
    return 0;
}

int wire_stmt_id_parse(const uint8_t *payload, size_t len, uint32_t *id, duet_err_t *err)
{
    wire_reader_t r;
    wire_reader_init(&r, payload, len);
    wire_read_skip(&r, 1);
    wire_read_u32(&r, id);
    return r.failed ? malformed(err) : 0;
}

int wire_long_data_parse(const uint8_t *payload, size_t len, uint32_t *id, uint16_t *param,
                         const uint8_t **data, size_t *n, duet_err_t *err)
{
    wire_reader_t r;
    wire_reader_init(&r, payload, len);
    wire_read_skip(&r, 1);
    wire_read_u32(&r, id);
    wire_read_u16(&r, param);
    wire_read_rest(&r, data, n);
    return r.failed ? malformed(err) : 0;
}

int wire_stmt_fetch_parse(const uint8_t *payload, size_t len, uint32_t *id, uint32_t *rows,
                          duet_err_t *err)
{
    wire_reader_t r;
    wire_reader_init(&r, payload, len);
    wire_read_skip(&r, 1);
    wire_read_u32(&r, id);
    wire_read_u32(&r, rows);
    return r.failed ? malformed(err) : 0;
}
