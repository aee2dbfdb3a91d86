/* test_transport.c - unit tests for rpc/: registration, in-process calls through serialisation,
 * and the errors of unknown methods, wrong request types and failing handlers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "rpc/kvrpcpb.pb-c.h"
#include "rpc/pdpb.pb-c.h"
#include "rpc/transport.h"

static int calls;

/* A Tso handler that answers count timestamps ending at physical 1000 + count. */
static int tso_handler(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                       duet_arena_t *arena, duet_err_t *err)
{
    (void)ctx;
    const Pdpb__TsoRequest *r = (const Pdpb__TsoRequest *)req;
    Pdpb__TsoResponse *out = (Pdpb__TsoResponse *)resp;
    calls++;
    if (r->count == 0)
        return duet_err_set(err, ER_GENERIC, "count must be positive");
    out->count = r->count;
    out->timestamp = duet_arena_alloc(arena, sizeof(Pdpb__Timestamp));
    pdpb__timestamp__init(out->timestamp);
    out->timestamp->physical = 1000 + r->count;
    out->timestamp->logical = 7;
    return 0;
}

/* A KvGet handler that echoes the key back as the value. */
static int get_handler(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                       duet_arena_t *arena, duet_err_t *err)
{
    (void)ctx;
    (void)arena;
    (void)err;
    const Kvrpcpb__GetRequest *r = (const Kvrpcpb__GetRequest *)req;
    Kvrpcpb__GetResponse *out = (Kvrpcpb__GetResponse *)resp;
    out->value = r->key;
    return 0;
}

static void test_inproc_roundtrip(void **state)
{
    (void)state;
    duet_err_t err = {0};
    rpc_server_t *s = rpc_server_create();
    assert_int_equal(rpc_server_register(s, &pdpb__pd__descriptor, "Tso", tso_handler, NULL, &err),
                     0);
    assert_int_equal(
        rpc_server_register(s, &kvrpcpb__tikv__descriptor, "KvGet", get_handler, NULL, &err), 0);
    rpc_transport_t *t = rpc_inproc_create(s);
    duet_arena_t *arena = duet_arena_create(0);

    Pdpb__TsoRequest req = PDPB__TSO_REQUEST__INIT;
    req.count = 5;
    ProtobufCMessage *resp = NULL;
    calls = 0;
    assert_int_equal(rpc_call(t, RPC_SERVICE_PD, "Tso", &req.base, &resp, arena, &err), 0);
    assert_int_equal(calls, 1);
    Pdpb__TsoResponse *tr = (Pdpb__TsoResponse *)resp;
    assert_ptr_equal(resp->descriptor, &pdpb__tso_response__descriptor);
    assert_int_equal(tr->count, 5);
    assert_non_null(tr->timestamp);
    assert_int_equal(tr->timestamp->physical, 1005);
    assert_int_equal(tr->timestamp->logical, 7);

    Kvrpcpb__GetRequest g = KVRPCPB__GET_REQUEST__INIT;
    g.key.data = (uint8_t *)"k\0ey";
    g.key.len = 4;
    assert_int_equal(rpc_call(t, RPC_SERVICE_KV, "KvGet", &g.base, &resp, arena, &err), 0);
    Kvrpcpb__GetResponse *gr = (Kvrpcpb__GetResponse *)resp;
    assert_int_equal(gr->value.len, 4);
    assert_memory_equal(gr->value.data, "k\0ey", 4);
    /* The answer was decoded from bytes, not handed over: it does not alias the request. */
    assert_ptr_not_equal(gr->value.data, g.key.data);

    rpc_transport_destroy(t);
    rpc_server_destroy(s);
    duet_arena_destroy(arena);
}

static void test_errors(void **state)
{
    (void)state;
    duet_err_t err = {0};
    rpc_server_t *s = rpc_server_create();
    assert_int_equal(rpc_server_register(s, &pdpb__pd__descriptor, "Nope", tso_handler, NULL, &err),
                     -1);
    assert_string_equal(err.msg, "rpc: service pdpb.PD has no method Nope");
    assert_int_equal(rpc_server_register(s, &pdpb__pd__descriptor, "Tso", tso_handler, NULL, &err),
                     0);
    assert_int_equal(rpc_server_register(s, &pdpb__pd__descriptor, "Tso", tso_handler, NULL, &err),
                     -1);
    rpc_transport_t *t = rpc_inproc_create(s);
    duet_arena_t *arena = duet_arena_create(0);
    ProtobufCMessage *resp = NULL;

    Pdpb__TsoRequest req = PDPB__TSO_REQUEST__INIT;
    duet_err_clear(&err);
    assert_int_equal(rpc_call(t, RPC_SERVICE_PD, "Tso", &req.base, &resp, arena, &err), -1);
    assert_null(resp);
    assert_string_equal(err.msg, "count must be positive");

    duet_err_clear(&err);
    assert_int_equal(rpc_call(t, RPC_SERVICE_PD, "AllocID", &req.base, &resp, arena, &err), -1);
    assert_string_equal(err.msg, "rpc: pdpb.PD.AllocID takes pdpb.AllocIDRequest, not "
                                 "pdpb.TsoRequest");

    Pdpb__AllocIDRequest a = PDPB__ALLOC_IDREQUEST__INIT;
    duet_err_clear(&err);
    assert_int_equal(rpc_call(t, RPC_SERVICE_PD, "AllocID", &a.base, &resp, arena, &err), -1);
    assert_string_equal(err.msg, "rpc: pdpb.PD.AllocID is not served here");

    duet_err_clear(&err);
    assert_int_equal(rpc_call(t, "nope.Svc", "X", &a.base, &resp, arena, &err), -1);
    assert_string_equal(err.msg, "rpc: unknown method nope.Svc.X");

    /* Bytes that are not a TsoRequest. */
    duet_buf_t out = DUET_BUF_INIT;
    const uint8_t junk[] = {0x10, 0xFF, 0xFF};
    duet_err_clear(&err);
    assert_int_equal(rpc_server_dispatch(s, RPC_SERVICE_PD, "Tso", junk, sizeof(junk), &out, &err),
                     -1);
    assert_string_equal(err.msg, "rpc: pdpb.PD.Tso: malformed request");
    duet_buf_free(&out);

    rpc_transport_destroy(t);
    rpc_server_destroy(s);
    duet_arena_destroy(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inproc_roundtrip),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
