/* auth.h - the authentication plugins' cryptography: mysql_native_password and
 * caching_sha2_password (scrambles, stored hashes, RSA password exchange). */
#ifndef DUET_WIRE_AUTH_H
#define DUET_WIRE_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "wire/protocol.h"

#define WIRE_SHA1_LEN   20
#define WIRE_SHA256_LEN 32
#define WIRE_SALT_LEN   20

/* caching_sha2_password AuthMoreData status bytes and the client's key request. */
#define WIRE_SHA2_FAST_AUTH_OK    0x03
#define WIRE_SHA2_FULL_AUTH       0x04
#define WIRE_SHA2_REQUEST_PUB_KEY 0x02

/* wire_scramble_generate: 20 random bytes in 1..127 (never NUL or '$'), from
 * OpenSSL's RAND_bytes. Thread-safe. */
void wire_scramble_generate(uint8_t out[WIRE_SCRAMBLE_LEN]);

/* wire_native_hash: SHA1(SHA1(password)), the stored form of a native password. */
void wire_native_hash(const char *pw, size_t n, uint8_t out[WIRE_SHA1_LEN]);

/* wire_native_scramble: the client's answer: SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))). */
void wire_native_scramble(const char *pw, size_t n, const uint8_t scramble[WIRE_SCRAMBLE_LEN],
                          uint8_t out[WIRE_SHA1_LEN]);

/* wire_native_verify: whether resp (resp_len bytes) proves knowledge of the password
 * whose stored hash is stored. False for any length other than 20. Thread-safe. */
bool wire_native_verify(const uint8_t scramble[WIRE_SCRAMBLE_LEN], const uint8_t *resp,
                        size_t resp_len, const uint8_t stored[WIRE_SHA1_LEN]);

/* wire_sha2_digest2: SHA256(SHA256(password)), what the fast-auth cache keeps. */
void wire_sha2_digest2(const char *pw, size_t n, uint8_t out[WIRE_SHA256_LEN]);

/* wire_sha2_scramble: the client's fast-auth answer:
 * SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble). */
void wire_sha2_scramble(const char *pw, size_t n, const uint8_t scramble[WIRE_SCRAMBLE_LEN],
                        uint8_t out[WIRE_SHA256_LEN]);

/* wire_sha2_fast_verify: checks a fast-auth answer against a cached digest2. */
bool wire_sha2_fast_verify(const uint8_t scramble[WIRE_SCRAMBLE_LEN], const uint8_t *resp,
                           size_t resp_len, const uint8_t digest2[WIRE_SHA256_LEN]);

/* wire_sha2_salted: the stored, salted form of a caching_sha2 password
 * (PBKDF2-HMAC-SHA256, 5000 rounds, as slow as MySQL's SHA256-crypt). */
void wire_sha2_salted(const char *pw, size_t n, const uint8_t salt[WIRE_SALT_LEN],
                      uint8_t out[WIRE_SHA256_LEN]);

/* wire_random_bytes: n bytes from RAND_bytes. */
void wire_random_bytes(uint8_t *out, size_t n);

/*
 * wire_rsa_decrypt_password: decrypts the RSA-OAEP block a client sent in
 * caching_sha2 full authentication with the server's private key (an EVP_PKEY *),
 * XORs it with the scramble and strips the trailing NUL. Appends the clear password
 * to out (the caller wipes and frees it). Returns 0, or -1 when decryption fails.
 * Thread-safe.
 */
int wire_rsa_decrypt_password(void *pkey, const uint8_t *data, size_t n,
                              const uint8_t scramble[WIRE_SCRAMBLE_LEN], duet_buf_t *out);

/* wire_memeq_ct: constant-time comparison of n bytes. */
bool wire_memeq_ct(const void *a, const void *b, size_t n);

#endif
