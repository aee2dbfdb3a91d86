/* test_metrics.c - unit tests for proxy/metrics: counters and the Prometheus text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "proxy/metrics.h"

static void test_render(void **state)
{
    (void)state;
    proxy_metrics_t m;
    proxy_metrics_init(&m);
    atomic_store(&m.connections, 3);
    proxy_metrics_query(&m, PROXY_Q_QUERY, 700);
    proxy_metrics_query(&m, PROXY_Q_PING, 20);
    proxy_metrics_query(&m, 99, 3000000);
    proxy_metrics_error(&m, 1105);
    proxy_metrics_error(&m, 1105);
    proxy_metrics_error(&m, 1045);
    duet_buf_t b = DUET_BUF_INIT;
    proxy_metrics_render(&m, &b);
    assert_non_null(strstr(b.data, "duet_connections 3\n"));
    assert_non_null(strstr(b.data, "duet_queries_total{type=\"query\"} 1\n"));
    assert_non_null(strstr(b.data, "duet_queries_total{type=\"other\"} 1\n"));
    assert_non_null(strstr(b.data, "duet_errors_total{code=\"1105\"} 2\n"));
    assert_non_null(strstr(b.data, "duet_errors_total{code=\"1045\"} 1\n"));
    assert_non_null(strstr(b.data, "duet_query_duration_seconds_bucket{le=\"0.0005\"} 1\n"));
    assert_non_null(strstr(b.data, "duet_query_duration_seconds_bucket{le=\"0.001\"} 2\n"));
    assert_non_null(strstr(b.data, "duet_query_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
    assert_non_null(strstr(b.data, "duet_query_duration_seconds_count 3\n"));
    duet_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_render)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
