/* engine.c - RocksDB set-up for the kv node: column families, write options, snapshots. */
#include "store/kv/engine.h"

#include <string.h>

static const char *const cf_names[KV_CF_COUNT] = {"default", "lock", "write", "meta"};

int kv_engine_open(kv_engine_t *e, const char *dir, bool sync_log, size_t block_cache_bytes,
                   duet_err_t *err)
{
    memset(e, 0, sizeof(*e));
    e->cache = rocksdb_cache_create_lru(block_cache_bytes ? block_cache_bytes : (size_t)128 << 20);
    rocksdb_block_based_table_options_t *tbl = rocksdb_block_based_options_create();
    rocksdb_block_based_options_set_block_cache(tbl, e->cache);
    /* Point lookups (locks, values, meta) skip files without the key. */
    rocksdb_block_based_options_set_filter_policy(tbl, rocksdb_filterpolicy_create_bloom_full(10));
    e->opts = rocksdb_options_create();
    rocksdb_options_set_create_if_missing(e->opts, 1);
    rocksdb_options_set_create_missing_column_families(e->opts, 1);
    rocksdb_options_set_compression(e->opts, rocksdb_lz4_compression);
    rocksdb_options_set_max_background_jobs(e->opts, 4);
    rocksdb_options_set_block_based_table_factory(e->opts, tbl);
    rocksdb_block_based_options_destroy(tbl);
    /* Every read checks the lock CF for its key; most keys have no lock. */
    e->lock_opts = rocksdb_options_create_copy(e->opts);
    rocksdb_options_set_memtable_whole_key_filtering(e->lock_opts, 1);
    rocksdb_options_set_memtable_prefix_bloom_size_ratio(e->lock_opts, 0.1);
    /* Locks live briefly: a small memtable flushes their tombstones out of the read path. */
    rocksdb_options_set_write_buffer_size(e->lock_opts, (size_t)4 << 20);
    const rocksdb_options_t *cf_opts[KV_CF_COUNT];
    for (int i = 0; i < KV_CF_COUNT; i++)
        cf_opts[i] = i == KV_CF_LOCK ? e->lock_opts : e->opts;
    char *rerr = NULL;
    e->db =
        rocksdb_open_column_families(e->opts, dir, KV_CF_COUNT, cf_names, cf_opts, e->cf, &rerr);
    if (rerr != NULL) {
        duet_err_set(err, ER_GENERIC, "kv: cannot open %s: %s", dir, rerr);
        rocksdb_free(rerr);
        rocksdb_options_destroy(e->opts);
        rocksdb_options_destroy(e->lock_opts);
        rocksdb_cache_destroy(e->cache);
        memset(e, 0, sizeof(*e));
        return -1;
    }
    e->wopts = rocksdb_writeoptions_create();
    rocksdb_writeoptions_set_sync(e->wopts, sync_log);
    e->wopts_nosync = rocksdb_writeoptions_create();
    return 0;
}

void kv_engine_close(kv_engine_t *e)
{
    if (e->db == NULL)
        return;
    for (int i = 0; i < KV_CF_COUNT; i++)
        rocksdb_column_family_handle_destroy(e->cf[i]);
    rocksdb_close(e->db);
    rocksdb_writeoptions_destroy(e->wopts);
    rocksdb_writeoptions_destroy(e->wopts_nosync);
    rocksdb_options_destroy(e->opts);
    rocksdb_options_destroy(e->lock_opts);
    rocksdb_cache_destroy(e->cache);
    memset(e, 0, sizeof(*e));
}

static int engine_write(kv_engine_t *e, const rocksdb_writeoptions_t *wo, rocksdb_writebatch_t *wb,
                        duet_err_t *err)
{
    char *rerr = NULL;
    rocksdb_write(e->db, wo, wb, &rerr);
    if (rerr != NULL) {
        duet_err_set(err, ER_GENERIC, "kv: write failed: %s", rerr);
        rocksdb_free(rerr);
        return -1;
    }
    return 0;
}

int kv_engine_write(kv_engine_t *e, rocksdb_writebatch_t *wb, duet_err_t *err)
{
    return engine_write(e, e->wopts, wb, err);
}

int kv_engine_write_lazy(kv_engine_t *e, rocksdb_writebatch_t *wb, duet_err_t *err)
{
    return engine_write(e, e->wopts_nosync, wb, err);
}

void kv_snap_open(kv_snap_t *s, kv_engine_t *e, bool pinned)
{
    s->e = e;
    s->snap = pinned ? rocksdb_create_snapshot(e->db) : NULL;
    s->ropts = rocksdb_readoptions_create();
    if (s->snap)
        rocksdb_readoptions_set_snapshot(s->ropts, s->snap);
}

void kv_snap_close(kv_snap_t *s)
{
    if (s->e == NULL)
        return;
    rocksdb_readoptions_destroy(s->ropts);
    if (s->snap)
        rocksdb_release_snapshot(s->e->db, s->snap);
    s->e = NULL;
}

int kv_snap_get(kv_snap_t *s, kv_cf_t cf, const void *key, size_t klen, duet_buf_t *out,
                duet_err_t *err)
{
    char *rerr = NULL;
    rocksdb_pinnableslice_t *v =
        rocksdb_get_pinned_cf(s->e->db, s->ropts, s->e->cf[cf], key, klen, &rerr);
    if (rerr != NULL) {
        duet_err_set(err, ER_GENERIC, "kv: read failed: %s", rerr);
        rocksdb_free(rerr);
        return -1;
    }
    duet_buf_reset(out);
    if (v == NULL)
        return 0;
    size_t n;
    const char *p = rocksdb_pinnableslice_value(v, &n);
    duet_buf_append(out, p, n);
    rocksdb_pinnableslice_destroy(v);
    return 1;
}

rocksdb_iterator_t *kv_snap_iter(kv_snap_t *s, kv_cf_t cf)
{
    return rocksdb_create_iterator_cf(s->e->db, s->ropts, s->e->cf[cf]);
}
