/* exec.h - statement dispatch: the boundary between the protocol server and the SQL
 * layer. The server hands statement text to proxy_exec() and encodes whatever the SQL
 * layer reports through the result sink. */
#ifndef DUET_PROXY_EXEC_H
#define DUET_PROXY_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "proxy/session.h"
#include "wire/packet.h"
#include "wire/resultset.h"

/*
 * proxy_sink_t: where a statement's results go. It encodes result sets (text or
 * binary protocol), OK and ERR packets into out, with the session's status flags and
 * CLIENT_DEPRECATE_EOF handling. One sink per command; the thread running the
 * command owns it.
 */
/* The sink hands finished packets to the connection once this much is buffered, so a
 * large result streams out instead of piling up in memory. */
#define PROXY_SINK_FLUSH_BYTES (256u * 1024)

typedef struct proxy_sink {
    proxy_session_t *session;
    wire_out_t *out;
    /* flush: sends what out holds so far (whole packets) and may block while the client
     * is slow to read; NULL keeps everything in out. Set by the server. */
    void (*flush)(void *ctx, wire_out_t *out);
    void *flush_ctx;
    bool binary; /* binary protocol rows (COM_STMT_EXECUTE) */
    /* cursor: rows of the next result set are kept in this statement for
     * COM_STMT_FETCH instead of being sent; set by the server. */
    proxy_stmt_t *cursor;
    size_t ncols;
    wire_column_t *cols; /* copy of the current result's columns (heap) */
    uint64_t rows;
    int results; /* results sent so far */
    int errors;  /* ERR packets sent (0 or 1) */
    int last_errno;
    duet_err_t last_err; /* the last error sent */
} proxy_sink_t;

void proxy_sink_init(proxy_sink_t *k, proxy_session_t *s, wire_out_t *out, bool binary);
void proxy_sink_free(proxy_sink_t *k);

/* proxy_sink_columns: starts a result set: column count, definitions, and EOF unless
 * the client set CLIENT_DEPRECATE_EOF. cols is copied (its strings must stay valid
 * until proxy_sink_end). */
void proxy_sink_columns(proxy_sink_t *k, const wire_column_t *cols, size_t n);
/* proxy_sink_row: one row of ncols values. Returns 0, or -1 with err when a value
 * cannot be encoded as its column type. */
int proxy_sink_row(proxy_sink_t *k, const wire_value_t *vals, duet_err_t *err);
/* proxy_sink_end: ends the result set; more sets SERVER_MORE_RESULTS_EXISTS. */
void proxy_sink_end(proxy_sink_t *k, bool more);
/* proxy_sink_ok: an OK packet for a statement without a result set. */
void proxy_sink_ok(proxy_sink_t *k, uint64_t affected, uint64_t last_insert_id, const char *info,
                   bool more);
/* proxy_sink_error: an ERR packet; ends the command (no more results after it). */
void proxy_sink_error(proxy_sink_t *k, const duet_err_t *err);

/*
 * proxy_executor_t: the SQL layer's entry points. The server calls them on a worker
 * thread; any of them may be NULL. Until one is registered, statements are answered with
 * ERROR 1105 saying that execution is not built yet.
 */
typedef struct proxy_executor {
    int (*exec)(void *ctx, proxy_session_t *s, const char *text, size_t len, proxy_sink_t *sink);
    int (*prepare)(void *ctx, proxy_session_t *s, const char *text, size_t len, uint16_t *ncols,
                   uint16_t *nparams, const wire_column_t **cols, duet_err_t *err);
    int (*exec_prepared)(void *ctx, proxy_session_t *s, proxy_stmt_t *st,
                         const wire_param_t *params, proxy_sink_t *sink);
    void *ctx;
} proxy_executor_t;

/* proxy_server_set_executor: registers the SQL layer (copied). Call before
 * proxy_server_start, from the thread that created the server. */
void proxy_server_set_executor(proxy_server_t *srv, const proxy_executor_t *ops);

/*
 * proxy_exec: runs the statement text (len bytes, one or more statements when the
 * client allows multi-statements) for session s and reports every result to sink.
 * Runs on a worker thread; may block. It returns 0 when it reported at least one
 * result (an error result included) and -1 only on a bug. Until the SQL layer is
 * built, every non-empty statement is answered with ERROR 1105 (HY000) saying so.
 */
int proxy_exec(proxy_session_t *s, const char *text, size_t len, proxy_sink_t *sink);

/*
 * proxy_prepare: prepares text for COM_STMT_PREPARE: on success fills *ncols, *nparams
 * and *cols (the result columns, or NULL when unknown; owned by the SQL layer and valid
 * until the session's next call) and reports nothing: the server sends PREPARE_OK and
 * the definitions. Returns 0, or -1 with err. Worker thread. Not built yet: always 1105.
 */
int proxy_prepare(proxy_session_t *s, const char *text, size_t len, uint16_t *ncols,
                  uint16_t *nparams, const wire_column_t **cols, duet_err_t *err);

/* proxy_exec_prepared: executes a prepared statement with decoded parameters (binary
 * protocol results). Worker thread. Not built yet: reports 1105. */
int proxy_exec_prepared(proxy_session_t *s, proxy_stmt_t *st, const wire_param_t *params,
                        proxy_sink_t *sink);

#endif
