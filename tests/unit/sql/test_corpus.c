/* test_corpus.c - the round-trip check over the statement corpus in tests/unit/sql/corpus. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/mem.h"
#include "sql/parser.h"
#include "test_util.h"

char *restore_all(const char *text, size_t len, unsigned mode, unsigned *n, duet_err_t *err)
{
    duet_arena_t *a = duet_arena_create(0);
    sql_stmt_list_t *l;
    sql_parse_opts_t o = {mode, 0};
    duet_err_clear(err);
    if (sql_parse(a, text, len, &o, &l, err) < 0) {
        duet_arena_destroy(a);
        return NULL;
    }
    duet_buf_t b = DUET_BUF_INIT;
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(&b, ";\n");
        sql_restore_stmt(&b, l->stmts[i]);
    }
    *n = l->n;
    duet_arena_destroy(a);
    return duet_buf_detach(&b);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = duet_malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* One statement: parse, restore, parse the restored text, restore again. */
static void check_one(const char *file, int line, const char *stmt, size_t len)
{
    duet_err_t err;
    unsigned n = 0;
    char *r1 = restore_all(stmt, len, 0, &n, &err);
    if (!r1)
        fail_msg("%s:%d: parse failed: %s\n  statement: %.*s", file, line, err.msg, (int)len, stmt);
    if (n == 0) {
        duet_free(r1);
        return;
    }
    if (n != 1)
        fail_msg("%s:%d: %u statements in one corpus entry", file, line, n);
    char *r2 = restore_all(r1, strlen(r1), 0, &n, &err);
    if (!r2)
        fail_msg("%s:%d: restored text does not parse: %s\n  restored: %s", file, line, err.msg,
                 r1);
    if (strcmp(r1, r2) != 0)
        fail_msg("%s:%d: round trip differs\n  first:  %s\n  second: %s", file, line, r1, r2);
    duet_free(r1);
    duet_free(r2);
}

/* Splits a corpus file at ';' that ends a line. Returns the number of statements. */
static int check_file(const char *path, const char *name)
{
    size_t len;
    char *s = read_file(path, &len);
    int count = 0;
    size_t start = 0;
    int line = 1, start_line = 1;
    for (size_t i = 0; i <= len; i++) {
        int end = i == len || (s[i] == ';' && (i + 1 == len || s[i + 1] == '\n'));
        if (end) {
            size_t n = i - start;
            duet_err_t err;
            unsigned k = 0;
            char *probe = restore_all(s + start, n, 0, &k, &err);
            if (!probe || k > 0)
                count++;
            duet_free(probe);
            check_one(name, start_line, s + start, n);
            start = i + 1;
            start_line = line;
        }
        if (i < len && s[i] == '\n') {
            line++;
            if (start == i + 1 || start == i)
                start_line = line;
        }
    }
    duet_free(s);
    return count;
}

int roundtrip_corpus(void)
{
    const char *src = getenv("DUET_TEST_SRC");
    assert_non_null(src);
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/tests/unit/sql/corpus", src);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int total = 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".sql") != 0)
            continue;
        char path[8192];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        total += check_file(path, e->d_name);
    }
    closedir(d);
    return total;
}
