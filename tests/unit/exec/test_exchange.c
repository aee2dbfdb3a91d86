/* test_exchange.c - unit tests for exec/exchange: channels, PassThrough, Broadcast and
 * HashPartition senders on another thread, receivers, and cancellation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "common/mem.h"
#include "exec/exchange.h"

static duet_arena_t *A;
static exec_ctx_t CTX, SEND_CTX;
static duet_arena_t *SCRATCH, *SEND_SCRATCH;
static exec_mem_tracker_t QUERY;
static types_field_type_t FT[2];

static int setup(void **state)
{
    (void)state;
    A = duet_arena_create(0);
    SCRATCH = duet_arena_create(0);
    SEND_SCRATCH = duet_arena_create(0);
    exec_ctx_init(&CTX, NULL, SCRATCH);
    exec_ctx_init(&SEND_CTX, NULL, SEND_SCRATCH);
    exec_mem_tracker_init(&QUERY, NULL, "query", 0);
    FT[0] = types_field_type_init(TYPES_TP_VARCHAR);
    FT[0].collate = TYPES_COLL_UTF8MB4_GENERAL_CI;
    FT[1] = types_field_type_init(TYPES_TP_LONGLONG);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    duet_arena_destroy(A);
    duet_arena_destroy(SCRATCH);
    duet_arena_destroy(SEND_SCRATCH);
    return 0;
}

/* n rows (k, v): k cycles through "x", "X", "y", "z"; v = i. */
static exec_chunk_list_t make_list(int n, int per)
{
    exec_chunk_list_t l = {0};
    l.n = (uint32_t)((n + per - 1) / per);
    l.chunks = duet_arena_calloc(A, l.n ? l.n : 1, sizeof(exec_chunk_t *));
    static const char *ks[] = {"x", "X", "y", "z"};
    for (int i = 0; i < n; i++) {
        if (i % per == 0)
            l.chunks[i / per] = exec_chunk_new(FT, 2, 0);
        types_datum_t v[2] = {types_datum_string(ks[i % 4], 1, FT[0].collate), types_datum_int(i)};
        duet_err_t err;
        assert_int_equal(exec_chunk_append_row(l.chunks[i / per], v, &err), 0);
    }
    return l;
}

static void free_list(exec_chunk_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        exec_chunk_free(l->chunks[i]);
}

typedef struct send_job {
    exec_executor_t *sender;
    int rc;
    duet_err_t err;
} send_job_t;

static void *run_sender(void *arg)
{
    send_job_t *j = arg;
    exec_executor_t *e = j->sender;
    j->rc = exec_executor_open(e, &j->err);
    exec_chunk_t *c = exec_executor_new_chunk(e);
    while (j->rc == 0) {
        j->rc = exec_executor_next(e, c, &j->err);
        if (j->rc == 0 && exec_chunk_logical_rows(c) == 0)
            break;
    }
    exec_chunk_free(c);
    exec_executor_close(e);
    return NULL;
}

/* Drains a receiver on ch: returns rows (or -1 with *err), v sum into *sum, and
 * a bit per distinct k seen (x=1, y=2, z=4) into *keys. */
static int receive(exec_channel_t *ch, int64_t *sum, int *keys, duet_err_t *err)
{
    exec_executor_t *r = exec_scan_new(&CTX, &QUERY, &exec_exchange_receiver_source, ch, FT, 2, 0);
    int rows = 0;
    *sum = 0;
    *keys = 0;
    assert_int_equal(exec_executor_open(r, err), 0);
    exec_chunk_t *c = exec_executor_new_chunk(r);
    for (;;) {
        if (exec_executor_next(r, c, err) < 0) {
            rows = -1;
            break;
        }
        uint32_t n = exec_chunk_logical_rows(c);
        if (n == 0)
            break;
        for (uint32_t i = 0; i < n; i++, rows++) {
            size_t len;
            const char *k = exec_column_bytes(&c->cols[0], i, &len);
            *keys |= (k[0] == 'x' || k[0] == 'X') ? 1 : k[0] == 'y' ? 2 : 4;
            *sum += exec_column_int(&c->cols[1], i);
        }
    }
    exec_chunk_free(c);
    exec_executor_close(r);
    exec_executor_free(r);
    return rows;
}

static exec_executor_t *source(exec_chunk_list_t *l)
{
    return exec_scan_new(&SEND_CTX, &QUERY, &exec_chunk_list_source, l, FT, 2, 100);
}

