/* client.c - the kv client: region cache over pd, lock-resolving reads, two-phase commit. */
#define DUET_LOG_MODULE "kv-client"
#include "store/kv/client_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/arena.h"
#include "common/log.h"
#include "common/mem.h"
#include "common/pool.h"
#include "rpc/kvrpcpb.pb-c.h"
#include "rpc/pdpb.pb-c.h"
#include "types/codec.h"

#define SCAN_BATCH      256
#define PREWRITE_BATCH  4096
#define TS_PHYSICAL(ts) ((ts) >> 18)

typedef struct mut {
    duet_buf_t key, val;
    Kvrpcpb__Op op;
} mut_t;

struct kv_client_txn {
    kv_client_t *c;
    uint64_t start_ts;
    mut_t *muts; /* sorted by key, distinct */
    size_t n, cap;
};

int kv_client_bytes_cmp(const void *a, size_t al, const void *b, size_t bl)
{
    size_t n = al < bl ? al : bl;
    int c = n ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return (al > bl) - (al < bl);
}

int64_t kv_client_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

kv_client_t *kv_client_create(rpc_transport_t *pd_transport, kv_store_resolve_fn resolve,
                              void *resolve_ctx, int lock_wait_ms)
{
    kv_client_t *c = duet_calloc(1, sizeof(*c));
    c->pd = pd_transport;
    c->resolve = resolve;
    c->resolve_ctx = resolve_ctx;
    c->lock_wait_ms = lock_wait_ms > 0 ? lock_wait_ms : 10000;
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

static void region_clear(cached_region_t *r)
{
    duet_buf_free(&r->start);
    duet_buf_free(&r->end);
}

void kv_client_destroy(kv_client_t *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n_regions; i++)
        region_clear(&c->regions[i]);
    for (size_t i = 0; i < c->n_stores; i++)
        duet_free(c->stores[i].address);
    duet_pool_destroy(c->cop_pool);
    duet_free(c->regions);
    duet_free(c->stores);
    pthread_mutex_destroy(&c->lock);
    duet_free(c);
}

size_t kv_client_region_cache_size(kv_client_t *c)
{
    pthread_mutex_lock(&c->lock);
    size_t n = c->n_regions;
    pthread_mutex_unlock(&c->lock);
    return n;
}

static int pd_call(kv_client_t *c, const char *method, const ProtobufCMessage *req,
                   ProtobufCMessage **resp, duet_arena_t *arena, duet_err_t *err)
{
    if (rpc_call(c->pd, RPC_SERVICE_PD, method, req, resp, arena, err) != 0)
        return -1;
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field_by_name((*resp)->descriptor, "header");
    Pdpb__ResponseHeader *h = f ? *(Pdpb__ResponseHeader **)((char *)*resp + f->offset) : NULL;
    if (h && h->error && h->error->type != PDPB__ERROR_TYPE__OK)
        return duet_err_set(err, ER_GENERIC, "pd %s: %s", method, h->error->message);
    return 0;
}

int kv_client_tso(kv_client_t *c, uint64_t *ts, duet_err_t *err)
{
    duet_arena_t *arena = duet_arena_create(512);
    Pdpb__TsoRequest req = PDPB__TSO_REQUEST__INIT;
    req.count = 1;
    ProtobufCMessage *m;
    int rc = pd_call(c, "Tso", &req.base, &m, arena, err);
    if (rc == 0) {
        Pdpb__TsoResponse *r = (Pdpb__TsoResponse *)m;
        *ts = ((uint64_t)r->timestamp->physical << 18) | (uint64_t)r->timestamp->logical;
    }
    duet_arena_destroy(arena);
    return rc;
}

/* ---- region cache ---- */

/* cache_put_locked: caches m (led by leader_store), dropping what it overlaps. */
static void cache_put_locked(kv_client_t *c, const Metapb__Region *m, uint64_t leader_store)
{
    size_t w = 0;
    for (size_t i = 0; i < c->n_regions; i++) {
        cached_region_t *o = &c->regions[i];
        bool o_before_m_end =
            m->end_key.len == 0 ||
            kv_client_bytes_cmp(o->start.data, o->start.len, m->end_key.data, m->end_key.len) < 0;
        bool m_before_o_end =
            o->end.len == 0 ||
            kv_client_bytes_cmp(m->start_key.data, m->start_key.len, o->end.data, o->end.len) < 0;
        if (o->id == m->id || (o_before_m_end && m_before_o_end))
            region_clear(o);
        else
            c->regions[w++] = *o;
    }
    c->n_regions = w;
    size_t pos = 0;
    while (pos < c->n_regions &&
           kv_client_bytes_cmp(c->regions[pos].start.data, c->regions[pos].start.len,
                               m->start_key.data, m->start_key.len) < 0)
        pos++;
    c->regions = duet_realloc(c->regions, (c->n_regions + 1) * sizeof(*c->regions));
    memmove(&c->regions[pos + 1], &c->regions[pos], (c->n_regions - pos) * sizeof(*c->regions));
    c->n_regions++;
    cached_region_t *r = &c->regions[pos];
    memset(r, 0, sizeof(*r));
    r->id = m->id;
    r->conf_ver = m->region_epoch ? m->region_epoch->conf_ver : 0;
    r->version = m->region_epoch ? m->region_epoch->version : 0;
    r->store_id = leader_store;
    for (size_t i = 0; i < m->n_peers; i++) {
        if (m->peers[i]->store_id == leader_store)
            r->peer_id = m->peers[i]->id;
    }
    duet_buf_append(&r->start, m->start_key.data, m->start_key.len);
    duet_buf_append(&r->end, m->end_key.data, m->end_key.len);
}

