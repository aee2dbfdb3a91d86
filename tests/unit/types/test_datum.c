/* test_datum.c - unit tests for types/convert and types/datum: conversions, comparison, casts,
 * warnings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types/convert.h"
#include "types/datum.h"

static void test_str_to_number(void **state)
{
    (void)state;
    double d;
    assert_int_equal(types_str_to_double(" 1.5e3", 6, &d), TYPES_OK);
    assert_true(d == 1500);
    assert_int_equal(types_str_to_double("1.5abc", 6, &d), TYPES_TRUNCATED);
    assert_true(d == 1.5);
    assert_int_equal(types_str_to_double("1e", 2, &d), TYPES_TRUNCATED);
    assert_true(d == 1);
    assert_int_equal(types_str_to_double("abc", 3, &d), TYPES_BAD_VALUE);
    assert_true(d == 0);
    assert_int_equal(types_str_to_double("", 0, &d), TYPES_BAD_VALUE);
    assert_int_equal(types_str_to_double("-.5 ", 4, &d), TYPES_OK);
    assert_true(d == -0.5);
    assert_int_equal(types_str_to_double("1e999", 5, &d), TYPES_OUT_OF_RANGE);
    assert_true(d == DBL_MAX);
    int64_t i;
    uint64_t u;
    assert_int_equal(types_str_to_int64(" -42", 4, &i), TYPES_OK);
    assert_int_equal(i, -42);
    assert_int_equal(types_str_to_int64("1.9", 3, &i), TYPES_TRUNCATED);
    assert_int_equal(i, 1);
    assert_int_equal(types_str_to_int64("12abc", 5, &i), TYPES_TRUNCATED);
    assert_int_equal(i, 12);
    assert_int_equal(types_str_to_int64("x", 1, &i), TYPES_BAD_VALUE);
    assert_int_equal(types_str_to_int64("9223372036854775808", 19, &i), TYPES_OUT_OF_RANGE);
    assert_true(i == INT64_MAX);
    assert_int_equal(types_str_to_int64("-9223372036854775808", 20, &i), TYPES_OK);
    assert_true(i == INT64_MIN);
    assert_int_equal(types_str_to_int64("-99999999999999999999", 21, &i), TYPES_OUT_OF_RANGE);
    assert_true(i == INT64_MIN);
    assert_int_equal(types_str_to_uint64("18446744073709551615", 20, &u), TYPES_OK);
    assert_true(u == UINT64_MAX);
    assert_int_equal(types_str_to_uint64("18446744073709551616", 20, &u), TYPES_OUT_OF_RANGE);
    assert_int_equal(types_str_to_uint64("-1", 2, &u), TYPES_OUT_OF_RANGE);
    assert_int_equal(u, 0);
    assert_int_equal(types_double_to_int64(2.5, &i), TYPES_OK);
    assert_int_equal(i, 2);
    assert_int_equal(types_double_to_int64(3.5, &i), TYPES_OK);
    assert_int_equal(i, 4);
    assert_int_equal(types_double_to_int64(-2.5, &i), TYPES_OK);
    assert_int_equal(i, -2);
    assert_int_equal(types_double_to_int64(1e19, &i), TYPES_OUT_OF_RANGE);
    assert_true(i == INT64_MAX);
    assert_int_equal(types_double_to_uint64(-1, &u), TYPES_OUT_OF_RANGE);
    assert_int_equal(types_double_to_int64(NAN, &i), TYPES_OUT_OF_RANGE);
}

static void check_fmt(double v, int is_float, const char *want)
{
    char buf[TYPES_DOUBLE_STR_MAX];
    types_double_format(v, is_float, buf);
    assert_string_equal(buf, want);
}

static void test_double_format(void **state)
{
    (void)state;
    check_fmt(0.1, 0, "0.1");
    check_fmt(0.1 + 0.2, 0, "0.30000000000000004");
    check_fmt(1e15, 0, "1e15");
    check_fmt(1e14, 0, "100000000000000");
    check_fmt(123456789012345678.0, 0, "1.2345678901234568e17");
    check_fmt(0.00001, 0, "0.00001");
    check_fmt(1e-7, 0, "1e-7");
    check_fmt(-1.5, 0, "-1.5");
    check_fmt(0, 0, "0");
    check_fmt(-0.0, 0, "0");
    check_fmt(100, 0, "100");
    check_fmt(1e301, 0, "1e301");
    check_fmt(0.1f, 1, "0.1");
    check_fmt(3.14159274f, 1, "3.14159");
    check_fmt(16777216.0f, 1, "16777200");
    check_fmt(1e-7f, 1, "1e-7");
    check_fmt(DBL_MAX, 0, "1.7976931348623157e308");
}

static types_datum_t str(const char *s)
{
    return types_datum_string(s, strlen(s), TYPES_COLL_UTF8MB4_BIN);
}

static int cmp(types_datum_t a, types_datum_t b)
{
    types_status_t st = TYPES_OK;
    return types_datum_cmp(&a, &b, &st);
}

static void test_compare(void **state)
{
    (void)state;
    assert_int_equal(cmp(types_datum_int(-1), types_datum_uint(UINT64_MAX)), -1);
    assert_int_equal(cmp(types_datum_uint(UINT64_MAX), types_datum_int(INT64_MAX)), 1);
    assert_int_equal(cmp(types_datum_int(INT64_MAX), types_datum_double(9223372036854775807.0)),
                     -1);
    assert_int_equal(cmp(types_datum_int(3), types_datum_double(3.0)), 0);
    types_decimal_t d;
    types_dec_from_string("2.50", 4, &d, NULL);
    assert_int_equal(cmp(types_datum_decimal(&d), types_datum_double(2.5)), 0);
    assert_int_equal(cmp(types_datum_int(2), types_datum_decimal(&d)), -1);
    assert_int_equal(cmp(types_datum_uint(3), types_datum_decimal(&d)), 1);
    /* Strings against numbers compare as DOUBLE, with a warning for junk. */
    types_datum_t a = str("10"), b = types_datum_int(9);
    types_status_t st = TYPES_OK;
    assert_int_equal(types_datum_cmp(&a, &b, &st), 1);
    assert_int_equal(st, TYPES_OK);
    a = str("abc");
    b = types_datum_int(0);
    assert_int_equal(types_datum_cmp(&a, &b, &st), 0);
    assert_int_equal(st, TYPES_BAD_VALUE);
    assert_int_equal(cmp(str("1e1"), types_datum_int(10)), 0);
    assert_int_equal(cmp(str("10"), str("9")), -1); /* as strings */
    types_datum_t ci = types_datum_string("ABC", 3, TYPES_COLL_UTF8MB4_GENERAL_CI);
    assert_int_equal(cmp(ci, str("abc")), 0);
    assert_int_equal(cmp(str("abc"), ci), 1); /* a's collation */
    assert_int_equal(cmp(ci, types_datum_string("abc", 3, TYPES_COLL_BINARY)), -1); /* bytes */
    assert_int_equal(cmp(str("abc"), types_datum_string("ABC", 3, TYPES_COLL_UTF8MB4_BIN)), 1);
    /* Times against strings and numbers. */
    mytime_t t = {2020, 1, 2, 0, 0, 0, 0};
    types_datum_t dt = types_datum_time(&t, TYPES_TP_DATE, 0);
    assert_int_equal(cmp(dt, str("2020-01-02")), 0);
    assert_int_equal(cmp(dt, str("2020-1-2")), 0);
    assert_int_equal(cmp(str("2020-01-01"), dt), -1);
    assert_int_equal(cmp(dt, types_datum_int(20200102)), 0);
    assert_int_equal(cmp(dt, types_datum_int(20200103)), -1);
    types_datum_t du = types_datum_duration(3600000000LL, 0);
    assert_int_equal(cmp(du, str("01:00:00")), 0);
    assert_int_equal(cmp(du, types_datum_int(5959)), 1);
    /* NULL and bounds. */
    assert_int_equal(cmp(types_datum_null(), types_datum_int(INT64_MIN)), -1);
    assert_int_equal(cmp(types_datum_null(), types_datum_null()), 0);
    types_datum_t mn = {.kind = TYPES_K_MIN}, mx = {.kind = TYPES_K_MAX};
    assert_int_equal(cmp(mn, types_datum_int(INT64_MIN)), -1);
    assert_int_equal(cmp(mx, str("zzz")), 1);
    assert_int_equal(cmp(types_datum_null(), mn), -1);
    /* ENUM by name against strings, by index against numbers. */
    types_datum_t en = types_datum_enum(2, "b", 1);
    assert_int_equal(cmp(en, str("b")), 0);
    assert_int_equal(cmp(en, types_datum_int(2)), 0);
    assert_int_equal(cmp(en, types_datum_int(1)), 1);
    assert_int_equal(cmp(types_datum_bit(5), types_datum_int(5)), 0);
}

