/* chunk.c - the chunk: typed columns with null bitmaps, appends, datum access, selection. */
#include "exec/chunk.h"

#include <assert.h>
#include <string.h>

#include "common/mem.h"

exec_col_class_t exec_col_class_of(const types_field_type_t *ft)
{
    switch (ft->tp) {
    case TYPES_TP_FLOAT:
    case TYPES_TP_DOUBLE:
        return EXEC_COL_REAL;
    case TYPES_TP_NEWDECIMAL:
    case TYPES_TP_DECIMAL:
        return EXEC_COL_DECIMAL;
    case TYPES_TP_DATE:
    case TYPES_TP_NEWDATE:
    case TYPES_TP_DATETIME:
    case TYPES_TP_TIMESTAMP:
        return EXEC_COL_TIME;
    case TYPES_TP_TIME:
        return EXEC_COL_DURATION;
    case TYPES_TP_ENUM:
    case TYPES_TP_SET:
        return EXEC_COL_ENUMSET;
    case TYPES_TP_VARCHAR:
    case TYPES_TP_VAR_STRING:
    case TYPES_TP_STRING:
    case TYPES_TP_TINY_BLOB:
    case TYPES_TP_MEDIUM_BLOB:
    case TYPES_TP_LONG_BLOB:
    case TYPES_TP_BLOB:
    case TYPES_TP_JSON:
    case TYPES_TP_GEOMETRY:
        return EXEC_COL_STRING;
    default:
        return EXEC_COL_INT; /* integers, YEAR, BIT, NULL */
    }
}

size_t exec_col_elem_size(exec_col_class_t cls)
{
    switch (cls) {
    case EXEC_COL_DECIMAL:
        return sizeof(types_decimal_t);
    case EXEC_COL_STRING:
    case EXEC_COL_ENUMSET:
        return 0;
    default:
        return 8;
    }
}

static size_t bitmap_bytes(uint32_t rows)
{
    return ((size_t)rows + 7) / 8;
}

void exec_column_init(exec_column_t *col, const types_field_type_t *ft, uint32_t cap)
{
    memset(col, 0, sizeof(*col));
    col->ft = *ft;
    col->cls = (uint8_t)exec_col_class_of(ft);
    col->elem_size = (uint32_t)exec_col_elem_size(col->cls);
    col->owned = 1;
    if (cap == 0)
        cap = 8;
    col->cap = cap;
    col->nulls = duet_calloc(bitmap_bytes(cap), 1);
    if (col->elem_size) {
        col->data = duet_malloc((size_t)cap * col->elem_size);
    } else {
        col->offsets = duet_malloc(((size_t)cap + 1) * sizeof(uint32_t));
        col->offsets[0] = 0;
        col->data_cap = (size_t)cap * 8;
        col->data = duet_malloc(col->data_cap);
    }
}

void exec_column_destroy(exec_column_t *col)
{
    if (col->owned) {
        duet_free(col->nulls);
        duet_free(col->data);
        duet_free(col->offsets);
    }
    col->nulls = NULL;
    col->data = NULL;
    col->offsets = NULL;
    col->len = col->cap = 0;
    col->data_len = col->data_cap = 0;
    col->owned = 1;
}

void exec_column_reset(exec_column_t *col)
{
    if (!col->owned) {
        types_field_type_t ft = col->ft;
        exec_column_init(col, &ft, 0);
        return;
    }
    memset(col->nulls, 0, bitmap_bytes(col->cap));
    col->len = 0;
    col->data_len = 0;
    if (col->offsets)
        col->offsets[0] = 0;
}

/* Makes a borrowed column owned by copying its buffers (capacity at least need rows). */
static void column_own(exec_column_t *col, uint32_t need_rows, size_t need_bytes)
{
    uint32_t cap = col->len > 8 ? col->len : 8;
    while (cap < need_rows)
        cap *= 2;
    uint8_t *nulls = duet_calloc(bitmap_bytes(cap), 1);
    memcpy(nulls, col->nulls, bitmap_bytes(col->len));
    uint8_t *data;
    uint32_t *offsets = NULL;
    if (col->elem_size) {
        data = duet_malloc((size_t)cap * col->elem_size);
        memcpy(data, col->data, (size_t)col->len * col->elem_size);
    } else {
        size_t dcap = need_bytes > 64 ? need_bytes : 64;
        data = duet_malloc(dcap);
        if (col->data_len)
            memcpy(data, col->data, col->data_len);
        offsets = duet_malloc(((size_t)cap + 1) * sizeof(uint32_t));
        memcpy(offsets, col->offsets, ((size_t)col->len + 1) * sizeof(uint32_t));
        col->data_cap = dcap;
    }
    col->nulls = nulls;
    col->data = data;
    col->offsets = offsets;
    col->cap = cap;
    col->owned = 1;
}

