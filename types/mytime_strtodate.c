/* mytime_strtodate.c - STR_TO_DATE(): reading a date/time with a DATE_FORMAT-style pattern. */
#include <string.h>
#include <strings.h>

#include "types/mytime.h"

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
static const char *const day_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

typedef struct scan {
    const char *s;
    size_t len, pos;
    int year, month, day, hour, minute, second, usec, yday;
    int pm;      /* -1 none, 0 AM, 1 PM */
    bool hour12; /* hour came from %h %I %l */
    bool year2;  /* year came from a 2-digit field */
    int parts;
} scan_t;

/* Reads 1..max digits; returns -1 when there is none. */
static int read_num(scan_t *sc, int max, int *ndig)
{
    int v = 0, n = 0;
    while (sc->pos < sc->len && n < max && sc->s[sc->pos] >= '0' && sc->s[sc->pos] <= '9') {
        v = v * 10 + (sc->s[sc->pos++] - '0');
        n++;
    }
    if (ndig)
        *ndig = n;
    return n ? v : -1;
}

/* Matches one of names (full, or the first 3 letters when abbrev); index or -1. */
static int read_name(scan_t *sc, const char *const *names, int count, bool abbrev)
{
    for (int i = 0; i < count; i++) {
        size_t n = abbrev ? 3 : strlen(names[i]);
        if (sc->len - sc->pos >= n && strncasecmp(sc->s + sc->pos, names[i], n) == 0) {
            sc->pos += n;
            return i;
        }
    }
    return -1;
}

static int scan_fmt(scan_t *sc, const char *fmt, size_t fmt_len);

/* One specifier; 0, or -1 when the text does not match. */
static int scan_spec(scan_t *sc, char c)
{
    int v, nd;
    switch (c) {
    case 'Y':
        if ((v = read_num(sc, 4, &nd)) < 0)
            return -1;
        sc->year = v;
        sc->year2 = nd <= 2;
        sc->parts |= MYTIME_FMT_DATE;
        return 0;
    case 'y':
        if ((v = read_num(sc, 2, NULL)) < 0)
            return -1;
        sc->year = v;
        sc->year2 = true;
        sc->parts |= MYTIME_FMT_DATE;
        return 0;
    case 'm':
    case 'c':
        if ((v = read_num(sc, 2, NULL)) < 0 || v > 12)
            return -1;
        sc->month = v;
        sc->parts |= MYTIME_FMT_DATE;
        return 0;
    case 'd':
    case 'e':
        if ((v = read_num(sc, 2, NULL)) < 0 || v > 31)
            return -1;
        sc->day = v;
        sc->parts |= MYTIME_FMT_DATE;
        return 0;
    case 'j':
        if ((v = read_num(sc, 3, NULL)) < 1 || v > 366)
            return -1;
        sc->yday = v;
        sc->parts |= MYTIME_FMT_DATE;
        return 0;
    case 'M':
    case 'b':
        if ((v = read_name(sc, month_names, 12, c == 'b')) < 0)
            return -1;
        sc->month = v + 1;
        sc->parts |= MYTIME_FMT_DATE;
        return 0;
    case 'W':
    case 'a':
        if (read_name(sc, day_names, 7, c == 'a') < 0)
            return -1;
        sc->parts |= MYTIME_FMT_DATE;
        return 0;
    case 'H':
    case 'k':
        if ((v = read_num(sc, 2, NULL)) < 0 || v > 23)
            return -1;
        sc->hour = v;
        sc->parts |= MYTIME_FMT_TIME;
        return 0;
    case 'h':
    case 'I':
    case 'l':
        if ((v = read_num(sc, 2, NULL)) < 1 || v > 12)
            return -1;
        sc->hour = v;
        sc->hour12 = true;
        sc->parts |= MYTIME_FMT_TIME;
        return 0;
    case 'i':
        if ((v = read_num(sc, 2, NULL)) < 0 || v > 59)
            return -1;
        sc->minute = v;
        sc->parts |= MYTIME_FMT_TIME;
        return 0;
    case 's':
    case 'S':
        if ((v = read_num(sc, 2, NULL)) < 0 || v > 59)
            return -1;
        sc->second = v;
        sc->parts |= MYTIME_FMT_TIME;
        return 0;
    case 'f': {
        if ((v = read_num(sc, 6, &nd)) < 0)
            return -1;
        for (; nd < 6; nd++)
            v *= 10;
        sc->usec = v;
        sc->parts |= MYTIME_FMT_TIME;
        return 0;
    }
    case 'p':
        if (sc->len - sc->pos >= 2 && strncasecmp(sc->s + sc->pos, "AM", 2) == 0)
            sc->pm = 0;
        else if (sc->len - sc->pos >= 2 && strncasecmp(sc->s + sc->pos, "PM", 2) == 0)
            sc->pm = 1;
        else
            return -1;
        sc->pos += 2;
        sc->parts |= MYTIME_FMT_TIME;
        return 0;
    case 'r':
        return scan_fmt(sc, "%I:%i:%S %p", 11);
    case 'T':
        return scan_fmt(sc, "%H:%i:%S", 8);
    case '%':
        if (sc->pos < sc->len && sc->s[sc->pos] == '%') {
            sc->pos++;
            return 0;
        }
        return -1;
    default:
        return -1; /* week specifiers and unknown ones */
    }
}

