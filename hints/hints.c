/* hints.c - parses the text of an optimizer hint comment into hint_t values, with warnings. */
#include "hints/hints.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[HINT_KIND_COUNT_] = {
    [HINT_UNKNOWN] = "",
    [HINT_READ_FROM_STORAGE] = "READ_FROM_STORAGE",
    [HINT_HASH_AGG] = "HASH_AGG",
    [HINT_STREAM_AGG] = "STREAM_AGG",
    [HINT_MPP_1PHASE_AGG] = "MPP_1PHASE_AGG",
    [HINT_MPP_2PHASE_AGG] = "MPP_2PHASE_AGG",
    [HINT_AGG_TO_COP] = "AGG_TO_COP",
    [HINT_LIMIT_TO_COP] = "LIMIT_TO_COP",
    [HINT_SHUFFLE_JOIN] = "SHUFFLE_JOIN",
    [HINT_BROADCAST_JOIN] = "BROADCAST_JOIN",
    [HINT_HASH_JOIN] = "HASH_JOIN",
    [HINT_HASH_JOIN_BUILD] = "HASH_JOIN_BUILD",
    [HINT_HASH_JOIN_PROBE] = "HASH_JOIN_PROBE",
    [HINT_MERGE_JOIN] = "MERGE_JOIN",
    [HINT_INL_JOIN] = "INL_JOIN",
    [HINT_INL_HASH_JOIN] = "INL_HASH_JOIN",
    [HINT_INL_MERGE_JOIN] = "INL_MERGE_JOIN",
    [HINT_NO_HASH_JOIN] = "NO_HASH_JOIN",
    [HINT_NO_MERGE_JOIN] = "NO_MERGE_JOIN",
    [HINT_LEADING] = "LEADING",
    [HINT_STRAIGHT_JOIN] = "STRAIGHT_JOIN",
    [HINT_USE_INDEX] = "USE_INDEX",
    [HINT_IGNORE_INDEX] = "IGNORE_INDEX",
    [HINT_FORCE_INDEX] = "FORCE_INDEX",
    [HINT_USE_INDEX_MERGE] = "USE_INDEX_MERGE",
    [HINT_NO_INDEX_MERGE] = "NO_INDEX_MERGE",
    [HINT_ORDER_INDEX] = "ORDER_INDEX",
    [HINT_NO_ORDER_INDEX] = "NO_ORDER_INDEX",
    [HINT_QB_NAME] = "QB_NAME",
    [HINT_SET_VAR] = "SET_VAR",
    [HINT_MAX_EXECUTION_TIME] = "MAX_EXECUTION_TIME",
    [HINT_MEMORY_QUOTA] = "MEMORY_QUOTA",
    [HINT_USE_TOJA] = "USE_TOJA",
    [HINT_NO_DECORRELATE] = "NO_DECORRELATE",
    [HINT_SEMI_JOIN_REWRITE] = "SEMI_JOIN_REWRITE",
    [HINT_USE_CASCADES] = "USE_CASCADES",
    [HINT_IGNORE_PLAN_CACHE] = "IGNORE_PLAN_CACHE",
    [HINT_READ_CONSISTENT_REPLICA] = "READ_CONSISTENT_REPLICA",
};

/* How a hint's arguments are shaped. */
enum arg_shape {
    ARGS_NONE,    /* HASH_AGG([@qb]) */
    ARGS_TABLES,  /* HASH_JOIN([@qb] t1, t2) */
    ARGS_INDEX,   /* USE_INDEX([@qb] t, idx, ...) */
    ARGS_STORAGE, /* READ_FROM_STORAGE([@qb] TIFLASH[t1], TIKV[t2]) */
    ARGS_QB,      /* QB_NAME(name) */
    ARGS_SET_VAR, /* SET_VAR(var = value) */
    ARGS_NUMBER,  /* MAX_EXECUTION_TIME(ms) */
    ARGS_QUOTA,   /* MEMORY_QUOTA(n MB|GB) */
};

