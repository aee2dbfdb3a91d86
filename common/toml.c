/* toml.c - TOML 1.0 reader (see toml.h). Recursive descent over the text; every
 * value lives in the document's arena. */
#include "common/toml.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/mem.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nesting of arrays and inline tables deeper than this is refused, so hostile
 * input cannot exhaust the stack. */
#define TOML_MAX_DEPTH 64

struct duet_toml_doc {
    duet_arena_t *arena;
    duet_toml_value_t *root;
};

typedef struct toml_parser {
    const char *p, *end;
    int line;
    const char *name;
    duet_arena_t *arena;
    duet_err_t *err;
    duet_toml_value_t *root, *cur;
    int depth;
} toml_parser_t;

static int toml_fail(toml_parser_t *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int toml_fail(toml_parser_t *ps, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return duet_err_set(ps->err, ER_GENERIC, "%s:%d: %s", ps->name, ps->line, what);
}

const char *duet_toml_type_name(duet_toml_type_t type)
{
    switch (type) {
    case DUET_TOML_STRING:
        return "string";
    case DUET_TOML_INT:
        return "integer";
    case DUET_TOML_FLOAT:
        return "float";
    case DUET_TOML_BOOL:
        return "boolean";
    case DUET_TOML_ARRAY:
        return "array";
    case DUET_TOML_TABLE:
        return "table";
    }
    return "?";
}

static duet_toml_value_t *toml_new(toml_parser_t *ps, duet_toml_type_t type)
{
    duet_toml_value_t *v = duet_arena_calloc(ps->arena, 1, sizeof(*v));
    v->type = type;
    v->line = ps->line;
    return v;
}

duet_toml_value_t *duet_toml_get(const duet_toml_value_t *t, const char *key)
{
    if (t == NULL || t->type != DUET_TOML_TABLE)
        return NULL;
    for (size_t i = 0; i < t->u.tab.n; i++)
        if (strcmp(t->u.tab.items[i].key, key) == 0)
            return t->u.tab.items[i].value;
    return NULL;
}

static void toml_table_add(toml_parser_t *ps, duet_toml_value_t *t, const char *key,
                           duet_toml_value_t *v)
{
    if (t->u.tab.n == t->u.tab.cap) {
        size_t cap = t->u.tab.cap ? t->u.tab.cap * 2 : 8;
        t->u.tab.items =
            duet_arena_realloc(ps->arena, t->u.tab.items, t->u.tab.cap * sizeof(duet_toml_kv_t),
                               cap * sizeof(duet_toml_kv_t));
        t->u.tab.cap = cap;
    }
    t->u.tab.items[t->u.tab.n].key = key;
    t->u.tab.items[t->u.tab.n].value = v;
    t->u.tab.n++;
}

static void toml_array_push(toml_parser_t *ps, duet_toml_value_t *a, duet_toml_value_t *v)
{
    if (a->u.arr.n == a->u.arr.cap) {
        size_t cap = a->u.arr.cap ? a->u.arr.cap * 2 : 8;
        a->u.arr.items =
            duet_arena_realloc(ps->arena, a->u.arr.items, a->u.arr.cap * sizeof(*a->u.arr.items),
                               cap * sizeof(*a->u.arr.items));
        a->u.arr.cap = cap;
    }
    a->u.arr.items[a->u.arr.n++] = v;
}

/* --- lexical helpers ---------------------------------------------------------------- */

static void toml_skip_ws(toml_parser_t *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
        ps->p++;
}

static int toml_skip_comment(toml_parser_t *ps)
{
    if (ps->p < ps->end && *ps->p == '#') {
        while (ps->p < ps->end && *ps->p != '\n') {
            unsigned char c = (unsigned char)*ps->p;
            if ((c < 0x20 && c != '\t' &&
                 !(c == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n')) ||
                c == 0x7f)
                return toml_fail(ps, "control character in comment");
            ps->p++;
        }
    }
    return 0;
}

/* Consumes a newline (LF or CRLF) if there is one; returns whether it did. */
static bool toml_newline(toml_parser_t *ps)
{
    if (ps->p < ps->end && *ps->p == '\n') {
        ps->p++;
        ps->line++;
        return true;
    }
    if (ps->p + 1 < ps->end && ps->p[0] == '\r' && ps->p[1] == '\n') {
        ps->p += 2;
        ps->line++;
        return true;
    }
    return false;
}

/* Skips white space, newlines and comments (inside arrays). */
static int toml_skip_ws_nl(toml_parser_t *ps)
{
    for (;;) {
        toml_skip_ws(ps);
        if (toml_skip_comment(ps) < 0)
            return -1;
        if (!toml_newline(ps))
            return 0;
    }
}

static bool toml_bare_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

static void toml_utf8_put(duet_buf_t *b, uint32_t cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    duet_buf_append(b, out, n);
}

static int toml_escape(toml_parser_t *ps, duet_buf_t *b)
{
    /* ps->p points just after the backslash. */
    if (ps->p >= ps->end)
        return toml_fail(ps, "unterminated escape sequence");
    char c = *ps->p++;
    switch (c) {
    case 'b':
        duet_buf_putc(b, '\b');
        return 0;
    case 't':
        duet_buf_putc(b, '\t');
        return 0;
    case 'n':
        duet_buf_putc(b, '\n');
        return 0;
    case 'f':
        duet_buf_putc(b, '\f');
        return 0;
    case 'r':
        duet_buf_putc(b, '\r');
        return 0;
    case 'e':
        duet_buf_putc(b, '\x1b');
        return 0;
    case '"':
        duet_buf_putc(b, '"');
        return 0;
    case '\\':
        duet_buf_putc(b, '\\');
        return 0;
    case 'u':
    case 'U': {
        int n = c == 'u' ? 4 : 8;
        if (ps->end - ps->p < n)
            return toml_fail(ps, "truncated \\%c escape", c);
        uint32_t cp = 0;
        for (int i = 0; i < n; i++) {
            char h = ps->p[i];
            int d = (h >= '0' && h <= '9')   ? h - '0'
                    : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                    : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                             : -1;
            if (d < 0)
                return toml_fail(ps, "invalid \\%c escape", c);
            cp = cp * 16 + (uint32_t)d;
        }
        ps->p += n;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return toml_fail(ps, "escape is not a Unicode scalar value");
        toml_utf8_put(b, cp);
        return 0;
    }
    default:
        return toml_fail(ps, "invalid escape sequence '\\%c'", c);
    }
}

static int toml_string_char(toml_parser_t *ps, duet_buf_t *b, bool multiline)
{
    unsigned char c = (unsigned char)*ps->p;
    if (c == '\n' || (c == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n')) {
        if (!multiline)
            return toml_fail(ps, "unterminated string");
        if (c == '\r')
            ps->p++;
        ps->p++;
        ps->line++;
        duet_buf_putc(b, '\n');
        return 0;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7f)
        return toml_fail(ps, "control character in string");
    duet_buf_putc(b, (char)c);
    ps->p++;
    return 0;
}

/* Parses a string of any of the four forms; ps->p is at the opening quote. */
static int toml_string(toml_parser_t *ps, const char **out, bool allow_multiline)
{
    char q = *ps->p;
    bool literal = q == '\'';
    bool multi = ps->end - ps->p >= 3 && ps->p[1] == q && ps->p[2] == q;
    duet_buf_t b = DUET_BUF_INIT;
    int rc = 0;
    if (multi && !allow_multiline) {
        duet_buf_free(&b);
        return toml_fail(ps, "multi-line string is not allowed as a key");
    }
    ps->p += multi ? 3 : 1;
    if (multi)
        toml_newline(ps); /* a newline right after the delimiter is trimmed */
    for (;;) {
        if (ps->p >= ps->end) {
            rc = toml_fail(ps, "unterminated string");
            break;
        }
        if (*ps->p == q) {
            if (!multi) {
                ps->p++;
                break;
            }
            size_t run = 0;
            while (ps->p + run < ps->end && ps->p[run] == q)
                run++;
            if (run >= 3) {
                if (run > 5) {
                    rc = toml_fail(ps, "too many quotes at the end of a string");
                    break;
                }
                duet_buf_append(&b, ps->p, run - 3);
                ps->p += run;
                break;
            }
            duet_buf_append(&b, ps->p, run);
            ps->p += run;
            continue;
        }
        if (*ps->p == '\\' && !literal) {
            ps->p++;
            if (multi) {
                /* Line-ending backslash: trim white space and newlines after it. */
                const char *save = ps->p;
                while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
                    ps->p++;
                if (toml_newline(ps)) {
                    for (;;) {
                        if (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
                            ps->p++;
                        else if (!toml_newline(ps))
                            break;
                    }
                    continue;
                }
                ps->p = save;
            }
            if ((rc = toml_escape(ps, &b)) < 0)
                break;
            continue;
        }
        if ((rc = toml_string_char(ps, &b, multi)) < 0)
            break;
    }
    if (rc == 0)
        *out = duet_arena_strndup(ps->arena, b.data ? b.data : "", b.len);
    duet_buf_free(&b);
    return rc;
}

static int toml_simple_key(toml_parser_t *ps, const char **out)
{
    if (ps->p < ps->end && (*ps->p == '"' || *ps->p == '\''))
        return toml_string(ps, out, false);
    const char *s = ps->p;
    while (ps->p < ps->end && toml_bare_char(*ps->p))
        ps->p++;
    if (ps->p == s)
        return toml_fail(ps, "expected a key");
    *out = duet_arena_strndup(ps->arena, s, (size_t)(ps->p - s));
    return 0;
}

/* Parses a dotted key into keys[] (at most max parts). */
static int toml_key(toml_parser_t *ps, const char **keys, int max, int *nkeys)
{
    int n = 0;
    for (;;) {
        toml_skip_ws(ps);
        if (n == max)
            return toml_fail(ps, "key has too many parts");
        if (toml_simple_key(ps, &keys[n]) < 0)
            return -1;
        n++;
        toml_skip_ws(ps);
        if (ps->p < ps->end && *ps->p == '.') {
            ps->p++;
            continue;
        }
        break;
    }
    *nkeys = n;
    return 0;
}

/* --- values -------------------------------------------------------------------------- */

static int toml_value(toml_parser_t *ps, duet_toml_value_t **out);

static bool toml_digits_ok(const char *s, size_t n, int base)
{
    /* Digits of base with single underscores between digits. */
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '_') {
            if (i == 0 || i == n - 1 || s[i + 1] == '_')
                return false;
            continue;
        }
        int d = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : 99;
        if (d >= base)
            return false;
    }
    return true;
}

static void toml_strip_underscores(const char *s, size_t n, char *out, size_t outsz)
{
    size_t j = 0;
    for (size_t i = 0; i < n && j + 1 < outsz; i++)
        if (s[i] != '_')
            out[j++] = s[i];
    out[j] = '\0';
}

static int toml_number(toml_parser_t *ps, duet_toml_value_t **out)
{
    const char *s = ps->p;
    while (ps->p < ps->end &&
           (toml_bare_char(*ps->p) || *ps->p == '+' || *ps->p == '.' || *ps->p == ':'))
        ps->p++;
    size_t n = (size_t)(ps->p - s);
    char tok[128];
    if (n == 0 || n >= sizeof(tok))
        return toml_fail(ps, "invalid value");
    memcpy(tok, s, n);
    tok[n] = '\0';

    if (strcmp(tok, "true") == 0 || strcmp(tok, "false") == 0) {
        *out = toml_new(ps, DUET_TOML_BOOL);
        (*out)->u.b = tok[0] == 't';
        return 0;
    }
    const char *body = tok;
    bool neg = false;
    if (*body == '+' || *body == '-') {
        neg = *body == '-';
        body++;
    }
    if (strcmp(body, "inf") == 0 || strcmp(body, "nan") == 0) {
        *out = toml_new(ps, DUET_TOML_FLOAT);
        double f = body[0] == 'i' ? INFINITY : NAN;
        (*out)->u.f = neg ? -f : f;
        return 0;
    }
    if (strchr(tok, ':') || (n >= 10 && tok[4] == '-' && tok[7] == '-'))
        return toml_fail(ps, "date and time values are not supported");

    char clean[128];
    if (body[0] == '0' && (body[1] == 'x' || body[1] == 'o' || body[1] == 'b')) {
        int base = body[1] == 'x' ? 16 : body[1] == 'o' ? 8 : 2;
        if (body != tok)
            return toml_fail(ps, "a sign is not allowed on a base-%d integer", base);
        if (!toml_digits_ok(body + 2, strlen(body + 2), base))
            return toml_fail(ps, "invalid integer '%s'", tok);
        toml_strip_underscores(body + 2, strlen(body + 2), clean, sizeof(clean));
        errno = 0;
        unsigned long long u = strtoull(clean, NULL, base);
        if (errno == ERANGE || u > INT64_MAX)
            return toml_fail(ps, "integer '%s' is out of range", tok);
        *out = toml_new(ps, DUET_TOML_INT);
        (*out)->u.i = (int64_t)u;
        return 0;
    }

    /* Decimal integer or float: int-part [. frac] [e|E [sign] exp]. */
    const char *dot = strchr(body, '.');
    const char *exp = strpbrk(body, "eE");
    size_t int_len = dot ? (size_t)(dot - body) : exp ? (size_t)(exp - body) : strlen(body);
    if (!toml_digits_ok(body, int_len, 10))
        return toml_fail(ps, "invalid number '%s'", tok);
    if (int_len > 1 && body[0] == '0')
        return toml_fail(ps, "leading zeros are not allowed in '%s'", tok);
    if (dot == NULL && exp == NULL) {
        toml_strip_underscores(tok, n, clean, sizeof(clean));
        errno = 0;
        long long v = strtoll(clean, NULL, 10);
        if (errno == ERANGE)
            return toml_fail(ps, "integer '%s' is out of range", tok);
        *out = toml_new(ps, DUET_TOML_INT);
        (*out)->u.i = v;
        return 0;
    }
    if (dot) {
        const char *fe = exp ? exp : body + strlen(body);
        if (exp && exp < dot)
            return toml_fail(ps, "invalid float '%s'", tok);
        if (!toml_digits_ok(dot + 1, (size_t)(fe - dot - 1), 10))
            return toml_fail(ps, "invalid float '%s'", tok);
    }
    if (exp) {
        const char *e = exp + 1;
        if (*e == '+' || *e == '-')
            e++;
        if (!toml_digits_ok(e, strlen(e), 10))
            return toml_fail(ps, "invalid float '%s'", tok);
    }
    toml_strip_underscores(tok, n, clean, sizeof(clean));
    *out = toml_new(ps, DUET_TOML_FLOAT);
    (*out)->u.f = strtod(clean, NULL);
    return 0;
}

static int toml_array(toml_parser_t *ps, duet_toml_value_t **out)
{
    duet_toml_value_t *a = toml_new(ps, DUET_TOML_ARRAY);
    ps->p++; /* [ */
    for (;;) {
        if (toml_skip_ws_nl(ps) < 0)
            return -1;
        if (ps->p >= ps->end)
            return toml_fail(ps, "unterminated array");
        if (*ps->p == ']') {
            ps->p++;
            break;
        }
        duet_toml_value_t *v;
        if (toml_value(ps, &v) < 0)
            return -1;
        toml_array_push(ps, a, v);
        if (toml_skip_ws_nl(ps) < 0)
            return -1;
        if (ps->p >= ps->end)
            return toml_fail(ps, "unterminated array");
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == ']') {
            ps->p++;
            break;
        }
        return toml_fail(ps, "expected ',' or ']' in array");
    }
    *out = a;
    return 0;
}

static int toml_assign(toml_parser_t *ps, duet_toml_value_t *table, const char **keys, int n,
                       duet_toml_value_t *v);

static int toml_inline_table(toml_parser_t *ps, duet_toml_value_t **out)
{
    duet_toml_value_t *t = toml_new(ps, DUET_TOML_TABLE);
    t->u.tab.defined = true;
    ps->p++; /* { */
    toml_skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        t->u.tab.inline_ = true;
        *out = t;
        return 0;
    }
    for (;;) {
        const char *keys[16];
        int nkeys;
        if (toml_key(ps, keys, 16, &nkeys) < 0)
            return -1;
        if (ps->p >= ps->end || *ps->p != '=')
            return toml_fail(ps, "expected '=' after key '%s'", keys[nkeys - 1]);
        ps->p++;
        toml_skip_ws(ps);
        duet_toml_value_t *v;
        if (toml_value(ps, &v) < 0 || toml_assign(ps, t, keys, nkeys, v) < 0)
            return -1;
        toml_skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == '}') {
            ps->p++;
            break;
        }
        return toml_fail(ps, "expected ',' or '}' in inline table");
    }
    t->u.tab.inline_ = true;
    *out = t;
    return 0;
}

