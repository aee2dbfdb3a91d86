/* exchange.h - exchange between tasks: an in-process channel of encoded chunks, the sender
 * executor (PassThrough, Broadcast, HashPartition) and the receiver scan source. */
#ifndef DUET_EXEC_EXCHANGE_H
#define DUET_EXEC_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "exec/executor.h"

/*
 * exec_channel_t: a bounded FIFO of chunk messages (chunk_codec.h encoding)
 * from nsenders senders to one receiver. Thread-safe: senders and the receiver
 * run on different threads; one mutex guards the queue. A network stream can
 * replace it later with the same messages.
 */
typedef struct exec_channel exec_channel_t;

/* exec_channel_new: a channel expecting nsenders (>= 1) senders to close it,
 * holding at most max_queued messages (0: 16) before send blocks. */
exec_channel_t *exec_channel_new(uint32_t nsenders, uint32_t max_queued);

/* exec_channel_free: frees the channel and queued messages (no thread may use it). */
void exec_channel_free(exec_channel_t *ch);

/* exec_channel_send: queues msg (its bytes are taken; msg is left empty),
 * waiting while the queue is full. Returns 0, or -1 with the cancel error. */
int exec_channel_send(exec_channel_t *ch, duet_buf_t *msg, duet_err_t *err);

/* exec_channel_close_sender: one sender has sent everything. */
void exec_channel_close_sender(exec_channel_t *ch);

/* exec_channel_recv: waits for the next message: returns 1 with *msg (owned by
 * the caller, freed with duet_free) and *len, 0 when every sender closed and
 * the queue is empty, -1 with the cancel error. */
int exec_channel_recv(exec_channel_t *ch, char **msg, size_t *len, duet_err_t *err);

/* exec_channel_cancel: wakes everyone; later send/recv fail with why (copied). */
void exec_channel_cancel(exec_channel_t *ch, const duet_err_t *why);

typedef enum exec_exchange_type {
    EXEC_EXCHANGE_PASS_THROUGH, /* everything to targets[0] */
    EXEC_EXCHANGE_BROADCAST,    /* everything to every target */
    EXEC_EXCHANGE_HASH,         /* each row to targets[hash(keys) % n] */
} exec_exchange_type_t;

/*
 * exec_exchange_sender_new: an executor that sends each child chunk to the
 * targets (borrowed channels) and also returns it, so a driver drains it like
 * any executor; when the child ends it closes its side of every target, and
 * when sending or the child fails it cancels them. keys (borrowed) are the
 * HASH partitioning expressions, hashed by their memcomparable encoding
 * (strings by collation), so equal keys always meet in one target.
 */
exec_executor_t *exec_exchange_sender_new(exec_ctx_t *ctx, exec_mem_tracker_t *query,
                                          exec_executor_t *child, exec_exchange_type_t type,
                                          exec_channel_t *const *targets, uint32_t ntargets,
                                          exec_expr_t *const *keys, uint32_t nkeys);

/* The receiver: a scan source reading one channel (state = the channel), for
 * exec_scan_new with the sender's schema. */
extern const exec_scan_source_t exec_exchange_receiver_source;

#endif
