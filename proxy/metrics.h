/* metrics.h - server counters for SHOW STATUS, COM_STATISTICS and the /metrics endpoint. */
#ifndef DUET_PROXY_METRICS_H
#define DUET_PROXY_METRICS_H

#include <stdatomic.h>
#include <stdint.h>

#include "common/buf.h"

#define PROXY_METRICS_ERRCODES 64
#define PROXY_METRICS_BUCKETS  14

/* Command kinds counted as "queries by type". */
enum {
    PROXY_Q_QUERY,
    PROXY_Q_STMT_PREPARE,
    PROXY_Q_STMT_EXECUTE,
    PROXY_Q_STMT_FETCH,
    PROXY_Q_PING,
    PROXY_Q_INIT_DB,
    PROXY_Q_OTHER,
    PROXY_Q_KINDS
};

/* proxy_metrics_t: lock-free counters; any thread may update and read them. */
typedef struct proxy_metrics {
    atomic_int connections;
    atomic_ullong connections_total;
    atomic_ullong aborted_connects;
    atomic_ullong questions;
    atomic_ullong by_kind[PROXY_Q_KINDS];
    atomic_int err_code[PROXY_METRICS_ERRCODES]; /* open-addressed: code or 0 */
    atomic_ullong err_count[PROXY_METRICS_ERRCODES];
    atomic_ullong dur_bucket[PROXY_METRICS_BUCKETS]; /* cumulative at render time */
    atomic_ullong dur_count;
    atomic_ullong dur_sum_us;
    atomic_int max_used_connections;
    atomic_int running; /* commands being executed by workers */
    int64_t started;    /* unix seconds */
} proxy_metrics_t;

/* proxy_status_var_t: one row of SHOW [GLOBAL] STATUS. */
typedef struct proxy_status_var {
    const char *name;
    char value[32];
} proxy_status_var_t;

#define PROXY_STATUS_VARS 8

/* proxy_metrics_status: fills out (PROXY_STATUS_VARS entries, sorted by name) with
 * Aborted_connects, Connections, Max_used_connections, Questions, Threads_connected,
 * Threads_running, Uptime and Uptime_since_flush_status. Returns the count. Any thread. */
size_t proxy_metrics_status(proxy_metrics_t *m, proxy_status_var_t *out);

void proxy_metrics_init(proxy_metrics_t *m);
/* proxy_metrics_query: counts one command of kind that took us microseconds. */
void proxy_metrics_query(proxy_metrics_t *m, int kind, uint64_t us);
/* proxy_metrics_error: counts one error sent with MySQL errno code. */
void proxy_metrics_error(proxy_metrics_t *m, int code);
/* proxy_metrics_render: appends the Prometheus text exposition to b. */
void proxy_metrics_render(proxy_metrics_t *m, duet_buf_t *b);

#endif
