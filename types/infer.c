/* infer.c - merged result types and comparison types with MySQL's rules. */
#include "types/infer.h"

typedef enum cat {
    C_NULL,
    C_INT,
    C_BIT,
    C_YEAR,
    C_DECIMAL,
    C_FLOAT,
    C_DOUBLE,
    C_DATE,
    C_DATETIME,
    C_TIMESTAMP,
    C_TIME,
    C_JSON,
    C_STRING,
} cat_t;

static cat_t cat_of(uint8_t tp)
{
    if (types_tp_is_integer(tp))
        return C_INT;
    switch (tp) {
    case TYPES_TP_NULL:
        return C_NULL;
    case TYPES_TP_BIT:
        return C_BIT;
    case TYPES_TP_YEAR:
        return C_YEAR;
    case TYPES_TP_DECIMAL:
    case TYPES_TP_NEWDECIMAL:
        return C_DECIMAL;
    case TYPES_TP_FLOAT:
        return C_FLOAT;
    case TYPES_TP_DOUBLE:
        return C_DOUBLE;
    case TYPES_TP_DATE:
    case TYPES_TP_NEWDATE:
        return C_DATE;
    case TYPES_TP_DATETIME:
        return C_DATETIME;
    case TYPES_TP_TIMESTAMP:
        return C_TIMESTAMP;
    case TYPES_TP_TIME:
        return C_TIME;
    case TYPES_TP_JSON:
        return C_JSON;
    default:
        return C_STRING;
    }
}

/* Rank of an integer type by width. */
static int int_rank(uint8_t tp)
{
    switch (tp) {
    case TYPES_TP_TINY:
        return 0;
    case TYPES_TP_SHORT:
        return 1;
    case TYPES_TP_INT24:
        return 2;
    case TYPES_TP_LONG:
        return 3;
    default:
        return 4;
    }
}

static const uint8_t rank_tp[5] = {TYPES_TP_TINY, TYPES_TP_SHORT, TYPES_TP_INT24, TYPES_TP_LONG,
                                   TYPES_TP_LONGLONG};

static int max_i(int64_t a, int64_t b)
{
    return (int)(a > b ? a : b);
}

/* Digits and scale of an exact number type. */
static void exact_digits(const types_field_type_t *f, int *intg, int *frac)
{
    if (cat_of(f->tp) == C_DECIMAL) {
        int p = f->flen > 0 ? (int)f->flen : 10, s = f->decimal > 0 ? f->decimal : 0;
        *intg = p - s;
        *frac = s;
        return;
    }
    static const int digits[5] = {3, 5, 8, 10, 20};
    *intg = f->tp == TYPES_TP_YEAR ? 4 : digits[int_rank(f->tp)];
    *frac = 0;
}

/* Display length of a value of type f when shown as a string. */
static int64_t text_len(const types_field_type_t *f)
{
    if (f->flen > 0)
        return f->flen + (f->tp == TYPES_TP_NEWDECIMAL && f->decimal > 0 ? 2 : 0);
    int64_t d = types_default_flen(f->tp, types_ft_is_unsigned(f));
    return d > 0 ? d : 0;
}

static void merge_string(const types_field_type_t *a, const types_field_type_t *b,
                         types_field_type_t *out)
{
    int64_t len = text_len(a) > text_len(b) ? text_len(a) : text_len(b);
    bool binary = (types_tp_is_string(a->tp) && a->collate == TYPES_COLL_BINARY) ||
                  (types_tp_is_string(b->tp) && b->collate == TYPES_COLL_BINARY);
    bool blob = types_tp_is_blob(a->tp) || types_tp_is_blob(b->tp) || len > 65535;
    bool fixed = a->tp == TYPES_TP_STRING && b->tp == TYPES_TP_STRING;
    uint8_t tp = fixed ? TYPES_TP_STRING : TYPES_TP_VARCHAR;
    if (blob) {
        tp = len <= 255        ? TYPES_TP_TINY_BLOB
             : len <= 65535    ? TYPES_TP_BLOB
             : len <= 16777215 ? TYPES_TP_MEDIUM_BLOB
                               : TYPES_TP_LONG_BLOB;
        if (types_tp_is_blob(a->tp) && types_tp_is_blob(b->tp) && a->tp > tp)
            tp = a->tp;
    }
    *out = types_field_type_init(tp);
    if (!blob)
        out->flen = len;
    uint16_t coll = types_tp_is_string(a->tp)   ? a->collate
                    : types_tp_is_string(b->tp) ? b->collate
                                                : TYPES_COLL_UTF8MB4_BIN;
    out->collate = binary ? TYPES_COLL_BINARY : coll;
    out->flags &= ~TYPES_FLAG_BINARY;
    if (binary)
        out->flags |= TYPES_FLAG_BINARY;
}

