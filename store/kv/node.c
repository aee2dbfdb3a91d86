/* node.c - the kv node: opening and bootstrapping with pd, the region table with epoch checks,
 * size-driven and requested splits, and GC over the whole node. */
#define DUET_LOG_MODULE "kv"
#include "store/kv/node_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/datadir.h"
#include "common/log.h"
#include "common/mem.h"
#include "rpc/pdpb.pb-c.h"

#define META_IDENT      "ident"
#define META_REGION_TAG 'R'

static void gc_stop(kv_node_t *node);

void kv_node_options_default(kv_node_options_t *o)
{
    memset(o, 0, sizeof(*o));
    snprintf(o->address, sizeof(o->address), "127.0.0.1:20160");
    o->sync_log = true;
    o->region_split_size = 96u << 20;
    o->gc_life_time_ms = 10 * 60 * 1000;
    o->block_cache_bytes = (size_t)128 << 20;
}

static int bytes_cmp(const void *a, size_t al, const void *b, size_t bl)
{
    size_t n = al < bl ? al : bl;
    int c = n ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return (al > bl) - (al < bl);
}

static ProtobufCBinaryData arena_copy(duet_arena_t *a, const void *p, size_t n)
{
    ProtobufCBinaryData d = {n, duet_arena_alloc(a, n)};
    if (n)
        memcpy(d.data, p, n);
    return d;
}

/* ---- pd calls ---- */

static int pd_call(kv_node_t *node, const char *method, const ProtobufCMessage *req,
                   ProtobufCMessage **resp, duet_arena_t *arena, Pdpb__ErrorType *etype,
                   duet_err_t *err)
{
    if (etype)
        *etype = PDPB__ERROR_TYPE__OK;
    if (rpc_call(node->pd, RPC_SERVICE_PD, method, req, resp, arena, err) != 0)
        return -1;
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field_by_name((*resp)->descriptor, "header");
    Pdpb__ResponseHeader *h = f ? *(Pdpb__ResponseHeader **)((char *)*resp + f->offset) : NULL;
    if (h && h->error && h->error->type != PDPB__ERROR_TYPE__OK) {
        if (etype)
            *etype = h->error->type;
        return duet_err_set(err, ER_GENERIC, "pd %s: %s", method, h->error->message);
    }
    return 0;
}

static int alloc_id(kv_node_t *node, duet_arena_t *arena, uint64_t *id, duet_err_t *err)
{
    Pdpb__AllocIDRequest req = PDPB__ALLOC_IDREQUEST__INIT;
    ProtobufCMessage *resp;
    if (pd_call(node, "AllocID", &req.base, &resp, arena, NULL, err) != 0)
        return -1;
    *id = ((Pdpb__AllocIDResponse *)resp)->id;
    return 0;
}

static Metapb__Store *store_meta(kv_node_t *node, duet_arena_t *arena)
{
    Metapb__Store *s = duet_arena_alloc(arena, sizeof(*s));
    metapb__store__init(s);
    s->id = node->store_id;
    s->address = node->opts.address;
    s->n_labels = node->opts.n_labels;
    s->labels = duet_arena_alloc(arena, s->n_labels * sizeof(*s->labels));
    for (size_t i = 0; i < s->n_labels; i++) {
        s->labels[i] = duet_arena_alloc(arena, sizeof(**s->labels));
        metapb__store_label__init(s->labels[i]);
        s->labels[i]->key = node->opts.labels[i].key;
        s->labels[i]->value = node->opts.labels[i].value;
    }
    return s;
}

/* ---- regions ---- */

Metapb__Region *kv_node_region_meta(const kv_node_t *node, const kv_region_t *r,
                                    duet_arena_t *arena)
{
    Metapb__Region *m = duet_arena_alloc(arena, sizeof(*m));
    metapb__region__init(m);
    m->id = r->id;
    m->start_key = arena_copy(arena, r->start.data, r->start.len);
    m->end_key = arena_copy(arena, r->end.data, r->end.len);
    m->region_epoch = duet_arena_alloc(arena, sizeof(*m->region_epoch));
    metapb__region_epoch__init(m->region_epoch);
    m->region_epoch->conf_ver = r->conf_ver;
    m->region_epoch->version = r->version;
    m->n_peers = 1;
    m->peers = duet_arena_alloc(arena, sizeof(*m->peers));
    m->peers[0] = duet_arena_alloc(arena, sizeof(**m->peers));
    metapb__peer__init(m->peers[0]);
    m->peers[0]->id = r->peer_id;
    m->peers[0]->store_id = node->store_id;
    return m;
}

static kv_region_t *region_new(uint64_t id, uint64_t peer_id, uint64_t conf_ver, uint64_t version,
                               const void *start, size_t start_len, const void *end, size_t end_len)
{
    kv_region_t *r = duet_calloc(1, sizeof(*r));
    r->id = id;
    r->peer_id = peer_id;
    r->conf_ver = conf_ver;
    r->version = version;
    duet_buf_append(&r->start, start, start_len);
    duet_buf_append(&r->end, end, end_len);
    return r;
}

