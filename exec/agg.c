/* agg.c - hash aggregation (COUNT, SUM, AVG, MIN, MAX) in complete, partial and final modes. */
#include <math.h>
#include <string.h>
#include <xxhash.h>

#include "common/mem.h"
#include "exec/executor.h"
#include "exec/expr_internal.h"
#include "types/arith.h"
#include "types/codec.h"

types_field_type_t exec_agg_result_type(exec_agg_fn_t fn, const types_field_type_t *arg, int incr)
{
    types_field_type_t ft;
    if (fn == EXEC_AGG_COUNT || !arg) {
        ft = types_field_type_init(TYPES_TP_LONGLONG);
        ft.flen = 21;
        return ft;
    }
    if (fn == EXEC_AGG_MIN || fn == EXEC_AGG_MAX)
        return *arg;
    if (fn >= EXEC_AGG_VAR_POP)
        return types_field_type_init(TYPES_TP_DOUBLE);
    if (fn == EXEC_AGG_BIT_AND || fn == EXEC_AGG_BIT_OR || fn == EXEC_AGG_BIT_XOR) {
        ft = types_field_type_init(TYPES_TP_LONGLONG);
        ft.flen = 21;
        ft.flags |= TYPES_FLAG_UNSIGNED;
        return ft;
    }
    exec_col_class_t cls = exec_col_class_of(arg);
    bool exact = cls == EXEC_COL_DECIMAL || (cls == EXEC_COL_INT && arg->tp != TYPES_TP_BIT);
    if (!exact)
        return types_field_type_init(TYPES_TP_DOUBLE);
    int64_t p = arg->flen > 0 ? arg->flen : 20;
    int s = cls == EXEC_COL_DECIMAL && arg->decimal > 0 ? arg->decimal : 0;
    ft = types_field_type_init(TYPES_TP_NEWDECIMAL);
    if (fn == EXEC_AGG_SUM) {
        ft.flen = p + 22;
        ft.decimal = s;
    } else {
        ft.flen = p + incr;
        ft.decimal = s + incr;
    }
    if (ft.flen > TYPES_MAX_DECIMAL_PREC)
        ft.flen = TYPES_MAX_DECIMAL_PREC;
    if (ft.decimal > TYPES_MAX_DECIMAL_SCALE)
        ft.decimal = TYPES_MAX_DECIMAL_SCALE;
    return ft;
}

/* One aggregate's state in one group. */
typedef struct agg_state {
    int64_t count;
    uint64_t bits; /* BIT_AND/OR/XOR */
    double m2;     /* VAR_/STDDEV_: sum of squared deviations; f holds the mean */
    bool has;      /* SUM/AVG: a value was added; MIN/MAX: val is set */
    types_decimal_t dec;
    double f;
    types_datum_t val; /* MIN/MAX, bytes in the executor's arena */
} agg_state_t;

typedef struct group {
    uint64_t hash;
    uint32_t key_len;
    const char *key;
    types_datum_t *vals; /* group-by values */
    agg_state_t *st;     /* naggs */
} group_t;

typedef struct hash_agg {
    exec_executor_t base;
    exec_expr_t **group_by;
    uint32_t ngroup;
    exec_agg_desc_t *aggs;
    uint32_t naggs;
    exec_agg_mode_t mode;
    bool *sum_dec; /* per agg: SUM/AVG accumulate in DECIMAL (else DOUBLE) */
    duet_arena_t *arena;
    group_t *groups;
    uint32_t ngroups, cap_groups;
    uint32_t *slots; /* open addressing: group index + 1, 0 empty */
    uint32_t nslots;
    duet_buf_t dkey;   /* scratch for DISTINCT keys */
    const char **dset; /* DISTINCT seen set: arena copies of (agg, group, values) keys */
    uint32_t *dset_len;
    uint32_t ndset, cap_dset;
    bool built;
    bool stream;         /* StreamAgg: input ordered by the group-by values */
    bool input_done;     /* StreamAgg: the child has ended */
    uint32_t ready;      /* StreamAgg: groups that can no longer change */
    duet_arena_t *spare; /* StreamAgg: the arena the open group moves to */
    uint32_t emit;
    int64_t counted;
    exec_chunk_t *in;
} hash_agg_t;

