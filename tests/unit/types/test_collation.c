/* test_collation.c - unit tests for types/collation: MariaDB-checked orders, keys and hashes agree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types/collation.h"
#include "types/field_type.h"
#include <xxhash.h>

static uint64_t XXH3_hash_key(const void *p, size_t n)
{
    return XXH3_64bits_withSeed(p, n, 7);
}

static int sign(int x)
{
    return x < 0 ? -1 : (x > 0);
}

/* Checks cmp against want, and that sort keys and hashes agree with cmp. */
static void check3(uint16_t id, const char *a, size_t na, const char *b, size_t nb, int want)
{
    const types_collation_t *c = types_coll_get(id);
    assert_non_null(c);
    int r = types_coll_cmp(c, a, na, b, nb);
    if (r != want)
        fail_msg("coll %u: cmp('%.*s','%.*s') = %d, want %d", id, (int)na, a, (int)nb, b, r, want);
    assert_int_equal(types_coll_cmp(c, b, nb, a, na), -want);
    duet_buf_t ka = DUET_BUF_INIT, kb = DUET_BUF_INIT;
    types_coll_sortkey(c, a, na, &ka);
    types_coll_sortkey(c, b, nb, &kb);
    size_t m = ka.len < kb.len ? ka.len : kb.len;
    int kc = m ? sign(memcmp(ka.data, kb.data, m)) : 0;
    if (kc == 0)
        kc = ka.len < kb.len ? -1 : (ka.len > kb.len);
    if (kc != want)
        fail_msg("coll %u: key order of '%.*s','%.*s' = %d, want %d", id, (int)na, a, (int)nb, b,
                 kc, want);
    uint64_t ha = types_coll_hash(c, a, na, 7), hb = types_coll_hash(c, b, nb, 7);
    if (want == 0)
        assert_true(ha == hb);
    else
        assert_true(ha != hb);
    assert_true(ha == XXH3_hash_key(ka.data, ka.len));
    duet_buf_free(&ka);
    duet_buf_free(&kb);
}

#define CHECK(id, a, b, want) check3(id, a, strlen(a), b, strlen(b), want)