static void region_free(kv_region_t *r)
{
    duet_buf_free(&r->start);
    duet_buf_free(&r->end);
    duet_free(r);
}

static int region_cmp(const void *a, const void *b)
{
    const kv_region_t *x = *(kv_region_t *const *)a, *y = *(kv_region_t *const *)b;
    return bytes_cmp(x->start.data, x->start.len, y->start.data, y->start.len);
}

/* table_add_locked: adds r to the table and keeps it sorted. Caller holds regions_lock for
 * writing (or is opening the node). */
static void table_add_locked(kv_node_t *node, kv_region_t *r)
{
    node->regions = duet_realloc(node->regions, (node->n_regions + 1) * sizeof(kv_region_t *));
    node->regions[node->n_regions++] = r;
    qsort(node->regions, node->n_regions, sizeof(kv_region_t *), region_cmp);
}

static kv_region_t *region_by_id_locked(kv_node_t *node, uint64_t id)
{
    for (size_t i = 0; i < node->n_regions; i++) {
        if (node->regions[i]->id == id)
            return node->regions[i];
    }
    return NULL;
}

static void region_meta_key(duet_buf_t *k, uint64_t id)
{
    duet_buf_putc(k, META_REGION_TAG);
    for (int i = 7; i >= 0; i--)
        duet_buf_putc(k, (char)(id >> (8 * i)));
}

static void persist_region(kv_node_t *node, rocksdb_writebatch_t *wb, const kv_region_t *r)
{
    duet_arena_t *a = duet_arena_create(0);
    Metapb__Region *m = kv_node_region_meta(node, r, a);
    size_t n = metapb__region__get_packed_size(m);
    uint8_t *buf = duet_arena_alloc(a, n);
    metapb__region__pack(m, buf);
    duet_buf_t k = DUET_BUF_INIT;
    region_meta_key(&k, r->id);
    rocksdb_writebatch_put_cf(wb, node->eng.cf[KV_CF_META], k.data, k.len, (const char *)buf, n);
    duet_buf_free(&k);
    duet_arena_destroy(a);
}

static int load_regions(kv_node_t *node, duet_err_t *err)
{
    kv_snap_t s;
    kv_snap_open(&s, &node->eng, true);
    rocksdb_iterator_t *it = kv_snap_iter(&s, KV_CF_META);
    char tag = META_REGION_TAG;
    int rc = 0;
    for (rocksdb_iter_seek(it, &tag, 1); rocksdb_iter_valid(it); rocksdb_iter_next(it)) {
        size_t kl, vl;
        const char *k = rocksdb_iter_key(it, &kl);
        if (kl != 9 || k[0] != META_REGION_TAG)
            break;
        const uint8_t *v = (const uint8_t *)rocksdb_iter_value(it, &vl);
        Metapb__Region *m = metapb__region__unpack(NULL, vl, v);
        if (m == NULL || m->region_epoch == NULL) {
            if (m)
                metapb__region__free_unpacked(m, NULL);
            rc = duet_err_set(err, ER_GENERIC, "kv: corrupt region record");
            break;
        }
        uint64_t peer = m->n_peers ? m->peers[0]->id : 0;
        table_add_locked(node, region_new(m->id, peer, m->region_epoch->conf_ver,
                                          m->region_epoch->version, m->start_key.data,
                                          m->start_key.len, m->end_key.data, m->end_key.len));
        metapb__region__free_unpacked(m, NULL);
    }
    rocksdb_iter_destroy(it);
    kv_snap_close(&s);
    return rc;
}

/* approx_init: estimates each region's stored bytes from RocksDB's file statistics, so a node
 * that restarts near the split size still splits soon. */
static void approx_init(kv_node_t *node)
{
    for (size_t i = 0; i < node->n_regions; i++) {
        kv_region_t *r = node->regions[i];
        duet_buf_t s = DUET_BUF_INIT, e = DUET_BUF_INIT;
        kv_key_encode(&s, r->start.data, r->start.len);
        if (r->end.len)
            kv_key_encode(&e, r->end.data, r->end.len);
        else
            duet_buf_append(&e, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 12);
        const char *sk[1] = {s.data}, *ek[1] = {e.data};
        size_t sl[1] = {s.len}, el[1] = {e.len};
        for (int cf = KV_CF_DEFAULT; cf <= KV_CF_WRITE; cf++) {
            uint64_t size = 0;
            char *rerr = NULL;
            rocksdb_approximate_sizes_cf(node->eng.db, node->eng.cf[cf], 1, sk, sl, ek, el, &size,
                                         &rerr);
            if (rerr)
                rocksdb_free(rerr);
            else
                r->approx_size += size;
        }
        duet_buf_free(&s);
        duet_buf_free(&e);
    }
}

