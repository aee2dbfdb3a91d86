/* datum_cast.c - converting a datum to a field type as INSERT and CAST do, and the warnings MySQL
 * raises. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "types/collation.h"
#include "types/convert.h"
#include "types/datum.h"
#include "types/json.h"

static mytime_kind_t kind_of(uint8_t tp)
{
    return tp == TYPES_TP_DATE || tp == TYPES_TP_NEWDATE
               ? MYTIME_DATE
               : (tp == TYPES_TP_TIMESTAMP ? MYTIME_TIMESTAMP : MYTIME_DATETIME);
}

/* Text of any datum in arena memory. */
static const char *text_of(const types_datum_t *d, duet_arena_t *arena, size_t *len)
{
    if (d->kind == TYPES_K_STRING || d->kind == TYPES_K_ENUM || d->kind == TYPES_K_SET) {
        *len = d->len;
        return d->ptr;
    }
    duet_buf_t b = DUET_BUF_INIT;
    types_datum_to_text(d, &b);
    char *p = duet_arena_strndup(arena, b.data ? b.data : "", b.len);
    *len = b.len;
    duet_buf_free(&b);
    return p;
}

/* The datum as a decimal (numbers exactly, strings parsed, times as numbers). */
static types_status_t to_decimal(const types_datum_t *d, types_decimal_t *out)
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
    case TYPES_K_STRING:
        return types_dec_from_string(d->ptr, d->len, out, NULL);
    default: {
        duet_buf_t b = DUET_BUF_INIT;
        types_datum_to_text(d, &b);
        /* Times as numbers: drop the separators. */
        size_t n = 0;
        for (size_t i = 0; i < b.len && n + 1 < sizeof buf; i++)
            if ((b.data[i] >= '0' && b.data[i] <= '9') || b.data[i] == '.' || b.data[i] == '-')
                if (!(b.data[i] == '-' && i > 0))
                    buf[n++] = b.data[i];
        duet_buf_free(&b);
        types_dec_from_string(buf, n, out, NULL);
        return TYPES_OK;
    }
    }
}

/* Integer range of an integer column type. */
static void int_range(uint8_t tp, bool uns, int64_t *lo, uint64_t *hi)
{
    int bits = tp == TYPES_TP_TINY    ? 8
               : tp == TYPES_TP_SHORT ? 16
               : tp == TYPES_TP_INT24 ? 24
               : tp == TYPES_TP_LONG  ? 32
                                      : 64;
    if (uns) {
        *lo = 0;
        *hi = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    } else {
        *lo = bits == 64 ? INT64_MIN : -(int64_t)(1ull << (bits - 1));
        *hi = bits == 64 ? (uint64_t)INT64_MAX : (1ull << (bits - 1)) - 1;
    }
}

/* Any datum as a (neg, magnitude) integer with MySQL's rounding for its kind. */
static types_status_t to_integer(const types_datum_t *d, bool *neg, uint64_t *mag)
{
    types_status_t st = TYPES_OK;
    *neg = false;
    switch (d->kind) {
    case TYPES_K_INT:
        *neg = d->i < 0;
        *mag = d->i < 0 ? (uint64_t)0 - (uint64_t)d->i : (uint64_t)d->i;
        return TYPES_OK;
    case TYPES_K_UINT:
    case TYPES_K_BIT:
    case TYPES_K_ENUM:
    case TYPES_K_SET:
        *mag = d->u;
        return TYPES_OK;
    case TYPES_K_STRING: {
        /* A column takes the whole number the text spells, exponent and fraction
         * included, rounded half up ('1e3' is 1000, '1.5' is 2), as MySQL's
         * string-to-integer store does; CAST AS SIGNED reads only the integer
         * prefix (types_str_cast_int). */
        types_decimal_t dec, r;
        st = types_dec_from_string(d->ptr, d->len, &dec, NULL);
        types_dec_round(&dec, 0, TYPES_ROUND_HALF_UP, &r);
        *neg = r.neg;
        r.neg = false;
        uint64_t u;
        types_status_t rs = types_dec_to_uint64(&r, &u);
        *mag = u;
        return types_status_worse(st, rs);
    }
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE: {
        double r = nearbyint(d->f);
        if (isnan(r)) {
            *mag = 0;
            return TYPES_OUT_OF_RANGE;
        }
        *neg = r < 0;
        double a = fabs(r);
        if (a >= 18446744073709551616.0) {
            *mag = UINT64_MAX;
            return TYPES_OUT_OF_RANGE;
        }
        *mag = (uint64_t)a;
        return TYPES_OK;
    }
    default: {
        types_decimal_t dec, r;
        to_decimal(d, &dec);
        types_dec_round(&dec, 0, TYPES_ROUND_HALF_UP, &r);
        *neg = r.neg;
        types_decimal_t a = r;
        a.neg = false;
        uint64_t u;
        st = types_dec_to_uint64(&a, &u);
        *mag = u;
        return st;
    }
    }
}

