/* test_chunk.c - unit tests for exec/chunk and exec/chunk_codec: every type, selection, memory,
 * the network encoding and its rejection of corrupt input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "exec/chunk.h"
#include "exec/chunk_codec.h"

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

enum { NCOLS = 12 };

static const char *const enum_elems[] = {"red", "green"};

static void schema(types_field_type_t *f)
{
    f[0] = ft(TYPES_TP_LONGLONG, 0, -1, -1);
    f[1] = ft(TYPES_TP_LONGLONG, TYPES_FLAG_UNSIGNED, -1, -1);
    f[2] = ft(TYPES_TP_DOUBLE, 0, -1, -1);
    f[3] = ft(TYPES_TP_FLOAT, 0, -1, -1);
    f[4] = ft(TYPES_TP_NEWDECIMAL, 0, 15, 2);
    f[5] = ft(TYPES_TP_DATE, 0, -1, -1);
    f[6] = ft(TYPES_TP_DATETIME, 0, -1, 3);
    f[7] = ft(TYPES_TP_TIME, 0, -1, 0);
    f[8] = ft(TYPES_TP_VARCHAR, 0, 20, -1);
    f[8].collate = TYPES_COLL_UTF8MB4_BIN;
    f[9] = ft(TYPES_TP_ENUM, 0, -1, -1);
    f[9].elems = enum_elems;
    f[9].n_elems = 2;
    f[10] = ft(TYPES_TP_BIT, 0, 8, -1);
    f[11] = ft(TYPES_TP_YEAR, TYPES_FLAG_UNSIGNED, -1, -1);
}

/* Row i of the test data: a NULL in column (i % NCOLS) of every 5th row. */
static void row_values(int i, types_datum_t *v)
{
    types_decimal_t d;
    char txt[32];
    snprintf(txt, sizeof(txt), "%d.%02d", i * 7 - 300, i % 100);
    types_dec_from_string(txt, strlen(txt), &d, NULL);
    mytime_t t = {2020, 1 + i % 12, 1 + i % 28, 0, 0, 0, 0};
    mytime_t dt = {1999, 12, 31, 23, 59, i % 60, 123000};
    static char strs[8][16];
    snprintf(strs[i % 8], 16, "s%d", i);
    v[0] = types_datum_int(-(int64_t)i * 1000003);
    v[1] = types_datum_uint(UINT64_MAX - (uint64_t)i);
    v[2] = types_datum_double(i * 0.25);
    v[3] = types_datum_float((float)i / 8);
    v[4] = types_datum_decimal(&d);
    v[5] = types_datum_time(&t, TYPES_TP_DATE, 0);
    v[6] = types_datum_time(&dt, TYPES_TP_DATETIME, 3);
    v[7] = types_datum_duration(-(int64_t)i * 1000000, 0);
    v[8] = i % 3 ? types_datum_string(strs[i % 8], strlen(strs[i % 8]), TYPES_COLL_UTF8MB4_BIN)
                 : types_datum_string("", 0, TYPES_COLL_UTF8MB4_BIN);
    v[9] = types_datum_enum(1 + i % 2, enum_elems[i % 2], strlen(enum_elems[i % 2]));
    v[10] = types_datum_bit((uint64_t)i & 0xff);
    v[11] = types_datum_uint(1901 + (uint64_t)i);
    if (i % 5 == 0)
        v[i % NCOLS] = types_datum_null();
}

static void text(const types_datum_t *d, char *out)
{
    duet_buf_t b = DUET_BUF_INIT;
    types_datum_to_text(d, &b);
    strcpy(out, b.data);
    duet_buf_free(&b);
}

static void check_row(const exec_chunk_t *c, uint32_t row, int i)
{
    types_datum_t want[NCOLS];
    row_values(i, want);
    for (int k = 0; k < NCOLS; k++) {
        types_datum_t got = exec_column_get_datum(&c->cols[k], row);
        char a[128], b[128];
        text(&got, a);
        text(&want[k], b);
        if (strcmp(a, b) != 0 || got.kind != want[k].kind)
            fail_msg("row %d col %d: got %s (kind %d) want %s (kind %d)", i, k, a, got.kind, b,
                     want[k].kind);
    }
}

