/* test_pool.c - unit tests for common/pool: every task runs, FIFO per worker, drain on destroy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <unistd.h>

#include "common/pool.h"

static void add_one(void *arg)
{
    atomic_fetch_add((_Atomic int *)arg, 1);
}

static void test_all_tasks_run(void **state)
{
    (void)state;
    _Atomic int n = 0;
    duet_pool_t *p = duet_pool_create(4, "test");
    assert_non_null(p);
    assert_int_equal(duet_pool_size(p), 4);
    for (int i = 0; i < 10000; i++)
        assert_int_equal(duet_pool_submit(p, add_one, &n), 0);
    duet_pool_wait_idle(p);
    assert_int_equal(atomic_load(&n), 10000);
    duet_pool_destroy(p);
}

static void slow_add(void *arg)
{
    usleep(1000);
    atomic_fetch_add((_Atomic int *)arg, 1);
}

static void test_destroy_drains_queue(void **state)
{
    (void)state;
    _Atomic int n = 0;
    duet_pool_t *p = duet_pool_create(2, "drain");
    for (int i = 0; i < 50; i++)
        duet_pool_submit(p, slow_add, &n);
    duet_pool_destroy(p);
    assert_int_equal(atomic_load(&n), 50);
}

typedef struct order {
    int seen[100];
    _Atomic int next;
} order_t;

typedef struct order_task {
    order_t *o;
    int i;
} order_task_t;

static void record(void *arg)
{
    order_task_t *t = arg;
    t->o->seen[atomic_fetch_add(&t->o->next, 1)] = t->i;
}

static void test_fifo_with_one_worker(void **state)
{
    (void)state;
    order_t o = {.next = 0};
    order_task_t tasks[100];
    duet_pool_t *p = duet_pool_create(1, "fifo");
    for (int i = 0; i < 100; i++) {
        tasks[i] = (order_task_t){&o, i};
        duet_pool_submit(p, record, &tasks[i]);
    }
    duet_pool_wait_idle(p);
    for (int i = 0; i < 100; i++)
        assert_int_equal(o.seen[i], i);
    duet_pool_destroy(p);
}

typedef struct resubmit {
    duet_pool_t *p;
    _Atomic int n;
} resubmit_t;

static void chain(void *arg)
{
    resubmit_t *r = arg;
    if (atomic_fetch_add(&r->n, 1) < 99)
        duet_pool_submit(r->p, chain, r);
}

static void test_submit_from_worker(void **state)
{
    (void)state;
    resubmit_t r = {.p = duet_pool_create(2, "chain"), .n = 0};
    duet_pool_submit(r.p, chain, &r);
    /* Tasks queue more tasks; wait until the chain is done. */
    while (atomic_load(&r.n) < 100)
        usleep(1000);
    duet_pool_wait_idle(r.p);
    assert_int_equal(atomic_load(&r.n), 100);
    duet_pool_destroy(r.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_tasks_run),
        cmocka_unit_test(test_destroy_drains_queue),
        cmocka_unit_test(test_fifo_with_one_worker),
        cmocka_unit_test(test_submit_from_worker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