void exec_column_reserve(exec_column_t *col, uint32_t n, size_t bytes)
{
    uint32_t need = col->len + n;
    size_t need_bytes = col->data_len + bytes;
    if (!col->owned) {
        column_own(col, need, need_bytes);
        return;
    }
    if (need > col->cap) {
        uint32_t cap = col->cap ? col->cap : 8;
        while (cap < need)
            cap *= 2;
        size_t old_nb = bitmap_bytes(col->cap);
        col->nulls = duet_realloc(col->nulls, bitmap_bytes(cap));
        memset(col->nulls + old_nb, 0, bitmap_bytes(cap) - old_nb);
        if (col->elem_size)
            col->data = duet_realloc(col->data, (size_t)cap * col->elem_size);
        else
            col->offsets = duet_realloc(col->offsets, ((size_t)cap + 1) * sizeof(uint32_t));
        col->cap = cap;
    }
    if (!col->elem_size && need_bytes > col->data_cap) {
        size_t dcap = col->data_cap ? col->data_cap : 64;
        while (dcap < need_bytes)
            dcap *= 2;
        col->data = duet_realloc(col->data, dcap);
        col->data_cap = dcap;
    }
}

static void *fixed_slot(exec_column_t *col)
{
    exec_column_reserve(col, 1, 0);
    return col->data + (size_t)col->len * col->elem_size;
}

void exec_column_append_null(exec_column_t *col)
{
    exec_column_reserve(col, 1, 0);
    if (col->elem_size) {
        memset(col->data + (size_t)col->len * col->elem_size, 0, col->elem_size);
    } else {
        col->offsets[col->len + 1] = (uint32_t)col->data_len;
    }
    col->nulls[col->len >> 3] |= (uint8_t)(1u << (col->len & 7));
    col->len++;
}

void exec_column_append_int(exec_column_t *col, int64_t v)
{
    assert(col->cls == EXEC_COL_INT || col->cls == EXEC_COL_DURATION);
    memcpy(fixed_slot(col), &v, 8);
    col->len++;
}

void exec_column_append_real(exec_column_t *col, double v)
{
    assert(col->cls == EXEC_COL_REAL);
    memcpy(fixed_slot(col), &v, 8);
    col->len++;
}

void exec_column_append_decimal(exec_column_t *col, const types_decimal_t *v)
{
    assert(col->cls == EXEC_COL_DECIMAL);
    types_decimal_t *slot = fixed_slot(col);
    memset(slot, 0, sizeof(*slot)); /* padding bytes too: the codec sends them */
    slot->frac = v->frac;
    slot->neg = v->neg;
    memcpy(slot->w, v->w, sizeof(v->w));
    col->len++;
}

void exec_column_append_time(exec_column_t *col, uint64_t packed)
{
    assert(col->cls == EXEC_COL_TIME);
    memcpy(fixed_slot(col), &packed, 8);
    col->len++;
}

void exec_column_append_duration(exec_column_t *col, int64_t v)
{
    assert(col->cls == EXEC_COL_DURATION);
    memcpy(fixed_slot(col), &v, 8);
    col->len++;
}

void exec_column_append_bytes(exec_column_t *col, const char *p, size_t n)
{
    assert(col->elem_size == 0);
    exec_column_reserve(col, 1, n);
    if (n)
        memcpy(col->data + col->data_len, p, n);
    col->data_len += n;
    col->offsets[col->len + 1] = (uint32_t)col->data_len;
    col->len++;
}

static void append_enumset(exec_column_t *col, uint64_t v, const char *p, size_t n)
{
    exec_column_reserve(col, 1, n + 8);
    uint8_t *dst = col->data + col->data_len;
    for (int i = 0; i < 8; i++)
        dst[i] = (uint8_t)(v >> (8 * i));
    if (n)
        memcpy(dst + 8, p, n);
    col->data_len += n + 8;
    col->offsets[col->len + 1] = (uint32_t)col->data_len;
    col->len++;
}

