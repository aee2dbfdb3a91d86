/* test_client.c - the kv client: transactions with read-your-writes, write conflicts (9007),
 * inserts, scans across regions, region cache refresh, lock resolution of crashed writers, lock
 * wait timeout, and concurrent increments that must not lose an update. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvtest.h"
#include "store/kv/client.h"
#include "types/codec.h"

typedef struct cfix {
    kvt_t *f;
    kv_client_t *c;
} cfix_t;

static int setup_with(void **state, uint64_t split, int lock_wait_ms)
{
    cfix_t *x = calloc(1, sizeof(*x));
    x->f = kvt_create(split, false);
    x->c = kv_client_create(x->f->t, NULL, NULL, lock_wait_ms);
    *state = x;
    return 0;
}

static int setup(void **state)
{
    return setup_with(state, 0, 0);
}

static int setup_small_regions(void **state)
{
    return setup_with(state, 4096, 0);
}

static int setup_short_wait(void **state)
{
    return setup_with(state, 0, 100);
}

static int teardown(void **state)
{
    cfix_t *x = *state;
    kv_client_destroy(x->c);
    kvt_destroy(x->f);
    free(x);
    return 0;
}

/* get: the value at a fresh timestamp, or "<none>". */
static const char *get(cfix_t *x, const char *key, char *buf, size_t n)
{
    uint64_t ts;
    duet_err_t err = {0};
    assert_int_equal(kv_client_tso(x->c, &ts, &err), 0);
    duet_buf_t v = DUET_BUF_INIT;
    bool found;
    if (kv_client_get(x->c, key, strlen(key), ts, &v, &found, &err) != 0)
        fail_msg("get %s: %s", key, err.msg);
    snprintf(buf, n, "%s", found ? v.data : "<none>");
    duet_buf_free(&v);
    return buf;
}

static void test_txn_basic(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    char buf[64];
    kv_client_txn_t *t = kv_client_txn_begin(x->c, &err);
    assert_non_null(t);
    kv_client_txn_set(t, "b", 1, "B", 1);
    kv_client_txn_set(t, "a", 1, "A0", 2);
    kv_client_txn_set(t, "a", 1, "A", 1);
    kv_client_txn_set(t, "c", 1, "C", 1);
    kv_client_txn_delete(t, "c", 1);
    assert_int_equal(kv_client_txn_size(t), 3);
    duet_buf_t v = DUET_BUF_INIT;
    bool found;
    assert_int_equal(kv_client_txn_get(t, "a", 1, &v, &found, &err), 0);
    assert_true(found);
    assert_string_equal(v.data, "A");
    assert_int_equal(kv_client_txn_get(t, "c", 1, &v, &found, &err), 0);
    assert_false(found);
    /* Others do not see it before the commit. */
    assert_string_equal(get(x, "a", buf, sizeof(buf)), "<none>");
    uint64_t cts = 0;
    assert_int_equal(kv_client_txn_commit(t, &cts, &err), 0);
    assert_true(cts > 0);
    assert_string_equal(get(x, "a", buf, sizeof(buf)), "A");
    assert_string_equal(get(x, "b", buf, sizeof(buf)), "B");
    assert_string_equal(get(x, "c", buf, sizeof(buf)), "<none>");
    /* A snapshot from before the commit does not see it. */
    assert_int_equal(kv_client_get(x->c, "a", 1, cts - 1, &v, &found, &err), 0);
    assert_false(found);
    duet_buf_free(&v);
    /* An empty transaction commits trivially; a rolled-back one writes nothing. */
    t = kv_client_txn_begin(x->c, &err);
    assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    t = kv_client_txn_begin(x->c, &err);
    kv_client_txn_set(t, "a", 1, "X", 1);
    kv_client_txn_rollback(t);
    assert_string_equal(get(x, "a", buf, sizeof(buf)), "A");
}

