/* lexer.c - hand-written MySQL lexer: identifiers, keywords, literals, variables, comments. */
#include "sql/lexer.h"

#include <pthread.h>
#include <string.h>

#include "sql/parse.h"

typedef struct kw {
    const char *name;
    int code;
    int nonreserved;
} kw_t;

/* Generated from parse.h at build time: every terminal whose name is a keyword. */
static const kw_t kw_table[] = {
#include "sql/kwtab.h"
};

#define KW_HASH_SIZE 4096
static uint16_t kw_hash[KW_HASH_SIZE]; /* index+1 into kw_table, 0 = empty */
#define MAX_TOKEN 1024
static unsigned char kw_nonreserved[MAX_TOKEN]; /* by token code */
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;

static inline unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static uint32_t kw_hash_of(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= lower((unsigned char)s[i]);
        h *= 16777619u;
    }
    return h;
}

static void kw_build(void)
{
    for (size_t i = 0; i < sizeof(kw_table) / sizeof(kw_table[0]); i++) {
        uint32_t h = kw_hash_of(kw_table[i].name, strlen(kw_table[i].name)) & (KW_HASH_SIZE - 1);
        while (kw_hash[h])
            h = (h + 1) & (KW_HASH_SIZE - 1);
        kw_hash[h] = (uint16_t)(i + 1);
        if (kw_table[i].code < MAX_TOKEN)
            kw_nonreserved[kw_table[i].code] = (unsigned char)kw_table[i].nonreserved;
    }
}

int sql_token_nonreserved(int code)
{
    pthread_once(&kw_once, kw_build);
    return code > 0 && code < MAX_TOKEN && kw_nonreserved[code];
}

int sql_keyword_code(const char *s, size_t len)
{
    if (len == 0 || len > 40)
        return 0;
    pthread_once(&kw_once, kw_build);
    uint32_t h = kw_hash_of(s, len) & (KW_HASH_SIZE - 1);
    while (kw_hash[h]) {
        const kw_t *k = &kw_table[kw_hash[h] - 1];
        size_t i = 0;
        for (; i < len; i++) {
            if (!k->name[i] || lower((unsigned char)s[i]) != lower((unsigned char)k->name[i]))
                break;
        }
        if (i == len && k->name[len] == 0)
            return k->code;
        h = (h + 1) & (KW_HASH_SIZE - 1);
    }
    return 0;
}

int sql_is_keyword(const char *s, size_t len)
{
    return sql_keyword_code(s, len) != 0;
}

void sql_lex_init(sql_lexer_t *lx, duet_arena_t *arena, const char *src, uint32_t len,
                  uint32_t mode)
{
    memset(lx, 0, sizeof(*lx));
    lx->src = src;
    lx->len = len;
    lx->mode = mode;
    lx->arena = arena;
}

static inline int is_ident_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c >= 0x80;
}

static inline int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static inline int is_hex(unsigned char c)
{
    return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f');
}

static inline int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Skips whitespace and comments. Returns 1 when a hint comment starts at lx->p,
 * -1 on an unterminated comment (err_pos set), 0 otherwise. */