static types_status_t cast_int(const types_datum_t *in, const types_field_type_t *ft,
                               types_datum_t *out)
{
    bool uns = types_ft_is_unsigned(ft), neg;
    uint64_t mag;
    types_status_t st = to_integer(in, &neg, &mag);
    int64_t lo;
    uint64_t hi;
    int_range(ft->tp, uns, &lo, &hi);
    if (uns) {
        if (neg && mag) {
            *out = types_datum_uint(0);
            return TYPES_OUT_OF_RANGE;
        }
        if (mag > hi) {
            *out = types_datum_uint(hi);
            return TYPES_OUT_OF_RANGE;
        }
        *out = types_datum_uint(mag);
        return st;
    }
    uint64_t lo_mag = (uint64_t)0 - (uint64_t)lo;
    if (neg && mag > lo_mag) {
        *out = types_datum_int(lo);
        return TYPES_OUT_OF_RANGE;
    }
    if (!neg && mag > hi) {
        *out = types_datum_int((int64_t)hi);
        return TYPES_OUT_OF_RANGE;
    }
    *out = types_datum_int(neg ? (int64_t)(0 - mag) : (int64_t)mag);
    return st;
}

static types_status_t cast_real(const types_datum_t *in, const types_field_type_t *ft,
                                types_datum_t *out)
{
    double v;
    types_status_t st;
    if (in->kind == TYPES_K_STRING) {
        st = types_str_to_double(in->ptr, in->len, &v);
    } else if (in->kind == TYPES_K_INT) {
        v = (double)in->i;
        st = TYPES_OK;
    } else if (in->kind == TYPES_K_FLOAT || in->kind == TYPES_K_DOUBLE) {
        v = in->f;
        st = TYPES_OK;
    } else if (in->kind == TYPES_K_UINT || in->kind == TYPES_K_BIT || in->kind == TYPES_K_ENUM ||
               in->kind == TYPES_K_SET) {
        v = (double)in->u;
        st = TYPES_OK;
    } else {
        types_decimal_t d;
        st = to_decimal(in, &d);
        v = types_dec_to_double(&d);
    }
    if (ft->flen > 0 && ft->decimal >= 0 && ft->decimal < 31 && ft->flen <= 255) {
        /* FLOAT(M,D) / DOUBLE(M,D): round to D digits, clip to M digits. */
        double scale = pow(10.0, (double)ft->decimal);
        v = round(v * scale) / scale;
        double max = pow(10.0, (double)(ft->flen - ft->decimal)) - 1.0 / scale;
        if (fabs(v) > max) {
            v = v < 0 ? -max : max;
            st = TYPES_OUT_OF_RANGE;
        }
    }
    if (types_ft_is_unsigned(ft) && v < 0) {
        v = 0;
        st = TYPES_OUT_OF_RANGE;
    }
    if (ft->tp == TYPES_TP_FLOAT) {
        if (fabs(v) > FLT_MAX && !isinf(v)) {
            v = v < 0 ? -FLT_MAX : FLT_MAX;
            st = TYPES_OUT_OF_RANGE;
        }
        *out = types_datum_float((float)v);
    } else {
        *out = types_datum_double(v);
    }
    return st;
}