static enum arg_shape shape_of(hint_kind_t k)
{
    switch (k) {
    case HINT_READ_FROM_STORAGE:
        return ARGS_STORAGE;
    case HINT_SHUFFLE_JOIN:
    case HINT_BROADCAST_JOIN:
    case HINT_HASH_JOIN:
    case HINT_HASH_JOIN_BUILD:
    case HINT_HASH_JOIN_PROBE:
    case HINT_MERGE_JOIN:
    case HINT_INL_JOIN:
    case HINT_INL_HASH_JOIN:
    case HINT_INL_MERGE_JOIN:
    case HINT_NO_HASH_JOIN:
    case HINT_NO_MERGE_JOIN:
    case HINT_LEADING:
        return ARGS_TABLES;
    case HINT_USE_INDEX:
    case HINT_IGNORE_INDEX:
    case HINT_FORCE_INDEX:
    case HINT_USE_INDEX_MERGE:
    case HINT_NO_INDEX_MERGE:
    case HINT_ORDER_INDEX:
    case HINT_NO_ORDER_INDEX:
        return ARGS_INDEX;
    case HINT_QB_NAME:
        return ARGS_QB;
    case HINT_SET_VAR:
        return ARGS_SET_VAR;
    case HINT_MAX_EXECUTION_TIME:
        return ARGS_NUMBER;
    case HINT_MEMORY_QUOTA:
        return ARGS_QUOTA;
    default:
        return ARGS_NONE;
    }
}

const char *hint_kind_name(hint_kind_t kind)
{
    if ((unsigned)kind >= HINT_KIND_COUNT_)
        return "";
    return kind_names[kind];
}

typedef struct hp {
    duet_arena_t *a;
    const char *full;
    size_t full_len;
    uint32_t base;
    const char *s;
    size_t len;
    size_t p;
    hint_warnings_t *warns;
} hp_t;

static int hp_space(hp_t *h)
{
    while (h->p < h->len &&
           (h->s[h->p] == ' ' || h->s[h->p] == '\t' || h->s[h->p] == '\n' || h->s[h->p] == '\r'))
        h->p++;
    return h->p < h->len;
}

static int is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c >= 0x80;
}

/* A name: a word or a back-quoted name. Returns 0 and fills n, or -1. */
static int hp_name(hp_t *h, hint_name_t *n)
{
    hp_space(h);
    if (h->p < h->len && h->s[h->p] == '`') {
        size_t b = ++h->p;
        while (h->p < h->len && h->s[h->p] != '`')
            h->p++;
        if (h->p >= h->len)
            return -1;
        n->s = duet_arena_strndup(h->a, h->s + b, h->p - b);
        n->len = (uint32_t)(h->p - b);
        h->p++;
        return 0;
    }
    size_t b = h->p;
    while (h->p < h->len && is_word_char((unsigned char)h->s[h->p]))
        h->p++;
    if (h->p == b)
        return -1;
    n->s = duet_arena_strndup(h->a, h->s + b, h->p - b);
    n->len = (uint32_t)(h->p - b);
    return 0;
}

static int hp_peek(hp_t *h, char c)
{
    hp_space(h);
    return h->p < h->len && h->s[h->p] == c;
}

static int hp_eat(hp_t *h, char c)
{
    if (!hp_peek(h, c))
        return 0;
    h->p++;
    return 1;
}

static void warn(hp_t *h, int code, uint32_t pos, const char *msg)
{
    hint_warnings_t *w = h->warns;
    if (!w)
        return;
    if (w->n == w->cap) {
        uint32_t cap = w->cap ? w->cap * 2 : 4;
        w->items =
            duet_arena_realloc(h->a, w->items, w->cap * sizeof(*w->items), cap * sizeof(*w->items));
        w->cap = cap;
    }
    w->items[w->n].code = code;
    w->items[w->n].pos = pos;
    w->items[w->n].msg = msg;
    w->n++;
}

/* The 1064-style warning at the current position, like TiDB's hint parser. */
static void syntax_warn(hp_t *h)
{
    uint32_t at = h->base + (uint32_t)(h->p < h->len ? h->p : h->len);
    int line = 1;
    uint32_t ls = 0;
    for (uint32_t i = 0; i < at && i < h->full_len; i++) {
        if (h->full[i] == '\n') {
            line++;
            ls = i + 1;
        }
    }
    size_t rest = h->len > h->p ? h->len - h->p : 0;
    if (rest > 64)
        rest = 64;
    const char *msg =
        duet_arena_sprintf(h->a, "Optimizer hint syntax error at line %d column %u near \"%.*s\" ",
                           line, at - ls + 1, (int)rest, h->s + h->p);
    warn(h, 1064, at, msg);
}

/* Skips to just after the ')' that closes the current hint (or the end); the
 * hint's '(' has been consumed. */
static void hp_skip_hint(hp_t *h)
{
    int depth = 1;
    while (h->p < h->len) {
        char c = h->s[h->p++];
        if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0)
            return;
    }
}