static int skip_space(sql_lexer_t *lx)
{
    const char *s = lx->src;
    for (;;) {
        while (lx->p < lx->len && is_space((unsigned char)s[lx->p]))
            lx->p++;
        if (lx->p >= lx->len)
            return 0;
        char c = s[lx->p];
        if (c == '#') {
            while (lx->p < lx->len && s[lx->p] != '\n')
                lx->p++;
            continue;
        }
        if (c == '-' && lx->p + 1 < lx->len && s[lx->p + 1] == '-' &&
            (lx->p + 2 >= lx->len || is_space((unsigned char)s[lx->p + 2]) ||
             (unsigned char)s[lx->p + 2] < 0x20)) {
            while (lx->p < lx->len && s[lx->p] != '\n')
                lx->p++;
            continue;
        }
        if (c == '*' && lx->in_exec && lx->p + 1 < lx->len && s[lx->p + 1] == '/') {
            lx->in_exec--;
            lx->p += 2;
            continue;
        }
        if (c == '/' && lx->p + 1 < lx->len && s[lx->p + 1] == '*') {
            uint32_t start = lx->p;
            if (lx->p + 2 < lx->len && s[lx->p + 2] == '!') {
                /* executable comment ("slash-star-bang", optionally with a version): code */
                lx->p += 3;
                while (lx->p < lx->len && is_digit((unsigned char)s[lx->p]))
                    lx->p++;
                lx->in_exec++;
                continue;
            }
            if (lx->p + 3 < lx->len && s[lx->p + 2] == 'T' && s[lx->p + 3] == '!') {
                /* TiDB-specific code: "slash-star-T-bang[feature]" */
                lx->p += 4;
                if (lx->p < lx->len && s[lx->p] == '[') {
                    while (lx->p < lx->len && s[lx->p] != ']')
                        lx->p++;
                    if (lx->p < lx->len)
                        lx->p++;
                }
                lx->in_exec++;
                continue;
            }
            if (lx->p + 2 < lx->len && s[lx->p + 2] == '+' &&
                (lx->prev == TK_SELECT || lx->prev == TK_INSERT || lx->prev == TK_UPDATE ||
                 lx->prev == TK_DELETE || lx->prev == TK_REPLACE))
                return 1;
            lx->p += 2;
            while (lx->p + 1 < lx->len && !(s[lx->p] == '*' && s[lx->p + 1] == '/'))
                lx->p++;
            if (lx->p + 1 >= lx->len) {
                lx->err_pos = start;
                lx->p = lx->len;
                return -1;
            }
            lx->p += 2;
            continue;
        }
        return 0;
    }
}

/* Decodes a quoted string or identifier starting at lx->p (the opening quote).
 * Backslash escapes apply to strings unless NO_BACKSLASH_ESCAPES. Returns 0, or -1
 * when unterminated. */
static int lex_quoted(sql_lexer_t *lx, sql_token_t *t, int backslash)
{
    const char *s = lx->src;
    char q = s[lx->p];
    uint32_t i = lx->p + 1;
    uint32_t start = i;
    int plain = 1;
    /* First pass: find the end and whether decoding is needed. */
    for (;;) {
        if (i >= lx->len)
            return -1;
        char c = s[i];
        if (c == q) {
            if (i + 1 < lx->len && s[i + 1] == q) {
                plain = 0;
                i += 2;
                continue;
            }
            break;
        }
        if (c == '\\' && backslash) {
            plain = 0;
            i += 2;
            continue;
        }
        i++;
    }
    uint32_t stop = i;
    lx->p = i + 1;
    if (plain) {
        t->s = s + start;
        t->len = stop - start;
        return 0;
    }
    char *out = duet_arena_alloc(lx->arena, stop - start + 1);
    uint32_t n = 0;
    for (uint32_t j = start; j < stop; j++) {
        char c = s[j];
        if (c == q) {
            out[n++] = q;
            j++;
            continue;
        }
        if (c == '\\' && backslash && j + 1 < stop) {
            char e = s[++j];
            switch (e) {
            case '0':
                out[n++] = 0;
                break;
            case 'b':
                out[n++] = '\b';
                break;
            case 'n':
                out[n++] = '\n';
                break;
            case 'r':
                out[n++] = '\r';
                break;
            case 't':
                out[n++] = '\t';
                break;
            case 'Z':
                out[n++] = 26;
                break;
            case '%':
            case '_':
                out[n++] = '\\';
                out[n++] = e;
                break;
            default:
                out[n++] = e;
                break;
            }
            continue;
        }
        out[n++] = c;
    }
    out[n] = 0;
    t->s = out;
    t->len = n;
    return 0;
}

static const char *const charsets[] = {"utf8mb4", "utf8",  "latin1", "binary", "ascii",   "gbk",
                                       "utf16",   "utf32", "ucs2",   "big5",   "gb18030", NULL};

static int is_charset_intro(const char *s, uint32_t len)
{
    for (int i = 0; charsets[i]; i++) {
        size_t n = strlen(charsets[i]);
        if (n == len) {
            uint32_t j = 0;
            while (j < len && lower((unsigned char)s[j]) == charsets[i][j])
                j++;
            if (j == len)
                return 1;
        }
    }
    return 0;
}

static int finish(sql_lexer_t *lx, sql_token_t *t, int code)
{
    t->code = code;
    t->end = lx->p;
    lx->prev = code;
    return code;
}

static int lex_error(sql_lexer_t *lx, sql_token_t *t, uint32_t pos)
{
    lx->err_pos = pos;
    t->pos = pos;
    t->end = lx->len;
    t->code = -1;
    lx->p = lx->len;
    return -1;
}

