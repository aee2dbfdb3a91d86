/* pool.c - fixed-size thread pool (see pool.h). */
#include "common/pool.h"
#include "common/mem.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

typedef struct pool_task {
    struct pool_task *next;
    duet_task_fn fn;
    void *arg;
} pool_task_t;

struct duet_pool {
    pthread_mutex_t lock; /* guards every field below */
    pthread_cond_t work;  /* a task was queued, or shutdown began */
    pthread_cond_t idle;  /* the pool went idle */
    pool_task_t *head, *tail;
    int running; /* tasks being executed now */
    bool stopping;
    int nthreads;
    pthread_t *threads;
};

static void *pool_worker(void *arg)
{
    duet_pool_t *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->head == NULL && !p->stopping)
            pthread_cond_wait(&p->work, &p->lock);
        pool_task_t *t = p->head;
        if (t == NULL)
            break; /* stopping and drained */
        p->head = t->next;
        if (p->head == NULL)
            p->tail = NULL;
        p->running++;
        pthread_mutex_unlock(&p->lock);
        t->fn(t->arg);
        duet_free(t);
        pthread_mutex_lock(&p->lock);
        p->running--;
        if (p->head == NULL && p->running == 0)
            pthread_cond_broadcast(&p->idle);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

duet_pool_t *duet_pool_create(int nthreads, const char *name)
{
    if (nthreads < 1)
        nthreads = 1;
    duet_pool_t *p = duet_calloc(1, sizeof(*p));
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->idle, NULL);
    p->threads = duet_calloc((size_t)nthreads, sizeof(pthread_t));
    for (int i = 0; i < nthreads; i++) {
        if (pthread_create(&p->threads[i], NULL, pool_worker, p) != 0) {
            p->nthreads = i;
            duet_pool_destroy(p);
            return NULL;
        }
        char tname[32]; /* pthread names are cut to 15 bytes */
        snprintf(tname, sizeof(tname), "%.10s-%d", name ? name : "pool", i % 1000);
        tname[15] = '\0';
        pthread_setname_np(p->threads[i], tname);
        p->nthreads = i + 1;
    }
    return p;
}

int duet_pool_submit(duet_pool_t *p, duet_task_fn fn, void *arg)
{
    pool_task_t *t = duet_malloc(sizeof(*t));
    t->next = NULL;
    t->fn = fn;
    t->arg = arg;
    pthread_mutex_lock(&p->lock);
    if (p->stopping) {
        pthread_mutex_unlock(&p->lock);
        duet_free(t);
        return -1;
    }
    if (p->tail)
        p->tail->next = t;
    else
        p->head = t;
    p->tail = t;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

void duet_pool_wait_idle(duet_pool_t *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->head != NULL || p->running > 0)
        pthread_cond_wait(&p->idle, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

int duet_pool_size(const duet_pool_t *p)
{
    return p->nthreads;
}

void duet_pool_destroy(duet_pool_t *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->idle);
    duet_free(p->threads);
    duet_free(p);
}
