/* test_results.c - result sets end to end before the SQL layer exists: an in-process server
 * with a fake executor, read by a real client library (MariaDB Connector/C): column
 * definitions, text rows streamed with flow control, multi-results, a 17 MiB row split over
 * packets, an error after rows, OK fields, and binary-protocol rows and parameters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <mysql.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/mem.h"
#include "proxy/exec.h"
#include "proxy/server.h"
#include "proxy/sysvar.h"
#include "proxy/users.h"
#include "wire/protocol.h"

static proxy_server_t *srv;
static char dir[64];

static wire_column_t col(const char *name, uint8_t type, uint16_t charset, uint32_t len,
                         uint16_t flags, uint8_t decimals)
{
    wire_column_t c = {.schema = "test",
                       .table = "t",
                       .org_table = "t",
                       .name = name,
                       .org_name = name,
                       .charset = charset,
                       .length = len,
                       .type = type,
                       .flags = flags,
                       .decimals = decimals};
    return c;
}

static int fake_exec(void *ctx, proxy_session_t *s, const char *text, size_t len, proxy_sink_t *k)
{
    (void)ctx;
    (void)len;
    duet_err_t e = {0};
    proxy_session_clear_diag(s);
    if (strncmp(text, "rows ", 5) == 0) {
        long n = atol(text + 5);
        wire_column_t cols[5] = {
            col("id", WIRE_TYPE_LONGLONG, 63, 20, WIRE_FLAG_NOT_NULL | WIRE_FLAG_PRI_KEY, 0),
            col("name", WIRE_TYPE_VAR_STRING, 46, 256, 0, 0),
            col("score", WIRE_TYPE_DOUBLE, 63, 22, 0, 31),
            col("ts", WIRE_TYPE_DATETIME, 63, 26, 0, 6),
            col("nothing", WIRE_TYPE_VAR_STRING, 46, 40, 0, 0)};
        proxy_sink_columns(k, cols, 5);
        char name[32];
        for (long i = 0; i < n; i++) {
            if (i % 1000 == 0 && proxy_session_check_killed(s, &e) < 0) {
                proxy_sink_error(k, &e);
                return 0;
            }
            wire_value_t v[5];
            memset(v, 0, sizeof(v));
            v[0].kind = WIRE_VAL_INT;
            v[0].v.i = i;
            v[1].kind = WIRE_VAL_BYTES;
            v[1].v.s.n = (size_t)snprintf(name, sizeof(name), "name-%ld", i);
            v[1].v.s.p = name;
            v[2].kind = WIRE_VAL_DOUBLE;
            v[2].v.d = (double)i * 0.5;
            v[3].kind = WIRE_VAL_TIME;
            v[3].v.t = (wire_time_t){.year = 2026,
                                     .month = 11,
                                     .day = 22,
                                     .hour = 10,
                                     .minute = 20,
                                     .second = 30,
                                     .micro = 123};
            v[4].kind = WIRE_VAL_NULL;
            proxy_sink_row(k, v, &e);
        }
        proxy_sink_end(k, false);
    } else if (strcmp(text, "slow") == 0) {
        /* A long statement: polls the kill flag for up to 20 s. */
        for (int i = 0; i < 2000; i++) {
            if (proxy_session_check_killed(s, &e) < 0) {
                proxy_sink_error(k, &e);
                return 0;
            }
            usleep(10000);
        }
        proxy_sink_ok(k, 0, 0, NULL, false);
    } else if (strcmp(text, "multi") == 0) {
        wire_column_t c = col("c", WIRE_TYPE_VAR_STRING, 46, 4, 0, 0);
        wire_value_t v = {.kind = WIRE_VAL_BYTES, .v.s = {"a", 1}};
        proxy_sink_columns(k, &c, 1);
        proxy_sink_row(k, &v, &e);
        proxy_sink_end(k, true);
        proxy_sink_ok(k, 3, 0, NULL, true);
        v.v.s.p = "b";
        proxy_sink_columns(k, &c, 1);
        proxy_sink_row(k, &v, &e);
        proxy_sink_end(k, false);
    } else if (strncmp(text, "big ", 4) == 0) {
        size_t n = (size_t)atol(text + 4);
        char *big = duet_malloc(n);
        memset(big, 'x', n);
        wire_column_t c = col("b", WIRE_TYPE_LONG_BLOB, 63, 0xFFFFFFFF, WIRE_FLAG_BLOB, 0);
        wire_value_t v = {.kind = WIRE_VAL_BYTES, .v.s = {big, n}};
        proxy_sink_columns(k, &c, 1);
        proxy_sink_row(k, &v, &e);
        proxy_sink_end(k, false);
        duet_free(big);
    } else if (strcmp(text, "error") == 0) {
        wire_column_t c = col("c", WIRE_TYPE_LONGLONG, 63, 20, 0, 0);
        proxy_sink_columns(k, &c, 1);
        for (int i = 0; i < 2; i++) {
            wire_value_t v = {.kind = WIRE_VAL_INT, .v.i = i};
            proxy_sink_row(k, &v, &e);
        }
        duet_err_set(&e, ER_QUERY_INTERRUPTED);
        proxy_sink_error(k, &e);
    } else {
        proxy_session_warn(s, PROXY_WARN_WARNING, 1105, "a warning");
        proxy_sink_ok(k, 7, 42, "Rows matched: 7", false);
    }
    return 0;
}

