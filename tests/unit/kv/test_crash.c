/* test_crash.c - kill -9 of a process committing two-key transactions with sync-log on, then a
 * restart: every acknowledged commit is there, with both keys, and nothing half-committed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kvtest.h"
#include "store/kv/client.h"

static void options(kv_node_options_t *o)
{
    kv_node_options_default(o);
    o->sync_log = true;
    o->region_split_size = 16384; /* splits happen while it runs */
}

/* writer: commits transaction i = {c<i>, d<i>} forever, acknowledging each on fd. */
static void writer(const char *dir, int fd)
{
    kv_node_options_t o;
    options(&o);
    kvt_t *f = kvt_open_at(dir, &o);
    kv_client_t *c = kv_client_create(f->t, NULL, NULL, 0);
    char k1[32], k2[32], val[64];
    memset(val, 'v', sizeof(val));
    for (uint32_t i = 0;; i++) {
        duet_err_t err = {0};
        kv_client_txn_t *t = kv_client_txn_begin(c, &err);
        if (t == NULL)
            _exit(2);
        snprintf(k1, sizeof(k1), "c%06u", i);
        snprintf(k2, sizeof(k2), "d%06u", i);
        kv_client_txn_set(t, k1, strlen(k1), val, sizeof(val));
        kv_client_txn_set(t, k2, strlen(k2), val, sizeof(val));
        if (kv_client_txn_commit(t, NULL, &err) != 0)
            _exit(3);
        if (write(fd, &i, sizeof(i)) != sizeof(i))
            _exit(4);
    }
}

typedef struct seen {
    unsigned char c[100000], d[100000];
    uint32_t max;
} seen_t;

static int seen_fn(void *ctx, const void *key, size_t klen, const void *val, size_t vlen)
{
    (void)vlen;
    (void)val;
    seen_t *s = ctx;
    char buf[16];
    assert_true(klen < sizeof(buf));
    memcpy(buf, key, klen);
    buf[klen] = '\0';
    uint32_t i = (uint32_t)strtoul(buf + 1, NULL, 10);
    assert_true(i < 100000);
    if (buf[0] == 'c')
        s->c[i] = 1;
    else
        s->d[i] = 1;
    if (i > s->max)
        s->max = i;
    return 0;
}

static void test_kill_during_commits(void **state)
{
    (void)state;
    char dir[] = "/tmp/duet-kvcrash-XXXXXX";
    assert_non_null(mkdtemp(dir));
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        writer(dir, fds[1]);
        _exit(0);
    }
    close(fds[1]);
    /* Let it commit for a while, then kill it mid-flight. */
    uint32_t acked = 0, got = 0, v;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        ssize_t n = read(fds[0], &v, sizeof(v));
        if (n != sizeof(v))
            break;
        acked = v;
        got++;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (got >= 150 || now.tv_sec - start.tv_sec > 20)
            break;
    }
    assert_true(got > 0);
    kill(pid, SIGKILL);
    while (read(fds[0], &v, sizeof(v)) == sizeof(v))
        acked = v; /* acknowledged before the kill landed */
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status));

    kv_node_options_t o;
    options(&o);
    kvt_t *f = kvt_open_at(dir, &o);
    kv_client_t *c = kv_client_create(f->t, NULL, NULL, 0);
    uint64_t ts;
    duet_err_t err = {0};
    assert_int_equal(kv_client_tso(c, &ts, &err), 0);
    seen_t *s = calloc(1, sizeof(*s));
    /* Reading resolves the dead writer's locks (its TTL is a few seconds). */
    if (kv_client_scan(c, "", 0, "", 0, 0, ts, seen_fn, s, &err) != 0)
        fail_msg("scan: %s", err.msg);
    for (uint32_t i = 0; i <= acked; i++) {
        assert_true(s->c[i]);
        assert_true(s->d[i]);
    }
    /* At most the one transaction in flight went further; never one key of a pair alone. */
    assert_true(s->max <= acked + 1);
    for (uint32_t i = 0; i <= s->max; i++)
        assert_int_equal(s->c[i], s->d[i]);
    free(s);
    kv_client_destroy(c);
    kvt_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_during_commits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