static bool is_var(exec_agg_fn_t fn)
{
    return fn >= EXEC_AGG_VAR_POP;
}

/* Columns of one aggregate's partial state (and arguments of its FINAL form). */
static uint32_t partial_cols(exec_agg_fn_t fn)
{
    return fn == EXEC_AGG_AVG ? 2 : is_var(fn) ? 3 : 1;
}

static uint32_t agg_out_cols(exec_agg_fn_t fn, exec_agg_mode_t mode)
{
    return mode == EXEC_AGG_PARTIAL ? partial_cols(fn) : 1;
}

static int track(hash_agg_t *h, duet_err_t *err)
{
    int64_t now = (int64_t)duet_arena_reserved(h->arena) +
                  (int64_t)h->cap_dset * (int64_t)(sizeof(char *) + sizeof(uint32_t)) +
                  (int64_t)h->cap_groups * (int64_t)sizeof(group_t) +
                  (int64_t)h->nslots * (int64_t)sizeof(uint32_t);
    int64_t delta = now - h->counted;
    h->counted = now;
    return delta ? exec_mem_consume(&h->base.mem, delta, err) : 0;
}

static void rehash(hash_agg_t *h)
{
    uint32_t n = h->nslots ? h->nslots * 2 : 1024;
    duet_free(h->slots);
    h->slots = duet_calloc(n, sizeof(uint32_t));
    h->nslots = n;
    for (uint32_t g = 0; g < h->ngroups; g++) {
        uint32_t i = (uint32_t)h->groups[g].hash & (n - 1);
        while (h->slots[i])
            i = (i + 1) & (n - 1);
        h->slots[i] = g + 1;
    }
}

static group_t *new_group(hash_agg_t *h, const char *key, size_t len, uint64_t hash,
                          const types_datum_t *vals)
{
    if (h->ngroups == h->cap_groups) {
        h->cap_groups = h->cap_groups ? h->cap_groups * 2 : 64;
        h->groups = duet_realloc(h->groups, h->cap_groups * sizeof(group_t));
    }
    group_t *g = &h->groups[h->ngroups++];
    g->hash = hash;
    g->key_len = (uint32_t)len;
    g->key = duet_arena_strndup(h->arena, key, len);
    g->vals = duet_arena_alloc(h->arena, h->ngroup * sizeof(types_datum_t));
    for (uint32_t k = 0; k < h->ngroup; k++)
        g->vals[k] = types_datum_copy(&vals[k], h->arena);
    g->st = duet_arena_calloc(h->arena, h->naggs ? h->naggs : 1, sizeof(agg_state_t));
    for (uint32_t a = 0; a < h->naggs; a++) {
        g->st[a].dec = types_dec_zero(0);
        g->st[a].bits = h->aggs[a].fn == EXEC_AGG_BIT_AND ? UINT64_MAX : 0;
    }
    return g;
}

static group_t *find_group(hash_agg_t *h, const char *key, size_t len, const types_datum_t *vals)
{
    if (h->stream) { /* sorted input: a group continues or a new one starts */
        group_t *last = h->ngroups ? &h->groups[h->ngroups - 1] : NULL;
        if (last && last->key_len == len && memcmp(last->key, key, len) == 0)
            return last;
        return new_group(h, key, len, 0, vals);
    }
    uint64_t hash = XXH3_64bits(key, len);
    if ((h->ngroups + 1) * 2 > h->nslots)
        rehash(h);
    uint32_t i = (uint32_t)hash & (h->nslots - 1);
    while (h->slots[i]) {
        group_t *g = &h->groups[h->slots[i] - 1];
        if (g->hash == hash && g->key_len == len && memcmp(g->key, key, len) == 0)
            return g;
        i = (i + 1) & (h->nslots - 1);
    }
    h->slots[i] = h->ngroups + 1;
    return new_group(h, key, len, hash, vals);
}

/* A value as DOUBLE (strings warn 1292). */
static double as_double(exec_ctx_t *ctx, const types_datum_t *v)
{
    if (v->kind == TYPES_K_DOUBLE || v->kind == TYPES_K_FLOAT)
        return v->f;
    types_field_type_t ft = types_field_type_init(TYPES_TP_DOUBLE);
    types_datum_t c;
    types_status_t st = types_datum_cast(v, &ft, ctx->sql_mode, ctx->arena, &c);
    exec_expr_warn_status(ctx, st, v, TYPES_TP_DOUBLE);
    return c.kind == TYPES_K_NULL ? 0 : c.f;
}

