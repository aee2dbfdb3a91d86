/* test_executor.c - unit tests for exec/executor: scans, selection, projection, limit, hash
 * aggregation in every mode, the memory quota, and a hand-built TPC-H Q6 pipeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/executor.h"

static duet_arena_t *A, *SCRATCH;
static exec_warnings_t W;
static exec_ctx_t CTX;
static duet_err_t ERR;
static exec_mem_tracker_t QUERY;

static int setup(void **state)
{
    (void)state;
    A = duet_arena_create(0);
    SCRATCH = duet_arena_create(0);
    exec_ctx_init(&CTX, &W, SCRATCH);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    duet_arena_destroy(A);
    duet_arena_destroy(SCRATCH);
    return 0;
}

/* Test table t(k VARCHAR utf8mb4_general_ci, v BIGINT, d DECIMAL(10,2)). */
enum { NC = 3 };
static types_field_type_t FT[NC];

static void schema(void)
{
    FT[0] = types_field_type_init(TYPES_TP_VARCHAR);
    FT[0].flen = 10;
    FT[0].collate = TYPES_COLL_UTF8MB4_GENERAL_CI;
    FT[1] = types_field_type_init(TYPES_TP_LONGLONG);
    FT[2] = types_field_type_init(TYPES_TP_NEWDECIMAL);
    FT[2].flen = 10;
    FT[2].decimal = 2;
}

/* n rows in chunks of per rows: k = "a"/"A"/"b" by i % 3, v = i (NULL when i % 7
 * == 6), d = i * 1.25. */
static exec_chunk_list_t make_list(int n, int per)
{
    schema();
    exec_chunk_list_t l = {0};
    l.n = (uint32_t)((n + per - 1) / per);
    l.chunks = duet_arena_calloc(A, l.n ? l.n : 1, sizeof(exec_chunk_t *));
    for (int i = 0; i < n; i++) {
        if (i % per == 0)
            l.chunks[i / per] = exec_chunk_new(FT, NC, 0);
        static const char *ks[] = {"a", "A", "b"};
        char txt[32];
        snprintf(txt, sizeof(txt), "%d.%02d", i * 5 / 4, (i * 125) % 100);
        types_decimal_t d;
        types_dec_from_string(txt, strlen(txt), &d, NULL);
        types_datum_t v[NC] = {types_datum_string(ks[i % 3], 1, TYPES_COLL_UTF8MB4_GENERAL_CI),
                               i % 7 == 6 ? types_datum_null() : types_datum_int(i),
                               types_datum_decimal(&d)};
        assert_int_equal(exec_chunk_append_row(l.chunks[i / per], v, &ERR), 0);
    }
    return l;
}

static void free_list(exec_chunk_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        exec_chunk_free(l->chunks[i]);
}

static exec_executor_t *scan(exec_chunk_list_t *l, uint32_t cap)
{
    return exec_scan_new(&CTX, &QUERY, &exec_chunk_list_source, l, FT, NC, cap);
}

static exec_expr_t *col(uint32_t i)
{
    static const char *names[] = {"k", "v", "d"};
    return exec_expr_column(A, i, &FT[i], names[i]);
}

static exec_expr_t *cint(int64_t v)
{
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONGLONG);
    types_datum_t d = types_datum_int(v);
    return exec_expr_const(A, &d, &ft);
}

static exec_expr_t *fn2(exec_sig_t sig, exec_expr_t *a, exec_expr_t *b)
{
    exec_expr_t *args[2] = {a, b};
    return exec_expr_func(A, sig, NULL, args, 2, 4, &ERR);
}

/* Runs e to the end: all rows as "c1,c2;" text into out, returns rows (-1 on error). */
static int drain(exec_executor_t *e, char *out, size_t outsz)
{
    out[0] = 0;
    if (exec_executor_open(e, &ERR) < 0)
        return -1;
    exec_chunk_t *c = exec_executor_new_chunk(e);
    int rows = 0;
    size_t len = 0;
    for (;;) {
        if (exec_executor_next(e, c, &ERR) < 0) {
            rows = -1;
            break;
        }
        uint32_t n = exec_chunk_logical_rows(c);
        if (n == 0)
            break;
        assert_true(n <= c->capacity);
        for (uint32_t i = 0; i < n; i++, rows++) {
            uint32_t r = exec_chunk_row_at(c, i);
            for (uint32_t k = 0; k < c->ncols; k++) {
                types_datum_t d = exec_column_get_datum(&c->cols[k], r);
                duet_buf_t b = DUET_BUF_INIT;
                types_datum_to_text(&d, &b);
                len += (size_t)snprintf(out + len, outsz - len, "%s%s", b.data,
                                        k + 1 < c->ncols ? "," : ";");
                duet_buf_free(&b);
                assert_true(len < outsz);
            }
        }
    }
    exec_chunk_free(c);
    exec_executor_close(e);
    return rows;
}

static char OUT[1 << 18];

static void test_scan_and_stats(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_chunk_list_t l = make_list(10, 4);
    exec_executor_t *s = scan(&l, 3);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), 10);
    assert_string_equal(OUT, "a,0,0.00;A,1,1.25;b,2,2.50;a,3,3.75;A,4,5.00;b,5,6.25;a,NULL,7.50;"
                             "A,7,8.75;b,8,10.00;a,9,11.25;");
    assert_int_equal(s->stats.rows, 10);
    assert_int_equal(s->stats.loops, 5); /* 3+3+3+1, then the empty end */
    assert_true(exec_executor_mem_max(s) > 0);
    assert_int_equal(s->stats.mem_max, exec_executor_mem_max(s));
    assert_true(s->stats.time_ns > 0);
    assert_true(exec_mem_max(&QUERY) >= exec_executor_mem_max(s));
    exec_executor_free(s);
    assert_int_equal(exec_mem_consumed(&QUERY), 0);
    free_list(&l);

    exec_chunk_list_t empty = make_list(0, 4);
    s = scan(&empty, 0);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), 0);
    assert_int_equal(s->stats.loops, 1);
    exec_executor_free(s);
}

