/* mytime.h - MySQL DATE, DATETIME, TIMESTAMP, TIME and YEAR: parsing, checks, formatting,
 * arithmetic, time zones. */
#ifndef DUET_TYPES_MYTIME_H
#define DUET_TYPES_MYTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "types/sqlmode.h"
#include "types/status.h"

/* Thread safety: all functions may be called from any thread; the time zone
 * cache (mytime_tz_get) has its own lock. */

/*
 * mytime_t: a broken-down DATE / DATETIME / TIMESTAMP value. Zero parts are
 * allowed ('0000-00-00', '2020-00-10') because MySQL keeps them when sql_mode
 * allows. TIMESTAMP values are held in UTC by storage and converted with a time
 * zone at the edges (mytime_utc_to_local / mytime_local_to_utc).
 */
typedef struct mytime {
    uint16_t year; /* 0..9999 */
    uint8_t month; /* 0..12 */
    uint8_t day;   /* 0..31 */
    uint8_t hour, minute, second;
    uint32_t usec; /* 0..999999 */
} mytime_t;

/* "YYYY-MM-DD HH:MM:SS.ffffff" plus NUL; also fits "-838:59:59.000000". */
#define MYTIME_STR_MAX 32

/* Which of the three date types a parse or print is for: DATE drops the time part. */
typedef enum mytime_kind {
    MYTIME_DATE,
    MYTIME_DATETIME,
    MYTIME_TIMESTAMP,
} mytime_kind_t;

/*
 * mytime_pack: the 64-bit form used by chunks, row values and comparisons:
 * year(14) month(4) day(5) hour(5) minute(6) second(6) usec(20), high to low.
 * Unsigned order of packed values is chronological order. mytime_unpack is the
 * inverse.
 */
uint64_t mytime_pack(const mytime_t *t);
mytime_t mytime_unpack(uint64_t packed);

/* mytime_cmp: -1, 0 or 1, chronological. */
int mytime_cmp(const mytime_t *a, const mytime_t *b);

/*
 * mytime_parse: reads a date/datetime string as MySQL does: leading spaces; either
 * delimited fields (any punctuation between date parts, 'T' or spaces before the
 * time, ':' or punctuation in the time, '.' before the fraction) or digits only
 * (YYYYMMDD[HHMMSS], YYMMDD[HHMMSS]: 8 and 14 digits take a 4-digit year, other
 * lengths a 2-digit one); years of exactly 2 digits map 00-69 to 2000-2069 and
 * 70-99 to 1970-1999 ('1-1-1' is year 1). The fraction is rounded half up to fsp digits (truncated
 * with TIME_TRUNCATE_FRACTIONAL), carrying into seconds and beyond. For MYTIME_DATE the time part
 * is dropped (TYPES_TRUNCATED if it was not zero). Returns TYPES_OK; TYPES_TRUNCATED when
 * characters follow the value; TYPES_BAD_VALUE (value all zero) for text that is not a date or a
 * date that does not exist (2021-02-30, unless ALLOW_INVALID_DATES, which still requires day <=
 * 31); TYPES_ZERO_DATE (value all zero) for a zero date under NO_ZERO_DATE or a zero month/day
 * under NO_ZERO_IN_DATE.
 */
types_status_t mytime_parse(const char *s, size_t len, mytime_kind_t kind, int fsp,
                            types_sqlmode_t mode, mytime_t *out);

/* mytime_from_int: a number as a date: YYYYMMDD, YYMMDD, YYYYMMDDHHMMSS or
 * YYMMDDHHMMSS (20200102, 200102, 20200102030405). 0 is the zero date. Statuses as
 * mytime_parse. */
types_status_t mytime_from_int(int64_t v, mytime_kind_t kind, types_sqlmode_t mode, mytime_t *out);

/* mytime_to_int: YYYYMMDD for a DATE, YYYYMMDDHHMMSS otherwise. */
int64_t mytime_to_int(const mytime_t *t, mytime_kind_t kind);