/* Merges a (count, mean, m2) state into s (Chan et al.'s parallel variance). */
static void var_merge(agg_state_t *s, int64_t n, double mean, double m2)
{
    if (n <= 0)
        return;
    int64_t total = s->count + n;
    double delta = mean - s->f;
    s->f += delta * (double)n / (double)total;
    s->m2 += m2 + delta * delta * (double)s->count * (double)n / (double)total;
    s->count = total;
}

static int add_sum(hash_agg_t *h, uint32_t a, agg_state_t *s, const types_datum_t *v,
                   duet_err_t *err)
{
    exec_ctx_t *ctx = h->base.ctx;
    if (h->sum_dec[a]) {
        types_decimal_t x;
        if (v->kind == TYPES_K_INT)
            x = types_dec_from_int64(v->i);
        else if (v->kind == TYPES_K_UINT || v->kind == TYPES_K_BIT)
            x = types_dec_from_uint64(v->u);
        else if (v->kind == TYPES_K_DECIMAL)
            x = v->dec;
        else
            return duet_err_set(err, ER_GENERIC, "sum: unexpected value kind %d", v->kind);
        if (types_dec_add(&s->dec, &x, &s->dec) == TYPES_OUT_OF_RANGE) {
            duet_buf_t b = DUET_BUF_INIT;
            exec_expr_print(h->aggs[a].args[h->aggs[a].nargs - 1], &b);
            duet_buf_t t = DUET_BUF_INIT;
            duet_buf_printf(&t, "sum(%s)", b.data);
            types_out_of_range_err(err, "DECIMAL", t.data);
            duet_buf_free(&b);
            duet_buf_free(&t);
            return -1;
        }
    } else {
        s->f += as_double(ctx, v);
    }
    s->has = true;
    return 0;
}

static void update_minmax(hash_agg_t *h, exec_agg_fn_t fn, agg_state_t *s, const types_datum_t *v)
{
    if (s->has) {
        int c = types_datum_cmp(v, &s->val, NULL);
        if ((fn == EXEC_AGG_MIN && c >= 0) || (fn == EXEC_AGG_MAX && c <= 0))
            return;
    }
    s->val = types_datum_copy(v, h->arena);
    s->has = true;
}

/* A value as the 64 bits BIT_AND/OR/XOR work on (MySQL converts to BIGINT UNSIGNED). */
static uint64_t bits_of(hash_agg_t *h, const types_datum_t *v)
{
    if (v->kind == TYPES_K_INT || v->kind == TYPES_K_UINT || v->kind == TYPES_K_BIT)
        return v->u;
    exec_ctx_t *ctx = h->base.ctx;
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONGLONG);
    ft.flags |= TYPES_FLAG_UNSIGNED;
    types_datum_t c;
    types_status_t st = types_datum_cast(v, &ft, ctx->sql_mode, ctx->arena, &c);
    exec_expr_warn_status(ctx, st, v, TYPES_TP_LONGLONG);
    return c.kind == TYPES_K_NULL ? 0 : c.u;
}

static void dset_grow(hash_agg_t *h)
{
    uint32_t n = h->cap_dset ? h->cap_dset * 2 : 1024;
    const char **keys = duet_calloc(n, sizeof(char *));
    uint32_t *lens = duet_calloc(n, sizeof(uint32_t));
    for (uint32_t i = 0; i < h->cap_dset; i++) {
        if (!h->dset[i])
            continue;
        uint32_t s = (uint32_t)XXH3_64bits(h->dset[i], h->dset_len[i]) & (n - 1);
        while (keys[s])
            s = (s + 1) & (n - 1);
        keys[s] = h->dset[i];
        lens[s] = h->dset_len[i];
    }
    duet_free(h->dset);
    duet_free(h->dset_len);
    h->dset = keys;
    h->dset_len = lens;
    h->cap_dset = n;
}

/* Whether aggregate a has already seen these argument values in group g; adds
 * them when not. Rows with a NULL argument count as seen (they are skipped). */