static exec_chunk_t *fill(int n, uint32_t cap)
{
    types_field_type_t f[NCOLS];
    schema(f);
    exec_chunk_t *c = exec_chunk_new(f, NCOLS, cap);
    for (int i = 0; i < n; i++) {
        types_datum_t v[NCOLS];
        row_values(i, v);
        duet_err_t err;
        assert_int_equal(exec_chunk_append_row(c, v, &err), 0);
    }
    return c;
}

static void test_append_get_every_type(void **state)
{
    (void)state;
    exec_chunk_t *c = fill(3000, 16); /* grows past its capacity */
    assert_int_equal(exec_chunk_num_rows(c), 3000);
    assert_int_equal(exec_chunk_logical_rows(c), 3000);
    for (int i = 0; i < 3000; i++)
        check_row(c, (uint32_t)i, i);
    assert_true(exec_column_is_null(&c->cols[0], 0));
    assert_false(exec_column_is_null(&c->cols[0], 1));
    assert_true(exec_column_is_null(&c->cols[5], 5));
    assert_int_equal(exec_column_int(&c->cols[0], 2), -2000006);
    types_datum_t d = exec_column_get_datum(&c->cols[8], 4);
    assert_int_equal(d.kind, TYPES_K_STRING);
    assert_int_equal(d.collate, TYPES_COLL_UTF8MB4_BIN);
    assert_memory_equal(d.ptr, "s4", 2);
    size_t before = exec_chunk_mem_bytes(c);
    assert_true(before > 3000 * (8 * 8 + sizeof(types_decimal_t)));
    exec_chunk_reset(c);
    assert_int_equal(exec_chunk_num_rows(c), 0);
    assert_int_equal(exec_chunk_mem_bytes(c), before); /* memory kept for reuse */
    exec_chunk_free(c);
}

static void test_kind_mismatch(void **state)
{
    (void)state;
    types_field_type_t f = ft(TYPES_TP_LONGLONG, 0, -1, -1);
    exec_chunk_t *c = exec_chunk_new(&f, 1, 0);
    types_datum_t v = types_datum_string("x", 1, TYPES_COLL_BINARY);
    duet_err_t err;
    assert_int_equal(exec_chunk_append_row(c, &v, &err), -1);
    assert_int_equal(err.code, 1105);
    assert_string_equal(err.msg, "chunk: a value of kind 5 does not fit a bigint column");
    assert_int_equal(exec_chunk_num_rows(c), 0);
    exec_chunk_free(c);
}

static void test_selection(void **state)
{
    (void)state;
    exec_chunk_t *c = fill(10, 0);
    uint32_t rows[] = {1, 4, 9};
    exec_chunk_set_sel(c, rows, 3);
    assert_int_equal(exec_chunk_logical_rows(c), 3);
    assert_int_equal(exec_chunk_num_rows(c), 10);
    assert_int_equal(exec_chunk_row_at(c, 2), 9);
    types_field_type_t f[NCOLS];
    schema(f);
    exec_chunk_t *d = exec_chunk_new(f, NCOLS, 0);
    for (uint32_t i = 0; i < exec_chunk_logical_rows(c); i++)
        exec_chunk_append_from(d, c, exec_chunk_row_at(c, i));
    check_row(d, 0, 1);
    check_row(d, 1, 4);
    check_row(d, 2, 9);
    exec_chunk_clear_sel(c);
    assert_int_equal(exec_chunk_logical_rows(c), 10);
    exec_chunk_free(c);
    exec_chunk_free(d);
}

static void test_append_range(void **state)
{
    (void)state;
    exec_chunk_t *src = fill(1025, 0);
    exec_chunk_t *dst = fill(5, 0);
    exec_chunk_append_range(dst, src, 3, 1000);
    assert_int_equal(exec_chunk_num_rows(dst), 1005);
    for (int i = 0; i < 5; i++)
        check_row(dst, (uint32_t)i, i);
    for (int i = 0; i < 1000; i++)
        check_row(dst, (uint32_t)(5 + i), 3 + i);
    exec_chunk_free(src);
    exec_chunk_free(dst);
}

