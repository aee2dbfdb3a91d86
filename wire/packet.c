/* packet.c - MySQL packet framing (see packet.h). */
#include "wire/packet.h"
#include "common/mem.h"

#include <assert.h>
#include <string.h>

void wire_frame_header_decode(const uint8_t h[4], uint32_t *len, uint8_t *seq)
{
    *len = (uint32_t)h[0] | ((uint32_t)h[1] << 8) | ((uint32_t)h[2] << 16);
    *seq = h[3];
}

int wire_packet_scan(const uint8_t *data, size_t avail, uint8_t expect_seq, size_t max_payload,
                     size_t *frame_bytes, size_t *payload_len, uint8_t *next_seq)
{
    size_t off = 0, total = 0;
    uint8_t seq = expect_seq;
    for (;;) {
        if (avail - off < WIRE_HEADER_SIZE)
            return WIRE_PKT_NEED_MORE;
        uint32_t len;
        uint8_t s;
        wire_frame_header_decode(data + off, &len, &s);
        if (s != seq)
            return WIRE_PKT_OUT_OF_ORDER;
        seq++;
        total += len;
        if (total > max_payload)
            return WIRE_PKT_TOO_LARGE;
        if (avail - off - WIRE_HEADER_SIZE < len)
            return WIRE_PKT_NEED_MORE;
        off += WIRE_HEADER_SIZE + len;
        if (len < WIRE_MAX_FRAME)
            break;
    }
    *frame_bytes = off;
    *payload_len = total;
    *next_seq = seq;
    return WIRE_PKT_OK;
}

void wire_packet_join(const uint8_t *data, size_t frame_bytes, duet_buf_t *out)
{
    size_t off = 0;
    while (off + WIRE_HEADER_SIZE <= frame_bytes) {
        uint32_t len;
        uint8_t s;
        wire_frame_header_decode(data + off, &len, &s);
        assert(off + WIRE_HEADER_SIZE + len <= frame_bytes);
        duet_buf_append(out, data + off + WIRE_HEADER_SIZE, len);
        off += WIRE_HEADER_SIZE + len;
    }
}

void wire_out_reset(wire_out_t *o, uint8_t seq)
{
    duet_buf_reset(&o->buf);
    o->seq = seq;
    o->open = 0;
}

void wire_out_begin(wire_out_t *o)
{
    assert(!o->open);
    o->start = o->buf.len;
    static const uint8_t zero[4] = {0, 0, 0, 0};
    duet_buf_append(&o->buf, zero, sizeof(zero));
    o->open = 1;
}

static void put_header(uint8_t *h, uint32_t len, uint8_t seq)
{
    h[0] = (uint8_t)len;
    h[1] = (uint8_t)(len >> 8);
    h[2] = (uint8_t)(len >> 16);
    h[3] = seq;
}

void wire_out_end(wire_out_t *o)
{
    assert(o->open);
    o->open = 0;
    size_t len = o->buf.len - o->start - WIRE_HEADER_SIZE;
    if (len < WIRE_MAX_FRAME) {
        put_header((uint8_t *)o->buf.data + o->start, (uint32_t)len, o->seq++);
        return;
    }
    /* Split: move the payload out and write it back frame by frame. */
    char *payload = duet_malloc(len);
    memcpy(payload, o->buf.data + o->start + WIRE_HEADER_SIZE, len);
    duet_buf_truncate(&o->buf, o->start);
    size_t off = 0;
    for (;;) {
        size_t n = len - off < WIRE_MAX_FRAME ? len - off : WIRE_MAX_FRAME;
        uint8_t h[4];
        put_header(h, (uint32_t)n, o->seq++);
        duet_buf_append(&o->buf, h, sizeof(h));
        duet_buf_append(&o->buf, payload + off, n);
        off += n;
        if (n < WIRE_MAX_FRAME)
            break;
    }
    duet_free(payload);
}

void wire_out_packet(wire_out_t *o, const void *payload, size_t n)
{
    wire_out_begin(o);
    duet_buf_append(&o->buf, payload, n);
    wire_out_end(o);
}

void wire_out_free(wire_out_t *o)
{
    duet_buf_free(&o->buf);
    o->open = 0;
}
