/* test_json.c - unit tests for types/json: parsing, MySQL printing, errors, type, length, paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "types/json.h"

static void roundtrip(const char *in, const char *want)
{
    duet_buf_t bin = DUET_BUF_INIT, txt = DUET_BUF_INIT;
    size_t pos = 0;
    types_status_t st = types_json_parse(in, strlen(in), &bin, &pos);
    if (st != TYPES_OK)
        fail_msg("parse '%s': status %d at %zu", in, st, pos);
    assert_int_equal(types_json_valid((const uint8_t *)bin.data, bin.len), 0);
    types_json_to_text((const uint8_t *)bin.data, bin.len, &txt);
    assert_string_equal(txt.data, want);
    /* Printing then parsing again gives the same bytes. */
    duet_buf_t bin2 = DUET_BUF_INIT;
    assert_int_equal(types_json_parse(txt.data, txt.len, &bin2, NULL), TYPES_OK);
    assert_int_equal(bin2.len, bin.len);
    assert_memory_equal(bin2.data, bin.data, bin.len);
    /* Truncated binaries are rejected. */
    for (size_t cut = 0; cut < bin.len; cut++)
        assert_int_equal(types_json_valid((const uint8_t *)bin.data, cut), -1);
    duet_buf_free(&bin);
    duet_buf_free(&bin2);
    duet_buf_free(&txt);
}

static void test_roundtrip(void **state)
{
    (void)state;
    roundtrip("{\"b\": 1, \"aa\": 2, \"a\": 3}", "{\"a\": 3, \"b\": 1, \"aa\": 2}");
    roundtrip("[1, \"a\", true, null, 1.5, -3, 18446744073709551615, 1e2, false]",
              "[1, \"a\", true, null, 1.5, -3, 18446744073709551615, 100.0, false]");
    roundtrip("{\"a\":1,\"a\":2}", "{\"a\": 2}");
    roundtrip("  \"\\u00e9\\n\\\"\\\\\\/\\ud83d\\ude00\"  ", "\"é\\n\\\"\\\\/\xF0\x9F\x98\x80\"");
    roundtrip("[]", "[]");
    roundtrip("{}", "{}");
    roundtrip("{\"\": []}", "{\"\": []}");
    roundtrip("-9223372036854775808", "-9223372036854775808");
    roundtrip("-9223372036854775809", "-9.223372036854776e18");
    roundtrip("3.0", "3.0");
    roundtrip("0.1", "0.1");
    roundtrip("null", "null");
    roundtrip("{\"k\": {\"x\": [1, {\"y\": \"z\"}]}}", "{\"k\": {\"x\": [1, {\"y\": \"z\"}]}}");
}

static void bad(const char *in, types_status_t want, size_t want_pos)
{
    duet_buf_t bin = DUET_BUF_INIT;
    size_t pos = 999;
    assert_int_equal(types_json_parse(in, strlen(in), &bin, &pos), want);
    assert_int_equal(bin.len, 0);
    if (want_pos != (size_t)-1)
        assert_int_equal(pos, want_pos);
    duet_buf_free(&bin);
}

static void test_errors(void **state)
{
    (void)state;
    bad("{\"a\":}", TYPES_BAD_VALUE, 5);
    bad("[1,]", TYPES_BAD_VALUE, 3);
    bad("01", TYPES_BAD_VALUE, (size_t)-1);
    bad("\"\x01\"", TYPES_BAD_VALUE, 1);
    bad("", TYPES_BAD_VALUE, 0);
    bad("tru", TYPES_BAD_VALUE, 0);
    bad("[1] x", TYPES_BAD_VALUE, 4);
    bad("\"\\ud800\"", TYPES_BAD_VALUE, (size_t)-1);
    bad("1.", TYPES_BAD_VALUE, (size_t)-1);
    char deep[256];
    memset(deep, '[', 101);
    memset(deep + 101, ']', 101);
    deep[202] = '\0';
    bad(deep, TYPES_OUT_OF_RANGE, (size_t)-1);
    deep[0] = ' ';
    deep[201] = ' ';
    duet_buf_t bin = DUET_BUF_INIT;
    assert_int_equal(types_json_parse(deep, 202, &bin, NULL), TYPES_OK); /* depth 100 */
    assert_int_equal(types_json_valid((const uint8_t *)bin.data, bin.len), 0);
    duet_buf_free(&bin);
}

static void extract(const char *doc, const char *path, int want_rc, const char *want)
{
    duet_buf_t bin = DUET_BUF_INIT, v = DUET_BUF_INIT, t = DUET_BUF_INIT;
    assert_int_equal(types_json_parse(doc, strlen(doc), &bin, NULL), TYPES_OK);
    int rc = types_json_extract((const uint8_t *)bin.data, bin.len, path, strlen(path), &v);
    assert_int_equal(rc, want_rc);
    if (rc == 1) {
        assert_int_equal(types_json_valid((const uint8_t *)v.data, v.len), 0);
        types_json_to_text((const uint8_t *)v.data, v.len, &t);
        assert_string_equal(t.data, want);
    }
    duet_buf_free(&bin);
    duet_buf_free(&v);
    duet_buf_free(&t);
}

