/* test_arith.c - unit tests for types/arith: result types and overflow-checked arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "types/arith.h"

static void check_type(types_arith_op_t op, types_field_type_t a, types_field_type_t b,
                       types_sqlmode_t mode, const char *want)
{
    types_field_type_t r;
    types_arith_result_type(op, &a, &b, TYPES_DIV_PRECISION_INCREMENT, mode, &r);
    duet_buf_t s = DUET_BUF_INIT;
    types_field_type_print(&r, &s);
    if (strcmp(s.data, want) != 0)
        fail_msg("op %d: got %s want %s", op, s.data, want);
    duet_buf_free(&s);
}

static types_field_type_t ft(uint8_t tp, uint32_t flags, int64_t flen, int dec)
{
    types_field_type_t f = types_field_type_init(tp);
    f.flags |= flags;
    if (flen >= 0)
        f.flen = flen;
    if (dec >= 0)
        f.decimal = dec;
    return f;
}

static void test_result_types(void **state)
{
    (void)state;
    types_field_type_t i = ft(TYPES_TP_LONG, 0, -1, -1);
    types_field_type_t u = ft(TYPES_TP_LONGLONG, TYPES_FLAG_UNSIGNED, -1, -1);
    types_field_type_t d = ft(TYPES_TP_NEWDECIMAL, 0, 10, 2);
    types_field_type_t f = ft(TYPES_TP_DOUBLE, 0, -1, -1);
    types_field_type_t s = ft(TYPES_TP_VARCHAR, 0, 10, -1);
    types_field_type_t dt = ft(TYPES_TP_DATETIME, 0, -1, 3);
    check_type(TYPES_ARITH_PLUS, i, i, 0, "bigint(20)");
    check_type(TYPES_ARITH_PLUS, i, u, 0, "bigint(20) unsigned");
    check_type(TYPES_ARITH_MINUS, u, u, 0, "bigint(20) unsigned");
    check_type(TYPES_ARITH_MINUS, u, u, TYPES_MODE_NO_UNSIGNED_SUBTRACTION, "bigint(20)");
    check_type(TYPES_ARITH_MOD, i, u, 0, "bigint(20)");
    check_type(TYPES_ARITH_DIV, i, i, 0, "decimal(14,4)");
    check_type(TYPES_ARITH_DIV, d, i, 0, "decimal(14,6)");
    check_type(TYPES_ARITH_PLUS, d, i, 0, "decimal(13,2)");
    check_type(TYPES_ARITH_MUL, d, d, 0, "decimal(20,4)");
    check_type(TYPES_ARITH_PLUS, f, i, 0, "double(22,31)");
    check_type(TYPES_ARITH_MUL, s, i, 0, "double(22,31)");
    check_type(TYPES_ARITH_INTDIV, d, f, 0, "bigint(20)");
    check_type(TYPES_ARITH_PLUS, dt, i, 0, "decimal(18,3)");
}

static void test_int_arith(void **state)
{
    (void)state;
    int64_t r;
    bool uns;
    assert_int_equal(types_int_arith(TYPES_ARITH_PLUS, INT64_MAX, false, 1, false, 0, &r, &uns),
                     TYPES_OUT_OF_RANGE);
    assert_false(uns);
    duet_err_t e;
    types_out_of_range_err(&e, "BIGINT", "(9223372036854775807 + 1)");
    assert_int_equal(e.code, 1690);
    assert_string_equal(e.sqlstate, "22003");
    assert_string_equal(e.msg, "BIGINT value is out of range in '(9223372036854775807 + 1)'");
    assert_int_equal(types_int_arith(TYPES_ARITH_MINUS, 1, true, 2, true, 0, &r, &uns),
                     TYPES_OUT_OF_RANGE);
    assert_true(uns);
    assert_int_equal(types_int_arith(TYPES_ARITH_MINUS, 1, true, 2, true,
                                     TYPES_MODE_NO_UNSIGNED_SUBTRACTION, &r, &uns),
                     TYPES_OK);
    assert_int_equal(r, -1);
    assert_int_equal(types_int_arith(TYPES_ARITH_PLUS, -1, false, 1, true, 0, &r, &uns), TYPES_OK);
    assert_true(uns && r == 0);
    assert_int_equal(types_int_arith(TYPES_ARITH_PLUS, -5, false, 3, true, 0, &r, &uns),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(
        types_int_arith(TYPES_ARITH_PLUS, (int64_t)UINT64_MAX - 1, true, 1, false, 0, &r, &uns),
        TYPES_OK);
    assert_true((uint64_t)r == UINT64_MAX);
    assert_int_equal(types_int_arith(TYPES_ARITH_MUL, -1, true, 2, false, 0, &r, &uns),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(types_int_arith(TYPES_ARITH_MUL, -1, true, -1, true, 0, &r, &uns),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(
        types_int_arith(TYPES_ARITH_MUL, 3037000499, false, 3037000499, false, 0, &r, &uns),
        TYPES_OK);
    assert_true(r == 9223372030926249001);
    assert_int_equal(types_int_arith(TYPES_ARITH_MUL, INT64_MIN, false, -1, false, 0, &r, &uns),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(types_int_arith(TYPES_ARITH_INTDIV, 7, false, 0, false, 0, &r, &uns),
                     TYPES_DIV_ZERO);
    assert_int_equal(types_int_arith(TYPES_ARITH_INTDIV, -7, false, 2, false, 0, &r, &uns),
                     TYPES_OK);
    assert_int_equal(r, -3);
    assert_int_equal(types_int_arith(TYPES_ARITH_INTDIV, INT64_MIN, false, -1, false, 0, &r, &uns),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(types_int_arith(TYPES_ARITH_MOD, -7, false, 2, false, 0, &r, &uns), TYPES_OK);
    assert_int_equal(r, -1);
    assert_int_equal(types_int_arith(TYPES_ARITH_MOD, 7, false, -2, false, 0, &r, &uns), TYPES_OK);
    assert_int_equal(r, 1);
    assert_int_equal(types_int_arith(TYPES_ARITH_MOD, 7, false, 0, false, 0, &r, &uns),
                     TYPES_DIV_ZERO);
    assert_int_equal(types_int_arith(TYPES_ARITH_MOD, -1, true, 10, false, 0, &r, &uns), TYPES_OK);
    assert_true(uns && r == 5); /* 18446744073709551615 % 10 */
    assert_int_equal(types_int_arith(TYPES_ARITH_DIV, 1, false, 1, false, 0, &r, &uns),
                     TYPES_BAD_VALUE);
}

static void test_double_arith(void **state)
{
    (void)state;
    double r;
    assert_int_equal(types_double_arith(TYPES_ARITH_MUL, 1e308, 10, &r), TYPES_OUT_OF_RANGE);
    assert_int_equal(types_double_arith(TYPES_ARITH_DIV, 1, 0, &r), TYPES_DIV_ZERO);
    assert_int_equal(types_double_arith(TYPES_ARITH_MOD, 1, 0, &r), TYPES_DIV_ZERO);
    assert_int_equal(types_double_arith(TYPES_ARITH_MOD, -7.5, 2, &r), TYPES_OK);
    assert_true(r == -1.5);
    assert_int_equal(types_double_arith(TYPES_ARITH_PLUS, 0.1, 0.2, &r), TYPES_OK);
    assert_true(r == 0.1 + 0.2);
    assert_int_equal(types_double_arith(TYPES_ARITH_MINUS, 1, 3, &r), TYPES_OK);
    assert_true(r == -2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_types),
        cmocka_unit_test(test_int_arith),
        cmocka_unit_test(test_double_arith),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