static void check_text(types_datum_t d, const char *want)
{
    duet_buf_t b = DUET_BUF_INIT;
    types_datum_to_text(&d, &b);
    assert_string_equal(b.data, want);
    duet_buf_free(&b);
}

static types_status_t cast(types_datum_t in, uint8_t tp, uint32_t flags, int64_t flen, int dec,
                           const char *want, duet_arena_t *a)
{
    types_field_type_t ft = types_field_type_init(tp);
    ft.flags |= flags;
    if (flen != -2)
        ft.flen = flen;
    if (dec != -2)
        ft.decimal = dec;
    types_datum_t out;
    types_status_t st = types_datum_cast(&in, &ft, TYPES_MODE_DEFAULT, a, &out);
    duet_buf_t b = DUET_BUF_INIT;
    types_datum_to_text(&out, &b);
    if (strcmp(b.data, want) != 0)
        fail_msg("cast to %d: got '%s' want '%s'", tp, b.data, want);
    duet_buf_free(&b);
    return st;
}

static void test_cast(void **state)
{
    (void)state;
    duet_arena_t *a = duet_arena_create(0);
    /* Integers. */
    assert_int_equal(cast(types_datum_int(300), TYPES_TP_TINY, 0, -2, -2, "127", a),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(cast(types_datum_int(-129), TYPES_TP_TINY, 0, -2, -2, "-128", a),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(cast(types_datum_int(-1), TYPES_TP_LONG, TYPES_FLAG_UNSIGNED, -2, -2, "0", a),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(
        cast(types_datum_uint(UINT64_MAX), TYPES_TP_LONGLONG, 0, -2, -2, "9223372036854775807", a),
        TYPES_OUT_OF_RANGE);
    assert_int_equal(cast(types_datum_double(2.5), TYPES_TP_LONG, 0, -2, -2, "2", a), TYPES_OK);
    types_decimal_t d;
    types_dec_from_string("2.5", 3, &d, NULL);
    assert_int_equal(cast(types_datum_decimal(&d), TYPES_TP_LONG, 0, -2, -2, "3", a), TYPES_OK);
    assert_int_equal(cast(str("12abc"), TYPES_TP_LONG, 0, -2, -2, "12", a), TYPES_TRUNCATED);
    assert_int_equal(cast(str("abc"), TYPES_TP_LONG, 0, -2, -2, "0", a), TYPES_BAD_VALUE);
    assert_int_equal(cast(str("65535"), TYPES_TP_SHORT, TYPES_FLAG_UNSIGNED, -2, -2, "65535", a),
                     TYPES_OK);
    assert_int_equal(cast(types_datum_null(), TYPES_TP_LONG, 0, -2, -2, "NULL", a), TYPES_OK);
    mytime_t t = {2020, 1, 2, 3, 4, 5, 500000};
    assert_int_equal(cast(types_datum_time(&t, TYPES_TP_DATETIME, 1), TYPES_TP_LONGLONG, 0, -2, -2,
                          "20200102030406", a),
                     TYPES_OK);
    /* Reals and decimals. */
    assert_int_equal(cast(str("1.5x"), TYPES_TP_DOUBLE, 0, -2, -2, "1.5", a), TYPES_TRUNCATED);
    assert_int_equal(cast(types_datum_double(1e39), TYPES_TP_FLOAT, 0, -2, -2, "3.40282e38", a),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(cast(types_datum_double(123.456), TYPES_TP_FLOAT, 0, 5, 2, "123.46", a),
                     TYPES_OK);
    assert_int_equal(cast(types_datum_double(1234.5), TYPES_TP_DOUBLE, 0, 5, 2, "999.99", a),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(cast(str("123.456"), TYPES_TP_NEWDECIMAL, 0, 5, 2, "123.46", a),
                     TYPES_TRUNCATED);
    assert_int_equal(cast(str("1234"), TYPES_TP_NEWDECIMAL, 0, 5, 2, "999.99", a),
                     TYPES_OUT_OF_RANGE);
    assert_int_equal(cast(types_datum_int(7), TYPES_TP_NEWDECIMAL, 0, 5, 2, "7.00", a), TYPES_OK);
    assert_int_equal(cast(types_datum_double(0.1), TYPES_TP_NEWDECIMAL, 0, 10, 3, "0.100", a),
                     TYPES_OK);
    assert_int_equal(cast(types_datum_time(&t, TYPES_TP_DATETIME, 6), TYPES_TP_NEWDECIMAL, 0, 21, 6,
                          "20200102030405.500000", a),
                     TYPES_OK);
    /* Strings. */
    assert_int_equal(cast(str("héllo"), TYPES_TP_VARCHAR, 0, 3, -2, "hél", a), TYPES_TRUNCATED);
    assert_int_equal(cast(str("ab   "), TYPES_TP_VARCHAR, 0, 3, -2, "ab ", a), TYPES_OK);
    assert_int_equal(cast(types_datum_int(-12), TYPES_TP_VARCHAR, 0, 10, -2, "-12", a), TYPES_OK);
    assert_int_equal(cast(types_datum_double(0.5), TYPES_TP_VARCHAR, 0, 10, -2, "0.5", a),
                     TYPES_OK);
    types_field_type_t bin = types_field_type_init(TYPES_TP_STRING);
    bin.collate = TYPES_COLL_BINARY;
    bin.flen = 4;
    types_datum_t in = str("ab"), out;
    assert_int_equal(types_datum_cast(&in, &bin, 0, a, &out), TYPES_OK);
    assert_int_equal(out.len, 4);
    assert_memory_equal(out.ptr, "ab\0\0", 4);
    /* Times. */
    assert_int_equal(cast(str("2020-01-02 03:04:05.678"), TYPES_TP_DATETIME, 0, -2, 2,
                          "2020-01-02 03:04:05.68", a),
                     TYPES_OK);
    assert_int_equal(cast(str("0000-00-00"), TYPES_TP_DATE, 0, -2, -2, "0000-00-00", a),
                     TYPES_ZERO_DATE);
    assert_int_equal(cast(str("2020-02-30"), TYPES_TP_DATE, 0, -2, -2, "0000-00-00", a),
                     TYPES_BAD_VALUE);
    assert_int_equal(cast(types_datum_int(20200102), TYPES_TP_DATE, 0, -2, -2, "2020-01-02", a),
                     TYPES_OK);
    types_dec_from_string("20200102030405.25", 17, &d, NULL);
    assert_int_equal(
        cast(types_datum_decimal(&d), TYPES_TP_DATETIME, 0, -2, 1, "2020-01-02 03:04:05.3", a),
        TYPES_OK);
    assert_int_equal(
        cast(types_datum_time(&t, TYPES_TP_DATETIME, 6), TYPES_TP_DATE, 0, -2, -2, "2020-01-02", a),
        TYPES_TRUNCATED);
    assert_int_equal(cast(str("12:34:56.5"), TYPES_TP_TIME, 0, -2, 0, "12:34:57", a), TYPES_OK);
    assert_int_equal(cast(types_datum_int(-123456), TYPES_TP_TIME, 0, -2, 0, "-12:34:56", a),
                     TYPES_OK);
    assert_int_equal(cast(types_datum_time(&t, TYPES_TP_DATETIME, 6), TYPES_TP_TIME, 0, -2, 3,
                          "03:04:05.500", a),
                     TYPES_OK);
    assert_int_equal(cast(types_datum_double(123456.5), TYPES_TP_TIME, 0, -2, 1, "12:34:56.5", a),
                     TYPES_OK);
    assert_int_equal(cast(str("99"), TYPES_TP_YEAR, 0, -2, -2, "1999", a), TYPES_OK);
    assert_int_equal(cast(types_datum_int(2156), TYPES_TP_YEAR, 0, -2, -2, "0", a),
                     TYPES_OUT_OF_RANGE);
    /* ENUM, SET, BIT. */
    static const char *const elems[] = {"a", "b", "c"};
    types_field_type_t en = types_field_type_init(TYPES_TP_ENUM);
    en.elems = elems;
    en.n_elems = 3;
    en.collate = TYPES_COLL_UTF8MB4_GENERAL_CI;
    in = str("B");
    assert_int_equal(types_datum_cast(&in, &en, 0, a, &out), TYPES_OK);
    assert_int_equal(out.u, 2);
    check_text(out, "b");
    in = str("z");
    assert_int_equal(types_datum_cast(&in, &en, 0, a, &out), TYPES_BAD_VALUE);
    assert_int_equal(out.u, 0);
    in = types_datum_int(3);
    assert_int_equal(types_datum_cast(&in, &en, 0, a, &out), TYPES_OK);
    check_text(out, "c");
    en.tp = TYPES_TP_SET;
    in = str("c,a");
    assert_int_equal(types_datum_cast(&in, &en, 0, a, &out), TYPES_OK);
    assert_int_equal(out.u, 5);
    check_text(out, "a,c");
    in = str("a,x");
    assert_int_equal(types_datum_cast(&in, &en, 0, a, &out), TYPES_BAD_VALUE);
    in = types_datum_int(6);
    assert_int_equal(types_datum_cast(&in, &en, 0, a, &out), TYPES_OK);
    check_text(out, "b,c");
    assert_int_equal(cast(types_datum_int(5), TYPES_TP_BIT, 0, 3, -2, "5", a), TYPES_OK);
    assert_int_equal(cast(types_datum_int(9), TYPES_TP_BIT, 0, 3, -2, "7", a), TYPES_OUT_OF_RANGE);
    assert_int_equal(cast(str("\x01\x02"), TYPES_TP_BIT, 0, 16, -2, "258", a), TYPES_OK);
    /* JSON. */
    assert_int_equal(cast(str("{\"b\":[1,2.5],\"a\":null}"), TYPES_TP_JSON, 0, -2, -2,
                          "{\"a\": null, \"b\": [1, 2.5]}", a),
                     TYPES_OK);
    assert_int_equal(cast(str("{bad"), TYPES_TP_JSON, 0, -2, -2, "null", a), TYPES_BAD_VALUE);
    assert_int_equal(cast(types_datum_int(-5), TYPES_TP_JSON, 0, -2, -2, "-5", a), TYPES_OK);
    assert_int_equal(cast(types_datum_double(2), TYPES_TP_JSON, 0, -2, -2, "2.0", a), TYPES_OK);
    assert_int_equal(
        cast(types_datum_time(&t, TYPES_TP_DATE, 0), TYPES_TP_JSON, 0, -2, -2, "\"2020-01-02\"", a),
        TYPES_OK);
    types_field_type_t jft = types_field_type_init(TYPES_TP_JSON);
    in = str("[1, 2]");
    types_datum_t j1, j2;
    assert_int_equal(types_datum_cast(&in, &jft, 0, a, &j1), TYPES_OK);
    in = str("[1,2]");
    assert_int_equal(types_datum_cast(&in, &jft, 0, a, &j2), TYPES_OK);
    assert_int_equal(types_datum_cmp(&j1, &j2, NULL), 0);
    assert_true(types_datum_hash(&j1, 3) == types_datum_hash(&j2, 3));
    in = str("42");
    assert_int_equal(types_datum_cast(&in, &jft, 0, a, &j1), TYPES_OK);
    assert_int_equal(cast(j1, TYPES_TP_LONG, 0, -2, -2, "42", a), TYPES_OK);
    assert_int_equal(cast(j2, TYPES_TP_VARCHAR, 0, 20, -2, "[1, 2]", a), TYPES_OK);
    duet_arena_destroy(a);
}

/* CAST(string AS SIGNED/UNSIGNED/DECIMAL(10,3)/DOUBLE) generated with MariaDB
 * (data/cast_cases.txt). */
static void test_cast_file(void **state)
{
    (void)state;
    char path[1024];
    const char *src = getenv("DUET_TEST_SRC");
    snprintf(path, sizeof path, "%s/tests/unit/types/data/cast_cases.txt", src ? src : ".");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    duet_arena_t *a = duet_arena_create(0);
    char line[512];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *in = strchr(line, '\t');
        *in++ = '\0';
        char *want = strchr(in, '\t');
        *want++ = '\0';
        char got[128];
        size_t len = strlen(in);
        if (strcmp(line, "signed") == 0) {
            uint64_t u;
            types_str_cast_int(in, len, &u);
            snprintf(got, sizeof got, "%lld", (long long)(int64_t)u);
        } else if (strcmp(line, "unsigned") == 0) {
            uint64_t u;
            types_str_cast_int(in, len, &u);
            snprintf(got, sizeof got, "%llu", (unsigned long long)u);
        } else if (strcmp(line, "double") == 0) {
            double d;
            types_str_to_double(in, len, &d);
            types_double_format(d, 0, got);
        } else {
            types_field_type_t ft = types_field_type_init(TYPES_TP_NEWDECIMAL);
            ft.flen = 10;
            ft.decimal = 3;
            types_datum_t s = str(in), out;
            types_datum_cast(&s, &ft, 0, a, &out);
            types_dec_to_string(&out.dec, got);
        }
        if (strcmp(got, want) != 0) {
            printf("MISMATCH %s '%s': got %s want %s\n", line, in, got, want);
            bad++;
        }
        n++;
    }
    fclose(f);
    duet_arena_destroy(a);
    assert_int_equal(bad, 0);
    assert_int_equal(n, 2400);
}

static types_datum_t mk_datum(const char *kind, const char *v, duet_arena_t *a)
{
    size_t n = strlen(v);
    mytime_t t;
    if (strcmp(kind, "int") == 0)
        return types_datum_int(strtoll(v, NULL, 10));
    if (strcmp(kind, "double") == 0)
        return types_datum_double(strtod(v, NULL));
    if (strcmp(kind, "decimal") == 0) {
        types_decimal_t d;
        types_dec_from_string(v, n, &d, NULL);
        return types_datum_decimal(&d);
    }
    if (strcmp(kind, "date") == 0 || strcmp(kind, "datetime") == 0) {
        bool date = kind[4] == '\0';
        assert_int_equal(mytime_parse(v, n, date ? MYTIME_DATE : MYTIME_DATETIME, 6, 0, &t),
                         TYPES_OK);
        return types_datum_time(&t, date ? TYPES_TP_DATE : TYPES_TP_DATETIME, date ? 0 : 6);
    }
    if (strcmp(kind, "time") == 0) {
        int64_t dur;
        assert_int_equal(mytime_dur_parse(v, n, 6, &dur), TYPES_OK);
        return types_datum_duration(dur, 6);
    }
    return types_datum_string(duet_arena_strdup(a, v), n, TYPES_COLL_UTF8MB4_BIN);
}

/* Cross-type comparison signs generated with MariaDB (data/compare_cases.txt). */
static void test_compare_file(void **state)
{
    (void)state;
    char path[1024];
    const char *src = getenv("DUET_TEST_SRC");
    snprintf(path, sizeof path, "%s/tests/unit/types/data/compare_cases.txt", src ? src : ".");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    duet_arena_t *a = duet_arena_create(0);
    char line[512];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *field[5];
        field[0] = line;
        for (int i = 1; i < 5; i++) {
            field[i] = strchr(field[i - 1], '\t');
            assert_non_null(field[i]);
            *field[i]++ = '\0';
        }
        types_datum_t x = mk_datum(field[0], field[1], a), y = mk_datum(field[2], field[3], a);
        int got = types_datum_cmp(&x, &y, NULL), want = atoi(field[4]);
        if (got != want) {
            printf("MISMATCH %s '%s' vs %s '%s': got %d want %d\n", field[0], field[1], field[2],
                   field[3], got, want);
            bad++;
        }
        n++;
    }
    fclose(f);
    duet_arena_destroy(a);
    assert_int_equal(bad, 0);
    assert_true(n > 900);
}

/* A column type from its SQL text (the few the insert cases use). */
static types_field_type_t parse_type(const char *t)
{
    static const char *const ab[] = {"a", "b"}, *const abc[] = {"a", "b", "c"};
    types_field_type_t ft;
    if (strncmp(t, "tinyint", 7) == 0)
        ft = types_field_type_init(TYPES_TP_TINY);
    else if (strncmp(t, "smallint", 8) == 0)
        ft = types_field_type_init(TYPES_TP_SHORT);
    else if (strncmp(t, "int", 3) == 0)
        ft = types_field_type_init(TYPES_TP_LONG);
    else if (strncmp(t, "bigint", 6) == 0)
        ft = types_field_type_init(TYPES_TP_LONGLONG);
    else if (strncmp(t, "decimal", 7) == 0)
        ft = types_field_type_init(TYPES_TP_NEWDECIMAL);
    else if (strncmp(t, "float", 5) == 0)
        ft = types_field_type_init(TYPES_TP_FLOAT);
    else if (strncmp(t, "double", 6) == 0)
        ft = types_field_type_init(TYPES_TP_DOUBLE);
    else if (strncmp(t, "varchar", 7) == 0)
        ft = types_field_type_init(TYPES_TP_VARCHAR);
    else if (strncmp(t, "varbinary", 9) == 0) {
        ft = types_field_type_init(TYPES_TP_VARCHAR);
        ft.collate = TYPES_COLL_BINARY;
    } else if (strncmp(t, "char", 4) == 0)
        ft = types_field_type_init(TYPES_TP_STRING);
    else if (strncmp(t, "datetime", 8) == 0)
        ft = types_field_type_init(TYPES_TP_DATETIME);
    else if (strncmp(t, "date", 4) == 0)
        ft = types_field_type_init(TYPES_TP_DATE);
    else if (strncmp(t, "time", 4) == 0)
        ft = types_field_type_init(TYPES_TP_TIME);
    else if (strncmp(t, "year", 4) == 0)
        ft = types_field_type_init(TYPES_TP_YEAR);
    else if (strncmp(t, "bit", 3) == 0)
        ft = types_field_type_init(TYPES_TP_BIT);
    else if (strncmp(t, "enum", 4) == 0) {
        ft = types_field_type_init(TYPES_TP_ENUM);
        ft.elems = ab;
        ft.n_elems = 2;
        ft.collate = TYPES_COLL_UTF8MB4_GENERAL_CI;
    } else {
        ft = types_field_type_init(TYPES_TP_SET);
        ft.elems = abc;
        ft.n_elems = 3;
        ft.collate = TYPES_COLL_UTF8MB4_GENERAL_CI;
    }
    const char *paren = strchr(t, '(');
    if (paren && ft.tp != TYPES_TP_ENUM && ft.tp != TYPES_TP_SET) {
        int m = 0, d = -1;
        if (sscanf(paren, "(%d,%d)", &m, &d) < 1)
            m = 0;
        if (ft.tp == TYPES_TP_DATETIME || ft.tp == TYPES_TP_TIME) {
            ft.decimal = m;
        } else {
            ft.flen = m;
            if (d >= 0)
                ft.decimal = d;
        }
    }
    if (strstr(t, "unsigned"))
        ft.flags |= TYPES_FLAG_UNSIGNED;
    if (strstr(t, "zerofill"))
        ft.flags |= TYPES_FLAG_ZEROFILL | TYPES_FLAG_UNSIGNED;
    return ft;
}

/* An SQL literal as the datum the parser would make. */
static types_datum_t parse_literal(const char *l, duet_arena_t *a)
{
    size_t n = strlen(l);
    if (l[0] == '\'')
        return types_datum_string(duet_arena_strndup(a, l + 1, n - 2), n - 2,
                                  TYPES_COLL_UTF8MB4_GENERAL_CI);
    if (strchr(l, 'e'))
        return types_datum_double(strtod(l, NULL));
    types_decimal_t d;
    types_dec_from_string(l, n, &d, NULL);
    int64_t i;
    if (!strchr(l, '.') && types_dec_to_int64(&d, &i) == TYPES_OK)
        return types_datum_int(i);
    return types_datum_decimal(&d);
}

/* INSERT with sql_mode='' generated with MariaDB (data/insert_cases.txt): the
 * stored value and the first warning code. */
static void test_insert_file(void **state)
{
    (void)state;
    char path[1024];
    const char *src = getenv("DUET_TEST_SRC");
    snprintf(path, sizeof path, "%s/tests/unit/types/data/insert_cases.txt", src ? src : ".");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    duet_arena_t *a = duet_arena_create(0);
    char line[512];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *field[5];
        field[0] = line;
        for (int i = 1; i < 4; i++) {
            field[i] = strchr(field[i - 1], '\t');
            assert_non_null(field[i]);
            *field[i]++ = '\0';
        }
        field[4] = strchr(field[3], '\t');
        if (field[4])
            *field[4]++ = '\0';
        types_field_type_t ft = parse_type(field[0]);
        types_datum_t in = parse_literal(field[1], a), out;
        types_status_t st = types_datum_cast(&in, &ft, 0, a, &out);
        int code = 0;
        if (st != TYPES_OK) {
            duet_err_t e;
            types_cast_warning(st, &in, &ft, "c", 1, 0, &e);
            code = e.code;
        }
        duet_buf_t got = DUET_BUF_INIT;
        if (!types_datum_format_column(&out, &ft, &got))
            duet_buf_puts(&got, "NULL");
        char shown[256];
        if (ft.tp == TYPES_TP_BIT || types_ft_is_binary_string(&ft)) {
            size_t o = 0;
            bool lead = true;
            for (size_t k = 0; k < got.len; k++) {
                if (lead && got.data[k] == 0 && ft.tp == TYPES_TP_BIT && k + 1 < got.len)
                    continue;
                o += (size_t)snprintf(shown + o, sizeof shown - o,
                                      lead && ft.tp == TYPES_TP_BIT ? "%X" : "%02X",
                                      (unsigned char)got.data[k]);
                lead = false;
            }
            shown[o] = '\0';
        } else {
            snprintf(shown, sizeof shown, "%s", got.data ? got.data : "");
        }
        if (strcmp(shown, field[3]) != 0 || code != atoi(field[2])) {
            printf("MISMATCH %s <- %s: got %d '%s' want %s '%s'\n", field[0], field[1], code, shown,
                   field[2], field[3]);
            bad++;
        }
        duet_buf_free(&got);
        n++;
    }
    fclose(f);
    duet_arena_destroy(a);
    assert_int_equal(bad, 0);
    assert_int_equal(n, 520);
}

static void test_warnings(void **state)
{
    (void)state;
    duet_err_t e;
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONGLONG);
    types_datum_t in = str("x1");
    types_cast_warning(TYPES_BAD_VALUE, &in, &ft, NULL, 0, TYPES_MODE_DEFAULT, &e);
    assert_int_equal(e.code, 1292);
    assert_string_equal(e.msg, "Truncated incorrect INTEGER value: 'x1'");
    ft = types_field_type_init(TYPES_TP_DOUBLE);
    types_cast_warning(TYPES_TRUNCATED, &in, &ft, NULL, 0, TYPES_MODE_DEFAULT, &e);
    assert_string_equal(e.msg, "Truncated incorrect DOUBLE value: 'x1'");
    types_cast_warning(TYPES_BAD_VALUE, &in, &ft, "c", 3, TYPES_MODE_DEFAULT, &e);
    assert_int_equal(e.code, 1366);
    assert_string_equal(e.msg, "Incorrect double value: 'x1' for column 'c' at row 3");
    assert_string_equal(e.sqlstate, "HY000");
    ft = types_field_type_init(TYPES_TP_DATETIME);
    types_cast_warning(TYPES_BAD_VALUE, &in, &ft, NULL, 0, TYPES_MODE_DEFAULT, &e);
    assert_int_equal(e.code, 1292);
    assert_string_equal(e.msg, "Incorrect datetime value: 'x1'");
    ft = types_field_type_init(TYPES_TP_DATE);
    types_cast_warning(TYPES_ZERO_DATE, &in, &ft, "d", 1, TYPES_MODE_DEFAULT, &e);
    assert_string_equal(e.msg, "Incorrect date value: 'x1' for column 'd' at row 1");
    ft = types_field_type_init(TYPES_TP_TINY);
    in = types_datum_int(300);
    types_cast_warning(TYPES_OUT_OF_RANGE, &in, &ft, "t", 2, TYPES_MODE_DEFAULT, &e);
    assert_int_equal(e.code, 1264);
    assert_string_equal(e.msg, "Out of range value for column 't' at row 2");
    assert_string_equal(e.sqlstate, "22003");
    ft = types_field_type_init(TYPES_TP_VARCHAR);
    ft.flen = 2;
    in = str("abc");
    types_cast_warning(TYPES_TRUNCATED, &in, &ft, "v", 1, TYPES_MODE_DEFAULT, &e);
    assert_int_equal(e.code, 1406);
    assert_string_equal(e.msg, "Data too long for column 'v' at row 1");
    types_cast_warning(TYPES_TRUNCATED, &in, &ft, NULL, 0, TYPES_MODE_DEFAULT, &e);
    assert_string_equal(e.msg, "Truncated incorrect CHAR(2) value: 'abc'");
    ft = types_field_type_init(TYPES_TP_NEWDECIMAL);
    in = types_datum_double(1.234);
    types_cast_warning(TYPES_TRUNCATED, &in, &ft, "n", 4, TYPES_MODE_DEFAULT, &e);
    assert_int_equal(e.code, 1265);
    assert_string_equal(e.msg, "Data truncated for column 'n' at row 4");
    types_cast_warning(TYPES_DIV_ZERO, &in, &ft, NULL, 0, TYPES_MODE_DEFAULT, &e);
    assert_int_equal(e.code, 1365);
    assert_string_equal(e.msg, "Division by 0");
}

static void check_col(types_datum_t d, types_field_type_t ft, const char *want, size_t n)
{
    duet_buf_t b = DUET_BUF_INIT;
    assert_true(types_datum_format_column(&d, &ft, &b));
    assert_int_equal(b.len, n);
    assert_memory_equal(b.data, want, n);
    duet_buf_free(&b);
}

/* Text protocol values per column type (checked against MariaDB's output). */
static void test_format_column(void **state)
{
    (void)state;
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONG);
    ft.flags |= TYPES_FLAG_ZEROFILL | TYPES_FLAG_UNSIGNED;
    ft.flen = 5;
    check_col(types_datum_uint(42), ft, "00042", 5);
    check_col(types_datum_uint(123456), ft, "123456", 6);
    ft = types_field_type_init(TYPES_TP_DOUBLE);
    ft.flen = 10;
    ft.decimal = 2;
    check_col(types_datum_double(1.5), ft, "1.50", 4);
    check_col(types_datum_double(-2), ft, "-2.00", 5);
    ft = types_field_type_init(TYPES_TP_FLOAT);
    check_col(types_datum_float(3.14159274f), ft, "3.14159", 7);
    ft = types_field_type_init(TYPES_TP_DOUBLE);
    check_col(types_datum_double(1e20), ft, "1e20", 4);
    ft = types_field_type_init(TYPES_TP_YEAR);
    check_col(types_datum_int(0), ft, "0000", 4);
    check_col(types_datum_int(2024), ft, "2024", 4);
    ft = types_field_type_init(TYPES_TP_BIT);
    ft.flen = 10;
    check_col(types_datum_bit(1023), ft, "\x03\xff", 2);
    ft = types_field_type_init(TYPES_TP_NEWDECIMAL);
    ft.flen = 6;
    ft.decimal = 2;
    ft.flags |= TYPES_FLAG_ZEROFILL;
    types_decimal_t d;
    types_dec_from_string("3.50", 4, &d, NULL);
    check_col(types_datum_decimal(&d), ft, "0003.50", 7);
    ft = types_field_type_init(TYPES_TP_DATETIME);
    ft.decimal = 3;
    mytime_t t = {2020, 1, 2, 3, 4, 5, 678900};
    check_col(types_datum_time(&t, TYPES_TP_DATETIME, 6), ft, "2020-01-02 03:04:05.678", 23);
    types_datum_t nul = types_datum_null();
    duet_buf_t b = DUET_BUF_INIT;
    assert_false(types_datum_format_column(&nul, &ft, &b));
    assert_int_equal(b.len, 0);
}