static void cache_drop(kv_client_t *c, uint64_t id)
{
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < c->n_regions; i++) {
        if (c->regions[i].id == id) {
            region_clear(&c->regions[i]);
            memmove(&c->regions[i], &c->regions[i + 1],
                    (c->n_regions - i - 1) * sizeof(*c->regions));
            c->n_regions--;
            break;
        }
    }
    pthread_mutex_unlock(&c->lock);
}

/* on_region_error: forgets the region, learning the new ones when the node named them. */
static void on_region_error(kv_client_t *c, uint64_t id, const Errorpb__Error *e)
{
    cache_drop(c, id);
    if (e->epoch_not_match) {
        pthread_mutex_lock(&c->lock);
        for (size_t i = 0; i < e->epoch_not_match->n_current_regions; i++) {
            const Metapb__Region *m = e->epoch_not_match->current_regions[i];
            cache_put_locked(c, m, m->n_peers ? m->peers[0]->store_id : 0);
        }
        pthread_mutex_unlock(&c->lock);
    }
}

static rpc_transport_t *store_transport(kv_client_t *c, uint64_t store_id, duet_arena_t *arena,
                                        duet_err_t *err)
{
    if (c->resolve == NULL)
        return c->pd;
    const char *addr = NULL;
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < c->n_stores; i++) {
        if (c->stores[i].id == store_id)
            addr = duet_arena_strdup(arena, c->stores[i].address);
    }
    pthread_mutex_unlock(&c->lock);
    if (addr == NULL) {
        Pdpb__GetStoreRequest req = PDPB__GET_STORE_REQUEST__INIT;
        req.store_id = store_id;
        ProtobufCMessage *m;
        if (pd_call(c, "GetStore", &req.base, &m, arena, err) != 0)
            return NULL;
        addr = ((Pdpb__GetStoreResponse *)m)->store->address;
        pthread_mutex_lock(&c->lock);
        c->stores = duet_realloc(c->stores, (c->n_stores + 1) * sizeof(*c->stores));
        c->stores[c->n_stores].id = store_id;
        c->stores[c->n_stores].address = duet_strdup(addr);
        c->n_stores++;
        pthread_mutex_unlock(&c->lock);
    }
    rpc_transport_t *t = c->resolve(c->resolve_ctx, store_id, addr);
    if (t == NULL)
        duet_err_set(err, ER_GENERIC, "kv: no transport to store %llu at %s",
                     (unsigned long long)store_id, addr);
    return t;
}

static ProtobufCBinaryData arena_copy(duet_arena_t *a, const void *p, size_t n)
{
    ProtobufCBinaryData d = {n, duet_arena_alloc(a, n)};
    if (n)
        memcpy(d.data, p, n);
    return d;
}

/* kv_client_locate: the region holding key, from the cache or from pd. Returns 0 or -1 with err
 * set. */
int kv_client_locate(kv_client_t *c, const void *key, size_t klen, duet_arena_t *arena,
                     kv_client_loc_t *loc, duet_err_t *err)
{
    bool hit = false;
    uint64_t store = 0;
    for (int round = 0; round < 2 && !hit; round++) {
        pthread_mutex_lock(&c->lock);
        for (size_t i = c->n_regions; i-- > 0;) {
            cached_region_t *r = &c->regions[i];
            if (kv_client_bytes_cmp(r->start.data, r->start.len, key, klen) > 0)
                continue;
            if (r->end.len == 0 || kv_client_bytes_cmp(key, klen, r->end.data, r->end.len) < 0) {
                hit = true;
                store = r->store_id;
                loc->id = r->id;
                loc->start = arena_copy(arena, r->start.data, r->start.len);
                loc->end = arena_copy(arena, r->end.data, r->end.len);
                Kvrpcpb__Context *ctx = duet_arena_alloc(arena, sizeof(*ctx));
                kvrpcpb__context__init(ctx);
                ctx->region_id = r->id;
                ctx->region_epoch = duet_arena_alloc(arena, sizeof(*ctx->region_epoch));
                metapb__region_epoch__init(ctx->region_epoch);
                ctx->region_epoch->conf_ver = r->conf_ver;
                ctx->region_epoch->version = r->version;
                ctx->peer = duet_arena_alloc(arena, sizeof(*ctx->peer));
                metapb__peer__init(ctx->peer);
                ctx->peer->id = r->peer_id;
                ctx->peer->store_id = r->store_id;
                loc->ctx = ctx;
            }
            break;
        }
        pthread_mutex_unlock(&c->lock);
        if (hit || round == 1)
            break;
        Pdpb__GetRegionRequest req = PDPB__GET_REGION_REQUEST__INIT;
        req.region_key.data = (uint8_t *)key;
        req.region_key.len = klen;
        ProtobufCMessage *m;
        if (pd_call(c, "GetRegion", &req.base, &m, arena, err) != 0)
            return -1;
        Pdpb__GetRegionResponse *r = (Pdpb__GetRegionResponse *)m;
        if (r->region == NULL)
            return duet_err_set(err, ER_GENERIC, "kv: pd knows no region for the key");
        pthread_mutex_lock(&c->lock);
        cache_put_locked(c, r->region, r->leader ? r->leader->store_id : 0);
        pthread_mutex_unlock(&c->lock);
    }
    if (!hit)
        return duet_err_set(err, ER_GENERIC, "kv: region lookup failed");
    loc->t = store_transport(c, store, arena, err);
    return loc->t ? 0 : -1;
}

bool kv_client_in_loc(const kv_client_loc_t *loc, const void *key, size_t klen)
{
    return kv_client_bytes_cmp(key, klen, loc->start.data, loc->start.len) >= 0 &&
           (loc->end.len == 0 || kv_client_bytes_cmp(key, klen, loc->end.data, loc->end.len) < 0);
}

/*
 * kv_client_call: sends req (a kvrpcpb request with a context field) to loc. Returns 0 with *resp,
 * 1 when the region answered with a region error (the cache has been corrected; locate again), or
 * -1 with err set when the call failed.
 */