static bool distinct_seen(hash_agg_t *h, uint32_t a, const group_t *g, const types_datum_t *v)
{
    duet_buf_t *k = &h->dkey;
    duet_buf_reset(k);
    uint32_t gi = (uint32_t)(g - h->groups);
    duet_buf_append(k, &a, sizeof(a));
    duet_buf_append(k, &gi, sizeof(gi));
    for (uint32_t j = 0; j < h->aggs[a].nargs; j++) {
        if (v[j].kind == TYPES_K_NULL)
            return true;
        types_key_encode_datum(k, &v[j]);
    }
    if ((h->ndset + 1) * 2 > h->cap_dset)
        dset_grow(h);
    uint32_t s = (uint32_t)XXH3_64bits(k->data, k->len) & (h->cap_dset - 1);
    while (h->dset[s]) {
        if (h->dset_len[s] == k->len && memcmp(h->dset[s], k->data, k->len) == 0)
            return true;
        s = (s + 1) & (h->cap_dset - 1);
    }
    h->dset[s] = duet_arena_strndup(h->arena, k->data, k->len);
    h->dset_len[s] = (uint32_t)k->len;
    h->ndset++;
    return false;
}

static int update(hash_agg_t *h, uint32_t a, agg_state_t *s, const types_datum_t *v,
                  duet_err_t *err)
{
    const exec_agg_desc_t *d = &h->aggs[a];
    bool final = h->mode == EXEC_AGG_FINAL;
    switch (d->fn) {
    case EXEC_AGG_COUNT:
        if (d->nargs == 0)
            s->count++;
        else if (v[0].kind != TYPES_K_NULL)
            s->count += final ? v[0].i : 1;
        return 0;
    case EXEC_AGG_SUM:
        return v[0].kind == TYPES_K_NULL ? 0 : add_sum(h, a, s, &v[0], err);
    case EXEC_AGG_AVG:
        if (final) {
            if (v[0].kind != TYPES_K_NULL)
                s->count += v[0].i;
            return v[1].kind == TYPES_K_NULL ? 0 : add_sum(h, a, s, &v[1], err);
        }
        if (v[0].kind == TYPES_K_NULL)
            return 0;
        s->count++;
        return add_sum(h, a, s, &v[0], err);
    case EXEC_AGG_VAR_POP:
    case EXEC_AGG_VAR_SAMP:
    case EXEC_AGG_STDDEV_POP:
    case EXEC_AGG_STDDEV_SAMP:
        if (final) {
            int64_t n = v[0].kind == TYPES_K_NULL ? 0 : v[0].i;
            double sum = v[1].kind == TYPES_K_NULL ? 0 : as_double(h->base.ctx, &v[1]);
            double m2 = v[2].kind == TYPES_K_NULL ? 0 : as_double(h->base.ctx, &v[2]);
            var_merge(s, n, n ? sum / (double)n : 0, m2);
        } else if (v[0].kind != TYPES_K_NULL) {
            var_merge(s, 1, as_double(h->base.ctx, &v[0]), 0);
        }
        return 0;
    case EXEC_AGG_BIT_AND:
    case EXEC_AGG_BIT_OR:
    case EXEC_AGG_BIT_XOR: {
        if (v[0].kind == TYPES_K_NULL)
            return 0;
        uint64_t x = bits_of(h, &v[0]);
        s->bits = d->fn == EXEC_AGG_BIT_AND  ? s->bits & x
                  : d->fn == EXEC_AGG_BIT_OR ? s->bits | x
                                             : s->bits ^ x;
        return 0;
    }
    default:
        if (v[0].kind != TYPES_K_NULL)
            update_minmax(h, d->fn, s, &v[0]);
        return 0;
    }
}

