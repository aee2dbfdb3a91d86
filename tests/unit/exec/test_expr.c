/* test_expr.c - unit tests for exec/expr: every function on normal values, NULLs, boundaries,
 * overflow errors and warnings with MySQL's exact texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "exec/expr.h"

static duet_arena_t *A;
static exec_warnings_t W;
static exec_ctx_t CTX;
static duet_err_t ERR;

/* Columns of the test chunk: 0 a BIGINT, 1 u BIGINT UNSIGNED, 2 d DECIMAL(10,2),
 * 3 f DOUBLE, 4 s VARCHAR utf8mb4_general_ci, 5 t DATETIME, 6 b VARBINARY. */
enum { NC = 7 };
static types_field_type_t FT[NC];
static const char *const NAMES[NC] = {"a", "u", "d", "f", "s", "t", "b"};

static int setup(void **state)
{
    (void)state;
    A = duet_arena_create(0);
    exec_ctx_init(&CTX, &W, A);
    FT[0] = types_field_type_init(TYPES_TP_LONGLONG);
    FT[1] = types_field_type_init(TYPES_TP_LONGLONG);
    FT[1].flags |= TYPES_FLAG_UNSIGNED;
    FT[2] = types_field_type_init(TYPES_TP_NEWDECIMAL);
    FT[2].flen = 10;
    FT[2].decimal = 2;
    FT[3] = types_field_type_init(TYPES_TP_DOUBLE);
    FT[4] = types_field_type_init(TYPES_TP_VARCHAR);
    FT[4].flen = 20;
    FT[4].collate = TYPES_COLL_UTF8MB4_GENERAL_CI;
    FT[5] = types_field_type_init(TYPES_TP_DATETIME);
    FT[5].decimal = 0;
    FT[6] = types_field_type_init(TYPES_TP_VARCHAR);
    FT[6].flen = 20;
    FT[6].collate = TYPES_COLL_BINARY;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    duet_arena_destroy(A);
    return 0;
}

static exec_expr_t *col(uint32_t i)
{
    return exec_expr_column(A, i, &FT[i], NAMES[i]);
}

static exec_expr_t *cint(int64_t v)
{
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONGLONG);
    ft.flen = 1;
    types_datum_t d = types_datum_int(v);
    return exec_expr_const(A, &d, &ft);
}

static exec_expr_t *cnull(void)
{
    types_field_type_t ft = types_field_type_init(TYPES_TP_NULL);
    types_datum_t d = types_datum_null();
    return exec_expr_const(A, &d, &ft);
}

static exec_expr_t *cstr(const char *s)
{
    types_field_type_t ft = types_field_type_init(TYPES_TP_VARCHAR);
    ft.flen = (int64_t)strlen(s);
    ft.collate = TYPES_COLL_UTF8MB4_BIN;
    types_datum_t d = types_datum_string(s, strlen(s), ft.collate);
    return exec_expr_const(A, &d, &ft);
}

static exec_expr_t *cdec(const char *s)
{
    types_decimal_t v;
    types_dec_from_string(s, strlen(s), &v, NULL);
    types_field_type_t ft = types_field_type_init(TYPES_TP_NEWDECIMAL);
    ft.flen = types_dec_precision(&v);
    ft.decimal = v.frac;
    types_datum_t d = types_datum_decimal(&v);
    return exec_expr_const(A, &d, &ft);
}

static exec_expr_t *cdbl(double v)
{
    types_field_type_t ft = types_field_type_init(TYPES_TP_DOUBLE);
    types_datum_t d = types_datum_double(v);
    return exec_expr_const(A, &d, &ft);
}

static exec_expr_t *fn(exec_sig_t sig, uint32_t n, ...)
{
    exec_expr_t *args[16];
    va_list ap;
    va_start(ap, n);
    for (uint32_t i = 0; i < n; i++)
        args[i] = va_arg(ap, exec_expr_t *);
    va_end(ap);
    exec_expr_t *e = exec_expr_func(A, sig, NULL, args, n, 4, &ERR);
    assert_non_null(e);
    return e;
}

