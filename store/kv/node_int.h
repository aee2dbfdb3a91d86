/* node_int.h - the kv node's internals shared by node.c (regions, splits, pd) and service.c
 * (the RPC handlers). Not for use outside store/kv. */
#ifndef DUET_STORE_KV_NODE_INT_H
#define DUET_STORE_KV_NODE_INT_H

#include <pthread.h>

#include "common/buf.h"
#include "rpc/errorpb.pb-c.h"
#include "rpc/metapb.pb-c.h"
#include "store/kv/engine.h"
#include "store/kv/node.h"

#define KV_LATCH_SLOTS 2048

typedef struct kv_region {
    uint64_t id, peer_id, conf_ver, version;
    duet_buf_t start, end; /* raw keys; an empty end means no bound */
    uint64_t approx_size;  /* bytes written since the last size check; __atomic */
} kv_region_t;

/* kv_region_view_t: a copy of a region's identity and range taken under the table lock. */
typedef struct kv_region_view {
    uint64_t id, conf_ver, version;
    ProtobufCBinaryData start, end; /* arena copies */
} kv_region_view_t;

struct kv_node {
    kv_engine_t eng;
    kv_node_options_t opts;
    rpc_transport_t *pd; /* borrowed */
    uint64_t store_id;
    kv_cop_fn cop_fn;
    void *cop_ctx;
    pthread_rwlock_t split_lock; /* writers hold it shared for a whole action, splits alone */
    pthread_mutex_t latches[KV_LATCH_SLOTS]; /* by key hash: one writer of a key at a time */
    pthread_rwlock_t regions_lock;           /* guards regions and n_regions */
    kv_region_t **regions;                   /* sorted by start key */
    size_t n_regions;
    bool size_checking;      /* a writer is measuring a region for a split; __atomic */
    pthread_t gc_thread;     /* the GC worker, when gc_running */
    bool gc_running;         /* set and cleared by the opening thread only */
    int gc_interval_ms;      /* fixed while the worker runs */
    pthread_mutex_t gc_lock; /* guards gc_stop and gc_rounds */
    pthread_cond_t gc_cond;  /* signals gc_stop */
    bool gc_stop;
    uint64_t gc_rounds;
};

/*
 * kv_node_check_ctx: checks a request's context: the region exists here, this store leads it,
 * and the epoch matches. Returns NULL and fills *view, or the region error (in arena).
 */
Errorpb__Error *kv_node_check_ctx(kv_node_t *node, const Kvrpcpb__Context *ctx, duet_arena_t *arena,
                                  kv_region_view_t *view);

/* kv_node_check_key: NULL when key lies in the region, else KeyNotInRegion (in arena). */
Errorpb__Error *kv_node_check_key(const kv_region_view_t *view, ProtobufCBinaryData key,
                                  duet_arena_t *arena);

/*
 * kv_node_split_locked: splits region id at keys (sorted or not; each must lie strictly inside
 * it). New regions take the left parts; the region keeps the rightmost part; every part's
 * version moves up by the number of keys. Persists, then reports to pd. Caller holds
 * node->split_lock for writing. *out gets the resulting regions in key order (arena). Returns 0, a
 * region error in *rerr, or -1 with err set.
 */
int kv_node_split_locked(kv_node_t *node, uint64_t id, ProtobufCBinaryData *keys, size_t n,
                         duet_arena_t *arena, Metapb__Region ***out, size_t *n_out,
                         Errorpb__Error **rerr, duet_err_t *err);

/* kv_node_wrote: accounts bytes written to region id and splits it when it has grown past the
 * split size. Caller holds neither split_lock nor latches. Returns 0 or -1 with err set. */
int kv_node_wrote(kv_node_t *node, uint64_t id, size_t bytes, duet_err_t *err);

/* kv_latches_t: the latch slots one writer holds, sorted and distinct. */
typedef struct kv_latches {
    uint32_t *slots; /* arena */
    size_t n;
} kv_latches_t;

/* kv_node_latch: locks the latch slots of n keys (each a ProtobufCBinaryData, stride bytes
 * apart) in slot order, so writers never deadlock. Caller holds split_lock shared. */
void kv_node_latch(kv_node_t *node, const void *keys, size_t n, size_t stride, duet_arena_t *arena,
                   kv_latches_t *out);

/* kv_node_unlatch: releases what kv_node_latch took. */
void kv_node_unlatch(kv_node_t *node, kv_latches_t *l);

/* kv_node_region_meta: region r as a metapb.Region in arena. */
Metapb__Region *kv_node_region_meta(const kv_node_t *node, const kv_region_t *r,
                                    duet_arena_t *arena);

#endif