int exec_column_append_datum(exec_column_t *col, const types_datum_t *d, duet_err_t *err)
{
    bool ok = false;
    switch (col->cls) {
    case EXEC_COL_INT:
        ok = d->kind == TYPES_K_INT || d->kind == TYPES_K_UINT || d->kind == TYPES_K_BIT;
        if (ok)
            exec_column_append_int(col, d->i);
        break;
    case EXEC_COL_REAL:
        ok = d->kind == TYPES_K_DOUBLE || d->kind == TYPES_K_FLOAT;
        if (ok)
            exec_column_append_real(col, d->f);
        break;
    case EXEC_COL_DECIMAL:
        ok = d->kind == TYPES_K_DECIMAL;
        if (ok)
            exec_column_append_decimal(col, &d->dec);
        break;
    case EXEC_COL_TIME:
        ok = d->kind == TYPES_K_TIME;
        if (ok)
            exec_column_append_time(col, d->time);
        break;
    case EXEC_COL_DURATION:
        ok = d->kind == TYPES_K_DURATION;
        if (ok)
            exec_column_append_duration(col, d->dur);
        break;
    case EXEC_COL_STRING:
        ok = d->kind == TYPES_K_STRING || d->kind == TYPES_K_JSON;
        if (ok)
            exec_column_append_bytes(col, d->ptr, d->len);
        break;
    case EXEC_COL_ENUMSET:
        ok = d->kind == TYPES_K_ENUM || d->kind == TYPES_K_SET;
        if (ok)
            append_enumset(col, d->u, d->ptr, d->len);
        break;
    }
    if (d->kind == TYPES_K_NULL) {
        exec_column_append_null(col);
        return 0;
    }
    if (!ok)
        return duet_err_set(err, ER_GENERIC, "chunk: a value of kind %d does not fit a %s column",
                            d->kind, types_tp_name(col->ft.tp));
    return 0;
}

types_datum_t exec_column_get_datum(const exec_column_t *col, uint32_t row)
{
    assert(row < col->len);
    if (exec_column_is_null(col, row))
        return types_datum_null();
    types_datum_t d;
    size_t n;
    const char *p;
    switch (col->cls) {
    case EXEC_COL_INT:
        if (col->ft.tp == TYPES_TP_BIT)
            return types_datum_bit((uint64_t)exec_column_int(col, row));
        if (types_ft_is_unsigned(&col->ft))
            return types_datum_uint((uint64_t)exec_column_int(col, row));
        return types_datum_int(exec_column_int(col, row));
    case EXEC_COL_REAL:
        if (col->ft.tp == TYPES_TP_FLOAT)
            return types_datum_float((float)exec_column_real(col, row));
        return types_datum_double(exec_column_real(col, row));
    case EXEC_COL_DECIMAL:
        return types_datum_decimal(exec_column_decimal(col, row));
    case EXEC_COL_TIME:
        d = types_datum_null();
        d.kind = TYPES_K_TIME;
        d.time = exec_column_time(col, row);
        d.tp = col->ft.tp == TYPES_TP_NEWDATE ? TYPES_TP_DATE : col->ft.tp;
        d.fsp = (uint8_t)(col->ft.decimal > 0 ? col->ft.decimal : 0);
        return d;
    case EXEC_COL_DURATION:
        return types_datum_duration(exec_column_int(col, row),
                                    col->ft.decimal > 0 ? col->ft.decimal : 0);
    case EXEC_COL_STRING:
        p = exec_column_bytes(col, row, &n);
        if (col->ft.tp == TYPES_TP_JSON)
            return types_datum_json(p, n);
        return types_datum_string(p, n, col->ft.collate);
    default: {
        p = exec_column_bytes(col, row, &n);
        uint64_t v = 0;
        for (int i = 7; i >= 0; i--)
            v = (v << 8) | (uint8_t)p[i];
        if (col->ft.tp == TYPES_TP_SET)
            return types_datum_set(v, p + 8, n - 8);
        return types_datum_enum(v, p + 8, n - 8);
    }
    }
}

size_t exec_column_mem_bytes(const exec_column_t *col)
{
    if (!col->owned)
        return 0;
    size_t n = bitmap_bytes(col->cap);
    if (col->elem_size)
        n += (size_t)col->cap * col->elem_size;
    else
        n += ((size_t)col->cap + 1) * sizeof(uint32_t) + col->data_cap;
    return n;
}

/* ---- chunks ---- */

exec_chunk_t *exec_chunk_new(const types_field_type_t *fts, uint32_t ncols, uint32_t capacity)
{
    exec_chunk_t *c = duet_calloc(1, sizeof(*c));
    c->capacity = capacity ? capacity : EXEC_CHUNK_DEFAULT_CAP;
    c->ncols = ncols;
    c->cols = duet_calloc(ncols ? ncols : 1, sizeof(exec_column_t));
    for (uint32_t i = 0; i < ncols; i++)
        exec_column_init(&c->cols[i], &fts[i], c->capacity);
    return c;
}

void exec_chunk_free(exec_chunk_t *c)
{
    if (!c)
        return;
    for (uint32_t i = 0; i < c->ncols; i++)
        exec_column_destroy(&c->cols[i]);
    duet_free(c->cols);
    duet_free(c->sel);
    duet_free(c);
}

