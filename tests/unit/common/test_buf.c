/* test_buf.c - unit tests for common/buf (buffers, slices) and common/err. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "common/buf.h"
#include "common/err.h"
#include "common/mem.h"

static void test_buf_grow(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        duet_buf_printf(&b, "%d,", i);
    assert_int_equal(b.len, strlen(b.data));
    assert_memory_equal(b.data, "0,1,2,", 6);
    assert_string_equal(b.data + b.len - 4, "999,");
    duet_buf_truncate(&b, 2);
    assert_string_equal(b.data, "0,");
    duet_buf_putc(&b, 'x');
    duet_buf_append(&b, "\0y", 2);
    assert_int_equal(b.len, 5);
    assert_memory_equal(b.data, "0,x\0y", 5);
    duet_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    duet_buf_free(&b);
    assert_null(b.data);
}

static void test_buf_detach(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    char *empty = duet_buf_detach(&b);
    assert_string_equal(empty, "");
    duet_free(empty);
    duet_buf_puts(&b, "hello");
    char *s = duet_buf_detach(&b);
    assert_string_equal(s, "hello");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    duet_free(s);
}

static void test_str(void **state)
{
    (void)state;
    assert_true(duet_str_eq(DUET_STR("abc"), duet_str_from("abc")));
    assert_false(duet_str_eq(DUET_STR("abc"), DUET_STR("abd")));
    assert_true(duet_str_eq_ci(DUET_STR("TiFlash"), DUET_STR("tiflash")));
    assert_false(duet_str_eq_ci(DUET_STR("tikv"), DUET_STR("tikv ")));
    duet_str_t t = duet_str_trim(DUET_STR("  \t tikv \n"));
    assert_int_equal(t.len, 4);
    assert_memory_equal(t.ptr, "tikv", 4);
    assert_int_equal(duet_str_trim(DUET_STR("   ")).len, 0);
}

static void test_err_table(void **state)
{
    (void)state;
    duet_err_t e = {0};
    assert_false(duet_err_is_set(&e));
    assert_int_equal(duet_err_set(&e, ER_NO_SUCH_TABLE, "test", "t"), -1);
    assert_int_equal(e.code, 1146);
    assert_string_equal(e.sqlstate, "42S02");
    assert_string_equal(e.msg, "Table 'test.t' doesn't exist");
    assert_true(duet_err_is_set(&e));
    assert_int_equal(DUET_ERRNO(ER_WRONG_VALUE_FOR_VAR), 1231);
    assert_string_equal(DUET_SQLSTATE(ER_WRONG_VALUE_FOR_VAR), "42000");
    duet_err_set(&e, ER_WRONG_VALUE_FOR_VAR, "tidb_isolation_read_engines", "xyz");
    assert_string_equal(
        e.msg, "Variable 'tidb_isolation_read_engines' can't be set to the value of 'xyz'");
    duet_err_set(&e, ER_GENERIC, "custom %d", 7);
    assert_int_equal(e.code, 1105);
    assert_string_equal(e.msg, "custom 7");
    duet_err_t copy;
    assert_int_equal(duet_err_copy(&copy, &e), -1);
    assert_string_equal(copy.msg, "custom 7");
    duet_err_clear(&e);
    assert_false(duet_err_is_set(&e));
    assert_int_equal(duet_err_set(NULL, ER_EMPTY_QUERY), -1);
}

static void test_err_truncates_on_utf8_boundary(void **state)
{
    (void)state;
    /* 600 bytes of two-byte characters: the cut must not split one. */
    char big[601];
    for (int i = 0; i < 600; i += 2) {
        big[i] = (char)0xC3;
        big[i + 1] = (char)0xA9;
    }
    big[600] = '\0';
    duet_err_t e;
    duet_err_set(&e, ER_UNKNOWN_ERROR, big);
    size_t n = strlen(e.msg);
    assert_true(n <= DUET_ERRMSG_SIZE - 1);
    assert_int_equal(n % 2, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_grow),
        cmocka_unit_test(test_buf_detach),
        cmocka_unit_test(test_str),
        cmocka_unit_test(test_err_table),
        cmocka_unit_test(test_err_truncates_on_utf8_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
