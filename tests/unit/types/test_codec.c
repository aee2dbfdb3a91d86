/* test_codec.c - unit tests for types/codec: key order preservation for every type, keys, row
 * values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "types/codec.h"
#include "types/collation.h"

static int sign(int x)
{
    return x < 0 ? -1 : (x > 0);
}

static int bufcmp(const duet_buf_t *a, const duet_buf_t *b)
{
    size_t m = a->len < b->len ? a->len : b->len;
    int c = m ? memcmp(a->data, b->data, m) : 0;
    return c ? sign(c) : (a->len < b->len ? -1 : (a->len > b->len));
}

static uint64_t rnd64(void)
{
    return ((uint64_t)rand() << 62) ^ ((uint64_t)rand() << 31) ^ (uint64_t)rand();
}

/* Encodes a and b, checks memcmp order == datum order, and (when roundtrip) that
 * decoding gives back an equal datum. */
static void check_pair(const types_datum_t *a, const types_datum_t *b, bool roundtrip,
                       duet_arena_t *arena)
{
    duet_buf_t ka = DUET_BUF_INIT, kb = DUET_BUF_INIT;
    types_key_encode_datum(&ka, a);
    types_key_encode_datum(&kb, b);
    int want = types_datum_cmp(a, b, NULL);
    int got = bufcmp(&ka, &kb);
    if (want != got) {
        duet_buf_t ta = DUET_BUF_INIT, tb = DUET_BUF_INIT;
        types_datum_to_text(a, &ta);
        types_datum_to_text(b, &tb);
        fail_msg("kind %d: order of '%s' vs '%s': datum %d, key %d", a->kind, ta.data, tb.data,
                 want, got);
    }
    if (roundtrip) {
        types_datum_t back;
        int n = types_key_decode_datum((const uint8_t *)ka.data, ka.len, arena, &back);
        assert_int_equal(n, (int)ka.len);
        if (a->kind == TYPES_K_TIME) {
            assert_true(back.u == a->time);
        } else if (a->kind == TYPES_K_STRING && a->collate != TYPES_COLL_BINARY) {
            duet_buf_t sk = DUET_BUF_INIT;
            types_coll_sortkey(types_coll_get(a->collate), a->ptr, a->len, &sk);
            assert_int_equal(back.len, sk.len);
            assert_memory_equal(back.ptr, sk.data ? sk.data : "", sk.len);
            duet_buf_free(&sk);
        } else {
            assert_int_equal(types_datum_cmp(&back, a, NULL), 0);
        }
        /* Every strict prefix is rejected. */
        for (size_t cut = 1; cut < ka.len; cut++) {
            if (a->kind == TYPES_K_STRING && cut == 1)
                continue; /* 0x01 alone is MIN */
            assert_int_equal(types_key_decode_datum((const uint8_t *)ka.data, cut, arena, &back),
                             -1);
        }
    }
    duet_buf_free(&ka);
    duet_buf_free(&kb);
}

static types_datum_t rand_datum(int kind, duet_arena_t *arena)
{
    switch (kind) {
    case 0: {
        int64_t v = (int64_t)rnd64();
        if (rand() % 3 == 0)
            v = rand() % 200 - 100;
        return types_datum_int(v);
    }
    case 1: {
        uint64_t v = rnd64();
        if (rand() % 3 == 0)
            v = (uint64_t)(rand() % 200);
        return types_datum_uint(v);
    }
    case 2: {
        static const double special[] = {0.0,   -0.0,   1.0,      -1.0,      1e-300, -1e-300,
                                         1e300, -1e300, INFINITY, -INFINITY, 5e-324, -5e-324};
        if (rand() % 4 == 0)
            return types_datum_double(special[rand() % 12]);
        double f = ((double)rand() / RAND_MAX - 0.5) * pow(10, rand() % 40 - 20);
        return types_datum_double(f);
    }
    case 3: {
        char s[80];
        int o = 0;
        if (rand() % 2)
            s[o++] = '-';
        int ni = rand() % (rand() % 4 == 0 ? 35 : 6), nf = rand() % 10;
        for (int i = 0; i < ni; i++)
            s[o++] = (char)('0' + (i == 0 ? 1 + rand() % 9 : rand() % 10));
        if (ni == 0)
            s[o++] = '0';
        if (nf) {
            s[o++] = '.';
            for (int i = 0; i < nf; i++)
                s[o++] = (char)('0' + (rand() % 2 ? 0 : rand() % 10));
        }
        types_decimal_t d;
        types_dec_from_string(s, (size_t)o, &d, NULL);
        return types_datum_decimal(&d);
    }
    case 4: {
        mytime_t t = {(uint16_t)(rand() % 10000),  (uint8_t)(rand() % 13), (uint8_t)(rand() % 32),
                      (uint8_t)(rand() % 24),      (uint8_t)(rand() % 60), (uint8_t)(rand() % 60),
                      (uint32_t)(rand() % 1000000)};
        return types_datum_time(&t, TYPES_TP_DATETIME, 6);
    }
    case 5:
        return types_datum_duration(
            (int64_t)(rnd64() % (2 * (uint64_t)MYTIME_DUR_MAX + 1)) - MYTIME_DUR_MAX, 6);
    default: {
        /* Bytes of lengths around the 8-byte group, with zeros and 0xFF. */
        size_t n = (size_t)(rand() % 20);
        char *p = duet_arena_alloc(arena, n + 1);
        for (size_t i = 0; i < n; i++) {
            int r = rand() % 4;
            p[i] = (char)(r == 0 ? 0 : (r == 1 ? 0xFF : 'a' + rand() % 3));
        }
        uint16_t coll = kind == 6   ? TYPES_COLL_BINARY
                        : kind == 7 ? TYPES_COLL_UTF8MB4_BIN
                                    : TYPES_COLL_UTF8MB4_GENERAL_CI;
        if (coll != TYPES_COLL_BINARY)
            for (size_t i = 0; i < n; i++)
                p[i] = " aAbB\xc3"[rand() % 5];
        return types_datum_string(p, n, coll);
    }
    }
}

