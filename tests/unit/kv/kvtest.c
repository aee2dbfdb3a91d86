/* kvtest.c - the pd + kv node fixture and request helpers shared by the kv unit tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kvtest.h"

static void open_all(kvt_t *f)
{
    duet_err_t err = {0};
    char path[300];
    pd_options_t po;
    pd_options_default(&po);
    po.sync = false;
    snprintf(path, sizeof(path), "%s/pd", f->dir);
    assert_int_equal(pd_open(path, &po, &f->pd, &err), 0);
    f->server = rpc_server_create();
    assert_int_equal(pd_register(f->pd, f->server, &err), 0);
    f->t = rpc_inproc_create(f->server);
    snprintf(path, sizeof(path), "%s/kv", f->dir);
    if (kv_node_open(path, &f->opts, f->t, &f->kv, &err) != 0)
        fail_msg("kv_node_open: %s", err.msg);
    assert_int_equal(kv_node_register(f->kv, f->server, &err), 0);
}

static void close_all(kvt_t *f)
{
    kv_node_close(f->kv);
    rpc_transport_destroy(f->t);
    rpc_server_destroy(f->server);
    pd_close(f->pd);
    f->kv = NULL;
    f->t = NULL;
    f->server = NULL;
    f->pd = NULL;
}

kvt_t *kvt_create_with(const kv_node_options_t *opts)
{
    kvt_t *f = calloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/duet-kv-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    f->opts = *opts;
    f->arena = duet_arena_create(0);
    open_all(f);
    return f;
}

kvt_t *kvt_open_at(const char *dir, const kv_node_options_t *opts)
{
    kvt_t *f = calloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "%s", dir);
    f->opts = *opts;
    f->arena = duet_arena_create(0);
    open_all(f);
    return f;
}

kvt_t *kvt_create(uint64_t split_size, bool sync_log)
{
    kv_node_options_t o;
    kv_node_options_default(&o);
    o.sync_log = sync_log;
    if (split_size)
        o.region_split_size = split_size;
    o.n_labels = 1;
    snprintf(o.labels[0].key, sizeof(o.labels[0].key), "zone");
    snprintf(o.labels[0].value, sizeof(o.labels[0].value), "z1");
    return kvt_create_with(&o);
}

void kvt_restart(kvt_t *f)
{
    close_all(f);
    open_all(f);
}

void kvt_destroy(kvt_t *f)
{
    close_all(f);
    duet_arena_destroy(f->arena);
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
}

ProtobufCBinaryData kvt_bytes(const char *s)
{
    ProtobufCBinaryData d = {strlen(s), (uint8_t *)s};
    return d;
}

Kvrpcpb__Context *kvt_ctx(kvt_t *f, const char *key)
{
    Pdpb__GetRegionRequest g = PDPB__GET_REGION_REQUEST__INIT;
    g.region_key = kvt_bytes(key);
    ProtobufCMessage *m;
    duet_err_t err = {0};
    assert_int_equal(rpc_call(f->t, RPC_SERVICE_PD, "GetRegion", &g.base, &m, f->arena, &err), 0);
    Pdpb__GetRegionResponse *r = (Pdpb__GetRegionResponse *)m;
    assert_null(r->header->error);
    Kvrpcpb__Context *c = duet_arena_alloc(f->arena, sizeof(*c));
    kvrpcpb__context__init(c);
    c->region_id = r->region->id;
    c->region_epoch = r->region->region_epoch;
    c->peer = r->leader;
    return c;
}

void *kvt_call(kvt_t *f, const char *method, const ProtobufCMessage *req)
{
    ProtobufCMessage *m = NULL;
    duet_err_t err = {0};
    if (rpc_call(f->t, RPC_SERVICE_KV, method, req, &m, f->arena, &err) != 0)
        fail_msg("%s: %s", method, err.msg);
    return m;
}

const char *kvt_get(kvt_t *f, const char *key, uint64_t ts)
{
    Kvrpcpb__GetRequest g = KVRPCPB__GET_REQUEST__INIT;
    g.context = kvt_ctx(f, key);
    g.key = kvt_bytes(key);
    g.version = ts;
    Kvrpcpb__GetResponse *r = kvt_call(f, "KvGet", &g.base);
    assert_null(r->region_error);
    if (r->error) {
        assert_non_null(r->error->locked);
        return KVT_LOCKED;
    }
    if (r->not_found)
        return KVT_NOT_FOUND;
    return duet_arena_strndup(f->arena, (const char *)r->value.data, r->value.len);
}

Kvrpcpb__KeyError *kvt_prewrite_op(kvt_t *f, Kvrpcpb__Op op, const char *key, const char *value,
                                   const char *primary, uint64_t start_ts, uint64_t ttl)
{
    Kvrpcpb__Mutation m = KVRPCPB__MUTATION__INIT, *ms[1] = {&m};
    m.op = op;
    m.key = kvt_bytes(key);
    if (value)
        m.value = kvt_bytes(value);
    Kvrpcpb__PrewriteRequest p = KVRPCPB__PREWRITE_REQUEST__INIT;
    p.context = kvt_ctx(f, key);
    p.n_mutations = 1;
    p.mutations = ms;
    p.primary_lock = kvt_bytes(primary);
    p.start_version = start_ts;
    p.lock_ttl = ttl;
    Kvrpcpb__PrewriteResponse *r = kvt_call(f, "KvPrewrite", &p.base);
    assert_null(r->region_error);
    return r->n_errors ? r->errors[0] : NULL;
}

Kvrpcpb__KeyError *kvt_prewrite(kvt_t *f, const char *key, const char *value, const char *primary,
                                uint64_t start_ts, uint64_t ttl)
{
    return kvt_prewrite_op(f, value ? KVRPCPB__OP__Put : KVRPCPB__OP__Del, key, value, primary,
                           start_ts, ttl);
}

Kvrpcpb__KeyError *kvt_commit(kvt_t *f, const char *key, uint64_t start_ts, uint64_t commit_ts)
{
    ProtobufCBinaryData k = kvt_bytes(key);
    Kvrpcpb__CommitRequest c = KVRPCPB__COMMIT_REQUEST__INIT;
    c.context = kvt_ctx(f, key);
    c.start_version = start_ts;
    c.commit_version = commit_ts;
    c.n_keys = 1;
    c.keys = &k;
    Kvrpcpb__CommitResponse *r = kvt_call(f, "KvCommit", &c.base);
    assert_null(r->region_error);
    return r->error;
}

Kvrpcpb__KeyError *kvt_rollback(kvt_t *f, const char *key, uint64_t start_ts)
{
    ProtobufCBinaryData k = kvt_bytes(key);
    Kvrpcpb__BatchRollbackRequest c = KVRPCPB__BATCH_ROLLBACK_REQUEST__INIT;
    c.context = kvt_ctx(f, key);
    c.start_version = start_ts;
    c.n_keys = 1;
    c.keys = &k;
    Kvrpcpb__BatchRollbackResponse *r = kvt_call(f, "KvBatchRollback", &c.base);
    assert_null(r->region_error);
    return r->error;
}

void kvt_put(kvt_t *f, const char *key, const char *value, uint64_t start_ts, uint64_t commit_ts)
{
    assert_null(kvt_prewrite(f, key, value, key, start_ts, 3000));
    assert_null(kvt_commit(f, key, start_ts, commit_ts));
}
