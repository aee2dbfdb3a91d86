/* client_cop.c - the kv client's coprocessor tasks: range pieces per region, retried on region
 * errors and locks, run in the caller or in parallel on the client's pool. */
#include <string.h>

#include "common/mem.h"
#include "store/kv/client_int.h"

/* ---- coprocessor ---- */

/* cop_part: a piece of a range, copied so it can outlive the caller's loop. */
typedef struct cop_part {
    duet_buf_t start, end; /* end empty: no bound */
} cop_part_t;

/* cop_run: the tasks of ranges one after another in the calling thread. */
static int cop_run(kv_client_t *c, int64_t tp, const void *dag, size_t dag_len,
                   const kv_client_range_t *ranges, size_t n, uint64_t start_ts,
                   kv_client_cop_fn fn, void *ctx, duet_err_t *err)
{
    /* Work list: what is left of the ranges, in key order. */
    cop_part_t *parts = duet_calloc(n ? n : 1, sizeof(*parts));
    for (size_t i = 0; i < n; i++) {
        duet_buf_append(&parts[i].start, ranges[i].start, ranges[i].start_len);
        duet_buf_append(&parts[i].end, ranges[i].end, ranges[i].end_len);
    }
    size_t first = 0;
    duet_arena_t *arena = duet_arena_create(0);
    int64_t deadline = kv_client_mono_ms() + c->lock_wait_ms;
    int delay = 2, rc = 0, region_retries = 0;
    while (first < n && rc == 0) {
        duet_arena_reset(arena);
        cop_part_t *p0 = &parts[first];
        if (p0->end.len &&
            kv_client_bytes_cmp(p0->start.data, p0->start.len, p0->end.data, p0->end.len) >= 0) {
            first++;
            continue;
        }
        kv_client_loc_t loc;
        if (kv_client_locate(c, p0->start.data, p0->start.len, arena, &loc, err) != 0) {
            rc = KV_CLIENT_ERR;
            break;
        }
        /* The task: every remaining range part that starts inside the region, clipped to it. */
        size_t last = first;
        while (last < n && kv_client_in_loc(&loc, parts[last].start.data, parts[last].start.len))
            last++;
        Kvrpcpb__CoprocessorRequest req = KVRPCPB__COPROCESSOR_REQUEST__INIT;
        req.tp = tp;
        req.data.data = (uint8_t *)dag;
        req.data.len = dag_len;
        req.start_ts = start_ts;
        req.n_ranges = last - first;
        req.ranges = duet_arena_alloc(arena, req.n_ranges * sizeof(*req.ranges));
        for (size_t i = first; i < last; i++) {
            Kvrpcpb__KeyRange *kr = duet_arena_alloc(arena, sizeof(*kr));
            kvrpcpb__key_range__init(kr);
            kr->start.data = (uint8_t *)parts[i].start.data;
            kr->start.len = parts[i].start.len;
            bool past = loc.end.len && (parts[i].end.len == 0 ||
                                        kv_client_bytes_cmp(parts[i].end.data, parts[i].end.len,
                                                            loc.end.data, loc.end.len) > 0);
            kr->end = past ? loc.end
                           : (ProtobufCBinaryData){parts[i].end.len, (uint8_t *)parts[i].end.data};
            req.ranges[i - first] = kr;
        }
        ProtobufCMessage *m;
        int r = kv_client_call(c, &loc, "Coprocessor", &req.base, &m, arena, err);
        if (r < 0 || (r == 1 && ++region_retries > KV_CLIENT_REGION_RETRIES)) {
            if (r == 1)
                duet_err_set(err, ER_GENERIC, "kv: coprocessor: region kept changing");
            rc = KV_CLIENT_ERR;
            break;
        }
        if (r == 1)
            continue;
        region_retries = 0; /* the limit is per request, not per whole operation */
        Kvrpcpb__CoprocessorResponse *cr = (Kvrpcpb__CoprocessorResponse *)m;
        if (cr->locked) {
            if (kv_client_settle(c, cr->locked, start_ts, &delay, deadline, arena, err) != 0)
                rc = KV_CLIENT_ERR;
            continue;
        }
        if (cr->other_error && cr->other_error[0]) {
            rc = duet_err_set(err, ER_GENERIC, "%s", cr->other_error);
            break;
        }
        if (fn(ctx, cr->data.data, cr->data.len) != 0)
            break;
        /* What the task covered is done; parts reaching past the region continue from its end. */
        for (size_t i = first; i < last; i++) {
            bool past = loc.end.len && (parts[i].end.len == 0 ||
                                        kv_client_bytes_cmp(parts[i].end.data, parts[i].end.len,
                                                            loc.end.data, loc.end.len) > 0);
            if (past) {
                duet_buf_reset(&parts[i].start);
                duet_buf_append(&parts[i].start, loc.end.data, loc.end.len);
            } else {
                first = i + 1;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        duet_buf_free(&parts[i].start);
        duet_buf_free(&parts[i].end);
    }
    duet_free(parts);
    duet_arena_destroy(arena);
    return rc;
}

/* A coprocessor task run on the pool: the ranges of one region (as first split), its answers
 * kept until the caller takes them in key order. */
typedef struct cop_shared {
    pthread_mutex_t lock; /* guards every task's done, rc, err and chunks */
    pthread_cond_t cond;  /* signalled when a task is done */
} cop_shared_t;

typedef struct cop_task {
    kv_client_t *c;
    int64_t tp;
    const void *dag;
    size_t dag_len;
    uint64_t start_ts;
    uint64_t region_id;        /* the region its ranges were cut for */
    kv_client_range_t *ranges; /* into bufs */
    duet_buf_t *bufs;          /* start and end of each range */
    size_t n;
    duet_buf_t *chunks; /* the answers in order */
    size_t n_chunks, cap_chunks;
    int rc;
    duet_err_t err;
    bool done;
    cop_shared_t *sh;
} cop_task_t;

static int cop_keep(void *ctx, const void *data, size_t len)
{
    cop_task_t *t = ctx;
    if (t->n_chunks == t->cap_chunks) {
        t->cap_chunks = t->cap_chunks ? t->cap_chunks * 2 : 4;
        t->chunks = duet_realloc(t->chunks, t->cap_chunks * sizeof(*t->chunks));
    }
    duet_buf_t *b = &t->chunks[t->n_chunks++];
    memset(b, 0, sizeof(*b));
    duet_buf_append(b, data, len);
    return 0;
}

static void cop_task_main(void *arg)
{
    cop_task_t *t = arg;
    duet_err_t err = {0};
    int rc =
        cop_run(t->c, t->tp, t->dag, t->dag_len, t->ranges, t->n, t->start_ts, cop_keep, t, &err);
    pthread_mutex_lock(&t->sh->lock);
    t->rc = rc;
    t->err = err;
    t->done = true;
    pthread_cond_broadcast(&t->sh->cond);
    pthread_mutex_unlock(&t->sh->lock);
}

static void cop_task_free(cop_task_t *t)
{
    for (size_t i = 0; i < 2 * t->n; i++)
        duet_buf_free(&t->bufs[i]);
    for (size_t i = 0; i < t->n_chunks; i++)
        duet_buf_free(&t->chunks[i]);
    duet_free(t->bufs);
    duet_free(t->ranges);
    duet_free(t->chunks);
    duet_free(t);
}

/* cop_add_range: appends [s, e) to task t. */
static void cop_add_range(cop_task_t *t, const void *s, size_t sl, const void *e, size_t el)
{
    t->bufs = duet_realloc(t->bufs, 2 * (t->n + 1) * sizeof(*t->bufs));
    t->ranges = duet_realloc(t->ranges, (t->n + 1) * sizeof(*t->ranges));
    duet_buf_t *bs = &t->bufs[2 * t->n], *be = &t->bufs[2 * t->n + 1];
    memset(bs, 0, sizeof(*bs));
    memset(be, 0, sizeof(*be));
    duet_buf_append(bs, s, sl);
    duet_buf_append(be, e, el);
    t->n++;
    /* The buffers may have moved: point every range at them again. */
    for (size_t i = 0; i < t->n; i++)
        t->ranges[i] = (kv_client_range_t){t->bufs[2 * i].data, t->bufs[2 * i].len,
                                           t->bufs[2 * i + 1].data, t->bufs[2 * i + 1].len};
}

int kv_client_set_cop_concurrency(kv_client_t *c, int n)
{
    if (c->cop_pool != NULL || n <= 1)
        return 0;
    c->cop_pool = duet_pool_create(n, "kv-cop");
    return c->cop_pool ? 0 : -1;
}

int kv_client_coprocessor(kv_client_t *c, int64_t tp, const void *dag, size_t dag_len,
                          const kv_client_range_t *ranges, size_t n, uint64_t start_ts,
                          kv_client_cop_fn fn, void *ctx, duet_err_t *err)
{
    if (c->cop_pool == NULL)
        return cop_run(c, tp, dag, dag_len, ranges, n, start_ts, fn, ctx, err);
    /* Cut the ranges by the regions as cached now; a task whose region moves re-cuts its own
     * ranges when it runs. */
    cop_task_t **tasks = NULL;
    size_t nt = 0;
    duet_arena_t *arena = duet_arena_create(0);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        duet_buf_t cur = DUET_BUF_INIT;
        duet_buf_append(&cur, ranges[i].start, ranges[i].start_len);
        for (;;) {
            if (ranges[i].end_len &&
                kv_client_bytes_cmp(cur.data, cur.len, ranges[i].end, ranges[i].end_len) >= 0)
                break;
            kv_client_loc_t loc;
            duet_arena_reset(arena);
            if (kv_client_locate(c, cur.data, cur.len, arena, &loc, err) != 0) {
                rc = KV_CLIENT_ERR;
                break;
            }
            bool past = loc.end.len && (ranges[i].end_len == 0 ||
                                        kv_client_bytes_cmp(ranges[i].end, ranges[i].end_len,
                                                            loc.end.data, loc.end.len) > 0);
            /* One task per region: ranges meeting the same region share it. */
            cop_task_t *t = nt ? tasks[nt - 1] : NULL;
            if (t == NULL || t->region_id != loc.id) {
                t = duet_calloc(1, sizeof(*t));
                t->c = c;
                t->tp = tp;
                t->dag = dag;
                t->dag_len = dag_len;
                t->start_ts = start_ts;
                t->region_id = loc.id;
                tasks = duet_realloc(tasks, (nt + 1) * sizeof(*tasks));
                tasks[nt++] = t;
            }
            if (past)
                cop_add_range(t, cur.data, cur.len, loc.end.data, loc.end.len);
            else
                cop_add_range(t, cur.data, cur.len, ranges[i].end, ranges[i].end_len);
            if (!past)
                break;
            duet_buf_reset(&cur);
            duet_buf_append(&cur, loc.end.data, loc.end.len);
        }
        duet_buf_free(&cur);
    }
    duet_arena_destroy(arena);
    cop_shared_t sh;
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.cond, NULL);
    size_t submitted = 0;
    for (size_t i = 0; i < nt && rc == 0; i++) {
        tasks[i]->sh = &sh;
        if (duet_pool_submit(c->cop_pool, cop_task_main, tasks[i]) != 0) {
            rc = duet_err_set(err, ER_GENERIC, "kv: coprocessor pool is shutting down");
            break;
        }
        submitted++;
    }
    /* Hand the answers over in key order as tasks finish; wait for every task either way. */
    bool stop = rc != 0;
    for (size_t i = 0; i < submitted; i++) {
        pthread_mutex_lock(&sh.lock);
        while (!tasks[i]->done)
            pthread_cond_wait(&sh.cond, &sh.lock);
        pthread_mutex_unlock(&sh.lock);
        if (!stop && tasks[i]->rc != 0) {
            rc = tasks[i]->rc;
            duet_err_copy(err, &tasks[i]->err);
            stop = true;
        }
        for (size_t k = 0; !stop && k < tasks[i]->n_chunks; k++) {
            if (fn(ctx, tasks[i]->chunks[k].data, tasks[i]->chunks[k].len) != 0)
                stop = true;
        }
    }
    for (size_t i = 0; i < nt; i++)
        cop_task_free(tasks[i]);
    duet_free(tasks);
    pthread_cond_destroy(&sh.cond);
    pthread_mutex_destroy(&sh.lock);
    return rc;
}
