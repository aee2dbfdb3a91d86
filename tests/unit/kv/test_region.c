/* test_region.c - store/kv regions, GC and durability: automatic splits by size, epoch and
 * range errors, requested splits, GC keeping what readers need, data surviving a restart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvtest.h"

static void key_of(char *buf, size_t n, int i)
{
    snprintf(buf, n, "t%05d", i);
}

static void test_auto_split(void **state)
{
    (void)state;
    kvt_t *f = kvt_create(8192, false);
    char key[32], val[128];
    Kvrpcpb__Context *first = kvt_ctx(f, "");
    for (int i = 0; i < 400; i++) {
        key_of(key, sizeof(key), i);
        snprintf(val, sizeof(val), "value-%05d-%0100d", i, 0);
        kvt_put(f, key, val, (uint64_t)(10 + 2 * i), (uint64_t)(11 + 2 * i));
    }
    size_t n = kv_node_region_count(f->kv);
    assert_true(n >= 4);
    assert_int_equal(pd_region_count(f->pd), (int)n);
    /* Every key is still readable through the region pd names for it. */
    for (int i = 0; i < 400; i++) {
        key_of(key, sizeof(key), i);
        snprintf(val, sizeof(val), "value-%05d-%0100d", i, 0);
        assert_string_equal(kvt_get(f, key, 10000), val);
    }
    /* The context from before the splits is stale. */
    Kvrpcpb__GetRequest g = KVRPCPB__GET_REQUEST__INIT;
    g.context = first;
    g.key = kvt_bytes("t00399");
    g.version = 10000;
    Kvrpcpb__GetResponse *r = kvt_call(f, "KvGet", &g.base);
    assert_non_null(r->region_error);
    assert_non_null(r->region_error->epoch_not_match);
    assert_true(r->region_error->epoch_not_match->n_current_regions >= 1);
    kvt_destroy(f);
}