static void test_write_conflict_9007(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    char buf[64];
    kv_client_txn_t *t1 = kv_client_txn_begin(x->c, &err);
    kv_client_txn_t *t2 = kv_client_txn_begin(x->c, &err);
    kv_client_txn_set(t1, "k", 1, "one", 3);
    kv_client_txn_set(t2, "j", 1, "two", 3);
    kv_client_txn_set(t2, "k", 1, "two", 3);
    uint64_t start2 = kv_client_txn_start_ts(t2);
    assert_int_equal(kv_client_txn_commit(t1, NULL, &err), 0);
    assert_int_equal(kv_client_txn_commit(t2, NULL, &err), KV_CLIENT_CONFLICT);
    assert_int_equal(err.code, 9007);
    assert_string_equal(err.sqlstate, "HY000");
    char want[96];
    snprintf(want, sizeof(want),
             "Write conflict, txnStartTS=%llu, conflictStartTS=", (unsigned long long)start2);
    assert_memory_equal(err.msg, want, strlen(want));
    assert_non_null(strstr(err.msg, ", key=6b primary=6a [try again later]"));
    /* The loser left no locks behind: its other key is readable (and empty). */
    assert_string_equal(get(x, "j", buf, sizeof(buf)), "<none>");
    assert_string_equal(get(x, "k", buf, sizeof(buf)), "one");
}

static void test_conflict_key_text(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    /* Record and index keys print as TiDB prints them. */
    duet_buf_t rk = DUET_BUF_INIT, ik = DUET_BUF_INIT;
    types_key_record(&rk, 47, 1);
    types_datum_t vals[2];
    vals[0].kind = TYPES_K_INT;
    vals[0].i = -5;
    vals[1].kind = TYPES_K_STRING;
    vals[1].ptr = "bill";
    vals[1].len = 4;
    vals[1].collate = TYPES_COLL_BINARY;
    types_key_index(&ik, 47, 2, vals, 2, true, 9);
    kv_client_txn_t *t1 = kv_client_txn_begin(x->c, &err);
    kv_client_txn_t *t2 = kv_client_txn_begin(x->c, &err);
    kv_client_txn_set(t1, rk.data, rk.len, "a", 1);
    kv_client_txn_set(t2, ik.data, ik.len, "b", 1);
    kv_client_txn_set(t2, rk.data, rk.len, "b", 1);
    assert_int_equal(kv_client_txn_commit(t1, NULL, &err), 0);
    assert_int_equal(kv_client_txn_commit(t2, NULL, &err), KV_CLIENT_CONFLICT);
    assert_non_null(strstr(err.msg, ", key={tableID=47, handle=1} primary={tableID=47, indexID=2, "
                                    "indexValues={-5, bill, 9, }} "
                                    "[try again later]"));
    duet_buf_free(&rk);
    duet_buf_free(&ik);
}

static void test_insert_exists(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    kv_client_txn_t *t = kv_client_txn_begin(x->c, &err);
    kv_client_txn_insert(t, "u", 1, "1", 1);
    assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    t = kv_client_txn_begin(x->c, &err);
    kv_client_txn_insert(t, "u", 1, "2", 1);
    assert_int_equal(kv_client_txn_commit(t, NULL, &err), KV_CLIENT_EXISTS);
    assert_string_equal(err.msg, "key 75 already exists");
}

typedef struct collect {
    char out[8192];
    size_t n;
} collect_t;

static int collect_fn(void *ctx, const void *key, size_t klen, const void *val, size_t vlen)
{
    (void)val;
    (void)vlen;
    collect_t *c = ctx;
    size_t used = strlen(c->out);
    snprintf(c->out + used, sizeof(c->out) - used, "%s%.*s", c->n ? "," : "", (int)klen,
             (const char *)key);
    c->n++;
    return 0;
}

