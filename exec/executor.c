/* executor.c - the executor protocol with statistics, scans, the chunk-list source, selection,
 * projection and limit. */
#include "exec/executor.h"

#include <assert.h>
#include <string.h>
#include <time.h>

#include "common/mem.h"

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void exec_executor_init(exec_executor_t *e, const exec_executor_ops_t *ops, exec_ctx_t *ctx,
                        exec_mem_tracker_t *query, exec_executor_t *child,
                        const types_field_type_t *schema, uint32_t ncols, uint32_t chunk_cap)
{
    e->ops = ops;
    e->ctx = ctx;
    e->child = child;
    e->ncols = ncols;
    e->schema = duet_malloc((ncols ? ncols : 1) * sizeof(types_field_type_t));
    if (ncols)
        memcpy(e->schema, schema, ncols * sizeof(types_field_type_t));
    e->chunk_cap = chunk_cap ? chunk_cap : (child ? child->chunk_cap : EXEC_CHUNK_DEFAULT_CAP);
    exec_mem_tracker_init(&e->mem, query, ops->name, 0);
    memset(&e->stats, 0, sizeof(e->stats));
}

int exec_executor_open(exec_executor_t *e, duet_err_t *err)
{
    uint64_t t = now_ns();
    int rc = 0;
    if (e->child)
        rc = exec_executor_open(e->child, err);
    if (rc == 0 && e->ops->open)
        rc = e->ops->open(e, err);
    e->stats.time_ns += now_ns() - t;
    return rc;
}

int exec_executor_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    uint64_t t = now_ns();
    exec_chunk_reset(out);
    int rc = e->ops->next(e, out, err);
    e->stats.loops++;
    if (rc == 0)
        e->stats.rows += exec_chunk_logical_rows(out);
    e->stats.mem_max = exec_mem_max(&e->mem);
    e->stats.time_ns += now_ns() - t;
    return rc;
}

void exec_executor_close(exec_executor_t *e)
{
    uint64_t t = now_ns();
    if (e->ops->close)
        e->ops->close(e);
    if (e->child)
        exec_executor_close(e->child);
    e->stats.time_ns += now_ns() - t;
}

void exec_executor_free(exec_executor_t *e)
{
    if (!e)
        return;
    exec_executor_free(e->child);
    if (e->ops->destroy)
        e->ops->destroy(e);
    exec_mem_release_all(&e->mem);
    duet_free(e->schema);
    duet_free(e);
}

exec_chunk_t *exec_executor_new_chunk(const exec_executor_t *e)
{
    return exec_chunk_new(e->schema, e->ncols, e->chunk_cap);
}

int64_t exec_executor_mem_max(const exec_executor_t *e)
{
    return exec_mem_max(&e->mem);
}

/* Tracks the bytes chunk c holds as e's (replacing what was counted before). */
static int track_chunk(exec_executor_t *e, const exec_chunk_t *c, int64_t *counted, duet_err_t *err)
{
    int64_t now = (int64_t)exec_chunk_mem_bytes(c);
    int64_t delta = now - *counted;
    *counted = now;
    return delta ? exec_mem_consume(&e->mem, delta, err) : 0;
}

/* ---- scan ---- */

typedef struct scan {
    exec_executor_t base;
    const exec_scan_source_t *src;
    void *state;
    int64_t counted;
    bool opened;
} scan_t;

static int scan_open(exec_executor_t *e, duet_err_t *err)
{
    scan_t *s = (scan_t *)e;
    if (s->src->open && s->src->open(s->state, err) < 0)
        return -1;
    s->opened = true;
    return 0;
}

static int scan_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    scan_t *s = (scan_t *)e;
    if (s->src->next(s->state, out, err) < 0)
        return -1;
    return track_chunk(e, out, &s->counted, err);
}

static void scan_close(exec_executor_t *e)
{
    scan_t *s = (scan_t *)e;
    if (s->opened && s->src->close)
        s->src->close(s->state);
    s->opened = false;
}

static const exec_executor_ops_t scan_ops = {"TableScan", scan_open, scan_next, scan_close, NULL};

exec_executor_t *exec_scan_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                               const exec_scan_source_t *src, void *state,
                               const types_field_type_t *schema, uint32_t ncols, uint32_t chunk_cap)
{
    scan_t *s = duet_calloc(1, sizeof(*s));
    exec_executor_init(&s->base, &scan_ops, ctx, query, NULL, schema, ncols, chunk_cap);
    s->src = src;
    s->state = state;
    return &s->base;
}

