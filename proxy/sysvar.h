/* sysvar.h - the system-variable registry: names, scopes, types, defaults, validation,
 * global values, and per-session copies. */
#ifndef DUET_PROXY_SYSVAR_H
#define DUET_PROXY_SYSVAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/err.h"
#include "wire/resultset.h"

enum {
    PROXY_SCOPE_GLOBAL = 1,
    PROXY_SCOPE_SESSION = 2,
    PROXY_SCOPE_BOTH = 3,
};

typedef enum proxy_sysvar_type {
    PROXY_SV_BOOL, /* ON/OFF, 1/0, TRUE/FALSE */
    PROXY_SV_INT,  /* signed integer in [min, max] */
    PROXY_SV_UINT, /* unsigned 64-bit (sql_select_limit) */
    PROXY_SV_ENUM, /* one of values (case-insensitive), or its index */
    PROXY_SV_SET,  /* comma list of values (sql_mode) */
    PROXY_SV_STR,  /* free text, or checked by a validator */
} proxy_sysvar_type_t;

/* How a statement names the scope: @@x / SET x (DEFAULT), @@global.x, @@session.x. */
typedef enum proxy_scope_req {
    PROXY_REQ_DEFAULT = 0,
    PROXY_REQ_GLOBAL,
    PROXY_REQ_SESSION,
} proxy_scope_req_t;

typedef struct proxy_sysvar_def {
    const char *name;
    int scope;
    proxy_sysvar_type_t type;
    const char *def; /* default; NULL for values computed at start-up */
    int64_t min, max;
    const char *const *values; /* ENUM and SET members, NULL-terminated */
    bool read_only;
    bool nullable; /* may be set to NULL (character_set_results) */
    /* validate: normalises value into out (size outsz); returns 0 or -1. */
    int (*validate)(const char *value, char *out, size_t outsz);
} proxy_sysvar_def_t;

/* A value being assigned: SET x = 1 / 'text' / DEFAULT / NULL / 1.5. */
typedef enum proxy_sv_kind {
    PROXY_SVV_INT,
    PROXY_SVV_STR,
    PROXY_SVV_DOUBLE,
    PROXY_SVV_DEFAULT,
    PROXY_SVV_NULL,
} proxy_sv_kind_t;

typedef struct proxy_sv_value {
    proxy_sv_kind_t kind;
    int64_t i;
    double d;
    const char *s;
} proxy_sv_value_t;

/* proxy_sysvars_t: the global values, guarded by one mutex inside. */
typedef struct proxy_sysvars proxy_sysvars_t;

/* proxy_sysvars_create: globals at their defaults, with the start-up values that come
 * from cfg (port, socket, datadir, engines, enforce-mpp, TLS, limits). Never NULL. */
proxy_sysvars_t *proxy_sysvars_create(const duet_config_t *cfg, bool have_ssl);
void proxy_sysvars_destroy(proxy_sysvars_t *g);

/*
 * proxy_sysvars_persist: makes SET GLOBAL durable in the file at path (in the data
 * directory) until the catalog stores global variables: loads the values saved there (a
 * line "name<TAB>value", value escaped with \\, \t, \n; "\N" for NULL), then rewrites the
 * file (temporary file + rename) after every successful SET GLOBAL. A line naming an
 * unknown variable or an invalid value is skipped. Returns 0, or -1 with err when the
 * file exists but cannot be read. Call once at start-up, before sessions exist.
 */
int proxy_sysvars_persist(proxy_sysvars_t *g, const char *path, duet_err_t *err);

/* proxy_sysvar_find: the definition named name (case-insensitive), or NULL. Any thread. */
const proxy_sysvar_def_t *proxy_sysvar_find(const char *name, size_t n);
/* proxy_sysvar_count / proxy_sysvar_at: iterate over all definitions (sorted by name). */
size_t proxy_sysvar_count(void);
const proxy_sysvar_def_t *proxy_sysvar_at(size_t i);

/* proxy_sysvar_session_t: one session's values: a heap array parallel to the
 * definitions (NULL = SQL NULL or not session-scoped). Owned by the session thread. */
typedef struct proxy_sysvar_session {
    char **vals;
} proxy_sysvar_session_t;

/* proxy_sysvar_session_init: copies the current globals (new sessions see SET GLOBAL). */
void proxy_sysvar_session_init(proxy_sysvars_t *g, proxy_sysvar_session_t *s);
void proxy_sysvar_session_free(proxy_sysvar_session_t *s);

/*
 * proxy_sysvar_get: the value of name as SELECT @@[scope.]name reads it, written to
 * out (NUL-terminated; *is_null for SQL NULL). Returns 0, or -1 with err 1193 for an
 * unknown name, 1238 for @@session of a GLOBAL-only or @@global of a SESSION-only
 * variable. s may be NULL for GLOBAL reads. Thread-safe for the globals.
 */
int proxy_sysvar_get(proxy_sysvars_t *g, proxy_sysvar_session_t *s, const char *name, size_t n,
                     proxy_scope_req_t req, char *out, size_t outsz, bool *is_null,
                     duet_err_t *err);

/*
 * proxy_sysvar_select: @@[scope.]name as a SELECT column: BOOL variables read as the
 * integers 1/0 and INT ones as BIGINT (MySQL's @@autocommit is 1, not ON); ENUM, SET and
 * string variables as VARCHAR in utf8mb4. Fills *col (type, charset, flags, length;
 * names are left to the caller) and *val, whose bytes live in buf. Errors as
 * proxy_sysvar_get. Thread-safe for the globals.
 */
int proxy_sysvar_select(proxy_sysvars_t *g, proxy_sysvar_session_t *s, const char *name, size_t n,
                        proxy_scope_req_t req, wire_column_t *col, wire_value_t *val, char *buf,
                        size_t bufsz, duet_err_t *err);

/*
 * proxy_sysvar_set: SET [GLOBAL|SESSION] name = v. Errors: 1193 unknown, 1238 read only
 * ("Variable 'x' is a read only variable"), 1228 GLOBAL on a SESSION-only variable,
 * 1229 SESSION on a GLOBAL-only variable, 1232 wrong value type, 1231 a value outside
 * the allowed set. An integer out of range is clamped and *truncated set (the caller
 * adds warning 1292). Returns 0 or -1. GLOBAL changes affect new sessions only.
 */
int proxy_sysvar_set(proxy_sysvars_t *g, proxy_sysvar_session_t *s, const char *name, size_t n,
                     proxy_scope_req_t req, const proxy_sv_value_t *v, bool *truncated,
                     duet_err_t *err);

/*
 * proxy_sysvar_session_collation: what the handshake's collation id means, as SET NAMES
 * would do it: character_set_client, _connection, _results and collation_connection of
 * session s. Returns 0, or -1 for an id duet does not know (the session keeps the server
 * defaults, as MySQL does). Owner thread.
 */
int proxy_sysvar_session_collation(proxy_sysvars_t *g, proxy_sysvar_session_t *s, uint16_t id);

/* proxy_sysvar_session_bool / _int: fast reads of a session value by name (the name
 * must exist; used by the server for autocommit, wait_timeout, ...). */
bool proxy_sysvar_session_bool(const proxy_sysvar_session_t *s, const char *name);
int64_t proxy_sysvar_session_int(const proxy_sysvar_session_t *s, const char *name);
/* proxy_sysvar_global_int: the global integer value of name. Thread-safe. */
int64_t proxy_sysvar_global_int(proxy_sysvars_t *g, const char *name);

#endif