/* Returns 0, or -1 on a mismatch. Stops quietly where the text ends. */
static int scan_fmt(scan_t *sc, const char *fmt, size_t fmt_len)
{
    size_t j = 0;
    while (j < fmt_len) {
        if (is_space(fmt[j])) {
            while (j < fmt_len && is_space(fmt[j]))
                j++;
            while (sc->pos < sc->len && is_space(sc->s[sc->pos]))
                sc->pos++;
            continue;
        }
        if (sc->pos >= sc->len)
            return 0;
        if (fmt[j] == '%' && j + 1 < fmt_len) {
            if (scan_spec(sc, fmt[j + 1]))
                return -1;
            j += 2;
            continue;
        }
        if (sc->s[sc->pos] != fmt[j])
            return -1;
        sc->pos++;
        j++;
    }
    return 0;
}

types_status_t mytime_str_to_date(const char *s, size_t len, const char *fmt, size_t fmt_len,
                                  mytime_t *out, int *parts)
{
    scan_t sc;
    memset(&sc, 0, sizeof sc);
    memset(out, 0, sizeof *out);
    sc.s = s;
    sc.len = len;
    sc.pm = -1;
    while (sc.pos < len && is_space(s[sc.pos]))
        sc.pos++;
    *parts = 0;
    if (scan_fmt(&sc, fmt, fmt_len))
        return TYPES_BAD_VALUE;
    *parts = sc.parts;
    if (sc.year2)
        sc.year = sc.year < 70 ? 2000 + sc.year : 1900 + sc.year;
    if (sc.hour12) {
        if (sc.hour == 12)
            sc.hour = 0;
        if (sc.pm == 1)
            sc.hour += 12;
    } else if (sc.pm == 1 && sc.hour < 12) {
        sc.hour += 12;
    }
    if (sc.yday) {
        int64_t nr = mytime_daynr(sc.year, 1, 1) + sc.yday - 1;
        int y, m, d;
        mytime_from_daynr(nr, &y, &m, &d);
        sc.year = y; /* day 366 of a common year is January 1st of the next */
        sc.month = m;
        sc.day = d;
    }
    out->year = (uint16_t)sc.year;
    out->month = (uint8_t)sc.month;
    out->day = (uint8_t)sc.day;
    out->hour = (uint8_t)sc.hour;
    out->minute = (uint8_t)sc.minute;
    out->second = (uint8_t)sc.second;
    out->usec = (uint32_t)sc.usec;
    size_t rest = sc.pos;
    while (rest < len && is_space(s[rest]))
        rest++;
    return rest < len ? TYPES_TRUNCATED : TYPES_OK;
}
