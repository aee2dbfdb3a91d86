/* mytime_dur.c - MySQL TIME values (signed durations within +/-838:59:59): parsing, rounding,
 * printing. */
#include "types/mytime.h"

#include <stdio.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const int64_t pow10_i64[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};

int64_t mytime_dur_round_fsp(int64_t dur, int fsp)
{
    if (fsp < 0)
        fsp = 0;
    if (fsp >= 6)
        return dur;
    int64_t f = pow10_i64[6 - fsp];
    int64_t mag = dur < 0 ? -dur : dur;
    int64_t r = mag % f;
    mag -= r;
    if (r * 2 >= f)
        mag += f;
    if (mag > MYTIME_DUR_MAX)
        mag = MYTIME_DUR_MAX;
    return dur < 0 ? -mag : mag;
}

/* Reads a run of digits (at most 18) at s[*i]; returns the count. */
static size_t read_num(const char *s, size_t len, size_t *i, int64_t *v)
{
    size_t st = *i;
    *v = 0;
    while (*i < len && is_digit(s[*i])) {
        if (*i - st < 18)
            *v = *v * 10 + (s[*i] - '0');
        (*i)++;
    }
    return *i - st;
}

/* Builds the duration from parts, clipping at 838:59:59. */
static types_status_t make(bool neg, int64_t hours, int64_t minutes, int64_t seconds, int64_t usec,
                           int64_t *out)
{
    if (minutes > 59 || seconds > 59) {
        *out = 0;
        return TYPES_BAD_VALUE;
    }
    types_status_t st = TYPES_OK;
    int64_t v;
    if (hours > 838) {
        v = MYTIME_DUR_MAX;
        st = TYPES_OUT_OF_RANGE;
    } else {
        v = ((hours * 60 + minutes) * 60 + seconds) * 1000000 + usec;
        if (v > MYTIME_DUR_MAX) {
            v = MYTIME_DUR_MAX;
            st = TYPES_OUT_OF_RANGE;
        }
    }
    *out = neg ? -v : v;
    return st;
}

types_status_t mytime_dur_parse(const char *s, size_t len, int fsp, int64_t *out)
{
    size_t i = 0;
    *out = 0;
    while (i < len && is_space(s[i]))
        i++;
    /* A full datetime: take its time part. */
    size_t probe = i;
    while (probe < len && is_digit(s[probe]))
        probe++;
    if (probe < len && probe > i && s[probe] == '-') {
        mytime_t t;
        types_status_t st = mytime_parse(s, len, MYTIME_DATETIME, fsp, 0, &t);
        if (st == TYPES_BAD_VALUE || st == TYPES_ZERO_DATE)
            return TYPES_BAD_VALUE;
        *out = (((int64_t)t.hour * 60 + t.minute) * 60 + t.second) * 1000000 + t.usec;
        return st;
    }
    bool neg = false;
    if (i < len && s[i] == '-') {
        neg = true;
        i++;
    }
    int64_t a, h = 0, m = 0, sec = 0, usec = 0;
    size_t na = read_num(s, len, &i, &a);
    if (na == 0)
        return TYPES_BAD_VALUE;
    if (i + 1 < len && s[i] == ' ' && is_digit(s[i + 1])) {
        /* 'D HH[:MM[:SS]]' */
        i++;
        int64_t hh;
        read_num(s, len, &i, &hh);
        if (hh > 23 && a > 0)
            return TYPES_BAD_VALUE;
        h = a * 24 + hh;
        if (i + 1 < len && s[i] == ':' && is_digit(s[i + 1])) {
            i++;
            read_num(s, len, &i, &m);
            if (i + 1 < len && s[i] == ':' && is_digit(s[i + 1])) {
                i++;
                read_num(s, len, &i, &sec);
            }
        }
    } else if (i + 1 < len && s[i] == ':' && is_digit(s[i + 1])) {
        /* 'HH:MM[:SS]' */
        h = a;
        i++;
        read_num(s, len, &i, &m);
        if (i + 1 < len && s[i] == ':' && is_digit(s[i + 1])) {
            i++;
            read_num(s, len, &i, &sec);
        }
    } else {
        /* '[H..]HHMMSS' read right to left. */
        sec = a % 100;
        m = a / 100 % 100;
        h = a / 10000;
    }
    if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
        i++;
        size_t st = i;
        while (i < len && is_digit(s[i]))
            i++;
        size_t n = i - st;
        for (size_t k = 0; k < 6; k++)
            usec = usec * 10 + (k < n ? s[st + k] - '0' : 0);
        /* Round at fsp using the first dropped digit. */
        int f = fsp < 0 ? 0 : (fsp > 6 ? 6 : fsp);
        int64_t unit = pow10_i64[6 - f];
        int next = (size_t)f < n ? s[st + f] - '0' : 0;
        usec -= usec % unit;
        if (next >= 5)
            usec += unit;
        if (usec >= 1000000) {
            usec -= 1000000;
            if (++sec == 60) {
                sec = 0;
                if (++m == 60) {
                    m = 0;
                    h++;
                }
            }
        }
    }
    types_status_t st = make(neg, h, m, sec, usec, out);
    size_t rest = i;
    while (rest < len && is_space(s[rest]))
        rest++;
    if (st == TYPES_OK && rest < len)
        st = TYPES_TRUNCATED;
    return st;
}

types_status_t mytime_dur_from_int(int64_t v, int64_t *out)
{
    if (v >= 10000000000LL || v <= -10000000000LL) {
        mytime_t t;
        if (mytime_from_int(v < 0 ? -v : v, MYTIME_DATETIME, 0, &t) != TYPES_OK) {
            *out = 0;
            return TYPES_BAD_VALUE;
        }
        *out = (((int64_t)t.hour * 60 + t.minute) * 60 + t.second) * 1000000;
        return TYPES_OK;
    }
    bool neg = v < 0;
    int64_t a = neg ? -v : v;
    return make(neg, a / 10000, a / 100 % 100, a % 100, 0, out);
}

size_t mytime_dur_format(int64_t dur, int fsp, char *buf)
{
    bool neg = dur < 0;
    uint64_t mag = neg ? (uint64_t)0 - (uint64_t)dur : (uint64_t)dur;
    uint64_t usec = mag % 1000000, secs = mag / 1000000;
    int n = snprintf(buf, MYTIME_STR_MAX, "%s%02llu:%02llu:%02llu", neg ? "-" : "",
                     (unsigned long long)(secs / 3600), (unsigned long long)(secs / 60 % 60),
                     (unsigned long long)(secs % 60));
    if (fsp > 0) {
        if (fsp > 6)
            fsp = 6;
        n += snprintf(buf + n, MYTIME_STR_MAX - (size_t)n, ".%0*llu", fsp,
                      (unsigned long long)(usec / (uint64_t)pow10_i64[6 - fsp]));
    }
    return (size_t)n;
}
