/* client.h - the front end's way to the row engine: a region cache over pd, point and range
 * reads that resolve the locks they meet, coprocessor tasks per region, and a Percolator
 * two-phase committer.
 *
 * In one process (`duet up`), pd and a kv node serve on one rpc_server_t and the client uses
 * the in-process transport for both:
 *     pd_open(dir "/pd", NULL, &pd, err);          rpc_server_t *s = rpc_server_create();
 *     pd_register(pd, s, err);                       rpc_transport_t *t = rpc_inproc_create(s);
 *     kv_node_open(dir "/kv", &opts, t, &kv, err);   kv_node_register(kv, s, err);
 *     kv_client_t *c = kv_client_create(t, NULL, NULL, 0);
 * and closes in the reverse order. */
#ifndef DUET_STORE_KV_CLIENT_H
#define DUET_STORE_KV_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/err.h"
#include "rpc/transport.h"

/* Failure codes of the calls below (err is filled too). */
#define KV_CLIENT_ERR          (-1) /* storage, rpc or timeout */
#define KV_CLIENT_CONFLICT     (-2) /* ER_WRITE_CONFLICT: another commit won; retry the txn */
#define KV_CLIENT_EXISTS       (-3) /* an Insert met a live key */
#define KV_CLIENT_ABORTED      (-4) /* the transaction was rolled back by someone else */
#define KV_CLIENT_UNDETERMINED (-5) /* the primary's commit got no answer: outcome unknown */

/* kv_store_resolve_fn: the transport to the store with this id and address (NULL if none). */
typedef rpc_transport_t *(*kv_store_resolve_fn)(void *ctx, uint64_t store_id, const char *address);

/*
 * kv_client_t: holds the region cache (under its own lock) and the transports (borrowed). Any
 * thread may use a client concurrently.
 */
typedef struct kv_client kv_client_t;

/*
 * kv_client_create: a client that asks pd through pd_transport and reaches stores through
 * resolve (NULL: every store is reached through pd_transport, as in `duet up`). Never returns
 * NULL. lock_wait_ms bounds how long a read waits for a live lock (0: 10 s).
 */
kv_client_t *kv_client_create(rpc_transport_t *pd_transport, kv_store_resolve_fn resolve,
                              void *resolve_ctx, int lock_wait_ms);

/* kv_client_destroy: frees the client and its cache. NULL is allowed. */
void kv_client_destroy(kv_client_t *c);

/* kv_client_tso: a fresh timestamp from pd. Returns 0 or -1 with err set. */
int kv_client_tso(kv_client_t *c, uint64_t *ts, duet_err_t *err);

/*
 * kv_client_get: the value of key at ts into val (reset first); *found says whether there is
 * one. Locks met are resolved through their primary (waiting while it is alive). Returns 0 or
 * KV_CLIENT_ERR with err set.
 */
int kv_client_get(kv_client_t *c, const void *key, size_t klen, uint64_t ts, duet_buf_t *val,
                  bool *found, duet_err_t *err);

/* kv_client_found_fn: receives the value of keys[idx]; return non-zero to stop. */
typedef int (*kv_client_found_fn)(void *ctx, size_t idx, const void *val, size_t vlen);

/*
 * kv_client_batch_get: reads the n keys (keys[i], lens[i]) at ts with one request per region,
 * resolving locks as kv_client_get does; fn is called once for each key that has a value (keys
 * without one are skipped), in key order except that keys retried after a lock come last.
 * Returns 0 or KV_CLIENT_ERR with err set.
 */
int kv_client_batch_get(kv_client_t *c, const void *const *keys, const size_t *lens, size_t n,
                        uint64_t ts, kv_client_found_fn fn, void *ctx, duet_err_t *err);

/* kv_client_scan_fn: receives one pair; return non-zero to stop the scan. */
typedef int (*kv_client_scan_fn)(void *ctx, const void *key, size_t klen, const void *val,
                                 size_t vlen);

/*
 * kv_client_scan: visits the pairs with start <= key < end (end_len 0: no bound) at ts in key
 * order, across regions, at most limit (0: all). Returns 0 (also when fn stopped it) or
 * KV_CLIENT_ERR with err set.
 */
int kv_client_scan(kv_client_t *c, const void *start, size_t start_len, const void *end,
                   size_t end_len, size_t limit, uint64_t ts, kv_client_scan_fn fn, void *ctx,
                   duet_err_t *err);