static int bootstrap(kv_node_t *node, duet_arena_t *arena, duet_err_t *err)
{
    ProtobufCMessage *resp;
    Pdpb__IsBootstrappedRequest ib = PDPB__IS_BOOTSTRAPPED_REQUEST__INIT;
    if (pd_call(node, "IsBootstrapped", &ib.base, &resp, arena, NULL, err) != 0)
        return -1;
    bool pd_ready = ((Pdpb__IsBootstrappedResponse *)resp)->bootstrapped;

    duet_buf_t v = DUET_BUF_INIT;
    int found = 0;
    kv_snap_t s;
    kv_snap_open(&s, &node->eng, true);
    found = kv_snap_get(&s, KV_CF_META, META_IDENT, strlen(META_IDENT), &v, err);
    kv_snap_close(&s);
    if (found < 0) {
        duet_buf_free(&v);
        return -1;
    }
    if (found == 1 && v.len == 8) {
        memcpy(&node->store_id, v.data, 8);
    } else {
        if (alloc_id(node, arena, &node->store_id, err) != 0) {
            duet_buf_free(&v);
            return -1;
        }
        rocksdb_writebatch_t *wb = rocksdb_writebatch_create();
        rocksdb_writebatch_put_cf(wb, node->eng.cf[KV_CF_META], META_IDENT, strlen(META_IDENT),
                                  (const char *)&node->store_id, 8);
        if (!pd_ready) {
            /* A new cluster: this store holds the first region, over every key. */
            uint64_t rid, pid;
            if (alloc_id(node, arena, &rid, err) != 0 || alloc_id(node, arena, &pid, err) != 0) {
                rocksdb_writebatch_destroy(wb);
                duet_buf_free(&v);
                return -1;
            }
            kv_region_t *r = region_new(rid, pid, 1, 1, "", 0, "", 0);
            persist_region(node, wb, r);
            table_add_locked(node, r);
        }
        int rc = kv_engine_write(&node->eng, wb, err);
        rocksdb_writebatch_destroy(wb);
        if (rc != 0) {
            duet_buf_free(&v);
            return -1;
        }
    }
    duet_buf_free(&v);

    Pdpb__PutStoreRequest ps = PDPB__PUT_STORE_REQUEST__INIT;
    ps.store = store_meta(node, arena);
    if (!pd_ready && node->n_regions > 0) {
        Pdpb__BootstrapRequest bs = PDPB__BOOTSTRAP_REQUEST__INIT;
        bs.store = ps.store;
        bs.region = kv_node_region_meta(node, node->regions[0], arena);
        Pdpb__ErrorType et;
        duet_err_t e2 = {0};
        if (pd_call(node, "Bootstrap", &bs.base, &resp, arena, &et, &e2) != 0 &&
            et != PDPB__ERROR_TYPE__ALREADY_BOOTSTRAPPED)
            return duet_err_copy(err, &e2);
    }
    return pd_call(node, "PutStore", &ps.base, &resp, arena, NULL, err);
}

/* heartbeat_all: tells pd about every region, so that a split whose report was lost (a crash
 * between persisting it and reporting it) reaches pd's map on the next start. */
static void heartbeat_all(kv_node_t *node, duet_arena_t *arena)
{
    for (size_t i = 0; i < node->n_regions; i++) {
        Pdpb__RegionHeartbeatRequest req = PDPB__REGION_HEARTBEAT_REQUEST__INIT;
        req.region = kv_node_region_meta(node, node->regions[i], arena);
        req.leader = req.region->peers[0];
        req.approximate_size = node->regions[i]->approx_size;
        ProtobufCMessage *resp;
        duet_err_t e = {0};
        if (pd_call(node, "RegionHeartbeat", &req.base, &resp, arena, NULL, &e) != 0)
            log_warn("heartbeat of region %llu: %s", (unsigned long long)node->regions[i]->id,
                     e.msg);
    }
}

int kv_node_open(const char *dir, const kv_node_options_t *opts, rpc_transport_t *pd,
                 kv_node_t **out, duet_err_t *err)
{
    *out = NULL;
    if (duet_mkdirs(dir, 0750) != 0)
        return duet_err_set(err, ER_GENERIC, "kv: cannot create %s", dir);
    kv_node_t *node = duet_calloc(1, sizeof(*node));
    if (opts)
        node->opts = *opts;
    else
        kv_node_options_default(&node->opts);
    if (node->opts.region_split_size == 0)
        node->opts.region_split_size = 96u << 20;
    node->pd = pd;
    pthread_rwlockattr_t ra;
    pthread_rwlockattr_init(&ra);
    /* A split waiting for writers to drain must not starve behind new ones. */
    pthread_rwlockattr_setkind_np(&ra, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&node->split_lock, &ra);
    pthread_rwlockattr_destroy(&ra);
    for (int i = 0; i < KV_LATCH_SLOTS; i++)
        pthread_mutex_init(&node->latches[i], NULL);
    pthread_rwlock_init(&node->regions_lock, NULL);
    pthread_mutex_init(&node->gc_lock, NULL);
    pthread_cond_init(&node->gc_cond, NULL);
    if (kv_engine_open(&node->eng, dir, node->opts.sync_log, node->opts.block_cache_bytes, err) !=
        0) {
        kv_node_close(node);
        return -1;
    }
    duet_arena_t *arena = duet_arena_create(0);
    int rc = load_regions(node, err);
    if (rc == 0)
        rc = bootstrap(node, arena, err);
    duet_arena_destroy(arena);
    if (rc != 0) {
        kv_node_close(node);
        return -1;
    }
    approx_init(node);
    arena = duet_arena_create(0);
    heartbeat_all(node, arena);
    duet_arena_destroy(arena);
    log_info("kv store %llu opened in %s with %zu regions", (unsigned long long)node->store_id, dir,
             node->n_regions);
    *out = node;
    return 0;
}

