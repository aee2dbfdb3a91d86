/* engine.h - the kv node's RocksDB: column families default (large values), lock, write (commit
 * records) and meta (store identity, regions), snapshots, iterators and write batches. */
#ifndef DUET_STORE_KV_ENGINE_H
#define DUET_STORE_KV_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rocksdb/c.h>

#include "common/buf.h"
#include "common/err.h"

typedef enum kv_cf {
    KV_CF_DEFAULT = 0,
    KV_CF_LOCK,
    KV_CF_WRITE,
    KV_CF_META,
    KV_CF_COUNT,
} kv_cf_t;

/*
 * kv_engine_t: one RocksDB with the column families above. The handles are fixed after open;
 * RocksDB itself is thread-safe, so any thread may read and write through it.
 */
typedef struct kv_engine {
    rocksdb_t *db;
    rocksdb_column_family_handle_t *cf[KV_CF_COUNT];
    rocksdb_options_t *opts;
    rocksdb_options_t *lock_opts;  /* the lock CF's: whole-key bloom in the memtable */
    rocksdb_cache_t *cache;        /* block cache shared by every column family */
    rocksdb_writeoptions_t *wopts; /* sync per write when sync_log is on */
    rocksdb_writeoptions_t *wopts_nosync;
} kv_engine_t;

/*
 * kv_engine_open: opens (creating when missing) the database in dir. sync_log makes every write
 * batch fsync the WAL before it returns; block_cache_bytes sizes the block cache (0: 128 MiB).
 * Returns 0, or -1 with err set (nothing is left open).
 */
int kv_engine_open(kv_engine_t *e, const char *dir, bool sync_log, size_t block_cache_bytes,
                   duet_err_t *err);

/* kv_engine_close: closes the database and frees its handles. Safe on a zeroed engine. */
void kv_engine_close(kv_engine_t *e);

/* kv_engine_write: applies wb atomically (and durably when sync_log). Returns 0 or -1. */
int kv_engine_write(kv_engine_t *e, rocksdb_writebatch_t *wb, duet_err_t *err);

/* kv_engine_write_lazy: applies wb atomically without waiting for the WAL to reach the disk (the
 * next synced write takes it along). For writes a crash may lose without harm. */
int kv_engine_write_lazy(kv_engine_t *e, rocksdb_writebatch_t *wb, duet_err_t *err);

/*
 * kv_snap_t: a read view. kv_snap_open with pinned takes a RocksDB snapshot (every read sees the
 * same instant); without, each read sees the latest data, which is cheaper and all MVCC reads at
 * a timestamp need (see mvcc.h). kv_snap_close releases it. One thread at a time uses it.
 */
typedef struct kv_snap {
    kv_engine_t *e;
    const rocksdb_snapshot_t *snap;
    rocksdb_readoptions_t *ropts;
} kv_snap_t;

void kv_snap_open(kv_snap_t *s, kv_engine_t *e, bool pinned);
void kv_snap_close(kv_snap_t *s);

/* kv_snap_get: the value of key in cf, appended to out (reset first). Returns 1 when found,
 * 0 when not, -1 with err set on a storage error. */
int kv_snap_get(kv_snap_t *s, kv_cf_t cf, const void *key, size_t klen, duet_buf_t *out,
                duet_err_t *err);

/* kv_snap_iter: an iterator over cf in the snapshot (unpositioned), freed with
 * rocksdb_iter_destroy. */
rocksdb_iterator_t *kv_snap_iter(kv_snap_t *s, kv_cf_t cf);

#endif