static void test_order_preservation(void **state)
{
    (void)state;
    duet_arena_t *arena = duet_arena_create(0);
    srand(1234);
    for (int kind = 0; kind < 9; kind++) {
        for (int i = 0; i < 5000; i++) {
            types_datum_t a = rand_datum(kind, arena), b = rand_datum(kind, arena);
            if (i % 10 == 0)
                b = a;
            check_pair(&a, &b, true, arena);
            /* NULL and the bounds sort around every value. */
            types_datum_t nul = types_datum_null();
            types_datum_t mn = types_datum_null(), mx = types_datum_null();
            mn.kind = TYPES_K_MIN;
            mx.kind = TYPES_K_MAX;
            if (kind != 6) /* MIN shares the bytes flag; checked below for strings */
                check_pair(&nul, &a, false, arena);
            check_pair(&a, &mx, false, arena);
            if (kind >= 6)
                check_pair(&mn, &a, false, arena);
        }
        duet_arena_reset(arena);
    }
    /* unicode_ci keys follow the collation. */
    const char *words[] = {"a", "A", "ß", "ss", "b", "中", "", " ", "æ"};
    for (int i = 0; i < 9; i++)
        for (int j = 0; j < 9; j++) {
            types_datum_t a =
                types_datum_string(words[i], strlen(words[i]), TYPES_COLL_UTF8MB4_UNICODE_CI);
            types_datum_t b =
                types_datum_string(words[j], strlen(words[j]), TYPES_COLL_UTF8MB4_UNICODE_CI);
            check_pair(&a, &b, true, arena);
        }
    duet_arena_destroy(arena);
}

static void test_known_bytes(void **state)
{
    (void)state;
    duet_buf_t b = DUET_BUF_INIT;
    types_datum_t d = types_datum_int(-1);
    types_key_encode_datum(&b, &d);
    assert_memory_equal(b.data, "\x03\x7f\xff\xff\xff\xff\xff\xff\xff", 9);
    duet_buf_reset(&b);
    d = types_datum_string("abc", 3, TYPES_COLL_BINARY);
    types_key_encode_datum(&b, &d);
    assert_int_equal(b.len, 10);
    assert_memory_equal(b.data,
                        "\x01"
                        "abc\0\0\0\0\0\xfa",
                        10);
    duet_buf_reset(&b);
    d = types_datum_string("12345678", 8, TYPES_COLL_BINARY);
    types_key_encode_datum(&b, &d);
    assert_int_equal(b.len, 19);
    assert_memory_equal(b.data,
                        "\x01"
                        "12345678\xff\0\0\0\0\0\0\0\0\xf7",
                        19);
    duet_buf_reset(&b);
    types_key_record(&b, 1, 2);
    assert_int_equal(b.len, TYPES_RECORD_KEY_LEN);
    assert_memory_equal(b.data, "t\x80\0\0\0\0\0\0\x01_r\x80\0\0\0\0\0\0\x02", 19);
    int64_t t, h;
    assert_int_equal(types_key_decode_record((const uint8_t *)b.data, b.len, &t, &h), 0);
    assert_true(t == 1 && h == 2);
    assert_int_equal(types_key_decode_record((const uint8_t *)b.data, b.len - 1, &t, &h), -1);
    duet_buf_free(&b);
    uint8_t bad[] = {0x42, 0, 0};
    types_datum_t out;
    assert_int_equal(types_key_decode_datum(bad, 3, NULL, &out), -1);
    uint8_t badpad[] = {0x01, 'a', 'b', 0, 0, 0, 0, 1, 0, 0xFA}; /* non-zero padding */
    assert_int_equal(types_key_decode_datum(badpad, sizeof badpad, NULL, &out), -1);
}

