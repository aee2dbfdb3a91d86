/* mytime.c - DATE/DATETIME/TIMESTAMP values: packing, parsing, checks, rounding, printing,
 * calendar, YEAR. */
#include "types/mytime.h"

#include <stdio.h>
#include <string.h>

static const uint32_t pow10_u32[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};

uint64_t mytime_pack(const mytime_t *t)
{
    uint64_t ymd = ((uint64_t)t->year << 9) | ((uint64_t)t->month << 5) | t->day;
    uint64_t hms = ((uint64_t)t->hour << 12) | ((uint64_t)t->minute << 6) | t->second;
    return (ymd << 37) | (hms << 20) | t->usec;
}

mytime_t mytime_unpack(uint64_t p)
{
    mytime_t t;
    t.usec = (uint32_t)(p & 0xFFFFF);
    uint64_t hms = (p >> 20) & 0x1FFFF;
    uint64_t ymd = p >> 37;
    t.second = (uint8_t)(hms & 63);
    t.minute = (uint8_t)((hms >> 6) & 63);
    t.hour = (uint8_t)(hms >> 12);
    t.day = (uint8_t)(ymd & 31);
    t.month = (uint8_t)((ymd >> 5) & 15);
    t.year = (uint16_t)(ymd >> 9);
    return t;
}

int mytime_cmp(const mytime_t *a, const mytime_t *b)
{
    uint64_t x = mytime_pack(a), y = mytime_pack(b);
    return x < y ? -1 : (x > y);
}

bool mytime_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int mytime_days_in_month(int year, int month)
{
    static const int days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && mytime_is_leap(year))
        return 29;
    return days[month];
}

/* Days from 1970-01-01 of a proleptic Gregorian date (civil calendar arithmetic). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

#define DAYNR_1970 719528

int64_t mytime_daynr(int year, int month, int day)
{
    if (year == 0 && month == 0)
        return 0;
    return days_from_civil(year, month, day) + DAYNR_1970;
}

void mytime_from_daynr(int64_t daynr, int *year, int *month, int *day)
{
    civil_from_days(daynr - DAYNR_1970, year, month, day);
}

int mytime_weekday(int64_t daynr)
{
    return (int)((daynr + 5) % 7);
}

static int days_in_year(int y)
{
    return mytime_is_leap(y) ? 366 : 365;
}

int mytime_week(const mytime_t *t, int mode, int *year)
{
    /* Mode bits: 1 = Monday first, 2 = week 1..53 (never 0), 4 = week 1 is the
     * first week with a first day of week (else: with 4+ days in the year). Like
     * MySQL, the 'first weekday' bit is inverted for Sunday-first modes. */
    mode &= 7;
    if (!(mode & 1))
        mode ^= 4;
    bool monday_first = mode & 1, week_year = mode & 2, first_weekday = mode & 4;
    int64_t daynr = mytime_daynr(t->year, t->month, t->day);
    int64_t first_daynr = mytime_daynr(t->year, 1, 1);
    int weekday = (int)((first_daynr + 5 + (monday_first ? 0 : 1)) % 7);
    int y = t->year;
    if (t->month == 1 && t->day <= 7 - weekday) {
        if (!week_year && ((first_weekday && weekday != 0) || (!first_weekday && weekday >= 4))) {
            *year = y;
            return 0;
        }
        week_year = true;
        y--;
        int days = days_in_year(y);
        first_daynr -= days;
        weekday = (weekday + 53 * 7 - days) % 7;
    }
    int64_t days;
    if ((first_weekday && weekday != 0) || (!first_weekday && weekday >= 4))
        days = daynr - (first_daynr + (7 - weekday));
    else
        days = daynr - (first_daynr - weekday);
    if (week_year && days >= 52 * 7) {
        weekday = (weekday + days_in_year(y)) % 7;
        if ((!first_weekday && weekday < 4) || (first_weekday && weekday == 0)) {
            *year = y + 1;
            return 1;
        }
    }
    *year = y;
    return (int)(days / 7 + 1);
}

int64_t mytime_to_unix(const mytime_t *t)
{
    int64_t days = days_from_civil(t->year, t->month, t->day);
    return days * 86400 + t->hour * 3600 + t->minute * 60 + t->second;
}

mytime_t mytime_from_unix(int64_t sec, uint32_t usec)
{
    int64_t days = sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400);
    int64_t rem = sec - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    mytime_t t = {(uint16_t)y,
                  (uint8_t)m,
                  (uint8_t)d,
                  (uint8_t)(rem / 3600),
                  (uint8_t)(rem / 60 % 60),
                  (uint8_t)(rem % 60),
                  usec};
    return t;
}

