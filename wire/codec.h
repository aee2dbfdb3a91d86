/* codec.h - MySQL protocol primitives: fixed-width and length-encoded integers and strings. */
#ifndef DUET_WIRE_CODEC_H
#define DUET_WIRE_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

/*
 * wire_reader_t: a bounds-checked cursor over one packet payload. Every read
 * function returns 0 and advances, or returns -1 and sets failed (leaving the
 * cursor where it was) when the payload is too short or a value is malformed.
 * Once failed, every later read fails too, so a decoder may check once at the
 * end. A reader belongs to the thread that made it.
 */
typedef struct wire_reader {
    const uint8_t *p;
    size_t len;
    size_t pos;
    bool failed;
} wire_reader_t;

/* wire_reader_init: a reader over len bytes at p (borrowed). */
void wire_reader_init(wire_reader_t *r, const void *p, size_t len);
/* wire_reader_left: bytes not yet read. */
size_t wire_reader_left(const wire_reader_t *r);
int wire_read_u8(wire_reader_t *r, uint8_t *v);
int wire_read_u16(wire_reader_t *r, uint16_t *v);
int wire_read_u24(wire_reader_t *r, uint32_t *v);
int wire_read_u32(wire_reader_t *r, uint32_t *v);
int wire_read_u64(wire_reader_t *r, uint64_t *v);
/* wire_read_lenenc: a length-encoded integer; 0xFB (NULL) and 0xFF are malformed here. */
int wire_read_lenenc(wire_reader_t *r, uint64_t *v);
/* wire_read_bytes: n bytes; *out points into the payload. */
int wire_read_bytes(wire_reader_t *r, size_t n, const uint8_t **out);
/* wire_read_skip: skips n bytes. */
int wire_read_skip(wire_reader_t *r, size_t n);
/* wire_read_lenenc_str: a length-encoded string; *out points into the payload. */
int wire_read_lenenc_str(wire_reader_t *r, const uint8_t **out, size_t *n);
/* wire_read_nul_str: a NUL-terminated string (the NUL is consumed, not counted). */
int wire_read_nul_str(wire_reader_t *r, const char **out, size_t *n);
/* wire_read_rest: everything left (possibly nothing). Never fails unless already failed. */
int wire_read_rest(wire_reader_t *r, const uint8_t **out, size_t *n);

/* Writers append to a duet_buf_t; they cannot fail (allocation failure aborts). */
void wire_put_u8(duet_buf_t *b, uint8_t v);
void wire_put_u16(duet_buf_t *b, uint16_t v);
void wire_put_u24(duet_buf_t *b, uint32_t v);
void wire_put_u32(duet_buf_t *b, uint32_t v);
void wire_put_u64(duet_buf_t *b, uint64_t v);
void wire_put_lenenc(duet_buf_t *b, uint64_t v);
void wire_put_lenenc_str(duet_buf_t *b, const void *p, size_t n);
/* wire_put_nul_str: the bytes of s and a terminating NUL. */
void wire_put_nul_str(duet_buf_t *b, const char *s);
void wire_put_bytes(duet_buf_t *b, const void *p, size_t n);
/* wire_lenenc_size: how many bytes wire_put_lenenc(v) writes. */
size_t wire_lenenc_size(uint64_t v);

#endif
