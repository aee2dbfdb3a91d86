/* mvcc.c - MVCC records on RocksDB: versioned reads at a timestamp and the Percolator actions
 * (see mvcc.h for the layout). */
#include "store/kv/mvcc.h"

#include <string.h>

#include "common/mem.h"
#include "types/codec.h"

#define TS_PHYSICAL(ts) ((ts) >> 18)
#define GC_BATCH_OPS    1024

void kv_key_encode(duet_buf_t *out, const void *key, size_t len)
{
    types_key_put_bytes(out, key, len);
}

int kv_key_decode(const uint8_t *in, size_t len, duet_buf_t *out)
{
    duet_buf_reset(out);
    size_t i = 0;
    for (;;) {
        if (i + 9 > len)
            return -1;
        size_t pad = 0xFF - (size_t)in[i + 8];
        if (pad > 8)
            return -1;
        duet_buf_append(out, in + i, 8 - pad);
        i += 9;
        if (pad > 0)
            return (int)i;
    }
}

void kv_key_append_ts(duet_buf_t *out, uint64_t ts)
{
    uint64_t v = ~ts;
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (56 - 8 * i));
    duet_buf_append(out, b, 8);
}

static uint64_t key_ts(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return ~v;
}

static void put_varint(duet_buf_t *b, uint64_t v)
{
    uint8_t tmp[10];
    size_t n = 0;
    while (v >= 0x80) {
        tmp[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    tmp[n++] = (uint8_t)v;
    duet_buf_append(b, tmp, n);
}

static int get_varint(const uint8_t *p, size_t len, size_t *off, uint64_t *v)
{
    uint64_t r = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*off >= len)
            return -1;
        uint8_t c = p[(*off)++];
        r |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return -1;
}

static ProtobufCBinaryData arena_bytes(duet_arena_t *a, const void *p, size_t n)
{
    ProtobufCBinaryData d;
    d.len = n;
    d.data = duet_arena_alloc(a, n);
    if (n)
        memcpy(d.data, p, n);
    return d;
}

static int bytes_cmp(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
    size_t n = al < bl ? al : bl;
    int c = n ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return (al > bl) - (al < bl);
}

/* ---- records ---- */

static void lock_encode(duet_buf_t *b, const kv_lock_t *l)
{
    duet_buf_reset(b);
    duet_buf_putc(b, l->type);
    put_varint(b, l->start_ts);
    put_varint(b, l->ttl);
    put_varint(b, l->txn_size);
    put_varint(b, l->min_commit_ts);
    put_varint(b, l->primary.len);
    duet_buf_append(b, l->primary.data, l->primary.len);
    if (l->has_value) {
        duet_buf_putc(b, 'v');
        put_varint(b, l->value.len);
        duet_buf_append(b, l->value.data, l->value.len);
    }
}

static int lock_decode(const uint8_t *p, size_t len, duet_arena_t *a, kv_lock_t *l)
{
    memset(l, 0, sizeof(*l));
    size_t off = 1;
    uint64_t plen;
    if (len < 1)
        return -1;
    l->type = (char)p[0];
    if (get_varint(p, len, &off, &l->start_ts) || get_varint(p, len, &off, &l->ttl) ||
        get_varint(p, len, &off, &l->txn_size) || get_varint(p, len, &off, &l->min_commit_ts) ||
        get_varint(p, len, &off, &plen) || plen > len - off)
        return -1;
    l->primary = arena_bytes(a, p + off, plen);
    off += plen;
    if (off < len && p[off] == 'v') {
        uint64_t vlen;
        off++;
        if (get_varint(p, len, &off, &vlen) || vlen > len - off)
            return -1;
        l->has_value = true;
        l->value = arena_bytes(a, p + off, vlen);
    }
    return 0;
}

static void write_encode(duet_buf_t *b, char type, uint64_t start_ts, bool has_value,
                         ProtobufCBinaryData value)
{
    duet_buf_reset(b);
    duet_buf_putc(b, type);
    put_varint(b, start_ts);
    if (has_value) {
        duet_buf_putc(b, 'v');
        put_varint(b, value.len);
        duet_buf_append(b, value.data, value.len);
    }
}

static int write_decode(const uint8_t *p, size_t len, duet_arena_t *a, kv_write_t *w)
{
    memset(w, 0, sizeof(*w));
    size_t off = 1;
    if (len < 1)
        return -1;
    w->type = (char)p[0];
    if (get_varint(p, len, &off, &w->start_ts))
        return -1;
    if (off < len && p[off] == 'v') {
        uint64_t vlen;
        off++;
        if (get_varint(p, len, &off, &vlen) || vlen > len - off)
            return -1;
        w->has_value = true;
        if (a) {
            w->value = arena_bytes(a, p + off, vlen);
        } else {
            w->value.data = (uint8_t *)p + off;
            w->value.len = vlen;
        }
    }
    return 0;
}

/* ---- transaction state ---- */

void kv_txn_begin(kv_txn_t *t, kv_engine_t *e, duet_arena_t *arena, bool pinned)
{
    memset(t, 0, sizeof(*t));
    kv_snap_open(&t->snap, e, pinned);
    t->arena = arena;
}

void kv_txn_end(kv_txn_t *t)
{
    if (t->wit)
        rocksdb_iter_destroy(t->wit);
    if (t->wb)
        rocksdb_writebatch_destroy(t->wb);
    kv_snap_close(&t->snap);
    duet_buf_free(&t->k1);
    duet_buf_free(&t->k2);
    duet_buf_free(&t->val);
}

int kv_txn_write(kv_txn_t *t, duet_err_t *err)
{
    if (t->wb == NULL || rocksdb_writebatch_count(t->wb) == 0)
        return 0;
    int rc = t->must_sync ? kv_engine_write(t->snap.e, t->wb, err)
                          : kv_engine_write_lazy(t->snap.e, t->wb, err);
    rocksdb_writebatch_clear(t->wb);
    t->must_sync = false;
    return rc;
}

size_t kv_txn_batch_size(kv_txn_t *t)
{
    size_t n = 0;
    if (t->wb == NULL)
        return 0;
    rocksdb_writebatch_data(t->wb, &n);
    return n;
}

/* txn_wb: the transaction's write batch, made on first use (readers never need one). */
static rocksdb_writebatch_t *txn_wb(kv_txn_t *t)
{
    if (t->wb == NULL)
        t->wb = rocksdb_writebatch_create();
    t->must_sync = true;
    return t->wb;
}

static kv_engine_t *eng(kv_txn_t *t)
{
    return t->snap.e;
}

static int iter_status(rocksdb_iterator_t *it, duet_err_t *err)
{
    char *rerr = NULL;
    rocksdb_iter_get_error(it, &rerr);
    if (rerr == NULL)
        return 0;
    duet_err_set(err, ER_GENERIC, "kv: iterator failed: %s", rerr);
    rocksdb_free(rerr);
    return -1;
}

static rocksdb_iterator_t *write_iter(kv_txn_t *t)
{
    if (t->wit == NULL)
        t->wit = kv_snap_iter(&t->snap, KV_CF_WRITE);
    return t->wit;
}

/* version_here: whether it sits on a version of the encoded key enc[0..n); if so *cts and *w
 * (short value copied to arena when a is not NULL). A record that does not decode counts as
 * the end of the versions. */
static bool version_here(rocksdb_iterator_t *it, const char *enc, size_t n, duet_arena_t *a,
                         uint64_t *cts, kv_write_t *w)
{
    if (!rocksdb_iter_valid(it))
        return false;
    size_t kl, vl;
    const char *k = rocksdb_iter_key(it, &kl);
    if (kl != n + 8 || memcmp(k, enc, n) != 0)
        return false;
    *cts = key_ts((const uint8_t *)k + n);
    const char *v = rocksdb_iter_value(it, &vl);
    return write_decode((const uint8_t *)v, vl, a, w) == 0;
}

/* seek_versions: positions the write iterator on the newest version of key with commit_ts <=
 * ts; leaves enc(key) in t->k1. */
static rocksdb_iterator_t *seek_versions(kv_txn_t *t, ProtobufCBinaryData key, uint64_t ts)
{
    duet_buf_reset(&t->k1);
    kv_key_encode(&t->k1, key.data, key.len);
    size_t n = t->k1.len;
    kv_key_append_ts(&t->k1, ts);
    rocksdb_iterator_t *it = write_iter(t);
    rocksdb_iter_seek(it, t->k1.data, t->k1.len);
    duet_buf_truncate(&t->k1, n);
    return it;
}

int kv_mvcc_load_lock(kv_txn_t *t, ProtobufCBinaryData key, kv_lock_t *lock, duet_err_t *err)
{
    duet_buf_reset(&t->k2);
    kv_key_encode(&t->k2, key.data, key.len);
    int rc = kv_snap_get(&t->snap, KV_CF_LOCK, t->k2.data, t->k2.len, &t->val, err);
    if (rc <= 0)
        return rc;
    if (lock_decode((const uint8_t *)t->val.data, t->val.len, t->arena, lock) != 0)
        return duet_err_set(err, ER_GENERIC, "kv: corrupt lock record");
    return 1;
}

static Kvrpcpb__KeyError *key_error(duet_arena_t *a)
{
    Kvrpcpb__KeyError *ke = duet_arena_alloc(a, sizeof(*ke));
    kvrpcpb__key_error__init(ke);
    return ke;
}

Kvrpcpb__LockInfo *kv_lock_info(duet_arena_t *arena, ProtobufCBinaryData key, const kv_lock_t *lock)
{
    Kvrpcpb__LockInfo *li = duet_arena_alloc(arena, sizeof(*li));
    kvrpcpb__lock_info__init(li);
    li->primary_lock = lock->primary;
    li->lock_version = lock->start_ts;
    li->key = arena_bytes(arena, key.data, key.len);
    li->lock_ttl = lock->ttl;
    li->txn_size = lock->txn_size;
    li->lock_type = lock->type == 'D'   ? KVRPCPB__OP__Del
                    : lock->type == 'L' ? KVRPCPB__OP__Lock
                                        : KVRPCPB__OP__Put;
    li->min_commit_ts = lock->min_commit_ts;
    return li;
}

/* read_into: the committed value of key visible at ts (ignoring locks) into out, which is reset
 * first; *found tells whether there is one. */
static int read_into(kv_txn_t *t, ProtobufCBinaryData key, uint64_t ts, duet_buf_t *out,
                     bool *found, duet_err_t *err)
{
    *found = false;
    duet_buf_reset(out);
    rocksdb_iterator_t *it = seek_versions(t, key, ts);
    uint64_t cts;
    kv_write_t w;
    for (; version_here(it, t->k1.data, t->k1.len, NULL, &cts, &w); rocksdb_iter_next(it)) {
        if (w.type == 'D')
            return 0;
        if (w.type != 'P')
            continue; /* rollback and lock records carry no data */
        if (w.has_value) {
            duet_buf_append(out, w.value.data, w.value.len);
        } else {
            duet_buf_t dk = DUET_BUF_INIT;
            duet_buf_append(&dk, t->k1.data, t->k1.len);
            kv_key_append_ts(&dk, w.start_ts);
            int rc = kv_snap_get(&t->snap, KV_CF_DEFAULT, dk.data, dk.len, out, err);
            duet_buf_free(&dk);
            if (rc < 0)
                return -1;
            if (rc == 0)
                return duet_err_set(err, ER_GENERIC, "kv: value of a committed write is missing");
        }
        *found = true;
        return 0;
    }
    return iter_status(it, err);
}

/* check_lock: sets *kerr when a lock stops a read of key at ts: another transaction's put or
 * delete lock with start_ts <= ts (pure 'L' locks never block readers). */
static int check_lock(kv_txn_t *t, ProtobufCBinaryData key, uint64_t ts, Kvrpcpb__KeyError **kerr,
                      duet_err_t *err)
{
    *kerr = NULL;
    kv_lock_t lock;
    int rc = kv_mvcc_load_lock(t, key, &lock, err);
    if (rc < 0)
        return -1;
    if (rc == 1 && lock.type != 'L' && lock.start_ts <= ts) {
        *kerr = key_error(t->arena);
        (*kerr)->locked = kv_lock_info(t->arena, key, &lock);
    }
    return 0;
}

int kv_mvcc_get(kv_txn_t *t, ProtobufCBinaryData key, uint64_t ts, ProtobufCBinaryData *value,
                bool *found, Kvrpcpb__KeyError **kerr, duet_err_t *err)
{
    *found = false;
    value->data = NULL;
    value->len = 0;
    if (check_lock(t, key, ts, kerr, err) != 0)
        return -1;
    if (*kerr)
        return 0;
    if (read_into(t, key, ts, &t->val, found, err) != 0)
        return -1;
    if (*found)
        *value = arena_bytes(t->arena, t->val.data, t->val.len);
    return 0;
}

/* cur_user_key: the encoded user key the iterator sits on (strip is 8 for versioned keys, 0 for
 * lock keys), or false at the end. */
static bool cur_user_key(rocksdb_iterator_t *it, size_t strip, const uint8_t **k, size_t *n)
{
    if (!rocksdb_iter_valid(it))
        return false;
    size_t kl;
    const char *p = rocksdb_iter_key(it, &kl);
    if (kl < strip)
        return false;
    *k = (const uint8_t *)p;
    *n = kl - strip;
    return true;
}

/* The scanner walks the write and lock column families side by side, one user key at a time,
 * and reads each key with the point-read rules. */
struct kv_scanner {
    kv_txn_t *t;
    rocksdb_iterator_t *wi, *li;
    duet_buf_t es, ee, cur, key, val; /* enc(start), enc(end), scratch, the current pair */
    bool has_end, key_only, reverse, done;
    uint64_t ts;
};

static bool iter_at(rocksdb_iterator_t *it, const duet_buf_t *k)
{
    size_t kl;
    return rocksdb_iter_valid(it) && (rocksdb_iter_key(it, &kl), kl == k->len) &&
           memcmp(rocksdb_iter_key(it, &kl), k->data, k->len) == 0;
}

kv_scanner_t *kv_scanner_open(kv_txn_t *t, ProtobufCBinaryData start, ProtobufCBinaryData end,
                              uint64_t ts, bool key_only, bool reverse)
{
    kv_scanner_t *s = duet_calloc(1, sizeof(*s));
    s->t = t;
    s->ts = ts;
    s->key_only = key_only;
    s->reverse = reverse;
    s->has_end = end.len > 0;
    kv_key_encode(&s->es, start.data, start.len);
    if (s->has_end)
        kv_key_encode(&s->ee, end.data, end.len);
    s->wi = kv_snap_iter(&t->snap, KV_CF_WRITE);
    s->li = kv_snap_iter(&t->snap, KV_CF_LOCK);
    if (!reverse) {
        rocksdb_iter_seek(s->wi, s->es.data, s->es.len);
        rocksdb_iter_seek(s->li, s->es.data, s->es.len);
    } else if (s->has_end) {
        rocksdb_iter_seek_for_prev(s->wi, s->ee.data, s->ee.len);
        rocksdb_iter_seek_for_prev(s->li, s->ee.data, s->ee.len);
        if (iter_at(s->li, &s->ee))
            rocksdb_iter_prev(s->li); /* end is exclusive */
    } else {
        rocksdb_iter_seek_to_last(s->wi);
        rocksdb_iter_seek_to_last(s->li);
    }
    return s;
}

void kv_scanner_close(kv_scanner_t *s)
{
    if (s == NULL)
        return;
    rocksdb_iter_destroy(s->wi);
    rocksdb_iter_destroy(s->li);
    duet_buf_free(&s->es);
    duet_buf_free(&s->ee);
    duet_buf_free(&s->cur);
    duet_buf_free(&s->key);
    duet_buf_free(&s->val);
    duet_free(s);
}

int kv_scanner_next(kv_scanner_t *s, ProtobufCBinaryData *key, ProtobufCBinaryData *value,
                    Kvrpcpb__KeyError **kerr, duet_err_t *err)
{
    *kerr = NULL;
    while (!s->done) {
        const uint8_t *kw = NULL, *kl = NULL;
        size_t nw = 0, nl = 0;
        bool hw = cur_user_key(s->wi, 8, &kw, &nw), hl = cur_user_key(s->li, 0, &kl, &nl);
        if (!hw && !hl)
            break;
        bool take_w = hw;
        if (hw && hl) {
            int c = bytes_cmp(kw, nw, kl, nl);
            take_w = s->reverse ? c >= 0 : c <= 0;
        }
        duet_buf_reset(&s->cur);
        duet_buf_append(&s->cur, take_w ? kw : kl, take_w ? nw : nl);
        const uint8_t *cur = (const uint8_t *)s->cur.data;
        bool on_w = hw && bytes_cmp(kw, nw, cur, s->cur.len) == 0;
        bool on_l = hl && bytes_cmp(kl, nl, cur, s->cur.len) == 0;
        if (!s->reverse && s->has_end &&
            bytes_cmp(cur, s->cur.len, (const uint8_t *)s->ee.data, s->ee.len) >= 0)
            break;
        if (s->reverse && bytes_cmp(cur, s->cur.len, (const uint8_t *)s->es.data, s->es.len) < 0)
            break;
        if (kv_key_decode(cur, s->cur.len, &s->key) < 0) {
            s->done = true;
            return duet_err_set(err, ER_GENERIC, "kv: corrupt key in the write column family");
        }
        /* Step both iterators past this user key before reading it. */
        if (on_w) {
            if (s->reverse) {
                rocksdb_iter_seek_for_prev(s->wi, s->cur.data, s->cur.len);
            } else {
                duet_buf_append(&s->cur, "\xff\xff\xff\xff\xff\xff\xff\xff", 8);
                rocksdb_iter_seek(s->wi, s->cur.data, s->cur.len);
                if (iter_at(s->wi, &s->cur))
                    rocksdb_iter_next(s->wi);
            }
        }
        if (on_l) {
            if (s->reverse)
                rocksdb_iter_prev(s->li);
            else
                rocksdb_iter_next(s->li);
        }
        key->data = (uint8_t *)s->key.data;
        key->len = s->key.len;
        if (check_lock(s->t, *key, s->ts, kerr, err) != 0)
            return -1;
        if (*kerr) {
            value->data = NULL;
            value->len = 0;
            return 1;
        }
        bool found;
        if (read_into(s->t, *key, s->ts, &s->val, &found, err) != 0)
            return -1;
        if (!found)
            continue;
        value->data = (uint8_t *)s->val.data;
        value->len = s->key_only ? 0 : s->val.len;
        return 1;
    }
    s->done = true;
    if (iter_status(s->wi, err) != 0 || iter_status(s->li, err) != 0)
        return -1;
    return 0;
}

int kv_mvcc_scan(kv_txn_t *t, ProtobufCBinaryData start, ProtobufCBinaryData end, uint32_t limit,
                 uint64_t ts, bool key_only, bool reverse, Kvrpcpb__KvPair ***pairs, size_t *n,
                 duet_err_t *err)
{
    *pairs = NULL;
    *n = 0;
    kv_scanner_t *s = kv_scanner_open(t, start, end, ts, key_only, reverse);
    size_t cap = 0;
    int rc = 0;
    ProtobufCBinaryData key, value;
    Kvrpcpb__KeyError *kerr;
    while ((limit == 0 || *n < limit) && (rc = kv_scanner_next(s, &key, &value, &kerr, err)) > 0) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            *pairs =
                duet_arena_realloc(t->arena, *pairs, cap * sizeof(**pairs), ncap * sizeof(**pairs));
            cap = ncap;
        }
        Kvrpcpb__KvPair *p = duet_arena_alloc(t->arena, sizeof(*p));
        kvrpcpb__kv_pair__init(p);
        p->key = arena_bytes(t->arena, key.data, key.len);
        p->value = arena_bytes(t->arena, value.data, value.len);
        p->error = kerr;
        (*pairs)[(*n)++] = p;
    }
    if (limit && *n >= limit)
        rc = 0;
    kv_scanner_close(s);
    return rc < 0 ? -1 : 0;
}