static exec_expr_t *cast_to(exec_expr_t *a, types_field_type_t ft)
{
    exec_expr_t *e = exec_expr_func(A, EXEC_SIG_CAST, &ft, &a, 1, 4, &ERR);
    assert_non_null(e);
    return e;
}

/* Rows of the test chunk. */
static exec_chunk_t *chunk(void)
{
    exec_chunk_t *c = exec_chunk_new(FT, NC, 0);
    const char *decs[] = {"12.50", "-0.01", "99999999.99"};
    const char *strs[] = {"abc", "1abc", "Hello_World%"};
    mytime_t t = {2021, 3, 4, 5, 6, 7, 0};
    for (int i = 0; i < 4; i++) {
        types_datum_t v[NC];
        if (i == 3) {
            for (int k = 0; k < NC; k++)
                v[k] = types_datum_null();
        } else {
            types_decimal_t d;
            types_dec_from_string(decs[i], strlen(decs[i]), &d, NULL);
            int64_t as[] = {7, INT64_MAX, -9};
            uint64_t us[] = {0, 3, UINT64_MAX};
            double fs[] = {2.5, 1e308, -0.0};
            v[0] = types_datum_int(as[i]);
            v[1] = types_datum_uint(us[i]);
            v[2] = types_datum_decimal(&d);
            v[3] = types_datum_double(fs[i]);
            v[4] = types_datum_string(strs[i], strlen(strs[i]), TYPES_COLL_UTF8MB4_GENERAL_CI);
            v[5] = types_datum_time(&t, TYPES_TP_DATETIME, 0);
            v[6] = types_datum_string(strs[i], strlen(strs[i]), TYPES_COLL_BINARY);
        }
        assert_int_equal(exec_chunk_append_row(c, v, &ERR), 0);
    }
    return c;
}

static char OUT[4][128];

/* Evaluates e over the chunk; OUT[r] gets row r's text ("NULL"), or returns -1. */
static int run(exec_expr_t *e)
{
    exec_chunk_t *c = chunk();
    exec_column_t out;
    exec_column_init(&out, &e->ft, 4);
    exec_warnings_clear(&W);
    duet_err_clear(&ERR);
    int rc = exec_expr_eval(e, c, &CTX, &out, &ERR);
    if (rc == 0) {
        assert_int_equal(out.len, 4);
        for (uint32_t r = 0; r < 4; r++) {
            types_datum_t d = exec_column_get_datum(&out, r);
            duet_buf_t b = DUET_BUF_INIT;
            types_datum_to_text(&d, &b);
            snprintf(OUT[r], sizeof(OUT[r]), "%s", b.data);
            duet_buf_free(&b);
        }
    }
    exec_column_destroy(&out);
    exec_chunk_free(c);
    return rc;
}

/* Checks rows 0..2 (row 3 is all NULL inputs) against want, "|"-separated. */
static void expect(exec_expr_t *e, const char *want)
{
    if (run(e) != 0)
        fail_msg("error %d: %s", ERR.code, ERR.msg);
    char got[600];
    snprintf(got, sizeof(got), "%s|%s|%s|%s", OUT[0], OUT[1], OUT[2], OUT[3]);
    if (strcmp(got, want) != 0) {
        duet_buf_t b = DUET_BUF_INIT;
        exec_expr_print(e, &b);
        char text[300];
        snprintf(text, sizeof(text), "%s", b.data);
        duet_buf_free(&b);
        fail_msg("%s: got %s want %s", text, got, want);
    }
}

static void expect_warning(uint32_t i, int code, const char *msg)
{
    if (i >= W.n)
        fail_msg("only %u warnings, wanted #%u: %s", W.n, i, msg);
    assert_int_equal(W.items[i].code, code);
    assert_string_equal(W.items[i].msg, msg);
}

static void expect_error(exec_expr_t *e, int code, const char *msg)
{
    assert_int_equal(run(e), -1);
    assert_int_equal(ERR.code, code);
    assert_string_equal(ERR.msg, msg);
}