/* mytime_check: validates t's fields and sql_mode rules; same statuses as
 * mytime_parse (t is zeroed for BAD_VALUE and ZERO_DATE). */
types_status_t mytime_check(mytime_t *t, types_sqlmode_t mode);

/* mytime_round_fsp: rounds t's microseconds to fsp digits (half up, or truncated
 * when truncate is true), carrying. TYPES_OUT_OF_RANGE if the carry passes
 * 9999-12-31 23:59:59 (t is then left at 9999-12-31 23:59:59.999999 cut to fsp). */
types_status_t mytime_round_fsp(mytime_t *t, int fsp, bool truncate);

/* mytime_format: "YYYY-MM-DD" for DATE, "YYYY-MM-DD HH:MM:SS[.f]" with fsp (0..6)
 * fraction digits otherwise. buf holds MYTIME_STR_MAX. Returns the length. */
size_t mytime_format(const mytime_t *t, mytime_kind_t kind, int fsp, char *buf);

/* Calendar helpers (proleptic Gregorian, as MySQL's TO_DAYS for years >= 1). */
bool mytime_is_leap(int year);
int mytime_days_in_month(int year, int month); /* 0 for month 0 */
/* mytime_daynr: TO_DAYS(): days since year 0 (0001-01-01 is 366); 0 for the zero date. */
int64_t mytime_daynr(int year, int month, int day);
/* mytime_from_daynr: the inverse of mytime_daynr for daynr >= 366. */
void mytime_from_daynr(int64_t daynr, int *year, int *month, int *day);
/* mytime_weekday: 0 = Monday .. 6 = Sunday (WEEKDAY()). */
int mytime_weekday(int64_t daynr);
/* mytime_week: WEEK(t, mode) for mode 0..7; *year receives the week's year. */
int mytime_week(const mytime_t *t, int mode, int *year);

/* mytime_ts_check: TIMESTAMP's range for a UTC value: 1970-01-01 00:00:01 to
 * 2038-01-19 03:14:07.999999, or the zero value. TYPES_OK or TYPES_OUT_OF_RANGE
 * (the caller stores the zero value and raises 1292/1264 as MySQL does). */
types_status_t mytime_ts_check(const mytime_t *utc);

/* Unix seconds <-> UTC mytime (microseconds kept). */
int64_t mytime_to_unix(const mytime_t *utc);
mytime_t mytime_from_unix(int64_t sec, uint32_t usec);

/* ---- TIME (durations) ---- */

/* TIME values are signed microseconds, within +/- MYTIME_DUR_MAX. */
#define MYTIME_DUR_MAX ((int64_t)(838 * 3600 + 59 * 60 + 59) * 1000000)

/*
 * mytime_dur_parse: '[-][D ]HH:MM[:SS][.f]', '[-]HHMMSS[.f]', 'MMSS', 'SS', or a
 * full datetime whose time part is taken. Fraction rounded half up to fsp.
 * TYPES_OUT_OF_RANGE when beyond 838:59:59 (clipped); TYPES_BAD_VALUE (0) when not
 * a time or minutes/seconds are >= 60; TYPES_TRUNCATED for trailing characters.
 */
types_status_t mytime_dur_parse(const char *s, size_t len, int fsp, int64_t *out);

/* mytime_dur_from_int: [-]HHMMSS as a number (123456 = 12:34:56). */
types_status_t mytime_dur_from_int(int64_t v, int64_t *out);

/* mytime_dur_format: "[-]HH:MM:SS[.f]" with fsp digits (hours at least two
 * digits). Returns the length. */
size_t mytime_dur_format(int64_t dur, int fsp, char *buf);

/* mytime_dur_round_fsp: rounds half up to fsp digits, clipping to the range. */
int64_t mytime_dur_round_fsp(int64_t dur, int fsp);

/* ---- YEAR ---- */

/* mytime_year_from_int: YEAR column rules: 0 stays 0, 1..69 -> 2001..2069,
 * 70..99 -> 1970..1999, 1901..2155 as is; anything else TYPES_OUT_OF_RANGE. */