/* ---- Percolator ---- */

static void put_write(kv_txn_t *t, const duet_buf_t *enc, uint64_t commit_ts, char type,
                      uint64_t start_ts, bool has_value, ProtobufCBinaryData value)
{
    duet_buf_t k = DUET_BUF_INIT, v = DUET_BUF_INIT;
    duet_buf_append(&k, enc->data, enc->len);
    kv_key_append_ts(&k, commit_ts);
    write_encode(&v, type, start_ts, has_value, value);
    rocksdb_writebatch_put_cf(txn_wb(t), eng(t)->cf[KV_CF_WRITE], k.data, k.len, v.data, v.len);
    duet_buf_free(&k);
    duet_buf_free(&v);
}

static void delete_value(kv_txn_t *t, const duet_buf_t *enc, uint64_t start_ts)
{
    duet_buf_t k = DUET_BUF_INIT;
    duet_buf_append(&k, enc->data, enc->len);
    kv_key_append_ts(&k, start_ts);
    rocksdb_writebatch_delete_cf(txn_wb(t), eng(t)->cf[KV_CF_DEFAULT], k.data, k.len);
    duet_buf_free(&k);
}

/* find_commit: looks among key's versions for the record written by start_ts (commit or
 * rollback). Returns 1 with *cts and *w, 0 when there is none, -1 on error. */