/* ---- chunk list source ---- */

static int list_open(void *state, duet_err_t *err)
{
    (void)err;
    exec_chunk_list_t *l = state;
    l->pos = l->row = 0;
    return 0;
}

static int list_next(void *state, exec_chunk_t *out, duet_err_t *err)
{
    (void)err;
    exec_chunk_list_t *l = state;
    while (l->pos < l->n && exec_chunk_num_rows(out) < out->capacity) {
        const exec_chunk_t *c = l->chunks[l->pos];
        uint32_t n = exec_chunk_logical_rows(c);
        uint32_t room = out->capacity - exec_chunk_num_rows(out);
        uint32_t take = n - l->row < room ? n - l->row : room;
        if (!c->has_sel) {
            exec_chunk_append_range(out, c, l->row, take);
            l->row += take;
        }
        while (l->row < n && exec_chunk_num_rows(out) < out->capacity)
            exec_chunk_append_from(out, c, exec_chunk_row_at(c, l->row++));
        if (l->row >= n) {
            l->pos++;
            l->row = 0;
        }
    }
    return 0;
}

const exec_scan_source_t exec_chunk_list_source = {list_open, list_next, NULL};

/* ---- selection ---- */

typedef struct selection {
    exec_executor_t base;
    exec_expr_t **conds;
    uint32_t nconds;
} selection_t;

static int selection_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    selection_t *s = (selection_t *)e;
    for (;;) {
        if (exec_executor_next(e->child, out, err) < 0)
            return -1;
        if (exec_chunk_logical_rows(out) == 0)
            return 0;
        if (e->ctx->arena)
            duet_arena_reset(e->ctx->arena);
        if (exec_expr_filter(s->conds, s->nconds, out, e->ctx, err) < 0)
            return -1;
        if (exec_chunk_logical_rows(out) > 0)
            return 0;
    }
}

static void selection_destroy(exec_executor_t *e)
{
    duet_free(((selection_t *)e)->conds);
}

static const exec_executor_ops_t selection_ops = {"Selection", NULL, selection_next, NULL,
                                                  selection_destroy};

exec_executor_t *exec_selection_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                    exec_executor_t *child, exec_expr_t *const *conds,
                                    uint32_t nconds)
{
    selection_t *s = duet_calloc(1, sizeof(*s));
    exec_executor_init(&s->base, &selection_ops, ctx, query, child, child->schema, child->ncols, 0);
    s->conds = duet_malloc((nconds ? nconds : 1) * sizeof(exec_expr_t *));
    if (nconds)
        memcpy(s->conds, conds, nconds * sizeof(exec_expr_t *));
    s->nconds = nconds;
    return &s->base;
}

/* ---- projection ---- */

typedef struct projection {
    exec_executor_t base;
    exec_expr_t **exprs;
    exec_chunk_t *in;
    int64_t counted;
} projection_t;

static int projection_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    projection_t *p = (projection_t *)e;
    if (!p->in)
        p->in = exec_executor_new_chunk(e->child);
    if (exec_executor_next(e->child, p->in, err) < 0)
        return -1;
    uint32_t n = exec_chunk_logical_rows(p->in);
    if (n == 0)
        return 0;
    for (uint32_t i = 0; i < e->ncols; i++)
        if (exec_expr_eval(p->exprs[i], p->in, e->ctx, &out->cols[i], err) < 0)
            return -1;
    if (e->ncols == 0)
        out->virt_rows = exec_chunk_num_rows(p->in);
    if (p->in->has_sel)
        exec_chunk_set_sel(out, p->in->sel, p->in->nsel);
    return track_chunk(e, p->in, &p->counted, err);
}

static void projection_destroy(exec_executor_t *e)
{
    projection_t *p = (projection_t *)e;
    exec_chunk_free(p->in);
    duet_free(p->exprs);
}

static const exec_executor_ops_t projection_ops = {"Projection", NULL, projection_next, NULL,
                                                   projection_destroy};