static int toml_value(toml_parser_t *ps, duet_toml_value_t **out)
{
    if (ps->p >= ps->end)
        return toml_fail(ps, "expected a value");
    if (++ps->depth > TOML_MAX_DEPTH)
        return toml_fail(ps, "values are nested too deeply");
    int rc;
    char c = *ps->p;
    if (c == '"' || c == '\'') {
        *out = toml_new(ps, DUET_TOML_STRING);
        rc = toml_string(ps, &(*out)->u.s, true);
    } else if (c == '[') {
        rc = toml_array(ps, out);
    } else if (c == '{') {
        rc = toml_inline_table(ps, out);
    } else {
        rc = toml_number(ps, out);
    }
    ps->depth--;
    return rc;
}

/* --- tables and keys ----------------------------------------------------------------- */

/* Assigns v at the dotted key path below table, creating intermediate tables. */
static int toml_assign(toml_parser_t *ps, duet_toml_value_t *table, const char **keys, int n,
                       duet_toml_value_t *v)
{
    duet_toml_value_t *t = table;
    for (int i = 0; i < n - 1; i++) {
        duet_toml_value_t *sub = duet_toml_get(t, keys[i]);
        if (sub == NULL) {
            sub = toml_new(ps, DUET_TOML_TABLE);
            sub->u.tab.defined = true;
            sub->u.tab.implicit = true; /* made by a dotted key */
            toml_table_add(ps, t, keys[i], sub);
        } else if (sub->type != DUET_TOML_TABLE || sub->u.tab.inline_ || !sub->u.tab.implicit) {
            return toml_fail(ps, "key '%s' is already defined", keys[i]);
        }
        t = sub;
    }
    if (duet_toml_get(t, keys[n - 1]) != NULL)
        return toml_fail(ps, "duplicate key '%s'", keys[n - 1]);
    toml_table_add(ps, t, keys[n - 1], v);
    return 0;
}

