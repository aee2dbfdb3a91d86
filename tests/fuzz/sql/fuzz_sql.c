/* fuzz_sql.c - libFuzzer target: parse any bytes; what parses must restore to text that
 * parses again and restores identically. The first byte picks the sql_mode bits. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "sql/parser.h"

static char *restore_list(const sql_stmt_list_t *l, size_t *len)
{
    duet_buf_t b = DUET_BUF_INIT;
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(&b, ";\n");
        sql_restore_stmt(&b, l->stmts[i]);
    }
    *len = b.len;
    return duet_buf_detach(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    sql_parse_opts_t opts = {data[0] & 15u, 0};
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    duet_arena_t *a = duet_arena_create(0);
    sql_stmt_list_t *l;
    duet_err_t err;
    if (sql_parse(a, text, len, &opts, &l, &err) == 0) {
        size_t n1, n2;
        char *r1 = restore_list(l, &n1);
        duet_arena_reset(a);
        if (sql_parse(a, r1, n1, NULL, &l, &err) != 0) {
            fprintf(stderr, "restored text does not parse: %s\n%s\n", err.msg, r1);
            abort();
        }
        char *r2 = restore_list(l, &n2);
        if (n1 != n2 || memcmp(r1, r2, n1) != 0) {
            fprintf(stderr, "round trip differs:\n%s\n%s\n", r1, r2);
            abort();
        }
        duet_free(r1);
        duet_free(r2);
    } else if (err.code != 1064 && err.code != 1153) {
        abort();
    }
    duet_arena_destroy(a);
    return 0;
}
