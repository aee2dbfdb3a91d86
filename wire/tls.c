/* tls.c - TLS context, self-signed certificate and RSA key pair generation (see tls.h). */
#include "wire/tls.h"
#include "common/mem.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int tls_fail(duet_err_t *err, const char *what, const char *path)
{
    char reason[256] = "unknown error";
    unsigned long e = ERR_get_error();
    if (e != 0)
        ERR_error_string_n(e, reason, sizeof(reason));
    ERR_clear_error();
    return duet_err_set(err, ER_GENERIC, "TLS: %s %s: %s", what, path ? path : "", reason);
}

static int write_pem_key(const char *path, EVP_PKEY *k, int private)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    if (private)
        fchmod(fileno(f), 0600);
    int ok =
        private ? PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) : PEM_write_PUBKEY(f, k);
    return (fclose(f) == 0 && ok == 1) ? 0 : -1;
}

static EVP_PKEY *read_private_key(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    return k;
}

/* Makes a self-signed X.509 v3 certificate valid for ten years. */
static int generate_cert(const char *cert_path, const char *key_path, duet_err_t *err)
{
    EVP_PKEY *k = EVP_RSA_gen(2048);
    if (k == NULL)
        return tls_fail(err, "cannot generate a key for", cert_path);
    X509 *x = X509_new();
    int rc = -1;
    if (x == NULL)
        goto done;
    X509_set_version(x, 2);
    uint8_t serial[8];
    FILE *ur = fopen("/dev/urandom", "r");
    if (ur == NULL || fread(serial, 1, sizeof(serial), ur) != sizeof(serial)) {
        if (ur)
            fclose(ur);
        goto done;
    }
    fclose(ur);
    serial[0] &= 0x7F;
    BIGNUM *bn = BN_bin2bn(serial, sizeof(serial), NULL);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 10L * 365 * 24 * 3600);
    X509_set_pubkey(x, k);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               (const unsigned char *)"duet_Auto_Generated_Server_Certificate", -1,
                               -1, 0);
    X509_set_issuer_name(x, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &v3, NID_basic_constraints, "critical,CA:TRUE");
    if (ext != NULL) {
        X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(x, k, EVP_sha256()) == 0)
        goto done;
    if (write_pem_key(key_path, k, 1) < 0) {
        rc = duet_err_set(err, ER_GENERIC, "TLS: cannot write %s", key_path);
        goto done;
    }
    FILE *f = fopen(cert_path, "w");
    if (f == NULL || PEM_write_X509(f, x) != 1) {
        if (f)
            fclose(f);
        rc = duet_err_set(err, ER_GENERIC, "TLS: cannot write %s", cert_path);
        goto done;
    }
    fclose(f);
    rc = 0;
done:
    if (rc < 0 && !duet_err_is_set(err))
        tls_fail(err, "cannot generate", cert_path);
    X509_free(x);
    EVP_PKEY_free(k);
    return rc;
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "r");
    if (in == NULL)
        return -1;
    FILE *out = fopen(to, "w");
    if (out == NULL) {
        fclose(in);
        return -1;
    }
    char buf[4096];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    fclose(in);
    if (fclose(out) != 0)
        rc = -1;
    return rc;
}

static int load_rsa_pair(wire_tls_t *t, const char *datadir, duet_err_t *err)
{
    char priv[4200], pub[4200];
    snprintf(priv, sizeof(priv), "%s/private_key.pem", datadir);
    snprintf(pub, sizeof(pub), "%s/public_key.pem", datadir);
    EVP_PKEY *k = read_private_key(priv);
    if (k == NULL) {
        k = EVP_RSA_gen(2048);
        if (k == NULL)
            return tls_fail(err, "cannot generate", priv);
        if (write_pem_key(priv, k, 1) < 0 || write_pem_key(pub, k, 0) < 0) {
            EVP_PKEY_free(k);
            return duet_err_set(err, ER_GENERIC, "TLS: cannot write %s", priv);
        }
    }
    BIO *mem = BIO_new(BIO_s_mem());
    if (mem == NULL || PEM_write_bio_PUBKEY(mem, k) != 1) {
        BIO_free(mem);
        EVP_PKEY_free(k);
        return tls_fail(err, "cannot encode the public key of", priv);
    }
    char *p;
    long n = BIO_get_mem_data(mem, &p);
    t->rsa_public_pem = duet_strndup(p, (size_t)n);
    t->rsa_public_len = (size_t)n;
    BIO_free(mem);
    t->rsa_key = k;
    return 0;
}

int wire_tls_load(wire_tls_t *t, const char *datadir, const char *cert, const char *key,
                  const char *ca, duet_err_t *err)
{
    memset(t, 0, sizeof(*t));
    char cert_path[4200], key_path[4200];
    if (cert && *cert && key && *key) {
        snprintf(cert_path, sizeof(cert_path), "%s", cert);
        snprintf(key_path, sizeof(key_path), "%s", key);
    } else {
        snprintf(cert_path, sizeof(cert_path), "%s/server-cert.pem", datadir);
        snprintf(key_path, sizeof(key_path), "%s/server-key.pem", datadir);
        if (access(cert_path, R_OK) != 0 || access(key_path, R_OK) != 0) {
            if (generate_cert(cert_path, key_path, err) < 0)
                return -1;
            /* The certificate is its own CA: ca.pem lets clients verify it
             * (--ssl-ca / ssl-mode=VERIFY_CA), as with MySQL's generated files. */
            char ca_path[4200];
            snprintf(ca_path, sizeof(ca_path), "%s/ca.pem", datadir);
            if (copy_file(cert_path, ca_path) < 0)
                return duet_err_set(err, ER_GENERIC, "TLS: cannot write %s", ca_path);
        }
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL)
        return tls_fail(err, "cannot create a context", NULL);
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    if (SSL_CTX_use_certificate_chain_file(ctx, cert_path) != 1) {
        SSL_CTX_free(ctx);
        return tls_fail(err, "cannot load certificate", cert_path);
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, key_path, SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1) {
        SSL_CTX_free(ctx);
        return tls_fail(err, "cannot load key", key_path);
    }
    if (ca && *ca && SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
        SSL_CTX_free(ctx);
        return tls_fail(err, "cannot load CA", ca);
    }
    t->ssl_ctx = ctx;
    if (load_rsa_pair(t, datadir, err) < 0) {
        wire_tls_free(t);
        return -1;
    }
    return 0;
}

void wire_tls_free(wire_tls_t *t)
{
    if (t->ssl_ctx)
        SSL_CTX_free(t->ssl_ctx);
    if (t->rsa_key)
        EVP_PKEY_free(t->rsa_key);
    duet_free(t->rsa_public_pem);
    memset(t, 0, sizeof(*t));
}
