/* resultset.h - result sets in the text and binary protocols, from a neutral column
 * definition and row representation. */
#ifndef DUET_WIRE_RESULTSET_H
#define DUET_WIRE_RESULTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/err.h"

/* wire_column_t: one column definition (Protocol::ColumnDefinition41). NULL strings
 * are sent empty; catalog is always "def". */
typedef struct wire_column {
    const char *schema;
    const char *table;
    const char *org_table;
    const char *name;
    const char *org_name;
    uint16_t charset; /* collation id: 63 binary for numbers and times */
    uint32_t length;  /* display length in bytes */
    uint8_t type;     /* WIRE_TYPE_* */
    uint16_t flags;   /* WIRE_FLAG_* */
    uint8_t decimals; /* fractional digits; 31 (0x1F) for "not fixed" */
} wire_column_t;

/* wire_time_t: a DATE, DATETIME, TIMESTAMP or TIME value. For TIME, days + hour
 * carry the magnitude and neg the sign. */
typedef struct wire_time {
    uint16_t year;
    uint8_t month, day, hour, minute, second;
    uint32_t micro;
    uint32_t days;
    bool neg;
} wire_time_t;

typedef enum wire_value_kind {
    WIRE_VAL_NULL = 0,
    WIRE_VAL_INT,    /* signed 64-bit */
    WIRE_VAL_UINT,   /* unsigned 64-bit */
    WIRE_VAL_DOUBLE, /* also FLOAT columns */
    WIRE_VAL_BYTES,  /* strings, decimals as text, blobs, json, bit */
    WIRE_VAL_TIME,   /* date/datetime/timestamp/time per the column type */
} wire_value_kind_t;

/* wire_value_t: one cell. Bytes are borrowed from the caller. */
typedef struct wire_value {
    wire_value_kind_t kind;
    union {
        int64_t i;
        uint64_t u;
        double d;
        struct {
            const char *p;
            size_t n;
        } s;
        wire_time_t t;
    } v;
} wire_value_t;

/* wire_column_encode: appends a ColumnDefinition41 payload. With field_list, the
 * COM_FIELD_LIST form (adds an empty default value). Any thread. */
void wire_column_encode(const wire_column_t *c, bool field_list, duet_buf_t *b);

/* wire_text_row_encode: appends a text-protocol row (lenenc strings, 0xFB for NULL).
 * Numbers and times are rendered the way MySQL prints them for the column type. */
void wire_text_row_encode(const wire_column_t *cols, const wire_value_t *vals, size_t n,
                          duet_buf_t *b);

/*
 * wire_binary_row_encode: appends a binary-protocol row: 0x00, the NULL bitmap
 * (offset 2), then each non-NULL value in the encoding of its column type.
 * Returns 0, or -1 with err 1105 when a value's kind cannot be sent as its
 * column's type (a bug in the caller).
 */
int wire_binary_row_encode(const wire_column_t *cols, const wire_value_t *vals, size_t n,
                           duet_buf_t *b, duet_err_t *err);

/* wire_time_format: renders t as MySQL text for a column of type with fsp
 * fractional digits (0..6) into out (at least 32 bytes); returns the length. */
size_t wire_time_format(const wire_time_t *t, uint8_t type, int fsp, char *out);

/* wire_double_format: the shortest text that reads back as d (MySQL style: no
 * exponent for moderate magnitudes, "1e100" style otherwise). Returns the length. */
size_t wire_double_format(double d, bool is_float, char *out, size_t outsz);

#endif
