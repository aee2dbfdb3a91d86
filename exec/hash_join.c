/* hash_join.c - hash join (inner, left outer, semi, anti semi) on equal keys. */
#include <string.h>
#include <xxhash.h>

#include "common/mem.h"
#include "exec/executor.h"
#include "types/codec.h"

typedef struct hash_join {
    exec_executor_t base;
    exec_executor_t *build;
    exec_join_type_t type;
    exec_expr_t **pkeys, **bkeys;
    uint32_t nkeys;
    /* build side */
    exec_chunk_t *brows; /* every build row */
    duet_buf_t bkeybuf;  /* encoded keys, back to back */
    size_t *bkey_off;    /* nbuild + 1 offsets into bkeybuf */
    uint64_t *bhash;     /* per build row */
    uint32_t *heads;     /* hash bucket -> build row + 1 */
    uint32_t *chain;     /* build row -> next build row + 1 */
    uint32_t nbuckets;
    bool built;
    bool build_has_null; /* a build row has a NULL key */
    int64_t counted;
    /* probe state */
    exec_chunk_t *in;
    exec_column_t *pcols; /* probe key columns of the current chunk */
    uint32_t pos;         /* logical row of in being probed */
    uint32_t cursor;      /* next candidate build row + 1, 0 when the row is done */
    bool row_started, row_matched;
    duet_buf_t key;
} hash_join_t;

/* Encodes row r's keys from cols into b; false when a key is NULL. */
static bool encode_key(const exec_column_t *cols, uint32_t n, uint32_t r, duet_buf_t *b)
{
    duet_buf_reset(b);
    for (uint32_t k = 0; k < n; k++) {
        if (exec_column_is_null(&cols[k], r))
            return false;
        types_datum_t d = exec_column_get_datum(&cols[k], r);
        types_key_encode_datum(b, &d);
    }
    return true;
}

static int track(hash_join_t *j, duet_err_t *err)
{
    int64_t now = (int64_t)exec_chunk_mem_bytes(j->brows) + (int64_t)j->bkeybuf.cap +
                  (int64_t)exec_chunk_num_rows(j->brows) * 24 + (int64_t)j->nbuckets * 4;
    int64_t delta = now - j->counted;
    j->counted = now;
    return delta ? exec_mem_consume(&j->base.mem, delta, err) : 0;
}

static int eval_keys(exec_expr_t **keys, uint32_t n, exec_chunk_t *c, exec_ctx_t *ctx,
                     exec_column_t *cols, duet_err_t *err)
{
    for (uint32_t k = 0; k < n; k++)
        if (exec_expr_eval(keys[k], c, ctx, &cols[k], err) < 0)
            return -1;
    return 0;
}

