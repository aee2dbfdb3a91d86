/* inproc.c - the in-process transport: dispatches encoded requests to a server in the caller's
 * thread, so the bytes crossing it are exactly what gRPC will carry. */
#include "common/mem.h"
#include "rpc/transport.h"

typedef struct rpc_inproc {
    rpc_transport_t base;
    rpc_server_t *server; /* borrowed; outlives the transport */
} rpc_inproc_t;

static int inproc_call(rpc_transport_t *t, const char *service, const char *method,
                       const uint8_t *req, size_t len, duet_buf_t *out, duet_err_t *err)
{
    rpc_inproc_t *ip = (rpc_inproc_t *)t;
    return rpc_server_dispatch(ip->server, service, method, req, len, out, err);
}

static void inproc_destroy(rpc_transport_t *t)
{
    duet_free(t);
}

static const rpc_transport_ops_t inproc_ops = {inproc_call, inproc_destroy};

rpc_transport_t *rpc_inproc_create(rpc_server_t *server)
{
    rpc_inproc_t *ip = duet_calloc(1, sizeof(*ip));
    ip->base.ops = &inproc_ops;
    ip->server = server;
    return &ip->base;
}