static types_status_t cast_decimal(const types_datum_t *in, const types_field_type_t *ft,
                                   types_datum_t *out)
{
    types_decimal_t d, r;
    types_status_t st = to_decimal(in, &d);
    int prec = ft->flen > 0 ? (int)ft->flen : 10, frac = ft->decimal > 0 ? ft->decimal : 0;
    if (prec > TYPES_MAX_DECIMAL_PREC)
        prec = TYPES_MAX_DECIMAL_PREC;
    if (frac > prec)
        frac = prec;
    if (types_ft_is_unsigned(ft) && d.neg) {
        *out = types_datum_decimal(&(types_decimal_t){.frac = (uint8_t)frac});
        return TYPES_OUT_OF_RANGE;
    }
    types_status_t fs = types_dec_fit(&d, prec, frac, &r);
    *out = types_datum_decimal(&r);
    return types_status_worse(st, fs);
}

/* Number of UTF-8 characters' bytes within the first max characters. */
static size_t utf8_prefix(const char *s, size_t n, int64_t max_chars, bool *cut)
{
    size_t i = 0;
    int64_t chars = 0;
    while (i < n && chars < max_chars) {
        uint32_t cp;
        i += types_utf8_decode(s + i, n - i, &cp);
        chars++;
    }
    *cut = i < n;
    return i;
}

static types_status_t cast_string(const types_datum_t *in, const types_field_type_t *ft,
                                  duet_arena_t *arena, types_datum_t *out)
{
    size_t len;
    const char *p = text_of(in, arena, &len);
    bool binary = ft->collate == TYPES_COLL_BINARY;
    types_status_t st = TYPES_OK;
    if (ft->flen >= 0) {
        bool cut;
        size_t keep;
        if (binary || types_tp_is_blob(ft->tp)) {
            cut = (int64_t)len > ft->flen;
            keep = cut ? (size_t)ft->flen : len;
        } else {
            keep = utf8_prefix(p, len, ft->flen, &cut);
        }
        if (cut) {
            /* Cutting only trailing spaces is not a truncation in MySQL. */
            bool spaces = true;
            for (size_t i = keep; i < len && spaces; i++)
                spaces = p[i] == ' ';
            if (!spaces)
                st = TYPES_TRUNCATED;
            len = keep;
        }
    }
    if (ft->tp == TYPES_TP_STRING && binary && ft->flen > 0 && (int64_t)len < ft->flen) {
        /* BINARY(n) pads with zero bytes. */
        char *q = duet_arena_calloc(arena, 1, (size_t)ft->flen);
        memcpy(q, p, len);
        p = q;
        len = (size_t)ft->flen;
    }
    *out = types_datum_string(p, len, ft->collate);
    return st;
}

static types_status_t cast_time(const types_datum_t *in, const types_field_type_t *ft,
                                types_sqlmode_t mode, types_datum_t *out)
{
    mytime_kind_t kind = kind_of(ft->tp);
    int fsp = kind == MYTIME_DATE ? 0 : (ft->decimal > 0 ? ft->decimal : 0);
    bool trunc = (mode & TYPES_MODE_TIME_TRUNCATE_FRACTIONAL) != 0;
    mytime_t t;
    types_status_t st;
    memset(&t, 0, sizeof t);
    switch (in->kind) {
    case TYPES_K_STRING:
        st = mytime_parse(in->ptr, in->len, kind, fsp, mode, &t);
        break;
    case TYPES_K_INT:
        st = mytime_from_int(in->i, kind, mode, &t);
        break;
    case TYPES_K_UINT:
        st = in->u > INT64_MAX ? TYPES_BAD_VALUE : mytime_from_int((int64_t)in->u, kind, mode, &t);
        break;
    case TYPES_K_TIME:
        t = mytime_unpack(in->time);
        st = TYPES_OK;
        if (kind == MYTIME_DATE && (t.hour || t.minute || t.second || t.usec)) {
            st = TYPES_TRUNCATED;
            t.hour = t.minute = t.second = 0;
            t.usec = 0;
        } else if (mytime_round_fsp(&t, fsp, trunc) != TYPES_OK) {
            st = TYPES_BAD_VALUE;
        }
        if (st != TYPES_BAD_VALUE) {
            types_status_t cs = mytime_check(&t, mode);
            if (cs != TYPES_OK)
                st = cs;
        }
        break;
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE:
    case TYPES_K_DECIMAL: {
        types_decimal_t d, ip;
        to_decimal(in, &d);
        types_dec_round(&d, 0, TYPES_ROUND_TRUNCATE, &ip);
        int64_t iv;
        if (d.neg || types_dec_to_int64(&ip, &iv) != TYPES_OK) {
            st = TYPES_BAD_VALUE;
            break;
        }
        st = mytime_from_int(iv, kind, mode, &t);
        if (st == TYPES_OK && kind != MYTIME_DATE) {
            types_decimal_t fr, us;
            types_dec_sub(&d, &ip, &fr);
            types_decimal_t mil = types_dec_from_int64(1000000);
            types_dec_mul(&fr, &mil, &us);
            types_dec_round(&us, 0, TYPES_ROUND_TRUNCATE, &us);
            int64_t u;
            types_dec_to_int64(&us, &u);
            t.usec = (uint32_t)u;
            if (mytime_round_fsp(&t, fsp, trunc) != TYPES_OK)
                st = TYPES_BAD_VALUE;
        } else if (st == TYPES_OK && types_dec_cmp(&d, &ip) != 0) {
            st = TYPES_TRUNCATED; /* a DATE drops the fraction */
        }
        break;
    }
    default:
        st = TYPES_BAD_VALUE;
        break;
    }
    if (st == TYPES_BAD_VALUE || st == TYPES_ZERO_DATE)
        memset(&t, 0, sizeof t);
    *out = types_datum_time(&t, ft->tp == TYPES_TP_NEWDATE ? TYPES_TP_DATE : ft->tp, fsp);
    return st;
}

