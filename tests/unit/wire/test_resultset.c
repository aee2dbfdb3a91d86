/* test_resultset.c - unit tests for wire/resultset and wire/response: column definitions,
 * text and binary rows, OK/ERR/EOF and the CLIENT_DEPRECATE_EOF terminator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wire/codec.h"
#include "wire/protocol.h"
#include "wire/response.h"
#include "wire/resultset.h"

static void test_column_definition(void **state)
{
    (void)state;
    wire_column_t c = {.schema = "test",
                       .table = "t1",
                       .org_table = "t",
                       .name = "a",
                       .org_name = "id",
                       .charset = 63,
                       .length = 11,
                       .type = WIRE_TYPE_LONG,
                       .flags = WIRE_FLAG_NOT_NULL | WIRE_FLAG_PRI_KEY | WIRE_FLAG_NUM,
                       .decimals = 0};
    duet_buf_t b = DUET_BUF_INIT;
    wire_column_encode(&c, false, &b);
    const char expect[] = "\x03"
                          "def"
                          "\x04"
                          "test"
                          "\x02"
                          "t1"
                          "\x01"
                          "t"
                          "\x01"
                          "a"
                          "\x02"
                          "id"
                          "\x0c"
                          "\x3f\x00"
                          "\x0b\x00\x00\x00"
                          "\x03"
                          "\x03\x80"
                          "\x00"
                          "\x00\x00";
    assert_int_equal(b.len, sizeof(expect) - 1);
    assert_memory_equal(b.data, expect, b.len);
    duet_buf_reset(&b);
    wire_column_encode(&c, true, &b);
    assert_int_equal(b.len, sizeof(expect));
    assert_int_equal(b.data[b.len - 1], 0);
    duet_buf_free(&b);
}

static void test_text_row(void **state)
{
    (void)state;
    wire_column_t cols[6] = {
        {.type = WIRE_TYPE_LONGLONG}, {.type = WIRE_TYPE_VAR_STRING},
        {.type = WIRE_TYPE_DOUBLE},   {.type = WIRE_TYPE_DATETIME, .decimals = 3},
        {.type = WIRE_TYPE_TIME},     {.type = WIRE_TYPE_LONGLONG}};
    wire_value_t v[6] = {{0}};
    v[0].kind = WIRE_VAL_INT;
    v[0].v.i = -42;
    v[1].kind = WIRE_VAL_NULL;
    v[2].kind = WIRE_VAL_DOUBLE;
    v[2].v.d = 0.1;
    v[3].kind = WIRE_VAL_TIME;
    v[3].v.t = (wire_time_t){
        .year = 2026, .month = 11, .day = 22, .hour = 3, .minute = 4, .second = 5, .micro = 123456};
    v[4].kind = WIRE_VAL_TIME;
    v[4].v.t = (wire_time_t){.days = 1, .hour = 2, .minute = 3, .second = 4, .neg = true};
    v[5].kind = WIRE_VAL_UINT;
    v[5].v.u = UINT64_MAX;
    duet_buf_t b = DUET_BUF_INIT;
    wire_text_row_encode(cols, v, 6, &b);
    const char expect[] = "\x03-42"
                          "\xfb"
                          "\x03"
                          "0.1"
                          "\x17"
                          "2026-11-22 03:04:05.123"
                          "\x09"
                          "-26:03:04"
                          "\x14"
                          "18446744073709551615";
    assert_int_equal(b.len, sizeof(expect) - 1);
    assert_memory_equal(b.data, expect, b.len);
    duet_buf_free(&b);
}

static void test_double_format(void **state)
{
    (void)state;
    char out[64];
    wire_double_format(1.5, false, out, sizeof(out));
    assert_string_equal(out, "1.5");
    wire_double_format(1e20, false, out, sizeof(out));
    assert_string_equal(out, "1e20");
    wire_double_format(0.30000000000000004, false, out, sizeof(out));
    assert_string_equal(out, "0.30000000000000004");
    wire_double_format((float)0.1, true, out, sizeof(out));
    assert_string_equal(out, "0.1");
}

static void test_binary_row_null_bitmap(void **state)
{
    (void)state;
    /* 10 columns; NULL in columns 0, 5 and 9: bits 2, 7 and 11 (offset 2). */
    wire_column_t cols[10];
    wire_value_t v[10];
    memset(cols, 0, sizeof(cols));
    memset(v, 0, sizeof(v));
    for (int i = 0; i < 10; i++) {
        cols[i].type = WIRE_TYPE_TINY;
        v[i].kind = (i == 0 || i == 5 || i == 9) ? WIRE_VAL_NULL : WIRE_VAL_INT;
        v[i].v.i = i;
    }
    duet_buf_t b = DUET_BUF_INIT;
    duet_err_t e = {0};
    assert_int_equal(wire_binary_row_encode(cols, v, 10, &b, &e), 0);
    assert_int_equal(b.len, 1 + 2 + 7);
    assert_int_equal((uint8_t)b.data[0], 0);
    assert_int_equal((uint8_t)b.data[1], 0x84);
    assert_int_equal((uint8_t)b.data[2], 0x08);
    assert_memory_equal(b.data + 3, "\x01\x02\x03\x04\x06\x07\x08", 7);
    duet_buf_free(&b);
}