static int find_commit(kv_txn_t *t, ProtobufCBinaryData key, uint64_t start_ts, uint64_t *cts,
                       kv_write_t *w, duet_err_t *err)
{
    rocksdb_iterator_t *it = seek_versions(t, key, UINT64_MAX);
    for (; version_here(it, t->k1.data, t->k1.len, NULL, cts, w); rocksdb_iter_next(it)) {
        if (*cts < start_ts)
            return 0;
        if (w->start_ts == start_ts)
            return 1;
    }
    return iter_status(it, err);
}

int kv_mvcc_prewrite(kv_txn_t *t, const Kvrpcpb__Mutation *m, const kv_prewrite_args_t *a,
                     Kvrpcpb__KeyError **kerr, duet_err_t *err)
{
    *kerr = NULL;
    kv_lock_t lock;
    int rc = kv_mvcc_load_lock(t, m->key, &lock, err);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        if (lock.start_ts == a->start_ts)
            return 0; /* a repeated prewrite */
        *kerr = key_error(t->arena);
        (*kerr)->locked = kv_lock_info(t->arena, m->key, &lock);
        return 0;
    }
    bool check_exists = m->op == KVRPCPB__OP__Insert || m->op == KVRPCPB__OP__CheckNotExists;
    bool exists = false;
    rocksdb_iterator_t *it = seek_versions(t, m->key, UINT64_MAX);
    uint64_t cts;
    kv_write_t w;
    for (; version_here(it, t->k1.data, t->k1.len, NULL, &cts, &w); rocksdb_iter_next(it)) {
        if (cts >= a->start_ts) {
            if (w.start_ts == a->start_ts && w.type != 'R')
                return 0; /* already committed: a late duplicate prewrite */
            if (w.type == 'R' && w.start_ts != a->start_ts)
                continue; /* another transaction's rollback changes no data */
            *kerr = key_error(t->arena);
            Kvrpcpb__WriteConflict *wc = duet_arena_alloc(t->arena, sizeof(*wc));
            kvrpcpb__write_conflict__init(wc);
            wc->start_ts = a->start_ts;
            wc->conflict_ts = w.start_ts;
            wc->conflict_commit_ts = cts;
            wc->key = m->key;
            wc->primary = a->primary;
            (*kerr)->conflict = wc;
            return 0;
        }
        if (w.type == 'P' || w.type == 'D') {
            exists = w.type == 'P';
            break;
        }
    }
    if (iter_status(it, err) != 0)
        return -1;
    if (check_exists && exists) {
        *kerr = key_error(t->arena);
        Kvrpcpb__AlreadyExist *ae = duet_arena_alloc(t->arena, sizeof(*ae));
        kvrpcpb__already_exist__init(ae);
        ae->key = m->key;
        (*kerr)->already_exist = ae;
        return 0;
    }
    if (m->op == KVRPCPB__OP__CheckNotExists)
        return 0;
    kv_lock_t nl = {0};
    switch (m->op) {
    case KVRPCPB__OP__Put:
    case KVRPCPB__OP__Insert:
        nl.type = 'P';
        break;
    case KVRPCPB__OP__Del:
        nl.type = 'D';
        break;
    case KVRPCPB__OP__Lock:
        nl.type = 'L';
        break;
    default:
        *kerr = key_error(t->arena);
        (*kerr)->abort = duet_arena_sprintf(t->arena, "unsupported mutation op %d", (int)m->op);
        return 0;
    }
    nl.start_ts = a->start_ts;
    nl.ttl = a->ttl;
    nl.txn_size = a->txn_size;
    nl.min_commit_ts = a->min_commit_ts;
    nl.primary = a->primary;
    if (nl.type == 'P') {
        if (m->value.len <= KV_SHORT_VALUE_MAX) {
            nl.has_value = true;
            nl.value = m->value;
        } else {
            duet_buf_t dk = DUET_BUF_INIT;
            duet_buf_append(&dk, t->k1.data, t->k1.len);
            kv_key_append_ts(&dk, a->start_ts);
            rocksdb_writebatch_put_cf(txn_wb(t), eng(t)->cf[KV_CF_DEFAULT], dk.data, dk.len,
                                      (const char *)m->value.data, m->value.len);
            duet_buf_free(&dk);
        }
    }
    duet_buf_t v = DUET_BUF_INIT;
    lock_encode(&v, &nl);
    rocksdb_writebatch_put_cf(txn_wb(t), eng(t)->cf[KV_CF_LOCK], t->k1.data, t->k1.len, v.data,
                              v.len);
    duet_buf_free(&v);
    return 0;
}

