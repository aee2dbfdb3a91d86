/* mytime_interval.c - INTERVAL values (all MySQL units) and DATE_ADD/DATE_SUB arithmetic. */
#include "types/mytime.h"

#include <string.h>
#include <strings.h>

static const char *const unit_names[] = {
    "MICROSECOND",
    "SECOND",
    "MINUTE",
    "HOUR",
    "DAY",
    "WEEK",
    "MONTH",
    "QUARTER",
    "YEAR",
    "SECOND_MICROSECOND",
    "MINUTE_MICROSECOND",
    "MINUTE_SECOND",
    "HOUR_MICROSECOND",
    "HOUR_SECOND",
    "HOUR_MINUTE",
    "DAY_MICROSECOND",
    "DAY_SECOND",
    "DAY_MINUTE",
    "DAY_HOUR",
    "YEAR_MONTH",
};

int mytime_unit_from_name(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++)
        if (strlen(unit_names[i]) == len && strncasecmp(unit_names[i], name, len) == 0)
            return (int)i;
    return -1;
}

const char *mytime_unit_name(mytime_unit_t unit)
{
    return unit_names[unit];
}

/* Field slots of an interval, in order from most to least significant. */
enum { F_YEAR, F_MONTH, F_DAY, F_HOUR, F_MINUTE, F_SECOND, F_USEC };

/* The fields a compound unit is written with: first slot and count. */
static void unit_fields(mytime_unit_t u, int *first, int *count)
{
    switch (u) {
    case MYTIME_UNIT_SECOND_MICROSECOND:
        *first = F_SECOND, *count = 2;
        break;
    case MYTIME_UNIT_MINUTE_MICROSECOND:
        *first = F_MINUTE, *count = 3;
        break;
    case MYTIME_UNIT_MINUTE_SECOND:
        *first = F_MINUTE, *count = 2;
        break;
    case MYTIME_UNIT_HOUR_MICROSECOND:
        *first = F_HOUR, *count = 4;
        break;
    case MYTIME_UNIT_HOUR_SECOND:
        *first = F_HOUR, *count = 3;
        break;
    case MYTIME_UNIT_HOUR_MINUTE:
        *first = F_HOUR, *count = 2;
        break;
    case MYTIME_UNIT_DAY_MICROSECOND:
        *first = F_DAY, *count = 5;
        break;
    case MYTIME_UNIT_DAY_SECOND:
        *first = F_DAY, *count = 4;
        break;
    case MYTIME_UNIT_DAY_MINUTE:
        *first = F_DAY, *count = 3;
        break;
    case MYTIME_UNIT_DAY_HOUR:
        *first = F_DAY, *count = 2;
        break;
    case MYTIME_UNIT_YEAR_MONTH:
        *first = F_YEAR, *count = 2;
        break;
    default:
        *first = -1, *count = 0;
        break;
    }
}

static void set_slot(mytime_interval_t *iv, int slot, int64_t v)
{
    switch (slot) {
    case F_YEAR:
        iv->year = v;
        break;
    case F_MONTH:
        iv->month = v;
        break;
    case F_DAY:
        iv->day = v;
        break;
    case F_HOUR:
        iv->hour = v;
        break;
    case F_MINUTE:
        iv->minute = v;
        break;
    case F_SECOND:
        iv->second = v;
        break;
    default:
        iv->usec = v;
        break;
    }
}

