/* test_fuzz.c - random and mutated inputs through every types/ parser and decoder (run under
 * ASan/UBSan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "types/charset.h"
#include "types/codec.h"
#include "types/collation.h"
#include "types/convert.h"
#include "types/json.h"
#include "types/mytime.h"

static const char alphabet[] = "0123456789-:. T+eE/%\"{}[],abcYmdHisfjMpnul\t\xC3\xA9\xF0\x9F\x98";

static size_t rand_text(char *buf, size_t max)
{
    size_t n = (size_t)rand() % max;
    for (size_t i = 0; i < n; i++)
        buf[i] = rand() % 8 == 0 ? (char)(rand() % 256) : alphabet[rand() % (sizeof alphabet - 1)];
    return n;
}

static void test_text_parsers(void **state)
{
    (void)state;
    srand(2026);
    char buf[64];
    for (int i = 0; i < 100000; i++) {
        size_t n = rand_text(buf, sizeof buf);
        /* Each parser gets exactly n bytes: a copy with no terminator past them. */
        char *p = malloc(n ? n : 1);
        memcpy(p, buf, n);
        types_decimal_t d;
        types_dec_from_string(p, n, &d, NULL);
        char out[TYPES_DEC_STR_MAX];
        types_dec_to_string(&d, out);
        double f;
        types_str_to_double(p, n, &f);
        int64_t i64;
        types_str_to_int64(p, n, &i64);
        uint64_t u64;
        types_str_cast_int(p, n, &u64);
        mytime_t t;
        mytime_parse(p, n, MYTIME_DATETIME, 6, 0, &t);
        mytime_parse(p, n, MYTIME_DATE, 0, TYPES_MODE_DEFAULT, &t);
        int64_t dur;
        mytime_dur_parse(p, n, 6, &dur);
        int y;
        mytime_year_parse(p, n, &y);
        mytime_interval_t iv;
        mytime_interval_parse(p, n, (mytime_unit_t)(rand() % 20), &iv);
        int parts;
        mytime_str_to_date(p, n, "%Y-%m-%d %H:%i:%s.%f %p %j %M", 29, &t, &parts);
        mytime_str_to_date("2020-01-02", 10, p, n, &t, &parts);
        duet_buf_t b = DUET_BUF_INIT;
        if (types_json_parse(p, n, &b, NULL) == TYPES_OK) {
            assert_int_equal(types_json_valid((const uint8_t *)b.data, b.len), 0);
            duet_buf_t txt = DUET_BUF_INIT, ex = DUET_BUF_INIT;
            types_json_to_text((const uint8_t *)b.data, b.len, &txt);
            types_json_extract((const uint8_t *)b.data, b.len, "$[0].a", 6, &ex);
            duet_buf_free(&txt);
            duet_buf_free(&ex);
        }
        duet_buf_reset(&b);
        types_json_extract((const uint8_t *)"\x04\x00", 2, p, n, &b);
        duet_buf_reset(&b);
        types_charset_convert(TYPES_CS_UTF8MB4, TYPES_CS_LATIN1, p, n, &b);
        types_charset_valid_prefix(TYPES_CS_UTF8MB3, p, n);
        static const uint16_t colls[] = {45, 46, 224, 8, 11, 63};
        const types_collation_t *c = types_coll_get(colls[i % 6]);
        types_coll_sortkey(c, p, n, &b);
        types_coll_hash(c, p, n, 1);
        types_coll_cmp(c, p, n, buf, n / 2);
        duet_buf_free(&b);
        free(p);
    }
}

static void test_binary_decoders(void **state)
{
    (void)state;
    srand(7);
    duet_arena_t *arena = duet_arena_create(0);
    uint8_t buf[96];
    types_field_type_t fts[4] = {
        types_field_type_init(TYPES_TP_LONGLONG), types_field_type_init(TYPES_TP_NEWDECIMAL),
        types_field_type_init(TYPES_TP_VARCHAR), types_field_type_init(TYPES_TP_DATETIME)};
    int64_t ids[4] = {1, 2, 3, 4};
    /* A valid row and a valid key to mutate. */
    types_decimal_t d;
    types_dec_from_string("-12.5", 5, &d, NULL);
    types_datum_t vals[4] = {types_datum_int(5), types_datum_decimal(&d),
                             types_datum_string("abc", 3, 46), types_datum_int(0)};
    mytime_t t = {2020, 1, 2, 3, 4, 5, 6};
    vals[3] = types_datum_time(&t, TYPES_TP_DATETIME, 6);
    duet_buf_t row = DUET_BUF_INIT, key = DUET_BUF_INIT;
    types_row_encode(&row, ids, vals, 4);
    for (int i = 0; i < 4; i++)
        types_key_encode_datum(&key, &vals[i]);
    for (int i = 0; i < 200000; i++) {
        size_t n;
        int mode = rand() % 3;
        if (mode == 0) {
            n = (size_t)rand() % sizeof buf;
            for (size_t k = 0; k < n; k++)
                buf[k] = (uint8_t)rand();
        } else {
            const duet_buf_t *src = mode == 1 ? &row : &key;
            n = src->len < sizeof buf ? src->len : sizeof buf;
            memcpy(buf, src->data, n);
            for (int k = rand() % 3; k >= 0; k--)
                buf[(size_t)rand() % n] = (uint8_t)rand();
            n = (size_t)rand() % (n + 1);
        }
        uint8_t *p = malloc(n ? n : 1);
        memcpy(p, buf, n);
        types_datum_t out[4];
        types_row_decode(p, n, ids, fts, NULL, 4, arena, out);
        types_datum_t one;
        size_t off = 0;
        for (int k = 0; k < 6 && off < n; k++) {
            int used = types_key_decode_datum(p + off, n - off, arena, &one);
            if (used <= 0)
                break;
            off += (size_t)used;
        }
        types_decimal_t dd;
        types_dec_from_key(p, n, &dd);
        if (n >= (size_t)types_dec_bin_size(20, 5))
            types_dec_from_bin(p, 20, 5, &dd);
        if (types_json_valid(p, n) == 0) {
            duet_buf_t txt = DUET_BUF_INIT;
            types_json_to_text(p, n, &txt);
            duet_buf_free(&txt);
        }
        int64_t a, b;
        types_key_decode_record(p, n, &a, &b);
        types_key_decode_index_prefix(p, n, &a, &b);
        free(p);
        if (i % 1000 == 0)
            duet_arena_reset(arena);
    }
    duet_buf_free(&row);
    duet_buf_free(&key);
    duet_arena_destroy(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_parsers),
        cmocka_unit_test(test_binary_decoders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
