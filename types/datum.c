/* datum.c - datum constructors, cross-type comparison, text output and hashing. */
#include "types/datum.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

#include "types/collation.h"
#include "types/convert.h"
#include "types/json.h"

/* ---- constructors ---- */

static types_datum_t mk(types_kind_t k)
{
    types_datum_t d;
    memset(&d, 0, sizeof d);
    d.kind = (uint8_t)k;
    d.collate = TYPES_COLL_BINARY;
    return d;
}

types_datum_t types_datum_null(void)
{
    return mk(TYPES_K_NULL);
}

types_datum_t types_datum_int(int64_t v)
{
    types_datum_t d = mk(TYPES_K_INT);
    d.i = v;
    return d;
}

types_datum_t types_datum_uint(uint64_t v)
{
    types_datum_t d = mk(TYPES_K_UINT);
    d.u = v;
    return d;
}

types_datum_t types_datum_double(double v)
{
    types_datum_t d = mk(TYPES_K_DOUBLE);
    d.f = v;
    return d;
}

types_datum_t types_datum_float(float v)
{
    types_datum_t d = mk(TYPES_K_FLOAT);
    d.f = v;
    return d;
}

types_datum_t types_datum_string(const char *p, size_t len, uint16_t collate)
{
    types_datum_t d = mk(TYPES_K_STRING);
    d.ptr = p;
    d.len = (uint32_t)len;
    d.collate = collate;
    return d;
}

types_datum_t types_datum_decimal(const types_decimal_t *v)
{
    types_datum_t d = mk(TYPES_K_DECIMAL);
    d.dec = *v;
    return d;
}

types_datum_t types_datum_time(const mytime_t *t, uint8_t tp, int fsp)
{
    types_datum_t d = mk(TYPES_K_TIME);
    d.time = mytime_pack(t);
    d.tp = tp;
    d.fsp = (uint8_t)fsp;
    return d;
}

types_datum_t types_datum_duration(int64_t dur, int fsp)
{
    types_datum_t d = mk(TYPES_K_DURATION);
    d.dur = dur;
    d.fsp = (uint8_t)fsp;
    return d;
}

types_datum_t types_datum_enum(uint64_t index, const char *name, size_t len)
{
    types_datum_t d = mk(TYPES_K_ENUM);
    d.u = index;
    d.ptr = name;
    d.len = (uint32_t)len;
    d.collate = TYPES_COLL_UTF8MB4_BIN;
    return d;
}

types_datum_t types_datum_set(uint64_t bits, const char *text, size_t len)
{
    types_datum_t d = types_datum_enum(bits, text, len);
    d.kind = TYPES_K_SET;
    return d;
}

types_datum_t types_datum_bit(uint64_t v)
{
    types_datum_t d = mk(TYPES_K_BIT);
    d.u = v;
    return d;
}

types_datum_t types_datum_json(const char *bin, size_t len)
{
    types_datum_t d = types_datum_string(bin, len, TYPES_COLL_UTF8MB4_BIN);
    d.kind = TYPES_K_JSON;
    return d;
}

/* ---- numeric views ---- */

static mytime_kind_t time_kind(uint8_t tp)
{
    return tp == TYPES_TP_DATE ? MYTIME_DATE
                               : (tp == TYPES_TP_TIMESTAMP ? MYTIME_TIMESTAMP : MYTIME_DATETIME);
}

/* The datum as a decimal (times as YYYYMMDDhhmmss[.ffffff], durations as hhmmss). */
static types_status_t as_decimal(const types_datum_t *d, types_decimal_t *out)
{
    char buf[64];
    switch (d->kind) {
    case TYPES_K_INT:
        *out = types_dec_from_int64(d->i);
        return TYPES_OK;
    case TYPES_K_UINT:
    case TYPES_K_BIT:
    case TYPES_K_ENUM:
    case TYPES_K_SET:
        *out = types_dec_from_uint64(d->u);
        return TYPES_OK;
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE:
        return types_dec_from_double(d->f, out);
    case TYPES_K_DECIMAL:
        *out = d->dec;
        return TYPES_OK;
    case TYPES_K_TIME: {
        mytime_t t = mytime_unpack(d->time);
        int n = snprintf(buf, sizeof buf, "%lld.%06u",
                         (long long)mytime_to_int(&t, time_kind(d->tp)), (unsigned)t.usec);
        types_dec_from_string(buf, (size_t)n, out, NULL);
        return types_dec_round(out, d->tp == TYPES_TP_DATE ? 0 : d->fsp, TYPES_ROUND_TRUNCATE, out);
    }
    case TYPES_K_DURATION: {
        int64_t a = d->dur < 0 ? -d->dur : d->dur;
        int64_t s = a / 1000000;
        int n = snprintf(buf, sizeof buf, "%s%lld.%06lld", d->dur < 0 ? "-" : "",
                         (long long)(s / 3600 * 10000 + s / 60 % 60 * 100 + s % 60),
                         (long long)(a % 1000000));
        types_dec_from_string(buf, (size_t)n, out, NULL);
        return types_dec_round(out, d->fsp, TYPES_ROUND_TRUNCATE, out);
    }
    case TYPES_K_STRING:
        return types_dec_from_string(d->ptr, d->len, out, NULL);
    case TYPES_K_JSON: {
        duet_buf_t t = DUET_BUF_INIT;
        types_datum_to_text(d, &t);
        types_status_t st = types_dec_from_string(t.data, t.len, out, NULL);
        duet_buf_free(&t);
        return st;
    }
    default:
        *out = types_dec_zero(0);
        return TYPES_OK;
    }
}