void kv_node_close(kv_node_t *node)
{
    if (node == NULL)
        return;
    gc_stop(node);
    kv_engine_close(&node->eng);
    for (size_t i = 0; i < node->n_regions; i++)
        region_free(node->regions[i]);
    duet_free(node->regions);
    pthread_rwlock_destroy(&node->regions_lock);
    pthread_rwlock_destroy(&node->split_lock);
    for (int i = 0; i < KV_LATCH_SLOTS; i++)
        pthread_mutex_destroy(&node->latches[i]);
    pthread_cond_destroy(&node->gc_cond);
    pthread_mutex_destroy(&node->gc_lock);
    duet_free(node);
}

uint64_t kv_node_store_id(const kv_node_t *node)
{
    return node->store_id;
}

size_t kv_node_region_count(kv_node_t *node)
{
    pthread_rwlock_rdlock(&node->regions_lock);
    size_t n = node->n_regions;
    pthread_rwlock_unlock(&node->regions_lock);
    return n;
}

void kv_node_set_coprocessor(kv_node_t *node, kv_cop_fn fn, void *ctx)
{
    node->cop_fn = fn;
    node->cop_ctx = ctx;
}

/* ---- request checks ---- */

static Errorpb__Error *region_error(duet_arena_t *arena, const char *msg)
{
    Errorpb__Error *e = duet_arena_alloc(arena, sizeof(*e));
    errorpb__error__init(e);
    e->message = duet_arena_strdup(arena, msg);
    return e;
}

Errorpb__Error *kv_node_check_ctx(kv_node_t *node, const Kvrpcpb__Context *ctx, duet_arena_t *arena,
                                  kv_region_view_t *view)
{
    uint64_t id = ctx ? ctx->region_id : 0;
    Errorpb__Error *e = NULL;
    pthread_rwlock_rdlock(&node->regions_lock);
    size_t idx = node->n_regions;
    for (size_t i = 0; i < node->n_regions; i++) {
        if (node->regions[i]->id == id)
            idx = i;
    }
    if (idx == node->n_regions) {
        e = region_error(
            arena, duet_arena_sprintf(arena, "region %llu is not found", (unsigned long long)id));
        e->region_not_found = duet_arena_alloc(arena, sizeof(*e->region_not_found));
        errorpb__region_not_found__init(e->region_not_found);
        e->region_not_found->region_id = id;
        goto out;
    }
    kv_region_t *r = node->regions[idx];
    if (ctx->peer && ctx->peer->store_id && ctx->peer->store_id != node->store_id) {
        e = region_error(arena, "peer is not leader");
        e->not_leader = duet_arena_alloc(arena, sizeof(*e->not_leader));
        errorpb__not_leader__init(e->not_leader);
        e->not_leader->region_id = id;
        e->not_leader->leader = kv_node_region_meta(node, r, arena)->peers[0];
        goto out;
    }
    if (ctx->region_epoch == NULL || ctx->region_epoch->version != r->version ||
        ctx->region_epoch->conf_ver != r->conf_ver) {
        e = region_error(arena, "epoch not match");
        Errorpb__EpochNotMatch *en = duet_arena_alloc(arena, sizeof(*en));
        errorpb__epoch_not_match__init(en);
        /* The region and the neighbours split off together with it (same version). */
        en->current_regions = duet_arena_alloc(arena, 3 * sizeof(*en->current_regions));
        if (idx > 0 && node->regions[idx - 1]->version == r->version)
            en->current_regions[en->n_current_regions++] =
                kv_node_region_meta(node, node->regions[idx - 1], arena);
        en->current_regions[en->n_current_regions++] = kv_node_region_meta(node, r, arena);
        if (idx + 1 < node->n_regions && node->regions[idx + 1]->version == r->version)
            en->current_regions[en->n_current_regions++] =
                kv_node_region_meta(node, node->regions[idx + 1], arena);
        e->epoch_not_match = en;
        goto out;
    }
    view->id = r->id;
    view->conf_ver = r->conf_ver;
    view->version = r->version;
    view->start = arena_copy(arena, r->start.data, r->start.len);
    view->end = arena_copy(arena, r->end.data, r->end.len);
out:
    pthread_rwlock_unlock(&node->regions_lock);
    return e;
}