types_status_t mytime_year_from_int(int64_t v, int *year);
/* mytime_year_parse: as mytime_year_from_int, but the strings '0' and '00' are 2000. */
types_status_t mytime_year_parse(const char *s, size_t len, int *year);

/* ---- INTERVAL arithmetic ---- */

typedef enum mytime_unit {
    MYTIME_UNIT_MICROSECOND,
    MYTIME_UNIT_SECOND,
    MYTIME_UNIT_MINUTE,
    MYTIME_UNIT_HOUR,
    MYTIME_UNIT_DAY,
    MYTIME_UNIT_WEEK,
    MYTIME_UNIT_MONTH,
    MYTIME_UNIT_QUARTER,
    MYTIME_UNIT_YEAR,
    MYTIME_UNIT_SECOND_MICROSECOND,
    MYTIME_UNIT_MINUTE_MICROSECOND,
    MYTIME_UNIT_MINUTE_SECOND,
    MYTIME_UNIT_HOUR_MICROSECOND,
    MYTIME_UNIT_HOUR_SECOND,
    MYTIME_UNIT_HOUR_MINUTE,
    MYTIME_UNIT_DAY_MICROSECOND,
    MYTIME_UNIT_DAY_SECOND,
    MYTIME_UNIT_DAY_MINUTE,
    MYTIME_UNIT_DAY_HOUR,
    MYTIME_UNIT_YEAR_MONTH,
} mytime_unit_t;

typedef struct mytime_interval {
    bool neg;
    int64_t year, month, day, hour, minute, second, usec;
} mytime_interval_t;

/* mytime_unit_from_name: the unit named (case-insensitive "DAY_HOUR"), or -1. */
int mytime_unit_from_name(const char *name, size_t len);
/* mytime_unit_name: "DAY_HOUR" etc. */
const char *mytime_unit_name(mytime_unit_t unit);

/*
 * mytime_interval_parse: the value of INTERVAL 'text' unit: an optional '-', then
 * numbers separated by any non-digit characters; when fewer numbers are given
 * than the unit has fields the leftmost fields are taken as missing ('1:10'
 * DAY_SECOND is 1 minute 10 seconds). A microsecond field is scaled by its digit
 * count ('1.5' SECOND_MICROSECOND is 1.5 s). For single units the text is a
 * number (SECOND keeps a fraction; others drop it, as MySQL's string-to-integer
 * conversion does; callers round a DECIMAL argument before mytime_interval_from_int).
 * TYPES_BAD_VALUE when there are more numbers than fields or no number at all.
 */
types_status_t mytime_interval_parse(const char *s, size_t len, mytime_unit_t unit,
                                     mytime_interval_t *out);

/* mytime_interval_from_int: INTERVAL n unit for an integer n. */
mytime_interval_t mytime_interval_from_int(int64_t n, mytime_unit_t unit);

/*
 * mytime_add_interval: t + iv (or t - iv when subtract). Year/month units keep the
 * day, clipped to the month's last day (2020-01-31 + 1 MONTH = 2020-02-29);
 * others add exactly. TYPES_OUT_OF_RANGE when the result leaves
 * 0000-01-01..9999-12-31 (MySQL returns NULL with warning 1441); TYPES_BAD_VALUE
 * when t has a zero month or day (NULL too).
 */
types_status_t mytime_add_interval(mytime_t *t, const mytime_interval_t *iv, bool subtract);

/*
 * mytime_timestampdiff: TIMESTAMPDIFF(unit, a, b), i.e. b - a counted in whole
 * units (truncated toward zero). MONTH, QUARTER and YEAR count calendar months,
 * not reaching the last one unless b's day and time reach a's (2020-01-31 to
 * 2020-02-29 is 0 months). Returns TYPES_OK, or TYPES_BAD_VALUE for a compound
 * unit or a zero month/day in a or b (NULL).
 */
types_status_t mytime_timestampdiff(mytime_unit_t unit, const mytime_t *a, const mytime_t *b,
                                    int64_t *out);

