/* memtrack.c - hierarchical memory trackers with a quota. */
#include "exec/memtrack.h"

#include <stdatomic.h>
#include <stddef.h>

void exec_mem_tracker_init(exec_mem_tracker_t *t, exec_mem_tracker_t *parent, const char *label,
                           int64_t quota)
{
    t->parent = parent;
    t->label = label;
    t->quota = quota;
    atomic_store(&t->consumed, 0);
    atomic_store(&t->max_consumed, 0);
}

int exec_mem_consume(exec_mem_tracker_t *t, int64_t delta, duet_err_t *err)
{
    int over = 0;
    for (exec_mem_tracker_t *p = t; p; p = p->parent) {
        int64_t now = atomic_fetch_add(&p->consumed, delta) + delta;
        int64_t max = atomic_load(&p->max_consumed);
        while (now > max && !atomic_compare_exchange_weak(&p->max_consumed, &max, now))
            ;
        if (delta > 0 && p->quota > 0 && now > p->quota)
            over = 1;
    }
    if (over)
        return duet_err_set(err, ER_MEM_EXCEED_THRESHOLD);
    return 0;
}

void exec_mem_release_all(exec_mem_tracker_t *t)
{
    int64_t n = atomic_load(&t->consumed);
    if (n)
        exec_mem_consume(t, -n, NULL);
}

int64_t exec_mem_consumed(const exec_mem_tracker_t *t)
{
    return atomic_load(&((exec_mem_tracker_t *)t)->consumed);
}

int64_t exec_mem_max(const exec_mem_tracker_t *t)
{
    return atomic_load(&((exec_mem_tracker_t *)t)->max_consumed);
}
