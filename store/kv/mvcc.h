/* mvcc.h - MVCC keys and records on the kv engine, reads at a timestamp, and the Percolator
 * actions (prewrite, commit, rollback, check_txn_status, resolve) and GC over them. */
#ifndef DUET_STORE_KV_MVCC_H
#define DUET_STORE_KV_MVCC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/err.h"
#include "rpc/kvrpcpb.pb-c.h"
#include "store/kv/engine.h"

/*
 * Layout (TiKV's facts, our own byte formats):
 *   lock CF:    enc(key)                  -> lock record
 *   write CF:   enc(key) ++ ~commit_ts    -> write record (a rollback sits at ~start_ts)
 *   default CF: enc(key) ++ ~start_ts     -> value, for values longer than KV_SHORT_VALUE_MAX
 * enc() is the memcomparable bytes encoding (types_key_put_bytes), so the versions of one key
 * are contiguous and, with the inverted big-endian timestamp, newest first.
 * Lock record:  type ('P' put, 'D' delete, 'L' lock), then varints start_ts, ttl, txn_size,
 *               min_commit_ts, primary length, the primary, then optionally 'v', a varint
 *               length and the short value.
 * Write record: type ('P', 'D', 'L', 'R' rollback), varint start_ts, optionally 'v', length and
 *               the short value.
 */
#define KV_SHORT_VALUE_MAX 255

/* kv_key_encode: appends enc(key). */
void kv_key_encode(duet_buf_t *out, const void *key, size_t len);

/* kv_key_decode: decodes one enc() from in[0..len) into out (reset first). Returns the bytes
 * consumed, or -1 when the encoding is malformed. */
int kv_key_decode(const uint8_t *in, size_t len, duet_buf_t *out);

/* kv_key_append_ts: appends the inverted big-endian timestamp. */
void kv_key_append_ts(duet_buf_t *out, uint64_t ts);

typedef struct kv_lock {
    char type;
    uint64_t start_ts, ttl, txn_size, min_commit_ts;
    ProtobufCBinaryData primary;
    bool has_value;
    ProtobufCBinaryData value; /* the short value */
} kv_lock_t;

typedef struct kv_write {
    char type;
    uint64_t start_ts;
    bool has_value;
    ProtobufCBinaryData value;
} kv_write_t;

/*
 * kv_txn_t: the state of one MVCC request: a read view, a write batch to fill, an arena for
 * results and errors. Writers hold the latches of their keys from kv_txn_begin until after
 * kv_txn_write, so what they read of those keys cannot change under them. A reader of one key
 * needs no pinned snapshot: the key's lock is read before its versions, a commit removes the
 * lock and adds the commit record in one batch, and a transaction that prewrites after the lock
 * was read takes its commit_ts from pd later still, above the reader's ts. A reader of several
 * keys (batch get, scan, coprocessor) pins one, or a commit landing between two of its reads
 * could hide a version it must see. One thread uses a kv_txn_t.
 */
typedef struct kv_txn {
    kv_snap_t snap;
    rocksdb_writebatch_t *wb;
    rocksdb_iterator_t *wit; /* write CF iterator, made on first use */
    duet_arena_t *arena;
    duet_buf_t k1, k2, val; /* scratch */
    bool must_sync;         /* the batch holds more than secondary commits (see kv_txn_write) */
} kv_txn_t;

/* kv_txn_begin: a read view of e, pinned as a RocksDB snapshot when pinned (see above);
 * results and errors are allocated in arena. */
void kv_txn_begin(kv_txn_t *t, kv_engine_t *e, duet_arena_t *arena, bool pinned);

/* kv_txn_end: releases the snapshot, iterator and batch (unwritten writes are dropped). */
void kv_txn_end(kv_txn_t *t);

/* kv_txn_write: writes the batch and empties it. It waits for the disk (with sync-log) unless
 * the batch only commits secondary keys: losing those in a crash leaves their locks, which
 * readers resolve through the primary's durable commit record. Returns 0 or -1. */
int kv_txn_write(kv_txn_t *t, duet_err_t *err);

/* kv_txn_batch_size: bytes in the pending batch (for region size accounting). */
size_t kv_txn_batch_size(kv_txn_t *t);

/*
 * Reads. Each returns 0 on success or -1 with err set on a storage error; a lock that blocks
 * the read comes back as *kerr (a KeyError with `locked`), and the caller resolves it.
 */

/* kv_mvcc_get: the value of key visible at ts. *found tells whether there is one; value
 * points into the arena. A lock of another transaction with start_ts <= ts (not a pure 'L'
 * lock) sets *kerr. */
int kv_mvcc_get(kv_txn_t *t, ProtobufCBinaryData key, uint64_t ts, ProtobufCBinaryData *value,
                bool *found, Kvrpcpb__KeyError **kerr, duet_err_t *err);

/*
 * kv_mvcc_scan: up to limit (0: no limit) visible pairs with start <= key < end (end empty: no
 * bound), in key order or in reverse, at ts. A key blocked by a lock is returned as a pair
 * whose error is the lock. *pairs is an arena array. Returns 0 or -1.
 */
int kv_mvcc_scan(kv_txn_t *t, ProtobufCBinaryData start, ProtobufCBinaryData end, uint32_t limit,
                 uint64_t ts, bool key_only, bool reverse, Kvrpcpb__KvPair ***pairs, size_t *n,
                 duet_err_t *err);

/*
 * kv_scanner_t: streams what kv_mvcc_scan returns, one pair at a time, without holding the
 * pairs in memory (for coprocessor scans). Used by the thread that owns its kv_txn_t.
 */