int kv_client_call(kv_client_t *c, const kv_client_loc_t *loc, const char *method,
                   ProtobufCMessage *req, ProtobufCMessage **resp, duet_arena_t *arena,
                   duet_err_t *err)
{
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field_by_name(req->descriptor, "context");
    *(Kvrpcpb__Context **)((char *)req + f->offset) = loc->ctx;
    if (rpc_call(loc->t, RPC_SERVICE_KV, method, req, resp, arena, err) != 0)
        return -1;
    f = protobuf_c_message_descriptor_get_field_by_name((*resp)->descriptor, "region_error");
    Errorpb__Error *re = *(Errorpb__Error **)((char *)*resp + f->offset);
    if (re == NULL)
        return 0;
    on_region_error(c, loc->id, re);
    return 1;
}

/* call_for_key: kv_call to the region of key, retrying region errors. Returns 0 or -1. */
static int call_for_key(kv_client_t *c, const void *key, size_t klen, const char *method,
                        ProtobufCMessage *req, ProtobufCMessage **resp, duet_arena_t *arena,
                        duet_err_t *err)
{
    for (int i = 0; i < KV_CLIENT_REGION_RETRIES; i++) {
        kv_client_loc_t loc;
        if (kv_client_locate(c, key, klen, arena, &loc, err) != 0)
            return -1;
        int rc = kv_client_call(c, &loc, method, req, resp, arena, err);
        if (rc <= 0)
            return rc;
    }
    return duet_err_set(err, ER_GENERIC, "kv: %s: region kept changing", method);
}

/* ---- lock resolution ---- */

/*
 * resolve_lock: settles the lock li through its primary's status. Returns 1 when the lock is
 * gone (retry now), 0 when its transaction is alive (back off), -1 with err set on failure.
 */
static int resolve_lock(kv_client_t *c, const Kvrpcpb__LockInfo *li, uint64_t caller_ts,
                        duet_arena_t *arena, duet_err_t *err)
{
    uint64_t now;
    if (kv_client_tso(c, &now, err) != 0)
        return -1;
    bool expired = TS_PHYSICAL(now) >= TS_PHYSICAL(li->lock_version) + li->lock_ttl;
    Kvrpcpb__CheckTxnStatusRequest cs = KVRPCPB__CHECK_TXN_STATUS_REQUEST__INIT;
    cs.primary_key = li->primary_lock;
    cs.lock_ts = li->lock_version;
    cs.caller_start_ts = caller_ts;
    cs.current_ts = now;
    /* Without a trace of the primary, it may still be on its way; only an expired lock lets
     * us roll the transaction back. */
    cs.rollback_if_not_exist = expired;
    ProtobufCMessage *m;
    if (call_for_key(c, li->primary_lock.data, li->primary_lock.len, "KvCheckTxnStatus", &cs.base,
                     &m, arena, err) != 0)
        return -1;
    Kvrpcpb__CheckTxnStatusResponse *st = (Kvrpcpb__CheckTxnStatusResponse *)m;
    if (st->error) {
        if (st->error->txn_not_found)
            return 0;
        return duet_err_set(err, ER_GENERIC, "kv: cannot check the status of transaction %llu",
                            (unsigned long long)li->lock_version);
    }
    if (st->lock_ttl > 0)
        return 0;
    /* Settle every lock of the transaction in this key's region at once: a crashed writer
     * usually left many, and the next ones would be met right after. */
    ProtobufCBinaryData key = li->key;
    Kvrpcpb__ResolveLockRequest rl = KVRPCPB__RESOLVE_LOCK_REQUEST__INIT;
    rl.start_version = li->lock_version;
    rl.commit_version = st->commit_version;
    if (call_for_key(c, key.data, key.len, "KvResolveLock", &rl.base, &m, arena, err) != 0)
        return -1;
    Kvrpcpb__ResolveLockResponse *rr = (Kvrpcpb__ResolveLockResponse *)m;
    if (rr->error)
        return duet_err_set(err, ER_GENERIC, "kv: cannot resolve the lock of transaction %llu",
                            (unsigned long long)li->lock_version);
    return 1;
}

/* backoff: waits after meeting a live lock; fails with 1205 once deadline has passed. */
static int backoff(int *delay_ms, int64_t deadline, duet_err_t *err)
{
    if (kv_client_mono_ms() >= deadline)
        return duet_err_set(err, ER_LOCK_WAIT_TIMEOUT);
    sleep_ms(*delay_ms);
    if (*delay_ms < 200)
        *delay_ms *= 2;
    return 0;
}

/* kv_client_settle: resolve_lock, then a back-off when the lock is alive. Returns 0 or -1. */
int kv_client_settle(kv_client_t *c, const Kvrpcpb__LockInfo *li, uint64_t caller_ts, int *delay,
                     int64_t deadline, duet_arena_t *arena, duet_err_t *err)
{
    int r = resolve_lock(c, li, caller_ts, arena, err);
    if (r < 0)
        return -1;
    if (r == 0)
        return backoff(delay, deadline, err);
    return 0;
}

/* ---- reads ---- */