void exec_chunk_reset(exec_chunk_t *c)
{
    for (uint32_t i = 0; i < c->ncols; i++)
        exec_column_reset(&c->cols[i]);
    c->has_sel = false;
    c->nsel = 0;
    c->virt_rows = 0;
}

uint32_t exec_chunk_num_rows(const exec_chunk_t *c)
{
    return c->ncols ? c->cols[0].len : c->virt_rows;
}

uint32_t exec_chunk_logical_rows(const exec_chunk_t *c)
{
    return c->has_sel ? c->nsel : exec_chunk_num_rows(c);
}

static void sel_reserve(exec_chunk_t *c, uint32_t n)
{
    if (!c->sel || n > c->sel_cap) {
        uint32_t cap = c->capacity > n ? c->capacity : n;
        duet_free(c->sel);
        c->sel = duet_malloc((size_t)(cap ? cap : 1) * sizeof(uint32_t));
        c->sel_cap = cap;
    }
}

void exec_chunk_set_sel(exec_chunk_t *c, const uint32_t *rows, uint32_t n)
{
    sel_reserve(c, n);
    if (n && rows != c->sel)
        memmove(c->sel, rows, (size_t)n * sizeof(uint32_t));
    c->nsel = n;
    c->has_sel = true;
}

void exec_chunk_clear_sel(exec_chunk_t *c)
{
    c->has_sel = false;
    c->nsel = 0;
}

int exec_chunk_append_row(exec_chunk_t *c, const types_datum_t *vals, duet_err_t *err)
{
    for (uint32_t i = 0; i < c->ncols; i++)
        if (exec_column_append_datum(&c->cols[i], &vals[i], err) < 0)
            return -1;
    if (c->ncols == 0)
        c->virt_rows++;
    return 0;
}

void exec_column_append_from(exec_column_t *d, const exec_column_t *s, uint32_t row)
{
    assert(d->cls == s->cls);
    if (exec_column_is_null(s, row)) {
        exec_column_append_null(d);
    } else if (s->elem_size) {
        memcpy(fixed_slot(d), s->data + (size_t)row * s->elem_size, s->elem_size);
        d->len++;
    } else {
        size_t n;
        const char *p = exec_column_bytes(s, row, &n);
        exec_column_append_bytes(d, p, n);
    }
}

void exec_chunk_append_from(exec_chunk_t *dst, const exec_chunk_t *src, uint32_t row)
{
    assert(dst->ncols == src->ncols);
    for (uint32_t i = 0; i < src->ncols; i++)
        exec_column_append_from(&dst->cols[i], &src->cols[i], row);
    if (src->ncols == 0)
        dst->virt_rows++;
}

static void column_append_range(exec_column_t *d, const exec_column_t *s, uint32_t start,
                                uint32_t n)
{
    assert(d->cls == s->cls && start + n <= s->len);
    size_t bytes = s->elem_size ? 0 : s->offsets[start + n] - s->offsets[start];
    exec_column_reserve(d, n, bytes);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t r = start + i, w = d->len + i;
        if ((s->nulls[r >> 3] >> (r & 7)) & 1)
            d->nulls[w >> 3] |= (uint8_t)(1u << (w & 7));
    }
    if (s->elem_size) {
        memcpy(d->data + (size_t)d->len * d->elem_size, s->data + (size_t)start * s->elem_size,
               (size_t)n * s->elem_size);
    } else {
        uint32_t base = s->offsets[start];
        if (bytes)
            memcpy(d->data + d->data_len, s->data + base, bytes);
        for (uint32_t i = 1; i <= n; i++)
            d->offsets[d->len + i] = (uint32_t)d->data_len + (s->offsets[start + i] - base);
        d->data_len += bytes;
    }
    d->len += n;
}

void exec_chunk_append_range(exec_chunk_t *dst, const exec_chunk_t *src, uint32_t start, uint32_t n)
{
    assert(dst->ncols == src->ncols);
    for (uint32_t i = 0; i < src->ncols; i++)
        column_append_range(&dst->cols[i], &src->cols[i], start, n);
    if (src->ncols == 0)
        dst->virt_rows += n;
}

size_t exec_chunk_mem_bytes(const exec_chunk_t *c)
{
    size_t n = sizeof(*c) + (size_t)c->ncols * sizeof(exec_column_t);
    for (uint32_t i = 0; i < c->ncols; i++)
        n += exec_column_mem_bytes(&c->cols[i]);
    if (c->sel)
        n += (size_t)c->sel_cap * sizeof(uint32_t);
    return n;
}