int kv_mvcc_commit(kv_txn_t *t, ProtobufCBinaryData key, uint64_t start_ts, uint64_t commit_ts,
                   Kvrpcpb__KeyError **kerr, duet_err_t *err)
{
    *kerr = NULL;
    kv_lock_t lock;
    int rc = kv_mvcc_load_lock(t, key, &lock, err);
    if (rc < 0)
        return -1;
    if (rc == 1 && lock.start_ts == start_ts) {
        if (commit_ts <= start_ts) {
            *kerr = key_error(t->arena);
            (*kerr)->abort =
                duet_arena_sprintf(t->arena, "commit_ts %llu is not after start_ts %llu",
                                   (unsigned long long)commit_ts, (unsigned long long)start_ts);
            return 0;
        }
        bool was = t->must_sync;
        put_write(t, &t->k2, commit_ts, lock.type, start_ts, lock.has_value, lock.value);
        rocksdb_writebatch_delete_cf(txn_wb(t), eng(t)->cf[KV_CF_LOCK], t->k2.data, t->k2.len);
        /* Only the primary's commit record decides the transaction; it must be durable. */
        bool primary = lock.primary.len == key.len &&
                       (key.len == 0 || memcmp(lock.primary.data, key.data, key.len) == 0);
        t->must_sync = was || primary;
        return 0;
    }
    uint64_t cts;
    kv_write_t w;
    rc = find_commit(t, key, start_ts, &cts, &w, err);
    if (rc < 0)
        return -1;
    if (rc == 1 && w.type != 'R')
        return 0; /* committed before: commit is idempotent */
    *kerr = key_error(t->arena);
    Kvrpcpb__TxnLockNotFound *nf = duet_arena_alloc(t->arena, sizeof(*nf));
    kvrpcpb__txn_lock_not_found__init(nf);
    nf->key = key;
    (*kerr)->txn_lock_not_found = nf;
    return 0;
}