static void test_comparisons(void **state)
{
    (void)state;
    expect(fn(EXEC_SIG_EQ, 2, col(0), cint(7)), "1|0|0|NULL");
    expect(fn(EXEC_SIG_NE, 2, col(0), cint(7)), "0|1|1|NULL");
    expect(fn(EXEC_SIG_LT, 2, col(0), cint(7)), "0|0|1|NULL");
    expect(fn(EXEC_SIG_LE, 2, col(0), cint(7)), "1|0|1|NULL");
    expect(fn(EXEC_SIG_GT, 2, col(0), cint(7)), "0|1|0|NULL");
    expect(fn(EXEC_SIG_GE, 2, col(0), cint(7)), "1|1|0|NULL");
    expect(fn(EXEC_SIG_NULLEQ, 2, col(0), cint(7)), "1|0|0|0");
    expect(fn(EXEC_SIG_NULLEQ, 2, col(0), cnull()), "0|0|0|1");
    expect(fn(EXEC_SIG_EQ, 2, col(0), cnull()), "NULL|NULL|NULL|NULL");
    /* signed against unsigned compares exactly */
    expect(fn(EXEC_SIG_LT, 2, col(0), col(1)), "0|0|1|NULL");
    /* decimal against double and integer */
    expect(fn(EXEC_SIG_EQ, 2, col(2), cdbl(12.5)), "1|0|0|NULL");
    expect(fn(EXEC_SIG_GT, 2, col(2), cint(12)), "1|0|1|NULL");
    /* column against column of one class (the typed fast path) */
    expect(fn(EXEC_SIG_GT, 2, col(3), col(3)), "0|0|0|NULL");
    /* general_ci: case-insensitive; binary: bytes */
    expect(fn(EXEC_SIG_EQ, 2, col(4), cstr("ABC")), "1|0|0|NULL");
    expect(fn(EXEC_SIG_EQ, 2, col(6), cstr("ABC")), "0|0|0|NULL");
    /* the literal takes the column's collation whichever side it is on */
    expect(fn(EXEC_SIG_EQ, 2, cstr("ABC"), col(4)), "1|0|0|NULL");
    expect(fn(EXEC_SIG_IN, 3, cstr("ABC"), col(4), cstr("x")), "1|0|0|NULL");
    expect(fn(EXEC_SIG_EQ, 2, cstr("ABC"), col(6)), "0|0|0|NULL");
    /* a string against a number compares as DOUBLE with warning 1292 */
    expect(fn(EXEC_SIG_EQ, 2, col(4), cint(1)), "0|1|0|NULL");
    assert_int_equal(W.n, 3);
    expect_warning(0, 1292, "Truncated incorrect DOUBLE value: 'abc'");
    expect_warning(1, 1292, "Truncated incorrect DOUBLE value: '1abc'");
    /* a datetime against a string */
    expect(fn(EXEC_SIG_EQ, 2, col(5), cstr("2021-03-04 05:06:07")), "1|1|1|NULL");
    expect(fn(EXEC_SIG_LT, 2, col(5), cstr("2021-03-04")), "0|0|0|NULL");
}