/* A run of digits, then optional fraction and exponent. */
static int lex_number(sql_lexer_t *lx, sql_token_t *t)
{
    const char *s = lx->src;
    uint32_t i = lx->p;
    int code = TK_T_INTEGER;
    while (i < lx->len && is_digit((unsigned char)s[i]))
        i++;
    if (i < lx->len && s[i] == '.') {
        code = TK_T_DECIMAL;
        i++;
        while (i < lx->len && is_digit((unsigned char)s[i]))
            i++;
    }
    if (i < lx->len && (s[i] == 'e' || s[i] == 'E')) {
        uint32_t j = i + 1;
        if (j < lx->len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < lx->len && is_digit((unsigned char)s[j])) {
            while (j < lx->len && is_digit((unsigned char)s[j]))
                j++;
            i = j;
            code = TK_T_FLOAT;
        }
    }
    t->s = s + lx->p;
    t->len = i - lx->p;
    lx->p = i;
    return finish(lx, t, code);
}

static int lex_ident_or_keyword(sql_lexer_t *lx, sql_token_t *t, uint32_t start, uint32_t stop)
{
    const char *s = lx->src;
    t->s = s + start;
    t->len = stop - start;
    lx->p = stop;
    if (lx->prev == TK_T_DOT)
        return finish(lx, t, TK_T_ID); /* after "x." every word is a name */
    int code = sql_keyword_code(t->s, t->len);
    if (code == TK_NOT && (lx->mode & SQL_MODE_HIGH_NOT_PRECEDENCE))
        code = TK_T_NOT2;
    if (code)
        return finish(lx, t, code);
    if (s[start] == '_' && is_charset_intro(s + start + 1, stop - start - 1)) {
        t->s = s + start + 1;
        t->len = stop - start - 1;
        return finish(lx, t, TK_T_INTRO);
    }
    return finish(lx, t, TK_T_ID);
}

/* @name, @'name', @`name`, @@[scope.]name */
static int lex_variable(sql_lexer_t *lx, sql_token_t *t)
{
    const char *s = lx->src;
    uint32_t start = lx->p;
    if (lx->p + 1 < lx->len && s[lx->p + 1] == '@') {
        lx->p += 2;
        if (lx->p < lx->len && s[lx->p] == '`') {
            if (lex_quoted(lx, t, 0) < 0)
                return lex_error(lx, t, start);
            t->aux = 1;
            return finish(lx, t, TK_T_SYSVAR);
        }
        uint32_t b = lx->p;
        while (lx->p < lx->len && (is_ident_char((unsigned char)s[lx->p]) || s[lx->p] == '.'))
            lx->p++;
        t->s = s + b;
        t->len = lx->p - b;
        t->aux = 1; /* SQL_VAR_SYS_DEFAULT */
        static const struct {
            const char *p;
            uint32_t n, scope;
        } sc[] = {{"session.", 8, 2}, {"global.", 7, 3}, {"local.", 6, 4}, {"instance.", 9, 5}};
        for (int k = 0; k < 4; k++) {
            if (t->len >= sc[k].n) {
                uint32_t j = 0;
                while (j < sc[k].n && lower((unsigned char)t->s[j]) == sc[k].p[j])
                    j++;
                if (j == sc[k].n) {
                    t->s += sc[k].n;
                    t->len -= sc[k].n;
                    t->aux = sc[k].scope;
                    break;
                }
            }
        }
        if (t->len == 0 && t->aux != 1 && lx->p < lx->len && s[lx->p] == '`') {
            /* @@session.`name` */
            uint32_t scope = t->aux;
            if (lex_quoted(lx, t, 0) < 0)
                return lex_error(lx, t, start);
            t->aux = scope;
            return finish(lx, t, TK_T_SYSVAR);
        }
        if (t->len == 0)
            return lex_error(lx, t, start);
        return finish(lx, t, TK_T_SYSVAR);
    }
    lx->p++;
    if (lx->p < lx->len && (s[lx->p] == '\'' || s[lx->p] == '"' || s[lx->p] == '`')) {
        if (lex_quoted(lx, t, s[lx->p] != '`' && !(lx->mode & SQL_MODE_NO_BACKSLASH_ESCAPES)) < 0)
            return lex_error(lx, t, start);
        return finish(lx, t, TK_T_USERVAR);
    }
    uint32_t b = lx->p;
    while (lx->p < lx->len && (is_ident_char((unsigned char)s[lx->p]) || s[lx->p] == '.'))
        lx->p++;
    t->s = s + b;
    t->len = lx->p - b;
    return finish(lx, t, TK_T_USERVAR);
}

