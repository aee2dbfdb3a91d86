/* sort.c - Sort and TopN: ordering rows by expressions in memory. */
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "exec/executor.h"

typedef struct sort_exec {
    exec_executor_t base;
    exec_sort_item_t *items;
    uint32_t nitems;
    uint64_t offset, keep; /* keep: offset + count, or UINT64_MAX for a full sort */
    exec_chunk_t *in, *buf;
    uint32_t *order;
    uint32_t norder, emit;
    bool built;
    int64_t counted;
} sort_exec_t;

/* The comparison's state: qsort has no context argument in C11. */
typedef struct sort_keys {
    const types_datum_t *keys; /* nrows * nitems */
    const exec_sort_item_t *items;
    uint32_t nitems;
} sort_keys_t;

static _Thread_local const sort_keys_t *cur_keys;

static int cmp_rows(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    const sort_keys_t *k = cur_keys;
    for (uint32_t i = 0; i < k->nitems; i++) {
        const types_datum_t *x = &k->keys[(size_t)a * k->nitems + i];
        const types_datum_t *y = &k->keys[(size_t)b * k->nitems + i];
        int c = types_datum_cmp(x, y, NULL); /* NULL sorts first */
        if (c)
            return k->items[i].desc ? -c : c;
    }
    return a < b ? -1 : a > b; /* stable */
}

/* Sorts buf's rows into s->order. */
static int sort_buf(sort_exec_t *s, duet_err_t *err)
{
    exec_ctx_t *ctx = s->base.ctx;
    uint32_t n = exec_chunk_num_rows(s->buf);
    exec_column_t *cols = duet_calloc(s->nitems ? s->nitems : 1, sizeof(exec_column_t));
    types_datum_t *keys = duet_malloc(((size_t)n * s->nitems + 1) * sizeof(types_datum_t));
    int rc = 0;
    for (uint32_t i = 0; i < s->nitems; i++) {
        exec_column_init(&cols[i], &s->items[i].expr->ft, n);
        if (rc == 0)
            rc = exec_expr_eval(s->items[i].expr, s->buf, ctx, &cols[i], err);
    }
    duet_free(s->order);
    s->order = duet_malloc(((size_t)n + 1) * sizeof(uint32_t));
    s->norder = n;
    if (rc == 0) {
        for (uint32_t r = 0; r < n; r++) {
            s->order[r] = r;
            for (uint32_t i = 0; i < s->nitems; i++)
                keys[(size_t)r * s->nitems + i] = exec_column_get_datum(&cols[i], r);
        }
        sort_keys_t k = {keys, s->items, s->nitems};
        cur_keys = &k;
        qsort(s->order, n, sizeof(uint32_t), cmp_rows);
        cur_keys = NULL;
    }
    for (uint32_t i = 0; i < s->nitems; i++)
        exec_column_destroy(&cols[i]);
    duet_free(cols);
    duet_free(keys);
    return rc;
}

/* TopN: keeps only the first keep rows of buf in order. */
static int compact(sort_exec_t *s, duet_err_t *err)
{
    if (sort_buf(s, err) < 0)
        return -1;
    exec_chunk_t *nb = exec_executor_new_chunk(&s->base);
    for (uint64_t i = 0; i < s->keep && i < s->norder; i++)
        exec_chunk_append_from(nb, s->buf, s->order[i]);
    exec_chunk_free(s->buf);
    s->buf = nb;
    return 0;
}

static int track(sort_exec_t *s, duet_err_t *err)
{
    int64_t now = (int64_t)exec_chunk_mem_bytes(s->buf) + (int64_t)exec_chunk_mem_bytes(s->in);
    int64_t delta = now - s->counted;
    s->counted = now;
    return delta ? exec_mem_consume(&s->base.mem, delta, err) : 0;
}

static int build(sort_exec_t *s, duet_err_t *err)
{
    exec_executor_t *e = &s->base;
    s->in = exec_executor_new_chunk(e->child);
    s->buf = exec_executor_new_chunk(e);
    for (;;) {
        if (exec_executor_next(e->child, s->in, err) < 0)
            return -1;
        uint32_t n = exec_chunk_logical_rows(s->in);
        if (n == 0)
            break;
        for (uint32_t i = 0; i < n; i++)
            exec_chunk_append_from(s->buf, s->in, exec_chunk_row_at(s->in, i));
        uint32_t rows = exec_chunk_num_rows(s->buf);
        if (s->keep != UINT64_MAX && rows >= e->chunk_cap && rows / 2 >= s->keep &&
            compact(s, err) < 0)
            return -1;
        if (track(s, err) < 0)
            return -1;
    }
    if (e->ctx->arena)
        duet_arena_reset(e->ctx->arena);
    if (sort_buf(s, err) < 0)
        return -1;
    s->emit = s->offset < s->norder ? (uint32_t)s->offset : s->norder;
    if (s->keep < s->norder)
        s->norder = (uint32_t)s->keep;
    s->built = true;
    return 0;
}

static int sort_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    sort_exec_t *s = (sort_exec_t *)e;
    if (!s->built && build(s, err) < 0)
        return -1;
    while (s->emit < s->norder && exec_chunk_num_rows(out) < out->capacity)
        exec_chunk_append_from(out, s->buf, s->order[s->emit++]);
    return 0;
}

static void sort_destroy(exec_executor_t *e)
{
    sort_exec_t *s = (sort_exec_t *)e;
    exec_chunk_free(s->in);
    exec_chunk_free(s->buf);
    duet_free(s->order);
    duet_free(s->items);
}

static const exec_executor_ops_t sort_ops = {"Sort", NULL, sort_next, NULL, sort_destroy};
static const exec_executor_ops_t topn_ops = {"TopN", NULL, sort_next, NULL, sort_destroy};

static exec_executor_t *sort_make(const exec_executor_ops_t *ops, exec_ctx_t *ctx,
                                  exec_mem_tracker_t *query, exec_executor_t *child,
                                  const exec_sort_item_t *items, uint32_t nitems, uint64_t offset,
                                  uint64_t keep)
{
    sort_exec_t *s = duet_calloc(1, sizeof(*s));
    exec_executor_init(&s->base, ops, ctx, query, child, child->schema, child->ncols, 0);
    s->items = duet_malloc((nitems ? nitems : 1) * sizeof(exec_sort_item_t));
    if (nitems)
        memcpy(s->items, items, nitems * sizeof(exec_sort_item_t));
    s->nitems = nitems;
    s->offset = offset;
    s->keep = keep;
    return &s->base;
}

exec_executor_t *exec_sort_new(exec_ctx_t *ctx, exec_mem_tracker_t *query, exec_executor_t *child,
                               const exec_sort_item_t *items, uint32_t nitems)
{
    return sort_make(&sort_ops, ctx, query, child, items, nitems, 0, UINT64_MAX);
}

exec_executor_t *exec_topn_new(exec_ctx_t *ctx, exec_mem_tracker_t *query, exec_executor_t *child,
                               const exec_sort_item_t *items, uint32_t nitems, uint64_t offset,
                               uint64_t count)
{
    uint64_t keep = offset + count < offset ? UINT64_MAX - 1 : offset + count;
    return sort_make(&topn_ops, ctx, query, child, items, nitems, offset, keep);
}