int kv_client_get(kv_client_t *c, const void *key, size_t klen, uint64_t ts, duet_buf_t *val,
                  bool *found, duet_err_t *err)
{
    *found = false;
    duet_buf_reset(val);
    duet_arena_t *arena = duet_arena_create(0);
    int64_t deadline = kv_client_mono_ms() + c->lock_wait_ms;
    int delay = 2, rc = KV_CLIENT_ERR;
    for (;;) {
        Kvrpcpb__GetRequest g = KVRPCPB__GET_REQUEST__INIT;
        g.key.data = (uint8_t *)key;
        g.key.len = klen;
        g.version = ts;
        ProtobufCMessage *m;
        if (call_for_key(c, key, klen, "KvGet", &g.base, &m, arena, err) != 0)
            break;
        Kvrpcpb__GetResponse *r = (Kvrpcpb__GetResponse *)m;
        if (r->error && r->error->locked) {
            if (kv_client_settle(c, r->error->locked, ts, &delay, deadline, arena, err) != 0)
                break;
            duet_arena_reset(arena);
            continue;
        }
        if (r->error) {
            duet_err_set(err, ER_GENERIC, "kv: get failed");
            break;
        }
        if (!r->not_found) {
            *found = true;
            duet_buf_append(val, r->value.data, r->value.len);
        }
        rc = 0;
        break;
    }
    duet_arena_destroy(arena);
    return rc;
}

typedef struct bg_sort {
    const void *const *keys;
    const size_t *lens;
} bg_sort_t;

static int bg_cmp(const void *a, const void *b, void *arg)
{
    const bg_sort_t *bs = arg;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return kv_client_bytes_cmp(bs->keys[x], bs->lens[x], bs->keys[y], bs->lens[y]);
}

int kv_client_batch_get(kv_client_t *c, const void *const *keys, const size_t *lens, size_t n,
                        uint64_t ts, kv_client_found_fn fn, void *ctx, duet_err_t *err)
{
    if (n == 0)
        return 0;
    size_t *pending = duet_malloc(n * sizeof(size_t)), *retry = duet_malloc(n * sizeof(size_t));
    for (size_t i = 0; i < n; i++)
        pending[i] = i;
    bg_sort_t bs = {keys, lens};
    qsort_r(pending, n, sizeof(size_t), bg_cmp, &bs);
    duet_arena_t *arena = duet_arena_create(0);
    int64_t deadline = kv_client_mono_ms() + c->lock_wait_ms;
    int delay = 2, rc = 0, region_retries = 0;
    size_t np = n;
    while (np > 0 && rc == 0) {
        size_t nr = 0, i = 0;
        Kvrpcpb__LockInfo **locks = duet_arena_alloc(arena, np * sizeof(*locks));
        while (i < np && rc == 0) {
            kv_client_loc_t loc;
            if (kv_client_locate(c, keys[pending[i]], lens[pending[i]], arena, &loc, err) != 0) {
                rc = KV_CLIENT_ERR;
                break;
            }
            size_t j = i;
            while (j < np && kv_client_in_loc(&loc, keys[pending[j]], lens[pending[j]]))
                j++;
            Kvrpcpb__BatchGetRequest bg = KVRPCPB__BATCH_GET_REQUEST__INIT;
            bg.n_keys = j - i;
            bg.keys = duet_arena_alloc(arena, bg.n_keys * sizeof(*bg.keys));
            for (size_t k = i; k < j; k++) {
                bg.keys[k - i].data = (uint8_t *)keys[pending[k]];
                bg.keys[k - i].len = lens[pending[k]];
            }
            bg.version = ts;
            ProtobufCMessage *m;
            int r = kv_client_call(c, &loc, "KvBatchGet", &bg.base, &m, arena, err);
            if (r < 0 || (r == 1 && ++region_retries > KV_CLIENT_REGION_RETRIES)) {
                if (r == 1)
                    duet_err_set(err, ER_GENERIC, "kv: batch get: region kept changing");
                rc = KV_CLIENT_ERR;
                break;
            }
            if (r == 1)
                continue;
            region_retries = 0;
            Kvrpcpb__BatchGetResponse *br = (Kvrpcpb__BatchGetResponse *)m;
            /* Pairs come back in request order, holding only keys with a value or a lock. */
            size_t k = i;
            for (size_t p = 0; p < br->n_pairs && rc == 0; p++) {
                Kvrpcpb__KvPair *pair = br->pairs[p];
                while (k < j && kv_client_bytes_cmp(keys[pending[k]], lens[pending[k]],
                                                    pair->key.data, pair->key.len) != 0)
                    k++;
                if (k == j)
                    break;
                if (pair->error && pair->error->locked) {
                    locks[nr] = pair->error->locked;
                    retry[nr++] = pending[k];
                } else if (pair->error) {
                    rc = duet_err_set(err, ER_GENERIC, "kv: batch get failed");
                } else if (fn(ctx, pending[k], pair->value.data, pair->value.len) != 0) {
                    nr = 0;
                    j = np;
                    np = 0;
                    break;
                }
                k++;
            }
            i = j;
        }
        for (size_t k = 0; k < nr && rc == 0; k++) {
            if (kv_client_settle(c, locks[k], ts, &delay, deadline, arena, err) != 0)
                rc = KV_CLIENT_ERR;
        }
        memcpy(pending, retry, nr * sizeof(size_t));
        np = rc == 0 ? nr : 0;
        duet_arena_reset(arena);
    }
    duet_arena_destroy(arena);
    duet_free(pending);
    duet_free(retry);
    return rc;
}

/*
 * client_region_span: locates the region holding cur and sets *req_end to the end key
 * of a request over [cur, end) that stays inside it (end_len == 0: no end). *last is
 * true when the range ends in this region. Returns 0, or -1 with err.
 */
static int client_region_span(kv_client_t *c, const duet_buf_t *cur, const void *end,
                              size_t end_len, duet_arena_t *arena, kv_client_loc_t *loc,
                              ProtobufCBinaryData *req_end, bool *last, duet_err_t *err)
{
    if (kv_client_locate(c, cur->data, cur->len, arena, loc, err) != 0)
        return -1;
    *last = loc->end.len == 0 ||
            (end_len && kv_client_bytes_cmp(end, end_len, loc->end.data, loc->end.len) <= 0);
    if (*last && end_len) {
        req_end->data = (uint8_t *)end;
        req_end->len = end_len;
    } else {
        *req_end = loc->end;
    }
    return 0;
}