static void test_selection_projection_limit(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_chunk_list_t l = make_list(30, 8);
    exec_expr_t *cond[2] = {fn2(EXEC_SIG_GT, col(1), cint(10)), fn2(EXEC_SIG_EQ, col(0), col(0))};
    exec_executor_t *sel = exec_selection_new(&CTX, &QUERY, scan(&l, 0), cond, 2);
    exec_expr_t *proj[2] = {fn2(EXEC_SIG_MUL, col(1), cint(2)), col(0)};
    exec_executor_t *p = exec_projection_new(&CTX, &QUERY, sel, proj, 2);
    exec_executor_t *lim = exec_limit_new(&CTX, &QUERY, p, 2, 5);
    assert_int_equal(drain(lim, OUT, sizeof(OUT)), 5);
    assert_string_equal(OUT, "28,b;30,a;32,A;34,b;36,a;");
    assert_int_equal(lim->stats.rows, 5);
    assert_int_equal(p->ncols, 2);
    assert_int_equal(p->schema[0].tp, TYPES_TP_LONGLONG);
    exec_executor_free(lim);

    /* a selection that keeps nothing, and limits at the edges */
    exec_expr_t *none = fn2(EXEC_SIG_LT, col(1), cint(0));
    exec_executor_t *e = exec_selection_new(&CTX, &QUERY, scan(&l, 0), &none, 1);
    assert_int_equal(drain(e, OUT, sizeof(OUT)), 0);
    exec_executor_free(e);
    e = exec_limit_new(&CTX, &QUERY, scan(&l, 0), 0, 0);
    assert_int_equal(drain(e, OUT, sizeof(OUT)), 0);
    exec_executor_free(e);
    e = exec_limit_new(&CTX, &QUERY, scan(&l, 7), 28, 100);
    assert_int_equal(drain(e, OUT, sizeof(OUT)), 2);
    assert_string_equal(OUT, "A,28,35.00;b,29,36.25;");
    exec_executor_free(e);
    /* an error inside a projection reaches the caller */
    exec_expr_t *big = fn2(EXEC_SIG_MUL, col(1), cint(INT64_MAX));
    e = exec_projection_new(&CTX, &QUERY, scan(&l, 0), &big, 1);
    assert_int_equal(drain(e, OUT, sizeof(OUT)), -1);
    assert_int_equal(ERR.code, 1690);
    assert_string_equal(ERR.msg, "BIGINT value is out of range in '(v * 9223372036854775807)'");
    exec_executor_free(e);
    free_list(&l);
}

static exec_agg_desc_t agg1(exec_agg_fn_t fn, exec_expr_t *a)
{
    exec_agg_desc_t d = {fn, {a, NULL}, a ? 1 : 0, false};
    return d;
}

static void test_hash_agg_complete(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_chunk_list_t l = make_list(20, 6);
    exec_agg_desc_t aggs[6] = {agg1(EXEC_AGG_COUNT, NULL), agg1(EXEC_AGG_COUNT, col(1)),
                               agg1(EXEC_AGG_SUM, col(1)), agg1(EXEC_AGG_AVG, col(2)),
                               agg1(EXEC_AGG_MIN, col(2)), agg1(EXEC_AGG_MAX, col(1))};
    exec_expr_t *gb = col(0);
    exec_executor_t *h =
        exec_hash_agg_new(&CTX, &QUERY, scan(&l, 0), &gb, 1, aggs, 6, EXEC_AGG_COMPLETE, &ERR);
    assert_non_null(h);
    assert_int_equal(h->schema[2].tp, TYPES_TP_NEWDECIMAL); /* SUM(BIGINT) is DECIMAL */
    assert_int_equal(h->schema[3].decimal, 6);              /* AVG(DECIMAL(10,2)): scale 6 */
    /* 'a' and 'A' are one group under utf8mb4_general_ci; v NULL at 6, 13 */
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 2);
    assert_string_equal(OUT, "14,12,114,11.875000,0.00,19,a;6,6,57,11.875000,2.50,17,b;");
    exec_executor_free(h);

    /* empty input: without GROUP BY one row, with GROUP BY none */
    exec_chunk_list_t empty = make_list(0, 4);
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&empty, 0), NULL, 0, aggs, 6, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 1);
    assert_string_equal(OUT, "0,0,NULL,NULL,NULL,NULL;");
    exec_executor_free(h);
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&empty, 0), &gb, 1, aggs, 6, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 0);
    exec_executor_free(h);

    /* BIT_AND / BIT_OR / BIT_XOR, partial then final */
    exec_agg_desc_t bits[3] = {agg1(EXEC_AGG_BIT_AND, col(1)), agg1(EXEC_AGG_BIT_OR, col(1)),
                               agg1(EXEC_AGG_BIT_XOR, col(1))};
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&l, 0), &gb, 1, bits, 3, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(h->schema[0].flags & TYPES_FLAG_UNSIGNED, TYPES_FLAG_UNSIGNED);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 2);
    /* a: 0 1 3 4 7 9 10 12 15 16 18 19; b: 2 5 8 11 14 17 */
    assert_string_equal(OUT, "0,31,16,a;0,31,27,b;");
    exec_executor_free(h);
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&empty, 0), NULL, 0, bits, 3, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 1);
    assert_string_equal(OUT, "18446744073709551615,0,0;");
    exec_executor_free(h);

    /* DISTINCT: 'a' and 'A' are one value under utf8mb4_general_ci; NULLs are skipped */
    exec_expr_t *vdiv5 = fn2(EXEC_SIG_INTDIV, col(1), cint(5));
    exec_expr_t *vdiv10 = fn2(EXEC_SIG_INTDIV, col(1), cint(10));
    exec_agg_desc_t dist[4] = {
        {EXEC_AGG_COUNT, {col(0)}, 1, true},
        {EXEC_AGG_COUNT, {col(1)}, 1, true},
        {EXEC_AGG_SUM, {vdiv5}, 1, true},
        {EXEC_AGG_COUNT, {col(0), vdiv10}, 2, true},
    };
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&l, 0), NULL, 0, dist, 4, EXEC_AGG_COMPLETE, &ERR);
    assert_non_null(h);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 1);
    assert_string_equal(OUT, "2,18,6,4;");
    exec_executor_free(h);
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&l, 0), &gb, 1, dist, 4, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 2);
    assert_string_equal(OUT, "1,12,6,2,a;1,6,6,2,b;");
    exec_executor_free(h);
    exec_executor_t *s0 = scan(&l, 0);
    assert_null(exec_hash_agg_new(&CTX, &QUERY, s0, NULL, 0, dist, 1, EXEC_AGG_PARTIAL, &ERR));
    exec_executor_free(s0);

    /* a FINAL AVG needs two arguments */
    exec_executor_t *s = scan(&empty, 0);
    assert_null(exec_hash_agg_new(&CTX, &QUERY, s, NULL, 0, &aggs[3], 1, EXEC_AGG_FINAL, &ERR));
    exec_executor_free(s); /* still the caller's */
    assert_string_equal(ERR.msg, "aggregate 0 has 1 arguments");
    free_list(&l);
}