static void roundtrip(int n, size_t misalign, bool with_sel)
{
    exec_chunk_t *c = fill(n, 0);
    if (with_sel) {
        uint32_t *rows = malloc(sizeof(uint32_t) * (size_t)(n + 1));
        uint32_t m = 0;
        for (int i = 0; i < n; i += 3)
            rows[m++] = (uint32_t)i;
        exec_chunk_set_sel(c, rows, m);
        free(rows);
    }
    duet_buf_t b = DUET_BUF_INIT;
    exec_chunk_encode(c, &b);
    assert_int_equal(b.len % 8, 0);
    uint8_t *mem = malloc(b.len + 16);
    uint8_t *msg = mem + misalign;
    memcpy(msg, b.data, b.len);
    types_field_type_t f[NCOLS];
    schema(f);
    exec_chunk_t *d;
    duet_err_t err;
    assert_int_equal(exec_chunk_decode(msg, b.len, f, NCOLS, &d, &err), 0);
    int want = with_sel ? (n + 2) / 3 : n;
    assert_int_equal(exec_chunk_num_rows(d), want);
    for (int i = 0; i < want; i++)
        check_row(d, (uint32_t)i, with_sel ? i * 3 : i);
    if (misalign == 0) {
        assert_int_equal(d->cols[0].owned, 0); /* zero copy */
        assert_ptr_equal(d->cols[0].nulls, msg + 32);
        assert_int_equal(exec_chunk_mem_bytes(d), sizeof(*d) + NCOLS * sizeof(exec_column_t));
    } else {
        assert_int_equal(d->cols[0].owned, 1);
    }
    /* appending to a decoded chunk copies first */
    types_datum_t v[NCOLS];
    row_values(n, v);
    assert_int_equal(exec_chunk_append_row(d, v, &err), 0);
    check_row(d, (uint32_t)want, n);
    exec_chunk_free(d);
    exec_chunk_free(c);
    duet_buf_free(&b);
    free(mem);
}

static void test_codec_roundtrip(void **state)
{
    (void)state;
    roundtrip(0, 0, false);
    roundtrip(1, 0, false);
    roundtrip(1025, 0, false);
    roundtrip(100, 3, false);
    roundtrip(100, 0, true);
    roundtrip(7, 5, true);
}

static int decode_err(const uint8_t *msg, size_t len, char *msgout)
{
    types_field_type_t f[NCOLS];
    schema(f);
    exec_chunk_t *d = (exec_chunk_t *)1;
    duet_err_t err;
    int rc = exec_chunk_decode(msg, len, f, NCOLS, &d, &err);
    if (rc == 0) {
        exec_chunk_free(d);
        return 0;
    }
    assert_null(d);
    assert_int_equal(err.code, 1105);
    if (msgout)
        strcpy(msgout, err.msg);
    return rc;
}

static void test_codec_rejects_corrupt(void **state)
{
    (void)state;
    exec_chunk_t *c = fill(40, 0);
    duet_buf_t b = DUET_BUF_INIT;
    exec_chunk_encode(c, &b);
    uint8_t *msg = malloc(b.len + 8);
    memcpy(msg, b.data, b.len);
    char m[600];
    /* every truncation is refused */
    for (size_t len = 0; len < b.len; len++)
        assert_int_equal(decode_err(msg, len, NULL), -1);
    assert_int_equal(decode_err(msg, b.len, NULL), 0);
    /* trailing bytes */
    memset(msg + b.len, 0, 8);
    assert_int_equal(decode_err(msg, b.len + 8, m), -1);
    assert_string_equal(m, "chunk decode: 8 trailing bytes");
    /* magic, column count */
    msg[0] = 'X';
    assert_int_equal(decode_err(msg, b.len, m), -1);
    assert_string_equal(m, "chunk decode: not a chunk message");
    msg[0] = 'D';
    msg[4] = 11;
    assert_int_equal(decode_err(msg, b.len, m), -1);
    assert_string_equal(m, "chunk decode: 11 columns, the schema has 12");
    msg[4] = NCOLS;
    /* a class that does not match the schema */
    msg[16] = EXEC_COL_STRING;
    assert_int_equal(decode_err(msg, b.len, m), -1);
    assert_string_equal(m, "chunk decode: column class does not match the schema (column 0)");
    msg[16] = EXEC_COL_INT;
    /* every single-byte corruption either decodes or is refused, never crashes */
    for (size_t i = 0; i < b.len; i++) {
        uint8_t keep = msg[i];
        msg[i] ^= 0xA5;
        (void)decode_err(msg, b.len, NULL);
        msg[i] = keep;
    }
    assert_int_equal(decode_err(msg, b.len, NULL), 0);
    free(msg);
    duet_buf_free(&b);
    exec_chunk_free(c);
}

