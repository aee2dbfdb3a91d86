/* executor.h - pull-based executors over chunks (open / next / close) with runtime statistics,
 * and the executors every node shares. */
#ifndef DUET_EXEC_EXECUTOR_H
#define DUET_EXEC_EXECUTOR_H

#include <stdbool.h>
#include <stdint.h>

#include "common/err.h"
#include "exec/chunk.h"
#include "exec/ctx.h"
#include "exec/expr.h"
#include "exec/memtrack.h"

/*
 * Thread safety: an executor tree is driven by one thread at a time (its task's);
 * its memory trackers may be shared with other trees of the query.
 *
 * Protocol: exec_executor_open once, then exec_executor_next until it returns
 * a chunk with no logical rows (the end), then exec_executor_close and
 * exec_executor_free. The chunk passed to next must have the executor's schema
 * (exec_executor_new_chunk); next resets it and fills it, possibly with a
 * selection vector (consumers read rows through exec_chunk_row_at).
 */

/* Runtime statistics, as EXPLAIN ANALYZE shows them. */
typedef struct exec_runtime_stats {
    uint64_t rows;    /* logical rows returned */
    uint64_t loops;   /* next calls */
    uint64_t time_ns; /* wall time in open, next and close, children included */
    int64_t mem_max;  /* peak bytes of this operator's tracker */
} exec_runtime_stats_t;

typedef struct exec_executor exec_executor_t;

typedef struct exec_executor_ops {
    const char *name; /* "TableScan", "Selection" ... */
    int (*open)(exec_executor_t *e, duet_err_t *err);
    int (*next)(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err);
    void (*close)(exec_executor_t *e);
    void (*destroy)(exec_executor_t *e); /* frees what the executor owns, not children */
} exec_executor_ops_t;

/* The common part every executor starts with. */
struct exec_executor {
    const exec_executor_ops_t *ops;
    exec_ctx_t *ctx;
    exec_executor_t *child; /* NULL for sources */
    types_field_type_t *schema;
    uint32_t ncols;
    uint32_t chunk_cap;     /* rows per chunk */
    exec_mem_tracker_t mem; /* this operator's, under the query's tracker */
    exec_runtime_stats_t stats;
};

/* exec_executor_open / next / close: run the operator, updating stats. open and
 * next return 0 or -1 with err. close may be called after a failed open. */
int exec_executor_open(exec_executor_t *e, duet_err_t *err);
int exec_executor_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err);
void exec_executor_close(exec_executor_t *e);

/* exec_executor_free: frees e and its children (after close). NULL is allowed. */
void exec_executor_free(exec_executor_t *e);

/* exec_executor_new_chunk: an empty chunk with e's schema and chunk capacity. */
exec_chunk_t *exec_executor_new_chunk(const exec_executor_t *e);

/* exec_executor_mem_max: the peak bytes e's tracker saw. */
int64_t exec_executor_mem_max(const exec_executor_t *e);

/* ---- scans ---- */

/*
 * exec_scan_source_t: what a storage engine implements to feed a scan. next
 * fills out (already reset, the scan's schema) with up to out->capacity rows;
 * no rows means the end. Each returns 0 or -1 with err.
 */
typedef struct exec_scan_source {
    int (*open)(void *state, duet_err_t *err);
    int (*next)(void *state, exec_chunk_t *out, duet_err_t *err);
    void (*close)(void *state);
} exec_scan_source_t;

/* exec_scan_new: a scan over src/state producing rows of schema[0..ncols)
 * (copied), chunk_cap rows per chunk (0: default). Memory of its chunks is
 * counted under query (may be NULL). Never fails. */
exec_executor_t *exec_scan_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                               const exec_scan_source_t *src, void *state,
                               const types_field_type_t *schema, uint32_t ncols,
                               uint32_t chunk_cap);

/* An in-memory list of chunks (borrowed) as a scan source, for tests and for
 * data already received. Each chunk's logical rows are returned in order. */
typedef struct exec_chunk_list {
    exec_chunk_t **chunks;
    uint32_t n;
    uint32_t pos, row; /* read position */
} exec_chunk_list_t;

