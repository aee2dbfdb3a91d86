/* test_auth.c - unit tests for wire/auth: native and caching_sha2 scrambles, hashes, RSA. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <string.h>

#include "wire/auth.h"

static const uint8_t scramble[WIRE_SCRAMBLE_LEN] = "abcdefghijklmnopqrst";

static void test_native_hash_known(void **state)
{
    (void)state;
    /* MySQL's PASSWORD('password') = *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19. */
    const uint8_t expect[20] = {0x24, 0x70, 0xC0, 0xC0, 0x6D, 0xEE, 0x42, 0xFD, 0x16, 0x18,
                                0xBB, 0x99, 0x00, 0x5A, 0xDC, 0xA2, 0xEC, 0x9D, 0x1E, 0x19};
    uint8_t h[20];
    wire_native_hash("password", 8, h);
    assert_memory_equal(h, expect, 20);
}

static void test_native_verify(void **state)
{
    (void)state;
    uint8_t stored[20], resp[20];
    wire_native_hash("s3cret", 6, stored);
    wire_native_scramble("s3cret", 6, scramble, resp);
    assert_true(wire_native_verify(scramble, resp, 20, stored));
    wire_native_scramble("s3creT", 6, scramble, resp);
    assert_false(wire_native_verify(scramble, resp, 20, stored));
    assert_false(wire_native_verify(scramble, resp, 19, stored));
}

static void test_sha2_fast(void **state)
{
    (void)state;
    uint8_t d2[32], resp[32];
    wire_sha2_digest2("pw2", 3, d2);
    wire_sha2_scramble("pw2", 3, scramble, resp);
    assert_true(wire_sha2_fast_verify(scramble, resp, 32, d2));
    resp[0] ^= 1;
    assert_false(wire_sha2_fast_verify(scramble, resp, 32, d2));
    assert_false(wire_sha2_fast_verify(scramble, resp, 20, d2));
}

static void test_sha2_salted(void **state)
{
    (void)state;
    uint8_t salt[WIRE_SALT_LEN] = {1, 2, 3}, a[32], b[32], c[32];
    wire_sha2_salted("pw", 2, salt, a);
    wire_sha2_salted("pw", 2, salt, b);
    salt[0] = 9;
    wire_sha2_salted("pw", 2, salt, c);
    assert_memory_equal(a, b, 32);
    assert_memory_not_equal(a, c, 32);
}

static void test_scramble_chars(void **state)
{
    (void)state;
    for (int k = 0; k < 100; k++) {
        uint8_t s[WIRE_SCRAMBLE_LEN];
        wire_scramble_generate(s);
        for (int i = 0; i < WIRE_SCRAMBLE_LEN; i++) {
            assert_true(s[i] != 0 && s[i] != '$' && s[i] < 128);
        }
    }
}

static void test_rsa_password(void **state)
{
    (void)state;
    EVP_PKEY *k = EVP_RSA_gen(2048);
    assert_non_null(k);
    /* The client: (password + NUL) XOR scramble, RSA-OAEP encrypted. */
    const char *pw = "a fairly long password, 30 ch";
    size_t n = strlen(pw) + 1;
    uint8_t plain[64], enc[512];
    for (size_t i = 0; i < n; i++)
        plain[i] = (uint8_t)((i < n - 1 ? pw[i] : 0) ^ scramble[i % WIRE_SCRAMBLE_LEN]);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(k, NULL);
    size_t elen = sizeof(enc);
    assert_true(EVP_PKEY_encrypt_init(ctx) > 0);
    assert_true(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0);
    assert_true(EVP_PKEY_encrypt(ctx, enc, &elen, plain, n) > 0);
    EVP_PKEY_CTX_free(ctx);
    duet_buf_t out = DUET_BUF_INIT;
    assert_int_equal(wire_rsa_decrypt_password(k, enc, elen, scramble, &out), 0);
    assert_int_equal(out.len, strlen(pw));
    assert_memory_equal(out.data, pw, out.len);
    duet_buf_reset(&out);
    enc[5] ^= 0x40;
    assert_int_equal(wire_rsa_decrypt_password(k, enc, elen, scramble, &out), -1);
    assert_int_equal(wire_rsa_decrypt_password(k, enc, 3, scramble, &out), -1);
    duet_buf_free(&out);
    EVP_PKEY_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_native_hash_known), cmocka_unit_test(test_native_verify),
        cmocka_unit_test(test_sha2_fast),         cmocka_unit_test(test_sha2_salted),
        cmocka_unit_test(test_scramble_chars),    cmocka_unit_test(test_rsa_password),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