static void test_codec_bad_offsets_and_decimals(void **state)
{
    (void)state;
    types_field_type_t f[2] = {ft(TYPES_TP_VARCHAR, 0, 10, -1), ft(TYPES_TP_NEWDECIMAL, 0, 10, 2)};
    exec_chunk_t *c = exec_chunk_new(f, 2, 0);
    types_decimal_t d = types_dec_from_int64(5);
    types_datum_t v[2] = {types_datum_string("abc", 3, TYPES_COLL_UTF8MB4_BIN),
                          types_datum_decimal(&d)};
    duet_err_t err;
    assert_int_equal(exec_chunk_append_row(c, v, &err), 0);
    assert_int_equal(exec_chunk_append_row(c, v, &err), 0);
    duet_buf_t b = DUET_BUF_INIT;
    exec_chunk_encode(c, &b);
    uint8_t *msg = malloc(b.len);
    memcpy(msg, b.data, b.len);
    exec_chunk_t *out;
    /* column 0: header 16, col header 16, bitmap 8, offsets at 40: 0, 3, 6 */
    uint32_t o;
    memcpy(&o, msg + 44, 4);
    assert_int_equal(o, 3);
    o = 7;
    memcpy(msg + 44, &o, 4);
    assert_int_equal(exec_chunk_decode(msg, b.len, f, 2, &out, &err), -1);
    assert_string_equal(err.msg, "chunk decode: offsets go backwards (column 0)");
    o = 3;
    memcpy(msg + 44, &o, 4);
    o = 9;
    memcpy(msg + 48, &o, 4);
    assert_int_equal(exec_chunk_decode(msg, b.len, f, 2, &out, &err), -1);
    assert_string_equal(err.msg, "chunk decode: offsets do not end at the data length (column 0)");
    o = 6;
    memcpy(msg + 48, &o, 4);
    /* column 1 starts at 40 + 16 (offsets) + 8 (data) = 64; data at 64 + 16 + 8 = 88 */
    size_t frac_at = 88 + offsetof(types_decimal_t, frac);
    msg[frac_at] = 31;
    assert_int_equal(exec_chunk_decode(msg, b.len, f, 2, &out, &err), -1);
    assert_string_equal(err.msg, "chunk decode: invalid decimal value (column 1)");
    msg[frac_at] = 0;
    msg[88 + offsetof(types_decimal_t, neg)] = 2;
    assert_int_equal(exec_chunk_decode(msg, b.len, f, 2, &out, &err), -1);
    msg[88 + offsetof(types_decimal_t, neg)] = 0;
    assert_int_equal(exec_chunk_decode(msg, b.len, f, 2, &out, &err), 0);
    types_datum_t g = exec_column_get_datum(&out->cols[1], 1);
    assert_int_equal(types_dec_cmp(&g.dec, &d), 0);
    exec_chunk_free(out);
    free(msg);
    duet_buf_free(&b);
    exec_chunk_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_get_every_type),
        cmocka_unit_test(test_kind_mismatch),
        cmocka_unit_test(test_selection),
        cmocka_unit_test(test_append_range),
        cmocka_unit_test(test_codec_roundtrip),
        cmocka_unit_test(test_codec_rejects_corrupt),
        cmocka_unit_test(test_codec_bad_offsets_and_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