static hint_kind_t kind_of(const hint_name_t *n)
{
    for (int k = 1; k < HINT_KIND_COUNT_; k++) {
        const char *kn = kind_names[k];
        if (strlen(kn) == n->len && strncasecmp(kn, n->s, n->len) == 0)
            return (hint_kind_t)k;
    }
    /* TiDB's older spellings. */
    static const struct {
        const char *name;
        hint_kind_t kind;
    } alias[] = {{"TIDB_HJ", HINT_HASH_JOIN},
                 {"TIDB_SMJ", HINT_MERGE_JOIN},
                 {"TIDB_INLJ", HINT_INL_JOIN},
                 {"MPP1PHASEAGG", HINT_MPP_1PHASE_AGG},
                 {"MPP2PHASEAGG", HINT_MPP_2PHASE_AGG}};
    for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++) {
        if (strlen(alias[i].name) == n->len && strncasecmp(alias[i].name, n->s, n->len) == 0)
            return alias[i].kind;
    }
    return HINT_UNKNOWN;
}

/* [@qb] at the start of the argument list. */
static int hp_qb(hp_t *h, hint_name_t *qb)
{
    if (hp_eat(h, '@'))
        return hp_name(h, qb);
    return 0;
}

/* [db.]tbl[@qb] [PARTITION(p, ...)] */
static int hp_table(hp_t *h, hint_table_t *t)
{
    memset(t, 0, sizeof(*t));
    if (hp_name(h, &t->tbl) < 0)
        return -1;
    if (hp_eat(h, '.')) {
        t->db = t->tbl;
        if (hp_name(h, &t->tbl) < 0)
            return -1;
    }
    if (hp_eat(h, '@') && hp_name(h, &t->qb) < 0)
        return -1;
    size_t save = h->p;
    hint_name_t w;
    if (hp_name(h, &w) == 0 && w.len == 9 && strncasecmp(w.s, "PARTITION", 9) == 0) {
        if (!hp_eat(h, '('))
            return -1;
        hint_name_t parts[64];
        uint32_t n = 0;
        do {
            if (n == 64 || hp_name(h, &parts[n]) < 0)
                return -1;
            n++;
        } while (hp_eat(h, ','));
        if (!hp_eat(h, ')'))
            return -1;
        t->partitions = duet_arena_alloc(h->a, n * sizeof(hint_name_t));
        memcpy(t->partitions, parts, n * sizeof(hint_name_t));
        t->npartitions = n;
    } else {
        h->p = save;
    }
    return 0;
}

/* Appends t; the array grows to the next power of two, so a long list costs linear time. */
static void push_table(hp_t *h, hint_t *x, const hint_table_t *t)
{
    uint32_t n = x->ntables;
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        uint32_t cap = n == 0 ? 4 : 2 * n;
        x->tables = duet_arena_realloc(h->a, x->tables, n * sizeof(hint_table_t),
                                       cap * sizeof(hint_table_t));
    }
    x->tables[x->ntables++] = *t;
}

static int parse_tables(hp_t *h, hint_t *x, const char *engine)
{
    do {
        hint_table_t t;
        if (hp_table(h, &t) < 0)
            return -1;
        t.engine = engine;
        push_table(h, x, &t);
    } while (hp_eat(h, ','));
    return 0;
}

static int parse_storage(hp_t *h, hint_t *x)
{
    do {
        hint_name_t eng;
        if (hp_name(h, &eng) < 0)
            return -1;
        const char *e = NULL;
        if (eng.len == 7 && strncasecmp(eng.s, "tiflash", 7) == 0)
            e = "tiflash";
        else if (eng.len == 4 && strncasecmp(eng.s, "tikv", 4) == 0)
            e = "tikv";
        else
            return -1;
        if (!hp_eat(h, '['))
            return -1;
        if (parse_tables(h, x, e) < 0 || !hp_eat(h, ']'))
            return -1;
    } while (hp_eat(h, ','));
    return 0;
}

static int parse_index(hp_t *h, hint_t *x)
{
    hint_table_t t;
    if (hp_table(h, &t) < 0)
        return -1;
    push_table(h, x, &t);
    hint_name_t idx[64];
    uint32_t n = 0;
    while (hp_eat(h, ',')) {
        if (n == 64 || hp_name(h, &idx[n]) < 0)
            return -1;
        n++;
    }
    if (n) {
        x->indexes = duet_arena_alloc(h->a, n * sizeof(hint_name_t));
        memcpy(x->indexes, idx, n * sizeof(hint_name_t));
        x->nindexes = n;
    }
    return 0;
}

