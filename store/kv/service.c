/* service.c - the kvrpcpb.Tikv handlers: each checks the region context, then runs its MVCC
 * reads, or its Percolator actions under the latches of its keys. */
#define DUET_LOG_MODULE "kv"
#include <string.h>

#include "common/log.h"
#include "store/kv/node_int.h"

/* REQ/RESP: a handler's request and response as their own types. */
#define REQ(type, name)  const type *name = (const type *)req_
#define RESP(type, name) type *name = (type *)resp_

static int h_get(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                 duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__GetRequest, req);
    RESP(Kvrpcpb__GetResponse, out);
    kv_region_view_t v;
    if ((out->region_error = kv_node_check_ctx(node, req->context, arena, &v)) ||
        (out->region_error = kv_node_check_key(&v, req->key, arena)))
        return 0;
    kv_txn_t t;
    kv_txn_begin(&t, &node->eng, arena, false);
    bool found;
    int rc = kv_mvcc_get(&t, req->key, req->version, &out->value, &found, &out->error, err);
    kv_txn_end(&t);
    out->not_found = rc == 0 && !found && out->error == NULL;
    return rc;
}

static int h_batch_get(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                       duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__BatchGetRequest, req);
    RESP(Kvrpcpb__BatchGetResponse, out);
    kv_region_view_t v;
    if ((out->region_error = kv_node_check_ctx(node, req->context, arena, &v)))
        return 0;
    for (size_t i = 0; i < req->n_keys; i++) {
        if ((out->region_error = kv_node_check_key(&v, req->keys[i], arena)))
            return 0;
    }
    out->pairs = duet_arena_alloc(arena, req->n_keys * sizeof(*out->pairs));
    kv_txn_t t;
    kv_txn_begin(&t, &node->eng, arena, true);
    int rc = 0;
    for (size_t i = 0; i < req->n_keys && rc == 0; i++) {
        Kvrpcpb__KvPair *p = duet_arena_alloc(arena, sizeof(*p));
        kvrpcpb__kv_pair__init(p);
        bool found;
        rc = kv_mvcc_get(&t, req->keys[i], req->version, &p->value, &found, &p->error, err);
        p->key = req->keys[i];
        if (rc == 0 && (found || p->error))
            out->pairs[out->n_pairs++] = p;
    }
    kv_txn_end(&t);
    return rc;
}

static int bytes_cmp(const void *a, size_t al, const void *b, size_t bl)
{
    size_t n = al < bl ? al : bl;
    int c = n ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return (al > bl) - (al < bl);
}

/* clamp_range: [start, end) limited to the region; start must lie in it. */
static Errorpb__Error *clamp_range(const kv_region_view_t *v, ProtobufCBinaryData *start,
                                   ProtobufCBinaryData *end, duet_arena_t *arena)
{
    Errorpb__Error *e = kv_node_check_key(v, *start, arena);
    if (e)
        return e;
    if (v->end.len &&
        (end->len == 0 || bytes_cmp(end->data, end->len, v->end.data, v->end.len) > 0))
        *end = v->end;
    return NULL;
}

static int h_scan(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                  duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__ScanRequest, req);
    RESP(Kvrpcpb__ScanResponse, out);
    kv_region_view_t v;
    ProtobufCBinaryData start = req->start_key, end = req->end_key;
    if ((out->region_error = kv_node_check_ctx(node, req->context, arena, &v)) ||
        (out->region_error = clamp_range(&v, &start, &end, arena)))
        return 0;
    kv_txn_t t;
    kv_txn_begin(&t, &node->eng, arena, true);
    int rc = kv_mvcc_scan(&t, start, end, req->limit, req->version, req->key_only, req->reverse,
                          &out->pairs, &out->n_pairs, err);
    kv_txn_end(&t);
    return rc;
}

/* wframe_t: what a writing handler holds between write_begin and write_end. */
typedef struct wframe {
    kv_region_view_t v;
    kv_txn_t t;
    kv_latches_t l;
} wframe_t;

/* write_begin/write_end: the frame of every writing handler: split_lock shared, the region
 * check, the latches of its keys, then a transaction reading what the latches protect. At the
 * end the batch is written (unless keep is false; concurrent writers share RocksDB's group
 * commit), everything is released, and the region is accounted for splits. */
static Errorpb__Error *write_begin(kv_node_t *node, const Kvrpcpb__Context *ctx,
                                   const ProtobufCBinaryData *keys, size_t n, size_t stride,
                                   duet_arena_t *arena, wframe_t *w)
{
    pthread_rwlock_rdlock(&node->split_lock);
    Errorpb__Error *e = kv_node_check_ctx(node, ctx, arena, &w->v);
    for (size_t i = 0; e == NULL && i < n; i++)
        e = kv_node_check_key(
            &w->v, *(const ProtobufCBinaryData *)((const char *)keys + i * stride), arena);
    if (e) {
        pthread_rwlock_unlock(&node->split_lock);
        return e;
    }
    kv_node_latch(node, keys, n, stride, arena, &w->l);
    kv_txn_begin(&w->t, &node->eng, arena, false);
    return NULL;
}

