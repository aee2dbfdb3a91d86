/* dispatch.c - parse each statement under the session's sql_mode (see dispatch.h). */
#include "proxy/dispatch.h"
#include "proxy/server_int.h"
#include "proxy/sysvar.h"

#include <string.h>

/* The parse options that the session's sql_mode (a comma list) implies. */
static uint32_t dispatch_parse_mode(proxy_session_t *s)
{
    char mode[1024];
    bool is_null = false;
    duet_err_t err = {0};
    if (proxy_sysvar_get(s->server->sysvars, &s->vars, "sql_mode", 8, PROXY_REQ_SESSION, mode,
                         sizeof(mode), &is_null, &err) < 0 ||
        is_null)
        return 0;
    uint32_t bits = 0;
    for (char *save = NULL, *tok = strtok_r(mode, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "ANSI_QUOTES") == 0)
            bits |= SQL_PARSE_ANSI_QUOTES;
        else if (strcmp(tok, "PIPES_AS_CONCAT") == 0)
            bits |= SQL_PARSE_PIPES_AS_CONCAT;
        else if (strcmp(tok, "NO_BACKSLASH_ESCAPES") == 0)
            bits |= SQL_PARSE_NO_BACKSLASH_ESCAPES;
        else if (strcmp(tok, "HIGH_NOT_PRECEDENCE") == 0)
            bits |= SQL_PARSE_HIGH_NOT_PRECEDENCE;
        else if (strcmp(tok, "ANSI") == 0)
            bits |= SQL_PARSE_ANSI_QUOTES | SQL_PARSE_PIPES_AS_CONCAT;
    }
    return bits;
}

int proxy_dispatch_parse(proxy_session_t *s, duet_arena_t *arena, const char *text, size_t len,
                         sql_stmt_list_t **out, duet_err_t *err)
{
    sql_parse_opts_t opts = {.sql_mode = dispatch_parse_mode(s)};
    if (sql_parse(arena, text, len, &opts, out, err) < 0)
        return -1;
    for (uint32_t i = 0; i < (*out)->nwarnings; i++)
        proxy_session_warn(s, PROXY_WARN_WARNING, (*out)->warnings[i].code, "%s",
                           (*out)->warnings[i].msg);
    if ((*out)->n == 0)
        return duet_err_set(err, ER_EMPTY_QUERY);
    return 0;
}