static types_status_t as_double(const types_datum_t *d, double *out)
{
    switch (d->kind) {
    case TYPES_K_INT:
        *out = (double)d->i;
        return TYPES_OK;
    case TYPES_K_UINT:
    case TYPES_K_BIT:
    case TYPES_K_ENUM:
    case TYPES_K_SET:
        *out = (double)d->u;
        return TYPES_OK;
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE:
        *out = d->f;
        return TYPES_OK;
    case TYPES_K_STRING:
        return types_str_to_double(d->ptr, d->len, out);
    case TYPES_K_JSON: {
        duet_buf_t t = DUET_BUF_INIT;
        types_datum_to_text(d, &t);
        types_status_t st = types_str_to_double(t.data, t.len, out);
        duet_buf_free(&t);
        return st;
    }
    default: {
        types_decimal_t dec;
        types_status_t st = as_decimal(d, &dec);
        *out = types_dec_to_double(&dec);
        return st;
    }
    }
}

/* ---- comparison ---- */

static int cmp_i_u(int64_t a, uint64_t b)
{
    if (a < 0)
        return -1;
    return (uint64_t)a < b ? -1 : ((uint64_t)a > b);
}

static bool is_intlike(const types_datum_t *d)
{
    return d->kind == TYPES_K_INT || d->kind == TYPES_K_UINT || d->kind == TYPES_K_BIT;
}

static bool is_number(const types_datum_t *d)
{
    return is_intlike(d) || d->kind == TYPES_K_FLOAT || d->kind == TYPES_K_DOUBLE ||
           d->kind == TYPES_K_DECIMAL;
}

static int cmp_num(const types_datum_t *a, const types_datum_t *b, types_status_t *st)
{
    if (is_intlike(a) && is_intlike(b)) {
        bool ua = a->kind != TYPES_K_INT, ub = b->kind != TYPES_K_INT;
        if (!ua && !ub)
            return a->i < b->i ? -1 : (a->i > b->i);
        if (ua && ub)
            return a->u < b->u ? -1 : (a->u > b->u);
        return ua ? -cmp_i_u(b->i, a->u) : cmp_i_u(a->i, b->u);
    }
    bool fa = a->kind == TYPES_K_FLOAT || a->kind == TYPES_K_DOUBLE || a->kind == TYPES_K_STRING;
    bool fb = b->kind == TYPES_K_FLOAT || b->kind == TYPES_K_DOUBLE || b->kind == TYPES_K_STRING;
    if (fa || fb) {
        /* Exact for 64-bit integers: long double holds 64 mantissa bits. */
        long double x, y;
        double t;
        types_status_t s1 = TYPES_OK, s2 = TYPES_OK;
        if (a->kind == TYPES_K_INT)
            x = (long double)a->i;
        else if (is_intlike(a))
            x = (long double)a->u;
        else
            s1 = as_double(a, &t), x = t;
        if (b->kind == TYPES_K_INT)
            y = (long double)b->i;
        else if (is_intlike(b))
            y = (long double)b->u;
        else
            s2 = as_double(b, &t), y = t;
        if (st)
            *st = types_status_worse(*st, types_status_worse(s1, s2));
        return x < y ? -1 : (x > y);
    }
    types_decimal_t x, y;
    as_decimal(a, &x);
    as_decimal(b, &y);
    return types_dec_cmp(&x, &y);
}

