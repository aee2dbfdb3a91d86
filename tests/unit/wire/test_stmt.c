/* test_stmt.c - unit tests for wire/stmt: COM_STMT_EXECUTE parameters of every type,
 * the offset-0 null bitmap, reuse of bound types, long data, and truncation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wire/codec.h"
#include "wire/protocol.h"
#include "wire/stmt.h"

static void head(duet_buf_t *b, uint32_t id)
{
    wire_put_u8(b, WIRE_COM_STMT_EXECUTE);
    wire_put_u32(b, id);
    wire_put_u8(b, 0);
    wire_put_u32(b, 1);
}

static void test_all_types(void **state)
{
    (void)state;
    enum { N = 12 };
    const uint16_t types[N] = {WIRE_TYPE_TINY,       WIRE_TYPE_SHORT | 0x8000, WIRE_TYPE_LONG,
                               WIRE_TYPE_LONGLONG,   WIRE_TYPE_FLOAT,          WIRE_TYPE_DOUBLE,
                               WIRE_TYPE_DATE,       WIRE_TYPE_DATETIME,       WIRE_TYPE_TIME,
                               WIRE_TYPE_NEWDECIMAL, WIRE_TYPE_BLOB,           WIRE_TYPE_NULL};
    duet_buf_t b = DUET_BUF_INIT;
    head(&b, 7);
    wire_put_u8(&b, 0x00); /* null bitmap: bit 11 (NULL type) need not be set */
    wire_put_u8(&b, 0x00);
    wire_put_u8(&b, 1);
    for (int i = 0; i < N; i++)
        wire_put_u16(&b, types[i]);
    wire_put_u8(&b, 0xFF);        /* tiny -1 */
    wire_put_u16(&b, 65535);      /* unsigned short */
    wire_put_u32(&b, 0xFFFFFFFE); /* long -2 */
    wire_put_u64(&b, 1ULL << 40);
    float f = 1.5f;
    uint32_t fb;
    memcpy(&fb, &f, 4);
    wire_put_u32(&b, fb);
    double d = -2.25;
    uint64_t db;
    memcpy(&db, &d, 8);
    wire_put_u64(&b, db);
    wire_put_bytes(&b, "\x04\xea\x07\x0b\x16", 5);
    wire_put_bytes(&b, "\x0b\xea\x07\x0b\x16\x01\x02\x03\x40\x42\x0f\x00", 12);
    wire_put_bytes(&b, "\x08\x01\x02\x00\x00\x00\x03\x04\x05", 9);
    wire_put_lenenc_str(&b, "12.50", 5);
    wire_put_lenenc_str(&b, "blob", 4);
    wire_stmt_params_t s;
    wire_stmt_params_init(&s, N);
    wire_stmt_execute_t ex;
    wire_param_t p[N];
    duet_err_t e = {0};
    assert_int_equal(wire_stmt_execute_parse((uint8_t *)b.data, b.len, &s, &ex, p, &e), 0);
    assert_int_equal(ex.stmt_id, 7);
    assert_int_equal(p[0].value.v.i, -1);
    assert_int_equal(p[1].value.kind, WIRE_VAL_UINT);
    assert_int_equal(p[1].value.v.u, 65535);
    assert_int_equal(p[2].value.v.i, -2);
    assert_true(p[3].value.v.i == (int64_t)(1ULL << 40));
    assert_true(p[4].value.v.d == 1.5);
    assert_true(p[5].value.v.d == -2.25);
    assert_int_equal(p[6].value.v.t.year, 2026);
    assert_int_equal(p[6].value.v.t.day, 22);
    assert_int_equal(p[7].value.v.t.second, 3);
    assert_int_equal(p[7].value.v.t.micro, 1000000);
    assert_true(p[8].value.v.t.neg);
    assert_int_equal(p[8].value.v.t.days, 2);
    assert_int_equal(p[8].value.v.t.second, 5);
    assert_int_equal(p[9].value.v.s.n, 5);
    assert_memory_equal(p[10].value.v.s.p, "blob", 4);
    assert_int_equal(p[11].value.kind, WIRE_VAL_NULL);

    /* Every truncation is 1835, never a crash. */
    for (size_t cut = 0; cut < b.len; cut++) {
        wire_stmt_params_t s2;
        wire_stmt_params_init(&s2, N);
        duet_err_t e2 = {0};
        assert_int_equal(wire_stmt_execute_parse((uint8_t *)b.data, cut, &s2, &ex, p, &e2), -1);
        assert_int_equal(e2.code, 1835);
        wire_stmt_params_free(&s2);
    }
    wire_stmt_params_free(&s);
    duet_buf_free(&b);
}

