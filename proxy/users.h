/* users.h - the user table: accounts, their auth plugin and hashed password, and the
 * caching_sha2 fast-auth cache. In memory for now; the catalog will persist it. */
#ifndef DUET_PROXY_USERS_H
#define DUET_PROXY_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "wire/auth.h"

typedef enum proxy_auth_plugin {
    PROXY_AUTH_NATIVE = 0,      /* mysql_native_password */
    PROXY_AUTH_CACHING_SHA2 = 1 /* caching_sha2_password */
} proxy_auth_plugin_t;

/* proxy_user_t: one account as looked up (a copy; no clear-text password anywhere). */
typedef struct proxy_user {
    char name[33];
    char host[256];
    proxy_auth_plugin_t plugin;
    bool empty_password;
    uint8_t native_hash[WIRE_SHA1_LEN]; /* native: SHA1(SHA1(pw)) */
    uint8_t sha2_salt[WIRE_SALT_LEN];   /* caching_sha2: salted hash */
    uint8_t sha2_hash[WIRE_SHA256_LEN];
    bool sha2_cached;                      /* fast-auth cache entry present */
    uint8_t sha2_digest2[WIRE_SHA256_LEN]; /* SHA256(SHA256(pw)) once cached */
} proxy_user_t;

typedef struct proxy_users proxy_users_t;

/* proxy_users_create: a table holding root@'%' with an empty password
 * (caching_sha2_password), as after mysqld --initialize-insecure. Never NULL. */
proxy_users_t *proxy_users_create(void);
/* proxy_users_destroy: frees the table. NULL allowed. Not while others use it. */
void proxy_users_destroy(proxy_users_t *u);

/* proxy_plugin_parse: "mysql_native_password" or "caching_sha2_password" (any case) →
 * 0 and *out; anything else → -1. */
int proxy_plugin_parse(const char *name, size_t n, proxy_auth_plugin_t *out);
/* proxy_plugin_name: the plugin's protocol name. */
const char *proxy_plugin_name(proxy_auth_plugin_t p);

/*
 * proxy_users_create_user: CREATE USER name@host IDENTIFIED WITH plugin BY password.
 * Returns 0, or -1 with err 1396 (Operation CREATE USER failed for 'name'@'host')
 * when the account exists. Thread-safe.
 */
int proxy_users_create_user(proxy_users_t *u, const char *name, const char *host,
                            proxy_auth_plugin_t plugin, const char *password, duet_err_t *err);
/* proxy_users_alter_user: ALTER USER ... IDENTIFIED [WITH plugin] BY password; clears the
 * fast-auth cache entry. Returns 0, or -1 with err 1396 when absent. Thread-safe. */
int proxy_users_alter_user(proxy_users_t *u, const char *name, const char *host,
                           proxy_auth_plugin_t plugin, const char *password, duet_err_t *err);
/* proxy_users_drop_user: DROP USER. Returns 0, or -1 with err 1396 when absent. */
int proxy_users_drop_user(proxy_users_t *u, const char *name, const char *host, duet_err_t *err);

/*
 * proxy_users_find: the account that matches name connecting from client_host: an
 * exact host match first, then '%', then 'localhost' for local clients (127.0.0.1,
 * ::1 or a Unix socket). Copies it to *out and returns true, or returns false.
 * Thread-safe.
 */
bool proxy_users_find(proxy_users_t *u, const char *name, size_t name_len, const char *client_host,
                      proxy_user_t *out);

/* proxy_users_verify_sha2_full: checks a clear-text password against the salted
 * caching_sha2 hash of the account found as *user; on success fills the fast-auth
 * cache. Returns true when it matches. Thread-safe. */
bool proxy_users_verify_sha2_full(proxy_users_t *u, const proxy_user_t *user, const char *pw,
                                  size_t n);

/* proxy_users_verify_native_clear: checks a clear-text password against a native
 * account (used when a client sends the password in clear over TLS). */
bool proxy_users_verify_native_clear(const proxy_user_t *user, const char *pw, size_t n);

/*
 * proxy_users_bootstrap: creates accounts from a spec "name:plugin:password[,...]"
 * (plugin "native" or "sha2" or the full names), used by tests and first-start
 * set-up until CREATE USER is reachable through SQL. Returns 0, or -1 with err.
 */
int proxy_users_bootstrap(proxy_users_t *u, const char *spec, duet_err_t *err);

#endif
