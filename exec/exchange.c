/* exchange.c - the in-process exchange channel, the exchange sender and the receiver source. */
#include "exec/exchange.h"

#include <pthread.h>
#include <string.h>
#include <xxhash.h>

#include "common/mem.h"
#include "exec/chunk_codec.h"
#include "types/codec.h"

typedef struct message {
    char *data;
    size_t len;
} message_t;

struct exec_channel {
    pthread_mutex_t mu; /* guards everything below */
    pthread_cond_t changed;
    message_t *q;
    uint32_t cap, head, n;
    uint32_t open_senders;
    bool cancelled;
    duet_err_t why;
};

exec_channel_t *exec_channel_new(uint32_t nsenders, uint32_t max_queued)
{
    exec_channel_t *ch = duet_calloc(1, sizeof(*ch));
    pthread_mutex_init(&ch->mu, NULL);
    pthread_cond_init(&ch->changed, NULL);
    ch->cap = max_queued ? max_queued : 16;
    ch->q = duet_calloc(ch->cap, sizeof(message_t));
    ch->open_senders = nsenders ? nsenders : 1;
    return ch;
}

void exec_channel_free(exec_channel_t *ch)
{
    if (!ch)
        return;
    for (uint32_t i = 0; i < ch->n; i++)
        duet_free(ch->q[(ch->head + i) % ch->cap].data);
    duet_free(ch->q);
    pthread_cond_destroy(&ch->changed);
    pthread_mutex_destroy(&ch->mu);
    duet_free(ch);
}

int exec_channel_send(exec_channel_t *ch, duet_buf_t *msg, duet_err_t *err)
{
    pthread_mutex_lock(&ch->mu);
    while (ch->n == ch->cap && !ch->cancelled)
        pthread_cond_wait(&ch->changed, &ch->mu);
    if (ch->cancelled) {
        duet_err_copy(err, &ch->why);
        pthread_mutex_unlock(&ch->mu);
        return -1;
    }
    message_t *m = &ch->q[(ch->head + ch->n) % ch->cap];
    m->len = msg->len;
    m->data = duet_buf_detach(msg);
    ch->n++;
    pthread_cond_broadcast(&ch->changed);
    pthread_mutex_unlock(&ch->mu);
    return 0;
}

void exec_channel_close_sender(exec_channel_t *ch)
{
    pthread_mutex_lock(&ch->mu);
    if (ch->open_senders)
        ch->open_senders--;
    pthread_cond_broadcast(&ch->changed);
    pthread_mutex_unlock(&ch->mu);
}

int exec_channel_recv(exec_channel_t *ch, char **msg, size_t *len, duet_err_t *err)
{
    pthread_mutex_lock(&ch->mu);
    while (ch->n == 0 && ch->open_senders && !ch->cancelled)
        pthread_cond_wait(&ch->changed, &ch->mu);
    int rc;
    if (ch->cancelled) {
        duet_err_copy(err, &ch->why);
        rc = -1;
    } else if (ch->n == 0) {
        rc = 0;
    } else {
        message_t *m = &ch->q[ch->head];
        *msg = m->data;
        *len = m->len;
        m->data = NULL;
        ch->head = (ch->head + 1) % ch->cap;
        ch->n--;
        rc = 1;
    }
    pthread_cond_broadcast(&ch->changed);
    pthread_mutex_unlock(&ch->mu);
    return rc;
}

void exec_channel_cancel(exec_channel_t *ch, const duet_err_t *why)
{
    pthread_mutex_lock(&ch->mu);
    if (!ch->cancelled) {
        ch->cancelled = true;
        if (why && why->code)
            ch->why = *why;
        else
            duet_err_set(&ch->why, ER_QUERY_INTERRUPTED);
    }
    pthread_cond_broadcast(&ch->changed);
    pthread_mutex_unlock(&ch->mu);
}

/* ---- sender ---- */

typedef struct sender {
    exec_executor_t base;
    exec_exchange_type_t type;
    exec_channel_t **targets;
    uint32_t ntargets;
    exec_expr_t **keys;
    uint32_t nkeys;
    exec_chunk_t **parts; /* HASH: one chunk per target */
    exec_column_t *kcols;
    bool finished;
} sender_t;

static int send_chunk(exec_channel_t *ch, const exec_chunk_t *c, duet_err_t *err)
{
    duet_buf_t b = DUET_BUF_INIT;
    exec_chunk_encode(c, &b);
    int rc = exec_channel_send(ch, &b, err);
    duet_buf_free(&b);
    return rc;
}

static int partition(sender_t *s, exec_chunk_t *c, duet_err_t *err)
{
    exec_executor_t *e = &s->base;
    for (uint32_t k = 0; k < s->nkeys; k++)
        if (exec_expr_eval(s->keys[k], c, e->ctx, &s->kcols[k], err) < 0)
            return -1;
    for (uint32_t t = 0; t < s->ntargets; t++)
        exec_chunk_reset(s->parts[t]);
    duet_buf_t key = DUET_BUF_INIT;
    for (uint32_t i = 0; i < exec_chunk_logical_rows(c); i++) {
        uint32_t r = exec_chunk_row_at(c, i);
        duet_buf_reset(&key);
        for (uint32_t k = 0; k < s->nkeys; k++) {
            types_datum_t d = exec_column_get_datum(&s->kcols[k], r);
            types_key_encode_datum(&key, &d);
        }
        uint64_t h = XXH3_64bits(key.data ? key.data : "", key.len);
        exec_chunk_append_from(s->parts[h % s->ntargets], c, r);
    }
    duet_buf_free(&key);
    for (uint32_t t = 0; t < s->ntargets; t++)
        if (exec_chunk_num_rows(s->parts[t]) && send_chunk(s->targets[t], s->parts[t], err) < 0)
            return -1;
    return 0;
}