/* rollback_key: rolls start_ts back on key (see kv_mvcc_rollback). */
static int rollback_key(kv_txn_t *t, ProtobufCBinaryData key, uint64_t start_ts,
                        Kvrpcpb__KeyError **kerr, duet_err_t *err)
{
    *kerr = NULL;
    kv_lock_t lock;
    int rc = kv_mvcc_load_lock(t, key, &lock, err);
    if (rc < 0)
        return -1;
    duet_buf_t enc = DUET_BUF_INIT;
    kv_key_encode(&enc, key.data, key.len);
    ProtobufCBinaryData none = {0, NULL};
    if (rc == 1 && lock.start_ts == start_ts) {
        rocksdb_writebatch_delete_cf(txn_wb(t), eng(t)->cf[KV_CF_LOCK], enc.data, enc.len);
        if (lock.type == 'P' && !lock.has_value)
            delete_value(t, &enc, start_ts);
        put_write(t, &enc, start_ts, 'R', start_ts, false, none);
        duet_buf_free(&enc);
        return 0;
    }
    uint64_t cts;
    kv_write_t w;
    rc = find_commit(t, key, start_ts, &cts, &w, err);
    if (rc == 1 && w.type != 'R') {
        *kerr = key_error(t->arena);
        Kvrpcpb__Committed *c = duet_arena_alloc(t->arena, sizeof(*c));
        kvrpcpb__committed__init(c);
        c->key = key;
        c->commit_ts = cts;
        (*kerr)->committed = c;
    } else if (rc == 0) {
        /* Nothing here yet: the rollback record refuses a prewrite that arrives late. */
        put_write(t, &enc, start_ts, 'R', start_ts, false, none);
    }
    duet_buf_free(&enc);
    return rc < 0 ? -1 : 0;
}