static void test_stream_agg(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_chunk_list_t l = make_list(20, 6);
    exec_agg_desc_t aggs[3] = {agg1(EXEC_AGG_COUNT, NULL), agg1(EXEC_AGG_SUM, col(1)),
                               agg1(EXEC_AGG_MIN, col(0))};
    exec_expr_t *gb = col(0);
    exec_sort_item_t by_k = {col(0), false};
    exec_executor_t *sorted = exec_sort_new(&CTX, &QUERY, scan(&l, 3), &by_k, 1);
    exec_executor_t *s =
        exec_stream_agg_new(&CTX, &QUERY, sorted, &gb, 1, aggs, 3, EXEC_AGG_COMPLETE, &ERR);
    assert_non_null(s);
    assert_int_equal(s->chunk_cap, 3);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), 2);
    assert_string_equal(OUT, "14,114,a,a;6,57,b,b;");
    exec_executor_free(s);

    /* 5000 groups in order, one row each: memory stays at one group */
    exec_chunk_list_t big = make_list(5000, 100);
    exec_expr_t *gd = col(2);
    s = exec_stream_agg_new(&CTX, &QUERY, scan(&big, 64), &gd, 1, aggs, 2, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), 5000);
    assert_true(strncmp(OUT, "1,0,0.00;1,1,1.25;1,2,2.50;", 27) == 0);
    int64_t stream_mem = exec_executor_mem_max(s);
    exec_executor_free(s);
    exec_executor_t *h =
        exec_hash_agg_new(&CTX, &QUERY, scan(&big, 64), &gd, 1, aggs, 2, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 5000);
    assert_true(stream_mem * 4 < exec_executor_mem_max(h));
    exec_executor_free(h);
    free_list(&big);

    /* no GROUP BY, empty input: one row; DISTINCT is refused */
    exec_chunk_list_t empty = make_list(0, 1);
    s = exec_stream_agg_new(&CTX, &QUERY, scan(&empty, 0), NULL, 0, aggs, 3, EXEC_AGG_COMPLETE,
                            &ERR);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), 1);
    assert_string_equal(OUT, "0,NULL,NULL;");
    exec_executor_free(s);
    exec_agg_desc_t d = {EXEC_AGG_COUNT, {col(0)}, 1, true};
    exec_executor_t *src = scan(&empty, 0);
    assert_null(exec_stream_agg_new(&CTX, &QUERY, src, NULL, 0, &d, 1, EXEC_AGG_COMPLETE, &ERR));
    assert_string_equal(ERR.msg, "aggregate 0: DISTINCT needs a hash aggregation");
    exec_executor_free(src);
    free_list(&l);
}

/* A source over an executor's output chunks: partial aggregation feeding final. */
static void test_hash_agg_partial_final(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_chunk_list_t parts[2] = {make_list(20, 6), make_list(9, 4)};
    exec_agg_desc_t aggs[5] = {agg1(EXEC_AGG_COUNT, NULL), agg1(EXEC_AGG_SUM, col(1)),
                               agg1(EXEC_AGG_AVG, col(2)), agg1(EXEC_AGG_MIN, col(2)),
                               agg1(EXEC_AGG_MAX, col(1))};
    exec_expr_t *gb = col(0);
    /* two partial aggregations, as two nodes would run them */
    exec_chunk_t *partial_out[2];
    exec_executor_t *p0 = NULL;
    for (int i = 0; i < 2; i++) {
        exec_executor_t *p = exec_hash_agg_new(&CTX, &QUERY, scan(&parts[i], 0), &gb, 1, aggs, 5,
                                               EXEC_AGG_PARTIAL, &ERR);
        assert_non_null(p);
        assert_int_equal(p->ncols, 7); /* count, sum, avg count, avg sum, min, max, k */
        assert_int_equal(exec_executor_open(p, &ERR), 0);
        partial_out[i] = exec_executor_new_chunk(p);
        assert_int_equal(exec_executor_next(p, partial_out[i], &ERR), 0);
        exec_executor_close(p);
        if (i == 0)
            p0 = p;
        else
            exec_executor_free(p);
    }
    exec_chunk_list_t pl = {partial_out, 2, 0, 0};
    exec_executor_t *src =
        exec_scan_new(&CTX, &QUERY, &exec_chunk_list_source, &pl, p0->schema, p0->ncols, 0);
    exec_expr_t *pc[7];
    for (uint32_t i = 0; i < 7; i++)
        pc[i] = exec_expr_column(A, i, &p0->schema[i], NULL);
    exec_agg_desc_t fin[5] = {agg1(EXEC_AGG_COUNT, pc[0]),
                              agg1(EXEC_AGG_SUM, pc[1]),
                              {EXEC_AGG_AVG, {pc[2], pc[3]}, 2, false},
                              agg1(EXEC_AGG_MIN, pc[4]),
                              agg1(EXEC_AGG_MAX, pc[5])};
    exec_executor_t *f =
        exec_hash_agg_new(&CTX, &QUERY, src, &pc[6], 1, fin, 5, EXEC_AGG_FINAL, &ERR);
    assert_non_null(f);
    assert_int_equal(drain(f, OUT, sizeof(OUT)), 2);
    static char final_text[sizeof(OUT)];
    memcpy(final_text, OUT, sizeof(OUT));
    exec_executor_free(f);
    exec_executor_free(p0);
    exec_chunk_free(partial_out[0]);
    exec_chunk_free(partial_out[1]);

    /* the same rows aggregated in one COMPLETE pass */
    exec_chunk_t *all[8];
    uint32_t n = 0;
    for (int i = 0; i < 2; i++)
        for (uint32_t j = 0; j < parts[i].n; j++)
            all[n++] = parts[i].chunks[j];
    exec_chunk_list_t al = {all, n, 0, 0};
    exec_executor_t *c =
        exec_hash_agg_new(&CTX, &QUERY, scan(&al, 0), &gb, 1, aggs, 5, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(c, OUT, sizeof(OUT)), 2);
    assert_string_equal(final_text, OUT);
    assert_string_equal(OUT, "20,129,9.625000,0.00,19,a;9,72,10.000000,2.50,17,b;");
    exec_executor_free(c);
    free_list(&parts[0]);
    free_list(&parts[1]);
}

