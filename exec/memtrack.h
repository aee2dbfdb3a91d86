/* memtrack.h - memory trackers: per query and per operator, with the tidb_mem_quota_query limit. */
#ifndef DUET_EXEC_MEMTRACK_H
#define DUET_EXEC_MEMTRACK_H

#include <stdint.h>

#include "common/err.h"

/*
 * A tracker counts bytes held by one operator or one query; an operator's
 * tracker has the query's as parent, and consumption propagates upward.
 * Counters are atomic, so operators of one query may run on several threads;
 * a tracker is attached to its parent before any thread uses it.
 */
typedef struct exec_mem_tracker {
    struct exec_mem_tracker *parent;
    const char *label; /* "query", "HashAgg_5" ... (borrowed) */
    int64_t quota;     /* bytes; 0 = unlimited */
    _Atomic int64_t consumed;
    _Atomic int64_t max_consumed;
} exec_mem_tracker_t;

/* exec_mem_tracker_init: a tracker with no usage under parent (may be NULL). */
void exec_mem_tracker_init(exec_mem_tracker_t *t, exec_mem_tracker_t *parent, const char *label,
                           int64_t quota);

/*
 * exec_mem_consume: adds delta bytes (negative releases) to t and its ancestors.
 * Returns 0, or -1 with ERROR 8175 (HY000) "Your query has been cancelled due to
 * exceeding the allowed memory limit for a single SQL query." when a positive
 * delta takes any of them above its quota (the bytes stay counted; the caller
 * releases them when it frees the memory). Any thread.
 */
int exec_mem_consume(exec_mem_tracker_t *t, int64_t delta, duet_err_t *err);

/* exec_mem_release_all: the bytes t still holds, given back to its ancestors; t is
 * zero afterwards. */
void exec_mem_release_all(exec_mem_tracker_t *t);

/* exec_mem_consumed / exec_mem_max: current and peak bytes. */
int64_t exec_mem_consumed(const exec_mem_tracker_t *t);
int64_t exec_mem_max(const exec_mem_tracker_t *t);

#endif