static void test_keys_order(void **state)
{
    (void)state;
    srand(77);
    duet_arena_t *arena = duet_arena_create(0);
    for (int i = 0; i < 5000; i++) {
        int64_t t1 = rand() % 3, t2 = rand() % 3;
        int64_t h1 = (int64_t)rnd64(), h2 = i % 4 ? (int64_t)rnd64() : h1;
        duet_buf_t a = DUET_BUF_INIT, b = DUET_BUF_INIT;
        types_key_record(&a, t1, h1);
        types_key_record(&b, t2, h2);
        int want = t1 != t2 ? (t1 < t2 ? -1 : 1) : (h1 < h2 ? -1 : (h1 > h2));
        assert_int_equal(bufcmp(&a, &b), want);
        duet_buf_reset(&a);
        duet_buf_reset(&b);
        /* Composite index keys: (int, string) tuples then the handle. */
        types_datum_t va[2] = {types_datum_int(rand() % 5), rand_datum(6, arena)};
        types_datum_t vb[2] = {types_datum_int(rand() % 5), rand_datum(6, arena)};
        if (rand() % 3 == 0)
            vb[0] = va[0];
        if (rand() % 3 == 0)
            vb[1] = va[1];
        types_key_index(&a, 5, 1, va, 2, true, h1);
        types_key_index(&b, 5, 1, vb, 2, true, h2);
        int c = types_datum_cmp(&va[0], &vb[0], NULL);
        if (c == 0)
            c = types_datum_cmp(&va[1], &vb[1], NULL);
        if (c == 0)
            c = h1 < h2 ? -1 : (h1 > h2);
        assert_int_equal(bufcmp(&a, &b), c);
        int64_t tid, iid;
        assert_int_equal(types_key_decode_index_prefix((const uint8_t *)a.data, a.len, &tid, &iid),
                         19);
        assert_true(tid == 5 && iid == 1);
        types_datum_t d0, d1, dh;
        int off = 19;
        off +=
            types_key_decode_datum((const uint8_t *)a.data + off, a.len - (size_t)off, arena, &d0);
        off +=
            types_key_decode_datum((const uint8_t *)a.data + off, a.len - (size_t)off, arena, &d1);
        off +=
            types_key_decode_datum((const uint8_t *)a.data + off, a.len - (size_t)off, arena, &dh);
        assert_int_equal(off, (int)a.len);
        assert_true(d0.i == va[0].i && dh.i == h1);
        assert_int_equal(types_datum_cmp(&d1, &va[1], NULL), 0);
        duet_buf_free(&a);
        duet_buf_free(&b);
    }
    duet_arena_destroy(arena);
}