types_status_t mytime_ts_check(const mytime_t *utc)
{
    if (utc->year == 0 && utc->month == 0 && utc->day == 0 && utc->hour == 0 && utc->minute == 0 &&
        utc->second == 0 && utc->usec == 0)
        return TYPES_OK;
    if (utc->month == 0 || utc->day == 0)
        return TYPES_OUT_OF_RANGE;
    int64_t s = mytime_to_unix(utc);
    return s >= 1 && s <= INT32_MAX ? TYPES_OK : TYPES_OUT_OF_RANGE;
}

static void zero(mytime_t *t)
{
    memset(t, 0, sizeof *t);
}

types_status_t mytime_check(mytime_t *t, types_sqlmode_t mode)
{
    if (t->year > 9999 || t->month > 12 || t->day > 31 || t->hour > 23 || t->minute > 59 ||
        t->second > 59 || t->usec > 999999) {
        zero(t);
        return TYPES_BAD_VALUE;
    }
    if (t->year == 0 && t->month == 0 && t->day == 0) {
        if (mode & TYPES_MODE_NO_ZERO_DATE) {
            zero(t);
            return TYPES_ZERO_DATE;
        }
        return TYPES_OK;
    }
    if (t->month == 0 || t->day == 0) {
        if (mode & TYPES_MODE_NO_ZERO_IN_DATE) {
            zero(t);
            return TYPES_ZERO_DATE;
        }
        return TYPES_OK;
    }
    if (!(mode & TYPES_MODE_ALLOW_INVALID_DATES) &&
        t->day > mytime_days_in_month(t->year, t->month)) {
        zero(t);
        return TYPES_BAD_VALUE;
    }
    return TYPES_OK;
}

/* Adds one second to t, carrying into minutes, hours and days. */
static types_status_t add_second(mytime_t *t)
{
    if (++t->second < 60)
        return TYPES_OK;
    t->second = 0;
    if (++t->minute < 60)
        return TYPES_OK;
    t->minute = 0;
    if (++t->hour < 24)
        return TYPES_OK;
    t->hour = 0;
    if (t->month == 0 || t->day == 0) {
        t->day++;
        return TYPES_OK;
    }
    if (t->day < mytime_days_in_month(t->year, t->month)) {
        t->day++;
        return TYPES_OK;
    }
    t->day = 1;
    if (++t->month <= 12)
        return TYPES_OK;
    t->month = 1;
    if (++t->year <= 9999)
        return TYPES_OK;
    *t = (mytime_t){9999, 12, 31, 23, 59, 59, 999999};
    return TYPES_OUT_OF_RANGE;
}

types_status_t mytime_round_fsp(mytime_t *t, int fsp, bool truncate)
{
    if (fsp < 0)
        fsp = 0;
    if (fsp >= 6)
        return TYPES_OK;
    uint32_t f = pow10_u32[6 - fsp];
    uint32_t r = t->usec % f;
    t->usec -= r;
    if (!truncate && r * 2 >= f) {
        t->usec += f;
        if (t->usec >= 1000000) {
            t->usec -= 1000000;
            types_status_t st = add_second(t);
            if (st != TYPES_OK) {
                t->usec -= t->usec % f;
                return st;
            }
        }
    }
    return TYPES_OK;
}