/*
 * kv_client_delete_range: removes every key in [start, end) (end_len 0: no bound), all versions,
 * region by region, outside transactions: for a dropped or truncated table's data, once no
 * statement can reach it. Returns 0 or KV_CLIENT_ERR with err set.
 */
int kv_client_delete_range(kv_client_t *c, const void *start, size_t start_len, const void *end,
                           size_t end_len, duet_err_t *err);

/* kv_client_range_t: the keys start <= key < end (end_len 0: no bound). */
typedef struct kv_client_range {
    const void *start;
    size_t start_len;
    const void *end;
    size_t end_len;
} kv_client_range_t;

/* kv_client_cop_fn: receives the data of one region's coprocessor response; return non-zero to
 * stop. */
typedef int (*kv_client_cop_fn)(void *ctx, const void *data, size_t len);

/* kv_client_set_cop_concurrency: runs coprocessor tasks on n threads (n <= 1: in the caller).
 * Call once, before the client is shared. Returns 0, or -1 when the threads cannot start. */
int kv_client_set_cop_concurrency(kv_client_t *c, int n);

/*
 * kv_client_coprocessor: runs the DAG request dag[0..dag_len) (request type tp) at start_ts over
 * the n ranges (sorted, not overlapping), as one task per region in key order; a task whose
 * region moved is split again and retried, a task that met a lock resolves it and is retried.
 * With a concurrency set, tasks run in parallel and fn still gets each task's data in key order,
 * from the calling thread. Returns 0, or KV_CLIENT_ERR with err set (a node's other_error
 * becomes the message).
 */
int kv_client_coprocessor(kv_client_t *c, int64_t tp, const void *dag, size_t dag_len,
                          const kv_client_range_t *ranges, size_t n, uint64_t start_ts,
                          kv_client_cop_fn fn, void *ctx, duet_err_t *err);

/*
 * kv_client_txn_t: a transaction's buffered writes at its start_ts. One thread at a time.
 */
typedef struct kv_client_txn kv_client_txn_t;

/* kv_client_txn_begin: a transaction with a start_ts from pd. Returns NULL with err set when pd
 * cannot be reached. */
kv_client_txn_t *kv_client_txn_begin(kv_client_t *c, duet_err_t *err);

/* kv_client_txn_start_ts: its start_ts. */
uint64_t kv_client_txn_start_ts(const kv_client_txn_t *t);

/* kv_client_txn_set / _insert / _delete / _lock: buffer a write to key (a later one replaces an
 * earlier one). Insert fails at commit with KV_CLIENT_EXISTS when the key is live; lock writes
 * nothing but takes part in conflict detection (SELECT ... FOR UPDATE). */
void kv_client_txn_set(kv_client_txn_t *t, const void *key, size_t klen, const void *val,
                       size_t vlen);
void kv_client_txn_insert(kv_client_txn_t *t, const void *key, size_t klen, const void *val,
                          size_t vlen);
void kv_client_txn_delete(kv_client_txn_t *t, const void *key, size_t klen);
void kv_client_txn_lock(kv_client_txn_t *t, const void *key, size_t klen);

/* kv_client_txn_get: reads key as the transaction sees it: its own writes, else the snapshot
 * at start_ts. Returns 0 or KV_CLIENT_ERR. */
int kv_client_txn_get(kv_client_txn_t *t, const void *key, size_t klen, duet_buf_t *val,
                      bool *found, duet_err_t *err);

/* kv_client_txn_size: buffered writes. */
size_t kv_client_txn_size(const kv_client_txn_t *t);

/*
 * kv_client_txn_commit: two-phase commit (prewrite every key, the primary's batch first; commit
 * the primary; then the secondaries) and frees t. *commit_ts gets the commit timestamp (may be
 * NULL). Returns 0, or one of the KV_CLIENT_* codes with err set (ER_WRITE_CONFLICT for
 * conflicts); on failure before the primary commits, the prewritten keys are rolled back.
 */
int kv_client_txn_commit(kv_client_txn_t *t, uint64_t *commit_ts, duet_err_t *err);

/* kv_client_txn_rollback: drops the buffered writes and frees t (nothing was written yet).
 * NULL is allowed. */
void kv_client_txn_rollback(kv_client_txn_t *t);

/* kv_client_region_cache_size: regions cached (for tests). */
size_t kv_client_region_cache_size(kv_client_t *c);

#endif
