/* test_percolator.c - MVCC visibility and every Percolator path of store/kv, through the
 * in-process rpc transport: conflicts, rollbacks, TTL expiry, lock resolution, idempotence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kvtest.h"

static int setup(void **state)
{
    *state = kvt_create(0, false);
    return 0;
}

static int teardown(void **state)
{
    kvt_destroy(*state);
    return 0;
}

static int enc_cmp(const duet_buf_t *a, const duet_buf_t *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->data, b->data, n);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

static void test_mvcc_key_order(void **state)
{
    (void)state;
    /* Keys of every length around the 8-byte groups, with zero and 0xFF bytes. */
    const char *keys[] = {"",
                          "\x00",
                          "a",
                          "a\x00",
                          "a\x00\x00",
                          "ab",
                          "abcdefg",
                          "abcdefgh",
                          "abcdefgh\x00",
                          "abcdefghi",
                          "b",
                          "\xff",
                          "\xff\xff\xff\xff\xff\xff\xff\xff\xff"};
    size_t lens[] = {0, 1, 1, 2, 3, 2, 7, 8, 9, 9, 1, 1, 9};
    const uint64_t ts[] = {0, 1, 1000, (uint64_t)1 << 40, UINT64_MAX - 1};
    size_t nk = sizeof(lens) / sizeof(lens[0]), nt = sizeof(ts) / sizeof(ts[0]);
    duet_buf_t a = DUET_BUF_INIT, b = DUET_BUF_INIT, raw = DUET_BUF_INIT;
    for (size_t i = 0; i < nk; i++) {
        duet_buf_reset(&a);
        kv_key_encode(&a, keys[i], lens[i]);
        assert_int_equal(kv_key_decode((const uint8_t *)a.data, a.len, &raw), (int)a.len);
        assert_int_equal(raw.len, lens[i]);
        if (lens[i])
            assert_memory_equal(raw.data, keys[i], lens[i]);
        for (size_t j = 0; j < nk; j++) {
            for (size_t x = 0; x < nt; x++) {
                for (size_t y = 0; y < nt; y++) {
                    duet_buf_reset(&a);
                    duet_buf_reset(&b);
                    kv_key_encode(&a, keys[i], lens[i]);
                    kv_key_append_ts(&a, ts[x]);
                    kv_key_encode(&b, keys[j], lens[j]);
                    kv_key_append_ts(&b, ts[y]);
                    int want = i != j ? (i < j ? -1 : 1) : (ts[x] > ts[y] ? -1 : ts[x] < ts[y]);
                    int got = enc_cmp(&a, &b);
                    got = (got > 0) - (got < 0);
                    if (got != want)
                        fail_msg("keys %zu@%llu vs %zu@%llu: %d, want %d", i,
                                 (unsigned long long)ts[x], j, (unsigned long long)ts[y], got,
                                 want);
                }
            }
        }
    }
    /* Truncated or malformed encodings are refused. */
    duet_buf_reset(&a);
    kv_key_encode(&a, "abcdefghij", 10);
    assert_int_equal(kv_key_decode((const uint8_t *)a.data, a.len - 1, &raw), -1);
    assert_int_equal(kv_key_decode((const uint8_t *)"abcdefgh\x01", 9, &raw), -1);
    duet_buf_free(&a);
    duet_buf_free(&b);
    duet_buf_free(&raw);
}

static void test_mvcc_visibility(void **state)
{
    kvt_t *f = *state;
    kvt_put(f, "k", "v1", 10, 20);
    kvt_put(f, "k", "v2", 30, 40);
    assert_null(kvt_prewrite(f, "k", NULL, "k", 50, 3000));
    assert_null(kvt_commit(f, "k", 50, 60));
    assert_string_equal(kvt_get(f, "k", 19), KVT_NOT_FOUND);
    assert_string_equal(kvt_get(f, "k", 20), "v1");
    assert_string_equal(kvt_get(f, "k", 39), "v1");
    assert_string_equal(kvt_get(f, "k", 40), "v2");
    assert_string_equal(kvt_get(f, "k", 59), "v2");
    assert_string_equal(kvt_get(f, "k", 60), KVT_NOT_FOUND);
    assert_string_equal(kvt_get(f, "k", UINT64_MAX), KVT_NOT_FOUND);
    /* A key that is a prefix of another, and one with a zero byte, keep their own versions. */
    kvt_put(f, "ka", "a", 70, 80);
    assert_string_equal(kvt_get(f, "ka", 80), "a");
    assert_string_equal(kvt_get(f, "k", 80), KVT_NOT_FOUND);

    /* A value too long to sit in the write record lives in the default column family. */
    char big[1000];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    kvt_put(f, "big", big, 90, 100);
    assert_string_equal(kvt_get(f, "big", 100), big);
    assert_string_equal(kvt_get(f, "big", 99), KVT_NOT_FOUND);
}