exec_executor_t *exec_projection_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                     exec_executor_t *child, exec_expr_t *const *exprs,
                                     uint32_t nexprs)
{
    projection_t *p = duet_calloc(1, sizeof(*p));
    types_field_type_t *fts = duet_malloc((nexprs ? nexprs : 1) * sizeof(types_field_type_t));
    for (uint32_t i = 0; i < nexprs; i++)
        fts[i] = exprs[i]->ft;
    exec_executor_init(&p->base, &projection_ops, ctx, query, child, fts, nexprs, 0);
    duet_free(fts);
    p->exprs = duet_malloc((nexprs ? nexprs : 1) * sizeof(exec_expr_t *));
    if (nexprs)
        memcpy(p->exprs, exprs, nexprs * sizeof(exec_expr_t *));
    return &p->base;
}

/* ---- limit ---- */

typedef struct limit {
    exec_executor_t base;
    uint64_t offset, count;
    uint64_t seen; /* logical rows read from the child */
} limit_t;

static int limit_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    limit_t *l = (limit_t *)e;
    uint64_t end = l->offset + l->count < l->offset ? UINT64_MAX : l->offset + l->count;
    for (;;) {
        if (l->seen >= end)
            return 0; /* out is empty: the end */
        if (exec_executor_next(e->child, out, err) < 0)
            return -1;
        uint32_t n = exec_chunk_logical_rows(out);
        if (n == 0)
            return 0;
        uint64_t from = l->seen, to = l->seen + n;
        l->seen = to;
        if (to <= l->offset)
            continue;
        uint32_t a = from < l->offset ? (uint32_t)(l->offset - from) : 0;
        uint32_t b = to > end ? (uint32_t)(end - from) : n;
        if (a == 0 && b == n)
            return 0;
        uint32_t *rows = duet_malloc((size_t)(b - a) * sizeof(uint32_t));
        for (uint32_t i = a; i < b; i++)
            rows[i - a] = exec_chunk_row_at(out, i);
        exec_chunk_set_sel(out, rows, b - a);
        duet_free(rows);
        return 0;
    }
}

static const exec_executor_ops_t limit_ops = {"Limit", NULL, limit_next, NULL, NULL};

exec_executor_t *exec_limit_new(exec_ctx_t *ctx, exec_mem_tracker_t *query, exec_executor_t *child,
                                uint64_t offset, uint64_t count)
{
    limit_t *l = duet_calloc(1, sizeof(*l));
    exec_executor_init(&l->base, &limit_ops, ctx, query, child, child->schema, child->ncols, 0);
    l->offset = offset;
    l->count = count;
    return &l->base;
}

/* ---- union all ---- */

typedef struct union_all {
    exec_executor_t base;
    exec_executor_t **children; /* children[0] is base.child */
    uint32_t n, cur;
} union_all_t;

static int union_open(exec_executor_t *e, duet_err_t *err)
{
    union_all_t *u = (union_all_t *)e;
    for (uint32_t i = 1; i < u->n; i++)
        if (exec_executor_open(u->children[i], err) < 0)
            return -1;
    return 0;
}

static int union_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    union_all_t *u = (union_all_t *)e;
    while (u->cur < u->n) {
        if (exec_executor_next(u->children[u->cur], out, err) < 0)
            return -1;
        if (exec_chunk_logical_rows(out) > 0)
            return 0;
        u->cur++;
    }
    return 0;
}

static void union_close(exec_executor_t *e)
{
    union_all_t *u = (union_all_t *)e;
    for (uint32_t i = 1; i < u->n; i++)
        exec_executor_close(u->children[i]);
}

static void union_destroy(exec_executor_t *e)
{
    union_all_t *u = (union_all_t *)e;
    for (uint32_t i = 1; i < u->n; i++)
        exec_executor_free(u->children[i]);
    duet_free(u->children);
}

static const exec_executor_ops_t union_ops = {"UnionAll", union_open, union_next, union_close,
                                              union_destroy};

exec_executor_t *exec_union_all_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                    exec_executor_t *const *children, uint32_t n)
{
    assert(n > 0);
    union_all_t *u = duet_calloc(1, sizeof(*u));
    exec_executor_init(&u->base, &union_ops, ctx, query, children[0], children[0]->schema,
                       children[0]->ncols, 0);
    u->children = duet_malloc(n * sizeof(exec_executor_t *));
    memcpy(u->children, children, n * sizeof(exec_executor_t *));
    u->n = n;
    return &u->base;
}