Errorpb__Error *kv_node_check_key(const kv_region_view_t *view, ProtobufCBinaryData key,
                                  duet_arena_t *arena)
{
    bool in =
        bytes_cmp(key.data, key.len, view->start.data, view->start.len) >= 0 &&
        (view->end.len == 0 || bytes_cmp(key.data, key.len, view->end.data, view->end.len) < 0);
    if (in)
        return NULL;
    Errorpb__Error *e = region_error(arena, "key is not in region");
    e->key_not_in_region = duet_arena_alloc(arena, sizeof(*e->key_not_in_region));
    errorpb__key_not_in_region__init(e->key_not_in_region);
    e->key_not_in_region->key = key;
    e->key_not_in_region->region_id = view->id;
    e->key_not_in_region->start_key = view->start;
    e->key_not_in_region->end_key = view->end;
    return e;
}

/* ---- splits ---- */

static int key_cmp(const void *a, const void *b)
{
    const ProtobufCBinaryData *x = a, *y = b;
    return bytes_cmp(x->data, x->len, y->data, y->len);
}

static void report_split(kv_node_t *node, Metapb__Region *left, Metapb__Region *right,
                         duet_arena_t *arena)
{
    Pdpb__ReportSplitRequest req = PDPB__REPORT_SPLIT_REQUEST__INIT;
    req.left = left;
    req.right = right;
    ProtobufCMessage *resp;
    duet_err_t e = {0};
    if (pd_call(node, "ReportSplit", &req.base, &resp, arena, NULL, &e) != 0)
        log_warn("report of the split of region %llu to pd failed: %s",
                 (unsigned long long)right->id, e.msg);
}

int kv_node_split_locked(kv_node_t *node, uint64_t id, ProtobufCBinaryData *keys, size_t n,
                         duet_arena_t *arena, Metapb__Region ***out, size_t *n_out,
                         Errorpb__Error **rerr, duet_err_t *err)
{
    *out = NULL;
    *n_out = 0;
    *rerr = NULL;
    kv_region_view_t v;
    Kvrpcpb__Context ctx = KVRPCPB__CONTEXT__INIT;
    Metapb__RegionEpoch ep = METAPB__REGION_EPOCH__INIT;
    pthread_rwlock_rdlock(&node->regions_lock);
    kv_region_t *r = region_by_id_locked(node, id);
    if (r) {
        ep.conf_ver = r->conf_ver;
        ep.version = r->version;
    }
    pthread_rwlock_unlock(&node->regions_lock);
    ctx.region_id = id;
    ctx.region_epoch = &ep;
    if ((*rerr = kv_node_check_ctx(node, &ctx, arena, &v)) != NULL)
        return 0;

    /* Sorted, distinct keys strictly inside the region. */
    ProtobufCBinaryData *ks = duet_arena_alloc(arena, (n ? n : 1) * sizeof(*ks));
    size_t m = 0;
    if (n)
        memcpy(ks, keys, n * sizeof(*ks));
    if (n > 1)
        qsort(ks, n, sizeof(*ks), key_cmp);
    for (size_t i = 0; i < n; i++) {
        if ((*rerr = kv_node_check_key(&v, ks[i], arena)) != NULL)
            return 0;
        if (key_cmp(&ks[i], &v.start) == 0 || (m > 0 && key_cmp(&ks[i], &ks[m - 1]) == 0))
            continue;
        ks[m++] = ks[i];
    }
    *out = duet_arena_alloc(arena, (m + 1) * sizeof(**out));
    if (m == 0) {
        pthread_rwlock_rdlock(&node->regions_lock);
        (*out)[(*n_out)++] = kv_node_region_meta(node, region_by_id_locked(node, id), arena);
        pthread_rwlock_unlock(&node->regions_lock);
        return 0;
    }
    uint64_t *ids = duet_arena_alloc(arena, 2 * m * sizeof(uint64_t));
    for (size_t i = 0; i < 2 * m; i++) {
        if (alloc_id(node, arena, &ids[i], err) != 0)
            return -1;
    }
    uint64_t version = v.version + m;
    kv_region_t **parts = duet_arena_alloc(arena, m * sizeof(*parts));
    for (size_t i = 0; i < m; i++) {
        ProtobufCBinaryData s = i ? ks[i - 1] : v.start;
        parts[i] = region_new(ids[2 * i], ids[2 * i + 1], v.conf_ver, version, s.data, s.len,
                              ks[i].data, ks[i].len);
    }
    /* The region keeps the rightmost part; the new regions are persisted with it atomically. */
    kv_region_t right = {0};
    pthread_rwlock_rdlock(&node->regions_lock);
    r = region_by_id_locked(node, id);
    right.id = r->id;
    right.peer_id = r->peer_id;
    right.conf_ver = r->conf_ver;
    pthread_rwlock_unlock(&node->regions_lock);
    right.version = version;
    duet_buf_append(&right.start, ks[m - 1].data, ks[m - 1].len);
    duet_buf_append(&right.end, v.end.data, v.end.len);
    rocksdb_writebatch_t *wb = rocksdb_writebatch_create();
    for (size_t i = 0; i < m; i++)
        persist_region(node, wb, parts[i]);
    persist_region(node, wb, &right);
    int rc = kv_engine_write(&node->eng, wb, err);
    rocksdb_writebatch_destroy(wb);
    if (rc != 0) {
        for (size_t i = 0; i < m; i++)
            region_free(parts[i]);
        duet_buf_free(&right.start);
        duet_buf_free(&right.end);
        return -1;
    }
    pthread_rwlock_wrlock(&node->regions_lock);
    r = region_by_id_locked(node, id);
    r->version = version;
    __atomic_store_n(&r->approx_size, 0, __ATOMIC_RELAXED);
    duet_buf_reset(&r->start);
    duet_buf_append(&r->start, right.start.data, right.start.len);
    for (size_t i = 0; i < m; i++)
        table_add_locked(node, parts[i]);
    for (size_t i = 0; i < m; i++)
        (*out)[(*n_out)++] = kv_node_region_meta(node, parts[i], arena);
    (*out)[(*n_out)++] = kv_node_region_meta(node, r, arena);
    pthread_rwlock_unlock(&node->regions_lock);
    duet_buf_free(&right.start);
    duet_buf_free(&right.end);
    log_info("region %llu split into %zu regions at version %llu", (unsigned long long)id, m + 1,
             (unsigned long long)version);

    /* Tell pd one split at a time: each left part, then what remains to its right. */
    for (size_t i = 0; i < m; i++) {
        Metapb__Region *rest = duet_arena_alloc(arena, sizeof(*rest));
        *rest = *(*out)[m];
        rest->start_key = ks[i];
        report_split(node, (*out)[i], rest, arena);
    }
    return 0;
}