static Kvrpcpb__ScanResponse *scan(kvt_t *f, const char *start, const char *end, uint32_t limit,
                                   uint64_t ts, bool reverse, bool key_only)
{
    Kvrpcpb__ScanRequest s = KVRPCPB__SCAN_REQUEST__INIT;
    s.context = kvt_ctx(f, start);
    s.start_key = kvt_bytes(start);
    s.end_key = kvt_bytes(end);
    s.limit = limit;
    s.version = ts;
    s.reverse = reverse;
    s.key_only = key_only;
    Kvrpcpb__ScanResponse *r = kvt_call(f, "KvScan", &s.base);
    assert_null(r->region_error);
    return r;
}

/* pairs_str: "k=v k=v ..." with "k=<locked>" for pairs carrying a lock. */
static const char *pairs_str(kvt_t *f, Kvrpcpb__ScanResponse *r)
{
    duet_buf_t b = DUET_BUF_INIT;
    for (size_t i = 0; i < r->n_pairs; i++) {
        Kvrpcpb__KvPair *p = r->pairs[i];
        duet_buf_printf(&b, "%s%.*s=", i ? " " : "", (int)p->key.len, (const char *)p->key.data);
        if (p->error)
            duet_buf_puts(&b, "<locked>");
        else
            duet_buf_append(&b, p->value.data, p->value.len);
    }
    const char *s = duet_arena_strdup(f->arena, b.data ? b.data : "");
    duet_buf_free(&b);
    return s;
}

static void test_scan(void **state)
{
    kvt_t *f = *state;
    kvt_put(f, "a", "1", 10, 11);
    kvt_put(f, "b", "2", 10, 12);
    kvt_put(f, "c", "3", 20, 21);
    kvt_put(f, "d", "4", 10, 13);
    assert_null(kvt_prewrite(f, "d", NULL, "d", 30, 3000));
    assert_null(kvt_commit(f, "d", 30, 31));
    kvt_put(f, "e", "5", 40, 41);
    assert_string_equal(pairs_str(f, scan(f, "", "", 0, 15, false, false)), "a=1 b=2 d=4");
    assert_string_equal(pairs_str(f, scan(f, "", "", 0, 100, false, false)), "a=1 b=2 c=3 e=5");
    assert_string_equal(pairs_str(f, scan(f, "b", "e", 0, 100, false, false)), "b=2 c=3");
    assert_string_equal(pairs_str(f, scan(f, "a", "", 2, 100, false, false)), "a=1 b=2");
    assert_string_equal(pairs_str(f, scan(f, "", "", 0, 100, true, false)), "e=5 c=3 b=2 a=1");
    assert_string_equal(pairs_str(f, scan(f, "b", "e", 0, 100, true, false)), "c=3 b=2");
    assert_string_equal(pairs_str(f, scan(f, "", "", 0, 100, false, true)), "a= b= c= e=");
    /* A pending lock on a new key and on an existing one: both reported, in order. */
    assert_null(kvt_prewrite(f, "bb", "x", "bb", 50, 3000));
    assert_null(kvt_prewrite(f, "c", "y", "bb", 50, 3000));
    assert_string_equal(pairs_str(f, scan(f, "", "", 0, 100, false, false)),
                        "a=1 b=2 bb=<locked> c=<locked> e=5");
    assert_string_equal(pairs_str(f, scan(f, "", "", 0, 100, true, false)),
                        "e=5 c=<locked> bb=<locked> b=2 a=1");
    /* Below the lock's start_ts the lock does not matter. */
    assert_string_equal(pairs_str(f, scan(f, "", "", 0, 49, false, false)), "a=1 b=2 c=3 e=5");

    /* BatchGet: found keys, locked keys, missing keys left out. */
    ProtobufCBinaryData keys[4] = {kvt_bytes("a"), kvt_bytes("c"), kvt_bytes("zz"), kvt_bytes("e")};
    Kvrpcpb__BatchGetRequest bg = KVRPCPB__BATCH_GET_REQUEST__INIT;
    bg.context = kvt_ctx(f, "a");
    bg.keys = keys;
    bg.n_keys = 4;
    bg.version = 100;
    Kvrpcpb__BatchGetResponse *br = kvt_call(f, "KvBatchGet", &bg.base);
    assert_int_equal(br->n_pairs, 3);
    assert_memory_equal(br->pairs[0]->value.data, "1", 1);
    assert_non_null(br->pairs[1]->error);
    assert_int_equal(br->pairs[1]->error->locked->lock_version, 50);
    assert_memory_equal(br->pairs[2]->key.data, "e", 1);
}