size_t mytime_format(const mytime_t *t, mytime_kind_t kind, int fsp, char *buf)
{
    int n;
    if (kind == MYTIME_DATE)
        return (size_t)snprintf(buf, MYTIME_STR_MAX, "%04d-%02d-%02d", t->year, t->month, t->day);
    n = snprintf(buf, MYTIME_STR_MAX, "%04d-%02d-%02d %02d:%02d:%02d", t->year, t->month, t->day,
                 t->hour, t->minute, t->second);
    if (fsp > 0) {
        if (fsp > 6)
            fsp = 6;
        n += snprintf(buf + n, MYTIME_STR_MAX - (size_t)n, ".%0*u", fsp,
                      (unsigned)(t->usec / pow10_u32[6 - fsp]));
    }
    return (size_t)n;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_punct(char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

/* Rounds the fraction digits s[0..n) to fsp digits: microseconds, and whether a
 * carry into the seconds happened. */
static uint32_t frac_usec(const char *s, size_t n, int fsp, bool truncate, bool *carry)
{
    uint32_t us = 0;
    for (size_t i = 0; i < 6; i++)
        us = us * 10 + (i < n ? (uint32_t)(s[i] - '0') : 0);
    if (fsp > 6)
        fsp = 6;
    if (fsp < 0)
        fsp = 0;
    uint32_t f = pow10_u32[6 - fsp];
    uint32_t kept = us - us % f;
    /* The first dropped digit decides rounding. */
    int next = (size_t)fsp < n ? s[fsp] - '0' : 0;
    *carry = false;
    if (!truncate && next >= 5) {
        kept += f;
        if (kept >= 1000000) {
            kept -= 1000000;
            *carry = true;
        }
    }
    return kept;
}

static int two_digit_year(int y)
{
    return y < 70 ? 2000 + y : 1900 + y;
}

types_status_t mytime_parse(const char *s, size_t len, mytime_kind_t kind, int fsp,
                            types_sqlmode_t mode, mytime_t *out)
{
    bool trunc_frac = (mode & TYPES_MODE_TIME_TRUNCATE_FRACTIONAL) != 0;
    size_t i = 0;
    mytime_t t;
    zero(&t);
    zero(out);
    while (i < len && is_space(s[i]))
        i++;
    size_t d0 = i;
    while (i < len && is_digit(s[i]))
        i++;
    size_t ndig = i - d0;
    uint32_t f[6] = {0, 0, 0, 0, 0, 0};
    int nf = 0;
    bool year2 = false;
    const char *frac = NULL;
    size_t nfrac = 0;
    if (ndig == 0)
        return TYPES_BAD_VALUE;
    if ((i == len || s[i] == '.' || is_space(s[i])) && ndig >= 5) {
        /* Digits only: YYYYMMDD[HHMMSS] or YYMMDD[HHMMSS]. */
        int ylen = (ndig == 8 || ndig >= 14) ? 4 : 2;
        size_t p = d0;
        for (int k = 0; k < 6 && p < d0 + ndig; k++) {
            int w = k == 0 ? ylen : 2;
            uint32_t v = 0;
            for (int j = 0; j < w && p < d0 + ndig; j++)
                v = v * 10 + (uint32_t)(s[p++] - '0');
            f[nf++] = v;
        }
        if (p < d0 + ndig || nf < 3)
            return TYPES_BAD_VALUE;
        year2 = ylen == 2;
        if (i < len && s[i] == '.' && nf == 6) {
            size_t j = ++i;
            while (i < len && is_digit(s[i]))
                i++;
            frac = s + j;
            nfrac = i - j;
        }
    } else {
        /* Delimited fields. */
        i = d0;
        size_t dstart = 0;
        while (nf < 6) {
            size_t st = i;
            while (i < len && is_digit(s[i]))
                i++;
            size_t n = i - st;
            if (n == 0)
                break;
            if ((nf == 0 && n > 4) || (nf > 0 && n > 2))
                return TYPES_BAD_VALUE;
            if (nf == 0)
                year2 = n == 2;
            uint32_t v = 0;
            for (size_t j = st; j < i; j++)
                v = v * 10 + (uint32_t)(s[j] - '0');
            f[nf++] = v;
            if (i >= len)
                break;
            dstart = i;
            if (nf == 3) {
                /* Between date and time: spaces and/or one 'T'. */
                size_t j = i;
                while (j < len && is_space(s[j]))
                    j++;
                if (j == i && j < len && (s[j] == 'T' || s[j] == 't'))
                    j++;
                if (j == i || j >= len || !is_digit(s[j]))
                    break;
                i = j;
            } else if (nf == 6) {
                break;
            } else {
                /* Exactly one punctuation character between fields. */
                size_t j = i;
                if (j < len && is_punct(s[j]))
                    j++;
                if (j == i || j >= len || !is_digit(s[j])) {
                    i = dstart;
                    break;
                }
                i = j;
            }
        }
        if (nf < 3)
            return TYPES_BAD_VALUE;
        if (nf >= 4 && i < len && s[i] == '.' && i + 1 < len && is_digit(s[i + 1])) {
            /* The fraction follows the last time field given. */
            size_t j = ++i;
            while (i < len && is_digit(s[i]))
                i++;
            frac = s + j;
            nfrac = i - j;
        }
    }
    types_status_t st = TYPES_OK;
    size_t rest = i;
    while (rest < len && is_space(s[rest]))
        rest++;
    if (rest < len)
        st = TYPES_TRUNCATED;
    t.year = (uint16_t)(year2 ? (uint32_t)two_digit_year((int)f[0]) : f[0]);
    if (year2 && f[0] == 0 && f[1] == 0 && f[2] == 0)
        t.year = 0;
    if (f[1] > 12 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59)
        return TYPES_BAD_VALUE;
    t.month = (uint8_t)f[1];
    t.day = (uint8_t)f[2];
    t.hour = (uint8_t)f[3];
    t.minute = (uint8_t)f[4];
    t.second = (uint8_t)f[5];
    bool carry = false;
    if (frac && kind != MYTIME_DATE)
        t.usec = frac_usec(frac, nfrac, fsp, trunc_frac, &carry);
    types_status_t cs = mytime_check(&t, mode);
    if (cs != TYPES_OK)
        return cs;
    if (carry && add_second(&t) != TYPES_OK)
        return TYPES_BAD_VALUE;
    if (kind == MYTIME_DATE) {
        if (t.hour || t.minute || t.second || t.usec)
            st = types_status_worse(st, TYPES_TRUNCATED);
        t.hour = t.minute = t.second = 0;
        t.usec = 0;
    }
    *out = t;
    return st;
}

types_status_t mytime_from_int(int64_t v, mytime_kind_t kind, types_sqlmode_t mode, mytime_t *out)
{
    zero(out);
    if (v == 0)
        return mytime_check(out, mode);
    if (v < 0)
        return TYPES_BAD_VALUE;
    int64_t date, tod = 0;
    if (v <= 99991231) {
        if (v < 101 || (v > 691231 && v < 700101) || (v > 991231 && v < 10000101))
            return TYPES_BAD_VALUE;
        date = v <= 691231 ? v + 20000000 : (v <= 991231 ? v + 19000000 : v);
    } else {
        if (v < 101000000 || (v > 691231235959 && v < 700101000000) ||
            (v > 991231235959 && v < 10000101000000) || v > 99991231235959)
            return TYPES_BAD_VALUE;
        int64_t full =
            v <= 691231235959 ? v + 20000000000000 : (v <= 991231235959 ? v + 19000000000000 : v);
        date = full / 1000000;
        tod = full % 1000000;
    }
    mytime_t t = {(uint16_t)(date / 10000),
                  (uint8_t)(date / 100 % 100),
                  (uint8_t)(date % 100),
                  (uint8_t)(tod / 10000),
                  (uint8_t)(tod / 100 % 100),
                  (uint8_t)(tod % 100),
                  0};
    if (t.hour > 23 || t.minute > 59 || t.second > 59 || t.month > 12 || t.day > 31)
        return TYPES_BAD_VALUE;
    types_status_t st = mytime_check(&t, mode);
    if (st != TYPES_OK)
        return st;
    if (kind == MYTIME_DATE && tod != 0) {
        t.hour = t.minute = t.second = 0;
        st = TYPES_TRUNCATED;
    }
    *out = t;
    return st;
}

int64_t mytime_to_int(const mytime_t *t, mytime_kind_t kind)
{
    int64_t d = (int64_t)t->year * 10000 + t->month * 100 + t->day;
    if (kind == MYTIME_DATE)
        return d;
    return d * 1000000 + t->hour * 10000 + t->minute * 100 + t->second;
}

types_status_t mytime_year_from_int(int64_t v, int *year)
{
    if (v == 0) {
        *year = 0;
        return TYPES_OK;
    }
    if (v >= 1 && v <= 69) {
        *year = (int)v + 2000;
        return TYPES_OK;
    }
    if (v >= 70 && v <= 99) {
        *year = (int)v + 1900;
        return TYPES_OK;
    }
    if (v >= 1901 && v <= 2155) {
        *year = (int)v;
        return TYPES_OK;
    }
    *year = 0;
    return TYPES_OUT_OF_RANGE;
}

types_status_t mytime_year_parse(const char *s, size_t len, int *year)
{
    size_t i = 0;
    while (i < len && is_space(s[i]))
        i++;
    size_t st = i;
    int64_t v = 0;
    while (i < len && is_digit(s[i]) && i - st < 10)
        v = v * 10 + (s[i++] - '0');
    if (i == st) {
        *year = 0;
        return TYPES_BAD_VALUE;
    }
    size_t nd = i - st;
    while (i < len && is_space(s[i]))
        i++;
    types_status_t r;
    if (v == 0 && nd <= 2) {
        *year = 2000;
        r = TYPES_OK;
    } else {
        r = mytime_year_from_int(v, year);
    }
    if (r == TYPES_OK && i < len)
        r = TYPES_TRUNCATED;
    return r;
}