static void test_memory_quota(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 64 * 1024);
    exec_chunk_list_t l = make_list(5000, 1024);
    exec_agg_desc_t cnt = agg1(EXEC_AGG_COUNT, NULL);
    exec_expr_t *gb = col(2); /* 5000 distinct groups */
    exec_executor_t *h =
        exec_hash_agg_new(&CTX, &QUERY, scan(&l, 0), &gb, 1, &cnt, 1, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), -1);
    assert_int_equal(ERR.code, 8175);
    assert_string_equal(ERR.sqlstate, "HY000");
    assert_string_equal(ERR.msg, "Your query has been cancelled due to exceeding the allowed "
                                 "memory limit for a single SQL query.");
    exec_executor_free(h);
    assert_int_equal(exec_mem_consumed(&QUERY), 0);
    /* the same query under a large quota succeeds */
    exec_mem_tracker_init(&QUERY, NULL, "query", 64 * 1024 * 1024);
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&l, 0), &gb, 1, &cnt, 1, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 5000);
    exec_executor_free(h);
    free_list(&l);
}

static void test_sort_topn(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_chunk_list_t l = make_list(10, 4);
    /* ORDER BY v DESC: NULL (row 6) last; then ORDER BY k, v: 'a' = 'A', NULL first */
    exec_sort_item_t by_v = {col(1), true};
    exec_executor_t *s = exec_sort_new(&CTX, &QUERY, scan(&l, 3), &by_v, 1);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), 10);
    assert_string_equal(OUT, "a,9,11.25;b,8,10.00;A,7,8.75;b,5,6.25;A,4,5.00;a,3,3.75;b,2,2.50;"
                             "A,1,1.25;a,0,0.00;a,NULL,7.50;");
    exec_executor_free(s);
    exec_sort_item_t by_kv[2] = {{col(0), false}, {col(1), false}};
    s = exec_sort_new(&CTX, &QUERY, scan(&l, 0), by_kv, 2);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), 10);
    assert_string_equal(OUT, "a,NULL,7.50;a,0,0.00;A,1,1.25;a,3,3.75;A,4,5.00;A,7,8.75;a,9,11.25;"
                             "b,2,2.50;b,5,6.25;b,8,10.00;");
    exec_executor_free(s);
    free_list(&l);

    /* TopN over 5000 rows in small chunks compacts as it goes */
    exec_chunk_list_t big = make_list(5000, 100);
    exec_sort_item_t by_d = {col(2), true};
    exec_executor_t *t = exec_topn_new(&CTX, &QUERY, scan(&big, 64), &by_d, 1, 2, 3);
    assert_int_equal(drain(t, OUT, sizeof(OUT)), 3);
    assert_string_equal(OUT, "b,NULL,6246.25;A,4996,6245.00;a,4995,6243.75;");
    int64_t topn_mem = exec_executor_mem_max(t);
    exec_executor_free(t);
    s = exec_sort_new(&CTX, &QUERY, scan(&big, 64), &by_d, 1);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), 5000);
    assert_true(topn_mem * 4 < exec_executor_mem_max(s));
    exec_executor_free(s);
    /* the quota stops a sort that holds too much */
    exec_mem_tracker_init(&QUERY, NULL, "query", 32 * 1024);
    s = exec_sort_new(&CTX, &QUERY, scan(&big, 64), &by_d, 1);
    assert_int_equal(drain(s, OUT, sizeof(OUT)), -1);
    assert_int_equal(ERR.code, 8175);
    exec_executor_free(s);
    free_list(&big);

    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_chunk_list_t empty = make_list(0, 4);
    t = exec_topn_new(&CTX, &QUERY, scan(&empty, 0), &by_d, 1, 0, 10);
    assert_int_equal(drain(t, OUT, sizeof(OUT)), 0);
    exec_executor_free(t);
}

static exec_executor_t *join(exec_chunk_list_t *p, exec_chunk_list_t *b, exec_join_type_t t,
                             uint32_t key_col, uint32_t cap)
{
    exec_expr_t *pk = col(key_col), *bk = col(key_col);
    return exec_hash_join_new(&CTX, &QUERY, scan(p, cap), scan(b, cap), t, &pk, &bk, 1);
}