static wire_column_t prep_cols[6];

static int fake_prepare(void *ctx, proxy_session_t *s, const char *text, size_t len,
                        uint16_t *ncols, uint16_t *nparams, const wire_column_t **cols,
                        duet_err_t *err)
{
    (void)ctx;
    (void)s;
    (void)err;
    uint16_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '?';
    *nparams = n;
    *ncols = 6;
    prep_cols[0] = col("t", WIRE_TYPE_TINY, 63, 4, 0, 0);
    prep_cols[1] = col("l", WIRE_TYPE_LONGLONG, 63, 20, 0, 0);
    prep_cols[2] = col("d", WIRE_TYPE_DOUBLE, 63, 22, 0, 31);
    prep_cols[3] = col("s", WIRE_TYPE_VAR_STRING, 46, 256, 0, 0);
    prep_cols[4] = col("dt", WIRE_TYPE_DATETIME, 63, 26, 0, 6);
    prep_cols[5] = col("tm", WIRE_TYPE_TIME, 63, 10, 0, 0);
    *cols = prep_cols;
    return 0;
}

static int fake_exec_prepared(void *ctx, proxy_session_t *s, proxy_stmt_t *st,
                              const wire_param_t *params, proxy_sink_t *k)
{
    (void)ctx;
    (void)s;
    duet_err_t e = {0};
    wire_column_t cols[6] = {
        col("t", WIRE_TYPE_TINY, 63, 4, 0, 0),       col("l", WIRE_TYPE_LONGLONG, 63, 20, 0, 0),
        col("d", WIRE_TYPE_DOUBLE, 63, 22, 0, 31),   col("s", WIRE_TYPE_VAR_STRING, 46, 256, 0, 0),
        col("dt", WIRE_TYPE_DATETIME, 63, 26, 0, 6), col("tm", WIRE_TYPE_TIME, 63, 10, 0, 0)};
    proxy_sink_columns(k, cols, 6);
    char echo[128];
    size_t en = 0;
    for (uint16_t i = 0; i < st->params.count; i++) {
        const wire_value_t *v = &params[i].value;
        if (v->kind == WIRE_VAL_INT)
            en += (size_t)snprintf(echo + en, sizeof(echo) - en, "[%lld]", (long long)v->v.i);
        else if (v->kind == WIRE_VAL_BYTES)
            en += (size_t)snprintf(echo + en, sizeof(echo) - en, "[%.*s]", (int)v->v.s.n, v->v.s.p);
        else if (v->kind == WIRE_VAL_NULL)
            en += (size_t)snprintf(echo + en, sizeof(echo) - en, "[NULL]");
        else
            en += (size_t)snprintf(echo + en, sizeof(echo) - en, "[?]");
    }
    wire_value_t v[6];
    memset(v, 0, sizeof(v));
    v[0].kind = WIRE_VAL_INT;
    v[0].v.i = -5;
    v[1].kind = WIRE_VAL_INT;
    v[1].v.i = (int64_t)1 << 40;
    v[2].kind = WIRE_VAL_DOUBLE;
    v[2].v.d = 2.5;
    v[3].kind = WIRE_VAL_BYTES;
    v[3].v.s.p = echo;
    v[3].v.s.n = en;
    v[4].kind = WIRE_VAL_TIME;
    v[4].v.t = (wire_time_t){
        .year = 2026, .month = 1, .day = 2, .hour = 3, .minute = 4, .second = 5, .micro = 6};
    v[5].kind = WIRE_VAL_TIME;
    v[5].v.t = (wire_time_t){.days = 1, .hour = 2, .minute = 3, .second = 4, .neg = true};
    proxy_sink_row(k, v, &e);
    for (int i = 0; i < 6; i++)
        v[i].kind = WIRE_VAL_NULL;
    proxy_sink_row(k, v, &e);
    proxy_sink_end(k, false);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/duet-unit-results-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    duet_config_t cfg;
    duet_config_defaults(&cfg);
    cfg.port = 0;
    cfg.status.status_port = 0;
    cfg.performance.max_procs = 2;
    duet_err_t e = {0};
    srv = proxy_server_create(&cfg, dir, &e);
    if (srv == NULL)
        return -1;
    proxy_executor_t x = {
        .exec = fake_exec, .prepare = fake_prepare, .exec_prepared = fake_exec_prepared};
    proxy_server_set_executor(srv, &x);
    return proxy_server_start(srv, &e);
}