static void finish(sender_t *s, const duet_err_t *failed)
{
    if (s->finished)
        return;
    s->finished = true;
    for (uint32_t t = 0; t < s->ntargets; t++) {
        if (failed)
            exec_channel_cancel(s->targets[t], failed);
        else
            exec_channel_close_sender(s->targets[t]);
    }
}

static int sender_next(exec_executor_t *e, exec_chunk_t *out, duet_err_t *err)
{
    sender_t *s = (sender_t *)e;
    int rc = exec_executor_next(e->child, out, err);
    if (rc == 0 && exec_chunk_logical_rows(out) == 0) {
        finish(s, NULL);
        return 0;
    }
    if (rc == 0) {
        if (s->type == EXEC_EXCHANGE_HASH)
            rc = partition(s, out, err);
        else
            for (uint32_t t = 0; t < s->ntargets && rc == 0; t++)
                rc = send_chunk(s->targets[t], out, err);
    }
    if (rc < 0)
        finish(s, err);
    return rc;
}

static void sender_close(exec_executor_t *e)
{
    duet_err_t why;
    duet_err_set(&why, ER_QUERY_INTERRUPTED);
    finish((sender_t *)e, &why); /* closed before the end: the receivers must not wait */
}

static void sender_destroy(exec_executor_t *e)
{
    sender_t *s = (sender_t *)e;
    for (uint32_t t = 0; s->parts && t < s->ntargets; t++)
        exec_chunk_free(s->parts[t]);
    for (uint32_t k = 0; s->kcols && k < s->nkeys; k++)
        exec_column_destroy(&s->kcols[k]);
    duet_free(s->parts);
    duet_free(s->kcols);
    duet_free(s->targets);
    duet_free(s->keys);
}

static const exec_executor_ops_t sender_ops = {"ExchangeSender", NULL, sender_next, sender_close,
                                               sender_destroy};

exec_executor_t *exec_exchange_sender_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                          exec_executor_t *child, exec_exchange_type_t type,
                                          exec_channel_t *const *targets, uint32_t ntargets,
                                          exec_expr_t *const *keys, uint32_t nkeys)
{
    sender_t *s = duet_calloc(1, sizeof(*s));
    exec_executor_init(&s->base, &sender_ops, ctx, query, child, child->schema, child->ncols, 0);
    s->type = type;
    s->ntargets = type == EXEC_EXCHANGE_PASS_THROUGH && ntargets > 1 ? 1 : ntargets;
    s->targets = duet_malloc((ntargets ? ntargets : 1) * sizeof(exec_channel_t *));
    if (ntargets)
        memcpy(s->targets, targets, ntargets * sizeof(exec_channel_t *));
    s->nkeys = nkeys;
    s->keys = duet_malloc((nkeys ? nkeys : 1) * sizeof(exec_expr_t *));
    if (nkeys)
        memcpy(s->keys, keys, nkeys * sizeof(exec_expr_t *));
    if (type == EXEC_EXCHANGE_HASH) {
        s->parts = duet_calloc(s->ntargets ? s->ntargets : 1, sizeof(exec_chunk_t *));
        for (uint32_t t = 0; t < s->ntargets; t++)
            s->parts[t] = exec_executor_new_chunk(child);
        s->kcols = duet_calloc(nkeys ? nkeys : 1, sizeof(exec_column_t));
        for (uint32_t k = 0; k < nkeys; k++)
            exec_column_init(&s->kcols[k], &keys[k]->ft, 0);
    }
    return &s->base;
}

/* ---- receiver ---- */

static int recv_next(void *state, exec_chunk_t *out, duet_err_t *err)
{
    exec_channel_t *ch = state;
    types_field_type_t *fts = duet_malloc((out->ncols ? out->ncols : 1) * sizeof(*fts));
    for (uint32_t i = 0; i < out->ncols; i++)
        fts[i] = out->cols[i].ft;
    int rc;
    do {
        char *msg;
        size_t len;
        rc = exec_channel_recv(ch, &msg, &len, err);
        if (rc <= 0)
            break;
        exec_chunk_t *c;
        rc = exec_chunk_decode((const uint8_t *)msg, len, fts, out->ncols, &c, err);
        if (rc == 0) {
            for (uint32_t r = 0; r < exec_chunk_num_rows(c); r++)
                exec_chunk_append_from(out, c, r);
            exec_chunk_free(c);
        }
        duet_free(msg);
    } while (rc == 0 && exec_chunk_num_rows(out) == 0);
    duet_free(fts);
    return rc < 0 ? -1 : 0;
}

const exec_scan_source_t exec_exchange_receiver_source = {NULL, recv_next, NULL};