/* measure: the bytes stored for [start, end) in the write and default column families, and a
 * user key near the middle (strictly after start) in *mid, when there is one. */
static int measure(kv_node_t *node, ProtobufCBinaryData start, ProtobufCBinaryData end,
                   uint64_t *total, duet_buf_t *mid, duet_err_t *err)
{
    duet_buf_t es = DUET_BUF_INIT, ee = DUET_BUF_INIT;
    kv_key_encode(&es, start.data, start.len);
    if (end.len)
        kv_key_encode(&ee, end.data, end.len);
    kv_snap_t s;
    kv_snap_open(&s, &node->eng, true);
    uint64_t sizes[2] = {0, 0};
    const kv_cf_t cfs[2] = {KV_CF_WRITE, KV_CF_DEFAULT};
    for (int pass = 0; pass < 3; pass++) {
        int c = pass < 2 ? pass : (sizes[0] >= sizes[1] ? 0 : 1);
        uint64_t half = sizes[c] / 2, cum = 0;
        rocksdb_iterator_t *it = kv_snap_iter(&s, cfs[c]);
        for (rocksdb_iter_seek(it, es.data, es.len); rocksdb_iter_valid(it);
             rocksdb_iter_next(it)) {
            size_t kl, vl;
            const char *k = rocksdb_iter_key(it, &kl);
            rocksdb_iter_value(it, &vl);
            if (kl < 8 || (end.len && bytes_cmp(k, kl - 8, ee.data, ee.len) >= 0))
                break;
            if (pass < 2) {
                sizes[c] += kl + vl;
                continue;
            }
            cum += kl + vl;
            if (cum < half)
                continue;
            if (kv_key_decode((const uint8_t *)k, kl - 8, mid) >= 0 &&
                bytes_cmp(mid->data, mid->len, start.data, start.len) > 0)
                break;
            duet_buf_reset(mid);
        }
        if (!rocksdb_iter_valid(it) && pass == 2)
            duet_buf_reset(mid);
        rocksdb_iter_destroy(it);
    }
    kv_snap_close(&s);
    duet_buf_free(&es);
    duet_buf_free(&ee);
    *total = sizes[0] + sizes[1];
    (void)err;
    return 0;
}