/* mytime_dur_add_interval: TIME + INTERVAL (DATE_ADD on a TIME value), units up to
 * DAY and WEEK. TYPES_OUT_OF_RANGE (NULL) past +/-838:59:59; TYPES_BAD_VALUE for
 * MONTH, QUARTER, YEAR and YEAR_MONTH. */
types_status_t mytime_dur_add_interval(int64_t *dur, const mytime_interval_t *iv, bool subtract);

/* mytime_timediff: TIMEDIFF(a, b) = a - b as a TIME, clipped to +/-838:59:59 with
 * TYPES_OUT_OF_RANGE (warning 1690 in MySQL 8, 838:59:59 shown). */
types_status_t mytime_timediff(const mytime_t *a, const mytime_t *b, int64_t *out);

/* mytime_add_duration: ADDTIME(t, dur) for a date/datetime t; TYPES_OUT_OF_RANGE
 * (NULL) when the result leaves 0000-01-01..9999-12-31. */
types_status_t mytime_add_duration(mytime_t *t, int64_t dur);

/* ---- DATE_FORMAT and STR_TO_DATE ---- */

/* Which parts a STR_TO_DATE format names (its result type: DATETIME when both,
 * DATE or TIME when one). */
#define MYTIME_FMT_DATE 1
#define MYTIME_FMT_TIME 2

/*
 * mytime_str_to_date: STR_TO_DATE(s, fmt). Numbers take at most their field's
 * digits (%Y 4, %f 6, %j 3, others 2; a %Y of 1-2 digits gets the 2-digit year
 * rule), names match case-insensitively (%M %b %W %a %p), %r and %T expand,
 * white space in fmt matches any white space, parts not given are 0, and
 * parsing stops without error where s ends. The day is checked against 31, not
 * the month (MySQL returns 2004-04-31). *parts receives MYTIME_FMT_* bits.
 * Returns TYPES_OK, TYPES_TRUNCATED when s has characters left over, or
 * TYPES_BAD_VALUE (NULL) when s does not match or a field is out of range. The
 * week specifiers %U %u %V %v %X %x %w are not supported (TYPES_BAD_VALUE).
 */
types_status_t mytime_str_to_date(const char *s, size_t len, const char *fmt, size_t fmt_len,
                                  mytime_t *out, int *parts);

/* mytime_date_format: DATE_FORMAT(t, fmt): every MySQL specifier (%a %b %c %D %d
 * %e %f %H %h %I %i %j %k %l %M %m %p %r %S %s %T %U %u %V %v %W %w %X %x %Y %y
 * %%); '%' before any other character gives that character. Appends to out. */
void mytime_date_format(const mytime_t *t, const char *fmt, size_t fmt_len, duet_buf_t *out);

/* ---- time zones ---- */

typedef struct mytime_tz mytime_tz_t;

/*
 * mytime_tz_get: the zone for a time_zone value: "+08:00"/"-05:30" offsets
 * (-13:59..+14:00), "UTC", "SYSTEM" (the TZ environment or /etc/localtime), or a
 * named zone read from the system tz database (/usr/share/zoneinfo, TZif v2).
 * Zones are loaded once and cached for the process (thread-safe; never freed).
 * Returns NULL for an unknown zone (the caller raises 1298 "Unknown or incorrect
 * time zone: '%s'").
 */
const mytime_tz_t *mytime_tz_get(const char *name, size_t len);

/* mytime_tz_offset: seconds east of UTC at unix time utc_sec. */
int32_t mytime_tz_offset(const mytime_tz_t *tz, int64_t utc_sec);

/* mytime_utc_to_local / mytime_local_to_utc: TIMESTAMP conversion. A local time
 * inside a DST gap moves forward to the first valid instant; an ambiguous one
 * (DST end) takes the earlier instant, as MySQL does. The zero date stays zero. */
mytime_t mytime_utc_to_local(const mytime_tz_t *tz, const mytime_t *utc);
mytime_t mytime_local_to_utc(const mytime_tz_t *tz, const mytime_t *local);

#endif
