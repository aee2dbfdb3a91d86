/* test_codec.c - unit tests for wire/codec: integers, length-encoded values, strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wire/codec.h"

static void test_lenenc_roundtrip(void **state)
{
    (void)state;
    const uint64_t vals[] = {0, 1, 250, 251, 0xFFFF, 0x10000, 0xFFFFFF, 0x1000000, UINT64_MAX};
    const size_t sizes[] = {1, 1, 1, 3, 3, 4, 4, 9, 9};
    for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        duet_buf_t b = DUET_BUF_INIT;
        wire_put_lenenc(&b, vals[i]);
        assert_int_equal(b.len, sizes[i]);
        assert_int_equal(wire_lenenc_size(vals[i]), sizes[i]);
        wire_reader_t r;
        wire_reader_init(&r, b.data, b.len);
        uint64_t v = 0;
        assert_int_equal(wire_read_lenenc(&r, &v), 0);
        assert_true(v == vals[i]);
        assert_int_equal(wire_reader_left(&r), 0);
        duet_buf_free(&b);
    }
}

static void test_lenenc_exact_bytes(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    wire_put_lenenc(&b, 251);
    assert_memory_equal(b.data, "\xfc\xfb\x00", 3);
    duet_buf_reset(&b);
    wire_put_lenenc(&b, 0x123456);
    assert_memory_equal(b.data, "\xfd\x56\x34\x12", 4);
    duet_buf_free(&b);
}

static void test_lenenc_malformed(void **state)
{
    (void)state;
    uint64_t v;
    wire_reader_t r;
    wire_reader_init(&r, "\xfb", 1);
    assert_int_equal(wire_read_lenenc(&r, &v), -1);
    assert_true(r.failed);
    wire_reader_init(&r, "\xff", 1);
    assert_int_equal(wire_read_lenenc(&r, &v), -1);
    wire_reader_init(&r, "\xfc\x01", 2);
    assert_int_equal(wire_read_lenenc(&r, &v), -1);
    wire_reader_init(&r, "\xfe\x01\x02\x03", 4);
    assert_int_equal(wire_read_lenenc(&r, &v), -1);
    /* A failed reader stays failed. */
    uint8_t u8;
    assert_int_equal(wire_read_u8(&r, &u8), -1);
}

static void test_fixed_ints(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    wire_put_u16(&b, 0x0102);
    wire_put_u24(&b, 0x030405);
    wire_put_u32(&b, 0x06070809);
    wire_put_u64(&b, 0x1011121314151617ULL);
    assert_memory_equal(b.data,
                        "\x02\x01\x05\x04\x03\x09\x08\x07\x06\x17\x16\x15\x14\x13\x12\x11\x10", 17);
    wire_reader_t r;
    wire_reader_init(&r, b.data, b.len);
    uint16_t a;
    uint32_t c, d;
    uint64_t e;
    wire_read_u16(&r, &a);
    wire_read_u24(&r, &c);
    wire_read_u32(&r, &d);
    wire_read_u64(&r, &e);
    assert_false(r.failed);
    assert_int_equal(a, 0x0102);
    assert_int_equal(c, 0x030405);
    assert_int_equal(d, 0x06070809);
    assert_true(e == 0x1011121314151617ULL);
    assert_int_equal(wire_read_u8(&r, (uint8_t *)&a), -1);
    duet_buf_free(&b);
}

static void test_strings(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    wire_put_lenenc_str(&b, "abc", 3);
    wire_put_nul_str(&b, "root");
    wire_put_bytes(&b, "rest", 4);
    wire_reader_t r;
    wire_reader_init(&r, b.data, b.len);
    const uint8_t *s;
    size_t n;
    const char *z;
    assert_int_equal(wire_read_lenenc_str(&r, &s, &n), 0);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "abc", 3);
    assert_int_equal(wire_read_nul_str(&r, &z, &n), 0);
    assert_int_equal(n, 4);
    assert_memory_equal(z, "root", 4);
    assert_int_equal(wire_read_rest(&r, &s, &n), 0);
    assert_int_equal(n, 4);
    duet_buf_free(&b);

    /* A lenenc string longer than the payload, and a string without NUL. */
    wire_reader_init(&r,
                     "\x05"
                     "ab",
                     3);
    assert_int_equal(wire_read_lenenc_str(&r, &s, &n), -1);
    wire_reader_init(&r, "abc", 3);
    assert_int_equal(wire_read_nul_str(&r, &z, &n), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lenenc_roundtrip), cmocka_unit_test(test_lenenc_exact_bytes),
        cmocka_unit_test(test_lenenc_malformed), cmocka_unit_test(test_fixed_ints),
        cmocka_unit_test(test_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