static void test_arithmetic(void **state)
{
    (void)state;
    expect_error(fn(EXEC_SIG_PLUS, 2, col(0), cint(1)), 1690,
                 "BIGINT value is out of range in '(a + 1)'");
    expect_error(fn(EXEC_SIG_MINUS, 2, col(1), cint(1)), 1690,
                 "BIGINT UNSIGNED value is out of range in '(u - 1)'");
    expect_error(fn(EXEC_SIG_MUL, 2, col(0), cint(2)), 1690,
                 "BIGINT value is out of range in '(a * 2)'");
    expect_error(fn(EXEC_SIG_MUL, 2, col(3), cdbl(10)), 1690,
                 "DOUBLE value is out of range in '(f * 10)'");
    expect_error(fn(EXEC_SIG_NEG, 1, fn(EXEC_SIG_MINUS, 2, cint(-9223372036854775807LL), cint(1))),
                 1690, "BIGINT value is out of range in '-((-9223372036854775807 - 1))'");
    expect(fn(EXEC_SIG_MINUS, 2, col(0), cint(2)), "5|9223372036854775805|-11|NULL");
    /* integer / integer is DECIMAL with div_precision_increment 4 */
    expect(fn(EXEC_SIG_DIV, 2, col(0), cint(2)), "3.5000|4611686018427387903.5000|-4.5000|NULL");
    expect(fn(EXEC_SIG_DIV, 2, col(2), cint(3)), "4.166667|-0.003333|33333333.330000|NULL");
    expect(fn(EXEC_SIG_MUL, 2, col(2), cdec("1.5")), "18.750|-0.015|149999999.985|NULL");
    expect(fn(EXEC_SIG_PLUS, 2, col(2), cdec("0.005")), "12.505|-0.005|99999999.995|NULL");
    expect(fn(EXEC_SIG_INTDIV, 2, col(0), cint(2)), "3|4611686018427387903|-4|NULL");
    expect(fn(EXEC_SIG_INTDIV, 2, col(2), cdec("0.3")), "41|0|333333333|NULL");
    expect(fn(EXEC_SIG_MOD, 2, col(0), cint(4)), "3|3|-1|NULL");
    expect(fn(EXEC_SIG_MOD, 2, col(2), cint(5)), "2.50|-0.01|4.99|NULL");
    expect(fn(EXEC_SIG_PLUS, 2, col(3), cdbl(0.5)), "3|1e308|0.5|NULL");
    /* a string operand is read as DOUBLE with 1292 */
    expect(fn(EXEC_SIG_PLUS, 2, col(4), cint(1)), "1|2|1|NULL");
    expect_warning(0, 1292, "Truncated incorrect DOUBLE value: 'abc'");
    expect_warning(1, 1292, "Truncated incorrect DOUBLE value: '1abc'");
    expect_warning(2, 1292, "Truncated incorrect DOUBLE value: 'Hello_World%'");
    /* division by zero: NULL and warning 1365 for each row */
    expect(fn(EXEC_SIG_DIV, 2, col(0), cint(0)), "NULL|NULL|NULL|NULL");
    assert_int_equal(W.n, 3);
    expect_warning(0, 1365, "Division by 0");
    expect(fn(EXEC_SIG_INTDIV, 2, col(0), cint(0)), "NULL|NULL|NULL|NULL");
    expect_warning(2, 1365, "Division by 0");
    expect(fn(EXEC_SIG_MOD, 2, col(2), cdec("0.0")), "NULL|NULL|NULL|NULL");
    expect_warning(0, 1365, "Division by 0");
    expect(fn(EXEC_SIG_DIV, 2, col(3), cdbl(0)), "NULL|NULL|NULL|NULL");
    assert_int_equal(W.n, 3);
    expect(fn(EXEC_SIG_NEG, 1, col(2)), "-12.50|0.01|-99999999.99|NULL");
    /* in a strict INSERT/UPDATE with ERROR_FOR_DIVISION_BY_ZERO it is an error */
    CTX.in_dml = true;
    expect_error(fn(EXEC_SIG_DIV, 2, col(0), cint(0)), 1365, "Division by 0");
    CTX.sql_mode &= ~TYPES_MODE_ERROR_FOR_DIVISION_BY_ZERO;
    expect(fn(EXEC_SIG_DIV, 2, col(0), cint(0)), "NULL|NULL|NULL|NULL");
    CTX.sql_mode = TYPES_MODE_DEFAULT;
    CTX.in_dml = false;
    /* boundaries */
    expect(fn(EXEC_SIG_MINUS, 2, cint(INT64_MIN), cint(0)),
           "-9223372036854775808|-9223372036854775808|-9223372036854775808|-9223372036854775808");
    expect_error(fn(EXEC_SIG_MINUS, 2, cint(INT64_MIN), cint(1)), 1690,
                 "BIGINT value is out of range in '(-9223372036854775808 - 1)'");
    expect_error(fn(EXEC_SIG_PLUS, 2, col(1), cint(-3)), 1690,
                 "BIGINT UNSIGNED value is out of range in '(u + -3)'");
    expect(fn(EXEC_SIG_PLUS, 2, col(1), cint(0)), "0|3|18446744073709551615|NULL");
}

