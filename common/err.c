/* err.c - the MySQL-style error value (see err.h). */
#include "common/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Cut at len without splitting a UTF-8 sequence. */
static void err_cut_utf8(char *s, size_t len)
{
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    s[len] = '\0';
}

int duet_err_set(duet_err_t *e, int code, const char *sqlstate, const char *fmt, ...)
{
    if (e == NULL)
        return -1;
    e->code = code;
    snprintf(e->sqlstate, sizeof(e->sqlstate), "%s", sqlstate);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof(e->msg))
        err_cut_utf8(e->msg, sizeof(e->msg) - 1);
    return -1;
}

void duet_err_clear(duet_err_t *e)
{
    e->code = 0;
    e->sqlstate[0] = '\0';
    e->msg[0] = '\0';
}

bool duet_err_is_set(const duet_err_t *e)
{
    return e->code != 0;
}

int duet_err_copy(duet_err_t *dst, const duet_err_t *src)
{
    if (dst && dst != src)
        memcpy(dst, src, sizeof(*dst));
    return src->code ? -1 : 0;
}
