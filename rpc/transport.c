/* transport.c - handler table, dispatch and the client call path of the RPC layer. */
#include "rpc/transport.h"

#include <string.h>

#include "common/mem.h"
#include "rpc/kvrpcpb.pb-c.h"
#include "rpc/pdpb.pb-c.h"

typedef struct rpc_entry {
    const ProtobufCServiceDescriptor *svc;
    const ProtobufCMethodDescriptor *method;
    rpc_handler_fn fn;
    void *ctx;
} rpc_entry_t;

/* The table is written only before serving, so dispatch reads it without a lock. */
struct rpc_server {
    rpc_entry_t *entries;
    size_t n, cap;
};

static const ProtobufCServiceDescriptor *const known_services[] = {
    &kvrpcpb__tikv__descriptor,
    &pdpb__pd__descriptor,
};

const ProtobufCServiceDescriptor *rpc_service_find(const char *service)
{
    for (size_t i = 0; i < sizeof(known_services) / sizeof(known_services[0]); i++) {
        if (strcmp(known_services[i]->name, service) == 0)
            return known_services[i];
    }
    return NULL;
}

static const ProtobufCMethodDescriptor *method_find(const ProtobufCServiceDescriptor *svc,
                                                    const char *method)
{
    for (unsigned i = 0; i < svc->n_methods; i++) {
        if (strcmp(svc->methods[i].name, method) == 0)
            return &svc->methods[i];
    }
    return NULL;
}

static void *arena_alloc_fn(void *data, size_t size)
{
    return duet_arena_alloc(data, size);
}

static void arena_free_fn(void *data, void *p)
{
    (void)data;
    (void)p;
}

void rpc_arena_allocator(ProtobufCAllocator *out, duet_arena_t *arena)
{
    out->alloc = arena_alloc_fn;
    out->free = arena_free_fn;
    out->allocator_data = arena;
}

rpc_server_t *rpc_server_create(void)
{
    return duet_calloc(1, sizeof(rpc_server_t));
}

void rpc_server_destroy(rpc_server_t *s)
{
    if (s == NULL)
        return;
    duet_free(s->entries);
    duet_free(s);
}

int rpc_server_register(rpc_server_t *s, const ProtobufCServiceDescriptor *svc, const char *method,
                        rpc_handler_fn fn, void *ctx, duet_err_t *err)
{
    const ProtobufCMethodDescriptor *m = method_find(svc, method);
    if (m == NULL)
        return duet_err_set(err, ER_GENERIC, "rpc: service %s has no method %s", svc->name, method);
    for (size_t i = 0; i < s->n; i++) {
        if (s->entries[i].method == m)
            return duet_err_set(err, ER_GENERIC, "rpc: %s.%s registered twice", svc->name, method);
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->entries = duet_realloc(s->entries, s->cap * sizeof(rpc_entry_t));
    }
    s->entries[s->n++] = (rpc_entry_t){svc, m, fn, ctx};
    return 0;
}

static const rpc_entry_t *entry_find(const rpc_server_t *s, const char *service, const char *method)
{
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->entries[i].svc->name, service) == 0 &&
            strcmp(s->entries[i].method->name, method) == 0)
            return &s->entries[i];
    }
    return NULL;
}

int rpc_server_dispatch(rpc_server_t *s, const char *service, const char *method,
                        const uint8_t *req, size_t len, duet_buf_t *out, duet_err_t *err)
{
    const rpc_entry_t *e = entry_find(s, service, method);
    if (e == NULL)
        return duet_err_set(err, ER_GENERIC, "rpc: %s.%s is not served here", service, method);
    duet_arena_t *arena = duet_arena_create(0);
    ProtobufCAllocator alloc;
    rpc_arena_allocator(&alloc, arena);
    int rc = -1;
    ProtobufCMessage *in = protobuf_c_message_unpack(e->method->input, &alloc, len, req);
    if (in == NULL) {
        duet_err_set(err, ER_GENERIC, "rpc: %s.%s: malformed request", service, method);
        goto done;
    }
    ProtobufCMessage *resp = duet_arena_alloc(arena, e->method->output->sizeof_message);
    protobuf_c_message_init(e->method->output, resp);
    if (e->fn(e->ctx, in, resp, arena, err) != 0)
        goto done;
    size_t n = protobuf_c_message_get_packed_size(resp);
    duet_buf_reserve(out, n);
    protobuf_c_message_pack(resp, (uint8_t *)out->data + out->len);
    out->len += n;
    out->data[out->len] = '\0';
    rc = 0;
done:
    duet_arena_destroy(arena);
    return rc;
}

int rpc_call(rpc_transport_t *t, const char *service, const char *method,
             const ProtobufCMessage *req, ProtobufCMessage **resp, duet_arena_t *arena,
             duet_err_t *err)
{
    *resp = NULL;
    const ProtobufCServiceDescriptor *svc = rpc_service_find(service);
    const ProtobufCMethodDescriptor *m = svc ? method_find(svc, method) : NULL;
    if (m == NULL)
        return duet_err_set(err, ER_GENERIC, "rpc: unknown method %s.%s", service, method);
    if (req->descriptor != m->input)
        return duet_err_set(err, ER_GENERIC, "rpc: %s.%s takes %s, not %s", service, method,
                            m->input->name, req->descriptor->name);
    size_t n = protobuf_c_message_get_packed_size(req);
    uint8_t *packed = duet_malloc(n ? n : 1);
    protobuf_c_message_pack(req, packed);
    duet_buf_t out = DUET_BUF_INIT;
    int rc = t->ops->call(t, service, method, packed, n, &out, err);
    duet_free(packed);
    if (rc == 0) {
        ProtobufCAllocator alloc;
        rpc_arena_allocator(&alloc, arena);
        *resp = protobuf_c_message_unpack(m->output, &alloc, out.len, (const uint8_t *)out.data);
        if (*resp == NULL)
            rc = duet_err_set(err, ER_GENERIC, "rpc: %s.%s: malformed response", service, method);
    }
    duet_buf_free(&out);
    return rc;
}

void rpc_transport_destroy(rpc_transport_t *t)
{
    if (t != NULL)
        t->ops->destroy(t);
}