static void test_scan_across_regions(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    char key[16], val[200];
    memset(val, 'v', sizeof(val));
    for (int round = 0; round < 6; round++) {
        kv_client_txn_t *t = kv_client_txn_begin(x->c, &err);
        for (int i = round * 50; i < round * 50 + 50; i++) {
            snprintf(key, sizeof(key), "k%04d", i);
            kv_client_txn_set(t, key, strlen(key), val, sizeof(val));
        }
        assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    }
    assert_true(kv_node_region_count(x->f->kv) >= 4);
    uint64_t ts;
    assert_int_equal(kv_client_tso(x->c, &ts, &err), 0);
    collect_t *c = calloc(1, sizeof(*c));
    assert_int_equal(kv_client_scan(x->c, "", 0, "", 0, 0, ts, collect_fn, c, &err), 0);
    assert_int_equal(c->n, 300);
    char *want = calloc(1, sizeof(c->out));
    for (int i = 0; i < 300; i++)
        snprintf(want + strlen(want), sizeof(c->out) - strlen(want), "%sk%04d", i ? "," : "", i);
    assert_string_equal(c->out, want);
    free(want);
    memset(c, 0, sizeof(*c));
    assert_int_equal(kv_client_scan(x->c, "k0100", 5, "k0105", 5, 0, ts, collect_fn, c, &err), 0);
    assert_string_equal(c->out, "k0100,k0101,k0102,k0103,k0104");
    memset(c, 0, sizeof(*c));
    assert_int_equal(kv_client_scan(x->c, "k0290", 5, "", 0, 3, ts, collect_fn, c, &err), 0);
    assert_string_equal(c->out, "k0290,k0291,k0292");
    free(c);
}

static int found_fn(void *ctx, size_t idx, const void *val, size_t vlen)
{
    collect_t *c = ctx;
    size_t used = strlen(c->out);
    snprintf(c->out + used, sizeof(c->out) - used, "%s%zu=%.*s", c->n ? "," : "", idx, (int)vlen,
             (const char *)val);
    c->n++;
    return 0;
}

static void test_batch_get(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    char key[16], val[200];
    for (int round = 0; round < 4; round++) {
        kv_client_txn_t *t = kv_client_txn_begin(x->c, &err);
        for (int i = round * 50; i < round * 50 + 50; i++) {
            snprintf(key, sizeof(key), "k%04d", i);
            snprintf(val, sizeof(val), "%0150d", i);
            kv_client_txn_set(t, key, strlen(key), val, strlen(val));
        }
        assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    }
    assert_true(kv_node_region_count(x->f->kv) >= 3);
    /* A crashed writer's expired lock on one of them. */
    uint64_t s;
    assert_int_equal(kv_client_tso(x->c, &s, &err), 0);
    assert_null(kvt_prewrite(x->f, "k0150", "dead", "k0150", s, 1));
    usleep(5000);
    const char *names[] = {"k0199", "nope", "k0000", "k0150", "k0100", "k0000x"};
    const void *keys[6];
    size_t lens[6];
    for (int i = 0; i < 6; i++) {
        keys[i] = names[i];
        lens[i] = strlen(names[i]);
    }
    uint64_t ts;
    assert_int_equal(kv_client_tso(x->c, &ts, &err), 0);
    collect_t *c = calloc(1, sizeof(*c));
    assert_int_equal(kv_client_batch_get(x->c, keys, lens, 6, ts, found_fn, c, &err), 0);
    assert_int_equal(c->n, 4);
    char want[1024];
    /* Key order, with the key that was locked retried at the end. */
    snprintf(want, sizeof(want), "2=%0150d,4=%0150d,0=%0150d,3=%0150d", 0, 100, 199, 150);
    assert_string_equal(c->out, want);
    free(c);
}

static int count_fn(void *ctx, const void *key, size_t klen, const void *val, size_t vlen)
{
    (void)key;
    (void)klen;
    (void)val;
    (void)vlen;
    (*(int *)ctx)++;
    return 0;
}