mytime_interval_t mytime_interval_from_int(int64_t n, mytime_unit_t unit)
{
    mytime_interval_t iv;
    memset(&iv, 0, sizeof iv);
    iv.neg = n < 0;
    int64_t v = n < 0 ? -n : n;
    int first, count;
    switch (unit) {
    case MYTIME_UNIT_MICROSECOND:
        iv.usec = v;
        break;
    case MYTIME_UNIT_SECOND:
        iv.second = v;
        break;
    case MYTIME_UNIT_MINUTE:
        iv.minute = v;
        break;
    case MYTIME_UNIT_HOUR:
        iv.hour = v;
        break;
    case MYTIME_UNIT_DAY:
        iv.day = v;
        break;
    case MYTIME_UNIT_WEEK:
        iv.day = v * 7;
        break;
    case MYTIME_UNIT_MONTH:
        iv.month = v;
        break;
    case MYTIME_UNIT_QUARTER:
        iv.month = v * 3;
        break;
    case MYTIME_UNIT_YEAR:
        iv.year = v;
        break;
    default:
        /* A bare number for a compound unit fills its last field. */
        unit_fields(unit, &first, &count);
        set_slot(&iv, first + count - 1, v);
        break;
    }
    return iv;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

types_status_t mytime_interval_parse(const char *s, size_t len, mytime_unit_t unit,
                                     mytime_interval_t *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    bool neg = false;
    if (i < len && s[i] == '-') {
        neg = true;
        i++;
    }
    int first, count;
    unit_fields(unit, &first, &count);
    if (count == 0) {
        /* Single unit: a number; SECOND keeps six fraction digits, others round. */
        int64_t v = 0, usec = 0;
        size_t st = i;
        while (i < len && is_digit(s[i]))
            v = v * 10 + (s[i++] - '0');
        size_t nint = i - st;
        int fd = 0;
        if (i < len && s[i] == '.') {
            i++;
            for (; i < len && is_digit(s[i]); i++, fd++) {
                if (fd < 6)
                    usec = usec * 10 + (s[i] - '0');
            }
        }
        if (nint == 0 && fd == 0)
            return TYPES_BAD_VALUE;
        static const int64_t scale[7] = {1000000, 100000, 10000, 1000, 100, 10, 1};
        usec *= scale[fd < 6 ? fd : 6];
        types_status_t st2 = i < len ? TYPES_TRUNCATED : TYPES_OK;
        *out = mytime_interval_from_int(v, unit);
        if (unit == MYTIME_UNIT_SECOND)
            out->usec = usec;
        out->neg = neg;
        return st2;
    }
    int64_t vals[5];
    int ndig[5];
    int n = 0;
    while (i < len) {
        if (!is_digit(s[i])) {
            i++;
            continue;
        }
        if (n == count)
            return TYPES_BAD_VALUE;
        int64_t v = 0;
        int nd = 0;
        while (i < len && is_digit(s[i])) {
            if (nd < 18)
                v = v * 10 + (s[i] - '0');
            nd++;
            i++;
        }
        vals[n] = v;
        ndig[n] = nd;
        n++;
    }
    if (n == 0)
        return TYPES_BAD_VALUE;
    /* Missing fields are the leftmost ones. */
    int start = first + count - n;
    for (int k = 0; k < n; k++) {
        int slot = start + k;
        int64_t v = vals[k];
        if (slot == F_USEC && ndig[k] < 6) {
            static const int64_t scale[6] = {1000000, 100000, 10000, 1000, 100, 10};
            v *= scale[ndig[k]];
        }
        set_slot(out, slot, v);
    }
    out->neg = neg;
    return TYPES_OK;
}

types_status_t mytime_add_interval(mytime_t *t, const mytime_interval_t *iv, bool subtract)
{
    bool neg = iv->neg != subtract;
    int64_t sign = neg ? -1 : 1;
    if (t->month == 0 || t->day == 0)
        return TYPES_BAD_VALUE;
    if (iv->year || iv->month) {
        int64_t months =
            (int64_t)t->year * 12 + (t->month - 1) + sign * (iv->year * 12 + iv->month);
        if (months < 0 || months >= 10000 * 12)
            return TYPES_OUT_OF_RANGE;
        t->year = (uint16_t)(months / 12);
        t->month = (uint8_t)(months % 12 + 1);
        int dim = mytime_days_in_month(t->year, t->month);
        if (t->day > dim)
            t->day = (uint8_t)dim;
    }
    if (iv->day || iv->hour || iv->minute || iv->second || iv->usec) {
        /* Interval parts can be large; check before combining. */
        const int64_t lim = (int64_t)1 << 40;
        if (iv->day > lim || iv->hour > lim || iv->minute > lim || iv->second > lim ||
            iv->usec > ((int64_t)1 << 60))
            return TYPES_OUT_OF_RANGE;
        __int128 delta =
            ((((__int128)iv->day * 24 + iv->hour) * 60 + iv->minute) * 60 + iv->second) * 1000000 +
            iv->usec;
        __int128 cur =
            ((((__int128)mytime_daynr(t->year, t->month, t->day) * 24 + t->hour) * 60 + t->minute) *
                 60 +
             t->second) *
                1000000 +
            t->usec;
        __int128 r = cur + sign * delta;
        const __int128 day_us = (__int128)86400 * 1000000;
        __int128 daynr = r / day_us;
        __int128 rem = r % day_us;
        if (r < 0 || daynr < mytime_daynr(0, 1, 1) || daynr > mytime_daynr(9999, 12, 31))
            return TYPES_OUT_OF_RANGE;
        int y, m, d;
        mytime_from_daynr((int64_t)daynr, &y, &m, &d);
        int64_t rs = (int64_t)(rem / 1000000);
        t->year = (uint16_t)y;
        t->month = (uint8_t)m;
        t->day = (uint8_t)d;
        t->hour = (uint8_t)(rs / 3600);
        t->minute = (uint8_t)(rs / 60 % 60);
        t->second = (uint8_t)(rs % 60);
        t->usec = (uint32_t)(rem % 1000000);
    }
    return TYPES_OK;
}

types_status_t mytime_timestampdiff(mytime_unit_t unit, const mytime_t *a, const mytime_t *b,
                                    int64_t *out)
{
    *out = 0;
    if (a->month == 0 || a->day == 0 || b->month == 0 || b->day == 0)
        return TYPES_BAD_VALUE;
    int64_t ta = (((int64_t)a->hour * 60 + a->minute) * 60 + a->second) * 1000000 + a->usec;
    int64_t tb = (((int64_t)b->hour * 60 + b->minute) * 60 + b->second) * 1000000 + b->usec;
    if (unit == MYTIME_UNIT_MONTH || unit == MYTIME_UNIT_QUARTER || unit == MYTIME_UNIT_YEAR) {
        int64_t months = ((int64_t)b->year * 12 + b->month) - ((int64_t)a->year * 12 + a->month);
        /* Day and time of month, compared to see whether the last month is whole. */
        int64_t ra = (int64_t)a->day * 86400000000LL + ta,
                rb = (int64_t)b->day * 86400000000LL + tb;
        if (months > 0 && rb < ra)
            months--;
        else if (months < 0 && rb > ra)
            months++;
        *out = unit == MYTIME_UNIT_MONTH ? months
                                         : (unit == MYTIME_UNIT_QUARTER ? months / 3 : months / 12);
        return TYPES_OK;
    }
    int64_t us =
        (mytime_daynr(b->year, b->month, b->day) - mytime_daynr(a->year, a->month, a->day)) *
            86400000000LL +
        (tb - ta);
    static const int64_t size[] = {
        1, 1000000, 60000000, 3600000000LL, 86400000000LL, 604800000000LL};
    if (unit > MYTIME_UNIT_WEEK)
        return TYPES_BAD_VALUE;
    *out = us / size[unit];
    return TYPES_OK;
}

/* Microseconds of the day-and-smaller parts of an interval; false if too large. */
static bool interval_usec(const mytime_interval_t *iv, __int128 *out)
{
    const int64_t lim = (int64_t)1 << 40;
    if (iv->day > lim || iv->hour > lim || iv->minute > lim || iv->second > lim ||
        iv->usec > ((int64_t)1 << 60))
        return false;
    *out = ((((__int128)iv->day * 24 + iv->hour) * 60 + iv->minute) * 60 + iv->second) * 1000000 +
           iv->usec;
    return true;
}

types_status_t mytime_dur_add_interval(int64_t *dur, const mytime_interval_t *iv, bool subtract)
{
    if (iv->year || iv->month)
        return TYPES_BAD_VALUE;
    __int128 delta;
    if (!interval_usec(iv, &delta))
        return TYPES_OUT_OF_RANGE;
    __int128 r = (__int128)*dur + ((iv->neg != subtract) ? -delta : delta);
    if (r > MYTIME_DUR_MAX || r < -MYTIME_DUR_MAX)
        return TYPES_OUT_OF_RANGE;
    *dur = (int64_t)r;
    return TYPES_OK;
}

static __int128 abs_usec(const mytime_t *t)
{
    return ((((__int128)mytime_daynr(t->year, t->month, t->day) * 24 + t->hour) * 60 + t->minute) *
                60 +
            t->second) *
               1000000 +
           t->usec;
}

types_status_t mytime_timediff(const mytime_t *a, const mytime_t *b, int64_t *out)
{
    __int128 d = abs_usec(a) - abs_usec(b);
    if (d > MYTIME_DUR_MAX || d < -MYTIME_DUR_MAX) {
        *out = d > 0 ? MYTIME_DUR_MAX : -MYTIME_DUR_MAX;
        return TYPES_OUT_OF_RANGE;
    }
    *out = (int64_t)d;
    return TYPES_OK;
}

types_status_t mytime_add_duration(mytime_t *t, int64_t dur)
{
    mytime_interval_t iv;
    memset(&iv, 0, sizeof iv);
    iv.neg = dur < 0;
    uint64_t mag = dur < 0 ? (uint64_t)0 - (uint64_t)dur : (uint64_t)dur;
    iv.second = (int64_t)(mag / 1000000);
    iv.usec = (int64_t)(mag % 1000000);
    return mytime_add_interval(t, &iv, false);
}