static void test_binary_values(void **state)
{
    (void)state;
    wire_column_t cols[7] = {{.type = WIRE_TYPE_SHORT},     {.type = WIRE_TYPE_LONG},
                             {.type = WIRE_TYPE_LONGLONG},  {.type = WIRE_TYPE_DOUBLE},
                             {.type = WIRE_TYPE_DATE},      {.type = WIRE_TYPE_DATETIME},
                             {.type = WIRE_TYPE_VAR_STRING}};
    wire_value_t v[7];
    memset(v, 0, sizeof(v));
    v[0].kind = WIRE_VAL_INT;
    v[0].v.i = -2;
    v[1].kind = WIRE_VAL_INT;
    v[1].v.i = 0x01020304;
    v[2].kind = WIRE_VAL_UINT;
    v[2].v.u = 1;
    v[3].kind = WIRE_VAL_DOUBLE;
    v[3].v.d = 1.0;
    v[4].kind = WIRE_VAL_TIME;
    v[4].v.t = (wire_time_t){.year = 2000, .month = 1, .day = 2};
    v[5].kind = WIRE_VAL_TIME;
    v[5].v.t = (wire_time_t){.year = 2000, .month = 1, .day = 2, .hour = 3, .micro = 5};
    v[6].kind = WIRE_VAL_BYTES;
    v[6].v.s.p = "hey";
    v[6].v.s.n = 3;
    duet_buf_t b = DUET_BUF_INIT;
    duet_err_t e = {0};
    assert_int_equal(wire_binary_row_encode(cols, v, 7, &b, &e), 0);
    const char expect[] = "\x00"
                          "\x00\x00"
                          "\xfe\xff"
                          "\x04\x03\x02\x01"
                          "\x01\x00\x00\x00\x00\x00\x00\x00"
                          "\x00\x00\x00\x00\x00\x00\xf0\x3f"
                          "\x04\xd0\x07\x01\x02"
                          "\x0b\xd0\x07\x01\x02\x03\x00\x00\x05\x00\x00\x00"
                          "\x03hey";
    assert_int_equal(b.len, sizeof(expect) - 1);
    assert_memory_equal(b.data, expect, b.len);
    /* A string value in a DATE column is a caller bug reported as an error. */
    v[4].kind = WIRE_VAL_BYTES;
    assert_int_equal(wire_binary_row_encode(cols, v, 7, &b, &e), -1);
    assert_int_equal(e.code, 1105);
    duet_buf_free(&b);
}

static void test_ok_err_eof(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    wire_ok_t ok = {.affected_rows = 300,
                    .last_insert_id = 7,
                    .status = 2,
                    .warnings = 1,
                    .info = "Rows matched: 1"};
    wire_ok_encode(&ok, &b);
    const char ok_expect[] = "\x00\xfc\x2c\x01\x07\x02\x00\x01\x00\x0fRows matched: 1";
    assert_int_equal(b.len, sizeof(ok_expect) - 1);
    assert_memory_equal(b.data, ok_expect, b.len);
    duet_buf_reset(&b);
    duet_err_t e = {0};
    duet_err_set(&e, ER_ACCESS_DENIED_ERROR, "u", "127.0.0.1", "YES");
    wire_err_encode(&e, &b);
    const char err_expect[] = "\xff\x15\x04#28000Access denied for user 'u'@'127.0.0.1' "
                              "(using password: YES)";
    assert_int_equal(b.len, sizeof(err_expect) - 1);
    assert_memory_equal(b.data, err_expect, b.len);
    duet_buf_reset(&b);
    wire_result_end_encode(0, 3, 0x22, &b);
    assert_int_equal(b.len, 5);
    assert_memory_equal(b.data, "\xfe\x03\x00\x22\x00", 5);
    duet_buf_reset(&b);
    wire_result_end_encode(WIRE_CLIENT_DEPRECATE_EOF, 3, 0x22, &b);
    assert_int_equal(b.len, 7);
    assert_memory_equal(b.data, "\xfe\x00\x00\x22\x00\x03\x00", 7);
    duet_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_definition), cmocka_unit_test(test_text_row),
        cmocka_unit_test(test_double_format),     cmocka_unit_test(test_binary_row_null_bitmap),
        cmocka_unit_test(test_binary_values),     cmocka_unit_test(test_ok_err_eof),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