static void test_lock_conflict(void **state)
{
    kvt_t *f = *state;
    kvt_put(f, "k", "old", 10, 20);
    assert_null(kvt_prewrite(f, "k", "new", "pk", 100, 3000));
    /* A second transaction meets the lock and learns who holds it. */
    Kvrpcpb__KeyError *ke = kvt_prewrite(f, "k", "other", "k", 110, 3000);
    assert_non_null(ke);
    assert_non_null(ke->locked);
    assert_int_equal(ke->locked->lock_version, 100);
    assert_int_equal(ke->locked->primary_lock.len, 2);
    assert_memory_equal(ke->locked->primary_lock.data, "pk", 2);
    assert_int_equal(ke->locked->lock_ttl, 3000);
    assert_int_equal(ke->locked->lock_type, KVRPCPB__OP__Put);
    /* Readers after the lock's start_ts are blocked; earlier readers are not. */
    assert_string_equal(kvt_get(f, "k", 105), KVT_LOCKED);
    assert_string_equal(kvt_get(f, "k", 99), "old");
    /* A repeated prewrite by the owner is accepted. */
    assert_null(kvt_prewrite(f, "k", "new", "pk", 100, 3000));
    assert_null(kvt_commit(f, "k", 100, 120));
    assert_string_equal(kvt_get(f, "k", 120), "new");
    /* A 'Lock' lock (SELECT FOR UPDATE) does not block readers. */
    assert_null(kvt_prewrite_op(f, KVRPCPB__OP__Lock, "k", NULL, "k", 130, 3000));
    assert_string_equal(kvt_get(f, "k", 140), "new");
    assert_null(kvt_commit(f, "k", 130, 150));
    assert_string_equal(kvt_get(f, "k", 160), "new");
}

static void test_write_conflict(void **state)
{
    kvt_t *f = *state;
    kvt_put(f, "k", "v", 100, 120);
    Kvrpcpb__KeyError *ke = kvt_prewrite(f, "k", "late", "p", 110, 3000);
    assert_non_null(ke);
    assert_non_null(ke->conflict);
    assert_int_equal(ke->conflict->start_ts, 110);
    assert_int_equal(ke->conflict->conflict_ts, 100);
    assert_int_equal(ke->conflict->conflict_commit_ts, 120);
    assert_memory_equal(ke->conflict->key.data, "k", 1);
    assert_memory_equal(ke->conflict->primary.data, "p", 1);
    /* The refused prewrite left nothing behind. */
    assert_string_equal(kvt_get(f, "k", 200), "v");
    /* A transaction that started after the commit goes through. */
    assert_null(kvt_prewrite(f, "k", "w", "k", 130, 3000));
    assert_null(kvt_commit(f, "k", 130, 140));
    /* Another transaction's rollback record is not a conflict. */
    assert_null(kvt_rollback(f, "k", 150));
    assert_null(kvt_prewrite(f, "k", "z", "k", 145, 3000));
    assert_null(kvt_commit(f, "k", 145, 160));
    assert_string_equal(kvt_get(f, "k", 160), "z");

    /* A batch with one refused key writes none of them. */
    Kvrpcpb__Mutation m1 = KVRPCPB__MUTATION__INIT, m2 = KVRPCPB__MUTATION__INIT;
    Kvrpcpb__Mutation *ms[2] = {&m1, &m2};
    m1.key = kvt_bytes("fresh");
    m1.value = kvt_bytes("1");
    m2.key = kvt_bytes("k");
    m2.value = kvt_bytes("2");
    Kvrpcpb__PrewriteRequest p = KVRPCPB__PREWRITE_REQUEST__INIT;
    p.context = kvt_ctx(f, "fresh");
    p.mutations = ms;
    p.n_mutations = 2;
    p.primary_lock = kvt_bytes("fresh");
    p.start_version = 155;
    p.lock_ttl = 3000;
    Kvrpcpb__PrewriteResponse *r = kvt_call(f, "KvPrewrite", &p.base);
    assert_int_equal(r->n_errors, 1);
    assert_non_null(r->errors[0]->conflict);
    assert_string_equal(kvt_get(f, "fresh", 1000), KVT_NOT_FOUND);
}

