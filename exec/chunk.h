/* chunk.h - the chunk: a columnar batch of rows, one typed column per field, with a selection
 * vector. */
#ifndef DUET_EXEC_CHUNK_H
#define DUET_EXEC_CHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "types/datum.h"
#include "types/field_type.h"

/*
 * Thread safety: a chunk and its columns belong to one thread at a time (the
 * executor that fills it); nothing here locks.
 *
 * Layout (design.md section 5). Every column holds one physical class:
 *   fixed width: data (elem_size bytes per row) + null bitmap;
 *   variable width: offsets (len+1 uint32) + data bytes + null bitmap.
 * The null bitmap has bit (row % 8) of byte (row / 8) set when the row is NULL.
 * A NULL fixed-width row keeps zero bytes; a NULL variable-width row is empty.
 */
typedef enum exec_col_class {
    EXEC_COL_INT,      /* int64 (uint64 when the type is unsigned): integers, YEAR, BIT */
    EXEC_COL_REAL,     /* double: FLOAT and DOUBLE */
    EXEC_COL_DECIMAL,  /* types_decimal_t */
    EXEC_COL_TIME,     /* uint64 mytime_pack: DATE, DATETIME, TIMESTAMP */
    EXEC_COL_DURATION, /* int64 microseconds: TIME */
    EXEC_COL_STRING,   /* bytes: CHAR, VARCHAR, TEXT, BLOB, and JSON (binary JSON) */
    EXEC_COL_ENUMSET,  /* bytes: 8-byte little-endian index/bits, then the name text */
} exec_col_class_t;

/* exec_col_class_of: the physical class of values of type ft. */
exec_col_class_t exec_col_class_of(const types_field_type_t *ft);

/* exec_col_elem_size: bytes per row of a fixed-width class, 0 for variable width. */
size_t exec_col_elem_size(exec_col_class_t cls);

typedef struct exec_column {
    types_field_type_t ft;
    uint8_t cls;        /* exec_col_class_t */
    uint8_t owned;      /* buffers are heap-owned (0: they point into a decoded message) */
    uint32_t elem_size; /* fixed width, or 0 */
    uint32_t len;       /* rows */
    uint32_t cap;       /* rows the nulls/data/offsets arrays hold */
    uint8_t *nulls;
    uint8_t *data;
    uint32_t *offsets; /* variable width only */
    size_t data_len;   /* variable width: bytes used in data */
    size_t data_cap;   /* variable width: bytes allocated for data */
} exec_column_t;

/*
 * exec_chunk_t: ncols columns of equal length. sel, when has_sel, lists nsel
 * physical row numbers in increasing order: the rows that are logically present
 * (a filter sets it instead of copying). capacity is the number of rows an
 * executor puts in one chunk (EXEC_CHUNK_DEFAULT_CAP unless configured); columns
 * grow past it if a caller appends more.
 */
typedef struct exec_chunk {
    uint32_t ncols;
    uint32_t capacity;
    exec_column_t *cols;
    uint32_t *sel;
    uint32_t nsel;
    uint32_t sel_cap;
    bool has_sel;
    uint32_t virt_rows; /* row count of a chunk without columns (COUNT(*) inputs) */
} exec_chunk_t;

#define EXEC_CHUNK_DEFAULT_CAP 1024

/* exec_chunk_new: a chunk with one empty column per fts[i] (types copied), sized
 * for capacity rows (0 picks EXEC_CHUNK_DEFAULT_CAP). Never returns NULL; the
 * caller frees it with exec_chunk_free. */
exec_chunk_t *exec_chunk_new(const types_field_type_t *fts, uint32_t ncols, uint32_t capacity);

/* exec_chunk_free: frees the chunk and the buffers it owns. NULL is allowed. */
void exec_chunk_free(exec_chunk_t *c);

/* exec_chunk_reset: empties every column and drops the selection, keeping the
 * memory (borrowed buffers of a decoded chunk are dropped and become owned). */
void exec_chunk_reset(exec_chunk_t *c);

/* exec_chunk_num_rows: physical rows (ignoring sel). */
uint32_t exec_chunk_num_rows(const exec_chunk_t *c);

/* exec_chunk_logical_rows: rows present: nsel with a selection, else physical rows. */
uint32_t exec_chunk_logical_rows(const exec_chunk_t *c);

/* exec_chunk_row_at: the physical row of logical row i (i < logical rows). */
static inline uint32_t exec_chunk_row_at(const exec_chunk_t *c, uint32_t i)
{
    return c->has_sel ? c->sel[i] : i;
}

/* exec_chunk_set_sel: installs a selection of n physical rows (copied, increasing,
 * each < physical rows). */
void exec_chunk_set_sel(exec_chunk_t *c, const uint32_t *rows, uint32_t n);

