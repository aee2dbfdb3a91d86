/* buf.h - growable byte buffers and string slices. */
#ifndef DUET_COMMON_BUF_H
#define DUET_COMMON_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * duet_buf_t: a heap-owned growable byte buffer. data is always NUL-terminated
 * (the NUL is not counted in len), so it can be used as a C string when it holds
 * text. Zero-initialised (DUET_BUF_INIT) is a valid empty buffer. The owner frees
 * it with duet_buf_free().
 */
typedef struct duet_buf {
    char *data;
    size_t len;
    size_t cap;
} duet_buf_t;

#define DUET_BUF_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* duet_buf_reserve: makes room for extra more bytes beyond len. */
void duet_buf_reserve(duet_buf_t *b, size_t extra);
void duet_buf_append(duet_buf_t *b, const void *p, size_t n);
void duet_buf_puts(duet_buf_t *b, const char *s);
void duet_buf_putc(duet_buf_t *b, char c);
void duet_buf_printf(duet_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void duet_buf_vprintf(duet_buf_t *b, const char *fmt, va_list ap);
/* duet_buf_truncate: shortens the buffer to len bytes (len <= b->len). */
void duet_buf_truncate(duet_buf_t *b, size_t len);
/* duet_buf_reset: empties the buffer, keeping its memory. */
void duet_buf_reset(duet_buf_t *b);
/* duet_buf_free: releases the memory; the buffer is empty and reusable afterwards. */
void duet_buf_free(duet_buf_t *b);
/* duet_buf_detach: hands data (never NULL, NUL-terminated) to the caller, who frees it
 * with duet_free(); the buffer becomes empty. */
char *duet_buf_detach(duet_buf_t *b);

/*
 * duet_str_t: a borrowed, not necessarily NUL-terminated, slice of bytes.
 * Whoever made the slice owns the bytes.
 */
typedef struct duet_str {
    const char *ptr;
    size_t len;
} duet_str_t;

#define DUET_STR(lit) ((duet_str_t){(lit), sizeof(lit) - 1})

duet_str_t duet_str_from(const char *s);
bool duet_str_eq(duet_str_t a, duet_str_t b);
/* duet_str_eq_ci: ASCII case-insensitive equality (identifiers, keywords). */
bool duet_str_eq_ci(duet_str_t a, duet_str_t b);
/* duet_str_trim: the slice without leading and trailing ASCII white space. */
duet_str_t duet_str_trim(duet_str_t s);

#endif