static int cmp_str(const types_datum_t *a, const types_datum_t *b)
{
    /* A binary string on either side makes the comparison binary, as in MySQL. */
    uint16_t id = b->collate == TYPES_COLL_BINARY ? TYPES_COLL_BINARY : a->collate;
    const types_collation_t *c = types_coll_get(id);
    if (!c)
        c = types_coll_get(TYPES_COLL_UTF8MB4_BIN);
    return types_coll_cmp(c, a->ptr, a->len, b->ptr, b->len);
}

/* A string or integer as a DATETIME for comparing with a time value (a DATE
 * compares as its midnight). A value that is no datetime becomes the zero date,
 * with *st set, as MySQL converts it with warning 1292. False for other kinds. */
static bool to_time(const types_datum_t *d, uint64_t *packed, types_status_t *st)
{
    mytime_t t;
    types_status_t s;
    if (d->kind == TYPES_K_STRING)
        s = mytime_parse(d->ptr, d->len, MYTIME_DATETIME, 6, 0, &t);
    else if (d->kind == TYPES_K_INT || d->kind == TYPES_K_UINT)
        s = d->kind == TYPES_K_UINT && d->u > INT64_MAX
                ? TYPES_BAD_VALUE
                : mytime_from_int(d->kind == TYPES_K_INT ? d->i : (int64_t)d->u, MYTIME_DATETIME, 0,
                                  &t);
    else
        return false;
    if (s != TYPES_OK && s != TYPES_TRUNCATED)
        memset(&t, 0, sizeof t);
    if (st && s != TYPES_OK)
        *st = types_status_worse(*st, s == TYPES_TRUNCATED ? s : TYPES_BAD_VALUE);
    *packed = mytime_pack(&t);
    return true;
}

static int ucmp(uint64_t a, uint64_t b)
{
    return a < b ? -1 : (a > b);
}

int types_datum_cmp(const types_datum_t *a, const types_datum_t *b, types_status_t *st)
{
    if (a->kind == b->kind) {
        switch (a->kind) {
        case TYPES_K_NULL:
        case TYPES_K_MIN:
        case TYPES_K_MAX:
            return 0;
        case TYPES_K_STRING:
            return cmp_str(a, b);
        case TYPES_K_JSON:
            return types_json_cmp((const uint8_t *)a->ptr, a->len, (const uint8_t *)b->ptr, b->len);
        case TYPES_K_TIME:
            return ucmp(a->time, b->time);
        case TYPES_K_DURATION:
            return a->dur < b->dur ? -1 : (a->dur > b->dur);
        case TYPES_K_ENUM:
        case TYPES_K_SET:
            return ucmp(a->u, b->u);
        default:
            break;
        }
    }
    /* NULL < MIN < values < MAX */
    if (a->kind == TYPES_K_NULL || b->kind == TYPES_K_NULL)
        return a->kind == TYPES_K_NULL ? -1 : 1;
    if (a->kind == TYPES_K_MIN || b->kind == TYPES_K_MAX)
        return -1;
    if (a->kind == TYPES_K_MAX || b->kind == TYPES_K_MIN)
        return 1;
    if (is_number(a) && is_number(b))
        return cmp_num(a, b, st);
    /* Times against strings or numbers. */
    if (a->kind == TYPES_K_TIME || b->kind == TYPES_K_TIME) {
        const types_datum_t *t = a->kind == TYPES_K_TIME ? a : b;
        const types_datum_t *o = t == a ? b : a;
        uint64_t p;
        if (o->kind == TYPES_K_TIME) {
            int r = ucmp(a->time, b->time);
            return r;
        }
        if (to_time(o, &p, st)) {
            int r = ucmp(t->time, p);
            return t == a ? r : -r;
        }
    }
    if (a->kind == TYPES_K_DURATION || b->kind == TYPES_K_DURATION) {
        const types_datum_t *t = a->kind == TYPES_K_DURATION ? a : b;
        const types_datum_t *o = t == a ? b : a;
        int64_t v;
        types_status_t s2 = TYPES_BAD_VALUE;
        if (o->kind == TYPES_K_STRING)
            s2 = mytime_dur_parse(o->ptr, o->len, 6, &v);
        else if (o->kind == TYPES_K_INT)
            s2 = mytime_dur_from_int(o->i, &v);
        if (o->kind == TYPES_K_STRING || o->kind == TYPES_K_INT) {
            /* Not a time: compared as 00:00:00, with the warning. */
            if (s2 == TYPES_BAD_VALUE)
                v = 0;
            if (st && s2 != TYPES_OK)
                *st = types_status_worse(*st, s2);
            int r = t->dur < v ? -1 : (t->dur > v);
            return t == a ? r : -r;
        }
    }
    /* ENUM/SET: by name against strings, by value against numbers. */
    if (a->kind == TYPES_K_ENUM || a->kind == TYPES_K_SET || b->kind == TYPES_K_ENUM ||
        b->kind == TYPES_K_SET) {
        const types_datum_t *e = (a->kind == TYPES_K_ENUM || a->kind == TYPES_K_SET) ? a : b;
        const types_datum_t *o = e == a ? b : a;
        int r;
        if (o->kind == TYPES_K_STRING) {
            types_datum_t name = types_datum_string(e->ptr, e->len, o->collate);
            r = cmp_str(&name, o);
        } else {
            types_datum_t v = types_datum_uint(e->u);
            r = types_datum_cmp(&v, o, st);
        }
        return e == a ? r : -r;
    }
    if (a->kind == TYPES_K_STRING && b->kind == TYPES_K_STRING)
        return cmp_str(a, b);
    if ((a->kind == TYPES_K_STRING && is_number(b)) || (b->kind == TYPES_K_STRING && is_number(a)))
        return cmp_num(a, b, st);
    /* Anything else: compare the texts. */
    duet_buf_t x = DUET_BUF_INIT, y = DUET_BUF_INIT;
    types_datum_to_text(a, &x);
    types_datum_to_text(b, &y);
    types_datum_t sx = types_datum_string(x.data, x.len, TYPES_COLL_UTF8MB4_BIN);
    types_datum_t sy = types_datum_string(y.data, y.len, TYPES_COLL_UTF8MB4_BIN);
    int r = cmp_str(&sx, &sy);
    duet_buf_free(&x);
    duet_buf_free(&y);
    return r;
}

