/* decimal.c - MySQL DECIMAL arithmetic: __int128 fast paths, 640-bit wide path, text/binary/key
 * forms. */
#include "types/decimal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types/field_type.h"

typedef unsigned __int128 u128;

#define BIG_LIMBS 10
/* big_t: an unsigned 640-bit integer, little-endian limbs (192 decimal digits). */
typedef struct big {
    uint64_t w[BIG_LIMBS];
} big_t;

static const uint64_t pow10_64[20] = {1ull,
                                      10ull,
                                      100ull,
                                      1000ull,
                                      10000ull,
                                      100000ull,
                                      1000000ull,
                                      10000000ull,
                                      100000000ull,
                                      1000000000ull,
                                      10000000000ull,
                                      100000000000ull,
                                      1000000000000ull,
                                      10000000000000ull,
                                      100000000000000ull,
                                      1000000000000000ull,
                                      10000000000000000ull,
                                      100000000000000000ull,
                                      1000000000000000000ull,
                                      10000000000000000000ull};

/* 10^k for k <= 38. */
static u128 pow10_128(int k)
{
    assert(k >= 0 && k <= 38);
    if (k <= 19)
        return pow10_64[k];
    return (u128)pow10_64[19] * pow10_64[k - 19];
}

/* ---- 640-bit helpers ---- */

static void big_from_dec(const types_decimal_t *d, big_t *b)
{
    memset(b, 0, sizeof *b);
    memcpy(b->w, d->w, sizeof d->w);
}

static bool big_is_zero(const big_t *a)
{
    for (int i = 0; i < BIG_LIMBS; i++)
        if (a->w[i])
            return false;
    return true;
}

static int big_cmp(const big_t *a, const big_t *b)
{
    for (int i = BIG_LIMBS - 1; i >= 0; i--) {
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    }
    return 0;
}

static void big_add(const big_t *a, const big_t *b, big_t *out)
{
    u128 carry = 0;
    for (int i = 0; i < BIG_LIMBS; i++) {
        carry += (u128)a->w[i] + b->w[i];
        out->w[i] = (uint64_t)carry;
        carry >>= 64;
    }
}

/* out = a - b, requires a >= b. */
static void big_sub(const big_t *a, const big_t *b, big_t *out)
{
    uint64_t borrow = 0;
    for (int i = 0; i < BIG_LIMBS; i++) {
        uint64_t x = a->w[i], y = b->w[i];
        uint64_t r = x - y - borrow;
        borrow = (x < y) || (x == y && borrow) ? 1 : 0;
        out->w[i] = r;
    }
}

/* a *= m; returns the carry out of the top limb (0 when the product fits). */
static uint64_t big_mul_small(big_t *a, uint64_t m)
{
    u128 carry = 0;
    for (int i = 0; i < BIG_LIMBS; i++) {
        carry += (u128)a->w[i] * m;
        a->w[i] = (uint64_t)carry;
        carry >>= 64;
    }
    return (uint64_t)carry;
}

static void big_add_small(big_t *a, uint64_t v)
{
    for (int i = 0; i < BIG_LIMBS && v; i++) {
        a->w[i] += v;
        v = a->w[i] < v ? 1 : 0;
    }
}

/* a /= d; returns the remainder. */
static uint64_t big_divmod_small(big_t *a, uint64_t d)
{
    u128 rem = 0;
    int top = BIG_LIMBS - 1;
    while (top > 0 && a->w[top] == 0)
        top--;
    for (int i = top; i >= 0; i--) {
        u128 cur = (rem << 64) | a->w[i];
        a->w[i] = (uint64_t)(cur / d);
        rem = cur % d;
    }
    return (uint64_t)rem;
}

/* a *= 10^k; returns false if the product overflowed 640 bits. */
static bool big_mul_pow10(big_t *a, int k)
{
    while (k > 0) {
        int step = k > 19 ? 19 : k;
        if (big_mul_small(a, pow10_64[step]) != 0)
            return false;
        k -= step;
    }
    return true;
}

/* out = a * b; both operands below 2^320 so the product fits. */
static void big_mul(const big_t *a, const big_t *b, big_t *out)
{
    big_t r;
    memset(&r, 0, sizeof r);
    for (int i = 0; i < BIG_LIMBS; i++) {
        if (!a->w[i])
            continue;
        u128 carry = 0;
        for (int j = 0; i + j < BIG_LIMBS; j++) {
            carry += (u128)a->w[i] * b->w[j] + r.w[i + j];
            r.w[i + j] = (uint64_t)carry;
            carry >>= 64;
        }
    }
    *out = r;
}

static int big_bits(const big_t *a)
{
    for (int i = BIG_LIMBS - 1; i >= 0; i--)
        if (a->w[i])
            return i * 64 + 64 - __builtin_clzll(a->w[i]);
    return 0;
}