static void test_nulls_reuse_and_long_data(void **state)
{
    (void)state;
    wire_stmt_params_t s;
    wire_stmt_params_init(&s, 3);
    wire_param_t p[3];
    wire_stmt_execute_t ex;
    duet_err_t e = {0};
    /* No types known yet and new-params-bound = 0: error 1210. */
    duet_buf_t b = DUET_BUF_INIT;
    head(&b, 1);
    wire_put_u8(&b, 0);
    wire_put_u8(&b, 0);
    assert_int_equal(wire_stmt_execute_parse((uint8_t *)b.data, b.len, &s, &ex, p, &e), -1);
    assert_int_equal(e.code, 1210);
    /* Bind: param 1 NULL (bitmap offset 0), param 2 from long data. */
    duet_buf_reset(&b);
    head(&b, 1);
    wire_put_u8(&b, 0x02);
    wire_put_u8(&b, 1);
    wire_put_u16(&b, WIRE_TYPE_LONG);
    wire_put_u16(&b, WIRE_TYPE_LONG);
    wire_put_u16(&b, WIRE_TYPE_BLOB);
    wire_put_u32(&b, 5);
    duet_buf_append(&s.long_data[2], "part1part2", 10);
    s.has_long_data[2] = true;
    assert_int_equal(wire_stmt_execute_parse((uint8_t *)b.data, b.len, &s, &ex, p, &e), 0);
    assert_int_equal(p[0].value.v.i, 5);
    assert_int_equal(p[1].value.kind, WIRE_VAL_NULL);
    assert_int_equal(p[2].value.v.s.n, 10);
    wire_stmt_params_reset_long_data(&s);
    /* Re-execute without types: the previous ones are used. */
    duet_buf_reset(&b);
    head(&b, 1);
    wire_put_u8(&b, 0x00);
    wire_put_u8(&b, 0);
    wire_put_u32(&b, 1);
    wire_put_u32(&b, 2);
    wire_put_lenenc_str(&b, "x", 1);
    assert_int_equal(wire_stmt_execute_parse((uint8_t *)b.data, b.len, &s, &ex, p, &e), 0);
    assert_int_equal(p[1].value.v.i, 2);
    assert_memory_equal(p[2].value.v.s.p, "x", 1);
    /* An unknown type code is malformed. */
    duet_buf_reset(&b);
    head(&b, 1);
    wire_put_u8(&b, 0x00);
    wire_put_u8(&b, 1);
    wire_put_u16(&b, 100);
    wire_put_u16(&b, WIRE_TYPE_LONG);
    wire_put_u16(&b, WIRE_TYPE_LONG);
    wire_put_u32(&b, 1);
    wire_put_u32(&b, 1);
    wire_put_u32(&b, 1);
    assert_int_equal(wire_stmt_execute_parse((uint8_t *)b.data, b.len, &s, &ex, p, &e), -1);
    assert_int_equal(e.code, 1835);
    wire_stmt_params_free(&s);
    duet_buf_free(&b);
}

static void test_small_commands(void **state)
{
    (void)state;
    uint32_t id, rows;
    uint16_t param;
    const uint8_t *data;
    size_t n;
    duet_err_t e = {0};
    assert_int_equal(wire_stmt_id_parse((const uint8_t *)"\x19\x05\x00\x00\x00", 5, &id, &e), 0);
    assert_int_equal(id, 5);
    assert_int_equal(wire_stmt_id_parse((const uint8_t *)"\x19\x05", 2, &id, &e), -1);
    assert_int_equal(wire_long_data_parse((const uint8_t *)"\x18\x01\x00\x00\x00\x02\x00xyz", 10,
                                          &id, &param, &data, &n, &e),
                     0);
    assert_int_equal(param, 2);
    assert_int_equal(n, 3);
    assert_int_equal(wire_stmt_fetch_parse((const uint8_t *)"\x1c\x01\x00\x00\x00\x0a\x00\x00\x00",
                                           9, &id, &rows, &e),
                     0);
    assert_int_equal(rows, 10);
    duet_buf_t b = DUET_BUF_INIT;
    wire_prepare_ok_encode(1, 2, 3, 0, &b);
    assert_int_equal(b.len, 12);
    assert_memory_equal(b.data, "\x00\x01\x00\x00\x00\x02\x00\x03\x00\x00\x00\x00", 12);
    duet_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_types),
        cmocka_unit_test(test_nulls_reuse_and_long_data),
        cmocka_unit_test(test_small_commands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