typedef struct kv_scanner kv_scanner_t;

/* kv_scanner_open: a scan of [start, end) at ts over t's snapshot. Never returns NULL. */
kv_scanner_t *kv_scanner_open(kv_txn_t *t, ProtobufCBinaryData start, ProtobufCBinaryData end,
                              uint64_t ts, bool key_only, bool reverse);

/*
 * kv_scanner_next: the next visible pair: returns 1 with *key and *value (valid until the next
 * call; value empty when key_only), or 1 with *kerr set (arena) when a lock blocks the key, 0 at
 * the end, -1 with err set on a storage error.
 */
int kv_scanner_next(kv_scanner_t *s, ProtobufCBinaryData *key, ProtobufCBinaryData *value,
                    Kvrpcpb__KeyError **kerr, duet_err_t *err);

/* kv_scanner_close: frees the scanner. NULL is allowed. */
void kv_scanner_close(kv_scanner_t *s);

/* Percolator actions. Each adds its writes to the batch and sets *kerr (arena) instead when
 * the key refuses; they return -1 only on storage errors. */

typedef struct kv_prewrite_args {
    ProtobufCBinaryData primary;
    uint64_t start_ts, ttl, txn_size, min_commit_ts;
} kv_prewrite_args_t;

/* kv_mvcc_prewrite: locks m->key for start_ts. Refuses with `locked` (another transaction's
 * lock), `conflict` (a commit newer than start_ts, or this transaction was rolled back) or
 * `already_exist` (Insert/CheckNotExists on a live key). A repeated prewrite is a no-op. */
int kv_mvcc_prewrite(kv_txn_t *t, const Kvrpcpb__Mutation *m, const kv_prewrite_args_t *a,
                     Kvrpcpb__KeyError **kerr, duet_err_t *err);

/* kv_mvcc_commit: turns the lock of start_ts on key into a commit record at commit_ts.
 * Idempotent: a key already committed by start_ts succeeds. Refuses with txn_lock_not_found
 * when the lock is gone and there is no commit record (rolled back or never prewritten). */
int kv_mvcc_commit(kv_txn_t *t, ProtobufCBinaryData key, uint64_t start_ts, uint64_t commit_ts,
                   Kvrpcpb__KeyError **kerr, duet_err_t *err);

/* kv_mvcc_rollback: removes start_ts's lock on key (and its value) and writes a rollback record
 * so that a late prewrite is refused. Refuses with `committed` when start_ts committed key. */
int kv_mvcc_rollback(kv_txn_t *t, ProtobufCBinaryData key, uint64_t start_ts,
                     Kvrpcpb__KeyError **kerr, duet_err_t *err);

/* kv_mvcc_check_txn_status: fills out (lock_ttl, commit_version, action, lock_info) for the
 * transaction lock_ts whose primary is primary, rolling the primary back when its TTL has
 * expired at current_ts (or when there is no trace of it and rollback_if_not_exist). */
int kv_mvcc_check_txn_status(kv_txn_t *t, const Kvrpcpb__CheckTxnStatusRequest *req,
                             Kvrpcpb__CheckTxnStatusResponse *out, duet_err_t *err);

/* kv_mvcc_txn_heartbeat: raises the TTL of start_ts's lock on primary to advise_ttl (when
 * longer) and reports the TTL in *ttl; refuses with txn_not_found when the lock is gone. */
int kv_mvcc_txn_heartbeat(kv_txn_t *t, ProtobufCBinaryData primary, uint64_t start_ts,
                          uint64_t advise_ttl, uint64_t *ttl, Kvrpcpb__KeyError **kerr,
                          duet_err_t *err);

/* kv_mvcc_load_lock: the lock on key, whoever holds it, into *lock (primary and value in the
 * arena). Returns 1 when there is one, 0 when not, -1 with err set. */
int kv_mvcc_load_lock(kv_txn_t *t, ProtobufCBinaryData key, kv_lock_t *lock, duet_err_t *err);

/*
 * kv_mvcc_locks_in_range: the keys in [start, end) locked by start_ts (all transactions when
 * start_ts is 0), up to limit (0: all), as an arena array. Returns 0 or -1.
 */
int kv_mvcc_locks_in_range(kv_txn_t *t, ProtobufCBinaryData start, ProtobufCBinaryData end,
                           uint64_t start_ts, size_t limit, ProtobufCBinaryData **keys, size_t *n,
                           duet_err_t *err);

/*
 * kv_mvcc_gc_range: deletes, for keys in [start, end), every version a reader at safe_point or
 * later can no longer see: all but the newest version at or below safe_point, that one too
 * when it is a delete, and rollback/lock records at or below it. Writes in batches of its own.
 * Any thread; needs no lock (it only removes what no later write touches). Returns the number
 * of write records removed, or -1 with err set.
 */
long kv_mvcc_gc_range(kv_engine_t *e, ProtobufCBinaryData start, ProtobufCBinaryData end,
                      uint64_t safe_point, duet_err_t *err);

/*
 * kv_mvcc_delete_range: removes every version, lock and value of the keys in [start, end) (end
 * empty: no bound) outside MVCC, for data no transaction reads or writes any more. Any thread.
 * Returns 0 or -1 with err set.
 */
int kv_mvcc_delete_range(kv_engine_t *e, ProtobufCBinaryData start, ProtobufCBinaryData end,
                         duet_err_t *err);

/* kv_lock_info: the LockInfo of lock on key, in arena. */
Kvrpcpb__LockInfo *kv_lock_info(duet_arena_t *arena, ProtobufCBinaryData key,
                                const kv_lock_t *lock);

#endif