static void test_hash_partition(void **state)
{
    (void)state;
    exec_chunk_list_t l = make_list(5000, 300);
    exec_channel_t *ch[3];
    for (int i = 0; i < 3; i++)
        ch[i] = exec_channel_new(1, 1000);
    exec_expr_t *key = exec_expr_column(A, 0, &FT[0], "k");
    send_job_t job = {
        exec_exchange_sender_new(&SEND_CTX, &QUERY, source(&l), EXEC_EXCHANGE_HASH, ch, 3, &key, 1),
        0,
        {0}};
    pthread_t t;
    pthread_create(&t, NULL, run_sender, &job);
    pthread_join(t, NULL);
    assert_int_equal(job.rc, 0);
    int total = 0, seen = 0;
    int64_t sum_all = 0;
    for (int i = 0; i < 3; i++) {
        int64_t sum;
        int keys;
        duet_err_t err;
        int n = receive(ch[i], &sum, &keys, &err);
        assert_true(n >= 0);
        assert_int_equal(seen & keys, 0); /* a key (x and X alike) reaches one receiver */
        seen |= keys;
        total += n;
        sum_all += sum;
    }
    assert_int_equal(seen, 7);
    assert_int_equal(total, 5000);
    assert_int_equal(sum_all, 4999 * 5000 / 2);
    assert_int_equal(job.sender->stats.rows, 5000);
    exec_executor_free(job.sender);
    for (int i = 0; i < 3; i++)
        exec_channel_free(ch[i]);
    free_list(&l);
}

static void test_broadcast_and_pass_through(void **state)
{
    (void)state;
    exec_chunk_list_t l = make_list(1000, 64);
    exec_channel_t *ch[2] = {exec_channel_new(1, 100), exec_channel_new(1, 100)};
    send_job_t job = {exec_exchange_sender_new(&SEND_CTX, &QUERY, source(&l),
                                               EXEC_EXCHANGE_BROADCAST, ch, 2, NULL, 0),
                      0,
                      {0}};
    run_sender(&job);
    assert_int_equal(job.rc, 0);
    for (int i = 0; i < 2; i++) {
        int64_t sum;
        int keys;
        duet_err_t err;
        assert_int_equal(receive(ch[i], &sum, &keys, &err), 1000);
        assert_int_equal(sum, 999 * 1000 / 2);
        exec_channel_free(ch[i]);
    }
    exec_executor_free(job.sender);

    /* a queue of 2 messages: the sender blocks until the receiver reads */
    exec_channel_t *one = exec_channel_new(1, 2);
    job.sender = exec_exchange_sender_new(&SEND_CTX, &QUERY, source(&l), EXEC_EXCHANGE_PASS_THROUGH,
                                          &one, 1, NULL, 0);
    pthread_t t;
    pthread_create(&t, NULL, run_sender, &job);
    int64_t sum;
    int keys;
    duet_err_t err;
    assert_int_equal(receive(one, &sum, &keys, &err), 1000);
    pthread_join(t, NULL);
    assert_int_equal(job.rc, 0);
    assert_int_equal(sum, 999 * 1000 / 2);
    exec_executor_free(job.sender);
    exec_channel_free(one);
    free_list(&l);
}

static void test_cancel(void **state)
{
    (void)state;
    exec_chunk_list_t l = make_list(500, 100);
    /* the sender's child fails with 1690 on its second chunk: receivers see it */
    exec_expr_t *v = exec_expr_column(A, 1, &FT[1], "v");
    types_datum_t big = types_datum_int(INT64_MAX - 150);
    exec_expr_t *c = exec_expr_const(A, &big, &FT[1]);
    exec_expr_t *args[2] = {v, c};
    duet_err_t err;
    exec_expr_t *plus = exec_expr_func(A, EXEC_SIG_PLUS, NULL, args, 2, 4, &err);
    exec_expr_t *proj[2] = {exec_expr_column(A, 0, &FT[0], "k"), plus};
    exec_executor_t *p = exec_projection_new(&SEND_CTX, &QUERY, source(&l), proj, 2);
    exec_channel_t *ch = exec_channel_new(1, 100);
    send_job_t job = {
        exec_exchange_sender_new(&SEND_CTX, &QUERY, p, EXEC_EXCHANGE_PASS_THROUGH, &ch, 1, NULL, 0),
        0,
        {0}};
    run_sender(&job);
    assert_int_equal(job.rc, -1);
    assert_int_equal(job.err.code, 1690);
    int64_t sum;
    int keys;
    assert_int_equal(receive(ch, &sum, &keys, &err), -1);
    assert_int_equal(err.code, 1690);
    assert_string_equal(err.msg, "BIGINT value is out of range in '(v + 9223372036854775657)'");
    exec_executor_free(job.sender);
    exec_channel_free(ch);

    /* a receiver cancelled from outside stops waiting */
    ch = exec_channel_new(2, 1);
    exec_channel_close_sender(ch);
    exec_channel_cancel(ch, NULL);
    assert_int_equal(receive(ch, &sum, &keys, &err), -1);
    assert_int_equal(err.code, 1317);
    assert_string_equal(err.msg, "Query execution was interrupted");
    exec_channel_free(ch);
    free_list(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_partition),
        cmocka_unit_test(test_broadcast_and_pass_through),
        cmocka_unit_test(test_cancel),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
