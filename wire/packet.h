/* packet.h - MySQL packet framing: 4-byte headers, sequence ids, 16 MiB splitting and joining. */
#ifndef DUET_WIRE_PACKET_H
#define DUET_WIRE_PACKET_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

/* A frame carries at most 2^24-1 payload bytes; a longer payload continues in the
 * next frame, and a payload that is an exact multiple ends with an empty frame. */
#define WIRE_MAX_FRAME   0xFFFFFFu
#define WIRE_HEADER_SIZE 4

/* Results of wire_packet_scan. */
enum {
    WIRE_PKT_OK = 0,
    WIRE_PKT_NEED_MORE = 1,
    WIRE_PKT_TOO_LARGE = -1,   /* payload exceeds max_allowed_packet: error 1153 */
    WIRE_PKT_OUT_OF_ORDER = -2 /* unexpected sequence id: error 1156 */
};

/* wire_frame_header_decode: the payload length and sequence id of a 4-byte header. */
void wire_frame_header_decode(const uint8_t h[4], uint32_t *len, uint8_t *seq);

/*
 * wire_packet_scan: looks at avail bytes of contiguous input holding one logical
 * packet (one or more frames). expect_seq is the sequence id the first frame must
 * carry. On WIRE_PKT_OK, *frame_bytes is how many input bytes the packet takes,
 * *payload_len its joined payload size and *next_seq the id the next packet in
 * this exchange carries. Returns WIRE_PKT_NEED_MORE when the input is incomplete,
 * or a negative WIRE_PKT_* error. Pure function; any thread.
 */
int wire_packet_scan(const uint8_t *data, size_t avail, uint8_t expect_seq, size_t max_payload,
                     size_t *frame_bytes, size_t *payload_len, uint8_t *next_seq);

/* wire_packet_join: appends the joined payload of the frame_bytes bytes that
 * wire_packet_scan accepted to out. */
void wire_packet_join(const uint8_t *data, size_t frame_bytes, duet_buf_t *out);

/*
 * wire_out_t: outgoing packets of one exchange, framed in one buffer. Begin a
 * packet, append its payload to buf, end it; ending frames the payload with the
 * running sequence id, splitting it at 2^24-1 bytes. Owned by one thread.
 */
typedef struct wire_out {
    duet_buf_t buf;
    uint8_t seq;  /* sequence id of the next frame */
    size_t start; /* offset of the open packet's header */
    int open;
} wire_out_t;

/* wire_out_reset: empties the buffer and sets the next sequence id. */
void wire_out_reset(wire_out_t *o, uint8_t seq);
/* wire_out_begin: opens a packet; its payload is what is appended to o->buf until end. */
void wire_out_begin(wire_out_t *o);
/* wire_out_end: frames the open packet. */
void wire_out_end(wire_out_t *o);
/* wire_out_packet: begin + append payload + end. */
void wire_out_packet(wire_out_t *o, const void *payload, size_t n);
/* wire_out_free: releases the buffer. */
void wire_out_free(wire_out_t *o);

#endif
