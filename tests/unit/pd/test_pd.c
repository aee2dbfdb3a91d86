/* test_pd.c - unit tests for store/pd: TSO order across restarts with a clock that goes back,
 * ids, the store registry with labels, the region map and splits, all through rpc/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rpc/pdpb.pb-c.h"
#include "store/pd/pd.h"

typedef struct fixture {
    char dir[256];
    int64_t now_ms; /* the injected clock */
    pd_options_t opts;
    pd_server_t *pd;
    rpc_server_t *server;
    rpc_transport_t *t;
    duet_arena_t *arena;
} fixture_t;

static int64_t fake_clock(void *ctx)
{
    return ((fixture_t *)ctx)->now_ms;
}

static void start(fixture_t *f)
{
    duet_err_t err = {0};
    assert_int_equal(pd_open(f->dir, &f->opts, &f->pd, &err), 0);
    f->server = rpc_server_create();
    assert_int_equal(pd_register(f->pd, f->server, &err), 0);
    f->t = rpc_inproc_create(f->server);
}

static void stop(fixture_t *f)
{
    rpc_transport_destroy(f->t);
    rpc_server_destroy(f->server);
    pd_close(f->pd);
    f->t = NULL;
    f->server = NULL;
    f->pd = NULL;
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/duet-pd-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    f->now_ms = 1700000000000;
    pd_options_default(&f->opts);
    f->opts.clock = fake_clock;
    f->opts.clock_ctx = f;
    f->opts.sync = false;
    f->arena = duet_arena_create(0);
    start(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    stop(f);
    duet_arena_destroy(f->arena);
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static uint64_t tso_rpc(fixture_t *f, uint32_t count)
{
    Pdpb__TsoRequest req = PDPB__TSO_REQUEST__INIT;
    req.count = count;
    ProtobufCMessage *m;
    duet_err_t err = {0};
    assert_int_equal(rpc_call(f->t, RPC_SERVICE_PD, "Tso", &req.base, &m, f->arena, &err), 0);
    Pdpb__TsoResponse *r = (Pdpb__TsoResponse *)m;
    assert_null(r->header->error);
    assert_int_equal(r->count, count);
    return PD_TS(r->timestamp->physical, r->timestamp->logical);
}

static void test_tso_monotonic(void **state)
{
    fixture_t *f = *state;
    uint64_t prev = tso_rpc(f, 1);
    assert_int_equal(PD_TS_PHYSICAL(prev), f->now_ms);
    for (int i = 0; i < 1000; i++) {
        if (i % 100 == 0)
            f->now_ms += (i % 200 == 0) ? 5 : -50; /* the clock jumps around */
        uint64_t ts = tso_rpc(f, (uint32_t)(i % 7 + 1));
        assert_true(ts >= prev + (uint64_t)(i % 7 + 1));
        prev = ts;
    }
    /* Spending the logical counter borrows the next millisecond. */
    duet_err_t err = {0};
    uint64_t a, b;
    assert_int_equal(pd_tso(f->pd, 200000, &a, &err), 0);
    assert_int_equal(pd_tso(f->pd, 200000, &b, &err), 0);
    assert_true(b > a);
    assert_int_equal(PD_TS_PHYSICAL(b), PD_TS_PHYSICAL(a) + 1);
    assert_int_equal(pd_tso(f->pd, 0, &a, &err), -1);
    assert_int_equal(pd_tso(f->pd, 1u << 18, &a, &err), -1);
}

static void test_tso_restart_clock_back(void **state)
{
    fixture_t *f = *state;
    uint64_t before = 0;
    for (int i = 0; i < 50; i++)
        before = tso_rpc(f, 3);
    stop(f);
    /* The machine comes back with its clock an hour behind. */
    f->now_ms -= 3600 * 1000;
    start(f);
    uint64_t after = tso_rpc(f, 1);
    assert_true(after > before);
    stop(f);
    /* Restart again without the clock moving: still above everything handed out. */
    start(f);
    uint64_t again = tso_rpc(f, 1);
    assert_true(again > after);
    /* Far ahead of the window: the new physical part is persisted before it is used. */
    f->now_ms += 3600 * 1000 * 2;
    uint64_t far = tso_rpc(f, 1);
    assert_int_equal(PD_TS_PHYSICAL(far), f->now_ms);
    stop(f);
    f->now_ms -= 3600 * 1000 * 2;
    start(f);
    assert_true(tso_rpc(f, 1) > far);
}

static void *call(fixture_t *f, const char *method, const ProtobufCMessage *req)
{
    ProtobufCMessage *m = NULL;
    duet_err_t err = {0};
    assert_int_equal(rpc_call(f->t, RPC_SERVICE_PD, method, req, &m, f->arena, &err), 0);
    return m;
}

static void make_region(Metapb__Region *r, Metapb__RegionEpoch *ep, Metapb__Peer *peer,
                        Metapb__Peer **peers, uint64_t id, const char *start, const char *end,
                        uint64_t version)
{
    metapb__region__init(r);
    metapb__region_epoch__init(ep);
    metapb__peer__init(peer);
    ep->conf_ver = 1;
    ep->version = version;
    peer->id = id + 100;
    peer->store_id = 1;
    peers[0] = peer;
    r->id = id;
    r->start_key.data = (uint8_t *)start;
    r->start_key.len = strlen(start);
    r->end_key.data = (uint8_t *)end;
    r->end_key.len = strlen(end);
    r->region_epoch = ep;
    r->n_peers = 1;
    r->peers = peers;
}

static uint64_t region_of(fixture_t *f, const char *key, uint64_t *version)
{
    Pdpb__GetRegionRequest g = PDPB__GET_REGION_REQUEST__INIT;
    g.region_key.data = (uint8_t *)key;
    g.region_key.len = strlen(key);
    Pdpb__GetRegionResponse *r = call(f, "GetRegion", &g.base);
    if (r->header->error) {
        assert_int_equal(r->header->error->type, PDPB__ERROR_TYPE__REGION_NOT_FOUND);
        return 0;
    }
    assert_non_null(r->leader);
    assert_int_equal(r->leader->store_id, 1);
    if (version)
        *version = r->region->region_epoch->version;
    return r->region->id;
}

static void test_stores_and_regions(void **state)
{
    fixture_t *f = *state;
    Pdpb__IsBootstrappedRequest ib = PDPB__IS_BOOTSTRAPPED_REQUEST__INIT;
    Pdpb__IsBootstrappedResponse *ibr = call(f, "IsBootstrapped", &ib.base);
    assert_false(ibr->bootstrapped);
    assert_int_equal(region_of(f, "a", NULL), 0);

    Pdpb__AllocIDRequest ai = PDPB__ALLOC_IDREQUEST__INIT;
    Pdpb__AllocIDResponse *id1 = call(f, "AllocID", &ai.base);
    Pdpb__AllocIDResponse *id2 = call(f, "AllocID", &ai.base);
    assert_true(id2->id > id1->id);

    /* Bootstrap with store 1 (labelled) and one region over everything. */
    Metapb__StoreLabel lab = METAPB__STORE_LABEL__INIT, *labs[1] = {&lab};
    lab.key = "zone";
    lab.value = "z1";
    Metapb__Store st = METAPB__STORE__INIT;
    st.id = 1;
    st.address = "127.0.0.1:20160";
    st.n_labels = 1;
    st.labels = labs;
    Metapb__Region r0;
    Metapb__RegionEpoch e0;
    Metapb__Peer p0, *pp0[1];
    make_region(&r0, &e0, &p0, pp0, 2, "", "", 1);
    Pdpb__BootstrapRequest bs = PDPB__BOOTSTRAP_REQUEST__INIT;
    bs.store = &st;
    bs.region = &r0;
    Pdpb__BootstrapResponse *bsr = call(f, "Bootstrap", &bs.base);
    assert_null(bsr->header->error);
    bsr = call(f, "Bootstrap", &bs.base);
    assert_int_equal(bsr->header->error->type, PDPB__ERROR_TYPE__ALREADY_BOOTSTRAPPED);
    assert_int_equal(region_of(f, "", NULL), 2);
    assert_int_equal(region_of(f, "zzz", NULL), 2);

    /* A second store; then both with their labels. */
    Metapb__Store st2 = METAPB__STORE__INIT;
    st2.id = 7;
    st2.address = "127.0.0.1:20161";
    Pdpb__PutStoreRequest ps = PDPB__PUT_STORE_REQUEST__INIT;
    ps.store = &st2;
    assert_null(((Pdpb__PutStoreResponse *)call(f, "PutStore", &ps.base))->header->error);
    Pdpb__GetAllStoresRequest ga = PDPB__GET_ALL_STORES_REQUEST__INIT;
    Pdpb__GetAllStoresResponse *all = call(f, "GetAllStores", &ga.base);
    assert_int_equal(all->n_stores, 2);
    Pdpb__GetStoreRequest gs = PDPB__GET_STORE_REQUEST__INIT;
    gs.store_id = 1;
    Pdpb__GetStoreResponse *one = call(f, "GetStore", &gs.base);
    assert_string_equal(one->store->address, "127.0.0.1:20160");
    assert_int_equal(one->store->n_labels, 1);
    assert_string_equal(one->store->labels[0]->key, "zone");
    assert_string_equal(one->store->labels[0]->value, "z1");
    gs.store_id = 99;
    one = call(f, "GetStore", &gs.base);
    assert_int_equal(one->header->error->type, PDPB__ERROR_TYPE__STORE_NOT_FOUND);

    /* Split region 2 at "m": the new region 3 takes the left part, 2 keeps the right. */
    Metapb__Region l, r;
    Metapb__RegionEpoch le, re;
    Metapb__Peer lp, rp, *lpp[1], *rpp[1];
    make_region(&l, &le, &lp, lpp, 3, "", "m", 2);
    make_region(&r, &re, &rp, rpp, 2, "m", "", 2);
    Pdpb__ReportSplitRequest rs = PDPB__REPORT_SPLIT_REQUEST__INIT;
    rs.left = &l;
    rs.right = &r;
    assert_null(((Pdpb__ReportSplitResponse *)call(f, "ReportSplit", &rs.base))->header->error);
    uint64_t v = 0;
    assert_int_equal(region_of(f, "a", &v), 3);
    assert_int_equal(v, 2);
    assert_int_equal(region_of(f, "l\xff", NULL), 3);
    assert_int_equal(region_of(f, "m", NULL), 2);
    assert_int_equal(region_of(f, "zz", NULL), 2);
    assert_int_equal(pd_region_count(f->pd), 2);

    /* Split the right one again at "t". */
    Metapb__Region l2, r2;
    make_region(&l2, &le, &lp, lpp, 4, "m", "t", 3);
    make_region(&r2, &re, &rp, rpp, 2, "t", "", 3);
    rs.left = &l2;
    rs.right = &r2;
    assert_null(((Pdpb__ReportSplitResponse *)call(f, "ReportSplit", &rs.base))->header->error);
    assert_int_equal(pd_region_count(f->pd), 3);

    /* ScanRegions: the regions overlapping a range, in key order, with their leaders. */
    Pdpb__ScanRegionsRequest sr = PDPB__SCAN_REGIONS_REQUEST__INIT;
    sr.start_key.data = (uint8_t *)"n";
    sr.start_key.len = 1;
    Pdpb__ScanRegionsResponse *srr = call(f, "ScanRegions", &sr.base);
    assert_int_equal(srr->n_regions, 2);
    assert_int_equal(srr->regions[0]->id, 4);
    assert_int_equal(srr->regions[1]->id, 2);
    assert_int_equal(srr->n_leaders, 2);
    assert_int_equal(srr->leaders[1]->store_id, 1);
    sr.start_key.len = 0;
    sr.end_key.data = (uint8_t *)"m";
    sr.end_key.len = 1;
    srr = call(f, "ScanRegions", &sr.base);
    assert_int_equal(srr->n_regions, 1);
    assert_int_equal(srr->regions[0]->id, 3);
    sr.end_key.len = 0;
    sr.limit = 2;
    srr = call(f, "ScanRegions", &sr.base);
    assert_int_equal(srr->n_regions, 2);
    assert_int_equal(srr->regions[1]->id, 4);

    /* The map, stores and bootstrap flag survive a restart. */
    stop(f);
    start(f);
    ibr = call(f, "IsBootstrapped", &ib.base);
    assert_true(ibr->bootstrapped);
    assert_int_equal(region_of(f, "b", NULL), 3);
    assert_int_equal(region_of(f, "p", NULL), 4);
    assert_int_equal(region_of(f, "u", NULL), 2);
    Pdpb__GetRegionByIDRequest gi = PDPB__GET_REGION_BY_IDREQUEST__INIT;
    gi.region_id = 4;
    Pdpb__GetRegionResponse *byid = call(f, "GetRegionByID", &gi.base);
    assert_memory_equal(byid->region->start_key.data, "m", 1);
    assert_memory_equal(byid->region->end_key.data, "t", 1);
    gi.region_id = 42;
    byid = call(f, "GetRegionByID", &gi.base);
    assert_int_equal(byid->header->error->type, PDPB__ERROR_TYPE__REGION_NOT_FOUND);
    all = call(f, "GetAllStores", &ga.base);
    assert_int_equal(all->n_stores, 2);
    /* Ids keep going up after the restart. */
    Pdpb__AllocIDResponse *id3 = call(f, "AllocID", &ai.base);
    assert_true(id3->id > id2->id);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tso_monotonic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tso_restart_clock_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stores_and_regions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