static int build_table(hash_join_t *j, duet_err_t *err)
{
    exec_executor_t *b = j->build;
    exec_chunk_t *in = exec_executor_new_chunk(b);
    j->brows = exec_executor_new_chunk(b);
    int rc = 0;
    for (;;) {
        rc = exec_executor_next(b, in, err);
        if (rc < 0 || exec_chunk_logical_rows(in) == 0)
            break;
        for (uint32_t i = 0; i < exec_chunk_logical_rows(in); i++)
            exec_chunk_append_from(j->brows, in, exec_chunk_row_at(in, i));
        if ((rc = track(j, err)) < 0)
            break;
    }
    exec_chunk_free(in);
    if (rc < 0)
        return -1;
    uint32_t n = exec_chunk_num_rows(j->brows);
    exec_column_t *cols = duet_calloc(j->nkeys ? j->nkeys : 1, sizeof(exec_column_t));
    for (uint32_t k = 0; k < j->nkeys; k++)
        exec_column_init(&cols[k], &j->bkeys[k]->ft, n);
    rc = eval_keys(j->bkeys, j->nkeys, j->brows, j->base.ctx, cols, err);
    j->nbuckets = 1;
    while (j->nbuckets < n * 2)
        j->nbuckets *= 2;
    j->heads = duet_calloc(j->nbuckets, sizeof(uint32_t));
    j->chain = duet_calloc(n ? n : 1, sizeof(uint32_t));
    j->bhash = duet_calloc(n ? n : 1, sizeof(uint64_t));
    j->bkey_off = duet_calloc((size_t)n + 1, sizeof(size_t));
    duet_buf_t one = DUET_BUF_INIT;
    /* insert in reverse so each chain lists rows in input order */
    for (uint32_t r = 0; r < n && rc == 0; r++) {
        j->bkey_off[r] = j->bkeybuf.len;
        if (!encode_key(cols, j->nkeys, r, &one)) {
            j->bhash[r] = UINT64_MAX; /* NULL key: never matches */
            j->build_has_null = true;
            continue;
        }
        duet_buf_append(&j->bkeybuf, one.data, one.len);
        j->bhash[r] = XXH3_64bits(one.data, one.len);
    }
    j->bkey_off[n] = j->bkeybuf.len;
    for (uint32_t r = n; r-- > 0 && rc == 0;) {
        if (j->bkey_off[r + 1] == j->bkey_off[r] && j->nkeys)
            continue;
        uint32_t bkt = (uint32_t)j->bhash[r] & (j->nbuckets - 1);
        j->chain[r] = j->heads[bkt];
        j->heads[bkt] = r + 1;
    }
    duet_buf_free(&one);
    for (uint32_t k = 0; k < j->nkeys; k++)
        exec_column_destroy(&cols[k]);
    duet_free(cols);
    j->built = true;
    return rc == 0 ? track(j, err) : -1;
}

/* The next build row at or after candidate c (row + 1) whose key equals j->key. */
static uint32_t next_match(const hash_join_t *j, uint32_t c, uint64_t h)
{
    for (; c; c = j->chain[c - 1]) {
        uint32_t r = c - 1;
        size_t len = j->bkey_off[r + 1] - j->bkey_off[r];
        if (j->bhash[r] == h && len == j->key.len &&
            memcmp(j->bkeybuf.data + j->bkey_off[r], j->key.data, len) == 0)
            return c;
    }
    return 0;
}

static void emit(hash_join_t *j, exec_chunk_t *out, uint32_t prow, int64_t brow)
{
    uint32_t np = j->in->ncols;
    for (uint32_t i = 0; i < np; i++)
        exec_column_append_from(&out->cols[i], &j->in->cols[i], prow);
    if (j->type != EXEC_JOIN_INNER && j->type != EXEC_JOIN_LEFT_OUTER)
        return;
    for (uint32_t i = 0; i < j->brows->ncols; i++) {
        if (brow < 0)
            exec_column_append_null(&out->cols[np + i]);
        else
            exec_column_append_from(&out->cols[np + i], &j->brows->cols[i], (uint32_t)brow);
    }
}

static int hash_join_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    hash_join_t *j = (hash_join_t *)e;
    if (!j->built && build_table(j, err) < 0)
        return -1;
    if (!j->in) {
        j->in = exec_executor_new_chunk(e->child);
        j->pcols = duet_calloc(j->nkeys ? j->nkeys : 1, sizeof(exec_column_t));
        for (uint32_t k = 0; k < j->nkeys; k++)
            exec_column_init(&j->pcols[k], &j->pkeys[k]->ft, 0);
        j->pos = UINT32_MAX; /* no chunk yet */
    }
    while (exec_chunk_num_rows(out) < out->capacity) {
        if (j->pos == UINT32_MAX || j->pos >= exec_chunk_logical_rows(j->in)) {
            if (exec_executor_next(e->child, j->in, err) < 0)
                return -1;
            if (exec_chunk_logical_rows(j->in) == 0)
                return 0;
            if (eval_keys(j->pkeys, j->nkeys, j->in, e->ctx, j->pcols, err) < 0)
                return -1;
            j->pos = 0;
            j->row_started = false;
        }
        uint32_t r = exec_chunk_row_at(j->in, j->pos);
        uint64_t h = 0;
        bool has_key = encode_key(j->pcols, j->nkeys, r, &j->key);
        if (has_key)
            h = XXH3_64bits(j->key.data ? j->key.data : "", j->key.len);
        if (!j->row_started) {
            j->row_started = true;
            j->row_matched = false;
            j->cursor = has_key && j->nbuckets ? j->heads[(uint32_t)h & (j->nbuckets - 1)] : 0;
        }
        uint32_t m = has_key ? next_match(j, j->cursor, h) : 0;
        bool done = true;
        if (m) {
            j->row_matched = true;
            if (j->type == EXEC_JOIN_INNER || j->type == EXEC_JOIN_LEFT_OUTER) {
                emit(j, out, r, (int64_t)m - 1);
                j->cursor = j->chain[m - 1];
                done = false;
            } else if (j->type == EXEC_JOIN_SEMI) {
                emit(j, out, r, -1);
            }
        } else if (!j->row_matched &&
                   (j->type == EXEC_JOIN_LEFT_OUTER || j->type == EXEC_JOIN_ANTI_SEMI)) {
            emit(j, out, r, -1);
        } else if (!j->row_matched && j->type == EXEC_JOIN_NULL_AWARE_ANTI_SEMI) {
            bool build_empty = exec_chunk_num_rows(j->brows) == 0;
            if (build_empty || (has_key && !j->build_has_null))
                emit(j, out, r, -1);
        }
        if (done) {
            j->pos++;
            j->row_started = false;
        }
    }
    return 0;
}