static int consume_chunk(hash_agg_t *h, exec_chunk_t *in, exec_column_t *gcols,
                         exec_column_t *acols, duet_err_t *err)
{
    exec_ctx_t *ctx = h->base.ctx;
    for (uint32_t k = 0; k < h->ngroup; k++)
        if (exec_expr_eval(h->group_by[k], in, ctx, &gcols[k], err) < 0)
            return -1;
    for (uint32_t a = 0; a < h->naggs; a++)
        for (uint32_t j = 0; j < h->aggs[a].nargs; j++)
            if (exec_expr_eval(h->aggs[a].args[j], in, ctx, &acols[EXEC_AGG_MAX_ARGS * a + j],
                               err) < 0)
                return -1;
    duet_buf_t key = DUET_BUF_INIT;
    types_datum_t gv[16], *vals = h->ngroup <= 16 ? gv : duet_malloc(h->ngroup * sizeof(*vals));
    int rc = 0;
    uint32_t n = exec_chunk_logical_rows(in);
    for (uint32_t i = 0; i < n && rc == 0; i++) {
        uint32_t r = exec_chunk_row_at(in, i);
        duet_buf_reset(&key);
        for (uint32_t k = 0; k < h->ngroup; k++) {
            vals[k] = exec_column_get_datum(&gcols[k], r);
            types_key_encode_datum(&key, &vals[k]);
        }
        group_t *g = h->ngroup == 0 && h->ngroups
                         ? &h->groups[0]
                         : find_group(h, key.data ? key.data : "", key.len, vals);
        for (uint32_t a = 0; a < h->naggs && rc == 0; a++) {
            types_datum_t av[EXEC_AGG_MAX_ARGS];
            for (uint32_t j = 0; j < h->aggs[a].nargs; j++)
                av[j] = exec_column_get_datum(&acols[EXEC_AGG_MAX_ARGS * a + j], r);
            if (h->aggs[a].distinct && distinct_seen(h, a, g, av))
                continue;
            rc = update(h, a, &g->st[a], av, err);
        }
    }
    if (vals != gv)
        duet_free(vals);
    duet_buf_free(&key);
    return rc == 0 ? track(h, err) : -1;
}

static int build(hash_agg_t *h, duet_err_t *err)
{
    exec_executor_t *e = &h->base;
    if (!h->in)
        h->in = exec_executor_new_chunk(e->child);
    types_field_type_t ll = types_field_type_init(TYPES_TP_LONGLONG);
    exec_column_t *gcols = duet_calloc(h->ngroup ? h->ngroup : 1, sizeof(exec_column_t));
    exec_column_t *acols =
        duet_calloc(EXEC_AGG_MAX_ARGS * (h->naggs ? h->naggs : 1), sizeof(exec_column_t));
    for (uint32_t k = 0; k < h->ngroup; k++)
        exec_column_init(&gcols[k], &ll, 0);
    for (uint32_t a = 0; a < EXEC_AGG_MAX_ARGS * h->naggs; a++)
        exec_column_init(&acols[a], &ll, 0);
    int rc = 0;
    for (;;) {
        rc = exec_executor_next(e->child, h->in, err);
        if (rc < 0 || exec_chunk_logical_rows(h->in) == 0)
            break;
        if (e->ctx->arena)
            duet_arena_reset(e->ctx->arena);
        rc = consume_chunk(h, h->in, gcols, acols, err);
        if (rc < 0)
            break;
    }
    if (rc == 0 && h->ngroup == 0 && h->ngroups == 0)
        find_group(h, "", 0, NULL); /* no GROUP BY: one row even for empty input */
    for (uint32_t k = 0; k < h->ngroup; k++)
        exec_column_destroy(&gcols[k]);
    for (uint32_t a = 0; a < EXEC_AGG_MAX_ARGS * h->naggs; a++)
        exec_column_destroy(&acols[a]);
    duet_free(gcols);
    duet_free(acols);
    h->built = true;
    return rc == 0 ? track(h, err) : -1;
}