int kv_node_wrote(kv_node_t *node, uint64_t id, size_t bytes, duet_err_t *err)
{
    pthread_rwlock_rdlock(&node->regions_lock);
    kv_region_t *r = region_by_id_locked(node, id);
    bool check = r && __atomic_add_fetch(&r->approx_size, bytes, __ATOMIC_RELAXED) >=
                          node->opts.region_split_size;
    pthread_rwlock_unlock(&node->regions_lock);
    /* One size check at a time; writers go on while it scans. */
    if (!check || __atomic_exchange_n(&node->size_checking, true, __ATOMIC_ACQUIRE))
        return 0;
    duet_arena_t *arena = duet_arena_create(0);
    kv_region_view_t v;
    pthread_rwlock_rdlock(&node->regions_lock);
    r = region_by_id_locked(node, id);
    check = r && __atomic_load_n(&r->approx_size, __ATOMIC_RELAXED) >=
                     node->opts.region_split_size; /* not split meanwhile */
    if (check) {
        v.start = arena_copy(arena, r->start.data, r->start.len);
        v.end = arena_copy(arena, r->end.data, r->end.len);
    }
    pthread_rwlock_unlock(&node->regions_lock);
    uint64_t total = 0;
    duet_buf_t mid = DUET_BUF_INIT;
    int rc = check ? measure(node, v.start, v.end, &total, &mid, err) : 0;
    if (check && rc == 0 && total >= node->opts.region_split_size && mid.len > 0) {
        /* Alone for the split itself, which re-checks that the key is still inside. */
        ProtobufCBinaryData key = arena_copy(arena, mid.data, mid.len);
        Metapb__Region **out;
        size_t n_out;
        Errorpb__Error *rerr;
        pthread_rwlock_wrlock(&node->split_lock);
        rc = kv_node_split_locked(node, id, &key, 1, arena, &out, &n_out, &rerr, err);
        if (rc == 0 && rerr == NULL) {
            /* Each half holds about half the bytes. */
            pthread_rwlock_rdlock(&node->regions_lock);
            for (size_t i = 0; i < n_out; i++) {
                kv_region_t *p = region_by_id_locked(node, out[i]->id);
                if (p)
                    __atomic_store_n(&p->approx_size, total / 2, __ATOMIC_RELAXED);
            }
            pthread_rwlock_unlock(&node->regions_lock);
        }
        pthread_rwlock_unlock(&node->split_lock);
    } else if (check && rc == 0) {
        /* Smaller than it seemed, or one key too big to split: look again after more writes. */
        pthread_rwlock_rdlock(&node->regions_lock);
        r = region_by_id_locked(node, id);
        if (r)
            __atomic_store_n(&r->approx_size, total < node->opts.region_split_size ? total : 0,
                             __ATOMIC_RELAXED);
        pthread_rwlock_unlock(&node->regions_lock);
    }
    duet_buf_free(&mid);
    duet_arena_destroy(arena);
    __atomic_store_n(&node->size_checking, false, __ATOMIC_RELEASE);
    return rc;
}

static uint32_t latch_slot(const ProtobufCBinaryData *k)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < k->len; i++)
        h = (h ^ k->data[i]) * 16777619u;
    return h % KV_LATCH_SLOTS;
}

static int slot_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

void kv_node_latch(kv_node_t *node, const void *keys, size_t n, size_t stride, duet_arena_t *arena,
                   kv_latches_t *out)
{
    out->slots = duet_arena_alloc(arena, (n ? n : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++)
        out->slots[i] = latch_slot((const ProtobufCBinaryData *)((const char *)keys + i * stride));
    if (n > 1)
        qsort(out->slots, n, sizeof(uint32_t), slot_cmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m == 0 || out->slots[m - 1] != out->slots[i])
            out->slots[m++] = out->slots[i];
    }
    out->n = m;
    for (size_t i = 0; i < m; i++)
        pthread_mutex_lock(&node->latches[out->slots[i]]);
}

void kv_node_unlatch(kv_node_t *node, kv_latches_t *l)
{
    for (size_t i = l->n; i-- > 0;)
        pthread_mutex_unlock(&node->latches[l->slots[i]]);
    l->n = 0;
}

/* ---- GC ---- */

/* holds_key: whether one of the node's regions covers key. */
static bool holds_key(kv_node_t *node, ProtobufCBinaryData key)
{
    bool in = false;
    pthread_rwlock_rdlock(&node->regions_lock);
    for (size_t i = 0; i < node->n_regions && !in; i++) {
        kv_region_t *r = node->regions[i];
        in = bytes_cmp(key.data, key.len, r->start.data, r->start.len) >= 0 &&
             (r->end.len == 0 || bytes_cmp(key.data, key.len, r->end.data, r->end.len) < 0);
    }
    pthread_rwlock_unlock(&node->regions_lock);
    return in;
}

/* resolve_one: settles the lock on key if its transaction started before safe_point: the
 * primary's fate (rolled back when still locked: its TTL is long gone) decides the key's. */
static int resolve_one(kv_node_t *node, ProtobufCBinaryData key, uint64_t safe_point,
                       duet_arena_t *arena, duet_err_t *err)
{
    kv_txn_t t;
    kv_lock_t lock;
    kv_txn_begin(&t, &node->eng, arena, false);
    int found = kv_mvcc_load_lock(&t, key, &lock, err);
    kv_txn_end(&t);
    if (found <= 0 || lock.start_ts >= safe_point)
        return found < 0 ? -1 : 0;
    if (!holds_key(node, lock.primary)) {
        log_warn("gc: lock of transaction %llu has its primary on another store; left for readers",
                 (unsigned long long)lock.start_ts);
        return 0;
    }
    ProtobufCBinaryData keys[2] = {key, lock.primary};
    kv_latches_t l;
    pthread_rwlock_rdlock(&node->split_lock);
    kv_node_latch(node, keys, 2, sizeof(keys[0]), arena, &l);
    kv_txn_begin(&t, &node->eng, arena, false);
    int rc = 0;
    kv_lock_t again;
    found = kv_mvcc_load_lock(&t, key, &again, err);
    if (found < 0)
        rc = -1;
    if (found == 1 && again.start_ts == lock.start_ts) {
        Kvrpcpb__CheckTxnStatusRequest cs = KVRPCPB__CHECK_TXN_STATUS_REQUEST__INIT;
        Kvrpcpb__CheckTxnStatusResponse st = KVRPCPB__CHECK_TXN_STATUS_RESPONSE__INIT;
        cs.primary_key = lock.primary;
        cs.lock_ts = lock.start_ts;
        cs.current_ts = UINT64_MAX;
        cs.rollback_if_not_exist = true;
        rc = kv_mvcc_check_txn_status(&t, &cs, &st, err);
        Kvrpcpb__KeyError *kerr = NULL;
        bool is_primary = key.len == lock.primary.len &&
                          (key.len == 0 || memcmp(key.data, lock.primary.data, key.len) == 0);
        if (rc == 0 && !is_primary) {
            if (st.commit_version)
                rc = kv_mvcc_commit(&t, key, lock.start_ts, st.commit_version, &kerr, err);
            else
                rc = kv_mvcc_rollback(&t, key, lock.start_ts, &kerr, err);
        }
        if (rc == 0 && kerr == NULL && st.error == NULL)
            rc = kv_txn_write(&t, err);
    }
    kv_txn_end(&t);
    kv_node_unlatch(node, &l);
    pthread_rwlock_unlock(&node->split_lock);
    return rc;
}