static int write_end(kv_node_t *node, wframe_t *w, bool keep, int rc, duet_err_t *err)
{
    size_t bytes = 0;
    if (rc == 0 && keep) {
        bytes = kv_txn_batch_size(&w->t);
        rc = kv_txn_write(&w->t, err);
    }
    kv_txn_end(&w->t);
    kv_node_unlatch(node, &w->l);
    pthread_rwlock_unlock(&node->split_lock);
    if (rc == 0 && bytes)
        rc = kv_node_wrote(node, w->v.id, bytes, err);
    return rc;
}

static int h_prewrite(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                      duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__PrewriteRequest, req);
    RESP(Kvrpcpb__PrewriteResponse, out);
    wframe_t w;
    ProtobufCBinaryData *keys = duet_arena_alloc(arena, req->n_mutations * sizeof(*keys));
    for (size_t i = 0; i < req->n_mutations; i++)
        keys[i] = req->mutations[i]->key;
    if ((out->region_error =
             write_begin(node, req->context, keys, req->n_mutations, sizeof(*keys), arena, &w)))
        return 0;
    kv_prewrite_args_t a = {req->primary_lock, req->start_version, req->lock_ttl, req->txn_size,
                            req->min_commit_ts};
    out->errors = duet_arena_alloc(arena, req->n_mutations * sizeof(*out->errors));
    int rc = 0;
    for (size_t i = 0; i < req->n_mutations && rc == 0; i++) {
        Kvrpcpb__KeyError *ke;
        rc = kv_mvcc_prewrite(&w.t, req->mutations[i], &a, &ke, err);
        if (ke)
            out->errors[out->n_errors++] = ke;
    }
    /* Any refused key refuses the whole request: nothing is written. */
    return write_end(node, &w, out->n_errors == 0, rc, err);
}

static int h_commit(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                    duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__CommitRequest, req);
    RESP(Kvrpcpb__CommitResponse, out);
    wframe_t w;
    if ((out->region_error = write_begin(node, req->context, req->keys, req->n_keys,
                                         sizeof(*req->keys), arena, &w)))
        return 0;
    int rc = 0;
    for (size_t i = 0; i < req->n_keys && rc == 0 && out->error == NULL; i++)
        rc = kv_mvcc_commit(&w.t, req->keys[i], req->start_version, req->commit_version,
                            &out->error, err);
    if (out->error == NULL)
        out->commit_version = req->commit_version;
    return write_end(node, &w, out->error == NULL, rc, err);
}

static int h_batch_rollback(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                            duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__BatchRollbackRequest, req);
    RESP(Kvrpcpb__BatchRollbackResponse, out);
    wframe_t w;
    if ((out->region_error = write_begin(node, req->context, req->keys, req->n_keys,
                                         sizeof(*req->keys), arena, &w)))
        return 0;
    int rc = 0;
    for (size_t i = 0; i < req->n_keys && rc == 0 && out->error == NULL; i++)
        rc = kv_mvcc_rollback(&w.t, req->keys[i], req->start_version, &out->error, err);
    return write_end(node, &w, out->error == NULL, rc, err);
}

static int h_check_txn_status(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                              duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__CheckTxnStatusRequest, req);
    RESP(Kvrpcpb__CheckTxnStatusResponse, out);
    wframe_t w;
    ProtobufCBinaryData key = req->primary_key;
    if ((out->region_error = write_begin(node, req->context, &key, 1, sizeof(key), arena, &w)))
        return 0;
    int rc = kv_mvcc_check_txn_status(&w.t, req, out, err);
    return write_end(node, &w, out->error == NULL, rc, err);
}

static int h_txn_heartbeat(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                           duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__TxnHeartBeatRequest, req);
    RESP(Kvrpcpb__TxnHeartBeatResponse, out);
    wframe_t w;
    ProtobufCBinaryData key = req->primary_lock;
    if ((out->region_error = write_begin(node, req->context, &key, 1, sizeof(key), arena, &w)))
        return 0;
    int rc = kv_mvcc_txn_heartbeat(&w.t, key, req->start_version, req->advise_lock_ttl,
                                   &out->lock_ttl, &out->error, err);
    return write_end(node, &w, out->error == NULL, rc, err);
}