void types_field_type_merge(const types_field_type_t *a, const types_field_type_t *b,
                            types_field_type_t *out)
{
    cat_t ca = cat_of(a->tp), cb = cat_of(b->tp);
    if (ca == C_NULL || cb == C_NULL) {
        *out = ca == C_NULL ? *b : *a;
        out->flags &= ~TYPES_FLAG_NOT_NULL;
        return;
    }
    if (ca > cb) {
        const types_field_type_t *t = a;
        a = b;
        b = t;
        cat_t c = ca;
        ca = cb;
        cb = c;
    }
    bool ua = types_ft_is_unsigned(a), ub = types_ft_is_unsigned(b);
    /* Integers, YEAR and BIT. */
    if ((ca == C_INT || ca == C_BIT || ca == C_YEAR) &&
        (cb == C_INT || cb == C_BIT || cb == C_YEAR)) {
        if (ca == C_BIT && cb == C_BIT) {
            *out = types_field_type_init(TYPES_TP_BIT);
            out->flen = max_i(a->flen, b->flen);
            return;
        }
        if (ca == C_YEAR && cb == C_YEAR) {
            *out = types_field_type_init(TYPES_TP_YEAR);
            return;
        }
        if (ca == C_BIT || cb == C_BIT) {
            *out = types_field_type_init(TYPES_TP_LONGLONG);
            return;
        }
        const types_field_type_t *ia = ca == C_INT ? a : b, *ib = cb == C_INT ? b : a;
        int ra = int_rank(ia->tp), rb = int_rank(ib->tp);
        int r = ra > rb ? ra : rb;
        bool uia = types_ft_is_unsigned(ia), uib = types_ft_is_unsigned(ib);
        bool uns = uia && uib;
        if (ca == C_YEAR || cb == C_YEAR)
            uns = types_ft_is_unsigned(ia) && ia == ib;
        if (uia != uib) {
            /* The unsigned side's range needs the next size unless the signed side is
             * already wider; past BIGINT only DECIMAL(20,0) holds both. */
            int ru = uia ? ra : rb, rs = uia ? rb : ra;
            if (ru >= rs) {
                if (ru == 4) {
                    *out = types_field_type_init(TYPES_TP_NEWDECIMAL);
                    out->flen = 20;
                    out->decimal = 0;
                    return;
                }
                r = ru + 1;
            }
        }
        *out = types_field_type_init(rank_tp[r]);
        if (uns)
            out->flags |= TYPES_FLAG_UNSIGNED;
        out->flen = types_default_flen(rank_tp[r], uns);
        return;
    }
    /* Exact numbers with DECIMAL. */
    if ((ca == C_INT || ca == C_YEAR || ca == C_BIT || ca == C_DECIMAL) && cb == C_DECIMAL) {
        int i1, f1, i2, f2;
        exact_digits(a, &i1, &f1);
        exact_digits(b, &i2, &f2);
        int frac = f1 > f2 ? f1 : f2, intg = i1 > i2 ? i1 : i2;
        if (frac > TYPES_MAX_DECIMAL_SCALE)
            frac = TYPES_MAX_DECIMAL_SCALE;
        if (intg + frac > TYPES_MAX_DECIMAL_PREC)
            intg = TYPES_MAX_DECIMAL_PREC - frac;
        *out = types_field_type_init(TYPES_TP_NEWDECIMAL);
        out->flen = intg + frac;
        out->decimal = frac;
        if (ua && ub)
            out->flags |= TYPES_FLAG_UNSIGNED;
        return;
    }
    if (ca <= C_DOUBLE && cb <= C_DOUBLE) {
        bool both_float = ca == C_FLOAT && cb == C_FLOAT;
        *out = types_field_type_init(both_float ? TYPES_TP_FLOAT : TYPES_TP_DOUBLE);
        if (ua && ub)
            out->flags |= TYPES_FLAG_UNSIGNED;
        return;
    }
    /* Temporal types. */
    if (ca >= C_DATE && ca <= C_TIME && cb >= C_DATE && cb <= C_TIME) {
        int fsp = max_i(a->decimal > 0 ? a->decimal : 0, b->decimal > 0 ? b->decimal : 0);
        uint8_t tp;
        if (ca == cb)
            tp = a->tp == TYPES_TP_NEWDATE ? TYPES_TP_DATE : a->tp;
        else
            tp = TYPES_TP_DATETIME;
        *out = types_field_type_init(tp);
        out->decimal = tp == TYPES_TP_DATE ? 0 : fsp;
        if (tp == TYPES_TP_DATETIME || tp == TYPES_TP_TIMESTAMP)
            out->flen = 19 + (fsp ? fsp + 1 : 0);
        else if (tp == TYPES_TP_TIME)
            out->flen = 10 + (fsp ? fsp + 1 : 0);
        return;
    }
    if (ca == C_JSON && cb == C_JSON) {
        *out = types_field_type_init(TYPES_TP_JSON);
        return;
    }
    merge_string(a, b, out);
}

types_cmp_type_t types_cmp_type_of(const types_field_type_t *a, const types_field_type_t *b)
{
    cat_t ca = cat_of(a->tp), cb = cat_of(b->tp);
    if (ca == C_JSON || cb == C_JSON)
        return TYPES_CMP_JSON;
    bool sa = ca == C_STRING, sb = cb == C_STRING;
    if (sa && sb)
        return TYPES_CMP_STRING;
    bool da = ca >= C_DATE && ca <= C_TIMESTAMP, db = cb >= C_DATE && cb <= C_TIMESTAMP;
    if ((da && (db || sb || cb == C_INT)) || (db && (sa || ca == C_INT)))
        return TYPES_CMP_DATETIME;
    if ((ca == C_TIME && (cb == C_TIME || sb)) || (cb == C_TIME && sa))
        return TYPES_CMP_DURATION;
    bool ia = ca == C_INT || ca == C_BIT || ca == C_YEAR,
         ib = cb == C_INT || cb == C_BIT || cb == C_YEAR;
    if (ia && ib)
        return TYPES_CMP_INT;
    if ((ia || ca == C_DECIMAL) && (ib || cb == C_DECIMAL))
        return TYPES_CMP_DECIMAL;
    return TYPES_CMP_REAL;
}
