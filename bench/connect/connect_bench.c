/* connect_bench.c - connection benchmark: new connections per second (handshake and
 * authentication included) and memory per idle connection, against one server. */
#include <mysql.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct worker {
    const char *host;
    unsigned port;
    int count;
    int failures;
    char error[256];
} worker_t;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static MYSQL *connect_one(const char *host, unsigned port, char *error, size_t errsz)
{
    MYSQL *m = mysql_init(NULL);
    if (m == NULL)
        return NULL;
    unsigned timeout = 10;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    if (mysql_real_connect(m, host, "root", "", NULL, port, NULL, 0) == NULL) {
        snprintf(error, errsz, "%s", mysql_error(m));
        mysql_close(m);
        return NULL;
    }
    return m;
}

static void *connect_loop(void *arg)
{
    worker_t *w = arg;
    mysql_thread_init();
    for (int i = 0; i < w->count; i++) {
        MYSQL *m = connect_one(w->host, w->port, w->error, sizeof(w->error));
        if (m == NULL)
            w->failures++;
        else
            mysql_close(m);
    }
    mysql_thread_end();
    return NULL;
}

/* Resident set size of pid in KiB, or -1. */
static long rss_kib(long pid)
{
    char path[64], line[256];
    snprintf(path, sizeof(path), "/proc/%ld/status", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    long kib = -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

static int usage(void)
{
    fprintf(stderr, "usage: connect_bench rate HOST PORT CONNECTIONS THREADS\n"
                    "       connect_bench idle HOST PORT CONNECTIONS SERVER_PID\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc != 6)
        return usage();
    const char *host = argv[2];
    unsigned port = (unsigned)atoi(argv[3]);
    int n = atoi(argv[4]);
    if (mysql_library_init(0, NULL, NULL))
        return 1;
    int rc = 0;
    if (strcmp(argv[1], "rate") == 0) {
        int threads = atoi(argv[5]);
        if (threads < 1 || n < threads)
            return usage();
        worker_t *w = calloc((size_t)threads, sizeof(*w));
        pthread_t *t = calloc((size_t)threads, sizeof(*t));
        double start = now();
        for (int i = 0; i < threads; i++) {
            w[i] = (worker_t){host, port, n / threads, 0, ""};
            pthread_create(&t[i], NULL, connect_loop, &w[i]);
        }
        int failures = 0, done = 0;
        for (int i = 0; i < threads; i++) {
            pthread_join(t[i], NULL);
            failures += w[i].failures;
            done += w[i].count;
            if (w[i].failures)
                fprintf(stderr, "connect failed: %s\n", w[i].error);
        }
        double secs = now() - start;
        printf("connections_per_second %.1f\n", (done - failures) / secs);
        rc = failures ? 1 : 0;
        free(w);
        free(t);
    } else if (strcmp(argv[1], "idle") == 0) {
        long pid = atol(argv[5]);
        MYSQL **conns = calloc((size_t)n, sizeof(*conns));
        char error[256] = "";
        /* Warm up the server's allocator with a first batch, then measure. */
        MYSQL *warm = connect_one(host, port, error, sizeof(error));
        if (warm)
            mysql_close(warm);
        sleep(1);
        long before = rss_kib(pid);
        int opened = 0;
        for (int i = 0; i < n; i++) {
            conns[i] = connect_one(host, port, error, sizeof(error));
            if (conns[i] == NULL) {
                fprintf(stderr, "connection %d failed: %s\n", i, error);
                rc = 1;
                break;
            }
            opened++;
        }
        sleep(1);
        long after = rss_kib(pid);
        if (before < 0 || after < 0) {
            fprintf(stderr, "cannot read the RSS of pid %ld\n", pid);
            rc = 1;
        }
        printf("idle_connections %d\n", opened);
        printf("kib_per_idle_connection %.2f\n", opened ? (double)(after - before) / opened : 0.0);
        for (int i = 0; i < opened; i++)
            mysql_close(conns[i]);
        free(conns);
    } else {
        rc = usage();
    }
    mysql_library_end();
    return rc;
}
