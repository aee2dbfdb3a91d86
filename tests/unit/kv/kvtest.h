/* kvtest.h - a pd + kv node fixture in a temporary directory, served over the in-process rpc
 * transport, and short helpers that route requests to regions through pd. */
#ifndef DUET_TESTS_UNIT_KV_KVTEST_H
#define DUET_TESTS_UNIT_KV_KVTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "rpc/kvrpcpb.pb-c.h"
#include "rpc/pdpb.pb-c.h"
#include "store/kv/node.h"
#include "store/pd/pd.h"

typedef struct kvt {
    char dir[256];
    kv_node_options_t opts;
    pd_server_t *pd;
    kv_node_t *kv;
    rpc_server_t *server;
    rpc_transport_t *t;
    duet_arena_t *arena; /* responses; reset by the tests when they like */
} kvt_t;

/* kvt_create: a fresh directory with pd and one kv node; split_size 0 keeps the default. */
kvt_t *kvt_create(uint64_t split_size, bool sync_log);
/* kvt_create_with: the same with every node option given. */
kvt_t *kvt_create_with(const kv_node_options_t *opts);
/* kvt_open_at: opens pd and a node on an existing directory (kvt_destroy removes it). */
kvt_t *kvt_open_at(const char *dir, const kv_node_options_t *opts);
/* kvt_restart: closes and reopens both from the same directory. */
void kvt_restart(kvt_t *f);
/* kvt_destroy: closes everything and removes the directory. */
void kvt_destroy(kvt_t *f);

/* kvt_ctx: a request context for the region holding key, looked up in pd. */
Kvrpcpb__Context *kvt_ctx(kvt_t *f, const char *key);

/* kvt_call: an rpc to the kv service that must succeed at the transport level. */
void *kvt_call(kvt_t *f, const char *method, const ProtobufCMessage *req);

/* Results of kvt_get. */
#define KVT_NOT_FOUND "<not found>"
#define KVT_LOCKED    "<locked>"
/* kvt_get: the value at ts as a string, or KVT_NOT_FOUND / KVT_LOCKED. */
const char *kvt_get(kvt_t *f, const char *key, uint64_t ts);

/* kvt_prewrite: prewrites key=value (value NULL: delete) with primary; returns the first key
 * error or NULL. */
Kvrpcpb__KeyError *kvt_prewrite(kvt_t *f, const char *key, const char *value, const char *primary,
                                uint64_t start_ts, uint64_t ttl);
/* kvt_prewrite_op: the same with an explicit op. */
Kvrpcpb__KeyError *kvt_prewrite_op(kvt_t *f, Kvrpcpb__Op op, const char *key, const char *value,
                                   const char *primary, uint64_t start_ts, uint64_t ttl);
/* kvt_commit / kvt_rollback: one key; returns the key error or NULL. */
Kvrpcpb__KeyError *kvt_commit(kvt_t *f, const char *key, uint64_t start_ts, uint64_t commit_ts);
Kvrpcpb__KeyError *kvt_rollback(kvt_t *f, const char *key, uint64_t start_ts);
/* kvt_put: prewrite + commit of one key (asserts success). */
void kvt_put(kvt_t *f, const char *key, const char *value, uint64_t start_ts, uint64_t commit_ts);

/* kvt_bytes: a ProtobufCBinaryData over a C string. */
ProtobufCBinaryData kvt_bytes(const char *s);

#endif