static types_status_t cast_duration(const types_datum_t *in, const types_field_type_t *ft,
                                    duet_arena_t *arena, types_datum_t *out)
{
    int fsp = ft->decimal > 0 ? ft->decimal : 0;
    int64_t v = 0;
    types_status_t st;
    switch (in->kind) {
    case TYPES_K_INT:
        st = mytime_dur_from_int(in->i, &v);
        break;
    case TYPES_K_DURATION:
        v = mytime_dur_round_fsp(in->dur, fsp);
        st = TYPES_OK;
        break;
    case TYPES_K_TIME: {
        mytime_t t = mytime_unpack(in->time);
        v = (((int64_t)t.hour * 60 + t.minute) * 60 + t.second) * 1000000 + t.usec;
        v = mytime_dur_round_fsp(v, fsp);
        st = TYPES_OK;
        break;
    }
    default: {
        size_t len;
        const char *p = text_of(in, arena, &len);
        st = mytime_dur_parse(p, len, fsp, &v);
        break;
    }
    }
    *out = types_datum_duration(v, fsp);
    return st;
}

/* Member index (1-based) of name among ft's elements, case-insensitively per the
 * column collation; 0 when absent. */
static uint64_t find_elem(const types_field_type_t *ft, const char *p, size_t n)
{
    const types_collation_t *c = types_coll_get(ft->collate);
    if (!c || types_coll_is_binary(c))
        c = types_coll_get(TYPES_COLL_UTF8MB4_GENERAL_CI);
    for (uint32_t i = 0; i < ft->n_elems; i++)
        if (types_coll_cmp(c, ft->elems[i], strlen(ft->elems[i]), p, n) == 0)
            return i + 1;
    return 0;
}

/* A SET value from member bits, keeping only bits that name a member. */
static types_status_t set_from_bits(const types_field_type_t *ft, uint64_t v, duet_arena_t *arena,
                                    types_datum_t *out)
{
    uint64_t mask = ft->n_elems >= 64 ? UINT64_MAX : (1ull << ft->n_elems) - 1;
    types_status_t st = (v & ~mask) ? TYPES_BAD_VALUE : TYPES_OK;
    v &= mask;
    duet_buf_t b = DUET_BUF_INIT;
    for (uint32_t k = 0; k < ft->n_elems && k < 64; k++)
        if (v & (1ull << k)) {
            if (b.len)
                duet_buf_putc(&b, ',');
            duet_buf_puts(&b, ft->elems[k]);
        }
    *out = types_datum_set(v, duet_arena_strndup(arena, b.data ? b.data : "", b.len), b.len);
    duet_buf_free(&b);
    return st;
}

