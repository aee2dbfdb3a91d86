/* pd.h - the placement driver: timestamps (TSO), ids, the store registry and the region map,
 * persisted in one file under its data directory and served over rpc/ as pdpb.PD. */
#ifndef DUET_STORE_PD_PD_H
#define DUET_STORE_PD_PD_H

#include <stdbool.h>
#include <stdint.h>

#include "common/err.h"
#include "rpc/transport.h"

/* A timestamp: physical milliseconds shifted left by PD_TSO_LOGICAL_BITS, or'ed with a logical
 * counter. */
#define PD_TSO_LOGICAL_BITS  18
#define PD_TS(phys, logical) (((uint64_t)(phys) << PD_TSO_LOGICAL_BITS) | (uint64_t)(logical))
#define PD_TS_PHYSICAL(ts)   ((int64_t)((ts) >> PD_TSO_LOGICAL_BITS))

/* pd_clock_fn: wall-clock milliseconds since the epoch (injectable so tests can move it back). */
typedef int64_t (*pd_clock_fn)(void *ctx);

typedef struct pd_options {
    pd_clock_fn clock; /* NULL: CLOCK_REALTIME */
    void *clock_ctx;
    int64_t tso_window_ms; /* the high-water mark is reserved this far ahead; 0: 3000 */
    bool sync;             /* fsync the state file and directory on every save (default on) */
} pd_options_t;

/* pd_options_default: the documented defaults above. */
void pd_options_default(pd_options_t *o);

/*
 * pd_server_t: owns the TSO state, the id counter, stores and regions, all under one mutex
 * (pd_server.lock). Every function below may be called from any thread.
 */
typedef struct pd_server pd_server_t;

/*
 * pd_open: opens (creating if needed) the pd state in directory dir (made with mode 0750 when
 * missing). The TSO restarts above every timestamp it handed out before, even if the clock went
 * back. Returns 0 and *out, or -1 with err set when the directory or the state file cannot be
 * read or made.
 */
int pd_open(const char *dir, const pd_options_t *opts, pd_server_t **out, duet_err_t *err);

/* pd_close: frees the server (the state is already on disk). NULL is allowed. */
void pd_close(pd_server_t *pd);

/*
 * pd_tso: reserves count (1 .. 2^18-1) strictly increasing timestamps and returns the largest in
 * *last (the others are last-count+1 .. last-1). Returns 0, or -1 with err set for a bad count
 * or when the new high-water mark cannot be persisted.
 */
int pd_tso(pd_server_t *pd, uint32_t count, uint64_t *last, duet_err_t *err);

/* pd_alloc_id: a new cluster-unique id (stores, regions, peers), persisted before it is
 * returned. Returns 0, or -1 with err set when it cannot be persisted. */
int pd_alloc_id(pd_server_t *pd, uint64_t *id, duet_err_t *err);

/* pd_region_count: how many regions the map holds. */
int pd_region_count(pd_server_t *pd);

/* pd_register: serves pdpb.PD from pd on server. Returns 0, or -1 with err set. */
int pd_register(pd_server_t *pd, rpc_server_t *server, duet_err_t *err);

#endif