/* exec_chunk_clear_sel: all physical rows are present again. */
void exec_chunk_clear_sel(exec_chunk_t *c);

/*
 * exec_chunk_append_row: appends one row of values, vals[i] for column i, each
 * converted to the column's class (see exec_column_append_datum). Returns 0, or
 * -1 with err (1105) when a value's kind does not fit its column's class, in
 * which case the columns before it already hold the new row and the caller
 * should reset the chunk.
 */
int exec_chunk_append_row(exec_chunk_t *c, const types_datum_t *vals, duet_err_t *err);

/* exec_chunk_append_from: appends physical row row of src (same column types) to
 * dst. Never fails. */
void exec_chunk_append_from(exec_chunk_t *dst, const exec_chunk_t *src, uint32_t row);

/* exec_column_append_from: appends physical row row of src (same class) to dst. */
void exec_column_append_from(exec_column_t *dst, const exec_column_t *src, uint32_t row);

/* exec_chunk_append_range: appends physical rows [start, start+n) of src (same
 * column types) to dst, copying whole buffers. Never fails. */
void exec_chunk_append_range(exec_chunk_t *dst, const exec_chunk_t *src, uint32_t start,
                             uint32_t n);

/* exec_chunk_mem_bytes: bytes the chunk holds from the heap (for memory
 * accounting): column buffers it owns plus the selection vector. */
size_t exec_chunk_mem_bytes(const exec_chunk_t *c);

/* ---- columns ---- */

/* exec_column_init: an empty owned column of type ft with room for cap rows. */
void exec_column_init(exec_column_t *col, const types_field_type_t *ft, uint32_t cap);

/* exec_column_destroy: frees what the column owns; it is empty afterwards. */
void exec_column_destroy(exec_column_t *col);

/* exec_column_reset: zero rows, memory kept (borrowed buffers are dropped). */
void exec_column_reset(exec_column_t *col);

/* exec_column_is_null: whether physical row row is NULL. */
static inline bool exec_column_is_null(const exec_column_t *col, uint32_t row)
{
    return (col->nulls[row >> 3] >> (row & 7)) & 1;
}

/* Typed accessors for fixed-width classes (row < len; the class must match). */
static inline int64_t exec_column_int(const exec_column_t *col, uint32_t row)
{
    return ((const int64_t *)(const void *)col->data)[row];
}
static inline double exec_column_real(const exec_column_t *col, uint32_t row)
{
    return ((const double *)(const void *)col->data)[row];
}
static inline const types_decimal_t *exec_column_decimal(const exec_column_t *col, uint32_t row)
{
    return &((const types_decimal_t *)(const void *)col->data)[row];
}
static inline uint64_t exec_column_time(const exec_column_t *col, uint32_t row)
{
    return ((const uint64_t *)(const void *)col->data)[row];
}

/* exec_column_bytes: the bytes of variable-width row row; *len receives their count. */
static inline const char *exec_column_bytes(const exec_column_t *col, uint32_t row, size_t *len)
{
    *len = col->offsets[row + 1] - col->offsets[row];
    return (const char *)col->data + col->offsets[row];
}

/* Typed appenders (the class must match). Never fail. */
void exec_column_append_null(exec_column_t *col);
void exec_column_append_int(exec_column_t *col, int64_t v);
void exec_column_append_real(exec_column_t *col, double v);
void exec_column_append_decimal(exec_column_t *col, const types_decimal_t *v);
void exec_column_append_time(exec_column_t *col, uint64_t packed);
void exec_column_append_duration(exec_column_t *col, int64_t v);
void exec_column_append_bytes(exec_column_t *col, const char *p, size_t n);

/*
 * exec_column_append_datum: appends d, which must already have a kind that
 * belongs to the column's class (INT/UINT/BIT to INT, FLOAT/DOUBLE to REAL,
 * DECIMAL, TIME, DURATION, STRING/JSON to STRING, ENUM/SET to ENUMSET; NULL to
 * any). Returns 0, or -1 with err 1105 for a kind of another class (nothing is
 * appended).
 */
int exec_column_append_datum(exec_column_t *col, const types_datum_t *d, duet_err_t *err);

/* exec_column_get_datum: physical row row as a datum of the column's type; bytes
 * point into the column (valid until it is reset or freed). */
types_datum_t exec_column_get_datum(const exec_column_t *col, uint32_t row);

/* exec_column_reserve: room for n more rows (and, for variable width, bytes
 * more data bytes). Makes a borrowed column owned. */
void exec_column_reserve(exec_column_t *col, uint32_t n, size_t bytes);

/* exec_column_mem_bytes: heap bytes the column owns. */
size_t exec_column_mem_bytes(const exec_column_t *col);

#endif