static void test_delete_range(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    char key[16], val[200];
    memset(val, 'r', sizeof(val));
    for (int round = 0; round < 3; round++) {
        for (int version = 0; version < 2; version++) {
            kv_client_txn_t *t = kv_client_txn_begin(x->c, &err);
            for (int i = round * 50; i < round * 50 + 50; i++) {
                snprintf(key, sizeof(key), "k%04d", i);
                kv_client_txn_set(t, key, strlen(key), val, sizeof(val));
            }
            assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
        }
    }
    assert_true(kv_node_region_count(x->f->kv) >= 3);
    /* A pending lock inside the range goes too. */
    uint64_t s;
    assert_int_equal(kv_client_tso(x->c, &s, &err), 0);
    assert_null(kvt_prewrite(x->f, "k0077", "L", "k0077", s, 60000));
    assert_int_equal(kv_client_delete_range(x->c, "k0010", 5, "k0140", 5, &err), 0);
    uint64_t ts;
    assert_int_equal(kv_client_tso(x->c, &ts, &err), 0);
    int n = 0;
    assert_int_equal(kv_client_scan(x->c, "", 0, "", 0, 0, ts, count_fn, &n, &err), 0);
    assert_int_equal(n, 10 + 10);
    /* Even old snapshots see nothing there any more. */
    n = 0;
    assert_int_equal(kv_client_scan(x->c, "k0010", 5, "k0140", 5, 0, s, count_fn, &n, &err), 0);
    assert_int_equal(n, 0);
    /* Open-ended: everything from k0145 on. */
    assert_int_equal(kv_client_delete_range(x->c, "k0145", 5, "", 0, &err), 0);
    n = 0;
    assert_int_equal(kv_client_scan(x->c, "", 0, "", 0, 0, ts, count_fn, &n, &err), 0);
    assert_int_equal(n, 10 + 5);
}

static void test_stale_cache(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    char buf[64];
    kv_client_txn_t *t = kv_client_txn_begin(x->c, &err);
    kv_client_txn_set(t, "a", 1, "1", 1);
    kv_client_txn_set(t, "z", 1, "2", 1);
    assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    assert_int_equal(kv_client_region_cache_size(x->c), 1);
    /* Split behind the client's back. */
    ProtobufCBinaryData k = kvt_bytes("m");
    Kvrpcpb__SplitRegionRequest s = KVRPCPB__SPLIT_REGION_REQUEST__INIT;
    s.context = kvt_ctx(x->f, "a");
    s.split_keys = &k;
    s.n_split_keys = 1;
    Kvrpcpb__SplitRegionResponse *r = kvt_call(x->f, "SplitRegion", &s.base);
    assert_null(r->region_error);
    assert_string_equal(get(x, "z", buf, sizeof(buf)), "2");
    assert_string_equal(get(x, "a", buf, sizeof(buf)), "1");
    assert_int_equal(kv_client_region_cache_size(x->c), 2);
    t = kv_client_txn_begin(x->c, &err);
    kv_client_txn_set(t, "a", 1, "3", 1);
    kv_client_txn_set(t, "z", 1, "4", 1);
    assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    assert_string_equal(get(x, "a", buf, sizeof(buf)), "3");
    assert_string_equal(get(x, "z", buf, sizeof(buf)), "4");
}

