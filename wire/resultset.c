/* resultset.c - column definitions and rows in the text and binary protocols (see resultset.h). */
#include "wire/resultset.h"
#include "wire/codec.h"
#include "wire/protocol.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_str(duet_buf_t *b, const char *s)
{
    wire_put_lenenc_str(b, s ? s : "", s ? strlen(s) : 0);
}

void wire_column_encode(const wire_column_t *c, bool field_list, duet_buf_t *b)
{
    put_str(b, "def");
    put_str(b, c->schema);
    put_str(b, c->table);
    put_str(b, c->org_table);
    put_str(b, c->name);
    put_str(b, c->org_name);
    wire_put_lenenc(b, 0x0c);
    wire_put_u16(b, c->charset);
    wire_put_u32(b, c->length);
    wire_put_u8(b, c->type);
    wire_put_u16(b, c->flags);
    wire_put_u8(b, c->decimals);
    wire_put_u16(b, 0);
    if (field_list)
        wire_put_lenenc(b, 0);
}

size_t wire_time_format(const wire_time_t *t, uint8_t type, int fsp, char *out)
{
    int n;
    if (fsp < 0 || fsp > 6)
        fsp = 0;
    switch (type) {
    case WIRE_TYPE_DATE:
    case WIRE_TYPE_NEWDATE:
        n = sprintf(out, "%04u-%02u-%02u", t->year, t->month, t->day);
        return (size_t)n;
    case WIRE_TYPE_TIME: {
        unsigned long hours = (unsigned long)t->days * 24 + t->hour;
        n = sprintf(out, "%s%02lu:%02u:%02u", t->neg ? "-" : "", hours % 10000000UL, t->minute,
                    t->second);
        break;
    }
    default:
        n = sprintf(out, "%04u-%02u-%02u %02u:%02u:%02u", t->year, t->month, t->day, t->hour,
                    t->minute, t->second);
        break;
    }
    if (fsp > 0) {
        char frac[8];
        sprintf(frac, "%06u", t->micro % 1000000u);
        out[n++] = '.';
        memcpy(out + n, frac, (size_t)fsp);
        n += fsp;
        out[n] = '\0';
    }
    return (size_t)n;
}

size_t wire_double_format(double d, bool is_float, char *out, size_t outsz)
{
    int maxp = is_float ? 9 : 17;
    int n = 0;
    for (int p = 1; p <= maxp; p++) {
        n = snprintf(out, outsz, "%.*g", p, d);
        if (is_float ? (float)strtod(out, NULL) == (float)d : strtod(out, NULL) == d)
            break;
    }
    /* "1e+20" -> "1e20", as MySQL prints exponents. */
    char *e = strchr(out, 'e');
    if (e != NULL && e[1] == '+') {
        memmove(e + 1, e + 2, strlen(e + 2) + 1);
        n--;
    }
    return (size_t)n;
}

void wire_text_row_encode(const wire_column_t *cols, const wire_value_t *vals, size_t n,
                          duet_buf_t *b)
{
    char tmp[64];
    for (size_t i = 0; i < n; i++) {
        const wire_value_t *v = &vals[i];
        size_t len = 0;
        switch (v->kind) {
        case WIRE_VAL_NULL:
            wire_put_u8(b, 0xFB);
            continue;
        case WIRE_VAL_INT:
            len = (size_t)sprintf(tmp, "%" PRId64, v->v.i);
            break;
        case WIRE_VAL_UINT:
            len = (size_t)sprintf(tmp, "%" PRIu64, v->v.u);
            break;
        case WIRE_VAL_DOUBLE:
            len = wire_double_format(v->v.d, cols[i].type == WIRE_TYPE_FLOAT, tmp, sizeof(tmp));
            break;
        case WIRE_VAL_TIME:
            len = wire_time_format(&v->v.t, cols[i].type, cols[i].decimals, tmp);
            break;
        case WIRE_VAL_BYTES:
            wire_put_lenenc_str(b, v->v.s.p, v->v.s.n);
            continue;
        }
        wire_put_lenenc_str(b, tmp, len);
    }
}

static int64_t value_as_int(const wire_value_t *v)
{
    switch (v->kind) {
    case WIRE_VAL_INT:
        return v->v.i;
    case WIRE_VAL_UINT:
        return (int64_t)v->v.u;
    case WIRE_VAL_DOUBLE:
        return (int64_t)v->v.d;
    default:
        return 0;
    }
}

