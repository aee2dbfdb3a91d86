/* ctx.h - the evaluation context of a statement: sql_mode, time zone, division scale and the
 * warnings sink. */
#ifndef DUET_EXEC_CTX_H
#define DUET_EXEC_CTX_H

#include <stdbool.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/err.h"
#include "types/mytime.h"
#include "types/sqlmode.h"

/*
 * Thread safety: a context belongs to one executing task (one thread at a
 * time); warnings are not locked.
 */

/* MySQL's default max_error_count: warnings kept for SHOW WARNINGS. */
#define EXEC_MAX_WARNINGS 64

typedef enum exec_warn_level {
    EXEC_WARN_NOTE,
    EXEC_WARN_WARNING,
    EXEC_WARN_ERROR,
} exec_warn_level_t;

typedef struct exec_warning {
    uint8_t level; /* exec_warn_level_t */
    int code;
    char msg[DUET_ERRMSG_SIZE];
} exec_warning_t;

/* The warnings of one statement: the first EXEC_MAX_WARNINGS kept, all counted
 * (@@warning_count). */
typedef struct exec_warnings {
    exec_warning_t items[EXEC_MAX_WARNINGS];
    uint32_t n;     /* kept */
    uint64_t total; /* raised */
} exec_warnings_t;

typedef struct exec_ctx {
    types_sqlmode_t sql_mode;
    const mytime_tz_t *tz; /* session time zone; NULL means UTC */
    int div_precision_increment;
    bool in_dml; /* evaluating for INSERT/UPDATE/DELETE: strict mode turns some warnings into errors
                  */
    exec_warnings_t *warnings; /* NULL drops warnings */
    duet_arena_t *arena;       /* per-chunk scratch for evaluation (reset by the caller) */
} exec_ctx_t;

/* exec_ctx_init: MySQL 8 defaults (TYPES_MODE_DEFAULT, UTC, increment 4) with
 * the given sinks. Never fails. */
void exec_ctx_init(exec_ctx_t *ctx, exec_warnings_t *warnings, duet_arena_t *arena);

/* exec_warn: records a warning (code and printf message); kept if there is room. */
void exec_warn(exec_ctx_t *ctx, exec_warn_level_t level, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* exec_warn_err: records e (a filled duet_err_t) as a warning of that code. */
void exec_warn_err(exec_ctx_t *ctx, const duet_err_t *e);

/* exec_warnings_clear: forgets every warning (a new statement). */
void exec_warnings_clear(exec_warnings_t *w);

#endif
