/* test_config.c - unit tests for common/config: defaults, the file, the command line, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/config.h"

static void test_defaults(void **state)
{
    (void)state;
    duet_config_t c;
    duet_config_defaults(&c);
    assert_string_equal(c.host, "127.0.0.1");
    assert_int_equal(c.port, 4000);
    assert_string_equal(c.path, "./duet-data");
    assert_int_equal(c.status.status_port, 10080);
    assert_int_equal(c.isolation_read.engines, DUET_ENGINE_ALL);
    assert_false(c.performance.enforce_mpp);
    assert_int_equal(c.log.level, DUET_LOG_INFO);
}

static void test_isolation_read_engines(void **state)
{
    (void)state;
    duet_config_t c;
    duet_err_t err = {0};
    duet_config_defaults(&c);
    assert_int_equal(duet_config_load_string(&c,
                                             "[isolation-read]\n"
                                             "engines = [\"tikv\", \"tidb\"]\n",
                                             "x.toml", &err),
                     0);
    assert_int_equal(c.isolation_read.engines, DUET_ENGINE_TIKV | DUET_ENGINE_TIDB);
    char out[64];
    duet_engines_format(c.isolation_read.engines, out, sizeof(out));
    assert_string_equal(out, "tikv,tidb");

    assert_int_equal(duet_config_load_string(&c,
                                             "[isolation-read]\n"
                                             "engines = [\"tikv\", \"tiflash\", \"tidb\"]\n",
                                             "x.toml", &err),
                     0);
    assert_int_equal(c.isolation_read.engines, DUET_ENGINE_ALL);
    duet_engines_format(c.isolation_read.engines, out, sizeof(out));
    assert_string_equal(out, "tikv,tiflash,tidb");

    assert_int_equal(
        duet_config_load_string(&c, "[isolation-read]\nengines = [\"tikv\", 1]\n", "x.toml", &err),
        -1);
    assert_string_equal(err.msg, "x.toml:2: configuration key 'isolation-read.engines' must be "
                                 "an array of strings, not an integer");
    assert_int_equal(
        duet_config_load_string(&c, "[isolation-read]\nengines = []\n", "x.toml", &err), -1);
    assert_string_equal(err.msg, "x.toml:2: configuration key 'isolation-read.engines' must list "
                                 "engines from \"tikv\", \"tiflash\", \"tidb\", not ''");
}

static void test_engines_parse(void **state)
{
    (void)state;
    unsigned m = 0;
    assert_int_equal(duet_engines_parse(" TiFlash , tikv", &m), 0);
    assert_int_equal(m, DUET_ENGINE_TIKV | DUET_ENGINE_TIFLASH);
    assert_int_equal(duet_engines_parse("tikv,,tidb", &m), 0);
    assert_int_equal(m, DUET_ENGINE_TIKV | DUET_ENGINE_TIDB);
    assert_int_equal(duet_engines_parse("xyz", &m), -1);
    assert_int_equal(duet_engines_parse("", &m), -1);
    assert_int_equal(duet_engines_parse("tikv,tiflashx", &m), -1);
}

static void test_every_section(void **state)
{
    (void)state;
    duet_config_t c;
    duet_err_t err = {0};
    duet_config_defaults(&c);
    int rc = duet_config_load_string(&c,
                                     "host = \"0.0.0.0\"\nport = 4001\nsocket = \"/tmp/d.sock\"\n"
                                     "path = \"/var/lib/duet\"\nmax-server-connections = 10\n"
                                     "[log]\nlevel = \"WARN\"\nslow-threshold = 50\n"
                                     "file.filename = \"/tmp/duet.log\"\n"
                                     "[status]\nreport-status = false\nstatus-port = 10081\n"
                                     "status-host = \"127.0.0.2\"\n"
                                     "[performance]\nenforce-mpp = true\nmax-procs = 4\n"
                                     "[security]\nssl-cert = \"c.pem\"\nssl-key = \"k.pem\"\n"
                                     "ssl-ca = \"ca.pem\"\nrequire-secure-transport = true\n",
                                     "x.toml", &err);
    if (rc != 0)
        fail_msg("%s", err.msg);
    assert_string_equal(c.host, "0.0.0.0");
    assert_int_equal(c.port, 4001);
    assert_string_equal(c.socket, "/tmp/d.sock");
    assert_string_equal(c.path, "/var/lib/duet");
    assert_int_equal(c.max_server_connections, 10);
    assert_int_equal(c.log.level, DUET_LOG_WARN);
    assert_int_equal(c.log.slow_threshold_ms, 50);
    assert_string_equal(c.log.filename, "/tmp/duet.log");
    assert_false(c.status.report_status);
    assert_int_equal(c.status.status_port, 10081);
    assert_string_equal(c.status.status_host, "127.0.0.2");
    assert_true(c.performance.enforce_mpp);
    assert_int_equal(c.performance.max_procs, 4);
    assert_string_equal(c.security.ssl_cert, "c.pem");
    assert_string_equal(c.security.ssl_key, "k.pem");
    assert_string_equal(c.security.ssl_ca, "ca.pem");
    assert_true(c.security.require_secure_transport);
}

static void expect_error(const char *text, const char *want)
{
    duet_config_t c;
    duet_err_t err = {0};
    duet_config_defaults(&c);
    assert_int_equal(duet_config_load_string(&c, text, "conf.toml", &err), -1);
    assert_string_equal(err.msg, want);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("port = 4000\nprot = 1\n", "conf.toml:2: unknown configuration key 'prot'");
    expect_error("[isolation-read]\n\nengins = [\"tikv\"]\n",
                 "conf.toml:3: unknown configuration key 'isolation-read.engins'");
    expect_error("[nosuch]\nx = 1\n", "conf.toml:1: unknown configuration key 'nosuch'");
    expect_error("[log]\nfile = \"x\"\n", "conf.toml:2: unknown configuration key 'log.file'");
    expect_error("port = \"4000\"\n",
                 "conf.toml:1: configuration key 'port' must be an integer, not a string");
    expect_error("port = 70000\n",
                 "conf.toml:1: configuration key 'port' must be between 0 and 65535, not 70000");
    expect_error("[log]\nlevel = \"loud\"\n",
                 "conf.toml:2: configuration key 'log.level' must be one of debug, info, warn, "
                 "error, fatal, not 'loud'");
    expect_error("[performance]\nenforce-mpp = 1\n",
                 "conf.toml:2: configuration key 'performance.enforce-mpp' must be a boolean, "
                 "not an integer");
    expect_error("host = 1.5\n",
                 "conf.toml:1: configuration key 'host' must be a string, not a float");
}

static void test_command_line(void **state)
{
    (void)state;
    duet_config_t c;
    duet_err_t err = {0};
    duet_config_defaults(&c);
    assert_int_equal(duet_config_set(&c, "port", "4005", &err), 0);
    assert_int_equal(c.port, 4005);
    assert_int_equal(duet_config_set(&c, "isolation-read.engines", "tiflash", &err), 0);
    assert_int_equal(c.isolation_read.engines, DUET_ENGINE_TIFLASH);
    assert_int_equal(duet_config_set(&c, "performance.enforce-mpp", "ON", &err), 0);
    assert_true(c.performance.enforce_mpp);
    assert_int_equal(duet_config_set(&c, "port", "40x", &err), -1);
    assert_string_equal(err.msg,
                        "command line: configuration key 'port' must be an integer, not '40x'");
    assert_int_equal(duet_config_set(&c, "nope", "1", &err), -1);
    assert_string_equal(err.msg, "command line: unknown configuration key 'nope'");
}

static void test_example_file(void **state)
{
    (void)state;
    /* conf/duet.toml documents every option; it must load and equal the defaults. */
    const char *src = getenv("DUET_TEST_SRC");
    assert_non_null(src);
    char path[1024];
    snprintf(path, sizeof(path), "%s/conf/duet.toml", src);
    duet_config_t c, d;
    duet_err_t err = {0};
    duet_config_defaults(&c);
    duet_config_defaults(&d);
    if (duet_config_load_file(&c, path, &err) != 0)
        fail_msg("%s", err.msg);
    assert_memory_equal(&c, &d, sizeof(c));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),      cmocka_unit_test(test_isolation_read_engines),
        cmocka_unit_test(test_engines_parse), cmocka_unit_test(test_every_section),
        cmocka_unit_test(test_errors),        cmocka_unit_test(test_command_line),
        cmocka_unit_test(test_example_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