int kv_mvcc_rollback(kv_txn_t *t, ProtobufCBinaryData key, uint64_t start_ts,
                     Kvrpcpb__KeyError **kerr, duet_err_t *err)
{
    return rollback_key(t, key, start_ts, kerr, err);
}

int kv_mvcc_check_txn_status(kv_txn_t *t, const Kvrpcpb__CheckTxnStatusRequest *req,
                             Kvrpcpb__CheckTxnStatusResponse *out, duet_err_t *err)
{
    kv_lock_t lock;
    Kvrpcpb__KeyError *kerr = NULL;
    int rc = kv_mvcc_load_lock(t, req->primary_key, &lock, err);
    if (rc < 0)
        return -1;
    if (rc == 1 && lock.start_ts == req->lock_ts) {
        if (TS_PHYSICAL(req->current_ts) >= TS_PHYSICAL(lock.start_ts) + lock.ttl) {
            if (rollback_key(t, req->primary_key, req->lock_ts, &kerr, err) != 0)
                return -1;
            out->error = kerr;
            out->action = KVRPCPB__ACTION__TTLExpireRollback;
            return 0;
        }
        out->lock_ttl = lock.ttl ? lock.ttl : 1;
        out->lock_info = kv_lock_info(t->arena, req->primary_key, &lock);
        out->action = KVRPCPB__ACTION__NoAction;
        return 0;
    }
    uint64_t cts;
    kv_write_t w;
    rc = find_commit(t, req->primary_key, req->lock_ts, &cts, &w, err);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        if (w.type != 'R')
            out->commit_version = cts;
        out->action = KVRPCPB__ACTION__NoAction;
        return 0;
    }
    if (req->rollback_if_not_exist) {
        if (rollback_key(t, req->primary_key, req->lock_ts, &kerr, err) != 0)
            return -1;
        out->error = kerr;
        out->action = KVRPCPB__ACTION__LockNotExistRollback;
        return 0;
    }
    out->error = key_error(t->arena);
    Kvrpcpb__TxnNotFound *nf = duet_arena_alloc(t->arena, sizeof(*nf));
    kvrpcpb__txn_not_found__init(nf);
    nf->start_ts = req->lock_ts;
    nf->primary_key = req->primary_key;
    out->error->txn_not_found = nf;
    return 0;
}