static int toml_header(toml_parser_t *ps)
{
    bool array = ps->end - ps->p >= 2 && ps->p[1] == '[';
    ps->p += array ? 2 : 1;
    const char *keys[16];
    int n;
    if (toml_key(ps, keys, 16, &n) < 0)
        return -1;
    if (ps->p >= ps->end || *ps->p != ']' || (array && (ps->p + 1 >= ps->end || ps->p[1] != ']')))
        return toml_fail(ps, "expected '%s' to close the table header", array ? "]]" : "]");
    ps->p += array ? 2 : 1;

    duet_toml_value_t *t = ps->root;
    for (int i = 0; i < n - 1; i++) {
        duet_toml_value_t *sub = duet_toml_get(t, keys[i]);
        if (sub == NULL) {
            sub = toml_new(ps, DUET_TOML_TABLE);
            toml_table_add(ps, t, keys[i], sub);
        } else if (sub->type == DUET_TOML_ARRAY && sub->u.arr.n > 0 &&
                   sub->u.arr.items[sub->u.arr.n - 1]->type == DUET_TOML_TABLE &&
                   !sub->u.arr.items[0]->u.tab.inline_) {
            sub = sub->u.arr.items[sub->u.arr.n - 1];
        } else if (sub->type != DUET_TOML_TABLE || sub->u.tab.inline_) {
            return toml_fail(ps, "key '%s' is already defined", keys[i]);
        }
        t = sub;
    }
    const char *last = keys[n - 1];
    duet_toml_value_t *existing = duet_toml_get(t, last);
    duet_toml_value_t *nt = toml_new(ps, DUET_TOML_TABLE);
    nt->u.tab.defined = true;
    if (array) {
        if (existing == NULL) {
            existing = toml_new(ps, DUET_TOML_ARRAY);
            toml_table_add(ps, t, last, existing);
        } else if (existing->type != DUET_TOML_ARRAY || existing->u.arr.n == 0 ||
                   existing->u.arr.items[0]->type != DUET_TOML_TABLE ||
                   existing->u.arr.items[0]->u.tab.inline_) {
            return toml_fail(ps, "key '%s' is already defined", last);
        }
        toml_array_push(ps, existing, nt);
    } else if (existing == NULL) {
        toml_table_add(ps, t, last, nt);
    } else if (existing->type != DUET_TOML_TABLE) {
        return toml_fail(ps, "key '%s' is already defined", last);
    } else if (!existing->u.tab.defined) {
        existing->u.tab.defined = true;
        existing->line = ps->line;
        nt = existing;
    } else {
        return toml_fail(ps, "table '%s' is defined twice", last);
    }
    ps->cur = nt;
    return 0;
}

