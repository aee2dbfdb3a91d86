/* test_packet.c - unit tests for wire/packet: framing, sequence ids, 16 MiB split and join. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "wire/packet.h"

static void test_small_packet(void **state)
{
    (void)state;
    wire_out_t o = {0};
    wire_out_reset(&o, 3);
    wire_out_packet(&o, "\x0e", 1);
    assert_int_equal(o.buf.len, 5);
    assert_memory_equal(o.buf.data, "\x01\x00\x00\x03\x0e", 5);
    assert_int_equal(o.seq, 4);
    size_t fb, pl;
    uint8_t next;
    assert_int_equal(wire_packet_scan((uint8_t *)o.buf.data, o.buf.len, 3, 100, &fb, &pl, &next),
                     WIRE_PKT_OK);
    assert_int_equal(fb, 5);
    assert_int_equal(pl, 1);
    assert_int_equal(next, 4);
    wire_out_free(&o);
}

static void split_roundtrip(size_t len, int frames)
{
    uint8_t *payload = malloc(len ? len : 1);
    for (size_t i = 0; i < len; i++)
        payload[i] = (uint8_t)(i * 31 + 7);
    wire_out_t o = {0};
    wire_out_reset(&o, 0);
    wire_out_packet(&o, payload, len);
    assert_int_equal(o.buf.len, len + 4 * (size_t)frames);
    assert_int_equal(o.seq, frames);
    size_t fb, pl;
    uint8_t next;
    assert_int_equal(
        wire_packet_scan((uint8_t *)o.buf.data, o.buf.len, 0, 1u << 30, &fb, &pl, &next),
        WIRE_PKT_OK);
    assert_int_equal(fb, o.buf.len);
    assert_int_equal(pl, len);
    assert_int_equal(next, frames);
    duet_buf_t joined = DUET_BUF_INIT;
    wire_packet_join((uint8_t *)o.buf.data, fb, &joined);
    assert_int_equal(joined.len, len);
    assert_memory_equal(joined.data, payload, len);
    /* Any prefix is incomplete. */
    assert_int_equal(
        wire_packet_scan((uint8_t *)o.buf.data, o.buf.len - 1, 0, 1u << 30, &fb, &pl, &next),
        WIRE_PKT_NEED_MORE);
    /* Too large for a smaller limit. */
    if (len > 10)
        assert_int_equal(
            wire_packet_scan((uint8_t *)o.buf.data, o.buf.len, 0, len - 1, &fb, &pl, &next),
            WIRE_PKT_TOO_LARGE);
    duet_buf_free(&joined);
    wire_out_free(&o);
    free(payload);
}

static void test_split_exact_multiple(void **state)
{
    (void)state;
    /* 2^24-1 bytes: one full frame and an empty one. */
    split_roundtrip(WIRE_MAX_FRAME, 2);
}

static void test_split_over(void **state)
{
    (void)state;
    split_roundtrip(WIRE_MAX_FRAME + 1, 2);
    split_roundtrip(2 * (size_t)WIRE_MAX_FRAME + 5, 3);
}

static void test_out_of_order(void **state)
{
    (void)state;
    const uint8_t pkt[] = {1, 0, 0, 5, 0x0e};
    size_t fb, pl;
    uint8_t next;
    assert_int_equal(wire_packet_scan(pkt, sizeof(pkt), 0, 100, &fb, &pl, &next),
                     WIRE_PKT_OUT_OF_ORDER);
    assert_int_equal(wire_packet_scan(pkt, 3, 0, 100, &fb, &pl, &next), WIRE_PKT_NEED_MORE);
}

static void test_empty_payload(void **state)
{
    (void)state;
    wire_out_t o = {0};
    wire_out_reset(&o, 0);
    wire_out_packet(&o, "", 0);
    assert_int_equal(o.buf.len, 4);
    assert_memory_equal(o.buf.data, "\0\0\0\0", 4);
    wire_out_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_packet),  cmocka_unit_test(test_split_exact_multiple),
        cmocka_unit_test(test_split_over),    cmocka_unit_test(test_out_of_order),
        cmocka_unit_test(test_empty_payload),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