static int h_resolve_lock(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                          duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__ResolveLockRequest, req);
    RESP(Kvrpcpb__ResolveLockResponse, out);
    ProtobufCBinaryData *keys = req->keys;
    size_t n = req->n_keys;
    if (n == 0) {
        /* The whole region: find the transaction's locks first, then latch those keys. */
        kv_region_view_t v;
        if ((out->region_error = kv_node_check_ctx(node, req->context, arena, &v)))
            return 0;
        kv_txn_t t;
        kv_txn_begin(&t, &node->eng, arena, false);
        int rc = kv_mvcc_locks_in_range(&t, v.start, v.end, req->start_version, 0, &keys, &n, err);
        kv_txn_end(&t);
        if (rc != 0)
            return -1;
        if (n == 0)
            return 0;
    }
    wframe_t w;
    if ((out->region_error = write_begin(node, req->context, keys, n, sizeof(*keys), arena, &w)))
        return 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0 && out->error == NULL; i++) {
        kv_lock_t lock;
        int found = kv_mvcc_load_lock(&w.t, keys[i], &lock, err);
        if (found < 0) {
            rc = -1;
            break;
        }
        if (found == 0 || lock.start_ts != req->start_version)
            continue; /* resolved already, or another transaction's lock */
        if (req->commit_version)
            rc = kv_mvcc_commit(&w.t, keys[i], req->start_version, req->commit_version, &out->error,
                                err);
        else
            rc = kv_mvcc_rollback(&w.t, keys[i], req->start_version, &out->error, err);
    }
    return write_end(node, &w, out->error == NULL, rc, err);
}

static int h_gc(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__GCRequest, req);
    RESP(Kvrpcpb__GCResponse, out);
    kv_region_view_t v;
    if ((out->region_error = kv_node_check_ctx(node, req->context, arena, &v)))
        return 0;
    return kv_mvcc_gc_range(&node->eng, v.start, v.end, req->safe_point, err) < 0 ? -1 : 0;
}

static int h_delete_range(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                          duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__DeleteRangeRequest, req);
    RESP(Kvrpcpb__DeleteRangeResponse, out);
    kv_region_view_t v;
    ProtobufCBinaryData start = req->start_key, end = req->end_key;
    pthread_rwlock_rdlock(&node->split_lock);
    int rc = 0;
    if ((out->region_error = kv_node_check_ctx(node, req->context, arena, &v)) == NULL &&
        (out->region_error = clamp_range(&v, &start, &end, arena)) == NULL)
        rc = kv_mvcc_delete_range(&node->eng, start, end, err);
    pthread_rwlock_unlock(&node->split_lock);
    return rc;
}

static int h_coprocessor(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                         duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__CoprocessorRequest, req);
    RESP(Kvrpcpb__CoprocessorResponse, out);
    kv_region_view_t v;
    if ((out->region_error = kv_node_check_ctx(node, req->context, arena, &v)))
        return 0;
    for (size_t i = 0; i < req->n_ranges; i++) {
        ProtobufCBinaryData s = req->ranges[i]->start, e = req->ranges[i]->end;
        if ((out->region_error = clamp_range(&v, &s, &e, arena)))
            return 0;
    }
    if (node->cop_fn == NULL) {
        out->other_error = "coprocessor is not available on this node";
        return 0;
    }
    kv_txn_t t;
    kv_txn_begin(&t, &node->eng, arena, true);
    int rc = node->cop_fn(node->cop_ctx, req, &t, out, arena, err);
    kv_txn_end(&t);
    return rc;
}

static int h_split_region(void *ctx, const ProtobufCMessage *req_, ProtobufCMessage *resp_,
                          duet_arena_t *arena, duet_err_t *err)
{
    kv_node_t *node = ctx;
    REQ(Kvrpcpb__SplitRegionRequest, req);
    RESP(Kvrpcpb__SplitRegionResponse, out);
    kv_region_view_t v;
    pthread_rwlock_wrlock(&node->split_lock);
    int rc = 0;
    if ((out->region_error = kv_node_check_ctx(node, req->context, arena, &v)) == NULL)
        rc = kv_node_split_locked(node, v.id, req->split_keys, req->n_split_keys, arena,
                                  &out->regions, &out->n_regions, &out->region_error, err);
    pthread_rwlock_unlock(&node->split_lock);
    return rc;
}

int kv_node_register(kv_node_t *node, rpc_server_t *server, duet_err_t *err)
{
    static const struct {
        const char *name;
        rpc_handler_fn fn;
    } methods[] = {
        {"KvGet", h_get},
        {"KvBatchGet", h_batch_get},
        {"KvScan", h_scan},
        {"KvPrewrite", h_prewrite},
        {"KvCommit", h_commit},
        {"KvBatchRollback", h_batch_rollback},
        {"KvCheckTxnStatus", h_check_txn_status},
        {"KvTxnHeartBeat", h_txn_heartbeat},
        {"KvResolveLock", h_resolve_lock},
        {"KvGC", h_gc},
        {"KvDeleteRange", h_delete_range},
        {"Coprocessor", h_coprocessor},
        {"SplitRegion", h_split_region},
    };
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
        if (rpc_server_register(server, &kvrpcpb__tikv__descriptor, methods[i].name, methods[i].fn,
                                node, err) != 0)
            return -1;
    }
    return 0;
}
