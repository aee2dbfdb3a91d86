/* pd.c - the placement driver: TSO with a persisted high-water mark, id allocation, store
 * registry, region map and split bookkeeping, and the pdpb.PD handlers over them. */
#define DUET_LOG_MODULE "pd"
#include "store/pd/pd.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/datadir.h"
#include "common/log.h"
#include "common/mem.h"
#include "rpc/pdpb.pb-c.h"

#define PD_LOGICAL_MAX ((1u << PD_TSO_LOGICAL_BITS) - 1)

/* State file records: a tag byte, a 4-byte little-endian length, then the payload. */
#define REC_TSO_LIMIT    'T' /* int64: no timestamp at or above this physical was handed out */
#define REC_NEXT_ID      'I' /* uint64: the next id to allocate */
#define REC_BOOTSTRAPPED 'B' /* empty */
#define REC_STORE        'S' /* packed metapb.Store */
#define REC_REGION       'R' /* uint64 leader store id, then packed metapb.Region */

typedef struct pd_region {
    Metapb__Region *meta; /* unpacked with the default allocator; owned */
    uint64_t leader_store;
} pd_region_t;

struct pd_server {
    char path[4096];      /* the state file */
    char dir[4096];       /* its directory */
    pd_options_t opts;    /* fixed after open */
    pthread_mutex_t lock; /* guards every field below */
    int64_t tso_physical;
    uint32_t tso_logical;
    int64_t tso_limit; /* persisted: every timestamp handed out has a smaller physical part */
    uint64_t next_id;
    bool bootstrapped;
    Metapb__Store **stores; /* owned, by id order of registration */
    size_t n_stores;
    pd_region_t *regions; /* sorted by start key; ranges do not overlap */
    size_t n_regions;
};