static void test_region_errors(void **state)
{
    (void)state;
    kvt_t *f = kvt_create(0, false);
    kvt_put(f, "a", "1", 10, 11);
    kvt_put(f, "m", "2", 10, 12);
    kvt_put(f, "x", "3", 10, 13);
    Kvrpcpb__Context *old = kvt_ctx(f, "a");

    /* Split at "g" and "p" on request. */
    ProtobufCBinaryData keys[3] = {kvt_bytes("p"), kvt_bytes("g"), kvt_bytes("p")};
    Kvrpcpb__SplitRegionRequest s = KVRPCPB__SPLIT_REGION_REQUEST__INIT;
    s.context = old;
    s.split_keys = keys;
    s.n_split_keys = 3;
    Kvrpcpb__SplitRegionResponse *sr = kvt_call(f, "SplitRegion", &s.base);
    assert_null(sr->region_error);
    assert_int_equal(sr->n_regions, 3);
    assert_int_equal(sr->regions[0]->start_key.len, 0);
    assert_memory_equal(sr->regions[0]->end_key.data, "g", 1);
    assert_memory_equal(sr->regions[1]->start_key.data, "g", 1);
    assert_memory_equal(sr->regions[1]->end_key.data, "p", 1);
    assert_memory_equal(sr->regions[2]->start_key.data, "p", 1);
    assert_int_equal(sr->regions[2]->end_key.len, 0);
    /* The original region keeps the rightmost part; all parts moved to version 1 + 2. */
    assert_int_equal(sr->regions[2]->id, old->region_id);
    for (int i = 0; i < 3; i++)
        assert_int_equal(sr->regions[i]->region_epoch->version, 3);
    assert_int_equal(kv_node_region_count(f->kv), 3);
    assert_int_equal(pd_region_count(f->pd), 3);
    assert_int_equal(kvt_ctx(f, "h")->region_id, sr->regions[1]->id);
    assert_int_equal(kvt_ctx(f, "z")->region_id, old->region_id);

    /* EpochNotMatch for the old epoch, with the current regions. */
    Kvrpcpb__GetRequest g = KVRPCPB__GET_REQUEST__INIT;
    g.context = old;
    g.key = kvt_bytes("x");
    g.version = 100;
    Kvrpcpb__GetResponse *r = kvt_call(f, "KvGet", &g.base);
    assert_non_null(r->region_error);
    assert_non_null(r->region_error->epoch_not_match);
    assert_int_equal(r->region_error->epoch_not_match->n_current_regions, 2);

    /* KeyNotInRegion for a key outside the region's range. */
    g.context = kvt_ctx(f, "x");
    g.key = kvt_bytes("a");
    r = kvt_call(f, "KvGet", &g.base);
    assert_non_null(r->region_error);
    assert_non_null(r->region_error->key_not_in_region);
    assert_memory_equal(r->region_error->key_not_in_region->start_key.data, "p", 1);
    /* A prewrite with one key outside is refused as a whole. */
    Kvrpcpb__Mutation m1 = KVRPCPB__MUTATION__INIT, m2 = KVRPCPB__MUTATION__INIT;
    Kvrpcpb__Mutation *ms[2] = {&m1, &m2};
    m1.key = kvt_bytes("q");
    m2.key = kvt_bytes("b");
    Kvrpcpb__PrewriteRequest p = KVRPCPB__PREWRITE_REQUEST__INIT;
    p.context = kvt_ctx(f, "q");
    p.mutations = ms;
    p.n_mutations = 2;
    p.primary_lock = kvt_bytes("q");
    p.start_version = 50;
    Kvrpcpb__PrewriteResponse *pr = kvt_call(f, "KvPrewrite", &p.base);
    assert_non_null(pr->region_error);
    assert_non_null(pr->region_error->key_not_in_region);
    assert_string_equal(kvt_get(f, "q", 100), KVT_NOT_FOUND);

    /* RegionNotFound and NotLeader. */
    Kvrpcpb__Context bad = *kvt_ctx(f, "x");
    bad.region_id = 987654;
    g.context = &bad;
    g.key = kvt_bytes("x");
    r = kvt_call(f, "KvGet", &g.base);
    assert_non_null(r->region_error);
    assert_non_null(r->region_error->region_not_found);
    assert_int_equal(r->region_error->region_not_found->region_id, 987654);
    bad = *kvt_ctx(f, "x");
    Metapb__Peer other = METAPB__PEER__INIT;
    other.store_id = 99;
    bad.peer = &other;
    r = kvt_call(f, "KvGet", &g.base);
    assert_non_null(r->region_error);
    assert_non_null(r->region_error->not_leader);
    assert_int_equal(r->region_error->not_leader->leader->store_id, kv_node_store_id(f->kv));

    /* A scan stops at its region's end. */
    Kvrpcpb__ScanRequest sc = KVRPCPB__SCAN_REQUEST__INIT;
    sc.context = kvt_ctx(f, "a");
    sc.start_key = kvt_bytes("a");
    sc.version = 100;
    Kvrpcpb__ScanResponse *scr = kvt_call(f, "KvScan", &sc.base);
    assert_null(scr->region_error);
    assert_int_equal(scr->n_pairs, 1);
    /* A split key outside the region is refused. */
    s.context = kvt_ctx(f, "h");
    keys[0] = kvt_bytes("a");
    s.n_split_keys = 1;
    sr = kvt_call(f, "SplitRegion", &s.base);
    assert_non_null(sr->region_error);
    assert_non_null(sr->region_error->key_not_in_region);

    /* Regions and their epochs survive a restart, in the node and in pd. */
    kvt_restart(f);
    assert_int_equal(kv_node_region_count(f->kv), 3);
    assert_int_equal(pd_region_count(f->pd), 3);
    assert_string_equal(kvt_get(f, "a", 100), "1");
    assert_string_equal(kvt_get(f, "m", 100), "2");
    assert_string_equal(kvt_get(f, "x", 100), "3");
    kvt_destroy(f);
}

