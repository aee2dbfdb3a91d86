/* test_sysvar.c - unit tests for proxy/sysvar: defaults, scopes, validation and errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duet_version.h"
#include "proxy/sysvar.h"
#include "wire/protocol.h"

static proxy_sysvars_t *g;
static proxy_sysvar_session_t s;

static int setup(void **state)
{
    (void)state;
    duet_config_t cfg;
    duet_config_defaults(&cfg);
    g = proxy_sysvars_create(&cfg, true);
    proxy_sysvar_session_init(g, &s);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    proxy_sysvar_session_free(&s);
    proxy_sysvars_destroy(g);
    return 0;
}

static const char *get(const char *name, proxy_scope_req_t req)
{
    static char out[1024];
    bool is_null;
    static duet_err_t e;
    if (proxy_sysvar_get(g, &s, name, strlen(name), req, out, sizeof(out), &is_null, &e) < 0)
        return e.msg;
    return is_null ? "(NULL)" : out;
}

static int set_str(const char *name, proxy_scope_req_t req, const char *v, duet_err_t *e)
{
    proxy_sv_value_t val = {.kind = PROXY_SVV_STR, .s = v};
    bool trunc;
    return proxy_sysvar_set(g, &s, name, strlen(name), req, &val, &trunc, e);
}

static int set_int(const char *name, proxy_scope_req_t req, int64_t v, bool *trunc, duet_err_t *e)
{
    proxy_sv_value_t val = {.kind = PROXY_SVV_INT, .i = v};
    return proxy_sysvar_set(g, &s, name, strlen(name), req, &val, trunc, e);
}

static void test_defaults(void **state)
{
    (void)state;
    assert_string_equal(get("version", PROXY_REQ_DEFAULT), "8.0.11-duet-" DUET_VERSION);
    assert_string_equal(get("AUTOCOMMIT", PROXY_REQ_DEFAULT), "ON");
    assert_string_equal(get("transaction_isolation", PROXY_REQ_DEFAULT), "REPEATABLE-READ");
    assert_string_equal(get("lower_case_table_names", PROXY_REQ_DEFAULT), "2");
    assert_string_equal(get("max_allowed_packet", PROXY_REQ_DEFAULT), "67108864");
    assert_string_equal(get("character_set_client", PROXY_REQ_DEFAULT), "utf8mb4");
    assert_string_equal(get("collation_server", PROXY_REQ_DEFAULT), "utf8mb4_bin");
    assert_string_equal(get("tidb_isolation_read_engines", PROXY_REQ_DEFAULT), "tikv,tiflash,tidb");
    assert_string_equal(get("tidb_broadcast_join_threshold_size", PROXY_REQ_DEFAULT), "104857600");
    assert_string_equal(get("tidb_partition_prune_mode", PROXY_REQ_DEFAULT), "dynamic");
    assert_string_equal(get("have_ssl", PROXY_REQ_DEFAULT), "YES");
    assert_string_equal(get("wait_timeout", PROXY_REQ_DEFAULT), "28800");
}

static void test_scope_errors(void **state)
{
    (void)state;
    duet_err_t e = {0};
    assert_string_equal(get("nosuch", PROXY_REQ_DEFAULT), "Unknown system variable 'nosuch'");
    assert_string_equal(get("version", PROXY_REQ_SESSION),
                        "Variable 'version' is a GLOBAL variable");
    assert_string_equal(get("tidb_isolation_read_engines", PROXY_REQ_GLOBAL),
                        "Variable 'tidb_isolation_read_engines' is a SESSION variable");
    assert_int_equal(set_str("version", PROXY_REQ_GLOBAL, "x", &e), -1);
    assert_int_equal(e.code, 1238);
    assert_string_equal(e.msg, "Variable 'version' is a read only variable");
    assert_int_equal(set_str("tidb_isolation_read_engines", PROXY_REQ_GLOBAL, "tikv", &e), -1);
    assert_int_equal(e.code, 1228);
    assert_int_equal(set_str("init_connect", PROXY_REQ_SESSION, "x", &e), -1);
    assert_int_equal(e.code, 1229);
    assert_string_equal(
        e.msg, "Variable 'init_connect' is a GLOBAL variable and should be set with SET GLOBAL");
    assert_int_equal(set_str("nosuch", PROXY_REQ_SESSION, "x", &e), -1);
    assert_int_equal(e.code, 1193);
}

static void test_values(void **state)
{
    (void)state;
    duet_err_t e = {0};
    bool trunc = false;
    assert_int_equal(set_int("autocommit", PROXY_REQ_DEFAULT, 0, &trunc, &e), 0);
    assert_string_equal(get("autocommit", PROXY_REQ_DEFAULT), "OFF");
    assert_int_equal(set_str("autocommit", PROXY_REQ_DEFAULT, "true", &e), 0);
    assert_string_equal(get("autocommit", PROXY_REQ_DEFAULT), "ON");
    assert_int_equal(set_str("autocommit", PROXY_REQ_DEFAULT, "maybe", &e), -1);
    assert_int_equal(e.code, 1231);
    assert_string_equal(e.msg, "Variable 'autocommit' can't be set to the value of 'maybe'");
    assert_int_equal(set_str("wait_timeout", PROXY_REQ_DEFAULT, "abc", &e), -1);
    assert_int_equal(e.code, 1232);
    assert_string_equal(e.msg, "Incorrect argument type to variable 'wait_timeout'");
    assert_int_equal(set_int("max_error_count", PROXY_REQ_DEFAULT, 100000, &trunc, &e), 0);
    assert_true(trunc);
    assert_string_equal(get("max_error_count", PROXY_REQ_DEFAULT), "65535");
    assert_int_equal(
        set_str("tidb_isolation_read_engines", PROXY_REQ_DEFAULT, " TiFlash , tikv", &e), 0);
    assert_string_equal(get("tidb_isolation_read_engines", PROXY_REQ_DEFAULT), "tikv,tiflash");
    assert_int_equal(set_str("tidb_isolation_read_engines", PROXY_REQ_DEFAULT, "xyz", &e), -1);
    assert_string_equal(
        e.msg, "Variable 'tidb_isolation_read_engines' can't be set to the value of 'xyz'");
    assert_int_equal(set_str("sql_mode", PROXY_REQ_DEFAULT, "ansi_quotes, strict_trans_tables", &e),
                     0);
    assert_string_equal(get("sql_mode", PROXY_REQ_DEFAULT), "ANSI_QUOTES,STRICT_TRANS_TABLES");
    assert_int_equal(set_str("sql_mode", PROXY_REQ_DEFAULT, "", &e), 0);
    assert_string_equal(get("sql_mode", PROXY_REQ_DEFAULT), "");
    assert_int_equal(set_str("sql_mode", PROXY_REQ_DEFAULT, "NOPE", &e), -1);
    assert_int_equal(e.code, 1231);
    assert_int_equal(set_str("time_zone", PROXY_REQ_DEFAULT, "+8:00", &e), 0);
    assert_string_equal(get("time_zone", PROXY_REQ_DEFAULT), "+08:00");
    assert_int_equal(set_str("time_zone", PROXY_REQ_DEFAULT, "+15:00", &e), -1);
    assert_int_equal(set_str("transaction_isolation", PROXY_REQ_DEFAULT, "read-committed", &e), 0);
    assert_string_equal(get("tx_isolation", PROXY_REQ_DEFAULT), "READ-COMMITTED");
    assert_int_equal(set_str("character_set_client", PROXY_REQ_DEFAULT, "latin1", &e), 0);
    assert_string_equal(get("character_set_client", PROXY_REQ_DEFAULT), "latin1");
    proxy_sv_value_t null = {.kind = PROXY_SVV_NULL};
    assert_int_equal(
        proxy_sysvar_set(g, &s, "character_set_results", 21, PROXY_REQ_DEFAULT, &null, &trunc, &e),
        0);
    assert_string_equal(get("character_set_results", PROXY_REQ_DEFAULT), "(NULL)");
    assert_int_equal(
        proxy_sysvar_set(g, &s, "autocommit", 10, PROXY_REQ_DEFAULT, &null, &trunc, &e), -1);
    assert_string_equal(e.msg, "Variable 'autocommit' can't be set to the value of 'NULL'");
}

static void test_global_affects_new_sessions(void **state)
{
    (void)state;
    duet_err_t e = {0};
    bool trunc;
    assert_int_equal(set_int("wait_timeout", PROXY_REQ_GLOBAL, 100, &trunc, &e), 0);
    assert_string_equal(get("wait_timeout", PROXY_REQ_DEFAULT), "28800");
    assert_string_equal(get("wait_timeout", PROXY_REQ_GLOBAL), "100");
    proxy_sysvar_session_t s2;
    proxy_sysvar_session_init(g, &s2);
    assert_int_equal(proxy_sysvar_session_int(&s2, "wait_timeout"), 100);
    proxy_sysvar_session_free(&s2);
    /* SET SESSION x = DEFAULT takes the global value. */
    proxy_sv_value_t def = {.kind = PROXY_SVV_DEFAULT};
    assert_int_equal(
        proxy_sysvar_set(g, &s, "wait_timeout", 12, PROXY_REQ_SESSION, &def, &trunc, &e), 0);
    assert_string_equal(get("wait_timeout", PROXY_REQ_DEFAULT), "100");
}

