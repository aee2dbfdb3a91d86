/* session.h - one client session: identity, negotiated protocol options, variables,
 * prepared statements, and the kill flag another connection may raise. */
#ifndef DUET_PROXY_SESSION_H
#define DUET_PROXY_SESSION_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/err.h"

#include "proxy/sysvar.h"
#include "wire/stmt.h"

typedef struct proxy_server proxy_server_t;

enum {
    PROXY_KILL_NONE = 0,
    PROXY_KILL_QUERY = 1,      /* KILL QUERY: the running statement ends with 1317 */
    PROXY_KILL_CONNECTION = 2, /* KILL [CONNECTION]: the connection closes */
};

/* proxy_stmt_t: a prepared statement (COM_STMT_PREPARE or SQL PREPARE share these). */
typedef struct proxy_stmt {
    uint32_t id;
    char *name; /* SQL PREPARE name (lower-cased), NULL for COM_STMT_PREPARE */
    char *text;
    size_t text_len;
    uint16_t ncols;
    wire_stmt_params_t params;
    /* An open read-only cursor (COM_STMT_EXECUTE with CURSOR_TYPE_READ_ONLY): the result's
     * binary rows, each stored as a 4-byte length and the row payload. */
    bool cursor_open;
    duet_buf_t cursor_rows;
    size_t cursor_pos;
    struct proxy_stmt *next;
} proxy_stmt_t;

typedef enum proxy_warn_level {
    PROXY_WARN_NOTE = 0,
    PROXY_WARN_WARNING = 1,
    PROXY_WARN_ERROR = 2,
} proxy_warn_level_t;

/* proxy_warning_t: one row of SHOW WARNINGS / SHOW ERRORS. */
typedef struct proxy_warning {
    proxy_warn_level_t level;
    int code;
    char msg[DUET_ERRMSG_SIZE];
} proxy_warning_t;

/*
 * proxy_session_t: owned by its connection. Between commands the connection's loop
 * thread owns it; while a statement runs, the worker running it does. Only killed
 * is touched by other threads.
 */
typedef struct proxy_session {
    proxy_server_t *server;
    uint64_t conn_id;
    char user[33];
    char host[64];         /* client address as MySQL shows it: 127.0.0.1, localhost */
    char user_host[256];   /* the matched account's host ('%', 'localhost', ...) */
    char db[65];           /* current database, "" for none */
    uint32_t caps;         /* negotiated capabilities */
    uint8_t collation;     /* client collation from the handshake */
    bool secure;           /* TLS or Unix socket */
    uint16_t warnings;     /* warning_count of the last statement (all, also unkept) */
    uint16_t errors;       /* error_count of the last statement */
    proxy_warning_t *diag; /* the kept ones, at most max_error_count (heap) */
    size_t ndiag, diag_cap;
    bool in_trans;
    proxy_sysvar_session_t vars;
    proxy_stmt_t *stmts;
    uint32_t next_stmt_id;
    atomic_int killed;
    uint64_t started_us; /* monotonic start of the running command (max_execution_time) */
} proxy_session_t;

/* proxy_session_status: the server status flags to send now (AUTOCOMMIT, IN_TRANS,
 * NO_BACKSLASH_ESCAPES). Owner thread only. */
uint16_t proxy_session_status(const proxy_session_t *s);

/* proxy_session_reset: COM_RESET_CONNECTION / COM_CHANGE_USER: fresh variables from the
 * globals, no statements, no warnings, no transaction. Owner thread only. */
void proxy_session_reset(proxy_session_t *s);

/* proxy_session_free: releases variables and statements. Owner thread only. */
void proxy_session_free(proxy_session_t *s);

/*
 * Diagnostics area: a statement starts with proxy_session_clear_diag() (SHOW WARNINGS and
 * SHOW ERRORS do not, so they read the previous statement's), then adds notes, warnings
 * and errors. All are counted; the first max_error_count are kept. Notes are dropped when
 * sql_notes is OFF. Owner thread.
 */
void proxy_session_clear_diag(proxy_session_t *s);
void proxy_session_warn(proxy_session_t *s, proxy_warn_level_t level, int code, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));
/* proxy_session_add_error: records err (level Error); proxy_sink_error calls it. */
void proxy_session_add_error(proxy_session_t *s, const duet_err_t *err);

/* proxy_session_check_killed: for the executor, between rows or batches: returns -1 with
 * err 1317 (Query execution was interrupted) once KILL [QUERY] hit this session, else 0.
 * Owner thread. */
int proxy_session_check_killed(proxy_session_t *s, duet_err_t *err);

/* proxy_session_check_timeout: for read-only SELECTs (MySQL applies max_execution_time
 * to those only): returns -1 with err 3024 once the running command has taken longer
 * than max_execution_time milliseconds (0 = no limit), else 0. Owner thread. */
int proxy_session_check_timeout(proxy_session_t *s, duet_err_t *err);

/*
 * proxy_stmt_add: registers a prepared statement with a new id (COM_STMT_PREPARE, name
 * NULL) or under an SQL name (PREPARE name FROM ..., replacing a statement of that name,
 * matched case-insensitively). Returns the statement, owned by the session. Owner thread.
 */
proxy_stmt_t *proxy_stmt_add(proxy_session_t *s, const char *name, const char *text, size_t len,
                             uint16_t ncols, uint16_t nparams);
/* proxy_stmt_find_name: the statement prepared as name, or NULL. */
proxy_stmt_t *proxy_stmt_find_name(proxy_session_t *s, const char *name);

/* proxy_stmt_close_cursor: forgets the statement's open cursor, if any. */
void proxy_stmt_close_cursor(proxy_stmt_t *st);

/* proxy_stmt_find: the statement with id, or NULL. Owner thread only. */
proxy_stmt_t *proxy_stmt_find(proxy_session_t *s, uint32_t id);
/* proxy_stmt_close: removes and frees statement id; no-op when absent. */
void proxy_stmt_close(proxy_session_t *s, uint32_t id);

#endif