static void test_lost_split_report(void **state)
{
    (void)state;
    kvt_t *f = kvt_create(0, false);
    kvt_put(f, "a", "1", 10, 11);
    kvt_put(f, "x", "2", 10, 12);
    char cmd[700];
    snprintf(cmd, sizeof(cmd), "cp %s/pd/pd.state %s/pd.old", f->dir, f->dir);
    assert_int_equal(system(cmd), 0);
    ProtobufCBinaryData k = kvt_bytes("m");
    Kvrpcpb__SplitRegionRequest s = KVRPCPB__SPLIT_REGION_REQUEST__INIT;
    s.context = kvt_ctx(f, "a");
    s.split_keys = &k;
    s.n_split_keys = 1;
    assert_null(
        ((Kvrpcpb__SplitRegionResponse *)kvt_call(f, "SplitRegion", &s.base))->region_error);
    assert_int_equal(pd_region_count(f->pd), 2);
    /* pd comes back without the report (its state from before the split). */
    kv_node_close(f->kv);
    f->kv = NULL;
    snprintf(cmd, sizeof(cmd), "cp %s/pd.old %s/pd/pd.state", f->dir, f->dir);
    assert_int_equal(system(cmd), 0);
    kvt_restart(f);
    /* The node's heartbeats on start put the split into pd's map again. */
    assert_int_equal(pd_region_count(f->pd), 2);
    assert_int_equal(kvt_ctx(f, "a")->region_epoch->version, 2);
    assert_string_equal(kvt_get(f, "a", 100), "1");
    assert_string_equal(kvt_get(f, "x", 100), "2");
    kvt_destroy(f);
}

static void gc(kvt_t *f, uint64_t safe_point)
{
    Kvrpcpb__GCRequest g = KVRPCPB__GCREQUEST__INIT;
    g.context = kvt_ctx(f, "");
    g.safe_point = safe_point;
    Kvrpcpb__GCResponse *r = kvt_call(f, "KvGC", &g.base);
    assert_null(r->region_error);
    assert_null(r->error);
}

