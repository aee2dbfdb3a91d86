/* metrics.c - counters and their Prometheus rendering (see metrics.h). */
#include "proxy/metrics.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const kind_names[PROXY_Q_KINDS] = {
    "query", "stmt_prepare", "stmt_execute", "stmt_fetch", "ping", "init_db", "other"};

/* Upper bounds of the duration buckets, in seconds. */
static const double bucket_le[PROXY_METRICS_BUCKETS] = {
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

void proxy_metrics_init(proxy_metrics_t *m)
{
    memset(m, 0, sizeof(*m));
    m->started = (int64_t)time(NULL);
}

void proxy_metrics_query(proxy_metrics_t *m, int kind, uint64_t us)
{
    if (kind < 0 || kind >= PROXY_Q_KINDS)
        kind = PROXY_Q_OTHER;
    atomic_fetch_add(&m->questions, 1);
    atomic_fetch_add(&m->by_kind[kind], 1);
    atomic_fetch_add(&m->dur_count, 1);
    atomic_fetch_add(&m->dur_sum_us, us);
    double sec = (double)us / 1e6;
    for (int i = 0; i < PROXY_METRICS_BUCKETS; i++) {
        if (sec <= bucket_le[i]) {
            atomic_fetch_add(&m->dur_bucket[i], 1);
            break;
        }
    }
}

void proxy_metrics_error(proxy_metrics_t *m, int code)
{
    unsigned h = (unsigned)code % PROXY_METRICS_ERRCODES;
    for (int probe = 0; probe < PROXY_METRICS_ERRCODES; probe++) {
        unsigned i = (h + (unsigned)probe) % PROXY_METRICS_ERRCODES;
        int cur = atomic_load(&m->err_code[i]);
        if (cur == 0) {
            int expect = 0;
            if (!atomic_compare_exchange_strong(&m->err_code[i], &expect, code))
                cur = expect;
            else
                cur = code;
        }
        if (cur == code) {
            atomic_fetch_add(&m->err_count[i], 1);
            return;
        }
    }
}

void proxy_metrics_render(proxy_metrics_t *m, duet_buf_t *b)
{
    duet_buf_printf(b,
                    "# HELP duet_connections Client connections currently open.\n"
                    "# TYPE duet_connections gauge\n"
                    "duet_connections %d\n",
                    atomic_load(&m->connections));
    duet_buf_printf(b,
                    "# HELP duet_connections_total Client connections accepted.\n"
                    "# TYPE duet_connections_total counter\n"
                    "duet_connections_total %llu\n",
                    (unsigned long long)atomic_load(&m->connections_total));
    duet_buf_printf(b, "# HELP duet_queries_total Commands executed, by type.\n"
                       "# TYPE duet_queries_total counter\n");
    for (int k = 0; k < PROXY_Q_KINDS; k++)
        duet_buf_printf(b, "duet_queries_total{type=\"%s\"} %llu\n", kind_names[k],
                        (unsigned long long)atomic_load(&m->by_kind[k]));
    duet_buf_printf(b, "# HELP duet_errors_total Errors sent to clients, by MySQL error code.\n"
                       "# TYPE duet_errors_total counter\n");
    for (int i = 0; i < PROXY_METRICS_ERRCODES; i++) {
        int code = atomic_load(&m->err_code[i]);
        if (code != 0)
            duet_buf_printf(b, "duet_errors_total{code=\"%d\"} %llu\n", code,
                            (unsigned long long)atomic_load(&m->err_count[i]));
    }
    duet_buf_printf(b, "# HELP duet_query_duration_seconds Command duration.\n"
                       "# TYPE duet_query_duration_seconds histogram\n");
    unsigned long long cum = 0;
    for (int i = 0; i < PROXY_METRICS_BUCKETS; i++) {
        cum += atomic_load(&m->dur_bucket[i]);
        duet_buf_printf(b, "duet_query_duration_seconds_bucket{le=\"%g\"} %llu\n", bucket_le[i],
                        cum);
    }
    unsigned long long count = atomic_load(&m->dur_count);
    duet_buf_printf(b, "duet_query_duration_seconds_bucket{le=\"+Inf\"} %llu\n", count);
    duet_buf_printf(b, "duet_query_duration_seconds_sum %.6f\n",
                    (double)atomic_load(&m->dur_sum_us) / 1e6);
    duet_buf_printf(b, "duet_query_duration_seconds_count %llu\n", count);
}

size_t proxy_metrics_status(proxy_metrics_t *m, proxy_status_var_t *out)
{
    long long up = (long long)time(NULL) - m->started;
    struct {
        const char *name;
        unsigned long long v;
    } rows[PROXY_STATUS_VARS] = {
        {"Aborted_connects", atomic_load(&m->aborted_connects)},
        {"Connections", atomic_load(&m->connections_total)},
        {"Max_used_connections", (unsigned long long)atomic_load(&m->max_used_connections)},
        {"Questions", atomic_load(&m->questions)},
        {"Threads_connected", (unsigned long long)atomic_load(&m->connections)},
        {"Threads_running", (unsigned long long)atomic_load(&m->running)},
        {"Uptime", (unsigned long long)(up > 0 ? up : 0)},
        {"Uptime_since_flush_status", (unsigned long long)(up > 0 ? up : 0)},
    };
    for (size_t i = 0; i < PROXY_STATUS_VARS; i++) {
        out[i].name = rows[i].name;
        snprintf(out[i].value, sizeof(out[i].value), "%llu", rows[i].v);
    }
    return PROXY_STATUS_VARS;
}