static int emit_agg(hash_agg_t *h, uint32_t a, const agg_state_t *s, exec_column_t *cols,
                    duet_err_t *err)
{
    exec_ctx_t *ctx = h->base.ctx;
    const exec_agg_desc_t *d = &h->aggs[a];
    types_datum_t v = types_datum_null();
    switch (d->fn) {
    case EXEC_AGG_COUNT:
        v = types_datum_int(s->count);
        break;
    case EXEC_AGG_SUM:
        if (s->has)
            v = h->sum_dec[a] ? types_datum_decimal(&s->dec) : types_datum_double(s->f);
        break;
    case EXEC_AGG_AVG:
        if (h->mode == EXEC_AGG_PARTIAL) {
            types_datum_t c = types_datum_int(s->count);
            if (exec_expr_append_coerced(&cols[0], &c, ctx, err) < 0)
                return -1;
            if (s->has)
                v = h->sum_dec[a] ? types_datum_decimal(&s->dec) : types_datum_double(s->f);
            return exec_expr_append_coerced(&cols[1], &v, ctx, err);
        }
        if (s->has && s->count > 0) {
            if (h->sum_dec[a]) {
                types_decimal_t cnt = types_dec_from_int64(s->count), q;
                types_dec_div(&s->dec, &cnt, ctx->div_precision_increment, &q);
                v = types_datum_decimal(&q);
            } else {
                v = types_datum_double(s->f / (double)s->count);
            }
        }
        break;
    case EXEC_AGG_BIT_AND:
    case EXEC_AGG_BIT_OR:
    case EXEC_AGG_BIT_XOR:
        v = types_datum_uint(s->bits);
        break;
    case EXEC_AGG_VAR_POP:
    case EXEC_AGG_VAR_SAMP:
    case EXEC_AGG_STDDEV_POP:
    case EXEC_AGG_STDDEV_SAMP: {
        if (h->mode == EXEC_AGG_PARTIAL) {
            types_datum_t p[3] = {types_datum_int(s->count),
                                  types_datum_double(s->f * (double)s->count),
                                  types_datum_double(s->m2)};
            for (int i = 0; i < 3; i++)
                if (exec_expr_append_coerced(&cols[i], &p[i], ctx, err) < 0)
                    return -1;
            return 0;
        }
        bool samp = d->fn == EXEC_AGG_VAR_SAMP || d->fn == EXEC_AGG_STDDEV_SAMP;
        int64_t div = samp ? s->count - 1 : s->count;
        if (div > 0) {
            double var = s->m2 / (double)div;
            if (var < 0)
                var = 0;
            bool sd = d->fn == EXEC_AGG_STDDEV_POP || d->fn == EXEC_AGG_STDDEV_SAMP;
            v = types_datum_double(sd ? sqrt(var) : var);
        }
        break;
    }
    default:
        if (s->has)
            v = s->val;
        break;
    }
    return exec_expr_append_coerced(&cols[0], &v, ctx, err);
}

static int emit_group(hash_agg_t *h, const group_t *g, exec_chunk_t *out, duet_err_t *err)
{
    uint32_t c = 0;
    for (uint32_t a = 0; a < h->naggs; a++) {
        if (emit_agg(h, a, &g->st[a], &out->cols[c], err) < 0)
            return -1;
        c += agg_out_cols(h->aggs[a].fn, h->mode);
    }
    for (uint32_t k = 0; k < h->ngroup; k++, c++)
        if (exec_expr_append_coerced(&out->cols[c], &g->vals[k], h->base.ctx, err) < 0)
            return -1;
    if (h->base.ncols == 0)
        out->virt_rows++;
    return 0;
}

static int hash_agg_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    hash_agg_t *h = (hash_agg_t *)e;
    if (!h->built && build(h, err) < 0)
        return -1;
    while (h->emit < h->ngroups && exec_chunk_num_rows(out) < out->capacity)
        if (emit_group(h, &h->groups[h->emit++], out, err) < 0)
            return -1;
    return 0;
}

/* StreamAgg: once every finished group is out, the open one moves to a fresh
 * arena so memory stays bounded by one group. */
static void stream_compact(hash_agg_t *h)
{
    if (h->ngroups == 0 || h->emit != h->ngroups - 1)
        return;
    duet_arena_t *na = h->spare;
    duet_arena_reset(na);
    group_t g = h->groups[h->ngroups - 1], *d = &h->groups[0];
    d->hash = g.hash;
    d->key_len = g.key_len;
    d->key = duet_arena_strndup(na, g.key, g.key_len);
    d->vals = duet_arena_alloc(na, h->ngroup * sizeof(types_datum_t));
    for (uint32_t k = 0; k < h->ngroup; k++)
        d->vals[k] = types_datum_copy(&g.vals[k], na);
    d->st = duet_arena_alloc(na, (h->naggs ? h->naggs : 1) * sizeof(agg_state_t));
    for (uint32_t a = 0; a < h->naggs; a++) {
        d->st[a] = g.st[a];
        d->st[a].val = types_datum_copy(&g.st[a].val, na);
    }
    h->spare = h->arena;
    h->arena = na;
    h->ngroups = 1;
    h->emit = h->ready = 0;
}