extern const exec_scan_source_t exec_chunk_list_source;

/* ---- relational operators (each takes ownership of child) ---- */

/* exec_selection_new: the child's rows where every conds[i] is true (the
 * expressions are borrowed and must outlive the executor). */
exec_executor_t *exec_selection_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                    exec_executor_t *child, exec_expr_t *const *conds,
                                    uint32_t nconds);

/* exec_projection_new: one output column per exprs[i] (borrowed). */
exec_executor_t *exec_projection_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                     exec_executor_t *child, exec_expr_t *const *exprs,
                                     uint32_t nexprs);

/* exec_limit_new: LIMIT count OFFSET offset. */
exec_executor_t *exec_limit_new(exec_ctx_t *ctx, exec_mem_tracker_t *query, exec_executor_t *child,
                                uint64_t offset, uint64_t count);

/* ---- ordering ---- */

typedef struct exec_sort_item {
    exec_expr_t *expr; /* borrowed */
    bool desc;
} exec_sort_item_t;

/*
 * exec_sort_new: the child's rows ordered by items (NULLs first ascending, last
 * descending, as MySQL; ties keep input order). Holds every row in memory; above
 * the query quota next fails with 8175 (spilling is not implemented yet).
 */
exec_executor_t *exec_sort_new(exec_ctx_t *ctx, exec_mem_tracker_t *query, exec_executor_t *child,
                               const exec_sort_item_t *items, uint32_t nitems);

/* exec_topn_new: ORDER BY items LIMIT count OFFSET offset, keeping at most about
 * 2 * (offset + count) rows in memory. */
exec_executor_t *exec_topn_new(exec_ctx_t *ctx, exec_mem_tracker_t *query, exec_executor_t *child,
                               const exec_sort_item_t *items, uint32_t nitems, uint64_t offset,
                               uint64_t count);

/* exec_union_all_new: the rows of children[0..n) (n >= 1) in order, all with
 * the schema of children[0]. Takes ownership of the children. */
exec_executor_t *exec_union_all_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                    exec_executor_t *const *children, uint32_t n);

/* ---- joins ---- */

typedef enum exec_join_type {
    EXEC_JOIN_INNER,
    EXEC_JOIN_LEFT_OUTER, /* every probe row; build columns NULL without a match */
    EXEC_JOIN_SEMI,       /* probe rows with a match (EXISTS) */
    EXEC_JOIN_ANTI_SEMI,  /* probe rows without a match (NOT EXISTS); a NULL key never matches */
    EXEC_JOIN_NULL_AWARE_ANTI_SEMI, /* NOT IN: as ANTI_SEMI, but when the build side is not
                                     * empty a probe row with a NULL key, or any probe row once
                                     * the build side holds a NULL key, is dropped (NOT IN is
                                     * NULL, not true) */
} exec_join_type_t;

/*
 * exec_hash_join_new: joins probe (the outer side, streamed) with build (read
 * whole into a hash table first) on probe_keys[i] = build_keys[i] for i <
 * nkeys. Each key pair must have one type (the planner casts first): keys are
 * compared by their memcomparable encoding, strings by collation. A NULL key
 * never matches. Output: probe columns, then build columns (INNER and LEFT
 * OUTER only). Takes ownership of both children. Build rows are tracked under
 * query (8175 above the quota).
 */
exec_executor_t *exec_hash_join_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                    exec_executor_t *probe, exec_executor_t *build,
                                    exec_join_type_t type, exec_expr_t *const *probe_keys,
                                    exec_expr_t *const *build_keys, uint32_t nkeys);

/* ---- aggregation ---- */