static void test_hash_join(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_chunk_list_t probe = make_list(10, 4);
    exec_chunk_list_t b1 = make_list(5, 2), b2 = make_list(5, 3);
    exec_chunk_t *bc[5] = {b1.chunks[0], b1.chunks[1], b1.chunks[2], b2.chunks[0], b2.chunks[1]};
    exec_chunk_list_t build = {bc, 5, 0, 0}; /* v 0..4 twice: duplicate keys */
    exec_executor_t *j = join(&probe, &build, EXEC_JOIN_INNER, 1, 0);
    assert_int_equal(j->ncols, 6);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 10);
    assert_string_equal(OUT, "a,0,0.00,a,0,0.00;a,0,0.00,a,0,0.00;A,1,1.25,A,1,1.25;"
                             "A,1,1.25,A,1,1.25;b,2,2.50,b,2,2.50;b,2,2.50,b,2,2.50;"
                             "a,3,3.75,a,3,3.75;a,3,3.75,a,3,3.75;A,4,5.00,A,4,5.00;"
                             "A,4,5.00,A,4,5.00;");
    exec_executor_free(j);
    /* a tiny chunk capacity splits one probe row's matches across calls */
    j = join(&probe, &build, EXEC_JOIN_LEFT_OUTER, 1, 3);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 15);
    assert_non_null(strstr(OUT, "b,5,6.25,NULL,NULL,NULL;a,NULL,7.50,NULL,NULL,NULL;A,7,8.75,"));
    exec_executor_free(j);
    j = join(&probe, &build, EXEC_JOIN_SEMI, 1, 0);
    assert_int_equal(j->ncols, 3);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 5);
    assert_string_equal(OUT, "a,0,0.00;A,1,1.25;b,2,2.50;a,3,3.75;A,4,5.00;");
    exec_executor_free(j);
    j = join(&probe, &build, EXEC_JOIN_ANTI_SEMI, 1, 0);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 5);
    assert_string_equal(OUT, "b,5,6.25;a,NULL,7.50;A,7,8.75;b,8,10.00;a,9,11.25;");
    exec_executor_free(j);
    /* string keys follow the collation: 'a' = 'A' */
    j = join(&probe, &b1, EXEC_JOIN_SEMI, 0, 0);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 10);
    exec_executor_free(j);
    /* an empty build side */
    exec_chunk_list_t empty = make_list(0, 1);
    j = join(&probe, &empty, EXEC_JOIN_INNER, 1, 0);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 0);
    exec_executor_free(j);
    j = join(&probe, &empty, EXEC_JOIN_ANTI_SEMI, 1, 0);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 10);
    exec_executor_free(j);
    /* NOT IN: a NULL on either side makes the answer NULL, never true */
    j = join(&probe, &b1, EXEC_JOIN_NULL_AWARE_ANTI_SEMI, 1, 0);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 4);
    assert_string_equal(OUT, "b,5,6.25;A,7,8.75;b,8,10.00;a,9,11.25;");
    exec_executor_free(j);
    exec_chunk_list_t with_null = make_list(7, 3);
    j = join(&probe, &with_null, EXEC_JOIN_NULL_AWARE_ANTI_SEMI, 1, 0);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 0);
    exec_executor_free(j);
    free_list(&with_null);
    j = join(&probe, &empty, EXEC_JOIN_NULL_AWARE_ANTI_SEMI, 1, 0);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), 10);
    exec_executor_free(j);
    /* UNION ALL */
    exec_executor_t *kids[3] = {scan(&b1, 0), scan(&empty, 0), scan(&b2, 2)};
    exec_executor_t *u = exec_union_all_new(&CTX, &QUERY, kids, 3);
    assert_int_equal(drain(u, OUT, sizeof(OUT)), 10);
    assert_string_equal(OUT, "a,0,0.00;A,1,1.25;b,2,2.50;a,3,3.75;A,4,5.00;"
                             "a,0,0.00;A,1,1.25;b,2,2.50;a,3,3.75;A,4,5.00;");
    exec_executor_free(u);
    /* the build side is held in memory under the quota */
    exec_chunk_list_t big = make_list(5000, 1000);
    exec_mem_tracker_init(&QUERY, NULL, "query", 100 * 1024);
    j = join(&probe, &big, EXEC_JOIN_INNER, 1, 0);
    assert_int_equal(drain(j, OUT, sizeof(OUT)), -1);
    assert_int_equal(ERR.code, 8175);
    exec_executor_free(j);
    assert_int_equal(exec_mem_consumed(&QUERY), 0);
    free_list(&big);
    free_list(&probe);
    free_list(&b1);
    free_list(&b2);
}

static void parse4(const char *s, double *out)
{
    char *end;
    for (int i = 0; i < 4; i++) {
        out[i] = strtod(s, &end);
        assert_true(end != s);
        s = end + 1;
    }
}