int kv_mvcc_txn_heartbeat(kv_txn_t *t, ProtobufCBinaryData primary, uint64_t start_ts,
                          uint64_t advise_ttl, uint64_t *ttl, Kvrpcpb__KeyError **kerr,
                          duet_err_t *err)
{
    *kerr = NULL;
    *ttl = 0;
    kv_lock_t lock;
    int rc = kv_mvcc_load_lock(t, primary, &lock, err);
    if (rc < 0)
        return -1;
    if (rc == 0 || lock.start_ts != start_ts) {
        *kerr = key_error(t->arena);
        Kvrpcpb__TxnNotFound *nf = duet_arena_alloc(t->arena, sizeof(*nf));
        kvrpcpb__txn_not_found__init(nf);
        nf->start_ts = start_ts;
        nf->primary_key = primary;
        (*kerr)->txn_not_found = nf;
        return 0;
    }
    if (advise_ttl > lock.ttl) {
        lock.ttl = advise_ttl;
        duet_buf_t v = DUET_BUF_INIT;
        lock_encode(&v, &lock);
        rocksdb_writebatch_put_cf(txn_wb(t), eng(t)->cf[KV_CF_LOCK], t->k2.data, t->k2.len, v.data,
                                  v.len);
        duet_buf_free(&v);
    }
    *ttl = lock.ttl;
    return 0;
}

int kv_mvcc_locks_in_range(kv_txn_t *t, ProtobufCBinaryData start, ProtobufCBinaryData end,
                           uint64_t start_ts, size_t limit, ProtobufCBinaryData **keys, size_t *n,
                           duet_err_t *err)
{
    *keys = NULL;
    *n = 0;
    duet_buf_t es = DUET_BUF_INIT, ee = DUET_BUF_INIT, raw = DUET_BUF_INIT;
    kv_key_encode(&es, start.data, start.len);
    if (end.len)
        kv_key_encode(&ee, end.data, end.len);
    rocksdb_iterator_t *li = kv_snap_iter(&t->snap, KV_CF_LOCK);
    size_t cap = 0;
    int rc = 0;
    for (rocksdb_iter_seek(li, es.data, es.len); rocksdb_iter_valid(li); rocksdb_iter_next(li)) {
        if (limit && *n >= limit)
            break;
        size_t kl, vl;
        const uint8_t *k = (const uint8_t *)rocksdb_iter_key(li, &kl);
        if (end.len && bytes_cmp(k, kl, (const uint8_t *)ee.data, ee.len) >= 0)
            break;
        const uint8_t *v = (const uint8_t *)rocksdb_iter_value(li, &vl);
        kv_lock_t lock;
        if (lock_decode(v, vl, t->arena, &lock) != 0 || kv_key_decode(k, kl, &raw) < 0) {
            rc = duet_err_set(err, ER_GENERIC, "kv: corrupt lock record");
            break;
        }
        if (start_ts && lock.start_ts != start_ts)
            continue;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            *keys =
                duet_arena_realloc(t->arena, *keys, cap * sizeof(**keys), ncap * sizeof(**keys));
            cap = ncap;
        }
        (*keys)[(*n)++] = arena_bytes(t->arena, raw.data, raw.len);
    }
    if (rc == 0)
        rc = iter_status(li, err);
    rocksdb_iter_destroy(li);
    duet_buf_free(&es);
    duet_buf_free(&ee);
    duet_buf_free(&raw);
    return rc;
}