static int64_t realtime_ms(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void pd_options_default(pd_options_t *o)
{
    memset(o, 0, sizeof(*o));
    o->clock = realtime_ms;
    o->tso_window_ms = 3000;
    o->sync = true;
}

static void *msg_clone(const ProtobufCMessage *m, ProtobufCAllocator *alloc)
{
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *tmp = duet_malloc(n ? n : 1);
    protobuf_c_message_pack(m, tmp);
    ProtobufCMessage *c = protobuf_c_message_unpack(m->descriptor, alloc, n, tmp);
    duet_free(tmp);
    return c;
}

static void put_rec(duet_buf_t *b, char tag, const void *p, size_t n)
{
    uint8_t hdr[5] = {(uint8_t)tag, (uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16),
                      (uint8_t)(n >> 24)};
    duet_buf_append(b, hdr, 5);
    duet_buf_append(b, p, n);
}

static void put_msg_rec(duet_buf_t *b, char tag, const void *prefix, size_t prefix_len,
                        const ProtobufCMessage *m)
{
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *tmp = duet_malloc(prefix_len + n + 1);
    if (prefix_len)
        memcpy(tmp, prefix, prefix_len);
    protobuf_c_message_pack(m, tmp + prefix_len);
    put_rec(b, tag, tmp, prefix_len + n);
    duet_free(tmp);
}

/* save_locked: writes the whole state to a temporary file and renames it over the old one, so a
 * crash leaves either the old or the new state. Caller holds pd->lock. */
static int save_locked(pd_server_t *pd, duet_err_t *err)
{
    duet_buf_t b = DUET_BUF_INIT;
    put_rec(&b, REC_TSO_LIMIT, &pd->tso_limit, 8);
    put_rec(&b, REC_NEXT_ID, &pd->next_id, 8);
    if (pd->bootstrapped)
        put_rec(&b, REC_BOOTSTRAPPED, "", 0);
    for (size_t i = 0; i < pd->n_stores; i++)
        put_msg_rec(&b, REC_STORE, NULL, 0, &pd->stores[i]->base);
    for (size_t i = 0; i < pd->n_regions; i++)
        put_msg_rec(&b, REC_REGION, &pd->regions[i].leader_store, 8, &pd->regions[i].meta->base);

    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.tmp", pd->path);
    int rc = -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) {
        duet_err_set(err, ER_GENERIC, "pd: cannot write %s: %s", tmp, strerror(errno));
        goto out;
    }
    size_t off = 0;
    while (off < b.len) {
        ssize_t w = write(fd, b.data + off, b.len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            duet_err_set(err, ER_GENERIC, "pd: cannot write %s: %s", tmp, strerror(errno));
            close(fd);
            goto out;
        }
        off += (size_t)w;
    }
    if (pd->opts.sync && fsync(fd) != 0) {
        duet_err_set(err, ER_GENERIC, "pd: fsync %s: %s", tmp, strerror(errno));
        close(fd);
        goto out;
    }
    close(fd);
    if (rename(tmp, pd->path) != 0) {
        duet_err_set(err, ER_GENERIC, "pd: rename %s: %s", tmp, strerror(errno));
        goto out;
    }
    if (pd->opts.sync) {
        int dfd = open(pd->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    rc = 0;
out:
    duet_buf_free(&b);
    return rc;
}

static int region_cmp_start(const void *a, const void *b)
{
    const Metapb__Region *x = ((const pd_region_t *)a)->meta;
    const Metapb__Region *y = ((const pd_region_t *)b)->meta;
    size_t n = x->start_key.len < y->start_key.len ? x->start_key.len : y->start_key.len;
    int c = n ? memcmp(x->start_key.data, y->start_key.data, n) : 0;
    if (c != 0)
        return c;
    return (x->start_key.len > y->start_key.len) - (x->start_key.len < y->start_key.len);
}

static int load(pd_server_t *pd, duet_err_t *err)
{
    FILE *f = fopen(pd->path, "rb");
    if (f == NULL) {
        if (errno == ENOENT)
            return 0;
        return duet_err_set(err, ER_GENERIC, "pd: cannot read %s: %s", pd->path, strerror(errno));
    }
    duet_buf_t b = DUET_BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        duet_buf_append(&b, chunk, n);
    fclose(f);
    const uint8_t *p = (const uint8_t *)b.data;
    size_t off = 0;
    int rc = 0;
    while (off < b.len) {
        if (b.len - off < 5) {
            rc = -1;
            break;
        }
        char tag = (char)p[off];
        size_t len = (size_t)p[off + 1] | (size_t)p[off + 2] << 8 | (size_t)p[off + 3] << 16 |
                     (size_t)p[off + 4] << 24;
        off += 5;
        if (len > b.len - off) {
            rc = -1;
            break;
        }
        const uint8_t *v = p + off;
        off += len;
        if (tag == REC_TSO_LIMIT && len == 8) {
            memcpy(&pd->tso_limit, v, 8);
        } else if (tag == REC_NEXT_ID && len == 8) {
            memcpy(&pd->next_id, v, 8);
        } else if (tag == REC_BOOTSTRAPPED) {
            pd->bootstrapped = true;
        } else if (tag == REC_STORE) {
            Metapb__Store *s = metapb__store__unpack(NULL, len, v);
            if (s == NULL) {
                rc = -1;
                break;
            }
            pd->stores = duet_realloc(pd->stores, (pd->n_stores + 1) * sizeof(*pd->stores));
            pd->stores[pd->n_stores++] = s;
        } else if (tag == REC_REGION && len >= 8) {
            Metapb__Region *r = metapb__region__unpack(NULL, len - 8, v + 8);
            if (r == NULL) {
                rc = -1;
                break;
            }
            pd->regions = duet_realloc(pd->regions, (pd->n_regions + 1) * sizeof(pd_region_t));
            pd_region_t *pr = &pd->regions[pd->n_regions++];
            pr->meta = r;
            memcpy(&pr->leader_store, v, 8);
        } else {
            rc = -1;
            break;
        }
    }
    duet_buf_free(&b);
    if (rc != 0)
        return duet_err_set(err, ER_GENERIC, "pd: %s is corrupt", pd->path);
    if (pd->n_regions > 1)
        qsort(pd->regions, pd->n_regions, sizeof(pd_region_t), region_cmp_start);
    return 0;
}

static void free_state(pd_server_t *pd)
{
    for (size_t i = 0; i < pd->n_stores; i++)
        metapb__store__free_unpacked(pd->stores[i], NULL);
    for (size_t i = 0; i < pd->n_regions; i++)
        metapb__region__free_unpacked(pd->regions[i].meta, NULL);
    duet_free(pd->stores);
    duet_free(pd->regions);
}

int pd_open(const char *dir, const pd_options_t *opts, pd_server_t **out, duet_err_t *err)
{
    *out = NULL;
    if (duet_mkdirs(dir, 0750) != 0)
        return duet_err_set(err, ER_GENERIC, "pd: cannot create %s: %s", dir, strerror(errno));
    pd_server_t *pd = duet_calloc(1, sizeof(*pd));
    if (opts)
        pd->opts = *opts;
    else
        pd_options_default(&pd->opts);
    if (pd->opts.clock == NULL)
        pd->opts.clock = realtime_ms;
    if (pd->opts.tso_window_ms <= 0)
        pd->opts.tso_window_ms = 3000;
    snprintf(pd->dir, sizeof(pd->dir), "%s", dir);
    snprintf(pd->path, sizeof(pd->path), "%s/pd.state", dir);
    pthread_mutex_init(&pd->lock, NULL);
    pd->next_id = 1;
    if (load(pd, err) != 0) {
        pd_close(pd);
        return -1;
    }
    /* Every timestamp handed out before had a physical part below the saved limit, so starting
     * at the limit (or the clock, when it is ahead) never repeats one. */
    int64_t now = pd->opts.clock(pd->opts.clock_ctx);
    pd->tso_physical = now > pd->tso_limit ? now : pd->tso_limit;
    pd->tso_logical = 0;
    pd->tso_limit = pd->tso_physical + pd->opts.tso_window_ms;
    if (save_locked(pd, err) != 0) {
        pd_close(pd);
        return -1;
    }
    *out = pd;
    return 0;
}

void pd_close(pd_server_t *pd)
{
    if (pd == NULL)
        return;
    free_state(pd);
    pthread_mutex_destroy(&pd->lock);
    duet_free(pd);
}

int pd_tso(pd_server_t *pd, uint32_t count, uint64_t *last, duet_err_t *err)
{
    if (count == 0 || count > PD_LOGICAL_MAX)
        return duet_err_set(err, ER_GENERIC, "pd: tso count %u out of range", count);
    pthread_mutex_lock(&pd->lock);
    int64_t now = pd->opts.clock(pd->opts.clock_ctx);
    if (now > pd->tso_physical) {
        pd->tso_physical = now;
        pd->tso_logical = 0;
    }
    if (pd->tso_logical + count > PD_LOGICAL_MAX) {
        /* The logical counter is spent: borrow the next millisecond ahead of the clock. */
        pd->tso_physical++;
        pd->tso_logical = 0;
    }
    if (pd->tso_physical >= pd->tso_limit) {
        int64_t old = pd->tso_limit;
        pd->tso_limit = pd->tso_physical + pd->opts.tso_window_ms;
        if (save_locked(pd, err) != 0) {
            pd->tso_limit = old;
            pthread_mutex_unlock(&pd->lock);
            return -1;
        }
    }
    pd->tso_logical += count;
    *last = PD_TS(pd->tso_physical, pd->tso_logical);
    pthread_mutex_unlock(&pd->lock);
    return 0;
}

static int alloc_id_locked(pd_server_t *pd, uint64_t *id, duet_err_t *err)
{
    *id = pd->next_id++;
    if (save_locked(pd, err) != 0) {
        pd->next_id--;
        return -1;
    }
    return 0;
}

int pd_alloc_id(pd_server_t *pd, uint64_t *id, duet_err_t *err)
{
    pthread_mutex_lock(&pd->lock);
    int rc = alloc_id_locked(pd, id, err);
    pthread_mutex_unlock(&pd->lock);
    return rc;
}

int pd_region_count(pd_server_t *pd)
{
    pthread_mutex_lock(&pd->lock);
    int n = (int)pd->n_regions;
    pthread_mutex_unlock(&pd->lock);
    return n;
}

/* before_end: key < end, an empty end meaning no bound. */
static bool before_end(const ProtobufCBinaryData *key, const ProtobufCBinaryData *end)
{
    if (end->len == 0)
        return true;
    size_t n = key->len < end->len ? key->len : end->len;
    int c = n ? memcmp(key->data, end->data, n) : 0;
    return c < 0 || (c == 0 && key->len < end->len);
}

/* key_in: whether key lies in [start, end), an empty end meaning no bound. */
static bool key_in(const ProtobufCBinaryData *key, const Metapb__Region *r)
{
    ProtobufCBinaryData s = r->start_key, e = r->end_key;
    size_t n = key->len < s.len ? key->len : s.len;
    int c = n ? memcmp(key->data, s.data, n) : 0;
    if (c < 0 || (c == 0 && key->len < s.len))
        return false;
    return before_end(key, &e);
}

static pd_region_t *region_by_key_locked(pd_server_t *pd, const ProtobufCBinaryData *key)
{
    size_t lo = 0, hi = pd->n_regions;
    /* The last region whose start key is <= key. */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const ProtobufCBinaryData *s = &pd->regions[mid].meta->start_key;
        size_t n = key->len < s->len ? key->len : s->len;
        int c = n ? memcmp(s->data, key->data, n) : 0;
        if (c < 0 || (c == 0 && s->len <= key->len))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    pd_region_t *r = &pd->regions[lo - 1];
    return key_in(key, r->meta) ? r : NULL;
}

static pd_region_t *region_by_id_locked(pd_server_t *pd, uint64_t id)
{
    for (size_t i = 0; i < pd->n_regions; i++) {
        if (pd->regions[i].meta->id == id)
            return &pd->regions[i];
    }
    return NULL;
}

static Metapb__Store *store_by_id_locked(pd_server_t *pd, uint64_t id)
{
    for (size_t i = 0; i < pd->n_stores; i++) {
        if (pd->stores[i]->id == id)
            return pd->stores[i];
    }
    return NULL;
}

/* put_store_locked: inserts or replaces the store with s's id (s is cloned). */
static void put_store_locked(pd_server_t *pd, const Metapb__Store *s)
{
    Metapb__Store *copy = msg_clone(&s->base, NULL);
    for (size_t i = 0; i < pd->n_stores; i++) {
        if (pd->stores[i]->id == s->id) {
            metapb__store__free_unpacked(pd->stores[i], NULL);
            pd->stores[i] = copy;
            return;
        }
    }
    pd->stores = duet_realloc(pd->stores, (pd->n_stores + 1) * sizeof(*pd->stores));
    pd->stores[pd->n_stores++] = copy;
}

static uint64_t first_store(const Metapb__Region *r)
{
    return r->n_peers ? r->peers[0]->store_id : 0;
}

/* put_region_locked: adds a clone of r, dropping the regions it overlaps. */
static void put_region_locked(pd_server_t *pd, const Metapb__Region *r, uint64_t leader_store)
{
    size_t w = 0;
    for (size_t i = 0; i < pd->n_regions; i++) {
        Metapb__Region *o = pd->regions[i].meta;
        bool overlap = o->id == r->id || (before_end(&o->start_key, &r->end_key) &&
                                          before_end(&r->start_key, &o->end_key));
        if (overlap)
            metapb__region__free_unpacked(o, NULL);
        else
            pd->regions[w++] = pd->regions[i];
    }
    pd->n_regions = w;
    pd->regions = duet_realloc(pd->regions, (pd->n_regions + 1) * sizeof(pd_region_t));
    pd->regions[pd->n_regions].meta = msg_clone(&r->base, NULL);
    pd->regions[pd->n_regions].leader_store = leader_store;
    pd->n_regions++;
    qsort(pd->regions, pd->n_regions, sizeof(pd_region_t), region_cmp_start);
}

/* ---- pdpb.PD handlers ---- */

static Pdpb__ResponseHeader *header(duet_arena_t *arena, Pdpb__ErrorType type, const char *msg)
{
    Pdpb__ResponseHeader *h = duet_arena_alloc(arena, sizeof(*h));
    pdpb__response_header__init(h);
    if (type != PDPB__ERROR_TYPE__OK) {
        h->error = duet_arena_alloc(arena, sizeof(*h->error));
        pdpb__error__init(h->error);
        h->error->type = type;
        h->error->message = duet_arena_strdup(arena, msg);
    }
    return h;
}

/* Persists pd's state (pd->lock held) and returns the response header that says how
 * it went: OK, or UNKNOWN with the save error. */
static Pdpb__ResponseHeader *save_header_locked(pd_server_t *pd, duet_arena_t *arena)
{
    duet_err_t e = {0};
    if (save_locked(pd, &e) != 0)
        return header(arena, PDPB__ERROR_TYPE__UNKNOWN, e.msg);
    return header(arena, PDPB__ERROR_TYPE__OK, NULL);
}

static int h_tso(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                 duet_arena_t *arena, duet_err_t *err)
{
    const Pdpb__TsoRequest *r = (const Pdpb__TsoRequest *)req;
    Pdpb__TsoResponse *out = (Pdpb__TsoResponse *)resp;
    uint64_t last;
    duet_err_t e = {0};
    if (pd_tso(ctx, r->count, &last, &e) != 0) {
        out->header = header(arena, PDPB__ERROR_TYPE__UNKNOWN, e.msg);
        return 0;
    }
    (void)err;
    out->header = header(arena, PDPB__ERROR_TYPE__OK, NULL);
    out->count = r->count;
    out->timestamp = duet_arena_alloc(arena, sizeof(*out->timestamp));
    pdpb__timestamp__init(out->timestamp);
    out->timestamp->physical = PD_TS_PHYSICAL(last);
    out->timestamp->logical = (int64_t)(last & PD_LOGICAL_MAX);
    return 0;
}

static int h_alloc_id(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                      duet_arena_t *arena, duet_err_t *err)
{
    (void)req;
    (void)err;
    Pdpb__AllocIDResponse *out = (Pdpb__AllocIDResponse *)resp;
    duet_err_t e = {0};
    if (pd_alloc_id(ctx, &out->id, &e) != 0)
        out->header = header(arena, PDPB__ERROR_TYPE__UNKNOWN, e.msg);
    else
        out->header = header(arena, PDPB__ERROR_TYPE__OK, NULL);
    return 0;
}

static int h_is_bootstrapped(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                             duet_arena_t *arena, duet_err_t *err)
{
    (void)req;
    (void)err;
    pd_server_t *pd = ctx;
    Pdpb__IsBootstrappedResponse *out = (Pdpb__IsBootstrappedResponse *)resp;
    pthread_mutex_lock(&pd->lock);
    out->bootstrapped = pd->bootstrapped;
    pthread_mutex_unlock(&pd->lock);
    out->header = header(arena, PDPB__ERROR_TYPE__OK, NULL);
    return 0;
}

static int h_bootstrap(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                       duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__BootstrapRequest *r = (const Pdpb__BootstrapRequest *)req;
    Pdpb__BootstrapResponse *out = (Pdpb__BootstrapResponse *)resp;
    if (r->store == NULL || r->region == NULL) {
        out->header =
            header(arena, PDPB__ERROR_TYPE__UNKNOWN, "bootstrap needs a store and a region");
        return 0;
    }
    pthread_mutex_lock(&pd->lock);
    if (pd->bootstrapped) {
        pthread_mutex_unlock(&pd->lock);
        out->header = header(arena, PDPB__ERROR_TYPE__ALREADY_BOOTSTRAPPED,
                             "cluster is already bootstrapped");
        return 0;
    }
    put_store_locked(pd, r->store);
    put_region_locked(pd, r->region, r->store->id);
    pd->bootstrapped = true;
    out->header = save_header_locked(pd, arena);
    pthread_mutex_unlock(&pd->lock);
    return 0;
}

static int h_put_store(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                       duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__PutStoreRequest *r = (const Pdpb__PutStoreRequest *)req;
    Pdpb__PutStoreResponse *out = (Pdpb__PutStoreResponse *)resp;
    if (r->store == NULL || r->store->id == 0) {
        out->header = header(arena, PDPB__ERROR_TYPE__UNKNOWN, "store id must be set");
        return 0;
    }
    pthread_mutex_lock(&pd->lock);
    Metapb__Store *old = store_by_id_locked(pd, r->store->id);
    if (old && old->state == METAPB__STORE_STATE__Tombstone) {
        pthread_mutex_unlock(&pd->lock);
        out->header = header(arena, PDPB__ERROR_TYPE__STORE_TOMBSTONE, "store is a tombstone");
        return 0;
    }
    put_store_locked(pd, r->store);
    out->header = save_header_locked(pd, arena);
    pthread_mutex_unlock(&pd->lock);
    return 0;
}

static int h_get_store(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                       duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__GetStoreRequest *r = (const Pdpb__GetStoreRequest *)req;
    Pdpb__GetStoreResponse *out = (Pdpb__GetStoreResponse *)resp;
    ProtobufCAllocator alloc;
    rpc_arena_allocator(&alloc, arena);
    pthread_mutex_lock(&pd->lock);
    Metapb__Store *s = store_by_id_locked(pd, r->store_id);
    if (s)
        out->store = msg_clone(&s->base, &alloc);
    pthread_mutex_unlock(&pd->lock);
    if (s)
        out->header = header(arena, PDPB__ERROR_TYPE__OK, NULL);
    else
        out->header = header(arena, PDPB__ERROR_TYPE__STORE_NOT_FOUND,
                             duet_arena_sprintf(arena, "invalid store ID %llu, not found",
                                                (unsigned long long)r->store_id));
    return 0;
}

static int h_get_all_stores(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                            duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__GetAllStoresRequest *r = (const Pdpb__GetAllStoresRequest *)req;
    Pdpb__GetAllStoresResponse *out = (Pdpb__GetAllStoresResponse *)resp;
    ProtobufCAllocator alloc;
    rpc_arena_allocator(&alloc, arena);
    pthread_mutex_lock(&pd->lock);
    out->stores = duet_arena_alloc(arena, pd->n_stores * sizeof(*out->stores));
    for (size_t i = 0; i < pd->n_stores; i++) {
        if (r->exclude_tombstone_stores && pd->stores[i]->state == METAPB__STORE_STATE__Tombstone)
            continue;
        out->stores[out->n_stores++] = msg_clone(&pd->stores[i]->base, &alloc);
    }
    pthread_mutex_unlock(&pd->lock);
    out->header = header(arena, PDPB__ERROR_TYPE__OK, NULL);
    return 0;
}

/* fill_region: answers with a copy of r (NULL: not found). Caller holds pd->lock. */
static void fill_region(Pdpb__GetRegionResponse *out, const pd_region_t *r, duet_arena_t *arena)
{
    if (r == NULL) {
        out->header = header(arena, PDPB__ERROR_TYPE__REGION_NOT_FOUND, "region not found");
        return;
    }
    ProtobufCAllocator alloc;
    rpc_arena_allocator(&alloc, arena);
    out->header = header(arena, PDPB__ERROR_TYPE__OK, NULL);
    out->region = msg_clone(&r->meta->base, &alloc);
    for (size_t i = 0; i < r->meta->n_peers; i++) {
        if (r->meta->peers[i]->store_id == r->leader_store)
            out->leader = msg_clone(&r->meta->peers[i]->base, &alloc);
    }
}

static int h_get_region(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                        duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__GetRegionRequest *r = (const Pdpb__GetRegionRequest *)req;
    pthread_mutex_lock(&pd->lock);
    fill_region((Pdpb__GetRegionResponse *)resp, region_by_key_locked(pd, &r->region_key), arena);
    pthread_mutex_unlock(&pd->lock);
    return 0;
}

static int h_get_region_by_id(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                              duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__GetRegionByIDRequest *r = (const Pdpb__GetRegionByIDRequest *)req;
    pthread_mutex_lock(&pd->lock);
    fill_region((Pdpb__GetRegionResponse *)resp, region_by_id_locked(pd, r->region_id), arena);
    pthread_mutex_unlock(&pd->lock);
    return 0;
}

static int h_scan_regions(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                          duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__ScanRegionsRequest *r = (const Pdpb__ScanRegionsRequest *)req;
    Pdpb__ScanRegionsResponse *out = (Pdpb__ScanRegionsResponse *)resp;
    ProtobufCAllocator alloc;
    rpc_arena_allocator(&alloc, arena);
    pthread_mutex_lock(&pd->lock);
    out->regions = duet_arena_alloc(arena, pd->n_regions * sizeof(*out->regions));
    out->leaders = duet_arena_alloc(arena, pd->n_regions * sizeof(*out->leaders));
    for (size_t i = 0; i < pd->n_regions; i++) {
        const Metapb__Region *m = pd->regions[i].meta;
        /* Overlap: the region ends after start_key and starts before end_key. */
        bool ends_after = m->end_key.len == 0 || before_end(&r->start_key, &m->end_key);
        if (!ends_after || !before_end(&m->start_key, &r->end_key))
            continue;
        if (r->limit > 0 && out->n_regions >= (size_t)r->limit)
            break;
        out->regions[out->n_regions] = msg_clone(&m->base, &alloc);
        Metapb__Peer *leader = duet_arena_alloc(arena, sizeof(*leader));
        metapb__peer__init(leader);
        for (size_t p = 0; p < m->n_peers; p++) {
            if (m->peers[p]->store_id == pd->regions[i].leader_store)
                *leader = *(Metapb__Peer *)msg_clone(&m->peers[p]->base, &alloc);
        }
        out->leaders[out->n_regions] = leader;
        out->n_regions++;
    }
    out->n_leaders = out->n_regions;
    pthread_mutex_unlock(&pd->lock);
    out->header = header(arena, PDPB__ERROR_TYPE__OK, NULL);
    return 0;
}

static uint64_t epoch_version(const Metapb__Region *r)
{
    return r->region_epoch ? r->region_epoch->version : 0;
}

static int h_report_split(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                          duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__ReportSplitRequest *r = (const Pdpb__ReportSplitRequest *)req;
    Pdpb__ReportSplitResponse *out = (Pdpb__ReportSplitResponse *)resp;
    if (r->left == NULL || r->right == NULL) {
        out->header = header(arena, PDPB__ERROR_TYPE__UNKNOWN, "split needs left and right");
        return 0;
    }
    pthread_mutex_lock(&pd->lock);
    /* A report older than what the map holds (a reordered or repeated report) is refused. */
    pd_region_t *l = region_by_key_locked(pd, &r->left->start_key);
    if (l && epoch_version(l->meta) > epoch_version(r->left) && l->meta->id != r->left->id) {
        pthread_mutex_unlock(&pd->lock);
        out->header = header(arena, PDPB__ERROR_TYPE__STALE_REGION, "stale split report");
        return 0;
    }
    uint64_t leader = l ? l->leader_store : first_store(r->left);
    put_region_locked(pd, r->left, leader);
    put_region_locked(pd, r->right, leader);
    out->header = save_header_locked(pd, arena);
    pthread_mutex_unlock(&pd->lock);
    return 0;
}

static int h_region_heartbeat(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                              duet_arena_t *arena, duet_err_t *err)
{
    (void)err;
    pd_server_t *pd = ctx;
    const Pdpb__RegionHeartbeatRequest *r = (const Pdpb__RegionHeartbeatRequest *)req;
    Pdpb__RegionHeartbeatResponse *out = (Pdpb__RegionHeartbeatResponse *)resp;
    if (r->region == NULL) {
        out->header = header(arena, PDPB__ERROR_TYPE__UNKNOWN, "heartbeat needs a region");
        return 0;
    }
    pthread_mutex_lock(&pd->lock);
    /* Refuse a view older than what pd holds for any part of its range. */
    for (size_t i = 0; i < pd->n_regions; i++) {
        Metapb__Region *o = pd->regions[i].meta;
        bool overlap = o->id == r->region->id || (before_end(&o->start_key, &r->region->end_key) &&
                                                  before_end(&r->region->start_key, &o->end_key));
        if (overlap && epoch_version(o) > epoch_version(r->region)) {
            pthread_mutex_unlock(&pd->lock);
            out->header = header(arena, PDPB__ERROR_TYPE__STALE_REGION, "stale region heartbeat");
            return 0;
        }
    }
    uint64_t leader = r->leader ? r->leader->store_id : first_store(r->region);
    pd_region_t *same = region_by_id_locked(pd, r->region->id);
    bool changed =
        same == NULL || same->leader_store != leader ||
        epoch_version(same->meta) != epoch_version(r->region) ||
        same->meta->start_key.len != r->region->start_key.len ||
        same->meta->end_key.len != r->region->end_key.len ||
        (r->region->start_key.len && memcmp(same->meta->start_key.data, r->region->start_key.data,
                                            r->region->start_key.len) != 0) ||
        (r->region->end_key.len &&
         memcmp(same->meta->end_key.data, r->region->end_key.data, r->region->end_key.len) != 0);
    duet_err_t e = {0};
    int rc = 0;
    if (changed) {
        put_region_locked(pd, r->region, leader);
        rc = save_locked(pd, &e);
    }
    out->header = rc == 0 ? header(arena, PDPB__ERROR_TYPE__OK, NULL)
                          : header(arena, PDPB__ERROR_TYPE__UNKNOWN, e.msg);
    pthread_mutex_unlock(&pd->lock);
    return 0;
}

int pd_register(pd_server_t *pd, rpc_server_t *server, duet_err_t *err)
{
    static const struct {
        const char *name;
        rpc_handler_fn fn;
    } methods[] = {
        {"Tso", h_tso},
        {"Bootstrap", h_bootstrap},
        {"IsBootstrapped", h_is_bootstrapped},
        {"AllocID", h_alloc_id},
        {"PutStore", h_put_store},
        {"GetStore", h_get_store},
        {"GetAllStores", h_get_all_stores},
        {"GetRegion", h_get_region},
        {"GetRegionByID", h_get_region_by_id},
        {"ScanRegions", h_scan_regions},
        {"ReportSplit", h_report_split},
        {"RegionHeartbeat", h_region_heartbeat},
    };
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
        if (rpc_server_register(server, &pdpb__pd__descriptor, methods[i].name, methods[i].fn, pd,
                                err) != 0)
            return -1;
    }
    return 0;
}
