/* ctx.c - the evaluation context and its warnings sink. */
#include "exec/ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "types/decimal.h"

void exec_ctx_init(exec_ctx_t *ctx, exec_warnings_t *warnings, duet_arena_t *arena)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->sql_mode = TYPES_MODE_DEFAULT;
    ctx->div_precision_increment = TYPES_DIV_PRECISION_INCREMENT;
    ctx->warnings = warnings;
    ctx->arena = arena;
}

static exec_warning_t *slot(exec_ctx_t *ctx)
{
    exec_warnings_t *w = ctx->warnings;
    if (!w)
        return NULL;
    w->total++;
    if (w->n >= EXEC_MAX_WARNINGS)
        return NULL;
    return &w->items[w->n++];
}

void exec_warn(exec_ctx_t *ctx, exec_warn_level_t level, int code, const char *fmt, ...)
{
    exec_warning_t *s = slot(ctx);
    if (!s)
        return;
    s->level = (uint8_t)level;
    s->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
    va_end(ap);
}

void exec_warn_err(exec_ctx_t *ctx, const duet_err_t *e)
{
    exec_warning_t *s = slot(ctx);
    if (!s)
        return;
    s->level = EXEC_WARN_WARNING;
    s->code = e->code;
    memcpy(s->msg, e->msg, sizeof(s->msg));
}

void exec_warnings_clear(exec_warnings_t *w)
{
    w->n = 0;
    w->total = 0;
}