/* StreamAgg: consumes one child chunk (or notes the end). */
static int stream_pull(hash_agg_t *h, duet_err_t *err)
{
    exec_executor_t *e = &h->base;
    if (!h->in)
        h->in = exec_executor_new_chunk(e->child);
    if (exec_executor_next(e->child, h->in, err) < 0)
        return -1;
    if (exec_chunk_logical_rows(h->in) == 0) {
        h->input_done = true;
        if (h->ngroup == 0 && h->ngroups == 0)
            find_group(h, "", 0, NULL);
        h->ready = h->ngroups;
        return 0;
    }
    if (e->ctx->arena)
        duet_arena_reset(e->ctx->arena);
    types_field_type_t ll = types_field_type_init(TYPES_TP_LONGLONG);
    uint32_t na = EXEC_AGG_MAX_ARGS * h->naggs;
    exec_column_t *gcols = duet_calloc(h->ngroup ? h->ngroup : 1, sizeof(exec_column_t));
    exec_column_t *acols = duet_calloc(na ? na : 1, sizeof(exec_column_t));
    for (uint32_t k = 0; k < h->ngroup; k++)
        exec_column_init(&gcols[k], &ll, 0);
    for (uint32_t a = 0; a < na; a++)
        exec_column_init(&acols[a], &ll, 0);
    int rc = consume_chunk(h, h->in, gcols, acols, err);
    for (uint32_t k = 0; k < h->ngroup; k++)
        exec_column_destroy(&gcols[k]);
    for (uint32_t a = 0; a < na; a++)
        exec_column_destroy(&acols[a]);
    duet_free(gcols);
    duet_free(acols);
    h->ready = h->ngroups ? h->ngroups - 1 : 0;
    return rc;
}

static int stream_agg_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    hash_agg_t *h = (hash_agg_t *)e;
    for (;;) {
        while (h->emit < h->ready && exec_chunk_num_rows(out) < out->capacity)
            if (emit_group(h, &h->groups[h->emit++], out, err) < 0)
                return -1;
        if (exec_chunk_num_rows(out) >= out->capacity || h->input_done)
            return 0;
        stream_compact(h);
        if (stream_pull(h, err) < 0)
            return -1;
    }
}

static void hash_agg_destroy(exec_executor_t *e)
{
    hash_agg_t *h = (hash_agg_t *)e;
    exec_chunk_free(h->in);
    duet_arena_destroy(h->arena);
    duet_arena_destroy(h->spare);
    duet_free(h->groups);
    duet_free(h->slots);
    duet_free(h->group_by);
    duet_free(h->aggs);
    duet_free(h->sum_dec);
    duet_free(h->dset);
    duet_free(h->dset_len);
    duet_buf_free(&h->dkey);
}

static const exec_executor_ops_t hash_agg_ops = {"HashAgg", NULL, hash_agg_next, NULL,
                                                 hash_agg_destroy};
static const exec_executor_ops_t stream_agg_ops = {"StreamAgg", NULL, stream_agg_next, NULL,
                                                   hash_agg_destroy};

