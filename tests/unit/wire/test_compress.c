/* test_compress.c - unit tests for wire/compress: zlib and zstd frames, small payloads sent
 * uncompressed, 16 MiB chunking, sequence ids, and corrupt frames. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "wire/compress.h"
#include "wire/packet.h"

static void roundtrip(wire_compress_algo_t algo, size_t n, int frames)
{
    uint8_t *data = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++)
        data[i] = (uint8_t)("abcabcabd"[i % 9]);
    duet_buf_t z = DUET_BUF_INIT;
    uint8_t cseq = 5;
    wire_compress_encode(algo, 3, data, n, &cseq, &z);
    assert_int_equal(cseq, 5 + frames);
    duet_buf_t back = DUET_BUF_INIT;
    size_t off = 0;
    uint8_t expect = 5;
    while (off < z.len) {
        size_t fs = wire_compress_frame_size((uint8_t *)z.data + off);
        uint8_t s;
        duet_err_t e = {0};
        assert_int_equal(wire_compress_decode(algo, (uint8_t *)z.data + off, fs, &s, &back, &e), 0);
        assert_int_equal(s, expect++);
        off += fs;
    }
    assert_int_equal(off, z.len);
    assert_int_equal(back.len, n);
    assert_memory_equal(back.data, data, n);
    duet_buf_free(&z);
    duet_buf_free(&back);
    free(data);
}

static void test_zlib(void **state)
{
    (void)state;
    roundtrip(WIRE_COMPRESS_ZLIB, 1000, 1);
    roundtrip(WIRE_COMPRESS_ZLIB, (size_t)WIRE_MAX_FRAME + 10, 2);
}

static void test_zstd(void **state)
{
    (void)state;
    roundtrip(WIRE_COMPRESS_ZSTD, 1000, 1);
    roundtrip(WIRE_COMPRESS_ZSTD, 2 * (size_t)WIRE_MAX_FRAME + 1, 3);
}

static void test_small_uncompressed(void **state)
{
    (void)state;
    duet_buf_t z = DUET_BUF_INIT;
    uint8_t cseq = 0;
    wire_compress_encode(WIRE_COMPRESS_ZLIB, 0, (const uint8_t *)"\x01\x00\x00\x00\x0e", 5, &cseq,
                         &z);
    assert_int_equal(z.len, 12);
    assert_memory_equal(z.data, "\x05\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0e", 12);
    duet_buf_free(&z);
}

static void test_corrupt(void **state)
{
    (void)state;
    duet_buf_t z = DUET_BUF_INIT;
    uint8_t cseq = 0;
    char data[500];
    memset(data, 'q', sizeof(data));
    wire_compress_encode(WIRE_COMPRESS_ZLIB, 0, (uint8_t *)data, sizeof(data), &cseq, &z);
    duet_buf_t out = DUET_BUF_INIT;
    duet_err_t e = {0};
    uint8_t s;
    z.data[9] ^= 0x55;
    assert_int_equal(
        wire_compress_decode(WIRE_COMPRESS_ZLIB, (uint8_t *)z.data, z.len, &s, &out, &e), -1);
    assert_int_equal(e.code, 1835);
    z.data[9] ^= 0x55;
    /* Announced uncompressed length larger than the real one. */
    z.data[4] = (char)0xff;
    assert_int_equal(
        wire_compress_decode(WIRE_COMPRESS_ZLIB, (uint8_t *)z.data, z.len, &s, &out, &e), -1);
    /* Frame size that does not match. */
    assert_int_equal(
        wire_compress_decode(WIRE_COMPRESS_ZLIB, (uint8_t *)z.data, z.len - 1, &s, &out, &e), -1);
    duet_buf_free(&out);
    duet_buf_free(&z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zlib),
        cmocka_unit_test(test_zstd),
        cmocka_unit_test(test_small_uncompressed),
        cmocka_unit_test(test_corrupt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