static void test_rollback_then_late_prewrite(void **state)
{
    kvt_t *f = *state;
    /* Rolled back before its prewrite arrived: the prewrite is refused. */
    assert_null(kvt_rollback(f, "k", 200));
    Kvrpcpb__KeyError *ke = kvt_prewrite(f, "k", "late", "k", 200, 3000);
    assert_non_null(ke);
    assert_non_null(ke->conflict);
    assert_string_equal(kvt_get(f, "k", 1000), KVT_NOT_FOUND);
    /* A rollback of a prewritten key removes the lock and its (large) value. */
    char big[600];
    memset(big, 'b', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_null(kvt_prewrite(f, "k", big, "k", 210, 3000));
    assert_null(kvt_rollback(f, "k", 210));
    assert_null(kvt_rollback(f, "k", 210)); /* repeated: fine */
    assert_string_equal(kvt_get(f, "k", 1000), KVT_NOT_FOUND);
    ke = kvt_commit(f, "k", 210, 220);
    assert_non_null(ke);
    assert_non_null(ke->txn_lock_not_found);
    /* Rolling back a committed transaction is refused with its commit_ts. */
    kvt_put(f, "c", "v", 300, 310);
    ke = kvt_rollback(f, "c", 300);
    assert_non_null(ke);
    assert_non_null(ke->committed);
    assert_int_equal(ke->committed->commit_ts, 310);
    assert_string_equal(kvt_get(f, "c", 310), "v");
}

static void test_idempotent_commit(void **state)
{
    kvt_t *f = *state;
    assert_null(kvt_prewrite(f, "k", "v", "k", 100, 3000));
    assert_null(kvt_commit(f, "k", 100, 110));
    assert_null(kvt_commit(f, "k", 100, 110));
    assert_null(kvt_commit(f, "k", 100, 110));
    /* A duplicate prewrite after the commit does not lock the key again. */
    assert_null(kvt_prewrite(f, "k", "v", "k", 100, 3000));
    assert_string_equal(kvt_get(f, "k", 200), "v");
    /* Commit of a transaction that never prewrote. */
    Kvrpcpb__KeyError *ke = kvt_commit(f, "k", 105, 115);
    assert_non_null(ke);
    assert_non_null(ke->txn_lock_not_found);
    ke = kvt_commit(f, "nothing", 105, 115);
    assert_non_null(ke);
    assert_non_null(ke->txn_lock_not_found);
    /* commit_ts must be after start_ts. */
    assert_null(kvt_prewrite(f, "j", "v", "j", 300, 3000));
    ke = kvt_commit(f, "j", 300, 300);
    assert_non_null(ke);
    assert_non_null(ke->abort);
}

static Kvrpcpb__CheckTxnStatusResponse *check(kvt_t *f, const char *primary, uint64_t lock_ts,
                                              uint64_t now, bool rollback_if_not_exist)
{
    Kvrpcpb__CheckTxnStatusRequest c = KVRPCPB__CHECK_TXN_STATUS_REQUEST__INIT;
    c.context = kvt_ctx(f, primary);
    c.primary_key = kvt_bytes(primary);
    c.lock_ts = lock_ts;
    c.caller_start_ts = now;
    c.current_ts = now;
    c.rollback_if_not_exist = rollback_if_not_exist;
    Kvrpcpb__CheckTxnStatusResponse *r = kvt_call(f, "KvCheckTxnStatus", &c.base);
    assert_null(r->region_error);
    return r;
}

static void resolve(kvt_t *f, const char *region_key, uint64_t start_ts, uint64_t commit_ts)
{
    Kvrpcpb__ResolveLockRequest r = KVRPCPB__RESOLVE_LOCK_REQUEST__INIT;
    r.context = kvt_ctx(f, region_key);
    r.start_version = start_ts;
    r.commit_version = commit_ts;
    Kvrpcpb__ResolveLockResponse *out = kvt_call(f, "KvResolveLock", &r.base);
    assert_null(out->region_error);
    assert_null(out->error);
}

static void test_ttl_expiry(void **state)
{
    kvt_t *f = *state;
    uint64_t start = PD_TS(1000000, 0);
    kvt_put(f, "s", "before", PD_TS(900000, 0), PD_TS(900000, 5));
    assert_null(kvt_prewrite(f, "p", "P", "p", start, 3000));
    assert_null(kvt_prewrite(f, "s", "S", "p", start, 3000));
    /* Within the TTL: still locked, with its lock. */
    Kvrpcpb__CheckTxnStatusResponse *r = check(f, "p", start, PD_TS(1002000, 0), false);
    assert_null(r->error);
    assert_int_equal(r->lock_ttl, 3000);
    assert_int_equal(r->commit_version, 0);
    assert_int_equal(r->action, KVRPCPB__ACTION__NoAction);
    assert_non_null(r->lock_info);
    assert_int_equal(r->lock_info->lock_version, start);
    /* Past the TTL: the primary is rolled back. */
    r = check(f, "p", start, PD_TS(1003000, 0), false);
    assert_null(r->error);
    assert_int_equal(r->lock_ttl, 0);
    assert_int_equal(r->commit_version, 0);
    assert_int_equal(r->action, KVRPCPB__ACTION__TTLExpireRollback);
    /* The crashed writer cannot commit any more. */
    Kvrpcpb__KeyError *ke = kvt_commit(f, "p", start, PD_TS(1003001, 0));
    assert_non_null(ke);
    assert_non_null(ke->txn_lock_not_found);
    /* Asked again: rolled back (no lock, no commit). */
    r = check(f, "p", start, PD_TS(1004000, 0), false);
    assert_int_equal(r->lock_ttl, 0);
    assert_int_equal(r->commit_version, 0);
    /* A reader resolves the secondary as rolled back and then sees the old value. */
    assert_string_equal(kvt_get(f, "s", PD_TS(1004000, 0)), KVT_LOCKED);
    resolve(f, "s", start, 0);
    assert_string_equal(kvt_get(f, "s", PD_TS(1004000, 0)), "before");
    assert_string_equal(kvt_get(f, "p", PD_TS(1004000, 0)), KVT_NOT_FOUND);
}

static Kvrpcpb__TxnHeartBeatResponse *heartbeat(kvt_t *f, const char *primary, uint64_t start,
                                                uint64_t ttl)
{
    Kvrpcpb__TxnHeartBeatRequest h = KVRPCPB__TXN_HEART_BEAT_REQUEST__INIT;
    h.context = kvt_ctx(f, primary);
    h.primary_lock = kvt_bytes(primary);
    h.start_version = start;
    h.advise_lock_ttl = ttl;
    Kvrpcpb__TxnHeartBeatResponse *r = kvt_call(f, "KvTxnHeartBeat", &h.base);
    assert_null(r->region_error);
    return r;
}

static void test_txn_heartbeat(void **state)
{
    kvt_t *f = *state;
    uint64_t start = PD_TS(1000000, 0);
    assert_null(kvt_prewrite(f, "p", "P", "p", start, 3000));
    /* Raised: the lock outlives its first TTL. */
    Kvrpcpb__TxnHeartBeatResponse *r = heartbeat(f, "p", start, 10000);
    assert_null(r->error);
    assert_int_equal(r->lock_ttl, 10000);
    Kvrpcpb__CheckTxnStatusResponse *st = check(f, "p", start, PD_TS(1005000, 0), false);
    assert_int_equal(st->lock_ttl, 10000);
    assert_int_equal(st->action, KVRPCPB__ACTION__NoAction);
    /* A shorter advice never shortens it. */
    r = heartbeat(f, "p", start, 5000);
    assert_int_equal(r->lock_ttl, 10000);
    /* Past the raised TTL it expires as usual; then the heartbeat finds nothing. */
    st = check(f, "p", start, PD_TS(1010000, 0), false);
    assert_int_equal(st->action, KVRPCPB__ACTION__TTLExpireRollback);
    r = heartbeat(f, "p", start, 20000);
    assert_non_null(r->error);
    assert_non_null(r->error->txn_not_found);
    assert_int_equal(r->lock_ttl, 0);
}

static void test_resolve_committed(void **state)
{
    kvt_t *f = *state;
    assert_null(kvt_prewrite(f, "p", "P", "p", 100, 3000));
    assert_null(kvt_prewrite(f, "s1", "S1", "p", 100, 3000));
    assert_null(kvt_prewrite(f, "s2", "S2", "p", 100, 3000));
    assert_null(kvt_commit(f, "p", 100, 110));
    /* The writer died after committing the primary. A reader meets a secondary's lock. */
    assert_string_equal(kvt_get(f, "s1", 200), KVT_LOCKED);
    Kvrpcpb__CheckTxnStatusResponse *r = check(f, "p", 100, 200, false);
    assert_int_equal(r->commit_version, 110);
    assert_int_equal(r->lock_ttl, 0);
    resolve(f, "s1", 100, r->commit_version);
    assert_string_equal(kvt_get(f, "s1", 200), "S1");
    assert_string_equal(kvt_get(f, "s2", 200), "S2");
    assert_string_equal(kvt_get(f, "s2", 109), KVT_NOT_FOUND);
    /* Resolving again is harmless. */
    resolve(f, "s1", 100, 110);
    assert_string_equal(kvt_get(f, "s2", 200), "S2");
}

static void test_txn_not_found(void **state)
{
    kvt_t *f = *state;
    Kvrpcpb__CheckTxnStatusResponse *r = check(f, "p", 100, 200, false);
    assert_non_null(r->error);
    assert_non_null(r->error->txn_not_found);
    assert_int_equal(r->error->txn_not_found->start_ts, 100);
    r = check(f, "p", 100, 200, true);
    assert_null(r->error);
    assert_int_equal(r->action, KVRPCPB__ACTION__LockNotExistRollback);
    /* The primary's prewrite arrives after the rollback: refused. */
    Kvrpcpb__KeyError *ke = kvt_prewrite(f, "p", "P", "p", 100, 3000);
    assert_non_null(ke);
    assert_non_null(ke->conflict);
}

static void test_insert_already_exist(void **state)
{
    kvt_t *f = *state;
    kvt_put(f, "k", "v", 10, 20);
    Kvrpcpb__KeyError *ke = kvt_prewrite_op(f, KVRPCPB__OP__Insert, "k", "w", "k", 30, 3000);
    assert_non_null(ke);
    assert_non_null(ke->already_exist);
    assert_memory_equal(ke->already_exist->key.data, "k", 1);
    ke = kvt_prewrite_op(f, KVRPCPB__OP__CheckNotExists, "k", NULL, "k", 30, 3000);
    assert_non_null(ke);
    assert_non_null(ke->already_exist);
    /* After a delete the key may be inserted again. */
    assert_null(kvt_prewrite(f, "k", NULL, "k", 40, 3000));
    assert_null(kvt_commit(f, "k", 40, 50));
    assert_null(kvt_prewrite_op(f, KVRPCPB__OP__Insert, "k", "w", "k", 60, 3000));
    assert_null(kvt_commit(f, "k", 60, 70));
    assert_string_equal(kvt_get(f, "k", 70), "w");
    /* CheckNotExists on a missing key locks nothing. */
    assert_null(kvt_prewrite_op(f, KVRPCPB__OP__CheckNotExists, "n", NULL, "n", 80, 3000));
    assert_string_equal(kvt_get(f, "n", 90), KVT_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mvcc_key_order),
        cmocka_unit_test_setup_teardown(test_mvcc_visibility, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_then_late_prewrite, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotent_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ttl_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_txn_heartbeat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolve_committed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_txn_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_already_exist, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
