/* test_hints.c - unit tests of hints/: every hint form, positions, warnings and restore text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "hints/hints.h"

typedef struct parsed {
    duet_arena_t *a;
    hint_list_t list;
    hint_warnings_t warns;
    char restored[1024];
} parsed_t;

/* Parses the hint text inside "SELECT slash-star-plus ... star-slash 1": the text starts
 * at byte 10 of the statement. */
static void parse(parsed_t *p, const char *text)
{
    static char stmt[2048];
    snprintf(stmt, sizeof(stmt), "SELECT /*+%s*/ 1", text);
    memset(p, 0, sizeof(*p));
    p->a = duet_arena_create(0);
    hint_parse(p->a, stmt, strlen(stmt), 10, stmt + 10, strlen(text), &p->list, &p->warns);
    duet_buf_t b = DUET_BUF_INIT;
    hint_restore(&b, &p->list);
    snprintf(p->restored, sizeof(p->restored), "%s", b.data);
    duet_buf_free(&b);
}

static void done(parsed_t *p)
{
    duet_arena_destroy(p->a);
}

static void name_is(const hint_name_t *n, const char *want)
{
    assert_int_equal(n->len, strlen(want));
    assert_memory_equal(n->s, want, n->len);
}

static void test_read_from_storage(void **state)
{
    (void)state;
    parsed_t p;
    parse(&p, " READ_FROM_STORAGE(TIFLASH[t1, db.t2], TIKV[t3]) ");
    assert_int_equal(p.list.n, 1);
    assert_int_equal(p.warns.n, 0);
    hint_t *h = &p.list.items[0];
    assert_int_equal(h->kind, HINT_READ_FROM_STORAGE);
    assert_int_equal(h->pos, 11);
    assert_int_equal(h->ntables, 3);
    name_is(&h->tables[0].tbl, "t1");
    assert_string_equal(h->tables[0].engine, "tiflash");
    name_is(&h->tables[1].db, "db");
    name_is(&h->tables[1].tbl, "t2");
    assert_string_equal(h->tables[1].engine, "tiflash");
    name_is(&h->tables[2].tbl, "t3");
    assert_string_equal(h->tables[2].engine, "tikv");
    assert_string_equal(p.restored, "/*+ READ_FROM_STORAGE(TIFLASH[t1, db.t2], TIKV[t3]) */");
    done(&p);

    parse(&p, "read_from_storage(@sel_2 tiflash[t@qb1])");
    h = &p.list.items[0];
    name_is(&h->qb, "sel_2");
    name_is(&h->tables[0].qb, "qb1");
    assert_string_equal(p.restored, "/*+ READ_FROM_STORAGE(@sel_2 TIFLASH[t@qb1]) */");
    done(&p);
}

static void test_all_known_hints(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"HASH_AGG()", "/*+ HASH_AGG() */"},
        {"stream_agg()", "/*+ STREAM_AGG() */"},
        {"MPP_1PHASE_AGG()", "/*+ MPP_1PHASE_AGG() */"},
        {"MPP_2PHASE_AGG()", "/*+ MPP_2PHASE_AGG() */"},
        {"AGG_TO_COP()", "/*+ AGG_TO_COP() */"},
        {"LIMIT_TO_COP()", "/*+ LIMIT_TO_COP() */"},
        {"SHUFFLE_JOIN(t1,t2)", "/*+ SHUFFLE_JOIN(t1, t2) */"},
        {"BROADCAST_JOIN(t1, t2)", "/*+ BROADCAST_JOIN(t1, t2) */"},
        {"HASH_JOIN(t)", "/*+ HASH_JOIN(t) */"},
        {"HASH_JOIN_BUILD(t)", "/*+ HASH_JOIN_BUILD(t) */"},
        {"HASH_JOIN_PROBE(t)", "/*+ HASH_JOIN_PROBE(t) */"},
        {"MERGE_JOIN(t)", "/*+ MERGE_JOIN(t) */"},
        {"INL_JOIN(t)", "/*+ INL_JOIN(t) */"},
        {"USE_INDEX(t, idx)", "/*+ USE_INDEX(t, idx) */"},
        {"IGNORE_INDEX(t, a, b)", "/*+ IGNORE_INDEX(t, a, b) */"},
        {"QB_NAME(qb)", "/*+ QB_NAME(qb) */"},
        {"SET_VAR(tidb_allow_mpp = OFF)", "/*+ SET_VAR(tidb_allow_mpp=OFF) */"},
        {"MAX_EXECUTION_TIME(1000)", "/*+ MAX_EXECUTION_TIME(1000) */"},
        {"MEMORY_QUOTA(1024 MB)", "/*+ MEMORY_QUOTA(1024 MB) */"},
        {"memory_quota(2 gb)", "/*+ MEMORY_QUOTA(2 GB) */"},
        {"LEADING(t2, t1@qb)", "/*+ LEADING(t2, t1@qb) */"},
        {"HASH_JOIN(@qb t1) HASH_AGG(@qb)", "/*+ HASH_JOIN(@qb t1) HASH_AGG(@qb) */"},
        {"HASH_JOIN(t PARTITION(p0, p1))", "/*+ HASH_JOIN(t PARTITION(p0, p1)) */"},
        {"TIDB_HJ(a)", "/*+ HASH_JOIN(a) */"},
        {"HASH_JOIN(`weird name`)", "/*+ HASH_JOIN(`weird name`) */"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        parsed_t p;
        parse(&p, cases[i][0]);
        if (p.warns.n)
            fail_msg("%s: unexpected warning %s", cases[i][0], p.warns.items[0].msg);
        assert_string_equal(p.restored, cases[i][1]);
        done(&p);
    }
}