static void test_truth_copy(void **state)
{
    (void)state;
    types_status_t st = TYPES_OK;
    types_datum_t d = types_datum_null();
    assert_int_equal(types_datum_truth(&d, &st), -1);
    d = types_datum_int(0);
    assert_int_equal(types_datum_truth(&d, &st), 0);
    d = types_datum_double(0.001);
    assert_int_equal(types_datum_truth(&d, &st), 1);
    types_decimal_t z = types_dec_zero(2);
    d = types_datum_decimal(&z);
    assert_int_equal(types_datum_truth(&d, &st), 0);
    d = str("0.0");
    assert_int_equal(types_datum_truth(&d, &st), 0);
    assert_int_equal(st, TYPES_OK);
    d = str("abc");
    assert_int_equal(types_datum_truth(&d, &st), 0);
    assert_int_equal(st, TYPES_BAD_VALUE);
    d = str("2x");
    assert_int_equal(types_datum_truth(&d, NULL), 1);
    mytime_t t = {0, 0, 0, 0, 0, 0, 0};
    d = types_datum_time(&t, TYPES_TP_DATE, 0);
    assert_int_equal(types_datum_truth(&d, NULL), 0);
    d = types_datum_duration(-1, 6);
    assert_int_equal(types_datum_truth(&d, NULL), 1);
    d = types_datum_json("\x04\x02", 2);
    assert_int_equal(types_datum_truth(&d, NULL), 0);
    d = types_datum_json("\x04\x01", 2);
    assert_int_equal(types_datum_truth(&d, NULL), 1);
    duet_arena_t *a = duet_arena_create(0);
    char buf[4] = "abc";
    d = types_datum_string(buf, 3, TYPES_COLL_UTF8MB4_BIN);
    types_datum_t c = types_datum_copy(&d, a);
    buf[0] = 'x';
    assert_memory_equal(c.ptr, "abc", 3);
    assert_true(c.ptr != d.ptr);
    d = types_datum_int(5);
    c = types_datum_copy(&d, a);
    assert_int_equal(c.i, 5);
    duet_arena_destroy(a);
}

