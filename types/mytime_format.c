/* mytime_format.c - DATE_FORMAT(): MySQL's format specifiers over a date/datetime value. */
#include "types/mytime.h"

static const char *const month_names[13] = {
    "",     "January", "February",  "March",   "April",    "May",     "June",
    "July", "August",  "September", "October", "November", "December"};
static const char *const day_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

static const char *day_suffix(int d)
{
    if (d >= 11 && d <= 13)
        return "th";
    switch (d % 10) {
    case 1:
        return "st";
    case 2:
        return "nd";
    case 3:
        return "rd";
    default:
        return "th";
    }
}

void mytime_date_format(const mytime_t *t, const char *fmt, size_t fmt_len, duet_buf_t *out)
{
    int64_t daynr = mytime_daynr(t->year, t->month, t->day);
    int wd = mytime_weekday(daynr); /* 0 = Monday */
    int h12 = t->hour % 12 == 0 ? 12 : t->hour % 12;
    int y;
    for (size_t i = 0; i < fmt_len; i++) {
        if (fmt[i] != '%' || i + 1 == fmt_len) {
            duet_buf_putc(out, fmt[i]);
            continue;
        }
        char c = fmt[++i];
        switch (c) {
        case 'a':
            duet_buf_printf(out, "%.3s", day_names[wd]);
            break;
        case 'b':
            duet_buf_printf(out, "%.3s", month_names[t->month]);
            break;
        case 'c':
            duet_buf_printf(out, "%d", t->month);
            break;
        case 'D':
            duet_buf_printf(out, "%d%s", t->day, day_suffix(t->day));
            break;
        case 'd':
            duet_buf_printf(out, "%02d", t->day);
            break;
        case 'e':
            duet_buf_printf(out, "%d", t->day);
            break;
        case 'f':
            duet_buf_printf(out, "%06u", (unsigned)t->usec);
            break;
        case 'H':
            duet_buf_printf(out, "%02d", t->hour);
            break;
        case 'h':
        case 'I':
            duet_buf_printf(out, "%02d", h12);
            break;
        case 'i':
            duet_buf_printf(out, "%02d", t->minute);
            break;
        case 'j':
            duet_buf_printf(out, "%03d", (int)(daynr - mytime_daynr(t->year, 1, 1) + 1));
            break;
        case 'k':
            duet_buf_printf(out, "%d", t->hour);
            break;
        case 'l':
            duet_buf_printf(out, "%d", h12);
            break;
        case 'M':
            duet_buf_puts(out, month_names[t->month]);
            break;
        case 'm':
            duet_buf_printf(out, "%02d", t->month);
            break;
        case 'p':
            duet_buf_puts(out, t->hour < 12 ? "AM" : "PM");
            break;
        case 'r':
            duet_buf_printf(out, "%02d:%02d:%02d %s", h12, t->minute, t->second,
                            t->hour < 12 ? "AM" : "PM");
            break;
        case 'S':
        case 's':
            duet_buf_printf(out, "%02d", t->second);
            break;
        case 'T':
            duet_buf_printf(out, "%02d:%02d:%02d", t->hour, t->minute, t->second);
            break;
        case 'U':
            duet_buf_printf(out, "%02d", mytime_week(t, 0, &y));
            break;
        case 'u':
            duet_buf_printf(out, "%02d", mytime_week(t, 1, &y));
            break;
        case 'V':
            duet_buf_printf(out, "%02d", mytime_week(t, 2, &y));
            break;
        case 'v':
            duet_buf_printf(out, "%02d", mytime_week(t, 3, &y));
            break;
        case 'W':
            duet_buf_puts(out, day_names[wd]);
            break;
        case 'w':
            duet_buf_printf(out, "%d", (wd + 1) % 7);
            break;
        case 'X':
            mytime_week(t, 2, &y);
            duet_buf_printf(out, "%04d", y);
            break;
        case 'x':
            mytime_week(t, 3, &y);
            duet_buf_printf(out, "%04d", y);
            break;
        case 'Y':
            duet_buf_printf(out, "%04d", t->year);
            break;
        case 'y':
            duet_buf_printf(out, "%02d", t->year % 100);
            break;
        default:
            duet_buf_putc(out, c);
            break;
        }
    }
}