static void test_logic(void **state)
{
    (void)state;
    exec_expr_t *t = cint(1), *f = cint(0), *n = cnull();
    exec_expr_t *vals[3] = {t, f, n};
    const char *and_tab[3][3] = {{"1", "0", "NULL"}, {"0", "0", "0"}, {"NULL", "0", "NULL"}};
    const char *or_tab[3][3] = {{"1", "1", "1"}, {"1", "0", "NULL"}, {"1", "NULL", "NULL"}};
    const char *xor_tab[3][3] = {{"0", "1", "NULL"}, {"1", "0", "NULL"}, {"NULL", "NULL", "NULL"}};
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
            char want[64];
            assert_int_equal(run(fn(EXEC_SIG_AND, 2, vals[i], vals[j])), 0);
            assert_string_equal(OUT[0], and_tab[i][j]);
            assert_int_equal(run(fn(EXEC_SIG_OR, 2, vals[i], vals[j])), 0);
            assert_string_equal(OUT[0], or_tab[i][j]);
            assert_int_equal(run(fn(EXEC_SIG_XOR, 2, vals[i], vals[j])), 0);
            snprintf(want, sizeof(want), "%s", xor_tab[i][j]);
            assert_string_equal(OUT[0], want);
        }
    }
    expect(fn(EXEC_SIG_NOT, 1, col(0)), "0|0|0|NULL");
    expect(fn(EXEC_SIG_NOT, 1, col(3)), "0|0|1|NULL");
    /* AND does not evaluate its right side where the left is false: no 1690 */
    expect(fn(EXEC_SIG_AND, 2, fn(EXEC_SIG_LT, 2, col(0), cint(100)),
              fn(EXEC_SIG_GT, 2, fn(EXEC_SIG_PLUS, 2, col(0), cint(1)), cint(0))),
           "1|0|0|NULL");
    expect(fn(EXEC_SIG_OR, 2, fn(EXEC_SIG_GT, 2, col(0), cint(100)),
              fn(EXEC_SIG_GT, 2, fn(EXEC_SIG_PLUS, 2, col(0), cint(1)), cint(0))),
           "1|1|0|NULL");
    expect(fn(EXEC_SIG_ISNULL, 1, col(2)), "0|0|0|1");
    expect(fn(EXEC_SIG_ISNOTNULL, 1, col(2)), "1|1|1|0");
}

static void test_in_between(void **state)
{
    (void)state;
    expect(fn(EXEC_SIG_IN, 4, col(0), cint(1), cint(7), cint(-9)), "1|0|1|NULL");
    expect(fn(EXEC_SIG_IN, 3, col(0), cint(7), cnull()), "1|NULL|NULL|NULL");
    expect(fn(EXEC_SIG_IN, 3, col(4), cstr("ABC"), cstr("x")), "1|0|0|NULL");
    expect(fn(EXEC_SIG_IN, 3, col(2), cdec("12.5"), cdec("-0.010")), "1|1|0|NULL");
    expect(fn(EXEC_SIG_BETWEEN, 3, col(0), cint(-9), cint(7)), "1|0|1|NULL");
    expect(fn(EXEC_SIG_BETWEEN, 3, col(0), cnull(), cint(0)), "0|0|NULL|NULL");
    expect(fn(EXEC_SIG_BETWEEN, 3, col(2), cdec("-0.01"), cdec("12.5")), "1|1|0|NULL");
}