long kv_node_gc(kv_node_t *node, uint64_t safe_point, duet_err_t *err)
{
    /* First settle the locks of transactions older than the safe point: once their primary's
     * commit record is collected, nobody could tell any more that they committed. */
    ProtobufCBinaryData all = {0, NULL};
    duet_arena_t *arena = duet_arena_create(0);
    kv_txn_t scan;
    kv_txn_begin(&scan, &node->eng, arena, true);
    ProtobufCBinaryData *keys;
    size_t n;
    int rc = kv_mvcc_locks_in_range(&scan, all, all, 0, 0, &keys, &n, err);
    kv_txn_end(&scan);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = resolve_one(node, keys[i], safe_point, arena, err);
    duet_arena_destroy(arena);
    if (rc != 0)
        return -1;
    return kv_mvcc_gc_range(&node->eng, all, all, safe_point, err);
}

static void *gc_main(void *arg)
{
    kv_node_t *node = arg;
    pthread_mutex_lock(&node->gc_lock);
    while (!node->gc_stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += node->gc_interval_ms / 1000;
        until.tv_nsec += (long)(node->gc_interval_ms % 1000) * 1000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&node->gc_cond, &node->gc_lock, &until);
        if (node->gc_stop)
            break;
        pthread_mutex_unlock(&node->gc_lock);
        duet_arena_t *arena = duet_arena_create(0);
        Pdpb__TsoRequest req = PDPB__TSO_REQUEST__INIT;
        req.count = 1;
        ProtobufCMessage *m;
        duet_err_t err = {0};
        if (pd_call(node, "Tso", &req.base, &m, arena, NULL, &err) == 0) {
            Pdpb__TsoResponse *r = (Pdpb__TsoResponse *)m;
            uint64_t now =
                ((uint64_t)r->timestamp->physical << 18) | (uint64_t)r->timestamp->logical;
            uint64_t safe = kv_node_gc_safe_point(node, now);
            long n = kv_node_gc(node, safe, &err);
            if (n < 0)
                log_warn("gc to safe point %llu failed: %s", (unsigned long long)safe, err.msg);
            else if (n > 0)
                log_info("gc to safe point %llu removed %ld versions", (unsigned long long)safe, n);
        } else {
            log_warn("gc: no timestamp from pd: %s", err.msg);
        }
        duet_arena_destroy(arena);
        pthread_mutex_lock(&node->gc_lock);
        node->gc_rounds++;
    }
    pthread_mutex_unlock(&node->gc_lock);
    return NULL;
}

int kv_node_gc_start(kv_node_t *node, int interval_ms, duet_err_t *err)
{
    if (node->gc_running)
        return duet_err_set(err, ER_GENERIC, "kv: gc worker already running");
    node->gc_interval_ms = interval_ms > 0 ? interval_ms : 60000;
    node->gc_stop = false;
    if (pthread_create(&node->gc_thread, NULL, gc_main, node) != 0)
        return duet_err_set(err, ER_GENERIC, "kv: cannot start the gc worker");
    node->gc_running = true;
    return 0;
}

uint64_t kv_node_gc_rounds(kv_node_t *node)
{
    pthread_mutex_lock(&node->gc_lock);
    uint64_t n = node->gc_rounds;
    pthread_mutex_unlock(&node->gc_lock);
    return n;
}

static void gc_stop(kv_node_t *node)
{
    if (!node->gc_running)
        return;
    pthread_mutex_lock(&node->gc_lock);
    node->gc_stop = true;
    pthread_cond_signal(&node->gc_cond);
    pthread_mutex_unlock(&node->gc_lock);
    pthread_join(node->gc_thread, NULL);
    node->gc_running = false;
}

uint64_t kv_node_gc_safe_point(const kv_node_t *node, uint64_t now_ts)
{
    uint64_t life = (uint64_t)node->opts.gc_life_time_ms << 18;
    return now_ts > life ? now_ts - life : 0;
}