static void test_gc(void **state)
{
    (void)state;
    kvt_t *f = kvt_create(0, false);
    char big[400];
    memset(big, 'g', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    kvt_put(f, "a", "a10", 5, 10);
    kvt_put(f, "a", big, 15, 20);
    kvt_put(f, "a", "a30", 25, 30);
    assert_null(kvt_prewrite(f, "a", NULL, "a", 35, 3000));
    assert_null(kvt_commit(f, "a", 35, 40));
    kvt_put(f, "b", "b10", 5, 10);
    assert_null(kvt_rollback(f, "b", 12));
    kvt_put(f, "b", "b20", 15, 20);
    kvt_put(f, "b", "b50", 45, 50);

    gc(f, 35);
    /* Readers at the safe point and later see exactly what they saw before. */
    assert_string_equal(kvt_get(f, "a", 35), "a30");
    assert_string_equal(kvt_get(f, "a", 40), KVT_NOT_FOUND);
    assert_string_equal(kvt_get(f, "b", 35), "b20");
    assert_string_equal(kvt_get(f, "b", 50), "b50");
    /* Older versions are gone. */
    assert_string_equal(kvt_get(f, "a", 25), KVT_NOT_FOUND);
    assert_string_equal(kvt_get(f, "b", 15), KVT_NOT_FOUND);
    /* Once the delete is below the safe point, the key disappears entirely. */
    duet_err_t err = {0};
    assert_int_equal(kv_node_gc(f->kv, 45, &err), 2); /* a@40 (delete), a@30 */
    assert_string_equal(kvt_get(f, "a", 1000), KVT_NOT_FOUND);
    assert_string_equal(kvt_get(f, "b", 45), "b20");
    assert_int_equal(kv_node_gc(f->kv, 45, &err), 0);
    assert_int_equal(kv_node_gc(f->kv, 1000, &err), 1); /* b@20 */
    assert_string_equal(kvt_get(f, "b", 1000), "b50");

    /* The safe point trails the timestamp by gc-life-time (10 minutes by default). */
    uint64_t now = PD_TS(2000000000, 7);
    assert_int_equal(kv_node_gc_safe_point(f->kv, now), PD_TS(2000000000 - 600000, 7));
    assert_int_equal(kv_node_gc_safe_point(f->kv, 5), 0);
    kvt_destroy(f);
}

static void test_gc_resolves_old_locks(void **state)
{
    (void)state;
    kvt_t *f = kvt_create(0, false);
    duet_err_t err = {0};
    /* T committed its primary, then died; the primary was overwritten twice since. */
    assert_null(kvt_prewrite(f, "p", "P", "p", 100, 3000));
    assert_null(kvt_prewrite(f, "s", "S", "p", 100, 3000));
    assert_null(kvt_commit(f, "p", 100, 110));
    kvt_put(f, "p", "P2", 120, 130);
    kvt_put(f, "p", "P3", 140, 150);
    /* U prewrote and died. */
    assert_null(kvt_prewrite(f, "q", "Q", "q", 300, 3000));
    assert_null(kvt_prewrite(f, "r", "R", "q", 300, 3000));
    /* V is younger than the safe point. */
    assert_null(kvt_prewrite(f, "z", "Z", "z", 500, 3000));
    assert_true(kv_node_gc(f->kv, 400, &err) >= 1);
    assert_string_equal(kvt_get(f, "s", 450), "S");
    assert_string_equal(kvt_get(f, "p", 450), "P3");
    assert_string_equal(kvt_get(f, "q", 450), KVT_NOT_FOUND);
    assert_string_equal(kvt_get(f, "r", 450), KVT_NOT_FOUND);
    assert_string_equal(kvt_get(f, "z", 600), KVT_LOCKED);
    /* U can no longer commit. */
    Kvrpcpb__KeyError *ke = kvt_commit(f, "q", 300, 310);
    assert_non_null(ke);
    assert_non_null(ke->txn_lock_not_found);
    kvt_destroy(f);
}

static uint64_t tso(kvt_t *f)
{
    uint64_t ts;
    duet_err_t err = {0};
    assert_int_equal(pd_tso(f->pd, 1, &ts, &err), 0);
    return ts;
}

static void test_gc_worker(void **state)
{
    (void)state;
    kv_node_options_t o;
    kv_node_options_default(&o);
    o.sync_log = false;
    o.gc_life_time_ms = 20;
    kvt_t *f = kvt_create_with(&o);
    uint64_t s1 = tso(f), c1 = tso(f);
    kvt_put(f, "k", "old", s1, c1);
    uint64_t between = tso(f);
    uint64_t s2 = tso(f), c2 = tso(f);
    kvt_put(f, "k", "new", s2, c2);
    assert_string_equal(kvt_get(f, "k", between), "old");
    duet_err_t err = {0};
    assert_int_equal(kv_node_gc_start(f->kv, 10, &err), 0);
    assert_int_equal(kv_node_gc_start(f->kv, 10, &err), -1);
    /* Wait for a round that started after the life time has passed. */
    usleep(50 * 1000);
    uint64_t r0 = kv_node_gc_rounds(f->kv);
    for (int i = 0; i < 200 && kv_node_gc_rounds(f->kv) < r0 + 2; i++)
        usleep(10 * 1000);
    assert_true(kv_node_gc_rounds(f->kv) >= r0 + 2);
    assert_string_equal(kvt_get(f, "k", between), KVT_NOT_FOUND);
    assert_string_equal(kvt_get(f, "k", tso(f)), "new");
    kvt_destroy(f); /* stops the worker */
}

static void test_reopen(void **state)
{
    (void)state;
    kvt_t *f = kvt_create(0, true);
    uint64_t store = kv_node_store_id(f->kv);
    char big[2000];
    memset(big, 'r', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    kvt_put(f, "durable", "yes", 10, 20);
    kvt_put(f, "large", big, 10, 21);
    assert_null(kvt_prewrite(f, "pending", "p", "pending", 30, 3000));
    kvt_restart(f);
    assert_int_equal(kv_node_store_id(f->kv), store);
    assert_int_equal(kv_node_region_count(f->kv), 1);
    assert_string_equal(kvt_get(f, "durable", 100), "yes");
    assert_string_equal(kvt_get(f, "large", 100), big);
    /* The lock survived too, and its transaction can still commit. */
    assert_string_equal(kvt_get(f, "pending", 100), KVT_LOCKED);
    assert_null(kvt_commit(f, "pending", 30, 40));
    kvt_restart(f);
    assert_string_equal(kvt_get(f, "pending", 100), "p");
    /* pd kept the store and its labels. */
    Pdpb__GetStoreRequest gs = PDPB__GET_STORE_REQUEST__INIT;
    gs.store_id = store;
    ProtobufCMessage *m;
    duet_err_t err = {0};
    assert_int_equal(rpc_call(f->t, RPC_SERVICE_PD, "GetStore", &gs.base, &m, f->arena, &err), 0);
    Pdpb__GetStoreResponse *sr = (Pdpb__GetStoreResponse *)m;
    assert_non_null(sr->store);
    assert_string_equal(sr->store->address, "127.0.0.1:20160");
    assert_int_equal(sr->store->n_labels, 1);
    assert_string_equal(sr->store->labels[0]->value, "z1");
    kvt_destroy(f);
}

static int cop_calls;

/* A stand-in DAG runner: counts the visible rows of its ranges and reports the count. */
static int count_rows(void *ctx, const Kvrpcpb__CoprocessorRequest *req, kv_txn_t *txn,
                      Kvrpcpb__CoprocessorResponse *resp, duet_arena_t *arena, duet_err_t *err)
{
    (void)ctx;
    cop_calls++;
    size_t total = 0;
    for (size_t i = 0; i < req->n_ranges; i++) {
        kv_scanner_t *sc = kv_scanner_open(txn, req->ranges[i]->start, req->ranges[i]->end,
                                           req->start_ts, false, false);
        ProtobufCBinaryData k, v;
        Kvrpcpb__KeyError *kerr;
        int rc;
        while ((rc = kv_scanner_next(sc, &k, &v, &kerr, err)) > 0) {
            if (kerr) {
                resp->locked = kerr->locked;
                kv_scanner_close(sc);
                return 0;
            }
            assert_int_equal(v.len, 1);
            total++;
        }
        kv_scanner_close(sc);
        if (rc < 0)
            return -1;
    }
    char *s = duet_arena_sprintf(arena, "%zu", total);
    resp->data.data = (uint8_t *)s;
    resp->data.len = strlen(s);
    return 0;
}

static void test_coprocessor(void **state)
{
    (void)state;
    kvt_t *f = kvt_create(0, false);
    kvt_put(f, "r1", "1", 10, 11);
    kvt_put(f, "r2", "2", 10, 12);
    kvt_put(f, "r3", "3", 10, 13);
    Kvrpcpb__KeyRange kr = KVRPCPB__KEY_RANGE__INIT, *krs[1] = {&kr};
    kr.start = kvt_bytes("r1");
    kr.end = kvt_bytes("r3");
    Kvrpcpb__CoprocessorRequest c = KVRPCPB__COPROCESSOR_REQUEST__INIT;
    c.context = kvt_ctx(f, "r1");
    c.ranges = krs;
    c.n_ranges = 1;
    c.start_ts = 100;
    c.tp = 103;
    Kvrpcpb__CoprocessorResponse *r = kvt_call(f, "Coprocessor", &c.base);
    assert_string_equal(r->other_error, "coprocessor is not available on this node");
    kv_node_set_coprocessor(f->kv, count_rows, NULL);
    r = kvt_call(f, "Coprocessor", &c.base);
    assert_int_equal(cop_calls, 1);
    assert_int_equal(r->data.len, 1);
    assert_memory_equal(r->data.data, "2", 1);
    assert_null(kvt_prewrite(f, "r2", "x", "r2", 50, 3000));
    r = kvt_call(f, "Coprocessor", &c.base);
    assert_non_null(r->locked);
    assert_int_equal(r->locked->lock_version, 50);
    /* The epoch is checked before the runner is called. */
    Metapb__RegionEpoch stale = METAPB__REGION_EPOCH__INIT;
    c.context->region_epoch = &stale;
    r = kvt_call(f, "Coprocessor", &c.base);
    assert_non_null(r->region_error);
    assert_non_null(r->region_error->epoch_not_match);
    assert_int_equal(cop_calls, 2);
    kvt_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_auto_split),        cmocka_unit_test(test_region_errors),
        cmocka_unit_test(test_lost_split_report), cmocka_unit_test(test_gc),
        cmocka_unit_test(test_gc_worker),         cmocka_unit_test(test_reopen),
        cmocka_unit_test(test_coprocessor),       cmocka_unit_test(test_gc_resolves_old_locks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
