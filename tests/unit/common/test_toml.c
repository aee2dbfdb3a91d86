/* test_toml.c - unit tests for common/toml: every value form, tables, and the errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "common/toml.h"

static duet_toml_doc_t *parse_ok(const char *text)
{
    duet_err_t err = {0};
    duet_toml_doc_t *doc = duet_toml_parse(text, strlen(text), "t.toml", &err);
    if (doc == NULL)
        fail_msg("unexpected error: %s", err.msg);
    return doc;
}

/* Parses text expecting failure; checks the whole message. */
static void parse_err(const char *text, const char *want)
{
    duet_err_t err = {0};
    duet_toml_doc_t *doc = duet_toml_parse(text, strlen(text), "t.toml", &err);
    if (doc != NULL) {
        duet_toml_free(doc);
        fail_msg("expected error '%s' for: %s", want, text);
    }
    assert_int_equal(err.code, 1105);
    assert_string_equal(err.msg, want);
}

/* Looks up a dotted path of plain keys. */
static duet_toml_value_t *get(duet_toml_doc_t *doc, const char *path)
{
    char buf[256];
    strcpy(buf, path);
    duet_toml_value_t *v = duet_toml_root(doc);
    for (char *k = strtok(buf, "."); k && v; k = strtok(NULL, "."))
        v = duet_toml_get(v, k);
    return v;
}

static void test_scalars(void **state)
{
    (void)state;
    duet_toml_doc_t *doc = parse_ok("# comment\n"
                                    "s = \"a\\tb\\u00e9\\U0001F600\\\"\"  # trailing comment\n"
                                    "lit = 'C:\\path\\no escapes'\n"
                                    "i = +1_000\n"
                                    "neg = -17\n"
                                    "hex = 0xDEAD_beef\n"
                                    "oct = 0o755\n"
                                    "bin = 0b1101\n"
                                    "f = 6.626e-34\n"
                                    "f2 = -0.5\n"
                                    "f3 = 1e3\n"
                                    "inf = -inf\n"
                                    "nan = nan\n"
                                    "t = true\n"
                                    "fa = false\n"
                                    "\"quoted key\" = 1\n"
                                    "'lit key' = 2\n");
    duet_toml_value_t *v = get(doc, "s");
    assert_int_equal(v->type, DUET_TOML_STRING);
    assert_string_equal(v->u.s, "a\tb\xc3\xa9\xf0\x9f\x98\x80\"");
    assert_int_equal(v->line, 2);
    assert_string_equal(get(doc, "lit")->u.s, "C:\\path\\no escapes");
    assert_int_equal(get(doc, "i")->u.i, 1000);
    assert_int_equal(get(doc, "neg")->u.i, -17);
    assert_int_equal(get(doc, "hex")->u.i, 0xDEADBEEF);
    assert_int_equal(get(doc, "oct")->u.i, 0755);
    assert_int_equal(get(doc, "bin")->u.i, 13);
    assert_int_equal(get(doc, "f")->type, DUET_TOML_FLOAT);
    assert_true(fabs(get(doc, "f")->u.f - 6.626e-34) < 1e-40);
    assert_true(get(doc, "f2")->u.f == -0.5);
    assert_true(get(doc, "f3")->u.f == 1000.0);
    assert_true(isinf(get(doc, "inf")->u.f) && get(doc, "inf")->u.f < 0);
    assert_true(isnan(get(doc, "nan")->u.f));
    assert_true(get(doc, "t")->u.b);
    assert_false(get(doc, "fa")->u.b);
    assert_int_equal(duet_toml_get(duet_toml_root(doc), "quoted key")->u.i, 1);
    assert_int_equal(duet_toml_get(duet_toml_root(doc), "lit key")->u.i, 2);
    assert_int_equal(duet_toml_get(duet_toml_root(doc), "lit key")->line, 17);
    duet_toml_free(doc);
}

static void test_multiline_strings(void **state)
{
    (void)state;
    duet_toml_doc_t *doc = parse_ok("a = \"\"\"\nline1\nline2\"\"\"\n"
                                    "b = \"\"\"one \\\n    two\"\"\"\n"
                                    "c = '''\nraw \\n text'''\n"
                                    "d = \"\"\"quote\"\"\"\"\n"
                                    "after = 1\n");
    assert_string_equal(get(doc, "a")->u.s, "line1\nline2");
    assert_string_equal(get(doc, "b")->u.s, "one two");
    assert_string_equal(get(doc, "c")->u.s, "raw \\n text");
    assert_string_equal(get(doc, "d")->u.s, "quote\"");
    assert_int_equal(get(doc, "after")->line, 9);
    duet_toml_free(doc);
}