static int toml_document(toml_parser_t *ps)
{
    while (ps->p < ps->end) {
        toml_skip_ws(ps);
        if (ps->p >= ps->end)
            break;
        char c = *ps->p;
        if (c == '#' || c == '\n' || c == '\r') {
            /* blank or comment line: handled by the end-of-line check below */
        } else if (c == '[') {
            if (toml_header(ps) < 0)
                return -1;
        } else {
            const char *keys[16];
            int nkeys;
            if (toml_key(ps, keys, 16, &nkeys) < 0)
                return -1;
            if (ps->p >= ps->end || *ps->p != '=')
                return toml_fail(ps, "expected '=' after key '%s'", keys[nkeys - 1]);
            ps->p++;
            toml_skip_ws(ps);
            duet_toml_value_t *v;
            if (toml_value(ps, &v) < 0 || toml_assign(ps, ps->cur, keys, nkeys, v) < 0)
                return -1;
        }
        toml_skip_ws(ps);
        if (toml_skip_comment(ps) < 0)
            return -1;
        if (ps->p < ps->end && !toml_newline(ps))
            return toml_fail(ps, "unexpected text after a value");
    }
    return 0;
}

duet_toml_doc_t *duet_toml_parse(const char *text, size_t len, const char *name, duet_err_t *err)
{
    duet_toml_doc_t *doc = duet_calloc(1, sizeof(*doc));
    doc->arena = duet_arena_create(0);
    toml_parser_t ps = {
        .p = text,
        .end = text + len,
        .line = 1,
        .name = name ? name : "<config>",
        .arena = doc->arena,
        .err = err,
    };
    ps.root = ps.cur = toml_new(&ps, DUET_TOML_TABLE);
    ps.root->u.tab.defined = true;
    doc->root = ps.root;
    if (memchr(text, '\0', len) != NULL) {
        toml_fail(&ps, "NUL byte in configuration");
        duet_toml_free(doc);
        return NULL;
    }
    if (toml_document(&ps) < 0) {
        duet_toml_free(doc);
        return NULL;
    }
    return doc;
}

duet_toml_doc_t *duet_toml_parse_file(const char *path, duet_err_t *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        duet_err_set(err, ER_GENERIC, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    duet_buf_t b = DUET_BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        duet_buf_append(&b, chunk, n);
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        duet_buf_free(&b);
        duet_err_set(err, ER_GENERIC, "%s: read error", path);
        return NULL;
    }
    duet_toml_doc_t *doc = duet_toml_parse(b.data ? b.data : "", b.len, path, err);
    duet_buf_free(&b);
    return doc;
}

duet_toml_value_t *duet_toml_root(duet_toml_doc_t *doc)
{
    return doc->root;
}

void duet_toml_free(duet_toml_doc_t *doc)
{
    if (doc == NULL)
        return;
    duet_arena_destroy(doc->arena);
    duet_free(doc);
}