static void test_row_codec(void **state)
{
    (void)state;
    duet_arena_t *arena = duet_arena_create(0);
    static const char *const elems[] = {"x", "y", "z"};
    types_field_type_t fts[12];
    fts[0] = types_field_type_init(TYPES_TP_LONGLONG);
    fts[1] = types_field_type_init(TYPES_TP_LONGLONG);
    fts[1].flags |= TYPES_FLAG_UNSIGNED;
    fts[2] = types_field_type_init(TYPES_TP_DOUBLE);
    fts[3] = types_field_type_init(TYPES_TP_NEWDECIMAL);
    fts[4] = types_field_type_init(TYPES_TP_DATETIME);
    fts[4].decimal = 3;
    fts[5] = types_field_type_init(TYPES_TP_TIME);
    fts[6] = types_field_type_init(TYPES_TP_VARCHAR);
    fts[7] = types_field_type_init(TYPES_TP_ENUM);
    fts[7].elems = elems;
    fts[7].n_elems = 3;
    fts[8] = fts[7];
    fts[8].tp = TYPES_TP_SET;
    fts[9] = types_field_type_init(TYPES_TP_BIT);
    fts[10] = types_field_type_init(TYPES_TP_LONG); /* stored NULL */
    fts[11] = types_field_type_init(TYPES_TP_FLOAT);
    types_decimal_t dec;
    types_dec_from_string("-12345678901234567890.0625", 26, &dec, NULL);
    mytime_t t = {2024, 2, 29, 23, 59, 58, 123000};
    types_datum_t vals[12] = {
        types_datum_int(-300),
        types_datum_uint(UINT64_MAX),
        types_datum_double(-0.1),
        types_datum_decimal(&dec),
        types_datum_time(&t, TYPES_TP_DATETIME, 3),
        types_datum_duration(-MYTIME_DUR_MAX, 0),
        types_datum_string("héllo", 6, TYPES_COLL_UTF8MB4_BIN),
        types_datum_enum(2, "y", 1),
        types_datum_set(5, "x,z", 3),
        types_datum_bit(0x1234567),
        types_datum_null(),
        types_datum_float(1.5f),
    };
    int64_t ids[12] = {7, 3, 1, 2, 9, 4, 5, 6, 8, 10, 11, 12};
    duet_buf_t row = DUET_BUF_INIT;
    assert_int_equal(types_row_encode(&row, ids, vals, 12), 0);
    assert_int_equal((uint8_t)row.data[0], 128);
    assert_int_equal(row.data[1], 0);
    assert_int_equal(row.data[2], 11); /* non-NULL */
    assert_int_equal(row.data[4], 1);  /* NULL */
    assert_int_equal(row.data[6], 1);  /* smallest id first */
    types_datum_t out[13];
    int64_t want_ids[13];
    types_field_type_t want_fts[13];
    memcpy(want_ids, ids, sizeof ids);
    memcpy(want_fts, fts, sizeof fts);
    /* Column 13 was added after the row was written: it takes the default. */
    want_ids[12] = 13;
    want_fts[12] = types_field_type_init(TYPES_TP_LONG);
    types_datum_t defaults[13];
    for (int i = 0; i < 13; i++)
        defaults[i] = types_datum_null();
    defaults[12] = types_datum_int(42);
    assert_int_equal(types_row_decode((const uint8_t *)row.data, row.len, want_ids, want_fts,
                                      defaults, 13, arena, out),
                     0);
    for (int i = 0; i < 12; i++)
        if (types_datum_cmp(&out[i], &vals[i], NULL) != 0)
            fail_msg("column %d differs", i);
    assert_int_equal(out[10].kind, TYPES_K_NULL);
    assert_int_equal(out[12].i, 42);
    assert_int_equal(out[3].dec.frac, 4);
    assert_int_equal(out[11].kind, TYPES_K_FLOAT);
    duet_buf_t txt = DUET_BUF_INIT;
    types_datum_to_text(&out[8], &txt);
    assert_string_equal(txt.data, "x,z");
    duet_buf_free(&txt);
    /* Malformed and truncated rows fail cleanly. */
    for (size_t cut = 0; cut < row.len; cut++)
        assert_int_equal(types_row_decode((const uint8_t *)row.data, cut, want_ids, want_fts,
                                          defaults, 13, arena, out),
                         -1);
    /* Large ids switch to 4-byte ids and offsets. */
    int64_t big_ids[2] = {1000, 1};
    types_datum_t big_vals[2] = {types_datum_int(1), types_datum_string("v", 1, 46)};
    duet_buf_t row2 = DUET_BUF_INIT;
    assert_int_equal(types_row_encode(&row2, big_ids, big_vals, 2), 0);
    assert_int_equal(row2.data[1], 1);
    types_field_type_t f2[2] = {types_field_type_init(TYPES_TP_LONG),
                                types_field_type_init(TYPES_TP_VARCHAR)};
    assert_int_equal(
        types_row_decode((const uint8_t *)row2.data, row2.len, big_ids, f2, NULL, 2, arena, out),
        0);
    assert_int_equal(out[0].i, 1);
    assert_int_equal(out[1].len, 1);
    int64_t dup[2] = {1, 1};
    assert_int_equal(types_row_encode(&row2, dup, big_vals, 2), -1);
    /* An empty row. */
    duet_buf_t row3 = DUET_BUF_INIT;
    assert_int_equal(types_row_encode(&row3, NULL, NULL, 0), 0);
    assert_int_equal(row3.len, 6);
    assert_int_equal(
        types_row_decode((const uint8_t *)row3.data, row3.len, big_ids, f2, NULL, 2, arena, out),
        0);
    assert_int_equal(out[0].kind, TYPES_K_NULL);
    duet_buf_free(&row);
    duet_buf_free(&row2);
    duet_buf_free(&row3);
    duet_arena_destroy(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_preservation),
        cmocka_unit_test(test_known_bytes),
        cmocka_unit_test(test_keys_order),
        cmocka_unit_test(test_row_codec),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