static void test_table_sorted_and_complete(void **state)
{
    (void)state;
    const char *must[] = {"version_comment",
                          "system_time_zone",
                          "license",
                          "performance_schema",
                          "query_cache_size",
                          "query_cache_type",
                          "net_write_timeout",
                          "interactive_timeout",
                          "init_connect",
                          "tidb_allow_mpp",
                          "tidb_enforce_mpp",
                          "tidb_allow_tiflash_cop",
                          "tidb_broadcast_join_threshold_count",
                          "tidb_prefer_broadcast_join_by_exchange_data_size",
                          "tidb_max_tiflash_threads",
                          "tidb_mem_quota_query",
                          "tidb_allow_fallback_to_tikv",
                          "tidb_opt_agg_push_down",
                          "tidb_distsql_scan_concurrency",
                          "tidb_cost_model_version",
                          "transaction_read_only",
                          "tx_read_only"};
    for (size_t i = 0; i < sizeof(must) / sizeof(must[0]); i++)
        assert_non_null(proxy_sysvar_find(must[i], strlen(must[i])));
    assert_true(proxy_sysvar_count() > 60);
}

static void test_select_typed(void **state)
{
    (void)state;
    wire_column_t col;
    wire_value_t v;
    char buf[512];
    duet_err_t e = {0};
    assert_int_equal(proxy_sysvar_select(g, &s, "autocommit", 10, PROXY_REQ_DEFAULT, &col, &v, buf,
                                         sizeof(buf), &e),
                     0);
    assert_int_equal(col.type, WIRE_TYPE_LONGLONG);
    assert_int_equal(v.kind, WIRE_VAL_INT);
    assert_int_equal(v.v.i, 1);
    assert_int_equal(proxy_sysvar_select(g, &s, "sql_select_limit", 16, PROXY_REQ_DEFAULT, &col, &v,
                                         buf, sizeof(buf), &e),
                     0);
    assert_int_equal(v.kind, WIRE_VAL_UINT);
    assert_true(v.v.u == UINT64_MAX);
    assert_true(col.flags & WIRE_FLAG_UNSIGNED);
    assert_int_equal(proxy_sysvar_select(g, &s, "version_comment", 15, PROXY_REQ_DEFAULT, &col, &v,
                                         buf, sizeof(buf), &e),
                     0);
    assert_int_equal(col.type, WIRE_TYPE_VAR_STRING);
    assert_int_equal(v.kind, WIRE_VAL_BYTES);
    assert_memory_equal(v.v.s.p, "duet Server", 11);
    assert_int_equal(
        proxy_sysvar_select(g, &s, "nope", 4, PROXY_REQ_DEFAULT, &col, &v, buf, sizeof(buf), &e),
        -1);
    assert_int_equal(e.code, 1193);
}

