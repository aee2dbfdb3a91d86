/* pool.h - fixed-size thread pool running submitted tasks in FIFO order. */
#ifndef DUET_COMMON_POOL_H
#define DUET_COMMON_POOL_H

#include <stddef.h>

typedef struct duet_pool duet_pool_t;
typedef void (*duet_task_fn)(void *arg);

/*
 * duet_pool_create: starts nthreads worker threads (at least 1) named
 * "<name>-<i>". Returns NULL when a thread cannot be started (nothing leaks).
 */
duet_pool_t *duet_pool_create(int nthreads, const char *name);

/*
 * duet_pool_submit: queues fn(arg) to run on a worker. Any thread may call it,
 * including a worker. Returns 0, or -1 when the pool is shutting down (fn is then
 * not run and arg stays the caller's).
 */
int duet_pool_submit(duet_pool_t *pool, duet_task_fn fn, void *arg);

/* duet_pool_wait_idle: blocks until the queue is empty and no task is running.
 * Must not be called from a worker. */
void duet_pool_wait_idle(duet_pool_t *pool);

/* duet_pool_size: the number of worker threads. */
int duet_pool_size(const duet_pool_t *pool);

/*
 * duet_pool_destroy: stops accepting tasks, runs every task already queued,
 * joins the workers and frees the pool. Must not be called from a worker.
 * NULL is allowed.
 */
void duet_pool_destroy(duet_pool_t *pool);

#endif
