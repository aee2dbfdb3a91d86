/* dispatch.h - the front end's first step for every statement: parse it under the
 * session's sql_mode and record the parser's warnings in the session. */
#ifndef DUET_PROXY_DISPATCH_H
#define DUET_PROXY_DISPATCH_H

#include <stddef.h>

#include "common/arena.h"
#include "common/err.h"
#include "proxy/session.h"
#include "sql/parser.h"

/*
 * proxy_dispatch_parse: parses text (one or more statements) into *out, allocated in
 * arena, with the parse options the session's sql_mode implies (ANSI_QUOTES,
 * PIPES_AS_CONCAT, NO_BACKSLASH_ESCAPES, HIGH_NOT_PRECEDENCE; ANSI implies the first
 * two). Hint and parser warnings go to the session's diagnostics area. Returns 0, or
 * -1 with err holding the exact MySQL/TiDB error (1064 syntax error, 1065 empty
 * query). Runs on the worker thread that owns the session.
 */
int proxy_dispatch_parse(proxy_session_t *s, duet_arena_t *arena, const char *text, size_t len,
                         sql_stmt_list_t **out, duet_err_t *err);

#endif