static void test_control_flow(void **state)
{
    (void)state;
    exec_expr_t *pos = fn(EXEC_SIG_GT, 2, col(0), cint(0));
    /* the branch not taken is never evaluated (a + 1 overflows on row 1) */
    expect(fn(EXEC_SIG_IF, 3, fn(EXEC_SIG_LT, 2, col(0), cint(100)),
              fn(EXEC_SIG_PLUS, 2, col(0), cint(1)), cint(0)),
           "8|0|-8|0");
    exec_expr_t *e = fn(EXEC_SIG_IF, 3, pos, col(2), cint(1));
    assert_int_equal(e->ft.tp, TYPES_TP_NEWDECIMAL);
    expect(e, "12.50|-0.01|1.00|1.00");
    expect(fn(EXEC_SIG_IFNULL, 2, col(0), cint(42)), "7|9223372036854775807|-9|42");
    expect(fn(EXEC_SIG_COALESCE, 3, cnull(), col(2), cdec("0.5")), "12.50|-0.01|99999999.99|0.50");
    expect(fn(EXEC_SIG_COALESCE, 2, cnull(), cnull()), "NULL|NULL|NULL|NULL");
    expect(fn(EXEC_SIG_NULLIF, 2, col(0), cint(7)), "NULL|9223372036854775807|-9|NULL");
    expect(fn(EXEC_SIG_CASE, 5, fn(EXEC_SIG_EQ, 2, col(0), cint(7)), cstr("seven"), pos,
              cstr("big"), cstr("other")),
           "seven|big|other|other");
    expect(fn(EXEC_SIG_CASE, 2, fn(EXEC_SIG_EQ, 2, col(0), cint(7)), cstr("seven")),
           "seven|NULL|NULL|NULL");
}

static void test_cast(void **state)
{
    (void)state;
    types_field_type_t sig = types_field_type_init(TYPES_TP_LONGLONG);
    types_field_type_t uns = sig;
    uns.flags |= TYPES_FLAG_UNSIGNED;
    types_field_type_t dec = types_field_type_init(TYPES_TP_NEWDECIMAL);
    dec.flen = 5;
    dec.decimal = 1;
    types_field_type_t dbl = types_field_type_init(TYPES_TP_DOUBLE);
    types_field_type_t chr = types_field_type_init(TYPES_TP_VAR_STRING);
    chr.flen = TYPES_UNSPECIFIED;
    chr.collate = TYPES_COLL_UTF8MB4_BIN;
    types_field_type_t date = types_field_type_init(TYPES_TP_DATE);
    types_field_type_t dt = types_field_type_init(TYPES_TP_DATETIME);
    dt.decimal = 0;

    expect(cast_to(col(4), sig), "0|1|0|NULL");
    expect_warning(0, 1292, "Truncated incorrect INTEGER value: 'abc'");
    expect_warning(1, 1292, "Truncated incorrect INTEGER value: '1abc'");
    expect(cast_to(cint(-1), uns), "18446744073709551615|18446744073709551615|"
                                   "18446744073709551615|18446744073709551615");
    expect(cast_to(col(1), sig), "0|3|-1|NULL");
    expect(cast_to(col(2), sig), "13|0|100000000|NULL");
    expect(cast_to(col(3), sig), "2|9223372036854775807|0|NULL"); /* 2.5e0 rounds to even */
    expect(cast_to(col(0), dec), "7.0|9999.9|-9.0|NULL");
    expect(cast_to(col(2), dbl), "12.5|-0.01|99999999.99|NULL");
    expect(cast_to(col(0), chr), "7|9223372036854775807|-9|NULL");
    expect(cast_to(col(5), date), "2021-03-04|2021-03-04|2021-03-04|NULL");
    expect(cast_to(cstr("2020-02-30"), date), "NULL|NULL|NULL|NULL");
    expect_warning(0, 1292, "Incorrect datetime value: '2020-02-30'");
    expect(cast_to(cstr("2020-02-03 04:05:06"), dt),
           "2020-02-03 04:05:06|2020-02-03 04:05:06|2020-02-03 04:05:06|2020-02-03 04:05:06");
}

