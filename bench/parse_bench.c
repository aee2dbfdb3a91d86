/* parse_bench.c - parse throughput: statements per second and microseconds per statement
 * for sysbench's point select and the 22 TPC-H queries (tests/unit/sql/corpus/tpch.sql),
 * measured in CPU time of the benchmark thread (one core).
 *
 *     bench_parse [seconds-per-case]      (default 2)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/mem.h"
#include "sql/parser.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: the figure does not depend on other load on the host. */
static double now(void)
{
    return clock_s(CLOCK_THREAD_CPUTIME_ID);
}

/* Parses every text of texts[0..n) in turn for about `seconds`; prints the rate. */
static int run(const char *name, const char *const *texts, const size_t *lens, size_t n,
               double seconds)
{
    duet_arena_t *a = duet_arena_create(64 * 1024);
    sql_stmt_list_t *l;
    duet_err_t err;
    for (size_t i = 0; i < n; i++) { /* warm up and check */
        if (sql_parse(a, texts[i], lens[i], NULL, &l, &err) != 0) {
            fprintf(stderr, "bench_parse: %s: %s\n", name, err.msg);
            duet_arena_destroy(a);
            return -1;
        }
        duet_arena_reset(a);
    }
    unsigned long long count = 0;
    double wall = clock_s(CLOCK_MONOTONIC);
    double start = now(), elapsed;
    do {
        for (int rep = 0; rep < 64; rep++) {
            for (size_t i = 0; i < n; i++) {
                sql_parse(a, texts[i], lens[i], NULL, &l, &err);
                duet_arena_reset(a);
            }
            count += n;
        }
        elapsed = now() - start;
    } while (elapsed < seconds);
    wall = clock_s(CLOCK_MONOTONIC) - wall;
    printf("%-22s %12.0f statements/s %9.3f us/statement (%llu statements, %.2f s CPU, %.2f s "
           "wall)\n",
           name, (double)count / elapsed, elapsed * 1e6 / (double)count, count, elapsed, wall);
    duet_arena_destroy(a);
    return 0;
}

/* Reads the TPC-H corpus file and splits it at ';' that ends a line. */
static size_t load_tpch(char **buf, const char **texts, size_t *lens, size_t max)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/tests/unit/sql/corpus/tpch.sql", DUET_SOURCE_DIR);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_parse: cannot open %s\n", path);
        return 0;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = duet_malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    fclose(f);
    s[got] = 0;
    size_t k = 0, start = 0;
    for (size_t i = 0; i < got && k < max; i++) {
        if (s[i] == ';' && (i + 1 == got || s[i + 1] == '\n')) {
            texts[k] = s + start;
            lens[k] = i - start;
            k++;
            start = i + 1;
        }
    }
    *buf = s;
    return k;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    if (seconds <= 0)
        seconds = 2.0;
    static const char point[] = "SELECT c FROM sbtest1 WHERE id=?";
    const char *pt[] = {point};
    size_t pl[] = {sizeof(point) - 1};
    int rc = run("sysbench point select", pt, pl, 1, seconds);

    const char *texts[64];
    size_t lens[64];
    char *buf = NULL;
    size_t n = load_tpch(&buf, texts, lens, 64);
    if (n == 0)
        rc = -1;
    else if (run("tpch (24 statements)", texts, lens, n, seconds) != 0)
        rc = -1;
    duet_free(buf);
    sql_parse_thread_cleanup();
    return rc == 0 ? 0 : 1;
}