static void test_resolve_crashed_writers(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    char buf[64];
    kvt_t *f = x->f;
    /* Writer 1 died after committing its primary. */
    uint64_t s1, c1;
    assert_int_equal(kv_client_tso(x->c, &s1, &err), 0);
    assert_null(kvt_prewrite(f, "p1", "P1", "p1", s1, 3000));
    assert_null(kvt_prewrite(f, "s1", "S1", "p1", s1, 3000));
    assert_int_equal(kv_client_tso(x->c, &c1, &err), 0);
    assert_null(kvt_commit(f, "p1", s1, c1));
    assert_string_equal(get(x, "s1", buf, sizeof(buf)), "S1");
    /* Writer 2 died after its prewrites, with a 1 ms TTL: readers roll it back. */
    uint64_t s2;
    assert_int_equal(kv_client_tso(x->c, &s2, &err), 0);
    assert_null(kvt_prewrite(f, "p2", "P2", "p2", s2, 1));
    assert_null(kvt_prewrite(f, "s2", "S2", "p2", s2, 1));
    usleep(5000);
    assert_string_equal(get(x, "s2", buf, sizeof(buf)), "<none>");
    assert_string_equal(get(x, "p2", buf, sizeof(buf)), "<none>");
    /* A scan meets and resolves locks too. */
    uint64_t s3;
    assert_int_equal(kv_client_tso(x->c, &s3, &err), 0);
    assert_null(kvt_prewrite(f, "q1", "Q1", "q0", s3, 1));
    assert_null(kvt_prewrite(f, "q2", "Q2", "q0", s3, 1));
    usleep(5000);
    uint64_t ts;
    assert_int_equal(kv_client_tso(x->c, &ts, &err), 0);
    collect_t *c = calloc(1, sizeof(*c));
    assert_int_equal(kv_client_scan(x->c, "", 0, "", 0, 0, ts, collect_fn, c, &err), 0);
    assert_string_equal(c->out, "p1,s1");
    free(c);
    /* A writer meeting a dead lock resolves it and goes on. */
    uint64_t s4;
    assert_int_equal(kv_client_tso(x->c, &s4, &err), 0);
    assert_null(kvt_prewrite(f, "w", "dead", "w", s4, 1));
    usleep(5000);
    kv_client_txn_t *t = kv_client_txn_begin(x->c, &err);
    kv_client_txn_set(t, "w", 1, "alive", 5);
    assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    assert_string_equal(get(x, "w", buf, sizeof(buf)), "alive");
}

static void test_lock_wait_timeout(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    uint64_t s;
    assert_int_equal(kv_client_tso(x->c, &s, &err), 0);
    assert_null(kvt_prewrite(x->f, "busy", "x", "busy", s, 60000));
    uint64_t ts;
    assert_int_equal(kv_client_tso(x->c, &ts, &err), 0);
    duet_buf_t v = DUET_BUF_INIT;
    bool found;
    assert_int_equal(kv_client_get(x->c, "busy", 4, ts, &v, &found, &err), KV_CLIENT_ERR);
    assert_int_equal(err.code, 1205);
    assert_string_equal(err.msg, "Lock wait timeout exceeded; try restarting transaction");
    duet_buf_free(&v);
}

typedef struct worker {
    cfix_t *x;
    int done, conflicts;
} worker_t;

static void *increment(void *arg)
{
    worker_t *w = arg;
    while (w->done < 25) {
        duet_err_t err = {0};
        kv_client_txn_t *t = kv_client_txn_begin(w->x->c, &err);
        duet_buf_t v = DUET_BUF_INIT;
        bool found;
        if (kv_client_txn_get(t, "counter", 7, &v, &found, &err) != 0) {
            duet_buf_free(&v);
            kv_client_txn_rollback(t);
            continue;
        }
        long n = found ? strtol(v.data, NULL, 10) : 0;
        char s[32];
        snprintf(s, sizeof(s), "%ld", n + 1);
        kv_client_txn_set(t, "counter", 7, s, strlen(s));
        duet_buf_free(&v);
        int rc = kv_client_txn_commit(t, NULL, &err);
        if (rc == 0)
            w->done++;
        else
            w->conflicts++;
    }
    return NULL;
}