static types_status_t cast_enum_set(const types_datum_t *in, const types_field_type_t *ft,
                                    duet_arena_t *arena, types_datum_t *out)
{
    bool is_set = ft->tp == TYPES_TP_SET;
    if (in->kind == TYPES_K_STRING || in->kind == TYPES_K_ENUM || in->kind == TYPES_K_SET) {
        int64_t num;
        if (!is_set) {
            uint64_t idx = find_elem(ft, in->ptr, in->len);
            if (!idx && in->kind == TYPES_K_STRING &&
                types_str_to_int64(in->ptr, in->len, &num) == TYPES_OK && num > 0 &&
                (uint64_t)num <= ft->n_elems)
                idx = (uint64_t)num; /* '2' is the second member, as in MySQL */
            const char *name = idx ? ft->elems[idx - 1] : "";
            *out = types_datum_enum(idx, name, strlen(name));
            return idx ? TYPES_OK : TYPES_BAD_VALUE;
        }
        uint64_t bits = 0;
        bool unknown = false;
        size_t s = 0;
        for (size_t i = 0; i <= in->len; i++) {
            if (i < in->len && in->ptr[i] != ',')
                continue;
            if (i > s) {
                uint64_t idx = find_elem(ft, in->ptr + s, i - s);
                if (idx && idx <= 64)
                    bits |= 1ull << (idx - 1);
                else
                    unknown = true;
            }
            s = i + 1;
        }
        /* Text that names no member but is all digits gives member bits ('3' is a,b). */
        if (unknown && in->kind == TYPES_K_STRING && in->len > 0 &&
            strspn(in->ptr, "0123456789") >= in->len &&
            types_str_to_int64(in->ptr, in->len, &num) == TYPES_OK)
            return set_from_bits(ft, (uint64_t)num, arena, out);
        types_status_t st = set_from_bits(ft, bits, arena, out);
        return unknown ? TYPES_BAD_VALUE : st;
    }
    bool neg;
    uint64_t v;
    types_status_t st;
    if (in->kind == TYPES_K_DECIMAL || in->kind == TYPES_K_FLOAT || in->kind == TYPES_K_DOUBLE) {
        /* Member numbers from fractions are truncated, not rounded (MariaDB: 1.5 is
         * the first member). */
        types_decimal_t d, t;
        to_decimal(in, &d);
        types_dec_round(&d, 0, TYPES_ROUND_TRUNCATE, &t);
        neg = t.neg;
        t.neg = false;
        st = types_dec_to_uint64(&t, &v);
        if (st == TYPES_OUT_OF_RANGE) {
            v = 0;
            st = TYPES_BAD_VALUE;
        }
    } else {
        st = to_integer(in, &neg, &v);
    }
    if (is_set)
        return types_status_worse(st, set_from_bits(ft, neg ? (uint64_t)0 - v : v, arena, out));
    if (neg || v == 0 || v > ft->n_elems) {
        /* Index 0 is the empty error value of an ENUM. */
        *out = types_datum_enum(0, "", 0);
        return TYPES_BAD_VALUE;
    }
    const char *name = ft->elems[v - 1];
    *out = types_datum_enum(v, name, strlen(name));
    return st;
}

static types_status_t cast_bit(const types_datum_t *in, const types_field_type_t *ft,
                               types_datum_t *out)
{
    uint64_t v = 0;
    types_status_t st = TYPES_OK;
    if (in->kind == TYPES_K_STRING) {
        /* Strings are big-endian bytes, as b'..' and x'..' literals. */
        if (in->len > 8)
            st = TYPES_OUT_OF_RANGE;
        for (size_t i = 0; i < in->len && i < 8; i++)
            v = (v << 8) | (uint8_t)in->ptr[in->len - (in->len < 8 ? in->len : 8) + i];
    } else {
        bool neg;
        st = to_integer(in, &neg, &v);
        if (neg)
            v = (uint64_t)0 - v;
    }
    int64_t bits = ft->flen > 0 ? ft->flen : 1;
    uint64_t max = bits >= 64 ? UINT64_MAX : (1ull << bits) - 1;
    if (v > max) {
        v = max;
        st = TYPES_OUT_OF_RANGE;
    }
    *out = types_datum_bit(v);
    return st;
}