static void test_variance(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    exec_agg_desc_t v[4] = {agg1(EXEC_AGG_VAR_POP, col(1)), agg1(EXEC_AGG_VAR_SAMP, col(1)),
                            agg1(EXEC_AGG_STDDEV_POP, col(1)), agg1(EXEC_AGG_STDDEV_SAMP, col(1))};
    /* v = 0..19 without 6 and 13: population variance 35.583333..., sample 37.676470... */
    const double want[4] = {35.583333333333336, 37.6764705882353, 5.9651767227244274,
                            6.138116208433602};
    exec_chunk_list_t l = make_list(20, 6);
    exec_executor_t *h =
        exec_hash_agg_new(&CTX, &QUERY, scan(&l, 0), NULL, 0, v, 4, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(h->schema[0].tp, TYPES_TP_DOUBLE);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 1);
    double got[4];
    parse4(OUT, got);
    for (int i = 0; i < 4; i++)
        assert_true(fabs(got[i] - want[i]) < 1e-9 * want[i]);
    exec_executor_free(h);

    /* two partial states (rows 0..11 and 12..19) merged by FINAL give the same */
    exec_chunk_t *parts[2];
    exec_executor_t *p0 = NULL;
    for (int i = 0; i < 2; i++) {
        exec_chunk_t *one[2] = {l.chunks[2 * i], l.chunks[2 * i + 1]};
        exec_chunk_list_t half = {one, i == 0 ? 2u : (l.n - 2), 0, 0};
        exec_executor_t *p =
            exec_hash_agg_new(&CTX, &QUERY, scan(&half, 0), NULL, 0, v, 4, EXEC_AGG_PARTIAL, &ERR);
        assert_int_equal(p->ncols, 12);
        assert_int_equal(exec_executor_open(p, &ERR), 0);
        parts[i] = exec_executor_new_chunk(p);
        assert_int_equal(exec_executor_next(p, parts[i], &ERR), 0);
        exec_executor_close(p);
        if (i == 0)
            p0 = p;
        else
            exec_executor_free(p);
    }
    exec_chunk_list_t pl = {parts, 2, 0, 0};
    exec_executor_t *src =
        exec_scan_new(&CTX, &QUERY, &exec_chunk_list_source, &pl, p0->schema, p0->ncols, 0);
    exec_agg_desc_t fin[4];
    for (uint32_t a = 0; a < 4; a++) {
        fin[a] = v[a];
        fin[a].nargs = 3;
        for (uint32_t j = 0; j < 3; j++)
            fin[a].args[j] = exec_expr_column(A, 3 * a + j, &p0->schema[3 * a + j], NULL);
    }
    exec_executor_t *f =
        exec_hash_agg_new(&CTX, &QUERY, src, NULL, 0, fin, 4, EXEC_AGG_FINAL, &ERR);
    assert_non_null(f);
    assert_int_equal(drain(f, OUT, sizeof(OUT)), 1);
    parse4(OUT, got);
    for (int i = 0; i < 4; i++)
        assert_true(fabs(got[i] - want[i]) < 1e-9 * want[i]);
    exec_executor_free(f);
    exec_executor_free(p0);
    exec_chunk_free(parts[0]);
    exec_chunk_free(parts[1]);

    /* no rows: NULL; one row: population 0, sample NULL */
    exec_chunk_list_t one = make_list(1, 1);
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&one, 0), NULL, 0, v, 4, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 1);
    assert_string_equal(OUT, "0,NULL,0,NULL;");
    exec_executor_free(h);
    exec_chunk_list_t empty = make_list(0, 1);
    h = exec_hash_agg_new(&CTX, &QUERY, scan(&empty, 0), NULL, 0, v, 4, EXEC_AGG_COMPLETE, &ERR);
    assert_int_equal(drain(h, OUT, sizeof(OUT)), 1);
    assert_string_equal(OUT, "NULL,NULL,NULL,NULL;");
    exec_executor_free(h);
    free_list(&one);
    free_list(&l);
}

static void test_memtrack_and_warnings(void **state)
{
    (void)state;
    exec_mem_tracker_t q, op1, op2;
    exec_mem_tracker_init(&q, NULL, "query", 1000);
    exec_mem_tracker_init(&op1, &q, "HashAgg_1", 0);
    exec_mem_tracker_init(&op2, &q, "Sort_2", 0);
    duet_err_t err;
    duet_err_clear(&err);
    assert_int_equal(exec_mem_consume(&op1, 600, &err), 0);
    assert_int_equal(exec_mem_consume(&op2, 400, &err), 0);
    assert_int_equal(exec_mem_consumed(&q), 1000);
    assert_int_equal(exec_mem_consume(&op2, 1, &err), -1);
    assert_int_equal(err.code, 8175);
    assert_int_equal(exec_mem_consumed(&q), 1001); /* counted until released */
    assert_int_equal(exec_mem_consume(&op2, -401, &err), 0);
    exec_mem_release_all(&op1);
    assert_int_equal(exec_mem_consumed(&q), 0);
    assert_int_equal(exec_mem_max(&q), 1001);
    assert_int_equal(exec_mem_max(&op1), 600);

    /* SHOW WARNINGS keeps the first 64; @@warning_count counts all */
    exec_warnings_t w;
    exec_ctx_t ctx;
    exec_ctx_init(&ctx, &w, SCRATCH);
    exec_warnings_clear(&w);
    for (int i = 0; i < 100; i++)
        exec_warn(&ctx, EXEC_WARN_WARNING, 1365, "Division by %d", i);
    assert_int_equal(w.n, EXEC_MAX_WARNINGS);
    assert_int_equal(w.total, 100);
    assert_string_equal(w.items[63].msg, "Division by 63");
    assert_int_equal(ctx.div_precision_increment, 4);
    assert_int_equal(ctx.sql_mode, TYPES_MODE_DEFAULT);
}

/* ---- TPC-H Q6 ---- */