int kv_client_scan(kv_client_t *c, const void *start, size_t start_len, const void *end,
                   size_t end_len, size_t limit, uint64_t ts, kv_client_scan_fn fn, void *ctx,
                   duet_err_t *err)
{
    duet_arena_t *arena = duet_arena_create(0);
    duet_buf_t cur = DUET_BUF_INIT;
    duet_buf_append(&cur, start, start_len);
    int64_t deadline = kv_client_mono_ms() + c->lock_wait_ms;
    int delay = 2, rc = 0, region_retries = 0;
    size_t seen = 0;
    for (;;) {
        duet_arena_reset(arena);
        if (end_len && kv_client_bytes_cmp(cur.data, cur.len, end, end_len) >= 0)
            break;
        kv_client_loc_t loc;
        Kvrpcpb__ScanRequest s = KVRPCPB__SCAN_REQUEST__INIT;
        bool last_region;
        if (client_region_span(c, &cur, end, end_len, arena, &loc, &s.end_key, &last_region, err) !=
            0) {
            rc = KV_CLIENT_ERR;
            break;
        }
        s.start_key.data = (uint8_t *)cur.data;
        s.start_key.len = cur.len;
        size_t want = SCAN_BATCH;
        if (limit && limit - seen < want)
            want = limit - seen;
        s.limit = (uint32_t)want;
        s.version = ts;
        ProtobufCMessage *m;
        int r = kv_client_call(c, &loc, "KvScan", &s.base, &m, arena, err);
        if (r < 0 || (r == 1 && ++region_retries > KV_CLIENT_REGION_RETRIES)) {
            if (r == 1)
                duet_err_set(err, ER_GENERIC, "kv: scan: region kept changing");
            rc = KV_CLIENT_ERR;
            break;
        }
        if (r == 1)
            continue;
        region_retries = 0; /* the limit is per request, not per whole operation */
        Kvrpcpb__ScanResponse *sr = (Kvrpcpb__ScanResponse *)m;
        bool restart = false, stop = false;
        for (size_t i = 0; i < sr->n_pairs && !stop; i++) {
            Kvrpcpb__KvPair *p = sr->pairs[i];
            if (p->error && p->error->locked) {
                if (kv_client_settle(c, p->error->locked, ts, &delay, deadline, arena, err) != 0) {
                    rc = KV_CLIENT_ERR;
                    stop = true;
                    break;
                }
                duet_buf_reset(&cur);
                duet_buf_append(&cur, p->key.data, p->key.len);
                restart = true;
                break;
            }
            if (p->error) {
                rc = duet_err_set(err, ER_GENERIC, "kv: scan failed");
                stop = true;
                break;
            }
            seen++;
            if (fn(ctx, p->key.data, p->key.len, p->value.data, p->value.len) != 0 ||
                (limit && seen >= limit))
                stop = true;
        }
        if (stop)
            break;
        if (restart)
            continue;
        if (sr->n_pairs == want) {
            /* More may follow in this region: continue just after the last key. */
            Kvrpcpb__KvPair *lastp = sr->pairs[sr->n_pairs - 1];
            duet_buf_reset(&cur);
            duet_buf_append(&cur, lastp->key.data, lastp->key.len);
            duet_buf_putc(&cur, '\0');
            continue;
        }
        if (last_region)
            break;
        duet_buf_reset(&cur);
        duet_buf_append(&cur, loc.end.data, loc.end.len);
    }
    duet_buf_free(&cur);
    duet_arena_destroy(arena);
    return rc;
}

int kv_client_delete_range(kv_client_t *c, const void *start, size_t start_len, const void *end,
                           size_t end_len, duet_err_t *err)
{
    duet_arena_t *arena = duet_arena_create(0);
    duet_buf_t cur = DUET_BUF_INIT;
    duet_buf_append(&cur, start, start_len);
    int rc = 0, region_retries = 0;
    for (;;) {
        duet_arena_reset(arena);
        if (end_len && kv_client_bytes_cmp(cur.data, cur.len, end, end_len) >= 0)
            break;
        kv_client_loc_t loc;
        Kvrpcpb__DeleteRangeRequest d = KVRPCPB__DELETE_RANGE_REQUEST__INIT;
        bool last_region;
        if (client_region_span(c, &cur, end, end_len, arena, &loc, &d.end_key, &last_region, err) !=
            0) {
            rc = KV_CLIENT_ERR;
            break;
        }
        d.start_key.data = (uint8_t *)cur.data;
        d.start_key.len = cur.len;
        ProtobufCMessage *m;
        int r = kv_client_call(c, &loc, "KvDeleteRange", &d.base, &m, arena, err);
        if (r < 0 || (r == 1 && ++region_retries > KV_CLIENT_REGION_RETRIES)) {
            if (r == 1)
                duet_err_set(err, ER_GENERIC, "kv: delete range: region kept changing");
            rc = KV_CLIENT_ERR;
            break;
        }
        if (r == 1)
            continue;
        region_retries = 0; /* the limit is per request, not per whole operation */
        Kvrpcpb__DeleteRangeResponse *dr = (Kvrpcpb__DeleteRangeResponse *)m;
        if (dr->error && dr->error[0]) {
            rc = duet_err_set(err, ER_GENERIC, "kv: delete range: %s", dr->error);
            break;
        }
        if (last_region)
            break;
        duet_buf_reset(&cur);
        duet_buf_append(&cur, loc.end.data, loc.end.len);
    }
    duet_buf_free(&cur);
    duet_arena_destroy(arena);
    return rc;
}

/* ---- transactions ---- */

kv_client_txn_t *kv_client_txn_begin(kv_client_t *c, duet_err_t *err)
{
    uint64_t ts;
    if (kv_client_tso(c, &ts, err) != 0)
        return NULL;
    kv_client_txn_t *t = duet_calloc(1, sizeof(*t));
    t->c = c;
    t->start_ts = ts;
    return t;
}

