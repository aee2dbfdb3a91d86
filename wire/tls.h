/* tls.h - the server's TLS context and RSA key pair: loaded from the configured files, or
 * generated in the data directory on first start as MySQL 8 does. */
#ifndef DUET_WIRE_TLS_H
#define DUET_WIRE_TLS_H

#include <stddef.h>

#include "common/err.h"

/* wire_tls_t: owned by the server; read-only (and so shareable) once loaded. */
typedef struct wire_tls {
    void *ssl_ctx;        /* SSL_CTX *, NULL when TLS is off */
    void *rsa_key;        /* EVP_PKEY * for caching_sha2 RSA exchange */
    char *rsa_public_pem; /* NUL-terminated PEM of the public key */
    size_t rsa_public_len;
} wire_tls_t;

/*
 * wire_tls_load: sets up TLS. With cert and key set (non-empty), uses those files
 * (and ca if set); with neither set, uses <datadir>/server-cert.pem and
 * server-key.pem, generating a self-signed certificate (also written as ca.pem, so
 * clients can verify it) and its 2048-bit RSA key when they do not exist. Either way loads (or
 * generates) the RSA key pair <datadir>/private_key.pem and public_key.pem. Returns 0, or -1 with
 * err 1105 naming the file and the OpenSSL reason. Call once at start-up, one thread.
 */
int wire_tls_load(wire_tls_t *t, const char *datadir, const char *cert, const char *key,
                  const char *ca, duet_err_t *err);

/* wire_tls_free: releases everything; safe on a zeroed or freed value. */
void wire_tls_free(wire_tls_t *t);

#endif
