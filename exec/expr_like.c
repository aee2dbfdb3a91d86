/* expr_like.c - LIKE pattern matching with an escape character, character by character under a
 * collation. */
#include <string.h>

#include "exec/expr_internal.h"
#include "types/collation.h"

/* One character of s at s[0..n): its length and code point (bytes for binary). */
static size_t char_at(const char *s, size_t n, bool binary, uint32_t *cp)
{
    if (binary) {
        *cp = (uint8_t)s[0];
        return 1;
    }
    return types_utf8_decode(s, n, cp);
}

static bool char_eq(const types_collation_t *c, const char *a, size_t al, const char *b, size_t bl)
{
    if (al == bl && memcmp(a, b, al) == 0)
        return true;
    return c && !types_coll_is_binary(c) && types_coll_cmp(c, a, al, b, bl) == 0;
}

bool exec_like_match(const char *s, size_t n, const char *pat, size_t pn, uint16_t coll,
                     int32_t esc)
{
    const types_collation_t *c = types_coll_get(coll);
    bool binary = !c || types_coll_is_binary(c);
    size_t si = 0, pi = 0;
    size_t star_pi = SIZE_MAX, star_si = 0;
    while (si < n) {
        if (pi < pn) {
            uint32_t pc;
            size_t pl = char_at(pat + pi, pn - pi, binary, &pc);
            if (pc == '%') {
                star_pi = pi + pl;
                star_si = si;
                pi += pl;
                continue;
            }
            uint32_t sc;
            size_t sl = char_at(s + si, n - si, binary, &sc);
            if (pc == '_') {
                si += sl;
                pi += pl;
                continue;
            }
            const char *lit = pat + pi;
            size_t ll = pl;
            if (esc >= 0 && pc == (uint32_t)esc && pi + pl < pn) {
                uint32_t ec;
                lit = pat + pi + pl;
                ll = char_at(lit, pn - pi - pl, binary, &ec);
                pl += ll;
            }
            if (char_eq(c, s + si, sl, lit, ll)) {
                si += sl;
                pi += pl;
                continue;
            }
        }
        if (star_pi == SIZE_MAX)
            return false;
        uint32_t sc;
        star_si += char_at(s + star_si, n - star_si, binary, &sc);
        si = star_si;
        pi = star_pi;
    }
    while (pi < pn && pat[pi] == '%')
        pi++;
    return pi == pn;
}
