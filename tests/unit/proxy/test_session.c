/* test_session.c - unit tests for proxy/session: status flags, the diagnostics area
 * (SHOW WARNINGS / SHOW ERRORS with max_error_count and sql_notes), and the kill check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proxy/session.h"
#include "wire/protocol.h"

static proxy_sysvars_t *g;
static proxy_session_t s;

static int setup(void **state)
{
    (void)state;
    duet_config_t cfg;
    duet_config_defaults(&cfg);
    g = proxy_sysvars_create(&cfg, false);
    memset(&s, 0, sizeof(s));
    proxy_sysvar_session_init(g, &s.vars);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    proxy_session_free(&s);
    proxy_sysvars_destroy(g);
    return 0;
}

static void set(const char *name, const char *value)
{
    proxy_sv_value_t v = {.kind = PROXY_SVV_STR, .s = value};
    if (value[0] >= '0' && value[0] <= '9') {
        v.kind = PROXY_SVV_INT;
        v.i = atoi(value);
    }
    bool trunc;
    duet_err_t e = {0};
    assert_int_equal(
        proxy_sysvar_set(g, &s.vars, name, strlen(name), PROXY_REQ_SESSION, &v, &trunc, &e), 0);
}

static void test_status_flags(void **state)
{
    (void)state;
    assert_int_equal(proxy_session_status(&s), WIRE_STATUS_AUTOCOMMIT);
    set("autocommit", "OFF");
    s.in_trans = true;
    set("sql_mode", "NO_BACKSLASH_ESCAPES");
    assert_int_equal(proxy_session_status(&s),
                     WIRE_STATUS_IN_TRANS | WIRE_STATUS_NO_BACKSLASH_ESCAPES);
}

static void test_diagnostics(void **state)
{
    (void)state;
    proxy_session_clear_diag(&s);
    proxy_session_warn(&s, PROXY_WARN_WARNING, 1815, "There are no matching table names for (%s)",
                       "t");
    proxy_session_warn(&s, PROXY_WARN_NOTE, 1347, "'%s.%s' is not BASE TABLE", "db", "v");
    duet_err_t e = {0};
    duet_err_set(&e, ER_NO_SUCH_TABLE, "test", "t");
    proxy_session_add_error(&s, &e);
    assert_int_equal(s.warnings, 3);
    assert_int_equal(s.errors, 1);
    assert_int_equal(s.ndiag, 3);
    assert_int_equal(s.diag[0].code, 1815);
    assert_string_equal(s.diag[0].msg, "There are no matching table names for (t)");
    assert_int_equal(s.diag[1].level, PROXY_WARN_NOTE);
    assert_int_equal(s.diag[2].level, PROXY_WARN_ERROR);
    assert_string_equal(s.diag[2].msg, "Table 'test.t' doesn't exist");
    /* max_error_count caps what is kept, not what is counted; sql_notes=OFF drops notes. */
    proxy_session_clear_diag(&s);
    set("max_error_count", "2");
    set("sql_notes", "OFF");
    for (int i = 0; i < 5; i++)
        proxy_session_warn(&s, PROXY_WARN_WARNING, 1105, "w%d", i);
    proxy_session_warn(&s, PROXY_WARN_NOTE, 1105, "note");
    assert_int_equal(s.warnings, 5);
    assert_int_equal(s.ndiag, 2);
    assert_string_equal(s.diag[1].msg, "w1");
}

static void test_killed(void **state)
{
    (void)state;
    duet_err_t e = {0};
    assert_int_equal(proxy_session_check_killed(&s, &e), 0);
    atomic_store(&s.killed, PROXY_KILL_QUERY);
    assert_int_equal(proxy_session_check_killed(&s, &e), -1);
    assert_int_equal(e.code, 1317);
    assert_string_equal(e.msg, "Query execution was interrupted");
}

static void test_timeout(void **state)
{
    (void)state;
    duet_err_t e = {0};
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
    s.started_us = now - 50000; /* began 50 ms ago */
    assert_int_equal(proxy_session_check_timeout(&s, &e), 0);
    set("max_execution_time", "10");
    assert_int_equal(proxy_session_check_timeout(&s, &e), -1);
    assert_int_equal(e.code, 3024);
    assert_string_equal(
        e.msg, "Query execution was interrupted, maximum statement execution time exceeded");
    set("max_execution_time", "1000");
    assert_int_equal(proxy_session_check_timeout(&s, &e), 0);
}

static const char *get(const char *name)
{
    static char out[256];
    bool is_null;
    duet_err_t e = {0};
    assert_int_equal(proxy_sysvar_get(g, &s.vars, name, strlen(name), PROXY_REQ_SESSION, out,
                                      sizeof(out), &is_null, &e),
                     0);
    return out;
}

static void test_handshake_collation(void **state)
{
    (void)state;
    assert_int_equal(proxy_sysvar_session_collation(g, &s.vars, 45), 0);
    assert_string_equal(get("character_set_client"), "utf8mb4");
    assert_string_equal(get("character_set_results"), "utf8mb4");
    assert_string_equal(get("collation_connection"), "utf8mb4_general_ci");
    assert_int_equal(proxy_sysvar_session_collation(g, &s.vars, 8), 0);
    assert_string_equal(get("character_set_connection"), "latin1");
    assert_string_equal(get("collation_connection"), "latin1_swedish_ci");
    assert_int_equal(proxy_sysvar_session_collation(g, &s.vars, 200), -1);
    assert_string_equal(get("collation_connection"), "latin1_swedish_ci");
    assert_string_equal(get("collation_server"), "utf8mb4_bin");
}

static void test_statements(void **state)
{
    (void)state;
    proxy_stmt_t *a = proxy_stmt_add(&s, NULL, "SELECT ?", 8, 1, 1);
    proxy_stmt_t *b = proxy_stmt_add(&s, "Stmt1", "SELECT 1", 8, 1, 0);
    assert_int_equal(a->id, 1);
    assert_int_equal(b->id, 2);
    assert_ptr_equal(proxy_stmt_find(&s, 1), a);
    assert_ptr_equal(proxy_stmt_find_name(&s, "STMT1"), b);
    assert_null(proxy_stmt_find_name(&s, "other"));
    /* PREPARE under an existing name replaces it. */
    proxy_stmt_t *c = proxy_stmt_add(&s, "stmt1", "SELECT 2", 8, 1, 0);
    assert_int_equal(c->id, 3);
    assert_null(proxy_stmt_find(&s, 2));
    assert_ptr_equal(proxy_stmt_find_name(&s, "stmt1"), c);
    assert_int_equal(a->params.count, 1);
    proxy_stmt_close(&s, 1);
    assert_null(proxy_stmt_find(&s, 1));
    proxy_stmt_close(&s, 42);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_status_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diagnostics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handshake_collation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_statements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
