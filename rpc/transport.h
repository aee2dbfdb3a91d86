/* transport.h - the RPC layer: services register handlers by method, clients call through a
 * transport (in-process now, gRPC later) with protobuf-c messages serialised either way. */
#ifndef DUET_RPC_TRANSPORT_H
#define DUET_RPC_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/err.h"

/* Service names as the .proto files spell them (package.Service). */
#define RPC_SERVICE_KV "kvrpcpb.Tikv"
#define RPC_SERVICE_PD "pdpb.PD"

/*
 * rpc_handler_fn: serves one call. req is the decoded request (valid during the call); resp is
 * an initialised message of the method's output type for the handler to fill. Everything the
 * handler hangs off resp must come from arena (or point into req); the transport serialises resp
 * after the handler returns and then drops the arena. Business errors (region and key errors)
 * go into resp; return -1 with err set only when the call itself failed. A handler never knows
 * which transport called it, and may be called from any thread concurrently.
 */
typedef int (*rpc_handler_fn)(void *ctx, const ProtobufCMessage *req, ProtobufCMessage *resp,
                              duet_arena_t *arena, duet_err_t *err);

/*
 * rpc_server_t: the handler table of one node. Handlers are registered before the first call;
 * afterwards the table is read-only and dispatch may run on any thread.
 */
typedef struct rpc_server rpc_server_t;

/* rpc_server_create: an empty table. Never returns NULL. */
rpc_server_t *rpc_server_create(void);

/* rpc_server_destroy: frees the table (not the handlers' contexts). NULL is allowed. */
void rpc_server_destroy(rpc_server_t *s);

/*
 * rpc_server_register: serves svc's method (its name as in the .proto, e.g. "KvGet") with
 * fn(ctx, ...). Returns 0, or -1 with err set when the service has no such method or the method
 * is already registered. Not thread-safe: register before serving.
 */
int rpc_server_register(rpc_server_t *s, const ProtobufCServiceDescriptor *svc, const char *method,
                        rpc_handler_fn fn, void *ctx, duet_err_t *err);

/*
 * rpc_server_dispatch: decodes req[0..len) for service.method, runs its handler, and appends
 * the encoded response to out. Returns 0, or -1 with err set when the method is unknown or not
 * registered, the request does not decode, or the handler failed. Any thread.
 */
int rpc_server_dispatch(rpc_server_t *s, const char *service, const char *method,
                        const uint8_t *req, size_t len, duet_buf_t *out, duet_err_t *err);

/*
 * rpc_transport_t: how a client reaches a server. A transport implementation embeds this
 * struct first and supplies ops; call moves encoded bytes, nothing more.
 */
typedef struct rpc_transport rpc_transport_t;
typedef struct rpc_transport_ops {
    int (*call)(rpc_transport_t *t, const char *service, const char *method, const uint8_t *req,
                size_t len, duet_buf_t *out, duet_err_t *err);
    void (*destroy)(rpc_transport_t *t);
} rpc_transport_ops_t;
struct rpc_transport {
    const rpc_transport_ops_t *ops;
};

/* rpc_inproc_create: a transport that dispatches to server in the calling thread. The server
 * must outlive the transport. Never returns NULL. */
rpc_transport_t *rpc_inproc_create(rpc_server_t *server);

/* rpc_transport_destroy: closes and frees a transport of any kind. NULL is allowed. */
void rpc_transport_destroy(rpc_transport_t *t);

/* rpc_service_find: the descriptor of a known service by name (RPC_SERVICE_KV, RPC_SERVICE_PD),
 * or NULL. */
const ProtobufCServiceDescriptor *rpc_service_find(const char *service);

/*
 * rpc_call: calls service.method with req (of the method's input type) and decodes the answer
 * into *resp, allocated in arena (valid until the arena is reset). Returns 0, or -1 with err
 * set when the method is unknown, req has the wrong type, the transport failed, or the handler
 * failed (*resp is then NULL). Thread-safe when the transport is.
 */
int rpc_call(rpc_transport_t *t, const char *service, const char *method,
             const ProtobufCMessage *req, ProtobufCMessage **resp, duet_arena_t *arena,
             duet_err_t *err);

/* rpc_arena_allocator: a protobuf-c allocator that takes memory from arena and never frees. */
void rpc_arena_allocator(ProtobufCAllocator *out, duet_arena_t *arena);

#endif