enum { Q_QTY, Q_PRICE, Q_DISC, Q_SHIP, Q_NC };

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void test_tpch_q6(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    types_field_type_t ft[Q_NC];
    for (int i = 0; i < 3; i++) {
        ft[i] = types_field_type_init(TYPES_TP_NEWDECIMAL);
        ft[i].flen = 15;
        ft[i].decimal = 2;
    }
    ft[Q_SHIP] = types_field_type_init(TYPES_TP_DATE);
    enum { ROWS = 60000, PER = 1024 };
    exec_chunk_list_t l = {0};
    l.n = (ROWS + PER - 1) / PER;
    l.chunks = duet_arena_calloc(A, l.n, sizeof(exec_chunk_t *));
    __int128 want = 0; /* row-at-a-time answer, in 10^-4 units */
    for (int i = 0; i < ROWS; i++) {
        if (i % PER == 0)
            l.chunks[i / PER] = exec_chunk_new(ft, Q_NC, 0);
        int64_t qty = 1 + (int64_t)(next_rand() % 50);             /* 1..50 */
        int64_t price = 90000 + (int64_t)(next_rand() % 10000000); /* cents */
        int64_t disc = (int64_t)(next_rand() % 11);                /* 0.00..0.10 */
        int64_t days = (int64_t)(next_rand() % 2526);              /* 1992-01-02 .. 1998-12 */
        int y, m, d;
        mytime_from_daynr(mytime_daynr(1992, 1, 2) + days, &y, &m, &d);
        mytime_t ship = {(uint16_t)y, (uint8_t)m, (uint8_t)d, 0, 0, 0, 0};
        types_decimal_t q = types_dec_from_scaled128(qty * 100, 2);
        types_decimal_t p = types_dec_from_scaled128(price, 2);
        types_decimal_t dd = types_dec_from_scaled128(disc, 2);
        types_datum_t v[Q_NC] = {types_datum_decimal(&q), types_datum_decimal(&p),
                                 types_datum_decimal(&dd),
                                 types_datum_time(&ship, TYPES_TP_DATE, 0)};
        assert_int_equal(exec_chunk_append_row(l.chunks[i / PER], v, &ERR), 0);
        if (y == 1994 && disc >= 5 && disc <= 7 && qty < 24)
            want += (__int128)price * disc;
    }
    exec_expr_t *qc = exec_expr_column(A, Q_QTY, &ft[Q_QTY], "l_quantity");
    exec_expr_t *pc = exec_expr_column(A, Q_PRICE, &ft[Q_PRICE], "l_extendedprice");
    exec_expr_t *dc = exec_expr_column(A, Q_DISC, &ft[Q_DISC], "l_discount");
    exec_expr_t *sc = exec_expr_column(A, Q_SHIP, &ft[Q_SHIP], "l_shipdate");
    types_field_type_t vt = types_field_type_init(TYPES_TP_VARCHAR);
    vt.collate = TYPES_COLL_UTF8MB4_BIN;
    types_datum_t d94 = types_datum_string("1994-01-01", 10, vt.collate);
    types_datum_t d95 = types_datum_string("1995-01-01", 10, vt.collate);
    types_field_type_t dt = types_field_type_init(TYPES_TP_NEWDECIMAL);
    dt.flen = 3;
    dt.decimal = 2;
    types_decimal_t lo = types_dec_from_scaled128(5, 2), hi = types_dec_from_scaled128(7, 2),
                    q24 = types_dec_from_int64(24);
    types_datum_t dlo = types_datum_decimal(&lo), dhi = types_datum_decimal(&hi),
                  d24 = types_datum_decimal(&q24);
    exec_expr_t *between[3] = {dc, exec_expr_const(A, &dlo, &dt), exec_expr_const(A, &dhi, &dt)};
    exec_expr_t *conds[4] = {
        fn2(EXEC_SIG_GE, sc, exec_expr_const(A, &d94, &vt)),
        fn2(EXEC_SIG_LT, sc, exec_expr_const(A, &d95, &vt)),
        exec_expr_func(A, EXEC_SIG_BETWEEN, NULL, between, 3, 4, &ERR),
        fn2(EXEC_SIG_LT, qc, exec_expr_const(A, &d24, &dt)),
    };
    exec_executor_t *s = exec_scan_new(&CTX, &QUERY, &exec_chunk_list_source, &l, ft, Q_NC, 0);
    exec_executor_t *sel = exec_selection_new(&CTX, &QUERY, s, conds, 4);
    exec_agg_desc_t sum = agg1(EXEC_AGG_SUM, fn2(EXEC_SIG_MUL, pc, dc));
    exec_executor_t *agg =
        exec_hash_agg_new(&CTX, &QUERY, sel, NULL, 0, &sum, 1, EXEC_AGG_COMPLETE, &ERR);
    assert_non_null(agg);
    assert_int_equal(drain(agg, OUT, sizeof(OUT)), 1);
    types_decimal_t wd = types_dec_from_scaled128(want, 4);
    char wbuf[TYPES_DEC_STR_MAX];
    types_dec_to_string(&wd, wbuf);
    strcat(wbuf, ";");
    assert_string_equal(OUT, wbuf);
    assert_true(want > 0);
    assert_int_equal(s->stats.rows, ROWS);
    assert_true(sel->stats.rows > 0 && sel->stats.rows < ROWS / 10);
    assert_int_equal(W.n, 0);
    exec_executor_free(agg);
    free_list(&l);
}

/* ---- TPC-H Q1 ---- */

static void dec_text(__int128 v, int scale, char *out)
{
    types_decimal_t d = types_dec_from_scaled128(v, scale);
    types_dec_to_string(&d, out);
}

/* v / n rounded half up (v >= 0, n > 0). */
static __int128 div_half_up(__int128 v, int64_t n)
{
    __int128 q = v / n, r = v % n;
    return 2 * r >= n ? q + 1 : q;
}