static void test_paths(void **state)
{
    (void)state;
    const char *doc = "{\"a\": [10, {\"b\": true}, \"s\"], \"b c\": null, \"n\": 1.25}";
    extract(doc, "$", 1, "{\"a\": [10, {\"b\": true}, \"s\"], \"n\": 1.25, \"b c\": null}");
    extract(doc, "$.a", 1, "[10, {\"b\": true}, \"s\"]");
    extract(doc, "$.a[1].b", 1, "true");
    extract(doc, "$.a[2]", 1, "\"s\"");
    extract(doc, "$.\"b c\"", 1, "null");
    extract(doc, "$.n", 1, "1.25");
    extract(doc, "$.n[0]", 1, "1.25");
    extract(doc, "$.a[3]", 0, NULL);
    extract(doc, "$.zz", 0, NULL);
    extract(doc, "$.zz.y[0]", 0, NULL);
    extract(doc, "a", -1, NULL);
    extract(doc, "$.a[", -1, NULL);
    extract(doc, "$.*", -1, NULL);
    duet_buf_t bin = DUET_BUF_INIT;
    types_json_parse(doc, strlen(doc), &bin, NULL);
    assert_string_equal(types_json_type_name((const uint8_t *)bin.data), "OBJECT");
    assert_int_equal(types_json_length((const uint8_t *)bin.data), 3);
    duet_buf_reset(&bin);
    types_json_parse("[true]", 6, &bin, NULL);
    assert_string_equal(types_json_type_name((const uint8_t *)bin.data), "ARRAY");
    duet_buf_reset(&bin);
    types_json_parse("18446744073709551615", 20, &bin, NULL);
    assert_string_equal(types_json_type_name((const uint8_t *)bin.data), "UNSIGNED INTEGER");
    assert_int_equal(types_json_length((const uint8_t *)bin.data), 1);
    duet_buf_reset(&bin);
    types_json_parse("false", 5, &bin, NULL);
    assert_string_equal(types_json_type_name((const uint8_t *)bin.data), "BOOLEAN");
    duet_buf_reset(&bin);
    types_json_parse("null", 4, &bin, NULL);
    assert_string_equal(types_json_type_name((const uint8_t *)bin.data), "NULL");
    duet_buf_free(&bin);
    uint8_t junk[] = {0x01, 5, 0, 0, 0, 8, 0, 0, 0};
    assert_int_equal(types_json_valid(junk, sizeof junk), -1);
    uint8_t badtype[] = {0x42, 0};
    assert_int_equal(types_json_valid(badtype, sizeof badtype), -1);
}

static int jcmp(const char *a, const char *b, bool *hash_eq)
{
    duet_buf_t x = DUET_BUF_INIT, y = DUET_BUF_INIT;
    assert_int_equal(types_json_parse(a, strlen(a), &x, NULL), TYPES_OK);
    assert_int_equal(types_json_parse(b, strlen(b), &y, NULL), TYPES_OK);
    int c = types_json_cmp((const uint8_t *)x.data, x.len, (const uint8_t *)y.data, y.len);
    assert_int_equal(types_json_cmp((const uint8_t *)y.data, y.len, (const uint8_t *)x.data, x.len),
                     -c);
    *hash_eq = types_json_hash((const uint8_t *)x.data, x.len, 9) ==
               types_json_hash((const uint8_t *)y.data, y.len, 9);
    duet_buf_free(&x);
    duet_buf_free(&y);
    return c;
}

static void test_compare(void **state)
{
    (void)state;
    bool h;
    assert_int_equal(jcmp("1", "1.0", &h), 0);
    assert_true(h);
    assert_int_equal(jcmp("18446744073709551615", "-1", &h), 1);
    assert_int_equal(jcmp("9223372036854775807", "9223372036854775806", &h), 1);
    assert_int_equal(jcmp("\"a\"", "\"b\"", &h), -1);
    assert_int_equal(jcmp("\"ab\"", "\"a\"", &h), 1);
    assert_int_equal(jcmp("null", "0", &h), -1);
    assert_int_equal(jcmp("\"x\"", "100", &h), 1);     /* STRING above numbers */
    assert_int_equal(jcmp("{}", "\"x\"", &h), 1);      /* OBJECT above STRING */
    assert_int_equal(jcmp("[]", "{\"a\": 1}", &h), 1); /* ARRAY above OBJECT */
    assert_int_equal(jcmp("true", "[1]", &h), 1);      /* BOOLEAN above ARRAY */
    assert_int_equal(jcmp("false", "true", &h), -1);
    assert_int_equal(jcmp("[1, 2]", "[1, 3]", &h), -1);
    assert_int_equal(jcmp("[1, 2]", "[1, 2, 0]", &h), -1);
    assert_int_equal(jcmp("[1, [2.0]]", "[1.0, [2]]", &h), 0);
    assert_true(h);
    assert_int_equal(jcmp("{\"a\": 1, \"b\": [true]}", "{\"b\": [true], \"a\": 1.0}", &h), 0);
    assert_true(h);
    assert_true(jcmp("{\"a\": 1}", "{\"a\": 2}", &h) != 0);
    assert_true(jcmp("{\"a\": 1}", "{\"b\": 1}", &h) != 0);
    assert_true(jcmp("{\"a\": 1}", "{\"a\": 1, \"b\": 1}", &h) != 0);
    assert_int_equal(jcmp("-0.0", "0", &h), 0);
    assert_true(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