static int teardown(void **state)
{
    (void)state;
    proxy_server_destroy(srv);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static MYSQL *client(void)
{
    MYSQL *m = mysql_init(NULL);
    unsigned long maxp = 64ul << 20;
    mysql_options(m, MYSQL_OPT_MAX_ALLOWED_PACKET, &maxp);
    assert_non_null(mysql_real_connect(m, "127.0.0.1", "root", "", NULL,
                                       (unsigned)proxy_server_port(srv), NULL,
                                       CLIENT_MULTI_RESULTS | CLIENT_MULTI_STATEMENTS));
    return m;
}

static void test_text_rows_streamed(void **state)
{
    (void)state;
    MYSQL *m = client();
    assert_int_equal(mysql_query(m, "rows 200000"), 0);
    MYSQL_RES *r = mysql_use_result(m);
    assert_non_null(r);
    assert_int_equal(mysql_num_fields(r), 5);
    MYSQL_FIELD *f = mysql_fetch_fields(r);
    assert_string_equal(f[0].name, "id");
    assert_string_equal(f[0].org_table, "t");
    assert_string_equal(f[0].db, "test");
    assert_int_equal(f[0].type, MYSQL_TYPE_LONGLONG);
    assert_true(f[0].flags & NOT_NULL_FLAG);
    assert_true(f[0].flags & PRI_KEY_FLAG);
    assert_int_equal(f[0].charsetnr, 63);
    assert_int_equal(f[1].type, MYSQL_TYPE_VAR_STRING);
    assert_int_equal(f[1].charsetnr, 46);
    assert_int_equal(f[3].decimals, 6);
    long n = 0;
    MYSQL_ROW row;
    while ((row = mysql_fetch_row(r)) != NULL) {
        if (n == 7) {
            assert_string_equal(row[0], "7");
            assert_string_equal(row[1], "name-7");
            assert_string_equal(row[2], "3.5");
            assert_string_equal(row[3], "2026-11-22 10:20:30.000123");
            assert_null(row[4]);
        }
        if (n == 1000)
            usleep(300000); /* a slow reader: the worker must wait, not buffer everything */
        n++;
    }
    assert_int_equal(mysql_errno(m), 0);
    assert_int_equal(n, 200000);
    mysql_free_result(r);
    assert_int_equal(mysql_ping(m), 0);
    mysql_close(m);
}

static void test_multi_results(void **state)
{
    (void)state;
    MYSQL *m = client();
    assert_int_equal(mysql_query(m, "multi"), 0);
    MYSQL_RES *r = mysql_store_result(m);
    assert_non_null(r);
    assert_string_equal(mysql_fetch_row(r)[0], "a");
    mysql_free_result(r);
    assert_int_equal(mysql_next_result(m), 0);
    assert_null(mysql_store_result(m));
    assert_int_equal(mysql_affected_rows(m), 3);
    assert_int_equal(mysql_next_result(m), 0);
    r = mysql_store_result(m);
    assert_string_equal(mysql_fetch_row(r)[0], "b");
    mysql_free_result(r);
    assert_int_equal(mysql_next_result(m), -1);
    mysql_close(m);
}

static void test_big_row(void **state)
{
    (void)state;
    MYSQL *m = client();
    size_t n = 17u << 20;
    char q[32];
    snprintf(q, sizeof(q), "big %zu", n);
    assert_int_equal(mysql_query(m, q), 0);
    MYSQL_RES *r = mysql_store_result(m);
    assert_non_null(r);
    MYSQL_ROW row = mysql_fetch_row(r);
    unsigned long *lens = mysql_fetch_lengths(r);
    assert_int_equal(lens[0], n);
    assert_int_equal(row[0][0], 'x');
    assert_int_equal(row[0][n - 1], 'x');
    mysql_free_result(r);
    assert_int_equal(mysql_ping(m), 0);
    mysql_close(m);
}

static void test_error_after_rows_and_ok(void **state)
{
    (void)state;
    MYSQL *m = client();
    assert_int_equal(mysql_query(m, "error"), 0);
    MYSQL_RES *r = mysql_use_result(m);
    assert_non_null(mysql_fetch_row(r));
    assert_non_null(mysql_fetch_row(r));
    assert_null(mysql_fetch_row(r));
    assert_int_equal(mysql_errno(m), 1317);
    mysql_free_result(r);
    if (mysql_query(m, "update") != 0)
        fail_msg("update: %u %s", mysql_errno(m), mysql_error(m));
    assert_int_equal(mysql_affected_rows(m), 7);
    assert_int_equal(mysql_insert_id(m), 42);
    assert_string_equal(mysql_info(m), "Rows matched: 7");
    assert_int_equal(mysql_warning_count(m), 1);
    mysql_close(m);
}

static void test_binary_protocol(void **state)
{
    (void)state;
    MYSQL *m = client();
    MYSQL_STMT *st = mysql_stmt_init(m);
    const char *q = "select ?, ?, ?";
    assert_int_equal(mysql_stmt_prepare(st, q, strlen(q)), 0);
    assert_int_equal(mysql_stmt_param_count(st), 3);
    long long p0 = 7;
    char p1[] = "abc";
    unsigned long p1len = 3;
    my_bool p2null = 1;
    MYSQL_BIND pb[3];
    memset(pb, 0, sizeof(pb));
    pb[0].buffer_type = MYSQL_TYPE_LONGLONG;
    pb[0].buffer = &p0;
    pb[1].buffer_type = MYSQL_TYPE_STRING;
    pb[1].buffer = p1;
    pb[1].length = &p1len;
    pb[2].buffer_type = MYSQL_TYPE_LONG;
    pb[2].is_null = &p2null;
    assert_int_equal(mysql_stmt_bind_param(st, pb), 0);
    assert_int_equal(mysql_stmt_execute(st), 0);
    signed char t;
    long long l;
    double d;
    char s[128];
    unsigned long slen;
    MYSQL_TIME dt, tm;
    my_bool nulls[6];
    MYSQL_BIND rb[6];
    memset(rb, 0, sizeof(rb));
    rb[0].buffer_type = MYSQL_TYPE_TINY;
    rb[0].buffer = &t;
    rb[1].buffer_type = MYSQL_TYPE_LONGLONG;
    rb[1].buffer = &l;
    rb[2].buffer_type = MYSQL_TYPE_DOUBLE;
    rb[2].buffer = &d;
    rb[3].buffer_type = MYSQL_TYPE_STRING;
    rb[3].buffer = s;
    rb[3].buffer_length = sizeof(s);
    rb[3].length = &slen;
    rb[4].buffer_type = MYSQL_TYPE_DATETIME;
    rb[4].buffer = &dt;
    rb[5].buffer_type = MYSQL_TYPE_TIME;
    rb[5].buffer = &tm;
    for (int i = 0; i < 6; i++)
        rb[i].is_null = &nulls[i];
    assert_int_equal(mysql_stmt_bind_result(st, rb), 0);
    assert_int_equal(mysql_stmt_fetch(st), 0);
    assert_int_equal(t, -5);
    assert_true(l == (1LL << 40));
    assert_true(d == 2.5);
    s[slen] = '\0';
    assert_string_equal(s, "[7][abc][NULL]");
    assert_int_equal(dt.year, 2026);
    assert_int_equal(dt.second, 5);
    assert_int_equal(dt.second_part, 6);
    assert_true(tm.neg);
    assert_int_equal(tm.hour, 26);
    assert_int_equal(tm.minute, 3);
    assert_int_equal(mysql_stmt_fetch(st), 0);
    for (int i = 0; i < 6; i++)
        assert_true(nulls[i]);
    assert_int_equal(mysql_stmt_fetch(st), MYSQL_NO_DATA);
    /* Long data for the string parameter, then execute again (types not resent). */
    assert_int_equal(mysql_stmt_send_long_data(st, 1, "long-", 5), 0);
    assert_int_equal(mysql_stmt_send_long_data(st, 1, "data", 4), 0);
    p0 = 8;
    assert_int_equal(mysql_stmt_execute(st), 0);
    assert_int_equal(mysql_stmt_fetch(st), 0);
    s[slen] = '\0';
    assert_string_equal(s, "[8][long-data][NULL]");
    mysql_stmt_close(st);
    mysql_close(m);
}

static void test_cursor_fetch(void **state)
{
    (void)state;
    MYSQL *m = client();
    MYSQL_STMT *st = mysql_stmt_init(m);
    unsigned long type = CURSOR_TYPE_READ_ONLY, prefetch = 1;
    mysql_stmt_attr_set(st, STMT_ATTR_CURSOR_TYPE, &type);
    mysql_stmt_attr_set(st, STMT_ATTR_PREFETCH_ROWS, &prefetch);
    const char *q = "select ?";
    assert_int_equal(mysql_stmt_prepare(st, q, strlen(q)), 0);
    long long p0 = 9;
    MYSQL_BIND pb;
    memset(&pb, 0, sizeof(pb));
    pb.buffer_type = MYSQL_TYPE_LONGLONG;
    pb.buffer = &p0;
    assert_int_equal(mysql_stmt_bind_param(st, &pb), 0);
    if (mysql_stmt_execute(st) != 0)
        fail_msg("execute: %s", mysql_stmt_error(st));
    char s[128];
    unsigned long slen;
    my_bool isnull;
    MYSQL_BIND rb[6];
    memset(rb, 0, sizeof(rb));
    for (int i = 0; i < 6; i++) {
        rb[i].buffer_type = MYSQL_TYPE_STRING;
        rb[i].buffer = s;
        rb[i].buffer_length = sizeof(s);
        rb[i].length = &slen;
        rb[i].is_null = &isnull;
    }
    assert_int_equal(mysql_stmt_bind_result(st, rb), 0);
    int fetched = 0, rc;
    while ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED)
        fetched++;
    assert_int_equal(rc, MYSQL_NO_DATA);
    assert_int_equal(fetched, 2);
    /* A second execution opens a fresh cursor. */
    assert_int_equal(mysql_stmt_execute(st), 0);
    fetched = 0;
    while ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED)
        fetched++;
    assert_int_equal(fetched, 2);
    mysql_stmt_close(st);
    assert_int_equal(mysql_ping(m), 0);
    mysql_close(m);
}