static void test_tpch_q1(void **state)
{
    (void)state;
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    enum { QTY, PRICE, DISC, TAX, RFLAG, LSTATUS, SHIP, NQ };
    types_field_type_t ft[NQ];
    for (int i = 0; i < 4; i++) {
        ft[i] = types_field_type_init(TYPES_TP_NEWDECIMAL);
        ft[i].flen = 15;
        ft[i].decimal = 2;
    }
    for (int i = RFLAG; i <= LSTATUS; i++) {
        ft[i] = types_field_type_init(TYPES_TP_STRING);
        ft[i].flen = 1;
        ft[i].collate = TYPES_COLL_UTF8MB4_BIN;
    }
    ft[SHIP] = types_field_type_init(TYPES_TP_DATE);
    enum { ROWS = 30000, PER = 1000 };
    exec_chunk_list_t l = {0};
    l.n = ROWS / PER;
    l.chunks = duet_arena_calloc(A, l.n, sizeof(exec_chunk_t *));
    /* reference, per group (flag * 2 + status) */
    __int128 sq[6] = {0}, sb[6] = {0}, sdp[6] = {0}, sc[6] = {0}, sd[6] = {0};
    int64_t cnt[6] = {0};
    static const char flags[] = "ANR", stat[] = "FO";
    int64_t cutoff = mytime_daynr(1998, 9, 2);
    for (int i = 0; i < ROWS; i++) {
        if (i % PER == 0)
            l.chunks[i / PER] = exec_chunk_new(ft, NQ, 0);
        int64_t qty = 1 + (int64_t)(next_rand() % 50),
                price = 90000 + (int64_t)(next_rand() % 9000000);
        int64_t disc = (int64_t)(next_rand() % 11), tax = (int64_t)(next_rand() % 9);
        int f = (int)(next_rand() % 3), s = (int)(next_rand() % 2);
        int64_t day = mytime_daynr(1992, 1, 2) + (int64_t)(next_rand() % 2526);
        int y, m, d;
        mytime_from_daynr(day, &y, &m, &d);
        mytime_t ship = {(uint16_t)y, (uint8_t)m, (uint8_t)d, 0, 0, 0, 0};
        types_decimal_t dq = types_dec_from_scaled128(qty * 100, 2),
                        dp = types_dec_from_scaled128(price, 2),
                        dd = types_dec_from_scaled128(disc, 2),
                        dt = types_dec_from_scaled128(tax, 2);
        types_datum_t v[NQ] = {types_datum_decimal(&dq),
                               types_datum_decimal(&dp),
                               types_datum_decimal(&dd),
                               types_datum_decimal(&dt),
                               types_datum_string(&flags[f], 1, TYPES_COLL_UTF8MB4_BIN),
                               types_datum_string(&stat[s], 1, TYPES_COLL_UTF8MB4_BIN),
                               types_datum_time(&ship, TYPES_TP_DATE, 0)};
        assert_int_equal(exec_chunk_append_row(l.chunks[i / PER], v, &ERR), 0);
        if (day > cutoff)
            continue;
        int g = f * 2 + s;
        sq[g] += qty * 100;
        sb[g] += price;
        sdp[g] += (__int128)price * (100 - disc);
        sc[g] += (__int128)price * (100 - disc) * (100 + tax);
        sd[g] += disc;
        cnt[g]++;
    }
    exec_expr_t *col_[NQ];
    for (int i = 0; i < NQ; i++)
        col_[i] = exec_expr_column(A, (uint32_t)i, &ft[i], NULL);
    mytime_t cut = {1998, 9, 2, 0, 0, 0, 0};
    types_datum_t dcut = types_datum_time(&cut, TYPES_TP_DATE, 0);
    exec_expr_t *cond = fn2(EXEC_SIG_LE, col_[SHIP], exec_expr_const(A, &dcut, &ft[SHIP]));
    exec_expr_t *one_minus_disc = fn2(EXEC_SIG_MINUS, cint(1), col_[DISC]);
    exec_expr_t *disc_price = fn2(EXEC_SIG_MUL, col_[PRICE], one_minus_disc);
    exec_expr_t *charge = fn2(EXEC_SIG_MUL, disc_price, fn2(EXEC_SIG_PLUS, cint(1), col_[TAX]));
    exec_agg_desc_t aggs[8] = {agg1(EXEC_AGG_SUM, col_[QTY]),  agg1(EXEC_AGG_SUM, col_[PRICE]),
                               agg1(EXEC_AGG_SUM, disc_price), agg1(EXEC_AGG_SUM, charge),
                               agg1(EXEC_AGG_AVG, col_[QTY]),  agg1(EXEC_AGG_AVG, col_[PRICE]),
                               agg1(EXEC_AGG_AVG, col_[DISC]), agg1(EXEC_AGG_COUNT, NULL)};
    exec_expr_t *gb[2] = {col_[RFLAG], col_[LSTATUS]};
    exec_executor_t *s = exec_scan_new(&CTX, &QUERY, &exec_chunk_list_source, &l, ft, NQ, 0);
    exec_executor_t *sel = exec_selection_new(&CTX, &QUERY, s, &cond, 1);
    exec_executor_t *agg =
        exec_hash_agg_new(&CTX, &QUERY, sel, gb, 2, aggs, 8, EXEC_AGG_COMPLETE, &ERR);
    assert_non_null(agg);
    exec_expr_t *k0 = exec_expr_column(A, 8, &agg->schema[8], NULL);
    exec_expr_t *k1 = exec_expr_column(A, 9, &agg->schema[9], NULL);
    exec_sort_item_t order[2] = {{k0, false}, {k1, false}};
    exec_executor_t *sorted = exec_sort_new(&CTX, &QUERY, agg, order, 2);
    int groups = drain(sorted, OUT, sizeof(OUT));
    assert_int_equal(groups, 6);
    static char want[4096];
    size_t len = 0;
    for (int g = 0; g < 6; g++) {
        char t[8][TYPES_DEC_STR_MAX];
        dec_text(sq[g], 2, t[0]);
        dec_text(sb[g], 2, t[1]);
        dec_text(sdp[g], 4, t[2]);
        dec_text(sc[g], 6, t[3]);
        dec_text(div_half_up(sq[g] * 10000, cnt[g]), 6, t[4]);
        dec_text(div_half_up(sb[g] * 10000, cnt[g]), 6, t[5]);
        dec_text(div_half_up(sd[g] * 10000, cnt[g]), 6, t[6]);
        len += (size_t)snprintf(want + len, sizeof(want) - len, "%s,%s,%s,%s,%s,%s,%s,%lld,%c,%c;",
                                t[0], t[1], t[2], t[3], t[4], t[5], t[6], (long long)cnt[g],
                                flags[g / 2], stat[g % 2]);
    }
    assert_string_equal(OUT, want);
    assert_int_equal(W.n, 0);
    exec_executor_free(sorted);
    free_list(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_and_stats),
        cmocka_unit_test(test_selection_projection_limit),
        cmocka_unit_test(test_hash_agg_complete),
        cmocka_unit_test(test_hash_agg_partial_final),
        cmocka_unit_test(test_memory_quota),
        cmocka_unit_test(test_sort_topn),
        cmocka_unit_test(test_hash_join),
        cmocka_unit_test(test_stream_agg),
        cmocka_unit_test(test_memtrack_and_warnings),
        cmocka_unit_test(test_variance),
        cmocka_unit_test(test_tpch_q6),
        cmocka_unit_test(test_tpch_q1),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