static void put_binary_time(duet_buf_t *b, const wire_time_t *t, uint8_t type)
{
    if (type == WIRE_TYPE_TIME) {
        if (t->days == 0 && t->hour == 0 && t->minute == 0 && t->second == 0 && t->micro == 0) {
            wire_put_u8(b, 0);
            return;
        }
        wire_put_u8(b, t->micro ? 12 : 8);
        wire_put_u8(b, t->neg ? 1 : 0);
        wire_put_u32(b, t->days);
        wire_put_u8(b, t->hour);
        wire_put_u8(b, t->minute);
        wire_put_u8(b, t->second);
        if (t->micro)
            wire_put_u32(b, t->micro);
        return;
    }
    bool has_time = t->hour || t->minute || t->second || t->micro;
    if (type == WIRE_TYPE_DATE || type == WIRE_TYPE_NEWDATE)
        has_time = false;
    uint8_t len;
    if (t->micro && has_time)
        len = 11;
    else if (has_time)
        len = 7;
    else if (t->year || t->month || t->day)
        len = 4;
    else
        len = 0;
    wire_put_u8(b, len);
    if (len >= 4) {
        wire_put_u16(b, t->year);
        wire_put_u8(b, t->month);
        wire_put_u8(b, t->day);
    }
    if (len >= 7) {
        wire_put_u8(b, t->hour);
        wire_put_u8(b, t->minute);
        wire_put_u8(b, t->second);
    }
    if (len == 11)
        wire_put_u32(b, t->micro);
}

int wire_binary_row_encode(const wire_column_t *cols, const wire_value_t *vals, size_t n,
                           duet_buf_t *b, duet_err_t *err)
{
    wire_put_u8(b, 0x00);
    size_t bitmap_len = (n + 7 + 2) / 8;
    size_t bitmap_at = b->len;
    for (size_t i = 0; i < bitmap_len; i++)
        wire_put_u8(b, 0);
    for (size_t i = 0; i < n; i++) {
        const wire_value_t *v = &vals[i];
        if (v->kind == WIRE_VAL_NULL) {
            b->data[bitmap_at + (i + 2) / 8] |= (char)(1u << ((i + 2) % 8));
            continue;
        }
        uint8_t type = cols[i].type;
        switch (type) {
        case WIRE_TYPE_TINY:
            wire_put_u8(b, (uint8_t)value_as_int(v));
            break;
        case WIRE_TYPE_SHORT:
        case WIRE_TYPE_YEAR:
            wire_put_u16(b, (uint16_t)value_as_int(v));
            break;
        case WIRE_TYPE_LONG:
        case WIRE_TYPE_INT24:
            wire_put_u32(b, (uint32_t)value_as_int(v));
            break;
        case WIRE_TYPE_LONGLONG:
            wire_put_u64(b, (uint64_t)value_as_int(v));
            break;
        case WIRE_TYPE_FLOAT: {
            float f = v->kind == WIRE_VAL_DOUBLE ? (float)v->v.d : (float)value_as_int(v);
            uint32_t bits;
            memcpy(&bits, &f, sizeof(bits));
            wire_put_u32(b, bits);
            break;
        }
        case WIRE_TYPE_DOUBLE: {
            double d = v->kind == WIRE_VAL_DOUBLE ? v->v.d : (double)value_as_int(v);
            uint64_t bits;
            memcpy(&bits, &d, sizeof(bits));
            wire_put_u64(b, bits);
            break;
        }
        case WIRE_TYPE_DATE:
        case WIRE_TYPE_NEWDATE:
        case WIRE_TYPE_DATETIME:
        case WIRE_TYPE_TIMESTAMP:
        case WIRE_TYPE_TIME:
            if (v->kind != WIRE_VAL_TIME)
                return duet_err_set(err, ER_GENERIC, "binary row: column %zu needs a time value",
                                    i);
            put_binary_time(b, &v->v.t, type);
            break;
        default: {
            /* Strings, decimals, blobs, json, bit, enum, set, geometry. */
            if (v->kind == WIRE_VAL_BYTES) {
                wire_put_lenenc_str(b, v->v.s.p, v->v.s.n);
            } else {
                duet_buf_t tmp = DUET_BUF_INIT;
                wire_text_row_encode(&cols[i], v, 1, &tmp);
                duet_buf_append(b, tmp.data, tmp.len);
                duet_buf_free(&tmp);
            }
            break;
        }
        }
    }
    return 0;
}
