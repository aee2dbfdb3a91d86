/* compress.h - the compressed protocol: packets wrapped in compressed frames (7-byte header:
 * compressed length, compressed sequence id, uncompressed length) using zlib or zstd. */
#ifndef DUET_WIRE_COMPRESS_H
#define DUET_WIRE_COMPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/err.h"

#define WIRE_COMPRESS_HEADER 7
/* Payloads shorter than this are sent uncompressed (uncompressed length 0), as MySQL does. */
#define WIRE_COMPRESS_MIN 50

typedef enum wire_compress_algo {
    WIRE_COMPRESS_NONE = 0,
    WIRE_COMPRESS_ZLIB = 1,
    WIRE_COMPRESS_ZSTD = 2,
} wire_compress_algo_t;

/*
 * wire_compress_encode: wraps n bytes of framed packets into compressed frames appended to
 * out, each holding at most 2^24-1 uncompressed bytes, numbered from *cseq (advanced).
 * level is the zstd level (1..22; 0 = 3) and ignored for zlib. Cannot fail: a chunk that
 * does not shrink is sent uncompressed. Any thread.
 */
void wire_compress_encode(wire_compress_algo_t algo, int level, const uint8_t *data, size_t n,
                          uint8_t *cseq, duet_buf_t *out);

/* wire_compress_frame_size: with at least 7 bytes at hdr, the size of the whole frame. */
size_t wire_compress_frame_size(const uint8_t *hdr);

/*
 * wire_compress_decode: decompresses one complete frame (header included, frame_bytes long)
 * and appends its bytes to out; *cseq receives the frame's sequence id. Returns 0, or -1 with
 * err 1835 when the data does not decompress to exactly the announced length. Any thread.
 */
int wire_compress_decode(wire_compress_algo_t algo, const uint8_t *frame, size_t frame_bytes,
                         uint8_t *cseq, duet_buf_t *out, duet_err_t *err);

#endif
