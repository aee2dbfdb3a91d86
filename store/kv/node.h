/* node.h - a kv node: its RocksDB, its regions (epochs, automatic splits by size), its store
 * identity registered with pd, and the kvrpcpb.Tikv handlers served over rpc/. */
#ifndef DUET_STORE_KV_NODE_H
#define DUET_STORE_KV_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/err.h"
#include "rpc/kvrpcpb.pb-c.h"
#include "rpc/transport.h"
#include "store/kv/mvcc.h"

#define KV_MAX_LABELS 8

typedef struct kv_node_options {
    char address[256]; /* advertised to pd */
    size_t n_labels;   /* location labels, e.g. zone=z1 */
    struct {
        char key[64];
        char value[64];
    } labels[KV_MAX_LABELS];
    bool sync_log;              /* sync-log: fsync the WAL on every write (default on) */
    uint64_t region_split_size; /* split a region above this many bytes (default 96 MiB) */
    int64_t gc_life_time_ms;    /* versions this old may be collected (default 10 minutes) */
    size_t block_cache_bytes;   /* RocksDB block cache (default 128 MiB) */
} kv_node_options_t;

/* kv_node_options_default: the documented defaults above. */
void kv_node_options_default(kv_node_options_t *o);

/*
 * kv_node_t: owns the engine and the region table. Percolator actions on the same key run one
 * at a time (per-key latches) and all of them share split_lock, which a split takes alone; the
 * region table has its own rwlock; reads run concurrently without locks on the data. Every
 * function below may be called from any thread unless it says otherwise.
 */
typedef struct kv_node kv_node_t;

/*
 * kv_node_open: opens the node's database in dir (created when missing). On first start it
 * gets a store id from pd, registers the store with its address and labels and, when the
 * cluster is new, bootstraps it with one region covering every key. pd is borrowed and must
 * outlive the node. Returns 0 and *out, or -1 with err set (nothing is left open).
 */
int kv_node_open(const char *dir, const kv_node_options_t *opts, rpc_transport_t *pd,
                 kv_node_t **out, duet_err_t *err);

/* kv_node_close: closes the database and frees the node. No call may be running. NULL is
 * allowed. */
void kv_node_close(kv_node_t *node);

/* kv_node_register: serves kvrpcpb.Tikv from node on server. Returns 0 or -1 with err set. */
int kv_node_register(kv_node_t *node, rpc_server_t *server, duet_err_t *err);

/* kv_node_store_id: the store id pd gave this node. */
uint64_t kv_node_store_id(const kv_node_t *node);

/* kv_node_region_count: how many regions the node holds. */
size_t kv_node_region_count(kv_node_t *node);

/*
 * kv_node_gc: settles the locks of transactions that started before safe_point (committing or
 * rolling back each as its primary says; a primary still locked is rolled back), then removes
 * versions older than safe_point in every region (see kv_mvcc_gc_range). Returns the number of
 * write records removed, or -1 with err set.
 */
long kv_node_gc(kv_node_t *node, uint64_t safe_point, duet_err_t *err);

/*
 * kv_node_gc_start: starts a worker that every interval_ms (0: a minute) takes a timestamp from
 * pd and collects versions older than gc_life_time_ms before it. kv_node_close stops it. Call
 * from the thread that opened the node. Returns 0, or -1 with err set.
 */
int kv_node_gc_start(kv_node_t *node, int interval_ms, duet_err_t *err);

/* kv_node_gc_rounds: how many rounds the worker has finished. */
uint64_t kv_node_gc_rounds(kv_node_t *node);

/* kv_node_gc_safe_point: the safe point for now_ts under the node's gc_life_time_ms. */
uint64_t kv_node_gc_safe_point(const kv_node_t *node, uint64_t now_ts);

/*
 * kv_cop_fn: runs a coprocessor request (its DAG in req->data) over req->ranges at
 * req->start_ts, reading through txn (a snapshot; kv_mvcc_scan/kv_mvcc_get). The ranges are
 * already checked against the region. Fills resp (data, or locked when a read met a lock, or
 * other_error) with memory from arena. Returns 0, or -1 with err set when the call failed.
 */
typedef int (*kv_cop_fn)(void *ctx, const Kvrpcpb__CoprocessorRequest *req, kv_txn_t *txn,
                         Kvrpcpb__CoprocessorResponse *resp, duet_arena_t *arena, duet_err_t *err);

/* kv_node_set_coprocessor: installs the DAG runner (from the execution engine). Call before
 * serving. Without one, Coprocessor answers other_error. */
void kv_node_set_coprocessor(kv_node_t *node, kv_cop_fn fn, void *ctx);

#endif
