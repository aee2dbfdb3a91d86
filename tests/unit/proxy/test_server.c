/* test_server.c - the server in-process: start on an ephemeral port, log in over a raw
 * socket, SHOW PROCESSLIST's snapshot, KILL (query, connection, errors), 1040 when full,
 * and a clean stop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zstd.h>

#include "proxy/metrics.h"
#include "proxy/server.h"
#include "proxy/session.h"
#include "proxy/sysvar.h"
#include "wire/protocol.h"

static char dir[64];

static int connect_port(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    return fd;
}

/* Reads one packet into buf; returns the payload length, or -1 on EOF. */
static int read_packet(int fd, uint8_t *buf, size_t cap, uint8_t *seq)
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
    got = 0;
    while (got < len) {
        ssize_t n = recv(fd, buf + got, len - got, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    return (int)len;
}

static int login_root(int port)
{
    int fd = connect_port(port);
    uint8_t buf[1024], seq;
    assert_true(read_packet(fd, buf, sizeof(buf), &seq) > 0);
    assert_int_equal(buf[0], 10);
    uint8_t resp[128] = {0};
    uint32_t caps = WIRE_CLIENT_PROTOCOL_41 | WIRE_CLIENT_SECURE_CONNECTION |
                    WIRE_CLIENT_PLUGIN_AUTH | WIRE_CLIENT_DEPRECATE_EOF;
    size_t n = 4;
    memcpy(resp + 4, &caps, 4);
    n += 4 + 4 + 1 + 23;
    memcpy(resp + n, "root\0\0caching_sha2_password", 27);
    n += 28;
    size_t len = n - 4;
    resp[0] = (uint8_t)len;
    resp[3] = 1;
    assert_int_equal(send(fd, resp, n, 0), (ssize_t)n);
    assert_true(read_packet(fd, buf, sizeof(buf), &seq) > 0);
    assert_int_equal(buf[0], 0x00);
    assert_int_equal(seq, 2);
    return fd;
}

/* zstd compressed protocol end to end: negotiate with CLIENT_ZSTD_COMPRESSION and a
 * level byte, then exchange COM_PING in zstd frames. */
static void zstd_roundtrip(int port)
{
    int fd = connect_port(port);
    uint8_t buf[1024], seq;
    assert_true(read_packet(fd, buf, sizeof(buf), &seq) > 0);
    uint8_t resp[128] = {0};
    uint32_t caps = WIRE_CLIENT_PROTOCOL_41 | WIRE_CLIENT_SECURE_CONNECTION |
                    WIRE_CLIENT_PLUGIN_AUTH | WIRE_CLIENT_DEPRECATE_EOF |
                    WIRE_CLIENT_ZSTD_COMPRESSION;
    memcpy(resp + 4, &caps, 4);
    size_t n = 4 + 32;
    memcpy(resp + n, "root\0\0caching_sha2_password", 27);
    n += 28;
    resp[n++] = 7; /* zstd level */
    resp[0] = (uint8_t)(n - 4);
    resp[3] = 1;
    assert_int_equal(send(fd, resp, n, 0), (ssize_t)n);
    assert_true(read_packet(fd, buf, sizeof(buf), &seq) > 0);
    assert_int_equal(buf[0], 0x00); /* the login OK is not compressed */
    /* COM_PING inside a zstd frame (compressed even though short). */
    const uint8_t ping[5] = {1, 0, 0, 0, 0x0e};
    uint8_t z[128];
    size_t zn = ZSTD_compress(z, sizeof(z), ping, sizeof(ping), 7);
    assert_false(ZSTD_isError(zn));
    uint8_t frame[160] = {(uint8_t)zn, 0, 0, 0, 5, 0, 0};
    memcpy(frame + 7, z, zn);
    assert_int_equal(send(fd, frame, 7 + zn, 0), (ssize_t)(7 + zn));
    uint8_t h[7];
    assert_int_equal(recv(fd, h, 7, MSG_WAITALL), 7);
    size_t clen = h[0] | (h[1] << 8) | ((size_t)h[2] << 16);
    size_t ulen = h[4] | (h[5] << 8) | ((size_t)h[6] << 16);
    assert_int_equal(h[3], 1);
    assert_true(clen < sizeof(buf));
    assert_int_equal(recv(fd, buf, clen, MSG_WAITALL), (ssize_t)clen);
    uint8_t plain[256];
    const uint8_t *pkt = buf;
    if (ulen != 0) {
        assert_int_equal(ZSTD_decompress(plain, sizeof(plain), buf, clen), ulen);
        pkt = plain;
    }
    assert_int_equal(pkt[3], 1);    /* inner sequence id */
    assert_int_equal(pkt[4], 0x00); /* OK */
    close(fd);
}

static void test_server_lifecycle(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/duet-unit-server-XXXXXX");
    assert_non_null(mkdtemp(dir));
    duet_config_t cfg;
    duet_config_defaults(&cfg);
    cfg.port = 0;
    cfg.status.status_port = 0;
    cfg.performance.max_procs = 2;
    cfg.max_server_connections = 3;
    duet_err_t e = {0};
    proxy_server_t *s = proxy_server_create(&cfg, dir, &e);
    assert_non_null(s);
    assert_int_equal(proxy_server_start(s, &e), 0);
    int port = proxy_server_port(s);
    assert_true(port > 0);

    int a = login_root(port);
    int b = login_root(port);
    proxy_process_t *pl;
    size_t n;
    assert_int_equal(proxy_server_processlist(s, &pl, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(pl[0].user, "root");
    assert_string_equal(pl[0].command, "Sleep");
    assert_null(pl[0].info);
    assert_int_equal(strncmp(pl[0].host, "127.0.0.1:", 10), 0);
    uint64_t id_b = pl[0].id > pl[1].id ? pl[0].id : pl[1].id;
    proxy_processlist_free(pl, n);
    proxy_status_var_t st[PROXY_STATUS_VARS];
    assert_int_equal(proxy_metrics_status(proxy_server_metrics(s), st), PROXY_STATUS_VARS);
    assert_string_equal(st[4].name, "Threads_connected");
    assert_string_equal(st[4].value, "2");
    assert_string_equal(st[1].name, "Connections");
    assert_string_equal(st[1].value, "2");
    assert_string_equal(st[2].value, "2");
    assert_string_equal(st[5].value, "0");

    /* max-server-connections = 3: the fourth gets 1040 Too many connections. */
    int c = login_root(port);
    int d = connect_port(port);
    uint8_t buf[512], seq;
    int len = read_packet(d, buf, sizeof(buf), &seq);
    assert_true(len > 9);
    assert_int_equal(buf[0], 0xFF);
    assert_int_equal(buf[1] | (buf[2] << 8), 1040);
    assert_memory_equal(buf + 9, "Too many connections", 20);
    close(d);
    close(c);

    proxy_session_t bob = {0}, root = {0};
    snprintf(bob.user, sizeof(bob.user), "bob");
    snprintf(root.user, sizeof(root.user), "root");
    assert_int_equal(proxy_server_kill(s, &root, 99999, false, &e), -1);
    assert_int_equal(e.code, 1094);
    assert_string_equal(e.msg, "Unknown thread id: 99999");
    assert_int_equal(proxy_server_kill(s, &bob, id_b, false, &e), -1);
    assert_int_equal(e.code, 1095);
    assert_int_equal(proxy_server_kill(s, &root, id_b, true, &e), 0);
    assert_int_equal(proxy_server_kill(s, &root, id_b, false, &e), 0);
    /* The killed connection is closed by its loop. */
    assert_int_equal(read_packet(b, buf, sizeof(buf), &seq), -1);
    close(b);

    zstd_roundtrip(port);

    /* wait_timeout: an idle session is told why and closed. */
    proxy_sv_value_t one = {.kind = PROXY_SVV_INT, .i = 1};
    bool trunc;
    assert_int_equal(proxy_sysvar_set(proxy_server_sysvars(s), NULL, "wait_timeout", 12,
                                      PROXY_REQ_GLOBAL, &one, &trunc, &e),
                     0);
    int w = login_root(port);
    len = read_packet(w, buf, sizeof(buf), &seq);
    assert_true(len > 9);
    assert_int_equal(buf[1] | (buf[2] << 8), 4031);
    assert_int_equal(read_packet(w, buf, sizeof(buf), &seq), -1);
    close(w);

    proxy_server_stop(s);
    /* Stopping closes the remaining connection. */
    assert_int_equal(read_packet(a, buf, sizeof(buf), &seq), -1);
    close(a);
    proxy_server_destroy(s);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_server_lifecycle)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
