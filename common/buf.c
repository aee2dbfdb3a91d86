/* buf.c - growable byte buffers and string slices (see buf.h). */
#include "common/buf.h"
#include "common/mem.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

void duet_buf_reserve(duet_buf_t *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->data = duet_realloc(b->data, cap);
    b->cap = cap;
    b->data[b->len] = '\0';
}

void duet_buf_append(duet_buf_t *b, const void *p, size_t n)
{
    duet_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void duet_buf_puts(duet_buf_t *b, const char *s)
{
    duet_buf_append(b, s, strlen(s));
}

void duet_buf_putc(duet_buf_t *b, char c)
{
    duet_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void duet_buf_vprintf(duet_buf_t *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n > 0) {
        duet_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    } else {
        duet_buf_reserve(b, 0);
        b->data[b->len] = '\0';
    }
    va_end(ap2);
}

void duet_buf_printf(duet_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    duet_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void duet_buf_truncate(duet_buf_t *b, size_t len)
{
    assert(len <= b->len);
    b->len = len;
    if (b->data)
        b->data[len] = '\0';
}

void duet_buf_reset(duet_buf_t *b)
{
    duet_buf_truncate(b, 0);
}

void duet_buf_free(duet_buf_t *b)
{
    duet_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *duet_buf_detach(duet_buf_t *b)
{
    duet_buf_reserve(b, 0);
    char *d = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

duet_str_t duet_str_from(const char *s)
{
    return (duet_str_t){s, s ? strlen(s) : 0};
}

bool duet_str_eq(duet_str_t a, duet_str_t b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool duet_str_eq_ci(duet_str_t a, duet_str_t b)
{
    if (a.len != b.len)
        return false;
    for (size_t i = 0; i < a.len; i++)
        if (tolower((unsigned char)a.ptr[i]) != tolower((unsigned char)b.ptr[i]))
            return false;
    return true;
}

duet_str_t duet_str_trim(duet_str_t s)
{
    while (s.len && isspace((unsigned char)s.ptr[0])) {
        s.ptr++;
        s.len--;
    }
    while (s.len && isspace((unsigned char)s.ptr[s.len - 1]))
        s.len--;
    return s;
}
