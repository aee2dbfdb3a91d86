/* exec.c - statement dispatch and the result sink (see exec.h). */
#include "proxy/exec.h"
#include "proxy/dispatch.h"
#include "proxy/server_int.h"
#include "common/mem.h"
#include "wire/codec.h"
#include "wire/protocol.h"
#include "wire/response.h"

#include <string.h>

void proxy_sink_init(proxy_sink_t *k, proxy_session_t *s, wire_out_t *out, bool binary)
{
    memset(k, 0, sizeof(*k));
    k->session = s;
    k->out = out;
    k->binary = binary;
}

static void maybe_flush(proxy_sink_t *k)
{
    if (k->flush != NULL && k->out->buf.len >= PROXY_SINK_FLUSH_BYTES)
        k->flush(k->flush_ctx, k->out);
}

void proxy_server_set_executor(proxy_server_t *srv, const proxy_executor_t *ops)
{
    srv->executor = *ops;
}

void proxy_sink_free(proxy_sink_t *k)
{
    duet_free(k->cols);
    k->cols = NULL;
    k->ncols = 0;
}

void proxy_sink_columns(proxy_sink_t *k, const wire_column_t *cols, size_t n)
{
    duet_free(k->cols);
    k->cols = duet_malloc((n ? n : 1) * sizeof(wire_column_t));
    memcpy(k->cols, cols, n * sizeof(wire_column_t));
    k->ncols = n;
    k->rows = 0;
    wire_out_begin(k->out);
    wire_put_lenenc(&k->out->buf, n);
    wire_out_end(k->out);
    for (size_t i = 0; i < n; i++) {
        wire_out_begin(k->out);
        wire_column_encode(&cols[i], false, &k->out->buf);
        wire_out_end(k->out);
    }
    if (k->cursor != NULL) {
        /* The metadata ends with an EOF saying a cursor exists; rows wait for FETCH. */
        proxy_stmt_close_cursor(k->cursor);
        k->cursor->cursor_open = true;
        wire_out_begin(k->out);
        wire_result_end_encode(k->session->caps, 0,
                               proxy_session_status(k->session) | WIRE_STATUS_CURSOR_EXISTS,
                               &k->out->buf);
        wire_out_end(k->out);
    } else if (!(k->session->caps & WIRE_CLIENT_DEPRECATE_EOF)) {
        wire_out_begin(k->out);
        wire_eof_encode(0, proxy_session_status(k->session), &k->out->buf);
        wire_out_end(k->out);
    }
    maybe_flush(k);
}

int proxy_sink_row(proxy_sink_t *k, const wire_value_t *vals, duet_err_t *err)
{
    if (k->cursor != NULL && k->cursor->cursor_open) {
        duet_buf_t *b = &k->cursor->cursor_rows;
        size_t at = b->len;
        wire_put_u32(b, 0);
        int rc = wire_binary_row_encode(k->cols, vals, k->ncols, b, err);
        uint32_t n = (uint32_t)(b->len - at - 4);
        memcpy(b->data + at, &n, 4);
        k->rows++;
        return rc;
    }
    wire_out_begin(k->out);
    int rc = 0;
    if (k->binary)
        rc = wire_binary_row_encode(k->cols, vals, k->ncols, &k->out->buf, err);
    else
        wire_text_row_encode(k->cols, vals, k->ncols, &k->out->buf);
    wire_out_end(k->out);
    k->rows++;
    maybe_flush(k);
    return rc;
}

static uint16_t status_with_more(proxy_sink_t *k, bool more)
{
    uint16_t st = proxy_session_status(k->session);
    if (more)
        st |= WIRE_STATUS_MORE_RESULTS_EXISTS;
    return st;
}

void proxy_sink_end(proxy_sink_t *k, bool more)
{
    if (k->cursor != NULL && k->cursor->cursor_open) {
        /* Rows are served by COM_STMT_FETCH; later results (if any) are sent. */
        k->cursor = NULL;
        k->results++;
        return;
    }
    wire_out_begin(k->out);
    wire_result_end_encode(k->session->caps, k->session->warnings, status_with_more(k, more),
                           &k->out->buf);
    wire_out_end(k->out);
    k->results++;
    maybe_flush(k);
}

void proxy_sink_ok(proxy_sink_t *k, uint64_t affected, uint64_t last_insert_id, const char *info,
                   bool more)
{
    wire_ok_t ok = {.affected_rows = affected,
                    .last_insert_id = last_insert_id,
                    .status = status_with_more(k, more),
                    .warnings = k->session->warnings,
                    .info = info};
    wire_out_begin(k->out);
    wire_ok_encode(&ok, &k->out->buf);
    wire_out_end(k->out);
    k->results++;
}

void proxy_sink_error(proxy_sink_t *k, const duet_err_t *err)
{
    if (k->cursor != NULL && k->cursor->cursor_open)
        proxy_stmt_close_cursor(k->cursor);
    if (k->session->vars.vals != NULL)
        proxy_session_add_error(k->session, err);
    wire_out_begin(k->out);
    wire_err_encode(err, &k->out->buf);
    wire_out_end(k->out);
    k->results++;
    k->errors++;
    k->last_errno = err->code;
    k->last_err = *err;
}

/* The answer for a statement that parsed but that nothing can run yet. */
static void not_built(duet_err_t *err, const sql_stmt_list_t *list)
{
    duet_err_set(err, ER_GENERIC,
                 "statement execution is not built yet: duet parses this %s statement but "
                 "cannot run it",
                 sql_stmt_kind_name(list->stmts[0]->kind));
}

int proxy_exec(proxy_session_t *s, const char *text, size_t len, proxy_sink_t *sink)
{
    const proxy_executor_t *x = &s->server->executor;
    if (x->exec != NULL)
        return x->exec(x->ctx, s, text, len, sink);
    duet_err_t err = {0};
    proxy_session_clear_diag(s);
    duet_arena_t *arena = duet_arena_create(0);
    sql_stmt_list_t *list;
    if (proxy_dispatch_parse(s, arena, text, len, &list, &err) == 0)
        not_built(&err, list);
    duet_arena_destroy(arena);
    proxy_sink_error(sink, &err);
    return 0;
}

int proxy_prepare(proxy_session_t *s, const char *text, size_t len, uint16_t *ncols,
                  uint16_t *nparams, const wire_column_t **cols, duet_err_t *err)
{
    const proxy_executor_t *x = &s->server->executor;
    if (x->prepare != NULL)
        return x->prepare(x->ctx, s, text, len, ncols, nparams, cols, err);
    proxy_session_clear_diag(s);
    duet_arena_t *arena = duet_arena_create(0);
    sql_stmt_list_t *list;
    if (proxy_dispatch_parse(s, arena, text, len, &list, err) == 0)
        not_built(err, list);
    duet_arena_destroy(arena);
    return -1;
}

int proxy_exec_prepared(proxy_session_t *s, proxy_stmt_t *st, const wire_param_t *params,
                        proxy_sink_t *sink)
{
    const proxy_executor_t *x = &s->server->executor;
    if (x->exec_prepared != NULL)
        return x->exec_prepared(x->ctx, s, st, params, sink);
    /* Without an executor no statement can have been prepared. */
    duet_err_t err = {0};
    proxy_session_clear_diag(s);
    duet_err_set(&err, ER_GENERIC, "statement execution is not built yet");
    proxy_sink_error(sink, &err);
    return 0;
}