static void test_values(void **state)
{
    (void)state;
    parsed_t p;
    parse(&p, "SET_VAR(sql_mode='') MEMORY_QUOTA(10 MB) MAX_EXECUTION_TIME(5) QB_NAME(x)");
    assert_int_equal(p.list.n, 4);
    hint_t *h = p.list.items;
    name_is(&h[0].var, "sql_mode");
    assert_int_equal(h[0].value_len, 2);
    assert_memory_equal(h[0].value, "''", 2);
    assert_int_equal(h[1].num, 10ull * 1024 * 1024);
    assert_string_equal(h[1].num_unit, "MB");
    assert_int_equal(h[2].num, 5);
    name_is(&h[3].var, "x");
    assert_int_equal(h[3].pos, 10 + 63);
    done(&p);
}

static void test_warnings(void **state)
{
    (void)state;
    parsed_t p;
    parse(&p, " NOT_A_HINT(x) HASH_AGG() ");
    assert_int_equal(p.list.n, 1);
    assert_int_equal(p.list.items[0].kind, HINT_HASH_AGG);
    assert_int_equal(p.warns.n, 1);
    assert_int_equal(p.warns.items[0].code, 8061);
    assert_int_equal(p.warns.items[0].pos, 11);
    assert_string_equal(p.warns.items[0].msg,
                        "Optimizer hint NOT_A_HINT is not supported by TiDB and is ignored");
    done(&p);

    parse(&p, " HASH_JOIN(t1 MERGE_JOIN(t2) ");
    assert_int_equal(p.warns.n, 1);
    assert_int_equal(p.warns.items[0].code, 1064);
    assert_string_equal(
        p.warns.items[0].msg,
        "Optimizer hint syntax error at line 1 column 25 near \"MERGE_JOIN(t2) \" ");
    done(&p);

    parse(&p, " READ_FROM_STORAGE(TIFLASH(t)) , HASH_AGG() ");
    assert_int_equal(p.list.n, 1);
    assert_int_equal(p.warns.n, 1);
    assert_int_equal(p.warns.items[0].code, 1064);
    done(&p);

    parse(&p, " MEMORY_QUOTA(5 KB) ");
    assert_int_equal(p.list.n, 0);
    assert_int_equal(p.warns.n, 1);
    done(&p);

    parse(&p, " junk ");
    assert_int_equal(p.list.n, 0);
    assert_int_equal(p.warns.n, 1);
    assert_string_equal(p.warns.items[0].msg,
                        "Optimizer hint syntax error at line 1 column 17 near \"\" ");
    done(&p);

    parse(&p, "  ");
    assert_int_equal(p.list.n, 0);
    assert_int_equal(p.warns.n, 0);
    assert_string_equal(p.restored, "/*+  */");
    done(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_from_storage),
        cmocka_unit_test(test_all_known_hints),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_warnings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
