/* session.c - per-session state (see session.h). */
#include "proxy/session.h"
#include "common/mem.h"
#include "proxy/server.h"
#include "wire/protocol.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <time.h>

uint16_t proxy_session_status(const proxy_session_t *s)
{
    uint16_t st = 0;
    if (proxy_sysvar_session_bool(&s->vars, "autocommit"))
        st |= WIRE_STATUS_AUTOCOMMIT;
    if (s->in_trans)
        st |= WIRE_STATUS_IN_TRANS;
    /* The definitions are one array, so a definition's slot is its offset in it. */
    const proxy_sysvar_def_t *d = proxy_sysvar_find("sql_mode", 8);
    ptrdiff_t i = d ? d - proxy_sysvar_at(0) : -1;
    if (i >= 0 && s->vars.vals != NULL && s->vars.vals[i] != NULL &&
        strstr(s->vars.vals[i], "NO_BACKSLASH_ESCAPES") != NULL)
        st |= WIRE_STATUS_NO_BACKSLASH_ESCAPES;
    return st;
}

static void free_stmts(proxy_session_t *s)
{
    proxy_stmt_t *st = s->stmts;
    while (st) {
        proxy_stmt_t *next = st->next;
        wire_stmt_params_free(&st->params);
        duet_buf_free(&st->cursor_rows);
        duet_free(st->text);
        duet_free(st->name);
        duet_free(st);
        st = next;
    }
    s->stmts = NULL;
}

void proxy_session_clear_diag(proxy_session_t *s)
{
    s->ndiag = 0;
    s->warnings = 0;
    s->errors = 0;
}

static void diag_add(proxy_session_t *s, proxy_warn_level_t level, int code, const char *msg)
{
    if (level == PROXY_WARN_ERROR)
        s->errors++;
    if (s->warnings < UINT16_MAX)
        s->warnings++;
    size_t cap = (size_t)proxy_sysvar_session_int(&s->vars, "max_error_count");
    if (s->ndiag >= cap)
        return;
    if (s->ndiag == s->diag_cap) {
        s->diag_cap = s->diag_cap ? s->diag_cap * 2 : 4;
        s->diag = duet_realloc(s->diag, s->diag_cap * sizeof(proxy_warning_t));
    }
    proxy_warning_t *w = &s->diag[s->ndiag++];
    w->level = level;
    w->code = code;
    snprintf(w->msg, sizeof(w->msg), "%s", msg);
}

void proxy_session_warn(proxy_session_t *s, proxy_warn_level_t level, int code, const char *fmt,
                        ...)
{
    if (level == PROXY_WARN_NOTE && !proxy_sysvar_session_bool(&s->vars, "sql_notes"))
        return;
    char msg[DUET_ERRMSG_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag_add(s, level, code, msg);
}

void proxy_session_add_error(proxy_session_t *s, const duet_err_t *err)
{
    diag_add(s, PROXY_WARN_ERROR, err->code, err->msg);
}

void proxy_session_reset(proxy_session_t *s)
{
    proxy_session_clear_diag(s);
    free_stmts(s);
    proxy_sysvar_session_free(&s->vars);
    proxy_sysvar_session_init(proxy_server_sysvars(s->server), &s->vars);
    s->warnings = 0;
    s->in_trans = false;
}

void proxy_session_free(proxy_session_t *s)
{
    duet_free(s->diag);
    s->diag = NULL;
    s->ndiag = s->diag_cap = 0;
    free_stmts(s);
    proxy_sysvar_session_free(&s->vars);
}

int proxy_session_check_timeout(proxy_session_t *s, duet_err_t *err)
{
    int64_t limit_ms = proxy_sysvar_session_int(&s->vars, "max_execution_time");
    if (limit_ms <= 0 || s->started_us == 0)
        return 0;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
    if (now - s->started_us > (uint64_t)limit_ms * 1000u)
        return duet_err_set(err, ER_QUERY_TIMEOUT);
    return 0;
}

int proxy_session_check_killed(proxy_session_t *s, duet_err_t *err)
{
    if (atomic_load(&s->killed) != PROXY_KILL_NONE)
        return duet_err_set(err, ER_QUERY_INTERRUPTED);
    return 0;
}

void proxy_stmt_close_cursor(proxy_stmt_t *st)
{
    st->cursor_open = false;
    st->cursor_pos = 0;
    duet_buf_free(&st->cursor_rows);
}

proxy_stmt_t *proxy_stmt_find_name(proxy_session_t *s, const char *name)
{
    for (proxy_stmt_t *st = s->stmts; st; st = st->next)
        if (st->name != NULL && strcasecmp(st->name, name) == 0)
            return st;
    return NULL;
}

proxy_stmt_t *proxy_stmt_add(proxy_session_t *s, const char *name, const char *text, size_t len,
                             uint16_t ncols, uint16_t nparams)
{
    if (name != NULL) {
        proxy_stmt_t *old = proxy_stmt_find_name(s, name);
        if (old != NULL)
            proxy_stmt_close(s, old->id);
    }
    proxy_stmt_t *st = duet_calloc(1, sizeof(*st));
    st->id = ++s->next_stmt_id;
    if (name != NULL) {
        st->name = duet_strdup(name);
        for (char *p = st->name; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    st->text = duet_strndup(text, len);
    st->text_len = len;
    st->ncols = ncols;
    wire_stmt_params_init(&st->params, nparams);
    st->next = s->stmts;
    s->stmts = st;
    return st;
}

proxy_stmt_t *proxy_stmt_find(proxy_session_t *s, uint32_t id)
{
    for (proxy_stmt_t *st = s->stmts; st; st = st->next)
        if (st->id == id)
            return st;
    return NULL;
}

void proxy_stmt_close(proxy_session_t *s, uint32_t id)
{
    for (proxy_stmt_t **pp = &s->stmts; *pp; pp = &(*pp)->next) {
        if ((*pp)->id == id) {
            proxy_stmt_t *st = *pp;
            *pp = st->next;
            wire_stmt_params_free(&st->params);
            duet_buf_free(&st->cursor_rows);
            duet_free(st->text);
            duet_free(st->name);
            duet_free(st);
            return;
        }
    }
}