int sql_lex_next(sql_lexer_t *lx, sql_token_t *t)
{
    const char *s = lx->src;
    t->aux = 0;
    t->s = NULL;
    t->len = 0;
    int sp = skip_space(lx);
    if (sp < 0)
        return lex_error(lx, t, lx->err_pos);
    t->pos = lx->p;
    if (sp == 1) {
        uint32_t b = lx->p + 3;
        uint32_t i = b;
        while (i + 1 < lx->len && !(s[i] == '*' && s[i + 1] == '/'))
            i++;
        if (i + 1 >= lx->len)
            return lex_error(lx, t, lx->p);
        t->s = s + b;
        t->len = i - b;
        lx->p = i + 2;
        return finish(lx, t, TK_T_HINT);
    }
    if (lx->p >= lx->len) {
        t->end = lx->p;
        t->code = 0;
        return 0;
    }
    unsigned char c = (unsigned char)s[lx->p];
    uint32_t start = lx->p;
    uint32_t n1 = lx->p + 1 < lx->len ? (unsigned char)s[lx->p + 1] : 0;
    switch (c) {
    case '\'':
        if (lex_quoted(lx, t, !(lx->mode & SQL_MODE_NO_BACKSLASH_ESCAPES)) < 0)
            return lex_error(lx, t, start);
        return finish(lx, t, TK_T_STRING);
    case '"':
        if (lx->mode & SQL_MODE_ANSI_QUOTES) {
            if (lex_quoted(lx, t, 0) < 0)
                return lex_error(lx, t, start);
            t->aux = 1;
            return finish(lx, t, TK_T_ID);
        }
        if (lex_quoted(lx, t, !(lx->mode & SQL_MODE_NO_BACKSLASH_ESCAPES)) < 0)
            return lex_error(lx, t, start);
        return finish(lx, t, TK_T_STRING);
    case '`':
        if (lex_quoted(lx, t, 0) < 0)
            return lex_error(lx, t, start);
        t->aux = 1;
        return finish(lx, t, TK_T_ID);
    case '@':
        return lex_variable(lx, t);
    case '?':
        lx->p++;
        return finish(lx, t, TK_T_PARAM);
    case '(':
        lx->p++;
        return finish(lx, t, TK_T_LP);
    case ')':
        lx->p++;
        return finish(lx, t, TK_T_RP);
    case ',':
        lx->p++;
        return finish(lx, t, TK_T_COMMA);
    case ';':
        lx->p++;
        return finish(lx, t, TK_T_SEMI);
    case '+':
        lx->p++;
        return finish(lx, t, TK_T_PLUS);
    case '-':
        if (n1 == '>') {
            if (lx->p + 2 < lx->len && s[lx->p + 2] == '>') {
                lx->p += 3;
                return finish(lx, t, TK_T_JSON_UNQUOTE);
            }
            lx->p += 2;
            return finish(lx, t, TK_T_JSON_EXTRACT);
        }
        lx->p++;
        return finish(lx, t, TK_T_MINUS);
    case '*':
        lx->p++;
        return finish(lx, t, TK_T_STAR);
    case '/':
        lx->p++;
        return finish(lx, t, TK_T_SLASH);
    case '%':
        lx->p++;
        return finish(lx, t, TK_T_PERCENT);
    case '^':
        lx->p++;
        return finish(lx, t, TK_T_BITXOR);
    case '~':
        lx->p++;
        return finish(lx, t, TK_T_BITNOT);
    case '{':
        lx->p++;
        return finish(lx, t, TK_T_LBRACE);
    case '}':
        lx->p++;
        return finish(lx, t, TK_T_RBRACE);
    case '=':
        lx->p++;
        return finish(lx, t, TK_T_EQ);
    case ':':
        if (n1 == '=') {
            lx->p += 2;
            return finish(lx, t, TK_T_ASSIGN);
        }
        lx->p++;
        return finish(lx, t, TK_T_ILLEGAL);
    case '!':
        if (n1 == '=') {
            lx->p += 2;
            return finish(lx, t, TK_T_NE);
        }
        lx->p++;
        return finish(lx, t, TK_T_NOT2);
    case '<':
        if (n1 == '=') {
            if (lx->p + 2 < lx->len && s[lx->p + 2] == '>') {
                lx->p += 3;
                return finish(lx, t, TK_T_NULLEQ);
            }
            lx->p += 2;
            return finish(lx, t, TK_T_LE);
        }
        if (n1 == '>') {
            lx->p += 2;
            return finish(lx, t, TK_T_NE);
        }
        if (n1 == '<') {
            lx->p += 2;
            return finish(lx, t, TK_T_LSHIFT);
        }
        lx->p++;
        return finish(lx, t, TK_T_LT);
    case '>':
        if (n1 == '=') {
            lx->p += 2;
            return finish(lx, t, TK_T_GE);
        }
        if (n1 == '>') {
            lx->p += 2;
            return finish(lx, t, TK_T_RSHIFT);
        }
        lx->p++;
        return finish(lx, t, TK_T_GT);
    case '&':
        if (n1 == '&') {
            lx->p += 2;
            return finish(lx, t, TK_T_ANDAND);
        }
        lx->p++;
        return finish(lx, t, TK_T_BITAND);
    case '|':
        if (n1 == '|') {
            lx->p += 2;
            return finish(lx, t, (lx->mode & SQL_MODE_PIPES_AS_CONCAT) ? TK_T_CONCAT : TK_T_OROR);
        }
        lx->p++;
        return finish(lx, t, TK_T_BITOR);
    case '.':
        if (is_digit((unsigned char)n1) && lx->prev != TK_T_ID) {
            return lex_number(lx, t);
        }
        lx->p++;
        return finish(lx, t, TK_T_DOT);
    default:
        break;
    }
    /* X'..', B'..', N'..' */
    if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && n1 == '\'') {
        uint32_t i = lx->p + 2;
        int hex = (c == 'x' || c == 'X');
        while (i < lx->len && s[i] != '\'') {
            if (hex ? !is_hex((unsigned char)s[i]) : (s[i] != '0' && s[i] != '1'))
                return lex_error(lx, t, start);
            i++;
        }
        if (i >= lx->len || (hex && (i - lx->p - 2) % 2 != 0))
            return lex_error(lx, t, start);
        t->s = s + lx->p + 2;
        t->len = i - lx->p - 2;
        lx->p = i + 1;
        return finish(lx, t, hex ? TK_T_HEX : TK_T_BIT);
    }
    if ((c == 'n' || c == 'N') && n1 == '\'') {
        lx->p++;
        if (lex_quoted(lx, t, !(lx->mode & SQL_MODE_NO_BACKSLASH_ESCAPES)) < 0)
            return lex_error(lx, t, start);
        return finish(lx, t, TK_T_NSTRING);
    }
    if (is_ident_char(c)) {
        uint32_t i = lx->p;
        while (i < lx->len && is_ident_char((unsigned char)s[i]))
            i++;
        if (lx->prev != TK_T_DOT && is_digit(c)) {
            uint32_t j = lx->p;
            while (j < i && is_digit((unsigned char)s[j]))
                j++;
            if (j == i)
                return lex_number(lx, t);
            if (c == '0' && (n1 == 'x' || n1 == 'b') && i > lx->p + 2) {
                int hex = n1 == 'x';
                uint32_t k = lx->p + 2;
                while (k < i && (hex ? is_hex((unsigned char)s[k]) : (s[k] == '0' || s[k] == '1')))
                    k++;
                if (k == i) {
                    t->s = s + lx->p + 2;
                    t->len = i - lx->p - 2;
                    lx->p = i;
                    return finish(lx, t, hex ? TK_T_HEX : TK_T_BIT);
                }
            }
            /* 1e5, 1e: a number when the rest is an exponent */
            if (s[j] == 'e' || s[j] == 'E') {
                uint32_t k = j + 1;
                if (k == i && k < lx->len && (s[k] == '+' || s[k] == '-') && k + 1 < lx->len &&
                    is_digit((unsigned char)s[k + 1]))
                    return lex_number(lx, t);
                while (k < i && is_digit((unsigned char)s[k]))
                    k++;
                if (k == i && k > j + 1)
                    return lex_number(lx, t);
            }
        }
        return lex_ident_or_keyword(lx, t, start, i);
    }
    lx->p++;
    return finish(lx, t, TK_T_ILLEGAL);
}
