/* client_int.h - the kv client's internals shared by client.c (region cache, reads, 2PC) and
 * client_cop.c (coprocessor tasks). Not for use outside store/kv. */
#ifndef DUET_STORE_KV_CLIENT_INT_H
#define DUET_STORE_KV_CLIENT_INT_H

#include <pthread.h>

#include "common/arena.h"
#include "common/pool.h"
#include "rpc/kvrpcpb.pb-c.h"
#include "store/kv/client.h"

/* How many region errors one request may meet before the caller gives up. */
#define KV_CLIENT_REGION_RETRIES 20

typedef struct cached_region {
    uint64_t id, conf_ver, version, peer_id, store_id;
    duet_buf_t start, end; /* an empty end means no bound */
} cached_region_t;

typedef struct store_addr {
    uint64_t id;
    char *address;
} store_addr_t;

struct kv_client {
    rpc_transport_t *pd;
    kv_store_resolve_fn resolve;
    void *resolve_ctx;
    int lock_wait_ms;
    pthread_mutex_t lock;     /* guards regions, n_regions, stores, n_stores */
    cached_region_t *regions; /* sorted by start key, not overlapping */
    size_t n_regions;
    store_addr_t *stores;
    size_t n_stores;
    duet_pool_t *cop_pool; /* coprocessor tasks; NULL: run in the caller; set before use */
};

/* kv_client_loc_t: where a request goes: a region (copied out of the cache) and its store. */
typedef struct loc {
    uint64_t id;
    ProtobufCBinaryData start, end;
    Kvrpcpb__Context *ctx;
    rpc_transport_t *t;
} kv_client_loc_t;

/* kv_client_bytes_cmp: memcmp order, a prefix first. */
int kv_client_bytes_cmp(const void *a, size_t al, const void *b, size_t bl);

/* kv_client_mono_ms: a monotonic clock in milliseconds. */
int64_t kv_client_mono_ms(void);

/* kv_client_locate: the region holding key, from the cache or from pd, with a context for
 * requests (in arena). Returns 0 or -1 with err set. Any thread. */
int kv_client_locate(kv_client_t *c, const void *key, size_t klen, duet_arena_t *arena,
                     kv_client_loc_t *loc, duet_err_t *err);

/* kv_client_in_loc: whether key lies in loc's region. */
bool kv_client_in_loc(const kv_client_loc_t *loc, const void *key, size_t klen);

/* kv_client_call: sends req (a kvrpcpb request with a context field) to loc. Returns 0 with
 * *resp, 1 after a region error (the cache has been corrected; locate again), or -1 with err
 * set when the call failed. */
int kv_client_call(kv_client_t *c, const kv_client_loc_t *loc, const char *method,
                   ProtobufCMessage *req, ProtobufCMessage **resp, duet_arena_t *arena,
                   duet_err_t *err);

/* kv_client_settle: resolves the lock li through its primary, backing off (and failing with
 * 1205 after deadline) while its transaction is alive. Returns 0 or -1 with err set. */
int kv_client_settle(kv_client_t *c, const Kvrpcpb__LockInfo *li, uint64_t caller_ts, int *delay,
                     int64_t deadline, duet_arena_t *arena, duet_err_t *err);

#endif
