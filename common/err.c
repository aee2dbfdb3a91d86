/* err.c - the MySQL-style error value (see err.h). */
#include "common/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int duet_err_set(duet_err_t *e, int code, const char *sqlstate, const char *fmt, ...)
{
    if (e == NULL)
        return -1;
    e->code = code;
    snprintf(e->sqlstate, sizeof(e->sqlstate), "%s", sqlstate);
    /* Format with room to spare, then cut so no UTF-8 sequence is split: the
     * byte after the cut must not be a continuation byte. */
    char full[DUET_ERRMSG_SIZE * 4];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(full, sizeof(full), fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n;
    if (len >= sizeof(full))
        len = sizeof(full) - 1;
    if (len > DUET_ERRMSG_SIZE - 1) {
        len = DUET_ERRMSG_SIZE - 1;
        while (len > 0 && ((unsigned char)full[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(e->msg, full, len);
    e->msg[len] = '\0';
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