uint64_t kv_client_txn_start_ts(const kv_client_txn_t *t)
{
    return t->start_ts;
}

size_t kv_client_txn_size(const kv_client_txn_t *t)
{
    return t->n;
}

/* find: the index of key, or where it would go (*hit false). */
static size_t find(const kv_client_txn_t *t, const void *key, size_t klen, bool *hit)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = kv_client_bytes_cmp(t->muts[mid].key.data, t->muts[mid].key.len, key, klen);
        if (c == 0) {
            *hit = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *hit = false;
    return lo;
}

static void buffer(kv_client_txn_t *t, Kvrpcpb__Op op, const void *key, size_t klen,
                   const void *val, size_t vlen)
{
    bool hit;
    size_t i = find(t, key, klen, &hit);
    if (!hit) {
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 16;
            t->muts = duet_realloc(t->muts, t->cap * sizeof(*t->muts));
        }
        memmove(&t->muts[i + 1], &t->muts[i], (t->n - i) * sizeof(*t->muts));
        t->n++;
        memset(&t->muts[i], 0, sizeof(t->muts[i]));
        duet_buf_append(&t->muts[i].key, key, klen);
    } else if (op == KVRPCPB__OP__Lock) {
        return; /* a write already locks the key */
    } else if (op == KVRPCPB__OP__Put && t->muts[i].op == KVRPCPB__OP__Insert) {
        op = KVRPCPB__OP__Insert; /* still must not overwrite a live key */
    }
    t->muts[i].op = op;
    duet_buf_reset(&t->muts[i].val);
    duet_buf_append(&t->muts[i].val, val, vlen);
}

void kv_client_txn_set(kv_client_txn_t *t, const void *key, size_t klen, const void *val,
                       size_t vlen)
{
    buffer(t, KVRPCPB__OP__Put, key, klen, val, vlen);
}

void kv_client_txn_insert(kv_client_txn_t *t, const void *key, size_t klen, const void *val,
                          size_t vlen)
{
    buffer(t, KVRPCPB__OP__Insert, key, klen, val, vlen);
}

void kv_client_txn_delete(kv_client_txn_t *t, const void *key, size_t klen)
{
    buffer(t, KVRPCPB__OP__Del, key, klen, NULL, 0);
}

void kv_client_txn_lock(kv_client_txn_t *t, const void *key, size_t klen)
{
    buffer(t, KVRPCPB__OP__Lock, key, klen, NULL, 0);
}

int kv_client_txn_get(kv_client_txn_t *t, const void *key, size_t klen, duet_buf_t *val,
                      bool *found, duet_err_t *err)
{
    bool hit;
    size_t i = find(t, key, klen, &hit);
    if (hit && t->muts[i].op != KVRPCPB__OP__Lock) {
        duet_buf_reset(val);
        *found = t->muts[i].op != KVRPCPB__OP__Del;
        if (*found)
            duet_buf_append(val, t->muts[i].val.data, t->muts[i].val.len);
        return 0;
    }
    return kv_client_get(t->c, key, klen, t->start_ts, val, found, err);
}

static void txn_free(kv_client_txn_t *t)
{
    for (size_t i = 0; i < t->n; i++) {
        duet_buf_free(&t->muts[i].key);
        duet_buf_free(&t->muts[i].val);
    }
    duet_free(t->muts);
    duet_free(t);
}

void kv_client_txn_rollback(kv_client_txn_t *t)
{
    if (t != NULL)
        txn_free(t);
}

/* key_text: a key as TiDB prints it in errors: {tableID=.., handle=..} for record keys,
 * {tableID=.., indexID=..} for index keys, else hex. */
static const char *key_text(duet_arena_t *a, ProtobufCBinaryData k)
{
    int64_t tid, x;
    if (types_key_decode_record(k.data, k.len, &tid, &x) == 0)
        return duet_arena_sprintf(a, "{tableID=%lld, handle=%lld}", (long long)tid, (long long)x);
    int off = types_key_decode_index_prefix(k.data, k.len, &tid, &x);
    if (off >= 0) {
        /* The values (and a non-unique index's handle), each followed by ", ". */
        duet_buf_t b = DUET_BUF_INIT;
        duet_buf_printf(&b, "{tableID=%lld, indexID=%lld, indexValues={", (long long)tid,
                        (long long)x);
        while ((size_t)off < k.len) {
            types_datum_t d;
            int n = types_key_decode_datum(k.data + off, k.len - (size_t)off, a, &d);
            if (n <= 0)
                break;
            off += n;
            if (d.kind == TYPES_K_INT)
                duet_buf_printf(&b, "%lld, ", (long long)d.i);
            else if (d.kind == TYPES_K_UINT)
                duet_buf_printf(&b, "%llu, ", (unsigned long long)d.u);
            else if (d.kind == TYPES_K_STRING)
                duet_buf_printf(&b, "%.*s, ", (int)d.len, d.ptr);
            else if (d.kind == TYPES_K_DOUBLE || d.kind == TYPES_K_FLOAT)
                duet_buf_printf(&b, "%.17g, ", d.f);
            else if (d.kind == TYPES_K_NULL)
                duet_buf_puts(&b, "<nil>, ");
            else
                duet_buf_puts(&b, "?, ");
        }
        duet_buf_puts(&b, "}}");
        const char *s = duet_arena_strdup(a, b.data);
        duet_buf_free(&b);
        return s;
    }
    char *s = duet_arena_alloc(a, 2 * k.len + 1);
    for (size_t i = 0; i < k.len; i++)
        snprintf(s + 2 * i, 3, "%02x", k.data[i]);
    s[2 * k.len] = '\0';
    return s;
}