static void test_tables_and_dotted_keys(void **state)
{
    (void)state;
    duet_toml_doc_t *doc = parse_ok("top = 1\n"
                                    "[isolation-read]\n"
                                    "engines = [\"tikv\", \"tiflash\", \"tidb\"]\n"
                                    "[log]\n"
                                    "level = \"info\"\n"
                                    "file.filename = \"x.log\"\n"
                                    "[a.b.c]\n"
                                    "d = 1\n"
                                    "[a]\n"
                                    "e = 2\n"
                                    "[ spaced . \"quoted.part\" ]\n"
                                    "x = 3\n"
                                    "[[servers]]\n"
                                    "host = \"h1\"\n"
                                    "[[servers]]\n"
                                    "host = \"h2\"\n"
                                    "[servers.config]\n"
                                    "labels = { zone = \"z1\", rack = 'r2' }\n");
    duet_toml_value_t *eng = get(doc, "isolation-read.engines");
    assert_non_null(eng);
    assert_int_equal(eng->type, DUET_TOML_ARRAY);
    assert_int_equal(eng->u.arr.n, 3);
    assert_string_equal(eng->u.arr.items[0]->u.s, "tikv");
    assert_string_equal(eng->u.arr.items[1]->u.s, "tiflash");
    assert_string_equal(eng->u.arr.items[2]->u.s, "tidb");
    assert_string_equal(get(doc, "log.file.filename")->u.s, "x.log");
    assert_int_equal(get(doc, "a.b.c.d")->u.i, 1);
    assert_int_equal(get(doc, "a.e")->u.i, 2);
    duet_toml_value_t *sp = duet_toml_get(get(doc, "spaced"), "quoted.part");
    assert_int_equal(duet_toml_get(sp, "x")->u.i, 3);
    duet_toml_value_t *servers = get(doc, "servers");
    assert_int_equal(servers->type, DUET_TOML_ARRAY);
    assert_int_equal(servers->u.arr.n, 2);
    assert_string_equal(duet_toml_get(servers->u.arr.items[1], "host")->u.s, "h2");
    duet_toml_value_t *labels =
        duet_toml_get(duet_toml_get(servers->u.arr.items[1], "config"), "labels");
    assert_string_equal(duet_toml_get(labels, "rack")->u.s, "r2");
    duet_toml_free(doc);
}

static void test_arrays(void **state)
{
    (void)state;
    duet_toml_doc_t *doc = parse_ok("a = [\n  1, # one\n  2,\n  [3, 'x'],\n]\nempty = []\n");
    duet_toml_value_t *a = get(doc, "a");
    assert_int_equal(a->u.arr.n, 3);
    assert_int_equal(a->u.arr.items[1]->u.i, 2);
    assert_int_equal(a->u.arr.items[2]->u.arr.items[1]->type, DUET_TOML_STRING);
    assert_int_equal(get(doc, "empty")->u.arr.n, 0);
    assert_int_equal(get(doc, "empty")->line, 6);
    duet_toml_free(doc);
}

static void test_crlf(void **state)
{
    (void)state;
    duet_toml_doc_t *doc = parse_ok("a = 1\r\n[t]\r\nb = 'x'\r\n");
    assert_int_equal(get(doc, "t.b")->line, 3);
    duet_toml_free(doc);
}

static void test_errors(void **state)
{
    (void)state;
    parse_err("a = 1\na = 2\n", "t.toml:2: duplicate key 'a'");
    parse_err("[t]\nx=1\n[t]\n", "t.toml:3: table 't' is defined twice");
    parse_err("a = \"open\n", "t.toml:1: unterminated string");
    parse_err("a = \n", "t.toml:1: invalid value");
    parse_err("a = 1 2\n", "t.toml:1: unexpected text after a value");
    parse_err("= 1\n", "t.toml:1: expected a key");
    parse_err("\n\nkey 1\n", "t.toml:3: expected '=' after key 'key'");
    parse_err("a = 01\n", "t.toml:1: leading zeros are not allowed in '01'");
    parse_err("a = 1__0\n", "t.toml:1: invalid number '1__0'");
    parse_err("a = 99999999999999999999\n", "t.toml:1: integer '99999999999999999999' is out of "
                                            "range");
    parse_err("a = 1979-05-27\n", "t.toml:1: date and time values are not supported");
    parse_err("a = \"\\q\"\n", "t.toml:1: invalid escape sequence '\\q'");
    parse_err("a = [1, 2\n", "t.toml:2: unterminated array");
    parse_err("[t\n", "t.toml:1: expected ']' to close the table header");
    parse_err("a = {x = 1}\n[a]\n", "t.toml:2: table 'a' is defined twice");
    parse_err("a.b = 1\n[a.b]\n", "t.toml:2: key 'b' is already defined");
    parse_err("a.b.c = 1\n[a.b]\n", "t.toml:2: table 'b' is defined twice");
    parse_err("a = 1\na.b = 2\n", "t.toml:2: key 'a' is already defined");
    parse_err("a = -0x1\n", "t.toml:1: a sign is not allowed on a base-16 integer");
    parse_err("a = 1.\n", "t.toml:1: invalid float '1.'");
    parse_err("a = \"\\uD800\"\n", "t.toml:1: escape is not a Unicode scalar value");
}

static void test_nesting_limit(void **state)
{
    (void)state;
    char text[400];
    strcpy(text, "a = ");
    for (int i = 0; i < 100; i++)
        strcat(text, "[");
    parse_err(text, "t.toml:1: values are nested too deeply");
}

static void test_embedded_nul(void **state)
{
    (void)state;
    duet_err_t err = {0};
    const char text[] = "a = 1\0b = 2";
    assert_null(duet_toml_parse(text, sizeof(text) - 1, "t.toml", &err));
    assert_string_equal(err.msg, "t.toml:1: NUL byte in configuration");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_multiline_strings),
        cmocka_unit_test(test_tables_and_dotted_keys),
        cmocka_unit_test(test_arrays),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_nesting_limit),
        cmocka_unit_test(test_embedded_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
