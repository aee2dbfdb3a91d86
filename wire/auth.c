/* auth.c - authentication plugin cryptography with OpenSSL (see auth.h). */
#include "wire/auth.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

void wire_random_bytes(uint8_t *out, size_t n)
{
    if (RAND_bytes(out, (int)n) != 1) {
        /* RAND_bytes only fails without an entropy source; no fallback is safe. */
        abort();
    }
}

void wire_scramble_generate(uint8_t out[WIRE_SCRAMBLE_LEN])
{
    wire_random_bytes(out, WIRE_SCRAMBLE_LEN);
    for (int i = 0; i < WIRE_SCRAMBLE_LEN; i++) {
        out[i] = (uint8_t)(out[i] & 0x7F);
        if (out[i] == 0 || out[i] == '$')
            out[i] = (uint8_t)(out[i] + 1);
    }
}

bool wire_memeq_ct(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (uint8_t)(x[i] ^ y[i]);
    return d == 0;
}

void wire_native_hash(const char *pw, size_t n, uint8_t out[WIRE_SHA1_LEN])
{
    uint8_t h1[WIRE_SHA1_LEN];
    SHA1((const uint8_t *)pw, n, h1);
    SHA1(h1, sizeof(h1), out);
}

static void native_mask(const uint8_t scramble[WIRE_SCRAMBLE_LEN],
                        const uint8_t stored[WIRE_SHA1_LEN], uint8_t out[WIRE_SHA1_LEN])
{
    uint8_t tmp[WIRE_SCRAMBLE_LEN + WIRE_SHA1_LEN];
    memcpy(tmp, scramble, WIRE_SCRAMBLE_LEN);
    memcpy(tmp + WIRE_SCRAMBLE_LEN, stored, WIRE_SHA1_LEN);
    SHA1(tmp, sizeof(tmp), out);
}

void wire_native_scramble(const char *pw, size_t n, const uint8_t scramble[WIRE_SCRAMBLE_LEN],
                          uint8_t out[WIRE_SHA1_LEN])
{
    uint8_t h1[WIRE_SHA1_LEN], h2[WIRE_SHA1_LEN], m[WIRE_SHA1_LEN];
    SHA1((const uint8_t *)pw, n, h1);
    SHA1(h1, sizeof(h1), h2);
    native_mask(scramble, h2, m);
    for (int i = 0; i < WIRE_SHA1_LEN; i++)
        out[i] = h1[i] ^ m[i];
}

bool wire_native_verify(const uint8_t scramble[WIRE_SCRAMBLE_LEN], const uint8_t *resp,
                        size_t resp_len, const uint8_t stored[WIRE_SHA1_LEN])
{
    if (resp_len != WIRE_SHA1_LEN)
        return false;
    uint8_t m[WIRE_SHA1_LEN], h1[WIRE_SHA1_LEN], h2[WIRE_SHA1_LEN];
    native_mask(scramble, stored, m);
    for (int i = 0; i < WIRE_SHA1_LEN; i++)
        h1[i] = resp[i] ^ m[i];
    SHA1(h1, sizeof(h1), h2);
    return wire_memeq_ct(h2, stored, WIRE_SHA1_LEN);
}

void wire_sha2_digest2(const char *pw, size_t n, uint8_t out[WIRE_SHA256_LEN])
{
    uint8_t d1[WIRE_SHA256_LEN];
    SHA256((const uint8_t *)pw, n, d1);
    SHA256(d1, sizeof(d1), out);
}

static void sha2_mask(const uint8_t scramble[WIRE_SCRAMBLE_LEN],
                      const uint8_t digest2[WIRE_SHA256_LEN], uint8_t out[WIRE_SHA256_LEN])
{
    uint8_t tmp[WIRE_SHA256_LEN + WIRE_SCRAMBLE_LEN];
    memcpy(tmp, digest2, WIRE_SHA256_LEN);
    memcpy(tmp + WIRE_SHA256_LEN, scramble, WIRE_SCRAMBLE_LEN);
    SHA256(tmp, sizeof(tmp), out);
}

void wire_sha2_scramble(const char *pw, size_t n, const uint8_t scramble[WIRE_SCRAMBLE_LEN],
                        uint8_t out[WIRE_SHA256_LEN])
{
    uint8_t d1[WIRE_SHA256_LEN], d2[WIRE_SHA256_LEN], m[WIRE_SHA256_LEN];
    SHA256((const uint8_t *)pw, n, d1);
    SHA256(d1, sizeof(d1), d2);
    sha2_mask(scramble, d2, m);
    for (int i = 0; i < WIRE_SHA256_LEN; i++)
        out[i] = d1[i] ^ m[i];
}

bool wire_sha2_fast_verify(const uint8_t scramble[WIRE_SCRAMBLE_LEN], const uint8_t *resp,
                           size_t resp_len, const uint8_t digest2[WIRE_SHA256_LEN])
{
    if (resp_len != WIRE_SHA256_LEN)
        return false;
    uint8_t m[WIRE_SHA256_LEN], d1[WIRE_SHA256_LEN], d2[WIRE_SHA256_LEN];
    sha2_mask(scramble, digest2, m);
    for (int i = 0; i < WIRE_SHA256_LEN; i++)
        d1[i] = resp[i] ^ m[i];
    SHA256(d1, sizeof(d1), d2);
    return wire_memeq_ct(d2, digest2, WIRE_SHA256_LEN);
}

void wire_sha2_salted(const char *pw, size_t n, const uint8_t salt[WIRE_SALT_LEN],
                      uint8_t out[WIRE_SHA256_LEN])
{
    PKCS5_PBKDF2_HMAC(pw, (int)n, salt, WIRE_SALT_LEN, 5000, EVP_sha256(), WIRE_SHA256_LEN, out);
}

int wire_rsa_decrypt_password(void *pkey, const uint8_t *data, size_t n,
                              const uint8_t scramble[WIRE_SCRAMBLE_LEN], duet_buf_t *out)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new((EVP_PKEY *)pkey, NULL);
    if (ctx == NULL)
        return -1;
    int rc = -1;
    size_t outlen = 0, cap = 0;
    uint8_t *plain = NULL;
    if (EVP_PKEY_decrypt_init(ctx) <= 0 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) <= 0 ||
        EVP_PKEY_decrypt(ctx, NULL, &outlen, data, n) <= 0)
        goto done;
    cap = outlen;
    plain = OPENSSL_malloc(cap);
    if (plain == NULL || EVP_PKEY_decrypt(ctx, plain, &outlen, data, n) <= 0)
        goto done;
    for (size_t i = 0; i < outlen; i++)
        plain[i] ^= scramble[i % WIRE_SCRAMBLE_LEN];
    if (outlen > 0 && plain[outlen - 1] == 0)
        outlen--;
    duet_buf_append(out, plain, outlen);
    rc = 0;
done:
    if (plain != NULL)
        OPENSSL_clear_free(plain, cap);
    EVP_PKEY_CTX_free(ctx);
    return rc;
}