static int parse_u64(hp_t *h, uint64_t *v)
{
    hp_space(h);
    size_t b = h->p;
    uint64_t r = 0;
    while (h->p < h->len && h->s[h->p] >= '0' && h->s[h->p] <= '9') {
        unsigned d = (unsigned)(h->s[h->p] - '0');
        if (r > (UINT64_MAX - d) / 10)
            return -1;
        r = r * 10 + d;
        h->p++;
    }
    if (h->p == b)
        return -1;
    *v = r;
    return 0;
}

static int parse_set_var(hp_t *h, hint_t *x)
{
    if (hp_name(h, &x->var) < 0 || !hp_eat(h, '='))
        return -1;
    hp_space(h);
    size_t b = h->p;
    int depth = 0;
    char q = 0;
    while (h->p < h->len) {
        char c = h->s[h->p];
        if (q) {
            if (c == q)
                q = 0;
        } else if (c == '\'' || c == '"') {
            q = c;
        } else if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (depth == 0)
                break;
            depth--;
        }
        h->p++;
    }
    size_t e = h->p;
    while (e > b && (h->s[e - 1] == ' ' || h->s[e - 1] == '\t'))
        e--;
    if (e == b || q)
        return -1;
    x->value = duet_arena_strndup(h->a, h->s + b, e - b);
    x->value_len = (uint32_t)(e - b);
    return 0;
}

static int parse_quota(hp_t *h, hint_t *x)
{
    uint64_t n;
    hint_name_t unit;
    if (parse_u64(h, &n) < 0 || hp_name(h, &unit) < 0 || unit.len != 2)
        return -1;
    uint64_t mul;
    if (strncasecmp(unit.s, "MB", 2) == 0) {
        mul = 1024ull * 1024;
        x->num_unit = "MB";
    } else if (strncasecmp(unit.s, "GB", 2) == 0) {
        mul = 1024ull * 1024 * 1024;
        x->num_unit = "GB";
    } else {
        return -1;
    }
    if (n > UINT64_MAX / mul)
        return -1;
    x->num = n * mul;
    return 0;
}

/* Parses the arguments of x between its parentheses (the '(' is consumed). */
static int parse_args(hp_t *h, hint_t *x)
{
    enum arg_shape sh = shape_of(x->kind);
    if (sh != ARGS_QB && sh != ARGS_SET_VAR && sh != ARGS_NUMBER && sh != ARGS_QUOTA) {
        if (hp_qb(h, &x->qb) < 0)
            return -1;
        if (hp_peek(h, ','))
            h->p++;
    }
    switch (sh) {
    case ARGS_NONE:
        break;
    case ARGS_TABLES:
        if (!hp_peek(h, ')') && parse_tables(h, x, NULL) < 0)
            return -1;
        break;
    case ARGS_INDEX:
        if (parse_index(h, x) < 0)
            return -1;
        break;
    case ARGS_STORAGE:
        if (parse_storage(h, x) < 0)
            return -1;
        break;
    case ARGS_QB:
        if (hp_name(h, &x->var) < 0)
            return -1;
        x->qb = x->var;
        break;
    case ARGS_SET_VAR:
        if (parse_set_var(h, x) < 0)
            return -1;
        break;
    case ARGS_NUMBER:
        if (parse_u64(h, &x->num) < 0)
            return -1;
        break;
    case ARGS_QUOTA:
        if (parse_quota(h, x) < 0)
            return -1;
        break;
    }
    return hp_eat(h, ')') ? 0 : -1;
}

void hint_parse(duet_arena_t *arena, const char *full, size_t full_len, uint32_t base,
                const char *text, size_t len, hint_list_t *out, hint_warnings_t *warns)
{
    hp_t h = {arena, full, full_len, base, text, len, 0, warns};
    memset(out, 0, sizeof(*out));
    uint32_t cap = 0;
    while (hp_space(&h)) {
        if (hp_eat(&h, ','))
            continue;
        hint_t x;
        memset(&x, 0, sizeof(x));
        x.pos = base + (uint32_t)h.p;
        if (hp_name(&h, &x.name) < 0 || !hp_eat(&h, '(')) {
            syntax_warn(&h);
            return; /* like TiDB: the rest of the comment is dropped */
        }
        x.kind = kind_of(&x.name);
        if (x.kind == HINT_UNKNOWN) {
            warn(&h, 8061, x.pos,
                 duet_arena_sprintf(arena,
                                    "Optimizer hint %.*s is not supported by TiDB and is ignored",
                                    (int)x.name.len, x.name.s));
            hp_skip_hint(&h);
            continue;
        }
        if (parse_args(&h, &x) < 0) {
            syntax_warn(&h);
            hp_skip_hint(&h);
            continue;
        }
        if (out->n == cap) {
            uint32_t nc = cap ? cap * 2 : 4;
            out->items =
                duet_arena_realloc(arena, out->items, cap * sizeof(hint_t), nc * sizeof(hint_t));
            cap = nc;
        }
        out->items[out->n++] = x;
    }
}