/* A JSON value from a string (parsed as JSON text) or from a scalar. */
static types_status_t cast_json(const types_datum_t *in, duet_arena_t *arena, types_datum_t *out)
{
    duet_buf_t b = DUET_BUF_INIT;
    types_status_t st = TYPES_OK;
    uint64_t bits;
    switch (in->kind) {
    case TYPES_K_JSON:
        *out = *in;
        return TYPES_OK;
    case TYPES_K_STRING:
        st = types_json_parse(in->ptr, in->len, &b, NULL);
        if (st != TYPES_OK) {
            duet_buf_reset(&b);
            duet_buf_append(&b, "\x04\x00", 2); /* null */
            st = TYPES_BAD_VALUE;
        }
        break;
    case TYPES_K_INT:
    case TYPES_K_UINT:
    case TYPES_K_BIT:
        duet_buf_putc(&b, in->kind == TYPES_K_INT ? TYPES_JSON_INT64 : TYPES_JSON_UINT64);
        for (int i = 0; i < 8; i++)
            duet_buf_putc(&b, (char)(in->u >> (8 * i)));
        break;
    case TYPES_K_FLOAT:
    case TYPES_K_DOUBLE:
    case TYPES_K_DECIMAL: {
        double f = in->kind == TYPES_K_DECIMAL ? types_dec_to_double(&in->dec) : in->f;
        memcpy(&bits, &f, 8);
        duet_buf_putc(&b, TYPES_JSON_DOUBLE);
        for (int i = 0; i < 8; i++)
            duet_buf_putc(&b, (char)(bits >> (8 * i)));
        break;
    }
    default: {
        /* Times, ENUM and SET become JSON strings of their text. */
        duet_buf_t t = DUET_BUF_INIT;
        types_datum_to_text(in, &t);
        duet_buf_putc(&b, TYPES_JSON_STRING);
        for (uint64_t v = t.len;; v >>= 7) {
            duet_buf_putc(&b, (char)((v & 0x7F) | (v >> 7 ? 0x80 : 0)));
            if (!(v >> 7))
                break;
        }
        duet_buf_append(&b, t.data ? t.data : "", t.len);
        duet_buf_free(&t);
        break;
    }
    }
    char *p = duet_arena_alloc(arena, b.len);
    memcpy(p, b.data, b.len);
    *out = types_datum_json(p, b.len);
    duet_buf_free(&b);
    return st;
}

types_status_t types_datum_cast(const types_datum_t *in, const types_field_type_t *ft,
                                types_sqlmode_t mode, duet_arena_t *arena, types_datum_t *out)
{
    if (in->kind == TYPES_K_NULL) {
        *out = types_datum_null();
        return TYPES_OK;
    }
    types_datum_t as_text;
    if (in->kind == TYPES_K_JSON && ft->tp != TYPES_TP_JSON) {
        /* JSON converts through its text (MySQL's rules for scalars agree). */
        size_t len;
        const char *p = text_of(in, arena, &len);
        as_text = types_datum_string(p, len, TYPES_COLL_UTF8MB4_BIN);
        in = &as_text;
    }
    switch (ft->tp) {
    case TYPES_TP_TINY:
    case TYPES_TP_SHORT:
    case TYPES_TP_INT24:
    case TYPES_TP_LONG:
    case TYPES_TP_LONGLONG:
        return cast_int(in, ft, out);
    case TYPES_TP_YEAR: {
        int y;
        types_status_t st;
        size_t b = 0, e = in->len;
        if (in->kind == TYPES_K_STRING) {
            while (b < e && in->ptr[b] == ' ')
                b++;
            while (e > b && in->ptr[e - 1] == ' ')
                e--;
        }
        if (in->kind == TYPES_K_STRING && e - b >= 1 && e - b <= 2 &&
            strspn(in->ptr + b, "0") >= e - b) {
            y = 2000; /* '0' and '00' are 2000, unlike the number 0 */
            st = TYPES_OK;
        } else if (in->kind == TYPES_K_TIME) {
            y = mytime_unpack(in->time).year;
            st = TYPES_OK;
        } else {
            bool neg;
            uint64_t v;
            st = to_integer(in, &neg, &v);
            types_status_t ys =
                mytime_year_from_int(neg ? -1 : (v > 100000 ? 100000 : (int64_t)v), &y);
            st = types_status_worse(st, ys);
        }
        *out = types_datum_int(y);
        return st;
    }
    case TYPES_TP_FLOAT:
    case TYPES_TP_DOUBLE:
        return cast_real(in, ft, out);
    case TYPES_TP_DECIMAL:
    case TYPES_TP_NEWDECIMAL:
        return cast_decimal(in, ft, out);
    case TYPES_TP_DATE:
    case TYPES_TP_NEWDATE:
    case TYPES_TP_DATETIME:
    case TYPES_TP_TIMESTAMP:
        return cast_time(in, ft, mode, out);
    case TYPES_TP_TIME:
        return cast_duration(in, ft, arena, out);
    case TYPES_TP_ENUM:
    case TYPES_TP_SET:
        return cast_enum_set(in, ft, arena, out);
    case TYPES_TP_BIT:
        return cast_bit(in, ft, out);
    case TYPES_TP_JSON:
        return cast_json(in, arena, out);
    default:
        return cast_string(in, ft, arena, out);
    }
}

