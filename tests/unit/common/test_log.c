/* test_log.c - unit tests for common/log: the one-line record format, levels, escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DUET_LOG_MODULE "unit"
#include "common/log.h"

static char log_path[64];

static char *read_log(void)
{
    FILE *f = fopen(log_path, "r");
    assert_non_null(f);
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int setup(void **state)
{
    (void)state;
    snprintf(log_path, sizeof(log_path), "/tmp/duet-unit-log-%ld", (long)getpid());
    unlink(log_path);
    return duet_log_open(log_path, DUET_LOG_INFO);
}

static int teardown(void **state)
{
    (void)state;
    duet_log_close();
    unlink(log_path);
    return 0;
}

static void test_format_and_levels(void **state)
{
    (void)state;
    log_debug("hidden %d", 1);
    log_info("hello %s", "world");
    log_warn("line one\nline two");
    duet_log_set_level(DUET_LOG_DEBUG);
    log_debug("shown");
    duet_log_set_level(DUET_LOG_ERROR);
    log_warn("hidden too");
    log_error("bad\x01thing");
    duet_log_set_level(DUET_LOG_INFO);

    char *text = read_log();
    regex_t re;
    assert_int_equal(regcomp(&re,
                             "^\\[[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3} "
                             "[+-][0-9]{2}:[0-9]{2}\\] \\[INFO\\] \\[unit\\] \\[thread=[0-9]+\\] "
                             "hello world$",
                             REG_EXTENDED | REG_NEWLINE),
                     0);
    assert_int_equal(regexec(&re, text, 0, NULL, 0), 0);
    regfree(&re);
    assert_non_null(strstr(text, "[WARN] [unit]"));
    assert_non_null(strstr(text, "line one\\nline two\n"));
    assert_non_null(strstr(text, "[DEBUG] [unit]"));
    assert_non_null(strstr(text, "] shown\n"));
    assert_non_null(strstr(text, "bad\\x01thing\n"));
    assert_null(strstr(text, "hidden"));
    int lines = 0;
    for (char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 4);
}

static void test_level_parse(void **state)
{
    (void)state;
    duet_log_level_t l;
    assert_int_equal(duet_log_level_parse("Debug", &l), 0);
    assert_int_equal(l, DUET_LOG_DEBUG);
    assert_int_equal(duet_log_level_parse("warning", &l), 0);
    assert_int_equal(l, DUET_LOG_WARN);
    assert_int_equal(duet_log_level_parse("fatal", &l), 0);
    assert_int_equal(l, DUET_LOG_FATAL);
    assert_int_equal(duet_log_level_parse("verbose", &l), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_and_levels),
        cmocka_unit_test(test_level_parse),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
