/* expr.h - expression trees (column refs, constants, scalar functions by signature) and their
 * vectorized evaluation over chunks. */
#ifndef DUET_EXEC_EXPR_H
#define DUET_EXEC_EXPR_H

#include <stdbool.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/err.h"
#include "exec/chunk.h"
#include "exec/ctx.h"
#include "types/datum.h"
#include "types/field_type.h"

/*
 * Thread safety: an expression tree is immutable after it is built, so any
 * number of threads may evaluate it at once, each with its own context, chunk
 * and output column.
 */

typedef enum exec_expr_kind {
    EXEC_EXPR_COLUMN,
    EXEC_EXPR_CONST,
    EXEC_EXPR_FUNC,
} exec_expr_kind_t;

/*
 * Scalar function signatures: the id a DAG carries. The evaluator picks the
 * typed code path from the argument types, which are fixed at build time.
 */
typedef enum exec_sig {
    EXEC_SIG_EQ,     /* = */
    EXEC_SIG_NE,     /* <> */
    EXEC_SIG_LT,     /* < */
    EXEC_SIG_LE,     /* <= */
    EXEC_SIG_GT,     /* > */
    EXEC_SIG_GE,     /* >= */
    EXEC_SIG_NULLEQ, /* <=> */
    EXEC_SIG_PLUS,   /* + */
    EXEC_SIG_MINUS,  /* - */
    EXEC_SIG_MUL,    /* * */
    EXEC_SIG_DIV,    /* / */
    EXEC_SIG_INTDIV, /* DIV */
    EXEC_SIG_MOD,    /* % and MOD */
    EXEC_SIG_NEG,    /* unary - */
    EXEC_SIG_AND,
    EXEC_SIG_OR,
    EXEC_SIG_XOR,
    EXEC_SIG_NOT,
    EXEC_SIG_ISNULL,    /* IS NULL */
    EXEC_SIG_ISNOTNULL, /* IS NOT NULL */
    EXEC_SIG_IN,        /* args[0] IN (args[1..]) */
    EXEC_SIG_BETWEEN, /* args[0] BETWEEN args[1] AND args[2]; built as (a0 >= a1) AND (a0 <= a2) */
    EXEC_SIG_IF,      /* IF(c, a, b) */
    EXEC_SIG_IFNULL,
    EXEC_SIG_COALESCE,
    EXEC_SIG_NULLIF,
    EXEC_SIG_CASE, /* CASE WHEN a0 THEN a1 [WHEN a2 THEN a3 ...] [ELSE an] END */
    EXEC_SIG_CAST, /* CAST(a0 AS <the expression's type>) */
    EXEC_SIG_LIKE, /* a0 LIKE a1 [ESCAPE a2] */
    EXEC_SIG_COUNT_
} exec_sig_t;

typedef struct exec_expr {
    uint8_t kind;          /* exec_expr_kind_t */
    uint8_t sig;           /* exec_sig_t, for EXEC_EXPR_FUNC */
    uint8_t cmp_type;      /* types_cmp_type_t of args[0] vs args[1], for comparisons */
    types_field_type_t ft; /* result type */
    uint32_t col;          /* EXEC_EXPR_COLUMN: input column index */
    const char *name;      /* EXEC_EXPR_COLUMN: name used in messages (may be NULL) */
    types_datum_t value;   /* EXEC_EXPR_CONST */
    uint32_t nargs;
    struct exec_expr **args;
} exec_expr_t;

/* exec_expr_column: a reference to input column col of type ft, shown as name
 * (e.g. "test.t.a") in error texts. Allocated in arena. Never fails. */
exec_expr_t *exec_expr_column(duet_arena_t *arena, uint32_t col, const types_field_type_t *ft,
                              const char *name);

/* exec_expr_const: a constant v (bytes copied into arena) of type ft. Never fails. */
exec_expr_t *exec_expr_const(duet_arena_t *arena, const types_datum_t *v,
                             const types_field_type_t *ft);

/*
 * exec_expr_func: sig(args[0..nargs)) in arena. ft is the result type; NULL
 * infers it as MySQL does (BIGINT(1) for comparisons, logic and LIKE;
 * types_arith_result_type for arithmetic with div_precision_increment incr;
 * the merged type of the value arguments for IF, IFNULL, COALESCE, CASE; the
 * first argument's for NULLIF). CAST needs ft. Returns NULL with err 1582
 * (wrong argument count) or 1105 (CAST without a type).
 */
exec_expr_t *exec_expr_func(duet_arena_t *arena, exec_sig_t sig, const types_field_type_t *ft,
                            exec_expr_t **args, uint32_t nargs, int incr, duet_err_t *err);

/* exec_sig_name: "eq", "plus", "like" ... (for EXPLAIN and the DAG). */
const char *exec_sig_name(exec_sig_t sig);

/* exec_expr_print: appends the expression as MySQL shows it in messages:
 * "(test.t.a + 1)", "cast(a as signed)". */
void exec_expr_print(const exec_expr_t *e, duet_buf_t *out);

/*
 * exec_expr_eval: evaluates e over every row of chunk that the selection keeps
 * (all rows without one) into out, which the caller initialised with
 * exec_column_init (any type: it is re-typed to e->ft). out gets one row per
 * physical row of chunk; rows the selection drops are NULL. Warnings (1292,
 * 1365 ...) go to ctx. Returns 0, or -1 with err (e.g. 1690 "BIGINT value is out
 * of range in '(a + b)'"), out then holding partial results.
 */
int exec_expr_eval(const exec_expr_t *e, const exec_chunk_t *chunk, exec_ctx_t *ctx,
                   exec_column_t *out, duet_err_t *err);

/*
 * exec_expr_filter: evaluates the conjunction of conds[0..n) over chunk and
 * installs the rows where all are true as chunk's selection (narrowing an
 * existing one). Returns 0, or -1 with err (the selection is then unchanged).
 */
int exec_expr_filter(exec_expr_t *const *conds, uint32_t n, exec_chunk_t *chunk, exec_ctx_t *ctx,
                     duet_err_t *err);

/* exec_expr_eval_row: evaluates e on physical row row of chunk into *out (bytes in
 * ctx->arena). Returns 0 or -1 with err. */
int exec_expr_eval_row(const exec_expr_t *e, const exec_chunk_t *chunk, uint32_t row,
                       exec_ctx_t *ctx, types_datum_t *out, duet_err_t *err);

#endif