typedef enum exec_agg_fn {
    EXEC_AGG_COUNT,
    EXEC_AGG_SUM,
    EXEC_AGG_AVG,
    EXEC_AGG_MIN,
    EXEC_AGG_MAX,
    EXEC_AGG_BIT_AND, /* BIGINT UNSIGNED; no rows: 18446744073709551615 */
    EXEC_AGG_BIT_OR,  /* no rows: 0 */
    EXEC_AGG_BIT_XOR, /* no rows: 0 */
    EXEC_AGG_VAR_POP, /* DOUBLE; VARIANCE() */
    EXEC_AGG_VAR_SAMP,
    EXEC_AGG_STDDEV_POP, /* STD(), STDDEV() */
    EXEC_AGG_STDDEV_SAMP,
} exec_agg_fn_t;

/*
 * Modes, so that aggregation can be split between nodes:
 *   COMPLETE: rows in, final values out.
 *   PARTIAL:  rows in, partial states out: COUNT a BIGINT; SUM its sum type;
 *             AVG two columns, count (BIGINT) then sum; MIN/MAX/BIT_* the value;
 *             VAR_ and STDDEV_ three: count, sum (DOUBLE), sum of squared
 *             deviations from the mean (DOUBLE).
 *   FINAL:    partial states in (args are the partial columns: AVG has two,
 *             count and sum; VAR_/STDDEV_ three), final values out.
 * Output columns: the aggregates' (partial) columns in order, then the
 * group-by values.
 */
typedef enum exec_agg_mode {
    EXEC_AGG_COMPLETE,
    EXEC_AGG_PARTIAL,
    EXEC_AGG_FINAL,
} exec_agg_mode_t;

#define EXEC_AGG_MAX_ARGS 4

typedef struct exec_agg_desc {
    exec_agg_fn_t fn;
    exec_expr_t *args[EXEC_AGG_MAX_ARGS]; /* borrowed; COUNT(*) has none */
    uint32_t nargs;
    bool distinct; /* COUNT/SUM/AVG(DISTINCT ...): COMPLETE mode only; COUNT may take
                    * several arguments, rows with a NULL among them are not counted */
} exec_agg_desc_t;

/* exec_agg_result_type: MySQL's type of fn over an argument of type arg (NULL
 * for COUNT(*)): COUNT BIGINT(21); SUM of exact numbers DECIMAL(p+22, s), else
 * DOUBLE; AVG of exact numbers DECIMAL(p+incr, s+incr), else DOUBLE; MIN/MAX
 * the argument's type; BIT_AND/OR/XOR BIGINT(21) UNSIGNED; VAR_ and STDDEV_
 * DOUBLE. */
types_field_type_t exec_agg_result_type(exec_agg_fn_t fn, const types_field_type_t *arg, int incr);

/*
 * exec_hash_agg_new: hash aggregation of child's rows by group_by[0..ngroup)
 * (grouping follows the values' collations), computing aggs[0..naggs) in mode.
 * Without GROUP BY an empty input still gives one row (COUNT 0, others NULL).
 * Group memory is tracked; above the query quota next fails with 8175.
 * Returns NULL with err 1105 for an argument count that does not fit a mode
 * (child then stays the caller's).
 */
exec_executor_t *exec_hash_agg_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                   exec_executor_t *child, exec_expr_t *const *group_by,
                                   uint32_t ngroup, const exec_agg_desc_t *aggs, uint32_t naggs,
                                   exec_agg_mode_t mode, duet_err_t *err);

/*
 * exec_stream_agg_new: as exec_hash_agg_new for input already ordered by the
 * group-by values (or without GROUP BY): groups are emitted as soon as the next
 * one starts, holding one group in memory. DISTINCT is refused (NULL, 1105;
 * child then stays the caller's).
 */
exec_executor_t *exec_stream_agg_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                     exec_executor_t *child, exec_expr_t *const *group_by,
                                     uint32_t ngroup, const exec_agg_desc_t *aggs, uint32_t naggs,
                                     exec_agg_mode_t mode, duet_err_t *err);

/* exec_executor_init: fills the common part (for executor implementations);
 * schema is copied. */
void exec_executor_init(exec_executor_t *e, const exec_executor_ops_t *ops, exec_ctx_t *ctx,
                        exec_mem_tracker_t *query, exec_executor_t *child,
                        const types_field_type_t *schema, uint32_t ncols, uint32_t chunk_cap);

#endif