/* q = n / d, r = n % d; d != 0. One-limb divisors divide limb by limb; wider
 * ones by shift and subtract (the rare slow path). */
static void big_divmod(const big_t *n, const big_t *d, big_t *q, big_t *r)
{
    bool one_limb = true;
    for (int i = 1; i < BIG_LIMBS && one_limb; i++)
        one_limb = d->w[i] == 0;
    if (one_limb) {
        big_t quo = *n;
        uint64_t rm = big_divmod_small(&quo, d->w[0]);
        if (q)
            *q = quo;
        if (r) {
            memset(r, 0, sizeof *r);
            r->w[0] = rm;
        }
        return;
    }
    big_t quo, rem;
    memset(&quo, 0, sizeof quo);
    memset(&rem, 0, sizeof rem);
    for (int bit = big_bits(n) - 1; bit >= 0; bit--) {
        for (int i = BIG_LIMBS - 1; i > 0; i--)
            rem.w[i] = (rem.w[i] << 1) | (rem.w[i - 1] >> 63);
        rem.w[0] = (rem.w[0] << 1) | ((n->w[bit / 64] >> (bit % 64)) & 1);
        if (big_cmp(&rem, d) >= 0) {
            big_sub(&rem, d, &rem);
            quo.w[bit / 64] |= 1ull << (bit % 64);
        }
    }
    if (q)
        *q = quo;
    if (r)
        *r = rem;
}

/* Decimal digits of a, most significant first, no leading zeros; "" for zero.
 * buf holds at least 160 bytes. Returns the count. */
