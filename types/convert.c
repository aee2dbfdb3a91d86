/* convert.c - string to number parsing with MySQL's prefix rules, and shortest double printing. */
#include "types/convert.h"

#include <float.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Status for what follows a number ending at s[i]. */
static types_status_t tail_status(const char *s, size_t i, size_t len)
{
    while (i < len && is_space(s[i]))
        i++;
    return i < len ? TYPES_TRUNCATED : TYPES_OK;
}

types_status_t types_str_to_double(const char *s, size_t len, double *out)
{
    size_t i = 0;
    *out = 0;
    while (i < len && is_space(s[i]))
        i++;
    size_t start = i;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t digits = 0;
    while (i < len && is_digit(s[i]))
        i++, digits++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit(s[i]))
            i++, digits++;
    }
    if (digits == 0)
        return TYPES_BAD_VALUE;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < len && is_digit(s[j])) {
            while (j < len && is_digit(s[j]))
                j++;
            i = j;
        }
    }
    char stack[128];
    char *tmp = i - start < sizeof stack ? stack : duet_malloc(i - start + 1);
    memcpy(tmp, s + start, i - start);
    tmp[i - start] = '\0';
    double v = strtod(tmp, NULL);
    if (tmp != stack)
        duet_free(tmp);
    if (isinf(v)) {
        *out = v > 0 ? DBL_MAX : -DBL_MAX;
        return TYPES_OUT_OF_RANGE;
    }
    *out = v;
    return tail_status(s, i, len);
}

/* Parses sign and magnitude; *mag saturates at UINT64_MAX (overflow set). */
static types_status_t parse_int(const char *s, size_t len, bool *neg, uint64_t *mag, bool *overflow)
{
    size_t i = 0;
    while (i < len && is_space(s[i]))
        i++;
    *neg = false;
    *mag = 0;
    *overflow = false;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        *neg = s[i] == '-';
        i++;
    }
    size_t st = i;
    while (i < len && is_digit(s[i])) {
        unsigned d = (unsigned)(s[i] - '0');
        if (*mag > (UINT64_MAX - d) / 10) {
            *overflow = true;
            *mag = UINT64_MAX;
        } else if (!*overflow) {
            *mag = *mag * 10 + d;
        }
        i++;
    }
    if (i == st)
        return TYPES_BAD_VALUE;
    return tail_status(s, i, len);
}

types_status_t types_str_to_int64(const char *s, size_t len, int64_t *out)
{
    bool neg, of;
    uint64_t mag;
    types_status_t st = parse_int(s, len, &neg, &mag, &of);
    *out = 0;
    if (st == TYPES_BAD_VALUE)
        return st;
    if (neg) {
        if (of || mag > (uint64_t)INT64_MAX + 1) {
            *out = INT64_MIN;
            return TYPES_OUT_OF_RANGE;
        }
        *out = (int64_t)(0 - mag);
    } else {
        if (of || mag > (uint64_t)INT64_MAX) {
            *out = INT64_MAX;
            return TYPES_OUT_OF_RANGE;
        }
        *out = (int64_t)mag;
    }
    return st;
}

types_status_t types_str_to_uint64(const char *s, size_t len, uint64_t *out)
{
    bool neg, of;
    uint64_t mag;
    types_status_t st = parse_int(s, len, &neg, &mag, &of);
    *out = 0;
    if (st == TYPES_BAD_VALUE)
        return st;
    if (neg && mag != 0)
        return TYPES_OUT_OF_RANGE;
    *out = mag;
    return of ? TYPES_OUT_OF_RANGE : st;
}

types_status_t types_str_cast_int(const char *s, size_t len, uint64_t *bits)
{
    size_t i = 0;
    while (i < len && is_space(s[i]))
        i++;
    if (i < len && s[i] == '-') {
        int64_t v;
        types_status_t st = types_str_to_int64(s, len, &v);
        *bits = (uint64_t)v;
        return st;
    }
    return types_str_to_uint64(s, len, bits);
}

types_status_t types_double_to_int64(double v, int64_t *out)
{
    double r = nearbyint(v);
    if (isnan(r)) {
        *out = 0;
        return TYPES_OUT_OF_RANGE;
    }
    if (r >= 9223372036854775808.0) {
        *out = INT64_MAX;
        return TYPES_OUT_OF_RANGE;
    }
    if (r < -9223372036854775808.0) {
        *out = INT64_MIN;
        return TYPES_OUT_OF_RANGE;
    }
    *out = (int64_t)r;
    return TYPES_OK;
}

types_status_t types_double_to_uint64(double v, uint64_t *out)
{
    double r = nearbyint(v);
    if (isnan(r) || r < 0) {
        *out = 0;
        return TYPES_OUT_OF_RANGE;
    }
    if (r >= 18446744073709551616.0) {
        *out = UINT64_MAX;
        return TYPES_OUT_OF_RANGE;
    }
    *out = (uint64_t)r;
    return TYPES_OK;
}

size_t types_double_format(double v, int is_float, char *buf)
{
    if (isnan(v))
        return (size_t)snprintf(buf, TYPES_DOUBLE_STR_MAX, "NaN");
    if (isinf(v))
        return (size_t)snprintf(buf, TYPES_DOUBLE_STR_MAX, v > 0 ? "Inf" : "-Inf");
    if (v == 0)
        return (size_t)snprintf(buf, TYPES_DOUBLE_STR_MAX, "0");
    /* Shortest round-trip digits via %.*e for DOUBLE; FLOAT shows 6 significant
     * digits (FLT_DIG), as MySQL prints FLOAT columns. */
    char e[40];
    if (is_float) {
        snprintf(e, sizeof e, "%.5e", v);
    } else {
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(e, sizeof e, "%.*e", prec - 1, v);
            if (strtod(e, NULL) == v)
                break;
        }
    }
    /* e is "-d.ddde+XX": split digits and exponent. */
    char digits[24];
    int nd = 0;
    const char *p = e;
    bool neg = *p == '-';
    if (neg)
        p++;
    for (; *p && *p != 'e'; p++)
        if (is_digit(*p))
            digits[nd++] = *p;
    int exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    size_t o = 0;
    if (neg)
        buf[o++] = '-';
    if (exp10 < -5 || exp10 > 14) {
        buf[o++] = digits[0];
        if (nd > 1) {
            buf[o++] = '.';
            for (int i = 1; i < nd; i++)
                buf[o++] = digits[i];
        }
        o += (size_t)snprintf(buf + o, TYPES_DOUBLE_STR_MAX - o, "e%d", exp10);
        return o;
    }
    if (exp10 < 0) {
        buf[o++] = '0';
        buf[o++] = '.';
        for (int i = -1; i > exp10; i--)
            buf[o++] = '0';
        for (int i = 0; i < nd; i++)
            buf[o++] = digits[i];
    } else {
        for (int i = 0; i <= exp10; i++)
            buf[o++] = i < nd ? digits[i] : '0';
        if (nd > exp10 + 1) {
            buf[o++] = '.';
            for (int i = exp10 + 1; i < nd; i++)
                buf[o++] = digits[i];
        }
    }
    buf[o] = '\0';
    return o;
}