/* Raw-socket client asking for CLIENT_DEPRECATE_EOF, which Connector/C does not. */
static int raw_read(int fd, uint8_t *buf, size_t cap, uint8_t *seq)
{
    uint8_t h[4];
    size_t got = 0;
    while (got < 4) {
        ssize_t n = recv(fd, h + got, 4 - got, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    size_t len = h[0] | (h[1] << 8) | ((size_t)h[2] << 16);
    *seq = h[3];
    assert_true(len <= cap);
    for (got = 0; got < len;) {
        ssize_t n = recv(fd, buf + got, len - got, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    return (int)len;
}

static void test_deprecate_eof_multi_results(void **state)
{
    (void)state;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)proxy_server_port(srv))};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    uint8_t buf[4096], seq;
    assert_true(raw_read(fd, buf, sizeof(buf), &seq) > 0);
    uint8_t resp[128] = {0};
    uint32_t caps = WIRE_CLIENT_PROTOCOL_41 | WIRE_CLIENT_SECURE_CONNECTION |
                    WIRE_CLIENT_PLUGIN_AUTH | WIRE_CLIENT_DEPRECATE_EOF | WIRE_CLIENT_MULTI_RESULTS;
    memcpy(resp + 4, &caps, 4);
    size_t n = 4 + 32;
    memcpy(resp + n, "root\0\0caching_sha2_password", 27);
    n += 28;
    resp[0] = (uint8_t)(n - 4);
    resp[3] = 1;
    assert_int_equal(send(fd, resp, n, 0), (ssize_t)n);
    assert_true(raw_read(fd, buf, sizeof(buf), &seq) > 0);
    assert_int_equal(buf[0], 0);
    const uint8_t q[] = {6, 0, 0, 0, 3, 'm', 'u', 'l', 't', 'i'};
    assert_int_equal(send(fd, q, sizeof(q), 0), (ssize_t)sizeof(q));
    /* Result 1: count, definition, row, then OK with header 0xFE and MORE_RESULTS. */
    uint8_t expect_seq = 1;
    int len = raw_read(fd, buf, sizeof(buf), &seq);
    assert_int_equal(seq, expect_seq++);
    assert_true(len == 1 && buf[0] == 1);
    len = raw_read(fd, buf, sizeof(buf), &seq);
    assert_int_equal(seq, expect_seq++);
    assert_memory_equal(buf,
                        "\x03"
                        "def",
                        4);
    len = raw_read(fd, buf, sizeof(buf), &seq);
    assert_true(len == 2 && buf[0] == 1 && buf[1] == 'a');
    expect_seq++;
    len = raw_read(fd, buf, sizeof(buf), &seq);
    assert_int_equal(seq, expect_seq++);
    assert_int_equal(buf[0], 0xFE);
    assert_true(len >= 7 && len < 9);
    uint16_t status = (uint16_t)(buf[3] | (buf[4] << 8));
    assert_true(status & WIRE_STATUS_MORE_RESULTS_EXISTS);
    assert_true(status & WIRE_STATUS_AUTOCOMMIT);
    /* Result 2: OK, affected rows 3, MORE_RESULTS. */
    len = raw_read(fd, buf, sizeof(buf), &seq);
    assert_int_equal(seq, expect_seq++);
    assert_int_equal(buf[0], 0x00);
    assert_int_equal(buf[1], 3);
    status = (uint16_t)(buf[3] | (buf[4] << 8));
    assert_true(status & WIRE_STATUS_MORE_RESULTS_EXISTS);
    /* Result 3 ends without MORE_RESULTS. */
    raw_read(fd, buf, sizeof(buf), &seq);
    raw_read(fd, buf, sizeof(buf), &seq);
    raw_read(fd, buf, sizeof(buf), &seq);
    assert_true(buf[0] == 1 && buf[1] == 'b');
    len = raw_read(fd, buf, sizeof(buf), &seq);
    assert_int_equal(buf[0], 0xFE);
    status = (uint16_t)(buf[3] | (buf[4] << 8));
    assert_false(status & WIRE_STATUS_MORE_RESULTS_EXISTS);
    close(fd);
}

static void test_client_vanishes_while_streaming(void **state)
{
    (void)state;
    for (int round = 0; round < 6; round++) {
        MYSQL *m = client();
        unsigned long id = mysql_thread_id(m);
        assert_int_equal(mysql_query(m, "rows 3000000"), 0);
        MYSQL_RES *r = mysql_use_result(m);
        for (int i = 0; i < 10; i++)
            assert_non_null(mysql_fetch_row(r));
        if (round % 2 == 0) {
            /* The worker is blocked on flow control; KILL must release it. */
            proxy_session_t root = {0};
            snprintf(root.user, sizeof(root.user), "root");
            duet_err_t e = {0};
            assert_int_equal(proxy_server_kill(srv, &root, id, false, &e), 0);
        }
        /* Drop the socket without reading the rest. */
        shutdown(mysql_get_socket(m), SHUT_RDWR);
        mysql_free_result(r);
        mysql_close(m);
    }
    /* Every one of them goes away, and the server keeps serving. */
    for (int i = 0; i < 200; i++) {
        proxy_process_t *pl;
        size_t n;
        proxy_server_processlist(srv, &pl, &n);
        proxy_processlist_free(pl, n);
        if (n == 0)
            break;
        usleep(50000);
    }
    MYSQL *m = client();
    assert_int_equal(mysql_ping(m), 0);
    proxy_process_t *pl;
    size_t n;
    proxy_server_processlist(srv, &pl, &n);
    proxy_processlist_free(pl, n);
    assert_int_equal(n, 1);
    mysql_close(m);
}

static void set_init_connect(const char *text)
{
    proxy_sv_value_t v = {.kind = PROXY_SVV_STR, .s = text};
    bool trunc;
    duet_err_t e = {0};
    assert_int_equal(proxy_sysvar_set(proxy_server_sysvars(srv), NULL, "init_connect", 12,
                                      PROXY_REQ_GLOBAL, &v, &trunc, &e),
                     0);
}

static void test_init_connect(void **state)
{
    (void)state;
    duet_err_t e = {0};
    proxy_users_create_user(proxy_server_users(srv), "app", "%", PROXY_AUTH_NATIVE, "pw", &e);
    set_init_connect("update");
    MYSQL *m = mysql_init(NULL);
    assert_non_null(mysql_real_connect(m, "127.0.0.1", "app", "pw", NULL,
                                       (unsigned)proxy_server_port(srv), NULL, 0));
    assert_int_equal(mysql_ping(m), 0);
    mysql_close(m);
    /* A failing init_connect disconnects with its error; root is exempt. */
    set_init_connect("error");
    m = mysql_init(NULL);
    assert_null(mysql_real_connect(m, "127.0.0.1", "app", "pw", NULL,
                                   (unsigned)proxy_server_port(srv), NULL, 0));
    assert_int_equal(mysql_errno(m), 1317);
    mysql_close(m);
    m = client();
    assert_int_equal(mysql_ping(m), 0);
    mysql_close(m);
    set_init_connect("");
}

static void *run_slow(void *arg)
{
    MYSQL *m = arg;
    long rc = mysql_query(m, "slow") == 0 ? 0 : (long)mysql_errno(m);
    return (void *)rc;
}

static void test_long_statement_and_kill_query(void **state)
{
    (void)state;
    MYSQL *slow = client();
    unsigned long id = mysql_thread_id(slow);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, run_slow, slow), 0);
    usleep(200000);
    /* Other connections, on any loop, are served while the statement runs. */
    for (int i = 0; i < 8; i++) {
        MYSQL *m = client();
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(mysql_ping(m), 0);
        assert_int_equal(mysql_query(m, "update"), 0);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        assert_true(ms < 1000);
        mysql_close(m);
    }
    proxy_process_t *pl;
    size_t n;
    proxy_server_processlist(srv, &pl, &n);
    bool seen = false;
    for (size_t i = 0; i < n; i++)
        if (pl[i].id == id) {
            seen = true;
            assert_string_equal(pl[i].command, "Query");
            assert_string_equal(pl[i].info, "slow");
        }
    proxy_processlist_free(pl, n);
    assert_true(seen);
    proxy_session_t root = {0};
    snprintf(root.user, sizeof(root.user), "root");
    duet_err_t e = {0};
    assert_int_equal(proxy_server_kill(srv, &root, id, true, &e), 0);
    void *rc;
    pthread_join(th, &rc);
    assert_int_equal((long)rc, 1317);
    /* KILL QUERY leaves the connection usable. */
    assert_int_equal(mysql_ping(slow), 0);
    assert_int_equal(mysql_query(slow, "update"), 0);
    mysql_close(slow);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_rows_streamed),
        cmocka_unit_test(test_multi_results),
        cmocka_unit_test(test_big_row),
        cmocka_unit_test(test_error_after_rows_and_ok),
        cmocka_unit_test(test_binary_protocol),
        cmocka_unit_test(test_long_statement_and_kill_query),
        cmocka_unit_test(test_cursor_fetch),
        cmocka_unit_test(test_deprecate_eof_multi_results),
        cmocka_unit_test(test_client_vanishes_while_streaming),
        cmocka_unit_test(test_init_connect),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    mysql_library_end();
    return rc;
}