exec_executor_t *exec_hash_agg_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                   exec_executor_t *child, exec_expr_t *const *group_by,
                                   uint32_t ngroup, const exec_agg_desc_t *aggs, uint32_t naggs,
                                   exec_agg_mode_t mode, duet_err_t *err)
{
    uint32_t nout = ngroup;
    for (uint32_t a = 0; a < naggs; a++) {
        uint32_t want = mode == EXEC_AGG_FINAL ? partial_cols(aggs[a].fn) : 1;
        bool ok = aggs[a].nargs == want ||
                  (aggs[a].fn == EXEC_AGG_COUNT && aggs[a].nargs == 0 && mode != EXEC_AGG_FINAL);
        if (aggs[a].distinct)
            ok = mode == EXEC_AGG_COMPLETE && aggs[a].nargs >= 1 &&
                 aggs[a].nargs <= EXEC_AGG_MAX_ARGS &&
                 (aggs[a].fn == EXEC_AGG_COUNT || aggs[a].nargs == 1);
        if (!ok) {
            duet_err_set(err, ER_GENERIC, "aggregate %u has %u arguments", a, aggs[a].nargs);
            return NULL;
        }
        nout += agg_out_cols(aggs[a].fn, mode);
    }
    types_field_type_t *fts = duet_malloc((nout ? nout : 1) * sizeof(types_field_type_t));
    bool *sum_dec = duet_calloc(naggs ? naggs : 1, sizeof(bool));
    uint32_t c = 0;
    for (uint32_t a = 0; a < naggs; a++) {
        const exec_agg_desc_t *d = &aggs[a];
        const types_field_type_t *arg = d->nargs ? &d->args[d->nargs - 1]->ft : NULL;
        types_field_type_t rt = exec_agg_result_type(d->fn, arg, ctx->div_precision_increment);
        types_field_type_t sum_t = exec_agg_result_type(EXEC_AGG_SUM, arg, 0);
        if (mode == EXEC_AGG_FINAL && d->fn != EXEC_AGG_AVG && !is_var(d->fn))
            rt = d->fn == EXEC_AGG_COUNT ? exec_agg_result_type(EXEC_AGG_COUNT, NULL, 0) : *arg;
        if (mode == EXEC_AGG_FINAL)
            sum_t = *arg;
        sum_dec[a] = arg && exec_col_class_of(&sum_t) == EXEC_COL_DECIMAL;
        if (mode == EXEC_AGG_PARTIAL && d->fn == EXEC_AGG_AVG) {
            fts[c++] = exec_agg_result_type(EXEC_AGG_COUNT, NULL, 0);
            fts[c++] = sum_t;
        } else if (mode == EXEC_AGG_PARTIAL && is_var(d->fn)) {
            fts[c++] = exec_agg_result_type(EXEC_AGG_COUNT, NULL, 0);
            fts[c++] = types_field_type_init(TYPES_TP_DOUBLE);
            fts[c++] = types_field_type_init(TYPES_TP_DOUBLE);
        } else if (mode == EXEC_AGG_PARTIAL && d->fn == EXEC_AGG_SUM) {
            fts[c++] = sum_t;
        } else {
            fts[c++] = rt;
        }
    }
    for (uint32_t k = 0; k < ngroup; k++)
        fts[c++] = group_by[k]->ft;
    hash_agg_t *h = duet_calloc(1, sizeof(*h));
    exec_executor_init(&h->base, &hash_agg_ops, ctx, query, child, fts, nout, 0);
    duet_free(fts);
    h->group_by = duet_malloc((ngroup ? ngroup : 1) * sizeof(exec_expr_t *));
    if (ngroup)
        memcpy(h->group_by, group_by, ngroup * sizeof(exec_expr_t *));
    h->ngroup = ngroup;
    h->aggs = duet_malloc((naggs ? naggs : 1) * sizeof(exec_agg_desc_t));
    if (naggs)
        memcpy(h->aggs, aggs, naggs * sizeof(exec_agg_desc_t));
    h->naggs = naggs;
    h->mode = mode;
    h->sum_dec = sum_dec;
    h->arena = duet_arena_create(64 * 1024);
    return &h->base;
}

exec_executor_t *exec_stream_agg_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                     exec_executor_t *child, exec_expr_t *const *group_by,
                                     uint32_t ngroup, const exec_agg_desc_t *aggs, uint32_t naggs,
                                     exec_agg_mode_t mode, duet_err_t *err)
{
    for (uint32_t a = 0; a < naggs; a++) {
        if (aggs[a].distinct) {
            duet_err_set(err, ER_GENERIC, "aggregate %u: DISTINCT needs a hash aggregation", a);
            return NULL;
        }
    }
    exec_executor_t *e =
        exec_hash_agg_new(ctx, query, child, group_by, ngroup, aggs, naggs, mode, err);
    if (!e)
        return NULL;
    hash_agg_t *h = (hash_agg_t *)e;
    e->ops = &stream_agg_ops;
    e->mem.label = stream_agg_ops.name;
    h->stream = true;
    h->spare = duet_arena_create(64 * 1024);
    return e;
}
