/* test_field_type.c - unit tests for types/field_type: defaults, printing, collation names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "types/field_type.h"

static void check_print(types_field_type_t ft, const char *want)
{
    duet_buf_t b = DUET_BUF_INIT;
    types_field_type_print(&ft, &b);
    assert_string_equal(b.data, want);
    duet_buf_free(&b);
}

static void test_print_numbers(void **state)
{
    (void)state;
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONG);
    check_print(ft, "int(11)");
    ft.flags |= TYPES_FLAG_UNSIGNED;
    ft.flen = TYPES_UNSPECIFIED;
    check_print(ft, "int(10) unsigned");
    ft = types_field_type_init(TYPES_TP_LONGLONG);
    ft.flags |= TYPES_FLAG_UNSIGNED;
    check_print(ft, "bigint(20) unsigned");
    ft = types_field_type_init(TYPES_TP_TINY);
    ft.flen = 1;
    check_print(ft, "tinyint(1)");
    ft = types_field_type_init(TYPES_TP_INT24);
    ft.flags |= TYPES_FLAG_UNSIGNED | TYPES_FLAG_ZEROFILL;
    ft.flen = 8;
    check_print(ft, "mediumint(8) unsigned zerofill");
    ft = types_field_type_init(TYPES_TP_NEWDECIMAL);
    check_print(ft, "decimal(10,0)");
    ft.flen = 15;
    ft.decimal = 2;
    check_print(ft, "decimal(15,2)");
    ft = types_field_type_init(TYPES_TP_DOUBLE);
    check_print(ft, "double");
    ft = types_field_type_init(TYPES_TP_FLOAT);
    ft.flen = 7;
    ft.decimal = 3;
    check_print(ft, "float(7,3)");
    ft = types_field_type_init(TYPES_TP_BIT);
    ft.flen = 8;
    check_print(ft, "bit(8)");
    check_print(types_field_type_init(TYPES_TP_YEAR), "year(4)");
}

static void test_print_strings_times(void **state)
{
    (void)state;
    types_field_type_t ft = types_field_type_init(TYPES_TP_VARCHAR);
    ft.flen = 255;
    check_print(ft, "varchar(255)");
    ft.collate = TYPES_COLL_BINARY;
    ft.flen = 16;
    check_print(ft, "varbinary(16)");
    ft = types_field_type_init(TYPES_TP_STRING);
    check_print(ft, "char(1)");
    ft.collate = TYPES_COLL_BINARY;
    check_print(ft, "binary(1)");
    ft = types_field_type_init(TYPES_TP_BLOB);
    check_print(ft, "text");
    ft.collate = TYPES_COLL_BINARY;
    check_print(ft, "blob");
    ft = types_field_type_init(TYPES_TP_LONG_BLOB);
    check_print(ft, "longtext");
    assert_int_equal(ft.flen, 4294967295LL);
    ft = types_field_type_init(TYPES_TP_DATETIME);
    check_print(ft, "datetime");
    ft.decimal = 6;
    check_print(ft, "datetime(6)");
    ft = types_field_type_init(TYPES_TP_TIMESTAMP);
    ft.decimal = 3;
    check_print(ft, "timestamp(3)");
    check_print(types_field_type_init(TYPES_TP_DATE), "date");
    check_print(types_field_type_init(TYPES_TP_TIME), "time");
    check_print(types_field_type_init(TYPES_TP_JSON), "json");
    static const char *const elems[] = {"a", "it's", "c"};
    ft = types_field_type_init(TYPES_TP_ENUM);
    ft.elems = elems;
    ft.n_elems = 3;
    check_print(ft, "enum('a','it''s','c')");
    ft.tp = TYPES_TP_SET;
    ft.n_elems = 1;
    check_print(ft, "set('a')");
}

static void test_collation_names(void **state)
{
    (void)state;
    assert_string_equal(types_collation_name(46), "utf8mb4_bin");
    assert_string_equal(types_charset_name(224), "utf8mb4");
    assert_string_equal(types_collation_name(63), "binary");
    assert_null(types_collation_name(999));
    assert_int_equal(types_collation_id("UTF8MB4_GENERAL_CI"), 45);
    assert_int_equal(types_collation_id("utf8mb3_bin"), 83);
    assert_int_equal(types_collation_id("nope"), -1);
    assert_int_equal(types_default_flen(TYPES_TP_SHORT, true), 5);
    assert_true(types_tp_is_integer(TYPES_TP_LONGLONG));
    assert_false(types_tp_is_integer(TYPES_TP_YEAR));
    assert_true(types_tp_is_string(TYPES_TP_VAR_STRING));
    assert_true(types_tp_is_time(TYPES_TP_TIMESTAMP));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_print_numbers),
        cmocka_unit_test(test_print_strings_times),
        cmocka_unit_test(test_collation_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
