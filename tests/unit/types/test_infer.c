/* test_infer.c - unit tests for types/infer: merged types and comparison types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "types/infer.h"

static types_field_type_t ft(uint8_t tp, uint32_t flags, int64_t flen, int dec, uint16_t coll)
{
    types_field_type_t f = types_field_type_init(tp);
    f.flags |= flags;
    if (flen >= 0)
        f.flen = flen;
    if (dec >= 0)
        f.decimal = dec;
    if (coll)
        f.collate = coll;
    return f;
}

static void check(types_field_type_t a, types_field_type_t b, const char *want)
{
    types_field_type_t r, r2;
    types_field_type_merge(&a, &b, &r);
    types_field_type_merge(&b, &a, &r2);
    duet_buf_t s = DUET_BUF_INIT, s2 = DUET_BUF_INIT;
    types_field_type_print(&r, &s);
    types_field_type_print(&r2, &s2);
    if (strcmp(s.data, want) != 0)
        fail_msg("merge: got %s want %s", s.data, want);
    assert_string_equal(s2.data, want); /* symmetric */
    duet_buf_free(&s);
    duet_buf_free(&s2);
}

#define U TYPES_FLAG_UNSIGNED

static void test_merge(void **state)
{
    (void)state;
    types_field_type_t ti = ft(TYPES_TP_TINY, 0, -1, -1, 0), tu = ft(TYPES_TP_TINY, U, -1, -1, 0);
    types_field_type_t si = ft(TYPES_TP_SHORT, 0, -1, -1, 0), i = ft(TYPES_TP_LONG, 0, -1, -1, 0);
    types_field_type_t iu = ft(TYPES_TP_LONG, U, -1, -1, 0);
    types_field_type_t bi = ft(TYPES_TP_LONGLONG, 0, -1, -1, 0);
    types_field_type_t bu = ft(TYPES_TP_LONGLONG, U, -1, -1, 0);
    types_field_type_t d = ft(TYPES_TP_NEWDECIMAL, 0, 10, 2, 0);
    types_field_type_t d2 = ft(TYPES_TP_NEWDECIMAL, 0, 5, 4, 0);
    types_field_type_t f = ft(TYPES_TP_FLOAT, 0, -1, -1, 0), db = ft(TYPES_TP_DOUBLE, 0, -1, -1, 0);
    types_field_type_t dt = ft(TYPES_TP_DATE, 0, -1, -1, 0);
    types_field_type_t dtm = ft(TYPES_TP_DATETIME, 0, -1, 3, 0);
    types_field_type_t ts = ft(TYPES_TP_TIMESTAMP, 0, -1, 6, 0);
    types_field_type_t tm = ft(TYPES_TP_TIME, 0, -1, 2, 0);
    types_field_type_t vc = ft(TYPES_TP_VARCHAR, 0, 20, -1, 0);
    types_field_type_t c = ft(TYPES_TP_STRING, 0, 5, -1, 0);
    types_field_type_t vb = ft(TYPES_TP_VARCHAR, 0, 7, -1, TYPES_COLL_BINARY);
    types_field_type_t tx = ft(TYPES_TP_BLOB, 0, -1, -1, 0);
    types_field_type_t b = ft(TYPES_TP_BIT, 0, 5, -1, 0);
    types_field_type_t j = ft(TYPES_TP_JSON, 0, -1, -1, 0);
    types_field_type_t n = ft(TYPES_TP_NULL, 0, -1, -1, 0);
    static const char *const elems[] = {"a", "bb"};
    types_field_type_t e = ft(TYPES_TP_ENUM, 0, -1, -1, 0);
    e.elems = elems;
    e.n_elems = 2;
    check(ti, tu, "smallint(6)");
    check(ti, si, "smallint(6)");
    check(i, iu, "bigint(20)");
    check(bi, bu, "decimal(20,0)");
    check(iu, iu, "int(10) unsigned");
    check(tu, si, "smallint(6)");
    check(i, d, "decimal(12,2)");
    check(d, d2, "decimal(12,4)");
    check(bu, d, "decimal(22,2)");
    check(f, f, "float");
    check(f, i, "double");
    check(d, db, "double");
    check(dt, dtm, "datetime(3)");
    check(ts, ts, "timestamp(6)");
    check(dtm, ts, "datetime(6)");
    check(dt, tm, "datetime(2)");
    check(tm, tm, "time(2)");
    check(dt, i, "varchar(11)");
    check(vc, c, "varchar(20)");
    check(c, c, "char(5)");
    check(vc, vb, "varbinary(20)");
    check(vc, tx, "text");
    check(e, vc, "varchar(20)");
    check(i, vc, "varchar(20)");
    check(b, b, "bit(5)");
    check(b, i, "bigint(20)");
    check(j, j, "json");
    check(n, d, "decimal(10,2)");
    check(n, n, "null");
    types_field_type_t big = ft(TYPES_TP_VARCHAR, 0, 70000, -1, 0);
    check(big, i, "mediumtext");
}

static void test_cmp_type(void **state)
{
    (void)state;
    types_field_type_t i = types_field_type_init(TYPES_TP_LONG);
    types_field_type_t d = types_field_type_init(TYPES_TP_NEWDECIMAL);
    types_field_type_t f = types_field_type_init(TYPES_TP_DOUBLE);
    types_field_type_t s = types_field_type_init(TYPES_TP_VARCHAR);
    types_field_type_t dt = types_field_type_init(TYPES_TP_DATETIME);
    types_field_type_t dd = types_field_type_init(TYPES_TP_DATE);
    types_field_type_t tm = types_field_type_init(TYPES_TP_TIME);
    types_field_type_t j = types_field_type_init(TYPES_TP_JSON);
    types_field_type_t y = types_field_type_init(TYPES_TP_YEAR);
    assert_int_equal(types_cmp_type_of(&i, &i), TYPES_CMP_INT);
    assert_int_equal(types_cmp_type_of(&i, &y), TYPES_CMP_INT);
    assert_int_equal(types_cmp_type_of(&i, &d), TYPES_CMP_DECIMAL);
    assert_int_equal(types_cmp_type_of(&i, &f), TYPES_CMP_REAL);
    assert_int_equal(types_cmp_type_of(&s, &i), TYPES_CMP_REAL);
    assert_int_equal(types_cmp_type_of(&s, &d), TYPES_CMP_REAL);
    assert_int_equal(types_cmp_type_of(&s, &s), TYPES_CMP_STRING);
    assert_int_equal(types_cmp_type_of(&dt, &s), TYPES_CMP_DATETIME);
    assert_int_equal(types_cmp_type_of(&s, &dd), TYPES_CMP_DATETIME);
    assert_int_equal(types_cmp_type_of(&dd, &dt), TYPES_CMP_DATETIME);
    assert_int_equal(types_cmp_type_of(&dt, &i), TYPES_CMP_DATETIME);
    assert_int_equal(types_cmp_type_of(&tm, &s), TYPES_CMP_DURATION);
    assert_int_equal(types_cmp_type_of(&tm, &tm), TYPES_CMP_DURATION);
    assert_int_equal(types_cmp_type_of(&tm, &i), TYPES_CMP_REAL);
    assert_int_equal(types_cmp_type_of(&j, &i), TYPES_CMP_JSON);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_cmp_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