static void test_like(void **state)
{
    (void)state;
    expect(fn(EXEC_SIG_LIKE, 2, col(4), cstr("a%")), "1|0|0|NULL");
    expect(fn(EXEC_SIG_LIKE, 2, col(4), cstr("A_C")), "1|0|0|NULL"); /* general_ci */
    expect(fn(EXEC_SIG_LIKE, 2, col(6), cstr("A_C")), "0|0|0|NULL"); /* binary */
    expect(fn(EXEC_SIG_LIKE, 2, col(4), cstr("%\\_%")), "0|0|1|NULL");
    expect(fn(EXEC_SIG_LIKE, 2, col(4), cstr("%o\\%")), "0|0|0|NULL");
    expect(fn(EXEC_SIG_LIKE, 2, col(4), cstr("%d\\%")), "0|0|1|NULL");
    expect(fn(EXEC_SIG_LIKE, 3, col(4), cstr("%d|%"), cstr("|")), "0|0|1|NULL");
    expect(fn(EXEC_SIG_LIKE, 3, col(4), cstr("hello|_%"), cstr("|")), "0|0|1|NULL");
    expect(fn(EXEC_SIG_LIKE, 2, col(4), cstr("%")), "1|1|1|NULL");
    expect(fn(EXEC_SIG_LIKE, 2, col(4), cstr("%%c")), "1|1|0|NULL");
    expect(fn(EXEC_SIG_LIKE, 2, col(4), cstr("")), "0|0|0|NULL");
    expect(fn(EXEC_SIG_LIKE, 2, col(0), cstr("-%")), "0|0|1|NULL");
    exec_expr_t *s = cstr("stra\xc3\x9f"
                          "e");
    s->value.collate = s->ft.collate = TYPES_COLL_UTF8MB4_GENERAL_CI;
    expect(fn(EXEC_SIG_LIKE, 2, s, cstr("STRA_E")), "1|1|1|1"); /* one character, not a byte */
    expect(fn(EXEC_SIG_LIKE, 2, s, cstr("STRA__E")), "0|0|0|0");
}

static void test_selection_and_filter(void **state)
{
    (void)state;
    exec_chunk_t *c = chunk();
    uint32_t rows[] = {0, 2};
    exec_chunk_set_sel(c, rows, 2);
    exec_expr_t *e = fn(EXEC_SIG_PLUS, 2, col(0), cint(1)); /* row 1 would overflow */
    exec_column_t out;
    exec_column_init(&out, &e->ft, 4);
    assert_int_equal(exec_expr_eval(e, c, &CTX, &out, &ERR), 0);
    assert_int_equal(out.len, 4);
    assert_int_equal(exec_column_int(&out, 0), 8);
    assert_true(exec_column_is_null(&out, 1));
    assert_int_equal(exec_column_int(&out, 2), -8);
    exec_chunk_clear_sel(c);
    exec_expr_t *conds[2] = {fn(EXEC_SIG_ISNOTNULL, 1, col(0)),
                             fn(EXEC_SIG_LT, 2, col(2), cint(50))};
    assert_int_equal(exec_expr_filter(conds, 2, c, &CTX, &ERR), 0);
    assert_true(c->has_sel);
    assert_int_equal(c->nsel, 2);
    assert_int_equal(c->sel[0], 0);
    assert_int_equal(c->sel[1], 1);
    exec_expr_t *c3 = fn(EXEC_SIG_GT, 2, col(0), cint(0));
    assert_int_equal(exec_expr_filter(&c3, 1, c, &CTX, &ERR), 0);
    assert_int_equal(c->nsel, 2);
    types_datum_t d;
    assert_int_equal(exec_expr_eval_row(e, c, 2, &CTX, &d, &ERR), 0);
    assert_int_equal(d.i, -8);
    exec_column_destroy(&out);
    exec_chunk_free(c);
}

/* Vectorized evaluation under random selections agrees with evaluating each row
 * alone, and rows the selection drops come out NULL. */