/* lock_ttl_for: the TTL of t's locks in milliseconds: longer for bigger transactions. */
static uint64_t lock_ttl_for(const kv_client_txn_t *t)
{
    uint64_t ttl = 3000 + (t->n / 1024) * 100;
    return ttl > 20000 ? 20000 : ttl;
}

/* heartbeat: moves the primary lock's expiry to ttl milliseconds from now. Returns 0,
 * KV_CLIENT_ABORTED when the transaction was rolled back meanwhile, or KV_CLIENT_ERR. */
static int heartbeat(kv_client_txn_t *t, uint64_t ttl, duet_arena_t *arena, duet_err_t *err)
{
    uint64_t now;
    if (kv_client_tso(t->c, &now, err) != 0)
        return KV_CLIENT_ERR;
    Kvrpcpb__TxnHeartBeatRequest hb = KVRPCPB__TXN_HEART_BEAT_REQUEST__INIT;
    hb.primary_lock.data = (uint8_t *)t->muts[0].key.data;
    hb.primary_lock.len = t->muts[0].key.len;
    hb.start_version = t->start_ts;
    hb.advise_lock_ttl = TS_PHYSICAL(now) - TS_PHYSICAL(t->start_ts) + ttl;
    ProtobufCMessage *m;
    if (call_for_key(t->c, hb.primary_lock.data, hb.primary_lock.len, "KvTxnHeartBeat", &hb.base,
                     &m, arena, err) != 0)
        return KV_CLIENT_ERR;
    Kvrpcpb__TxnHeartBeatResponse *r = (Kvrpcpb__TxnHeartBeatResponse *)m;
    if (r->error) {
        duet_err_set(err, ER_GENERIC,
                     "transaction %llu was rolled back by another transaction; retry it",
                     (unsigned long long)t->start_ts);
        return KV_CLIENT_ABORTED;
    }
    return 0;
}

typedef enum phase { PHASE_PREWRITE, PHASE_COMMIT, PHASE_ROLLBACK } phase_t;

/*
 * run_batches: sends muts[from..n) region by region for phase. Prewrite refusals come back as a
 * code; a live lock is resolved and the batch retried. Commit and rollback batches of
 * secondaries ignore key errors (readers resolve what is left).
 */
static int run_batches(kv_client_txn_t *t, phase_t phase, size_t from, uint64_t commit_ts,
                       duet_arena_t *arena, duet_err_t *err)
{
    kv_client_t *c = t->c;
    int64_t deadline = kv_client_mono_ms() + c->lock_wait_ms;
    int delay = 2, region_retries = 0;
    uint64_t ttl = lock_ttl_for(t);
    int64_t last_beat = kv_client_mono_ms();
    size_t i = from;
    while (i < t->n) {
        kv_client_loc_t loc;
        if (kv_client_locate(c, t->muts[i].key.data, t->muts[i].key.len, arena, &loc, err) != 0)
            return KV_CLIENT_ERR;
        size_t j = i, n = 0;
        size_t cap = PREWRITE_BATCH;
        ProtobufCBinaryData *keys = duet_arena_alloc(arena, cap * sizeof(*keys));
        Kvrpcpb__Mutation **ms = duet_arena_alloc(arena, cap * sizeof(*ms));
        while (j < t->n && n < cap &&
               kv_client_in_loc(&loc, t->muts[j].key.data, t->muts[j].key.len)) {
            mut_t *mu = &t->muts[j];
            keys[n].data = (uint8_t *)mu->key.data;
            keys[n].len = mu->key.len;
            ms[n] = duet_arena_alloc(arena, sizeof(**ms));
            kvrpcpb__mutation__init(ms[n]);
            ms[n]->op = mu->op;
            ms[n]->key = keys[n];
            ms[n]->value.data = (uint8_t *)mu->val.data;
            ms[n]->value.len = mu->val.len;
            n++;
            j++;
        }
        ProtobufCMessage *m;
        int r;
        if (phase == PHASE_PREWRITE) {
            Kvrpcpb__PrewriteRequest p = KVRPCPB__PREWRITE_REQUEST__INIT;
            p.mutations = ms;
            p.n_mutations = n;
            p.primary_lock.data = (uint8_t *)t->muts[0].key.data;
            p.primary_lock.len = t->muts[0].key.len;
            p.start_version = t->start_ts;
            p.lock_ttl = lock_ttl_for(t);
            p.txn_size = t->n;
            r = kv_client_call(c, &loc, "KvPrewrite", &p.base, &m, arena, err);
        } else if (phase == PHASE_COMMIT) {
            Kvrpcpb__CommitRequest cr = KVRPCPB__COMMIT_REQUEST__INIT;
            cr.keys = keys;
            cr.n_keys = n;
            cr.start_version = t->start_ts;
            cr.commit_version = commit_ts;
            r = kv_client_call(c, &loc, "KvCommit", &cr.base, &m, arena, err);
        } else {
            Kvrpcpb__BatchRollbackRequest br = KVRPCPB__BATCH_ROLLBACK_REQUEST__INIT;
            br.keys = keys;
            br.n_keys = n;
            br.start_version = t->start_ts;
            r = kv_client_call(c, &loc, "KvBatchRollback", &br.base, &m, arena, err);
        }
        if (r < 0)
            return KV_CLIENT_ERR;
        if (r == 1) {
            if (++region_retries > KV_CLIENT_REGION_RETRIES)
                return duet_err_set(err, ER_GENERIC, "kv: commit: region kept changing");
            continue;
        }
        region_retries = 0;
        if (phase == PHASE_PREWRITE) {
            Kvrpcpb__PrewriteResponse *pr = (Kvrpcpb__PrewriteResponse *)m;
            bool retry = false;
            for (size_t e = 0; e < pr->n_errors; e++) {
                Kvrpcpb__KeyError *ke = pr->errors[e];
                if (ke->conflict) {
                    Kvrpcpb__WriteConflict *wc = ke->conflict;
                    duet_err_set(err, ER_WRITE_CONFLICT,
                                 duet_arena_sprintf(arena,
                                                    "txnStartTS=%llu, conflictStartTS=%llu, "
                                                    "conflictCommitTS=%llu, key=%s primary=%s "
                                                    "[try again later]",
                                                    (unsigned long long)wc->start_ts,
                                                    (unsigned long long)wc->conflict_ts,
                                                    (unsigned long long)wc->conflict_commit_ts,
                                                    key_text(arena, wc->key),
                                                    key_text(arena, wc->primary)));
                    return KV_CLIENT_CONFLICT;
                }
                if (ke->already_exist) {
                    duet_err_set(err, ER_GENERIC, "key %s already exists",
                                 key_text(arena, ke->already_exist->key));
                    return KV_CLIENT_EXISTS;
                }
                if (ke->locked) {
                    if (kv_client_settle(c, ke->locked, t->start_ts, &delay, deadline, arena,
                                         err) != 0)
                        return KV_CLIENT_ERR;
                    retry = true;
                    continue;
                }
                return duet_err_set(err, ER_GENERIC, "kv: prewrite refused: %s",
                                    ke->abort ? ke->abort : "unknown error");
            }
            if (retry)
                continue;
        }
        i = j;
        if (phase == PHASE_PREWRITE && kv_client_mono_ms() - last_beat > (int64_t)ttl / 2) {
            /* A long prewrite: keep the primary's lock alive (it went out with the first
             * batch) so readers do not take the transaction for dead. */
            int hb = heartbeat(t, ttl, arena, err);
            if (hb != 0)
                return hb;
            last_beat = kv_client_mono_ms();
        }
    }
    return 0;
}