static void test_hash(void **state)
{
    (void)state;
    types_decimal_t a, b;
    types_dec_from_string("1.5", 3, &a, NULL);
    types_dec_from_string("1.500", 5, &b, NULL);
    types_datum_t da = types_datum_decimal(&a), db = types_datum_decimal(&b);
    assert_true(types_datum_hash(&da, 1) == types_datum_hash(&db, 1));
    types_datum_t s1 = types_datum_string("Ab ", 3, TYPES_COLL_UTF8MB4_GENERAL_CI);
    types_datum_t s2 = types_datum_string("aB", 2, TYPES_COLL_UTF8MB4_GENERAL_CI);
    assert_true(types_datum_hash(&s1, 1) == types_datum_hash(&s2, 1));
    types_datum_t z1 = types_datum_double(0.0), z2 = types_datum_double(-0.0);
    assert_true(types_datum_hash(&z1, 1) == types_datum_hash(&z2, 1));
    types_datum_t i1 = types_datum_int(1), i2 = types_datum_int(2);
    assert_true(types_datum_hash(&i1, 1) != types_datum_hash(&i2, 1));
    check_text(types_datum_float(0.1f), "0.1");
    check_text(types_datum_null(), "NULL");
    check_text(types_datum_duration(-1500000, 1), "-00:00:01.5");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_str_to_number), cmocka_unit_test(test_double_format),
        cmocka_unit_test(test_compare),       cmocka_unit_test(test_cast),
        cmocka_unit_test(test_warnings),      cmocka_unit_test(test_truth_copy),
        cmocka_unit_test(test_insert_file),   cmocka_unit_test(test_compare_file),
        cmocka_unit_test(test_format_column), cmocka_unit_test(test_cast_file),
        cmocka_unit_test(test_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
