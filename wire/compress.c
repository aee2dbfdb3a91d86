/* compress.c - compressed protocol frames with zlib and zstd (see compress.h). */
#include "wire/compress.h"
#include "common/mem.h"
#include "wire/packet.h"

#include <string.h>
#include <zlib.h>
#include <zstd.h>

static void put_u24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
}

static size_t get_u24(const uint8_t *p)
{
    return (size_t)p[0] | ((size_t)p[1] << 8) | ((size_t)p[2] << 16);
}

/* Compresses src into dst (capacity cap); returns the size, or 0 when it did not fit. */
static size_t squeeze(wire_compress_algo_t algo, int level, const uint8_t *src, size_t n,
                      uint8_t *dst, size_t cap)
{
    if (algo == WIRE_COMPRESS_ZSTD) {
        size_t r = ZSTD_compress(dst, cap, src, n, level > 0 ? level : 3);
        return ZSTD_isError(r) ? 0 : r;
    }
    uLongf out = (uLongf)cap;
    if (compress(dst, &out, src, (uLong)n) != Z_OK)
        return 0;
    return (size_t)out;
}

void wire_compress_encode(wire_compress_algo_t algo, int level, const uint8_t *data, size_t n,
                          uint8_t *cseq, duet_buf_t *out)
{
    size_t off = 0;
    do {
        size_t chunk = n - off < WIRE_MAX_FRAME ? n - off : WIRE_MAX_FRAME;
        uint8_t hdr[WIRE_COMPRESS_HEADER];
        size_t clen = 0;
        size_t start = out->len;
        duet_buf_append(out, hdr, sizeof(hdr));
        if (chunk >= WIRE_COMPRESS_MIN) {
            size_t bound = algo == WIRE_COMPRESS_ZSTD ? ZSTD_compressBound(chunk)
                                                      : (size_t)compressBound((uLong)chunk);
            duet_buf_reserve(out, bound);
            clen = squeeze(algo, level, data + off, chunk, (uint8_t *)out->data + out->len, bound);
            if (clen >= chunk || clen > WIRE_MAX_FRAME)
                clen = 0;
        }
        uint8_t *h = (uint8_t *)out->data + start;
        if (clen > 0) {
            out->len += clen;
            out->data[out->len] = '\0';
            put_u24(h, clen);
            put_u24(h + 4, chunk);
        } else {
            duet_buf_append(out, data + off, chunk);
            h = (uint8_t *)out->data + start;
            put_u24(h, chunk);
            put_u24(h + 4, 0);
        }
        h[3] = (*cseq)++;
        off += chunk;
    } while (off < n);
}

size_t wire_compress_frame_size(const uint8_t *hdr)
{
    return WIRE_COMPRESS_HEADER + get_u24(hdr);
}

int wire_compress_decode(wire_compress_algo_t algo, const uint8_t *frame, size_t frame_bytes,
                         uint8_t *cseq, duet_buf_t *out, duet_err_t *err)
{
    if (frame_bytes < WIRE_COMPRESS_HEADER || wire_compress_frame_size(frame) != frame_bytes)
        return duet_err_set(err, ER_MALFORMED_PACKET);
    size_t clen = get_u24(frame);
    size_t ulen = get_u24(frame + 4);
    *cseq = frame[3];
    const uint8_t *src = frame + WIRE_COMPRESS_HEADER;
    if (ulen == 0) {
        duet_buf_append(out, src, clen);
        return 0;
    }
    /* Refuse impossible claims before allocating: deflate expands at most ~1032:1, and a
     * zstd frame that states its size must state this one. */
    if (algo == WIRE_COMPRESS_ZSTD) {
        unsigned long long fs = ZSTD_getFrameContentSize(src, clen);
        if (fs == ZSTD_CONTENTSIZE_ERROR || (fs != ZSTD_CONTENTSIZE_UNKNOWN && fs != ulen))
            return duet_err_set(err, ER_MALFORMED_PACKET);
    } else if (ulen > clen * 1032 + 64) {
        return duet_err_set(err, ER_MALFORMED_PACKET);
    }
    duet_buf_reserve(out, ulen);
    uint8_t *dst = (uint8_t *)out->data + out->len;
    size_t got;
    if (algo == WIRE_COMPRESS_ZSTD) {
        got = ZSTD_decompress(dst, ulen, src, clen);
        if (ZSTD_isError(got))
            return duet_err_set(err, ER_MALFORMED_PACKET);
    } else {
        uLongf dl = (uLongf)ulen;
        if (uncompress(dst, &dl, src, (uLong)clen) != Z_OK)
            return duet_err_set(err, ER_MALFORMED_PACKET);
        got = (size_t)dl;
    }
    if (got != ulen)
        return duet_err_set(err, ER_MALFORMED_PACKET);
    out->len += ulen;
    out->data[out->len] = '\0';
    return 0;
}
