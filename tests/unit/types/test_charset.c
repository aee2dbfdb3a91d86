/* test_charset.c - unit tests for types/charset: validation, lengths, conversions, error text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "types/charset.h"
#include "types/collation.h"
#include "types/field_type.h"

static void conv(types_charset_t from, types_charset_t to, const char *in, size_t n,
                 const char *want, size_t want_n, types_status_t want_st)
{
    duet_buf_t b = DUET_BUF_INIT;
    assert_int_equal(types_charset_convert(from, to, in, n, &b), want_st);
    assert_int_equal(b.len, want_n);
    assert_memory_equal(b.data, want, want_n);
    duet_buf_free(&b);
}

static void test_charset(void **state)
{
    (void)state;
    assert_int_equal(types_charset_of(TYPES_COLL_UTF8MB4_GENERAL_CI), TYPES_CS_UTF8MB4);
    assert_int_equal(types_charset_of(TYPES_COLL_UTF8_BIN), TYPES_CS_UTF8MB3);
    assert_int_equal(types_charset_of(TYPES_COLL_LATIN1_SWEDISH_CI), TYPES_CS_LATIN1);
    assert_int_equal(types_charset_of(TYPES_COLL_BINARY), TYPES_CS_BINARY);
    const char *emoji = "a\xF0\x9F\x98\x80"
                        "b";
    assert_int_equal(types_charset_valid_prefix(TYPES_CS_UTF8MB4, emoji, 6), 6);
    assert_int_equal(types_charset_valid_prefix(TYPES_CS_UTF8MB3, emoji, 6), 1);
    assert_int_equal(types_charset_valid_prefix(TYPES_CS_UTF8MB4, "ab\xC3", 3), 2);
    assert_int_equal(types_charset_valid_prefix(TYPES_CS_UTF8MB4, "\xEF\xBF\xBD", 3), 3);
    assert_int_equal(types_charset_valid_prefix(TYPES_CS_UTF8MB4, "\xED\xA0\x80", 3), 0);
    assert_int_equal(types_charset_valid_prefix(TYPES_CS_ASCII, "ab\x80", 3), 2);
    assert_int_equal(types_charset_char_len(TYPES_CS_UTF8MB4, emoji, 6), 3);
    assert_int_equal(types_charset_char_len(TYPES_CS_UTF8MB4, "\xC3\xA9\xFF", 3), 2);
    assert_int_equal(types_charset_char_len(TYPES_CS_LATIN1, "\xE9\x80", 2), 2);
    /* latin1 is cp1252, as MariaDB/MySQL convert it. */
    conv(TYPES_CS_LATIN1, TYPES_CS_UTF8MB4, "\x80\x81\x8D\x8E\x9F\xA0\xFF", 7,
         "\xE2\x82\xAC\xC2\x81\xC2\x8D\xC5\xBD\xC5\xB8\xC2\xA0\xC3\xBF", 15, TYPES_OK);
    conv(TYPES_CS_UTF8MB4, TYPES_CS_LATIN1, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 9, "\xE9\x80?",
         3, TYPES_TRUNCATED);
    conv(TYPES_CS_UTF8MB4, TYPES_CS_UTF8MB3, emoji, 6, "a?b", 3, TYPES_TRUNCATED);
    conv(TYPES_CS_UTF8MB4, TYPES_CS_ASCII, "x\xC3\xA9", 3, "x?", 2, TYPES_TRUNCATED);
    conv(TYPES_CS_UTF8MB4, TYPES_CS_UTF8MB4, "\xFF", 1, "\xFF", 1, TYPES_OK);
    conv(TYPES_CS_LATIN1, TYPES_CS_BINARY, "\xE9", 1, "\xE9", 1, TYPES_OK);
    conv(TYPES_CS_UTF8MB3, TYPES_CS_UTF8MB4, "\xFFz", 2, "?z", 2, TYPES_TRUNCATED);
    char t[32];
    types_charset_bad_text("\xF0\x9F\x98\x80", 4, t);
    assert_string_equal(t, "\\xF0\\x9F\\x98\\x80");
    types_charset_bad_text("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 8, t);
    assert_string_equal(t, "\\xF0\\x9F\\x98\\x80\\xF0\\x9F...");
    types_charset_bad_text("\xFFok", 3, t);
    assert_string_equal(t, "\\xFFok");
    /* utf8mb4_0900_bin: NO PAD bytes. */
    const types_collation_t *c = types_coll_get(TYPES_COLL_UTF8MB4_0900_BIN);
    assert_non_null(c);
    assert_int_equal(types_coll_cmp(c, "a", 1, "a ", 2), -1);
    assert_false(types_coll_is_binary(c));
    assert_string_equal(types_collation_name(309), "utf8mb4_0900_bin");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_charset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