/* ---- text ---- */

void types_datum_to_text(const types_datum_t *d, duet_buf_t *out)
{
    char buf[TYPES_DEC_STR_MAX > MYTIME_STR_MAX ? TYPES_DEC_STR_MAX : MYTIME_STR_MAX];
    switch (d->kind) {
    case TYPES_K_NULL:
        duet_buf_puts(out, "NULL");
        break;
    case TYPES_K_INT:
        duet_buf_printf(out, "%lld", (long long)d->i);
        break;
    case TYPES_K_UINT:
    case TYPES_K_BIT:
        duet_buf_printf(out, "%llu", (unsigned long long)d->u);
        break;
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE:
        types_double_format(d->f, d->kind == TYPES_K_FLOAT, buf);
        duet_buf_puts(out, buf);
        break;
    case TYPES_K_DECIMAL:
        types_dec_to_string(&d->dec, buf);
        duet_buf_puts(out, buf);
        break;
    case TYPES_K_TIME: {
        mytime_t t = mytime_unpack(d->time);
        mytime_format(&t, time_kind(d->tp), d->fsp, buf);
        duet_buf_puts(out, buf);
        break;
    }
    case TYPES_K_DURATION:
        mytime_dur_format(d->dur, d->fsp, buf);
        duet_buf_puts(out, buf);
        break;
    case TYPES_K_MIN:
    case TYPES_K_MAX:
        break;
    case TYPES_K_JSON:
        types_json_to_text((const uint8_t *)d->ptr, d->len, out);
        break;
    default: /* STRING, ENUM, SET */
        duet_buf_append(out, d->ptr, d->len);
        break;
    }
}

types_datum_t types_datum_copy(const types_datum_t *d, duet_arena_t *arena)
{
    types_datum_t c = *d;
    if ((d->kind == TYPES_K_STRING || d->kind == TYPES_K_JSON || d->kind == TYPES_K_ENUM ||
         d->kind == TYPES_K_SET) &&
        d->ptr) {
        char *p = duet_arena_alloc(arena, d->len + 1);
        memcpy(p, d->ptr, d->len);
        p[d->len] = '\0';
        c.ptr = p;
    }
    return c;
}

int types_datum_truth(const types_datum_t *d, types_status_t *st)
{
    double f;
    switch (d->kind) {
    case TYPES_K_NULL:
        return -1;
    case TYPES_K_INT:
        return d->i != 0;
    case TYPES_K_UINT:
    case TYPES_K_BIT:
    case TYPES_K_ENUM:
    case TYPES_K_SET:
        return d->u != 0;
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE:
        return d->f != 0;
    case TYPES_K_DECIMAL:
        return !types_dec_is_zero(&d->dec);
    case TYPES_K_TIME:
        return d->time != 0;
    case TYPES_K_DURATION:
        return d->dur != 0;
    case TYPES_K_JSON: {
        const uint8_t *b = (const uint8_t *)d->ptr;
        if (d->len == 2 && b[0] == TYPES_JSON_LITERAL)
            return b[1] == 1;
        if (d->len == 2 && b[0] == TYPES_JSON_STRING && b[1] == 0)
            return 0;
        if (b[0] == TYPES_JSON_INT64 || b[0] == TYPES_JSON_UINT64 || b[0] == TYPES_JSON_DOUBLE) {
            as_double(d, &f);
            return f != 0;
        }
        return 1;
    }
    case TYPES_K_STRING: {
        types_status_t s = types_str_to_double(d->ptr, d->len, &f);
        if (st && s != TYPES_OK)
            *st = types_status_worse(*st, s);
        return f != 0;
    }
    default:
        return 1;
    }
}