static int hash_join_open(exec_executor_t *e, duet_err_t *err)
{
    return exec_executor_open(((hash_join_t *)e)->build, err);
}

static void hash_join_close(exec_executor_t *e)
{
    exec_executor_close(((hash_join_t *)e)->build);
}

static void hash_join_destroy(exec_executor_t *e)
{
    hash_join_t *j = (hash_join_t *)e;
    exec_executor_free(j->build);
    exec_chunk_free(j->brows);
    exec_chunk_free(j->in);
    if (j->pcols)
        for (uint32_t k = 0; k < j->nkeys; k++)
            exec_column_destroy(&j->pcols[k]);
    duet_free(j->pcols);
    duet_buf_free(&j->bkeybuf);
    duet_buf_free(&j->key);
    duet_free(j->bkey_off);
    duet_free(j->bhash);
    duet_free(j->heads);
    duet_free(j->chain);
    duet_free(j->pkeys);
    duet_free(j->bkeys);
}

static const exec_executor_ops_t hash_join_ops = {"HashJoin", hash_join_open, hash_join_next,
                                                  hash_join_close, hash_join_destroy};

exec_executor_t *exec_hash_join_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                    exec_executor_t *probe, exec_executor_t *build,
                                    exec_join_type_t type, exec_expr_t *const *probe_keys,
                                    exec_expr_t *const *build_keys, uint32_t nkeys)
{
    bool both = type == EXEC_JOIN_INNER || type == EXEC_JOIN_LEFT_OUTER;
    uint32_t ncols = probe->ncols + (both ? build->ncols : 0);
    types_field_type_t *fts = duet_malloc((ncols ? ncols : 1) * sizeof(types_field_type_t));
    if (probe->ncols)
        memcpy(fts, probe->schema, probe->ncols * sizeof(types_field_type_t));
    for (uint32_t i = 0; both && i < build->ncols; i++) {
        fts[probe->ncols + i] = build->schema[i];
        if (type == EXEC_JOIN_LEFT_OUTER)
            fts[probe->ncols + i].flags &= ~TYPES_FLAG_NOT_NULL;
    }
    hash_join_t *j = duet_calloc(1, sizeof(*j));
    exec_executor_init(&j->base, &hash_join_ops, ctx, query, probe, fts, ncols, 0);
    duet_free(fts);
    j->build = build;
    j->type = type;
    j->nkeys = nkeys;
    j->pkeys = duet_malloc((nkeys ? nkeys : 1) * sizeof(exec_expr_t *));
    j->bkeys = duet_malloc((nkeys ? nkeys : 1) * sizeof(exec_expr_t *));
    if (nkeys) {
        memcpy(j->pkeys, probe_keys, nkeys * sizeof(exec_expr_t *));
        memcpy(j->bkeys, build_keys, nkeys * sizeof(exec_expr_t *));
    }
    return &j->base;
}