/*
 * commit_primary: commits the primary (muts[0]) together with the keys after it in its region;
 * *first_secondary is the first key left for the secondaries phase. Returns 0,
 * KV_CLIENT_ABORTED when the transaction was rolled back meanwhile, KV_CLIENT_UNDETERMINED when
 * the request got no answer, or KV_CLIENT_ERR.
 */
static int commit_primary(kv_client_txn_t *t, uint64_t cts, size_t *first_secondary,
                          duet_arena_t *arena, duet_err_t *err)
{
    kv_client_t *c = t->c;
    for (int attempt = 0; attempt < KV_CLIENT_REGION_RETRIES; attempt++) {
        kv_client_loc_t loc;
        if (kv_client_locate(c, t->muts[0].key.data, t->muts[0].key.len, arena, &loc, err) != 0)
            return KV_CLIENT_ERR;
        size_t j = 0;
        while (j < t->n && j < PREWRITE_BATCH &&
               kv_client_in_loc(&loc, t->muts[j].key.data, t->muts[j].key.len))
            j++;
        ProtobufCBinaryData *keys = duet_arena_alloc(arena, j * sizeof(*keys));
        for (size_t i = 0; i < j; i++) {
            keys[i].data = (uint8_t *)t->muts[i].key.data;
            keys[i].len = t->muts[i].key.len;
        }
        Kvrpcpb__CommitRequest cr = KVRPCPB__COMMIT_REQUEST__INIT;
        cr.keys = keys;
        cr.n_keys = j;
        cr.start_version = t->start_ts;
        cr.commit_version = cts;
        ProtobufCMessage *m;
        int r = kv_client_call(c, &loc, "KvCommit", &cr.base, &m, arena, err);
        if (r < 0)
            return KV_CLIENT_UNDETERMINED;
        if (r == 1)
            continue; /* refused as a whole: nothing was written */
        Kvrpcpb__CommitResponse *resp = (Kvrpcpb__CommitResponse *)m;
        if (resp->error && resp->error->txn_lock_not_found) {
            duet_err_set(err, ER_GENERIC,
                         "transaction %llu was rolled back by another transaction; retry it",
                         (unsigned long long)t->start_ts);
            return KV_CLIENT_ABORTED;
        }
        if (resp->error)
            return duet_err_set(err, ER_GENERIC, "kv: commit of the primary key refused");
        *first_secondary = j;
        return 0;
    }
    return duet_err_set(err, ER_GENERIC, "kv: commit: region kept changing");
}

int kv_client_txn_commit(kv_client_txn_t *t, uint64_t *commit_ts, duet_err_t *err)
{
    if (commit_ts)
        *commit_ts = 0;
    if (t->n == 0) {
        txn_free(t);
        return 0;
    }
    kv_client_t *c = t->c;
    duet_arena_t *arena = duet_arena_create(0);
    int rc = run_batches(t, PHASE_PREWRITE, 0, 0, arena, err);
    uint64_t cts = 0;
    size_t first_secondary = t->n;
    if (rc == 0 && kv_client_tso(c, &cts, err) != 0)
        rc = KV_CLIENT_ERR;
    if (rc == 0) {
        /* The primary's commit record decides the transaction. The keys sharing its region
         * commit in the same atomic write, which saves them a request of their own. */
        rc = commit_primary(t, cts, &first_secondary, arena, err);
    }
    if (rc == 0) {
        duet_err_t ignored = {0};
        if (run_batches(t, PHASE_COMMIT, first_secondary, cts, arena, &ignored) != 0)
            log_warn("txn %llu: committing secondaries: %s (readers will resolve them)",
                     (unsigned long long)t->start_ts, ignored.msg);
        if (commit_ts)
            *commit_ts = cts;
    } else if (rc != KV_CLIENT_UNDETERMINED) {
        duet_err_t ignored = {0};
        run_batches(t, PHASE_ROLLBACK, 0, 0, arena, &ignored);
    }
    duet_arena_destroy(arena);
    txn_free(t);
    return rc;
}