static void zero_pad(duet_buf_t *out, size_t start, int64_t width)
{
    size_t have = out->len - start;
    if (width <= 0 || (int64_t)have >= width || width > 255)
        return;
    size_t pad = (size_t)width - have;
    duet_buf_reserve(out, pad);
    memmove(out->data + start + pad, out->data + start, have);
    memset(out->data + start, '0', pad);
    out->len += pad;
    out->data[out->len] = '\0';
}

bool types_datum_format_column(const types_datum_t *d, const types_field_type_t *ft,
                               duet_buf_t *out)
{
    if (d->kind == TYPES_K_NULL)
        return false;
    size_t start = out->len;
    bool zerofill = (ft->flags & TYPES_FLAG_ZEROFILL) != 0;
    switch (ft->tp) {
    case TYPES_TP_FLOAT:
    case TYPES_TP_DOUBLE:
        if (ft->decimal >= 0 && ft->decimal < 31 && ft->flen > 0 &&
            (d->kind == TYPES_K_FLOAT || d->kind == TYPES_K_DOUBLE)) {
            duet_buf_printf(out, "%.*f", (int)ft->decimal, d->f);
            break;
        }
        types_datum_to_text(d, out);
        break;
    case TYPES_TP_YEAR:
        duet_buf_printf(out, "%04lld", (long long)(d->kind == TYPES_K_UINT ? (int64_t)d->u : d->i));
        return true;
    case TYPES_TP_BIT: {
        int64_t bits = ft->flen > 0 ? ft->flen : 1;
        int nbytes = (int)((bits + 7) / 8);
        for (int i = nbytes - 1; i >= 0; i--)
            duet_buf_putc(out, (char)(i < 8 ? (d->u >> (8 * i)) & 0xFF : 0));
        return true;
    }
    case TYPES_TP_DATE:
    case TYPES_TP_NEWDATE:
    case TYPES_TP_DATETIME:
    case TYPES_TP_TIMESTAMP:
    case TYPES_TP_TIME:
        if (d->kind == TYPES_K_TIME || d->kind == TYPES_K_DURATION) {
            types_datum_t t = *d;
            t.fsp = (uint8_t)(ft->decimal > 0 ? ft->decimal : 0);
            types_datum_to_text(&t, out);
            return true;
        }
        types_datum_to_text(d, out);
        return true;
    default:
        types_datum_to_text(d, out);
        break;
    }
    if (zerofill) {
        int64_t width = ft->flen;
        if (ft->tp == TYPES_TP_NEWDECIMAL && ft->decimal > 0)
            width++;
        zero_pad(out, start, width);
    }
    return true;
}

uint64_t types_datum_hash(const types_datum_t *d, uint64_t seed)
{
    uint8_t key[TYPES_DEC_KEY_MAX];
    switch (d->kind) {
    case TYPES_K_JSON:
        return types_json_hash((const uint8_t *)d->ptr, d->len, seed);
    case TYPES_K_STRING: {
        const types_collation_t *c = types_coll_get(d->collate);
        if (!c)
            c = types_coll_get(TYPES_COLL_UTF8MB4_BIN);
        return types_coll_hash(c, d->ptr, d->len, seed);
    }
    case TYPES_K_DECIMAL: {
        size_t n = types_dec_to_key(&d->dec, key);
        return XXH3_64bits_withSeed(key, n, seed);
    }
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE: {
        double f = d->f == 0 ? 0.0 : d->f; /* -0.0 == 0.0 */
        return XXH3_64bits_withSeed(&f, sizeof f, seed);
    }
    case TYPES_K_NULL:
    case TYPES_K_MIN:
    case TYPES_K_MAX:
        return XXH3_64bits_withSeed(&d->kind, 1, seed);
    default:
        return XXH3_64bits_withSeed(&d->u, sizeof d->u, seed);
    }
}