long kv_mvcc_gc_range(kv_engine_t *e, ProtobufCBinaryData start, ProtobufCBinaryData end,
                      uint64_t safe_point, duet_err_t *err)
{
    kv_snap_t snap;
    kv_snap_open(&snap, e, true);
    duet_buf_t es = DUET_BUF_INIT, ee = DUET_BUF_INIT, cur = DUET_BUF_INIT, dk = DUET_BUF_INIT;
    kv_key_encode(&es, start.data, start.len);
    if (end.len)
        kv_key_encode(&ee, end.data, end.len);
    rocksdb_iterator_t *it = kv_snap_iter(&snap, KV_CF_WRITE);
    rocksdb_writebatch_t *wb = rocksdb_writebatch_create();
    long removed = 0;
    bool kept = false; /* the current key's newest version at or below safe_point was seen */
    int rc = 0;
    for (rocksdb_iter_seek(it, es.data, es.len); rocksdb_iter_valid(it); rocksdb_iter_next(it)) {
        size_t kl, vl;
        const uint8_t *k = (const uint8_t *)rocksdb_iter_key(it, &kl);
        if (kl < 8 || (end.len && bytes_cmp(k, kl - 8, (const uint8_t *)ee.data, ee.len) >= 0))
            break;
        if (bytes_cmp(k, kl - 8, (const uint8_t *)cur.data, cur.len) != 0) {
            duet_buf_reset(&cur);
            duet_buf_append(&cur, k, kl - 8);
            kept = false;
        }
        uint64_t cts = key_ts(k + kl - 8);
        if (cts > safe_point)
            continue;
        kv_write_t w;
        const uint8_t *v = (const uint8_t *)rocksdb_iter_value(it, &vl);
        if (write_decode(v, vl, NULL, &w) != 0) {
            rc = duet_err_set(err, ER_GENERIC, "kv: corrupt write record");
            break;
        }
        if (!kept && w.type == 'P') {
            kept = true; /* the version readers at safe_point see */
            continue;
        }
        if (!kept && w.type == 'D')
            kept = true; /* deleted as of safe_point: it and everything older go */
        rocksdb_writebatch_delete_cf(wb, e->cf[KV_CF_WRITE], (const char *)k, kl);
        if (w.type == 'P' && !w.has_value) {
            duet_buf_reset(&dk);
            duet_buf_append(&dk, k, kl - 8);
            kv_key_append_ts(&dk, w.start_ts);
            rocksdb_writebatch_delete_cf(wb, e->cf[KV_CF_DEFAULT], dk.data, dk.len);
        }
        removed++;
        if (rocksdb_writebatch_count(wb) >= GC_BATCH_OPS) {
            if (kv_engine_write(e, wb, err) != 0) {
                rc = -1;
                break;
            }
            rocksdb_writebatch_clear(wb);
        }
    }
    if (rc == 0)
        rc = iter_status(it, err);
    if (rc == 0)
        rc = kv_engine_write(e, wb, err);
    rocksdb_writebatch_destroy(wb);
    rocksdb_iter_destroy(it);
    kv_snap_close(&snap);
    duet_buf_free(&es);
    duet_buf_free(&ee);
    duet_buf_free(&cur);
    duet_buf_free(&dk);
    return rc == 0 ? removed : -1;
}

int kv_mvcc_delete_range(kv_engine_t *e, ProtobufCBinaryData start, ProtobufCBinaryData end,
                         duet_err_t *err)
{
    /* enc() keeps order and no encoding is a prefix of another, so [enc(start), enc(end)) holds
     * exactly the keys in range together with all their versions. */
    duet_buf_t es = DUET_BUF_INIT, ee = DUET_BUF_INIT;
    kv_key_encode(&es, start.data, start.len);
    if (end.len)
        kv_key_encode(&ee, end.data, end.len);
    rocksdb_writebatch_t *wb = rocksdb_writebatch_create();
    for (int cf = KV_CF_DEFAULT; cf <= KV_CF_WRITE; cf++) {
        if (end.len) {
            rocksdb_writebatch_delete_range_cf(wb, e->cf[cf], es.data, es.len, ee.data, ee.len);
            continue;
        }
        /* No upper bound: up to the last key, which goes by itself. */
        kv_snap_t snap;
        kv_snap_open(&snap, e, false);
        rocksdb_iterator_t *it = kv_snap_iter(&snap, (kv_cf_t)cf);
        rocksdb_iter_seek_to_last(it);
        size_t kl;
        if (rocksdb_iter_valid(it)) {
            const char *k = rocksdb_iter_key(it, &kl);
            if (bytes_cmp((const uint8_t *)k, kl, (const uint8_t *)es.data, es.len) >= 0) {
                rocksdb_writebatch_delete_range_cf(wb, e->cf[cf], es.data, es.len, k, kl);
                rocksdb_writebatch_delete_cf(wb, e->cf[cf], k, kl);
            }
        }
        rocksdb_iter_destroy(it);
        kv_snap_close(&snap);
    }
    int rc = kv_engine_write(e, wb, err);
    rocksdb_writebatch_destroy(wb);
    duet_buf_free(&es);
    duet_buf_free(&ee);
    return rc;
}