static void test_basic(void **state)
{
    (void)state;
    CHECK(TYPES_COLL_UTF8MB4_BIN, "a", "a   ", 0);
    CHECK(TYPES_COLL_UTF8MB4_BIN, "a", "A", 1);
    CHECK(TYPES_COLL_UTF8MB4_BIN, "", "   ", 0);
    CHECK(TYPES_COLL_BINARY, "a", "a ", -1);
    CHECK(TYPES_COLL_BINARY, "", "", 0);
    CHECK(TYPES_COLL_UTF8MB4_GENERAL_CI, "abc", "ABC", 0);
    CHECK(TYPES_COLL_UTF8MB4_GENERAL_CI, "résumé", "RESUME ", 0);
    CHECK(TYPES_COLL_UTF8MB4_GENERAL_CI, "ß", "s", 0);
    CHECK(TYPES_COLL_UTF8MB4_GENERAL_CI, "ß", "ss", -1);
    CHECK(TYPES_COLL_UTF8MB4_GENERAL_CI, "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x81", 0);
    CHECK(TYPES_COLL_UTF8MB4_UNICODE_CI, "ß", "ss", 0);
    CHECK(TYPES_COLL_UTF8MB4_UNICODE_CI, "Æ", "ae", 1); /* a letter of its own in UCA 4.0.0 */
    CHECK(TYPES_COLL_UTF8MB4_UNICODE_CI, "a\xC2\xA0", "a", 0); /* NBSP weighs as a space */
    CHECK(TYPES_COLL_UTF8MB4_UNICODE_CI,
          "a\xC2\xA0"
          "b",
          "a b", 0);
    CHECK(TYPES_COLL_UTF8MB4_UNICODE_CI, "a  b", "a b", -1);
    CHECK(TYPES_COLL_UTF8MB4_UNICODE_CI, "a", "b", -1);
    CHECK(TYPES_COLL_UTF8MB4_UNICODE_CI, "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x81", 0);
    CHECK(TYPES_COLL_UTF8MB4_UNICODE_CI, "中", "文", -1);
    /* TiDB's PAD SPACE: trailing spaces go, so a tab after them decides. */
    CHECK(TYPES_COLL_UTF8MB4_GENERAL_CI, "a", "a\t", -1);
    /* Invalid UTF-8 weighs as U+FFFD. */
    CHECK(TYPES_COLL_UTF8MB4_GENERAL_CI, "\xFF", "\xEF\xBF\xBD", 0);
    CHECK(TYPES_COLL_LATIN1_SWEDISH_CI, "abc", "ABC", 0);
    CHECK(TYPES_COLL_LATIN1_SWEDISH_CI, "\xE9", "E", 0); /* é */
    CHECK(TYPES_COLL_LATIN1_SWEDISH_CI, "\xFC", "Y", 0); /* ü sorts as Y in Swedish */
    CHECK(TYPES_COLL_LATIN1_BIN, "a ", "a", 0);
    CHECK(TYPES_COLL_ASCII_GENERAL_CI, "Hello", "hELLO  ", 0);
    CHECK(TYPES_COLL_ASCII_BIN, "Hello", "hello", -1);
    assert_null(types_coll_get(255));
    assert_true(types_coll_is_binary(types_coll_get(TYPES_COLL_BINARY)));
    assert_int_equal(types_coll_id(types_coll_get(224)), 224);
    uint32_t cp;
    assert_int_equal(types_utf8_decode("\xE4\xB8\xAD", 3, &cp), 3);
    assert_int_equal(cp, 0x4E2D);
    assert_int_equal(types_utf8_decode("\xE4\xB8", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(types_utf8_decode("\xC0\x80", 2, &cp), 1);     /* overlong */
    assert_int_equal(types_utf8_decode("\xED\xA0\x80", 3, &cp), 1); /* surrogate */
}

static int unhex(const char *h, char *out)
{
    int n = 0;
    for (; h[0] && h[1]; h += 2) {
        unsigned v;
        sscanf(h, "%2x", &v);
        out[n++] = (char)v;
    }
    return n;
}

static void test_mariadb_cases(void **state)
{
    (void)state;
    char path[1024];
    const char *src = getenv("DUET_TEST_SRC");
    snprintf(path, sizeof path, "%s/tests/unit/types/data/collation_cases.txt", src ? src : ".");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024], coll[1024], ha[1024], hb[1024], a[512], b[512];
    int want, n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        /* Empty hex fields are possible: split by tabs by hand. */
        char *p = line, *t1 = strchr(p, '\t'), *t2 = strchr(t1 + 1, '\t'),
             *t3 = strchr(t2 + 1, '\t');
        *t1 = *t2 = *t3 = '\0';
        snprintf(coll, sizeof coll, "%s", p);
        snprintf(ha, sizeof ha, "%s", t1 + 1);
        snprintf(hb, sizeof hb, "%s", t2 + 1);
        want = atoi(t3 + 1);
        int na = unhex(ha, a), nb = unhex(hb, b);
        check3((uint16_t)types_collation_id(coll), a, (size_t)na, b, (size_t)nb, want);
        n++;
    }
    fclose(f);
    assert_int_equal(n, 3000);
}

/* Random strings over a mixed alphabet: cmp, keys and hashes agree everywhere. */
static void test_random_agreement(void **state)
{
    (void)state;
    static const char *const alpha[] = {
        "a",  "A", "b", " ", "é", "E", "ß", "s", "S", "中", "ﬁ", "fi", "\xF0\x9F\x98\x80",
        "\t", "-", "0", "ø", "Ø"};
    static const uint16_t ids[] = {TYPES_COLL_BINARY,
                                   TYPES_COLL_UTF8MB4_BIN,
                                   TYPES_COLL_UTF8MB4_GENERAL_CI,
                                   TYPES_COLL_UTF8MB4_UNICODE_CI,
                                   TYPES_COLL_LATIN1_SWEDISH_CI,
                                   TYPES_COLL_ASCII_GENERAL_CI};
    srand(99);
    for (int i = 0; i < 20000; i++) {
        char a[64] = "", b[64] = "";
        int la = rand() % 5, lb = rand() % 5;
        for (int k = 0; k < la; k++)
            strcat(a, alpha[rand() % 18]);
        if (rand() % 2) {
            strcpy(b, a);
            lb = rand() % 2;
        }
        for (int k = 0; k < lb; k++)
            strcat(b, alpha[rand() % 18]);
        const types_collation_t *c = types_coll_get(ids[i % 6]);
        int r = types_coll_cmp(c, a, strlen(a), b, strlen(b));
        check3(ids[i % 6], a, strlen(a), b, strlen(b), r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_mariadb_cases),
        cmocka_unit_test(test_random_agreement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