static void put_name(duet_buf_t *b, const hint_name_t *n)
{
    int plain = n->len > 0;
    for (uint32_t i = 0; i < n->len; i++) {
        if (!is_word_char((unsigned char)n->s[i]))
            plain = 0;
    }
    if (plain) {
        duet_buf_append(b, n->s, n->len);
        return;
    }
    duet_buf_putc(b, '`');
    for (uint32_t i = 0; i < n->len; i++) {
        if (n->s[i] == '`')
            duet_buf_putc(b, '`');
        duet_buf_putc(b, n->s[i]);
    }
    duet_buf_putc(b, '`');
}

static void put_table(duet_buf_t *b, const hint_table_t *t)
{
    if (t->db.len) {
        put_name(b, &t->db);
        duet_buf_putc(b, '.');
    }
    put_name(b, &t->tbl);
    if (t->qb.len) {
        duet_buf_putc(b, '@');
        put_name(b, &t->qb);
    }
    if (t->npartitions) {
        duet_buf_puts(b, " PARTITION(");
        for (uint32_t i = 0; i < t->npartitions; i++) {
            if (i)
                duet_buf_puts(b, ", ");
            put_name(b, &t->partitions[i]);
        }
        duet_buf_putc(b, ')');
    }
}

static void restore_one(duet_buf_t *b, const hint_t *x)
{
    duet_buf_puts(b, hint_kind_name(x->kind));
    duet_buf_putc(b, '(');
    enum arg_shape sh = shape_of(x->kind);
    int first = 1;
    if (x->qb.len && sh != ARGS_QB) {
        duet_buf_putc(b, '@');
        put_name(b, &x->qb);
        first = 0;
    }
    switch (sh) {
    case ARGS_NONE:
        break;
    case ARGS_TABLES:
        for (uint32_t i = 0; i < x->ntables; i++) {
            duet_buf_puts(b, i ? ", " : first ? "" : " ");
            put_table(b, &x->tables[i]);
        }
        break;
    case ARGS_INDEX:
        if (x->ntables) {
            duet_buf_puts(b, first ? "" : " ");
            put_table(b, &x->tables[0]);
        }
        for (uint32_t i = 0; i < x->nindexes; i++) {
            duet_buf_puts(b, ", ");
            put_name(b, &x->indexes[i]);
        }
        break;
    case ARGS_STORAGE: {
        duet_buf_puts(b, first ? "" : " ");
        const char *cur = NULL;
        for (uint32_t i = 0; i < x->ntables; i++) {
            const char *e = x->tables[i].engine;
            if (e != cur) {
                if (cur)
                    duet_buf_puts(b, "], ");
                duet_buf_puts(b, strcmp(e, "tiflash") == 0 ? "TIFLASH[" : "TIKV[");
                cur = e;
            } else {
                duet_buf_puts(b, ", ");
            }
            put_table(b, &x->tables[i]);
        }
        if (cur)
            duet_buf_putc(b, ']');
        break;
    }
    case ARGS_QB:
        put_name(b, &x->var);
        break;
    case ARGS_SET_VAR:
        put_name(b, &x->var);
        duet_buf_putc(b, '=');
        duet_buf_append(b, x->value, x->value_len);
        break;
    case ARGS_NUMBER:
        duet_buf_printf(b, "%llu", (unsigned long long)x->num);
        break;
    case ARGS_QUOTA:
        duet_buf_printf(b, "%llu %s",
                        (unsigned long long)(x->num / (x->num_unit[0] == 'G' ? 1024ull * 1024 * 1024
                                                                             : 1024ull * 1024)),
                        x->num_unit);
        break;
    }
    duet_buf_putc(b, ')');
}

void hint_restore(duet_buf_t *b, const hint_list_t *hints)
{
    duet_buf_puts(b, "/*+ ");
    for (uint32_t i = 0; i < hints->n; i++) {
        if (i)
            duet_buf_putc(b, ' ');
        restore_one(b, &hints->items[i]);
    }
    duet_buf_puts(b, " */");
}