static void test_persist(void **state)
{
    (void)state;
    char path[] = "/tmp/duet-unit-gv-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    duet_err_t e = {0};
    bool trunc;
    assert_int_equal(proxy_sysvars_persist(g, path, &e), 0);
    assert_int_equal(set_int("wait_timeout", PROXY_REQ_GLOBAL, 77, &trunc, &e), 0);
    assert_int_equal(set_str("init_connect", PROXY_REQ_GLOBAL, "SET a=1;\tx\\y\n", &e), 0);
    assert_int_equal(set_str("tx_isolation", PROXY_REQ_GLOBAL, "SERIALIZABLE", &e), 0);
    proxy_sv_value_t null = {.kind = PROXY_SVV_NULL};
    assert_int_equal(
        proxy_sysvar_set(g, &s, "character_set_results", 21, PROXY_REQ_GLOBAL, &null, &trunc, &e),
        0);
    /* A fresh registry (a restart) reads them back; session values were not saved. */
    duet_config_t cfg;
    duet_config_defaults(&cfg);
    proxy_sysvars_t *g2 = proxy_sysvars_create(&cfg, false);
    assert_int_equal(proxy_sysvars_persist(g2, path, &e), 0);
    char out[256];
    bool is_null;
    assert_int_equal(proxy_sysvar_get(g2, NULL, "wait_timeout", 12, PROXY_REQ_GLOBAL, out,
                                      sizeof(out), &is_null, &e),
                     0);
    assert_string_equal(out, "77");
    proxy_sysvar_get(g2, NULL, "init_connect", 12, PROXY_REQ_GLOBAL, out, sizeof(out), &is_null,
                     &e);
    assert_string_equal(out, "SET a=1;\tx\\y\n");
    proxy_sysvar_get(g2, NULL, "transaction_isolation", 21, PROXY_REQ_GLOBAL, out, sizeof(out),
                     &is_null, &e);
    assert_string_equal(out, "SERIALIZABLE");
    proxy_sysvar_get(g2, NULL, "character_set_results", 21, PROXY_REQ_GLOBAL, out, sizeof(out),
                     &is_null, &e);
    assert_true(is_null);
    proxy_sysvar_get(g2, NULL, "autocommit", 10, PROXY_REQ_GLOBAL, out, sizeof(out), &is_null, &e);
    assert_string_equal(out, "ON");
    proxy_sysvars_destroy(g2);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_global_affects_new_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_sorted_and_complete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_persist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_select_typed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