static void test_random_selections(void **state)
{
    (void)state;
    types_field_type_t it = types_field_type_init(TYPES_TP_LONGLONG);
    types_field_type_t its[3] = {it, it, it};
    uint64_t seed = 12345;
    exec_expr_t *x = exec_expr_column(A, 0, &it, "x"), *y = exec_expr_column(A, 1, &it, "y"),
                *z = exec_expr_column(A, 2, &it, "z");
    exec_expr_t *trees[5] = {
        fn(EXEC_SIG_IF, 3, fn(EXEC_SIG_GT, 2, x, y), fn(EXEC_SIG_MINUS, 2, x, y),
           fn(EXEC_SIG_COALESCE, 2, z, fn(EXEC_SIG_MUL, 2, y, cint(2)))),
        fn(EXEC_SIG_OR, 2, fn(EXEC_SIG_AND, 2, fn(EXEC_SIG_LT, 2, x, cint(0)), z),
           fn(EXEC_SIG_XOR, 2, y, fn(EXEC_SIG_ISNULL, 1, z))),
        fn(EXEC_SIG_CASE, 5, fn(EXEC_SIG_EQ, 2, x, y), cstr("eq"), fn(EXEC_SIG_NULLEQ, 2, y, z),
           fn(EXEC_SIG_DIV, 2, x, z), fn(EXEC_SIG_MOD, 2, y, x)),
        fn(EXEC_SIG_IN, 4, x, y, z, cint(3)),
        fn(EXEC_SIG_NULLIF, 2, fn(EXEC_SIG_INTDIV, 2, x, y), fn(EXEC_SIG_NEG, 1, z)),
    };
    for (int round = 0; round < 40; round++) {
        exec_chunk_t *c = exec_chunk_new(its, 3, 0);
        uint32_t rows = 1 + (uint32_t)(round * 37 % 300);
        for (uint32_t r = 0; r < rows; r++) {
            types_datum_t v[3];
            for (int k = 0; k < 3; k++) {
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                int64_t n = (int64_t)(seed >> 33) % 13 - 6;
                v[k] = n == 6 ? types_datum_null() : types_datum_int(n);
            }
            assert_int_equal(exec_chunk_append_row(c, v, &ERR), 0);
        }
        uint32_t sel[300], ns = 0;
        for (uint32_t r = 0; r < rows; r++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            if ((seed >> 40) % 3)
                sel[ns++] = r;
        }
        exec_chunk_set_sel(c, sel, ns);
        for (int t = 0; t < 5; t++) {
            exec_column_t out;
            exec_column_init(&out, &trees[t]->ft, 0);
            assert_int_equal(exec_expr_eval(trees[t], c, &CTX, &out, &ERR), 0);
            assert_int_equal(out.len, rows);
            uint32_t k = 0;
            for (uint32_t r = 0; r < rows; r++) {
                types_datum_t got = exec_column_get_datum(&out, r);
                if (k < ns && sel[k] == r) {
                    k++;
                    types_datum_t want;
                    assert_int_equal(exec_expr_eval_row(trees[t], c, r, &CTX, &want, &ERR), 0);
                    assert_int_equal(types_datum_cmp(&got, &want, NULL), 0);
                    assert_int_equal(got.kind, want.kind);
                } else {
                    assert_int_equal(got.kind, TYPES_K_NULL);
                }
            }
            exec_column_destroy(&out);
        }
        exec_chunk_free(c);
    }
}

static void test_build_errors(void **state)
{
    (void)state;
    exec_expr_t *a = cint(1);
    assert_null(exec_expr_func(A, EXEC_SIG_PLUS, NULL, &a, 1, 4, &ERR));
    assert_int_equal(ERR.code, 1582);
    assert_string_equal(ERR.msg, "Incorrect parameter count in the call to native function 'plus'");
    duet_buf_t b = DUET_BUF_INIT;
    exec_expr_print(fn(EXEC_SIG_IN, 3, col(0), cint(1), cstr("x")), &b);
    assert_string_equal(b.data, "in(a, 1, 'x')");
    duet_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comparisons),
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_logic),
        cmocka_unit_test(test_in_between),
        cmocka_unit_test(test_control_flow),
        cmocka_unit_test(test_cast),
        cmocka_unit_test(test_like),
        cmocka_unit_test(test_selection_and_filter),
        cmocka_unit_test(test_random_selections),
        cmocka_unit_test(test_build_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