static void test_concurrent_increments(void **state)
{
    cfix_t *x = *state;
    pthread_t th[4];
    worker_t w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (worker_t){x, 0, 0};
        assert_int_equal(pthread_create(&th[i], NULL, increment, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    char buf[64];
    assert_string_equal(get(x, "counter", buf, sizeof(buf)), "100");
}

typedef struct filler {
    cfix_t *x;
    int id;
    int failures;
} filler_t;

static void *fill(void *arg)
{
    filler_t *w = arg;
    char key[32], val[100];
    memset(val, 'f', sizeof(val));
    for (int i = 0; i < 60; i++) {
        duet_err_t err = {0};
        kv_client_txn_t *t = kv_client_txn_begin(w->x->c, &err);
        for (int j = 0; j < 3; j++) {
            snprintf(key, sizeof(key), "w%d-%03d-%d", w->id, i, j);
            kv_client_txn_set(t, key, strlen(key), val, sizeof(val));
        }
        if (kv_client_txn_commit(t, NULL, &err) != 0)
            w->failures++;
    }
    return NULL;
}

static void test_concurrent_writers_and_splits(void **state)
{
    cfix_t *x = *state;
    pthread_t th[4];
    filler_t w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (filler_t){x, i, 0};
        assert_int_equal(pthread_create(&th[i], NULL, fill, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].failures, 0);
    }
    assert_true(kv_node_region_count(x->f->kv) >= 4);
    uint64_t ts;
    duet_err_t err = {0};
    assert_int_equal(kv_client_tso(x->c, &ts, &err), 0);
    int n = 0;
    assert_int_equal(kv_client_scan(x->c, "", 0, "", 0, 0, ts, count_fn, &n, &err), 0);
    assert_int_equal(n, 4 * 60 * 3);
}

/* A stand-in DAG runner: "<rows>;" for the visible rows of its ranges. */
static int cop_count(void *ctx, const Kvrpcpb__CoprocessorRequest *req, kv_txn_t *txn,
                     Kvrpcpb__CoprocessorResponse *resp, duet_arena_t *arena, duet_err_t *err)
{
    (void)ctx;
    size_t rows = 0;
    for (size_t i = 0; i < req->n_ranges; i++) {
        kv_scanner_t *sc = kv_scanner_open(txn, req->ranges[i]->start, req->ranges[i]->end,
                                           req->start_ts, true, false);
        ProtobufCBinaryData k, v;
        Kvrpcpb__KeyError *kerr;
        int rc;
        while ((rc = kv_scanner_next(sc, &k, &v, &kerr, err)) > 0) {
            if (kerr) {
                resp->locked = kerr->locked;
                kv_scanner_close(sc);
                return 0;
            }
            rows++;
        }
        kv_scanner_close(sc);
        if (rc < 0)
            return -1;
    }
    char *out = duet_arena_sprintf(arena, "%zu;", rows);
    resp->data.data = (uint8_t *)out;
    resp->data.len = strlen(out);
    return 0;
}

static int cop_collect(void *ctx, const void *data, size_t len)
{
    collect_t *c = ctx;
    size_t used = strlen(c->out);
    snprintf(c->out + used, sizeof(c->out) - used, "%.*s", (int)len, (const char *)data);
    c->n++;
    return 0;
}

static void test_coprocessor_tasks(void **state)
{
    cfix_t *x = *state;
    duet_err_t err = {0};
    char key[16], val[200];
    memset(val, 'c', sizeof(val));
    for (int round = 0; round < 4; round++) {
        kv_client_txn_t *t = kv_client_txn_begin(x->c, &err);
        for (int i = round * 50; i < round * 50 + 50; i++) {
            snprintf(key, sizeof(key), "k%04d", i);
            kv_client_txn_set(t, key, strlen(key), val, sizeof(val));
        }
        assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    }
    size_t regions = kv_node_region_count(x->f->kv);
    assert_true(regions >= 3);
    kv_node_set_coprocessor(x->f->kv, cop_count, NULL);
    /* A dead writer's lock inside the second range. */
    uint64_t s;
    assert_int_equal(kv_client_tso(x->c, &s, &err), 0);
    assert_null(kvt_prewrite(x->f, "k0120x", "dead", "k0120x", s, 1));
    usleep(5000);
    uint64_t ts;
    assert_int_equal(kv_client_tso(x->c, &ts, &err), 0);
    kv_client_range_t r[3] = {
        {"k0010", 5, "k0020", 5},
        {"k0100", 5, "k0190", 5},
        {"k0195", 5, "", 0},
    };
    collect_t *c = calloc(1, sizeof(*c));
    assert_int_equal(kv_client_coprocessor(x->c, 103, "dag", 3, r, 3, ts, cop_collect, c, &err), 0);
    /* One answer per region task, the counts adding up to 10 + 90 + 5. */
    int total = 0;
    for (char *p = c->out; *p;) {
        total += (int)strtol(p, &p, 10);
        assert_int_equal(*p, ';');
        p++;
    }
    assert_int_equal(total, 105);
    assert_true(c->n >= 2);
    /* In parallel: the same answers, in the same order. */
    assert_int_equal(kv_client_set_cop_concurrency(x->c, 4), 0);
    collect_t *p = calloc(1, sizeof(*p));
    assert_int_equal(kv_client_coprocessor(x->c, 103, "dag", 3, r, 3, ts, cop_collect, p, &err), 0);
    assert_string_equal(p->out, c->out);
    assert_int_equal(p->n, c->n);
    free(p);
    free(c);
    /* A node without a runner says so. */
    kv_node_set_coprocessor(x->f->kv, NULL, NULL);
    c = calloc(1, sizeof(*c));
    assert_int_equal(kv_client_coprocessor(x->c, 103, "dag", 3, r, 1, ts, cop_collect, c, &err),
                     KV_CLIENT_ERR);
    assert_string_equal(err.msg, "coprocessor is not available on this node");
    free(c);
}

typedef struct resolver {
    rpc_transport_t *t;
    int calls;
    char last[64];
} resolver_t;

static rpc_transport_t *resolve_store(void *ctx, uint64_t store_id, const char *address)
{
    resolver_t *r = ctx;
    r->calls++;
    snprintf(r->last, sizeof(r->last), "%llu@%s", (unsigned long long)store_id, address);
    return strcmp(address, "127.0.0.1:20160") == 0 ? r->t : NULL;
}

static void test_store_resolver(void **state)
{
    cfix_t *x = *state;
    resolver_t r = {x->f->t, 0, ""};
    kv_client_t *c = kv_client_create(x->f->t, resolve_store, &r, 0);
    duet_err_t err = {0};
    kv_client_txn_t *t = kv_client_txn_begin(c, &err);
    kv_client_txn_set(t, "k", 1, "v", 1);
    assert_int_equal(kv_client_txn_commit(t, NULL, &err), 0);
    char want[64];
    snprintf(want, sizeof(want), "%llu@127.0.0.1:20160",
             (unsigned long long)kv_node_store_id(x->f->kv));
    assert_string_equal(r.last, want);
    assert_true(r.calls >= 2);
    uint64_t ts;
    assert_int_equal(kv_client_tso(c, &ts, &err), 0);
    duet_buf_t v = DUET_BUF_INIT;
    bool found;
    assert_int_equal(kv_client_get(c, "k", 1, ts, &v, &found, &err), 0);
    assert_true(found);
    duet_buf_free(&v);
    kv_client_destroy(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_txn_basic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_conflict_9007, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflict_key_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_exists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_across_regions, setup_small_regions, teardown),
        cmocka_unit_test_setup_teardown(test_batch_get, setup_small_regions, teardown),
        cmocka_unit_test_setup_teardown(test_delete_range, setup_small_regions, teardown),
        cmocka_unit_test_setup_teardown(test_stale_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_resolver, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolve_crashed_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock_wait_timeout, setup_short_wait, teardown),
        cmocka_unit_test_setup_teardown(test_coprocessor_tasks, setup_small_regions, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_increments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_writers_and_splits, setup_small_regions,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