static int big_to_digits(const big_t *a, char *buf)
{
    char tmp[224];
    int n = 0;
    big_t x = *a;
    while (!big_is_zero(&x)) {
        uint64_t chunk = big_divmod_small(&x, pow10_64[19]);
        for (int i = 0; i < 19; i++) {
            tmp[n++] = (char)('0' + chunk % 10);
            chunk /= 10;
        }
    }
    while (n > 0 && tmp[n - 1] == '0')
        n--;
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

/* Decimal digits of a (0 for zero), from its bit length and one power of ten. */
static int big_digits(const big_t *a)
{
    int bits = big_bits(a);
    if (bits == 0)
        return 0;
    /* a >= 2^(bits-1), so it has at least est digits and at most est + 1. */
    int est = (int)((bits - 1) * 0.30102999566398119521) + 1;
    big_t p;
    memset(&p, 0, sizeof p);
    p.w[0] = 1;
    if (!big_mul_pow10(&p, est))
        return est;
    return big_cmp(a, &p) >= 0 ? est + 1 : est;
}

/* ---- building results ---- */

static void set_max(types_decimal_t *out, int digits, int frac, bool neg)
{
    big_t m;
    memset(&m, 0, sizeof m);
    m.w[0] = 1;
    big_mul_pow10(&m, digits);
    big_t one;
    memset(&one, 0, sizeof one);
    one.w[0] = 1;
    big_sub(&m, &one, &m);
    memcpy(out->w, m.w, sizeof out->w);
    out->frac = (uint8_t)frac;
    out->neg = neg;
}

/* Drops k (>0) low digits of m, rounding by mode; sets *lost when non-zero digits
 * were dropped. */
static void big_drop_digits(big_t *m, int k, bool neg, types_dec_round_mode_t mode, bool *lost)
{
    big_t p, q, r;
    memset(&p, 0, sizeof p);
    p.w[0] = 1;
    big_mul_pow10(&p, k);
    big_divmod(m, &p, &q, &r);
    bool nonzero = !big_is_zero(&r);
    bool up = false;
    switch (mode) {
    case TYPES_ROUND_HALF_UP: {
        big_t half = p;
        big_divmod_small(&half, 2);
        up = big_cmp(&r, &half) >= 0;
        break;
    }
    case TYPES_ROUND_TRUNCATE:
        break;
    case TYPES_ROUND_CEIL:
        up = nonzero && !neg;
        break;
    case TYPES_ROUND_FLOOR:
        up = nonzero && neg;
        break;
    }
    if (up)
        big_add_small(&q, 1);
    *m = q;
    if (lost)
        *lost = nonzero;
}

/* MySQL's decimal buffer: DEC_WORDS words of 9 digits. */
#define DEC_WORDS     9
#define WORDS(digits) (((digits) + 8) / 9)

/* finish: stores magnitude m with scale frac (may exceed 30) into out, applying
 * the 30-digit scale and 65-digit precision limits. */
static types_status_t finish(big_t *m, int frac, bool neg, types_decimal_t *out)
{
    types_status_t st = TYPES_OK;
    bool lost = false;
    if (frac > TYPES_MAX_DECIMAL_SCALE) {
        big_drop_digits(m, frac - TYPES_MAX_DECIMAL_SCALE, neg, TYPES_ROUND_HALF_UP, &lost);
        frac = TYPES_MAX_DECIMAL_SCALE;
        if (lost)
            st = TYPES_TRUNCATED;
    }
    /* MySQL holds a value in 9 words of 9 digits, integer and fraction words
     * apart. Below 2^215 < 10^65 any split fits, so skip counting. */
    if (big_bits(m) > 215) {
        int intg = big_digits(m) - frac;
        if (intg < 0)
            intg = 0;
        if (WORDS(intg) > DEC_WORDS) {
            set_max(out, TYPES_DEC_MAX_DIGITS, 0, neg);
            return TYPES_OUT_OF_RANGE;
        }
        int room = (DEC_WORDS - WORDS(intg)) * 9;
        if (frac > room) {
            big_drop_digits(m, frac - room, neg, TYPES_ROUND_HALF_UP, &lost);
            frac = room;
            if (lost)
                st = types_status_worse(st, TYPES_TRUNCATED);
            int after = big_digits(m) - frac;
            if (WORDS(after) > DEC_WORDS) {
                set_max(out, TYPES_DEC_MAX_DIGITS, 0, neg);
                return TYPES_OUT_OF_RANGE;
            }
        }
    }
    memcpy(out->w, m->w, sizeof out->w);
    out->frac = (uint8_t)frac;
    out->neg = neg && !big_is_zero(m);
    return st;
}

static bool fits128(const types_decimal_t *d)
{
    return (d->w[2] | d->w[3] | d->w[4]) == 0;
}

static u128 get128(const types_decimal_t *d)
{
    return ((u128)d->w[1] << 64) | d->w[0];
}

static void set128(types_decimal_t *d, u128 v, int frac, bool neg)
{
    d->w[0] = (uint64_t)v;
    d->w[1] = (uint64_t)(v >> 64);
    d->w[2] = d->w[3] = d->w[4] = 0;
    d->frac = (uint8_t)frac;
    d->neg = neg && v != 0;
}

/* ---- public API ---- */

types_decimal_t types_dec_zero(int frac)
{
    types_decimal_t d;
    memset(&d, 0, sizeof d);
    d.frac = (uint8_t)frac;
    return d;
}

bool types_dec_is_zero(const types_decimal_t *d)
{
    return (d->w[0] | d->w[1] | d->w[2] | d->w[3] | d->w[4]) == 0;
}

types_decimal_t types_dec_from_uint64(uint64_t v)
{
    types_decimal_t d = types_dec_zero(0);
    d.w[0] = v;
    return d;
}

types_decimal_t types_dec_from_int64(int64_t v)
{
    types_decimal_t d = types_dec_zero(0);
    d.w[0] = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    d.neg = v < 0;
    return d;
}

types_decimal_t types_dec_neg(const types_decimal_t *a)
{
    types_decimal_t d = *a;
    d.neg = !a->neg && !types_dec_is_zero(a);
    return d;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

types_status_t types_dec_from_string(const char *s, size_t len, types_decimal_t *out,
                                     size_t *end_pos)
{
    size_t i = 0;
    *out = types_dec_zero(0);
    while (i < len && is_space(s[i]))
        i++;
    bool neg = false;
    if (i < len && (s[i] == '-' || s[i] == '+')) {
        neg = s[i] == '-';
        i++;
    }
    size_t int_start = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    size_t int_end = i, frac_start = i, frac_end = i;
    if (i < len && s[i] == '.') {
        frac_start = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        frac_end = i;
    }
    if (int_end == int_start && frac_end == frac_start) {
        if (end_pos)
            *end_pos = 0;
        return TYPES_BAD_VALUE;
    }
    long exp = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        bool eneg = false;
        if (j < len && (s[j] == '-' || s[j] == '+')) {
            eneg = s[j] == '-';
            j++;
        }
        if (j < len && s[j] >= '0' && s[j] <= '9') {
            while (j < len && s[j] >= '0' && s[j] <= '9') {
                if (exp < 100000)
                    exp = exp * 10 + (s[j] - '0');
                j++;
            }
            if (eneg)
                exp = -exp;
            i = j;
        }
    }
    if (end_pos)
        *end_pos = i;
    types_status_t st = TYPES_OK;
    for (size_t k = i; k < len; k++)
        if (!is_space(s[k])) {
            st = TYPES_TRUNCATED;
            break;
        }

    /* Position 0 is the first significant (non-zero) digit as written; nint is the
     * number of positions before the decimal point after the exponent shift. */
    while (int_start < int_end && s[int_start] == '0')
        int_start++;
    long nfrac = (long)(frac_end - frac_start) - exp;
    long nint = (long)(int_end - int_start) + exp;
    if (int_start == int_end) {
        while (frac_start < frac_end && s[frac_start] == '0') {
            frac_start++;
            nint--;
        }
    }
    int keep_frac =
        nfrac < 0 ? 0 : (nfrac > TYPES_MAX_DECIMAL_SCALE ? TYPES_MAX_DECIMAL_SCALE : (int)nfrac);
    if (int_start == int_end && frac_start == frac_end) {
        *out = types_dec_zero(keep_frac);
        return st;
    }
    if (nint > TYPES_DEC_MAX_DIGITS) {
        set_max(out, TYPES_DEC_MAX_DIGITS, 0, neg);
        return TYPES_OUT_OF_RANGE;
    }
    /* Fraction digits beyond the words the integer part leaves are cut, not
     * rounded, as MySQL's parser reads only what its buffer holds. */
    bool cut = false;
    int room = (DEC_WORDS - WORDS(nint > 0 ? (int)nint : 0)) * 9;
    if (keep_frac > room) {
        keep_frac = room;
        cut = true;
    }
    /* Digit at position p (0 = first significant integer digit as written). */
    size_t nd_int = int_end - int_start, nd_frac = frac_end - frac_start;
#define DIGIT_AT(p)                                                                                \
    ((p) < nd_int ? s[int_start + (p)] - '0'                                                       \
                  : ((p)-nd_int < nd_frac ? s[frac_start + (p)-nd_int] - '0' : 0))
    size_t total_written = nd_int + nd_frac;
    /* The kept digits run from written position 0 (or earlier, as zeros, when nint<0)
     * to position nint + keep_frac - 1. */
    long last = nint + keep_frac; /* exclusive end, in written positions */
    big_t m;
    memset(&m, 0, sizeof m);
    for (long p = 0; p < last; p++) {
        int dg = p < (long)total_written ? DIGIT_AT((size_t)p) : 0;
        big_mul_small(&m, 10);
        big_add_small(&m, (uint64_t)dg);
    }
    /* Round half up on the first dropped digit, note lost non-zero digits. */
    if (last < (long)total_written) {
        long first = last < 0 ? -1 : last; /* when last < 0 every digit is dropped */
        int dg = first >= 0 ? DIGIT_AT((size_t)first) : 0;
        bool lost = false;
        for (long p = first < 0 ? 0 : first; p < (long)total_written && !lost; p++)
            lost = DIGIT_AT((size_t)p) != 0;
        if (first >= 0 && dg >= 5 && !cut)
            big_add_small(&m, 1);
        if (lost)
            st = types_status_worse(st, TYPES_TRUNCATED);
    }
#undef DIGIT_AT
    types_status_t fs = finish(&m, keep_frac, neg, out);
    return types_status_worse(st, fs);
}

size_t types_dec_to_string(const types_decimal_t *d, char *buf)
{
    big_t m;
    big_from_dec(d, &m);
    char digits[224];
    int n = big_to_digits(&m, digits);
    size_t o = 0;
    if (d->neg)
        buf[o++] = '-';
    int frac = d->frac;
    int intd = n - frac;
    if (intd <= 0) {
        buf[o++] = '0';
    } else {
        memcpy(buf + o, digits, (size_t)intd);
        o += (size_t)intd;
    }
    if (frac > 0) {
        buf[o++] = '.';
        for (int k = intd; k < 0; k++)
            buf[o++] = '0';
        int from = intd < 0 ? 0 : intd;
        memcpy(buf + o, digits + from, (size_t)(n - from));
        o += (size_t)(n - from);
    }
    buf[o] = '\0';
    return o;
}

types_status_t types_dec_round(const types_decimal_t *a, int frac, types_dec_round_mode_t mode,
                               types_decimal_t *out)
{
    if (frac > TYPES_MAX_DECIMAL_SCALE)
        frac = TYPES_MAX_DECIMAL_SCALE;
    if (frac < -TYPES_DEC_MAX_DIGITS)
        frac = -TYPES_DEC_MAX_DIGITS;
    big_t m;
    big_from_dec(a, &m);
    if (frac >= a->frac) {
        big_mul_pow10(&m, frac - a->frac);
        return finish(&m, frac, a->neg, out) == TYPES_OUT_OF_RANGE ? TYPES_OUT_OF_RANGE : TYPES_OK;
    }
    big_drop_digits(&m, a->frac - frac, a->neg, mode, NULL);
    int res_frac = frac;
    if (frac < 0) {
        big_mul_pow10(&m, -frac);
        res_frac = 0;
    }
    return finish(&m, res_frac, a->neg, out) == TYPES_OUT_OF_RANGE ? TYPES_OUT_OF_RANGE : TYPES_OK;
}

types_status_t types_dec_fit(const types_decimal_t *a, int prec, int frac, types_decimal_t *out)
{
    assert(prec >= 1 && prec <= TYPES_MAX_DECIMAL_PREC && frac >= 0 && frac <= prec);
    types_status_t st = TYPES_OK;
    types_decimal_t r;
    if (frac < a->frac) {
        big_t m;
        big_from_dec(a, &m);
        bool lost = false;
        big_drop_digits(&m, a->frac - frac, a->neg, TYPES_ROUND_HALF_UP, &lost);
        finish(&m, frac, a->neg, &r);
        if (lost)
            st = TYPES_TRUNCATED;
    } else {
        types_dec_round(a, frac, TYPES_ROUND_HALF_UP, &r);
    }
    big_t m;
    big_from_dec(&r, &m);
    if (big_digits(&m) > prec) {
        set_max(out, prec, frac, a->neg);
        return TYPES_OUT_OF_RANGE;
    }
    *out = r;
    return st;
}

/* Aligns a and b to the same scale as 640-bit magnitudes. */
static int align(const types_decimal_t *a, const types_decimal_t *b, big_t *ma, big_t *mb)
{
    big_from_dec(a, ma);
    big_from_dec(b, mb);
    int frac = a->frac > b->frac ? a->frac : b->frac;
    big_mul_pow10(ma, frac - a->frac);
    big_mul_pow10(mb, frac - b->frac);
    return frac;
}

/* Fast alignment: both scaled magnitudes as u128; false if either overflows. */
static bool align128(const types_decimal_t *a, const types_decimal_t *b, u128 *x, u128 *y,
                     int *frac)
{
    if (!fits128(a) || !fits128(b))
        return false;
    int f = a->frac > b->frac ? a->frac : b->frac;
    u128 va = get128(a), vb = get128(b);
    if (__builtin_mul_overflow(va, pow10_128(f - a->frac), x))
        return false;
    if (__builtin_mul_overflow(vb, pow10_128(f - b->frac), y))
        return false;
    *frac = f;
    return true;
}

int types_dec_cmp(const types_decimal_t *a, const types_decimal_t *b)
{
    bool az = types_dec_is_zero(a), bz = types_dec_is_zero(b);
    int sa = az ? 0 : (a->neg ? -1 : 1), sb = bz ? 0 : (b->neg ? -1 : 1);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    int c;
    u128 x, y;
    int f;
    if (align128(a, b, &x, &y, &f)) {
        c = x < y ? -1 : (x > y ? 1 : 0);
    } else {
        big_t ma, mb;
        align(a, b, &ma, &mb);
        c = big_cmp(&ma, &mb);
    }
    return sa < 0 ? -c : c;
}

/* a + b when sub is false, a - b when true. */
static types_status_t add_sub(const types_decimal_t *a, const types_decimal_t *b, bool sub,
                              types_decimal_t *out)
{
    bool bneg = sub ? !b->neg : b->neg;
    u128 x, y;
    int f;
    if (align128(a, b, &x, &y, &f)) {
        if (a->neg == bneg) {
            u128 s;
            if (!__builtin_add_overflow(x, y, &s)) {
                set128(out, s, f, a->neg);
                return TYPES_OK;
            }
        } else {
            if (x >= y)
                set128(out, x - y, f, a->neg);
            else
                set128(out, y - x, f, bneg);
            return TYPES_OK;
        }
    }
    big_t ma, mb, r;
    f = align(a, b, &ma, &mb);
    bool neg;
    types_status_t st = TYPES_OK;
    for (int pass = 0;; pass++) {
        if (a->neg == bneg) {
            big_add(&ma, &mb, &r);
            neg = a->neg;
        } else if (big_cmp(&ma, &mb) >= 0) {
            big_sub(&ma, &mb, &r);
            neg = a->neg;
        } else {
            big_sub(&mb, &ma, &r);
            neg = bneg;
        }
        if (pass > 0 || big_bits(&r) <= 215)
            break;
        /* When the integer words leave no room for the whole fraction, MySQL adds
         * only the fraction words that fit: the operands are truncated first. */
        int intg = big_digits(&r) - f;
        int room = WORDS(intg < 0 ? 0 : intg) > DEC_WORDS
                       ? 0
                       : (DEC_WORDS - WORDS(intg < 0 ? 0 : intg)) * 9;
        if (f <= room)
            break;
        bool lost_a = false, lost_b = false;
        big_drop_digits(&ma, f - room, false, TYPES_ROUND_TRUNCATE, &lost_a);
        big_drop_digits(&mb, f - room, false, TYPES_ROUND_TRUNCATE, &lost_b);
        if (lost_a || lost_b)
            st = TYPES_TRUNCATED;
        f = room;
    }
    return types_status_worse(st, finish(&r, f, neg, out));
}

types_status_t types_dec_add(const types_decimal_t *a, const types_decimal_t *b,
                             types_decimal_t *out)
{
    return add_sub(a, b, false, out);
}

types_status_t types_dec_sub(const types_decimal_t *a, const types_decimal_t *b,
                             types_decimal_t *out)
{
    return add_sub(a, b, true, out);
}

types_status_t types_dec_mul(const types_decimal_t *a, const types_decimal_t *b,
                             types_decimal_t *out)
{
    bool neg = a->neg != b->neg;
    int frac = a->frac + b->frac;
    if (fits128(a) && fits128(b) && frac <= TYPES_MAX_DECIMAL_SCALE) {
        u128 p;
        if (!__builtin_mul_overflow(get128(a), get128(b), &p)) {
            set128(out, p, frac, neg);
            return TYPES_OK;
        }
    }
    big_t ma, mb, r;
    big_from_dec(a, &ma);
    big_from_dec(b, &mb);
    big_mul(&ma, &mb, &r);
    return finish(&r, frac, neg, out);
}

types_status_t types_dec_div(const types_decimal_t *a, const types_decimal_t *b, int incr,
                             types_decimal_t *out)
{
    if (types_dec_is_zero(b)) {
        *out = types_dec_zero(0);
        return TYPES_DIV_ZERO;
    }
    bool neg = a->neg != b->neg;
    int rf = a->frac + incr;
    if (rf > TYPES_MAX_DECIMAL_SCALE)
        rf = TYPES_MAX_DECIMAL_SCALE;
    /* MySQL computes the quotient to a whole number of 9-digit words of fraction
     * (Q digits below) and then rounds half up to rf; when Q == rf there is no
     * digit left to round by, so the quotient is truncated. Rounding on the first
     * dropped digit is the same as rounding the truncated longer quotient. */
    int f1w = (a->frac + 8) / 9 * 9, f2w = (b->frac + 8) / 9 * 9;
    int si = incr - (f1w - a->frac) - (f2w - b->frac);
    if (si < 0)
        si = 0;
    int q_digits = (f1w + f2w + si + 8) / 9 * 9;
    bool round_up_allowed = q_digits > rf;
    /* quotient = a_coef * 10^(fb + rf - fa) / b_coef */
    int e = b->frac + rf - a->frac;
    if (fits128(a) && fits128(b) && e >= 0 && e <= 38) {
        u128 num, den = get128(b);
        if (!__builtin_mul_overflow(get128(a), pow10_128(e), &num)) {
            u128 q = num / den, r = num % den;
            if (round_up_allowed && r >= den - r)
                q++;
            set128(out, q, rf, neg);
            return TYPES_OK;
        }
    }
    big_t num, den, q, r;
    big_from_dec(a, &num);
    big_from_dec(b, &den);
    if (e >= 0)
        big_mul_pow10(&num, e);
    else
        big_mul_pow10(&den, -e);
    big_divmod(&num, &den, &q, &r);
    big_t twice_r;
    big_add(&r, &r, &twice_r);
    if (round_up_allowed && big_cmp(&twice_r, &den) >= 0)
        big_add_small(&q, 1);
    return finish(&q, rf, neg, out);
}

types_status_t types_dec_mod(const types_decimal_t *a, const types_decimal_t *b,
                             types_decimal_t *out)
{
    if (types_dec_is_zero(b)) {
        *out = types_dec_zero(0);
        return TYPES_DIV_ZERO;
    }
    u128 x, y;
    int f;
    if (align128(a, b, &x, &y, &f)) {
        set128(out, x % y, f, a->neg);
        return TYPES_OK;
    }
    big_t ma, mb, r;
    f = align(a, b, &ma, &mb);
    big_divmod(&ma, &mb, NULL, &r);
    return finish(&r, f, a->neg, out);
}

types_status_t types_dec_to_int64(const types_decimal_t *d, int64_t *out)
{
    types_decimal_t r;
    types_dec_round(d, 0, TYPES_ROUND_HALF_UP, &r);
    if (!fits128(&r) || r.w[1] != 0 || r.w[0] > (uint64_t)INT64_MAX + (r.neg ? 1 : 0)) {
        *out = r.neg ? INT64_MIN : INT64_MAX;
        return TYPES_OUT_OF_RANGE;
    }
    *out = r.neg ? (int64_t)(0 - r.w[0]) : (int64_t)r.w[0];
    return TYPES_OK;
}

types_status_t types_dec_to_uint64(const types_decimal_t *d, uint64_t *out)
{
    types_decimal_t r;
    types_dec_round(d, 0, TYPES_ROUND_HALF_UP, &r);
    if (r.neg) {
        *out = 0;
        return TYPES_OUT_OF_RANGE;
    }
    if (!fits128(&r) || r.w[1] != 0) {
        *out = UINT64_MAX;
        return TYPES_OUT_OF_RANGE;
    }
    *out = r.w[0];
    return TYPES_OK;
}

bool types_dec_to_scaled128(const types_decimal_t *d, int scale, __int128 *out)
{
    types_decimal_t r;
    if (types_dec_round(d, scale, TYPES_ROUND_HALF_UP, &r) != TYPES_OK || !fits128(&r))
        return false;
    u128 v = get128(&r);
    if (v >= pow10_128(38))
        return false;
    *out = r.neg ? -(__int128)v : (__int128)v;
    return true;
}

types_decimal_t types_dec_from_scaled128(__int128 v, int scale)
{
    types_decimal_t d;
    u128 mag = v < 0 ? (u128)0 - (u128)v : (u128)v;
    set128(&d, mag, scale, v < 0);
    return d;
}

double types_dec_to_double(const types_decimal_t *d)
{
    char buf[TYPES_DEC_STR_MAX];
    types_dec_to_string(d, buf);
    return strtod(buf, NULL);
}

types_status_t types_dec_from_double(double v, types_decimal_t *out)
{
    if (!isfinite(v)) {
        *out = types_dec_zero(0);
        return TYPES_BAD_VALUE;
    }
    char buf[64];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return types_dec_from_string(buf, strlen(buf), out, NULL);
}

int types_dec_precision(const types_decimal_t *d)
{
    big_t m;
    big_from_dec(d, &m);
    int n = big_digits(&m);
    if (n <= d->frac)
        n = d->frac + 1;
    return n;
}

void types_dec_result_type(types_dec_op_t op, int p1, int s1, int p2, int s2, int incr, int *prec,
                           int *scale)
{
    int p, s;
    int i1 = p1 - s1, i2 = p2 - s2;
    switch (op) {
    case TYPES_DEC_ADD:
    case TYPES_DEC_SUB:
        s = s1 > s2 ? s1 : s2;
        p = (i1 > i2 ? i1 : i2) + s + 1;
        break;
    case TYPES_DEC_MUL:
        s = s1 + s2;
        p = p1 + p2;
        break;
    case TYPES_DEC_DIV:
        s = s1 + incr;
        p = p1 + s2 + incr;
        break;
    default: /* MOD */
        s = s1 > s2 ? s1 : s2;
        p = (i1 > i2 ? i1 : i2) + s;
        break;
    }
    if (s > TYPES_MAX_DECIMAL_SCALE)
        s = TYPES_MAX_DECIMAL_SCALE;
    if (p > TYPES_MAX_DECIMAL_PREC)
        p = TYPES_MAX_DECIMAL_PREC;
    if (p < s)
        p = s;
    if (p < 1)
        p = 1;
    *prec = p;
    *scale = s;
}

/* ---- compact binary form ---- */

static const int dig2bytes[10] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

int types_dec_bin_size(int prec, int frac)
{
    int intg = prec - frac;
    return (intg / 9) * 4 + dig2bytes[intg % 9] + (frac / 9) * 4 + dig2bytes[frac % 9];
}

static void put_be(uint8_t *p, int n, uint32_t v)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static uint32_t get_be(const uint8_t *p, int n)
{
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v = (v << 8) | p[i];
    return v;
}

static uint32_t digits_val(const char *p, int n)
{
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (uint32_t)(p[i] - '0');
    return v;
}

types_status_t types_dec_to_bin(const types_decimal_t *d, int prec, int frac, uint8_t *out)
{
    types_decimal_t v;
    types_status_t st = types_dec_fit(d, prec, frac, &v);
    int intg = prec - frac;
    /* Digits as exactly intg + frac characters, zero padded on the left. */
    char digits[224], all[224];
    big_t m;
    big_from_dec(&v, &m);
    int n = big_to_digits(&m, digits);
    int width = intg + frac;
    memset(all, '0', (size_t)width);
    memcpy(all + width - n, digits, (size_t)n);
    uint8_t *p = out;
    const char *c = all;
    int lead = intg % 9;
    if (lead) {
        put_be(p, dig2bytes[lead], digits_val(c, lead));
        p += dig2bytes[lead];
        c += lead;
    }
    for (int g = 0; g < intg / 9; g++, p += 4, c += 9)
        put_be(p, 4, digits_val(c, 9));
    for (int g = 0; g < frac / 9; g++, p += 4, c += 9)
        put_be(p, 4, digits_val(c, 9));
    int trail = frac % 9;
    if (trail) {
        put_be(p, dig2bytes[trail], digits_val(c, trail));
        p += dig2bytes[trail];
    }
    int size = (int)(p - out);
    if (v.neg)
        for (int i = 0; i < size; i++)
            out[i] = (uint8_t)~out[i];
    out[0] ^= 0x80;
    return st;
}

int types_dec_from_bin(const uint8_t *in, int prec, int frac, types_decimal_t *out)
{
    int size = types_dec_bin_size(prec, frac);
    uint8_t buf[64];
    if (size <= 0 || size > (int)sizeof buf)
        return -1;
    memcpy(buf, in, (size_t)size);
    buf[0] ^= 0x80;
    /* Positive values are stored with the top bit set, negatives with it clear. */
    bool neg = (in[0] & 0x80) == 0;
    if (neg)
        for (int i = 0; i < size; i++)
            buf[i] = (uint8_t)~buf[i];
    int intg = prec - frac;
    big_t m;
    memset(&m, 0, sizeof m);
    const uint8_t *p = buf;
    int lead = intg % 9, trail = frac % 9;
    if (lead) {
        uint32_t x = get_be(p, dig2bytes[lead]);
        if (x >= pow10_64[lead])
            return -1;
        big_add_small(&m, x);
        p += dig2bytes[lead];
    }
    for (int g = 0; g < intg / 9 + frac / 9; g++, p += 4) {
        uint32_t x = get_be(p, 4);
        if (x >= 1000000000u)
            return -1;
        big_mul_small(&m, 1000000000u);
        big_add_small(&m, x);
    }
    if (trail) {
        uint32_t x = get_be(p, dig2bytes[trail]);
        if (x >= pow10_64[trail])
            return -1;
        big_mul_small(&m, pow10_64[trail]);
        big_add_small(&m, x);
    }
    memcpy(out->w, m.w, sizeof out->w);
    out->frac = (uint8_t)frac;
    out->neg = neg && !big_is_zero(&m);
    return 0;
}

/* ---- memcomparable form ---- */

size_t types_dec_to_key(const types_decimal_t *d, uint8_t *out)
{
    if (types_dec_is_zero(d)) {
        out[0] = 0x02;
        return 1;
    }
    big_t m;
    big_from_dec(d, &m);
    char digits[224];
    int n = big_to_digits(&m, digits);
    int exp = n - d->frac; /* integer digits, negative for 0.00x */
    int end = n;
    while (end > 0 && digits[end - 1] == '0')
        end--;
    size_t o = 0;
    out[o++] = d->neg ? 0x01 : 0x03;
    out[o++] = (uint8_t)(0x80 + exp);
    for (int i = 0; i < end; i += 2) {
        int d1 = digits[i] - '0', d2 = i + 1 < end ? digits[i + 1] - '0' : 0;
        out[o++] = (uint8_t)(1 + d1 * 10 + d2);
    }
    out[o++] = 0x00;
    if (d->neg)
        for (size_t i = 1; i < o; i++)
            out[i] = (uint8_t)~out[i];
    return o;
}

int types_dec_from_key(const uint8_t *in, size_t len, types_decimal_t *out)
{
    if (len < 1)
        return -1;
    *out = types_dec_zero(0);
    if (in[0] == 0x02)
        return 1;
    if (in[0] != 0x01 && in[0] != 0x03)
        return -1;
    bool neg = in[0] == 0x01;
    uint8_t flip = neg ? 0xFF : 0x00;
    if (len < 2)
        return -1;
    int exp = (int)(uint8_t)(in[1] ^ flip) - 0x80;
    char digits[224];
    int n = 0;
    size_t i = 2;
    for (;; i++) {
        if (i >= len || n > 130)
            return -1;
        uint8_t b = in[i] ^ flip;
        if (b == 0)
            break;
        if (b > 100)
            return -1;
        digits[n++] = (char)('0' + (b - 1) / 10);
        digits[n++] = (char)('0' + (b - 1) % 10);
    }
    while (n > 0 && digits[n - 1] == '0')
        n--;
    int frac = n - exp;
    if (frac < 0)
        frac = 0;
    if (frac > TYPES_MAX_DECIMAL_SCALE || exp > TYPES_DEC_MAX_DIGITS)
        return -1;
    big_t m;
    memset(&m, 0, sizeof m);
    for (int k = 0; k < exp + frac; k++) {
        big_mul_small(&m, 10);
        big_add_small(&m, k < n ? (uint64_t)(digits[k] - '0') : 0);
    }
    memcpy(out->w, m.w, sizeof out->w);
    out->frac = (uint8_t)frac;
    out->neg = neg;
    return (int)(i + 1);
}