/* ---- warnings ---- */

static const char *expr_type_name(uint8_t tp)
{
    if (types_tp_is_integer(tp) || tp == TYPES_TP_YEAR || tp == TYPES_TP_BIT)
        return "INTEGER";
    if (tp == TYPES_TP_FLOAT || tp == TYPES_TP_DOUBLE)
        return "DOUBLE";
    if (tp == TYPES_TP_NEWDECIMAL || tp == TYPES_TP_DECIMAL)
        return "DECIMAL";
    return NULL;
}

static const char *col_type_name(uint8_t tp)
{
    if (types_tp_is_integer(tp) || tp == TYPES_TP_YEAR || tp == TYPES_TP_BIT)
        return "integer";
    if (tp == TYPES_TP_FLOAT || tp == TYPES_TP_DOUBLE)
        return "double";
    if (tp == TYPES_TP_NEWDECIMAL || tp == TYPES_TP_DECIMAL)
        return "decimal";
    return "string";
}

int types_cast_warning(types_status_t st, const types_datum_t *in, const types_field_type_t *ft,
                       const char *col, int row, types_sqlmode_t mode, duet_err_t *e)
{
    bool strict = (mode & TYPES_MODE_STRICT) != 0;
    duet_buf_t v = DUET_BUF_INIT;
    types_datum_to_text(in, &v);
    const char *val = v.data ? v.data : "";
    bool is_time = types_tp_is_time(ft->tp) || ft->tp == TYPES_TP_TIME;
    const char *time_name = ft->tp == TYPES_TP_TIME ? "time" : "datetime";
    if (col && is_time && ft->tp != TYPES_TP_TIME)
        time_name = types_tp_name(ft->tp);
    int r;
    if (st == TYPES_DIV_ZERO) {
        r = duet_err_set(e, ER_DIVISION_BY_ZERO);
    } else if (!col) {
        if (is_time)
            r = duet_err_set(e, ER_WRONG_TIME_VALUE, time_name, val);
        else if (expr_type_name(ft->tp))
            r = duet_err_set(e, ER_TRUNCATED_WRONG_VALUE, expr_type_name(ft->tp), val);
        else {
            char name[32];
            snprintf(name, sizeof name, "%s(%lld)",
                     ft->collate == TYPES_COLL_BINARY ? "BINARY" : "CHAR", (long long)ft->flen);
            r = duet_err_set(e, ER_TRUNCATED_WRONG_VALUE, name, val);
        }
    } else if (st == TYPES_OUT_OF_RANGE && (!is_time || ft->tp == TYPES_TP_TIME)) {
        r = duet_err_set(e, ER_WARN_DATA_OUT_OF_RANGE, col, row);
    } else if (is_time && st != TYPES_TRUNCATED && strict) {
        r = duet_err_set(e, ER_WRONG_TIME_VALUE_FOR_FIELD, time_name, val, col, row);
    } else if (types_tp_is_string(ft->tp) && st == TYPES_TRUNCATED && strict) {
        r = duet_err_set(e, ER_DATA_TOO_LONG, col, row);
    } else if (st == TYPES_BAD_VALUE && expr_type_name(ft->tp) &&
               (in->kind == TYPES_K_STRING || in->kind == TYPES_K_JSON)) {
        r = duet_err_set(e, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, col_type_name(ft->tp), val, col,
                         row);
    } else {
        r = duet_err_set(e, ER_WARN_DATA_TRUNCATED, col, row);
    }
    duet_buf_free(&v);
    return r;
}
