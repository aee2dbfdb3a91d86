/* datum.h - one SQL value of any type, MySQL comparison across types, and casts with MySQL's
 * warnings. */
#ifndef DUET_TYPES_DATUM_H
#define DUET_TYPES_DATUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/err.h"
#include "types/decimal.h"
#include "types/field_type.h"
#include "types/mytime.h"
#include "types/sqlmode.h"
#include "types/status.h"

/* Thread safety: pure functions; callers own the arenas they pass. */

typedef enum types_kind {
    TYPES_K_NULL = 0,
    TYPES_K_INT,      /* i */
    TYPES_K_UINT,     /* u */
    TYPES_K_FLOAT,    /* f, a FLOAT (single precision) value */
    TYPES_K_DOUBLE,   /* f */
    TYPES_K_STRING,   /* ptr/len with collate; binary strings have TYPES_COLL_BINARY */
    TYPES_K_DECIMAL,  /* dec */
    TYPES_K_TIME,     /* time (mytime_pack), tp DATE/DATETIME/TIMESTAMP, fsp */
    TYPES_K_DURATION, /* dur (microseconds), fsp */
    TYPES_K_ENUM,     /* u = 1-based index (0 = ''), ptr/len = member name */
    TYPES_K_SET,      /* u = member bits, ptr/len = 'a,b' text */
    TYPES_K_BIT,      /* u */
    TYPES_K_JSON,     /* ptr/len: binary JSON (types/json.h) */
    TYPES_K_MIN,      /* below every non-NULL value (key range bounds) */
    TYPES_K_MAX,      /* above every value (key range bounds) */
} types_kind_t;

/*
 * types_datum_t: a tagged value. Bytes (ptr) are borrowed: whoever made the datum
 * owns them (usually a statement arena). Copy freely; nothing to free.
 */
typedef struct types_datum {
    uint8_t kind; /* types_kind_t */
    uint8_t tp;   /* TYPES_K_TIME: TYPES_TP_DATE, TYPES_TP_DATETIME or TYPES_TP_TIMESTAMP */
    uint8_t fsp;  /* TIME and DURATION: fractional digits shown */
    uint16_t collate;
    uint32_t len;
    const char *ptr;
    union {
        int64_t i;
        uint64_t u;
        double f;
        uint64_t time;
        int64_t dur;
        types_decimal_t dec;
    };
} types_datum_t;

/* Constructors. Never fail. */
types_datum_t types_datum_null(void);
types_datum_t types_datum_int(int64_t v);
types_datum_t types_datum_uint(uint64_t v);
types_datum_t types_datum_double(double v);
types_datum_t types_datum_float(float v);
types_datum_t types_datum_string(const char *p, size_t len, uint16_t collate);
types_datum_t types_datum_decimal(const types_decimal_t *d);
types_datum_t types_datum_time(const mytime_t *t, uint8_t tp, int fsp);
types_datum_t types_datum_duration(int64_t dur, int fsp);
types_datum_t types_datum_enum(uint64_t index, const char *name, size_t len);
types_datum_t types_datum_set(uint64_t bits, const char *text, size_t len);
types_datum_t types_datum_bit(uint64_t v);
types_datum_t types_datum_json(const char *bin, size_t len);

static inline bool types_datum_is_null(const types_datum_t *d)
{
    return d->kind == TYPES_K_NULL;
}

/* types_datum_copy: d with its bytes (strings, JSON, ENUM/SET names) copied into
 * arena, so it outlives the memory it pointed into. */
types_datum_t types_datum_copy(const types_datum_t *d, duet_arena_t *arena);

/*
 * types_datum_truth: the value as a condition (WHERE, IF, AND/OR): 1 true, 0
 * false, -1 for NULL (unknown). Numbers are true when not zero; strings are read
 * as DOUBLE first ('0.0' and 'abc' are false; *st gets the 1292 status); times are
 * true unless zero; JSON is true unless it is false, null, 0 or "". st may be NULL.
 */
int types_datum_truth(const types_datum_t *d, types_status_t *st);

/*
 * types_datum_cmp: -1, 0 or 1 under MySQL's comparison rules: NULL sorts first
 * (callers give SQL's NULL semantics); numbers compare exactly across int, uint,
 * decimal and double; a string against a number compares as DOUBLE (the string
 * converted, *st gets TYPES_TRUNCATED/TYPES_BAD_VALUE for warning 1292); strings
 * under a's collation (the caller resolves coercibility so both sides agree), or
 * as bytes when either side is a binary string; a date or datetime against a
 * string or integer converts that to a DATETIME, a TIME against a string or
 * integer to a TIME (a value that is none becomes zero, *st TYPES_BAD_VALUE);
 * ENUM/SET against strings by name, against numbers by value; BIT as an unsigned
 * integer. st may be NULL.
 */
int types_datum_cmp(const types_datum_t *a, const types_datum_t *b, types_status_t *st);

/* types_datum_to_text: appends the value as MySQL's text protocol shows it
 * ("NULL" for NULL). */
void types_datum_to_text(const types_datum_t *d, duet_buf_t *out);

/*
 * types_datum_format_column: appends d as MySQL's text protocol shows a value of
 * column type ft: ZEROFILL pads numbers with zeros to the display width, FLOAT(M,D)
 * and DOUBLE(M,D) print D decimals, YEAR prints four digits, BIT is sent as its
 * (flen+7)/8 big-endian bytes, times use ft's fractional digits. Returns false
 * (appending nothing) for NULL, which the protocol sends as a NULL marker.
 */
bool types_datum_format_column(const types_datum_t *d, const types_field_type_t *ft,
                               duet_buf_t *out);

/*
 * types_datum_cast: converts in to the column/expression type ft as an INSERT or
 * CAST does: integers clip to the type's range (TYPES_OUT_OF_RANGE), strings to
 * numbers use MySQL's prefix rules (TYPES_TRUNCATED / TYPES_BAD_VALUE), decimals
 * round to the scale, strings are cut to ft->flen characters (TYPES_TRUNCATED),
 * times parse and round to ft->decimal digits, sql_mode deciding zero dates
 * (a TIMESTAMP stays in the session's local time: the caller converts it with
 * mytime_local_to_utc and checks mytime_ts_check before storing).
 * New bytes (numbers as text) come from arena. NULL stays NULL. *out always holds
 * a usable value; the status tells the caller which warning or error to raise
 * (types_cast_warning).
 */
types_status_t types_datum_cast(const types_datum_t *in, const types_field_type_t *ft,
                                types_sqlmode_t mode, duet_arena_t *arena, types_datum_t *out);

/*
 * types_cast_warning: fills e with the message MySQL gives for a cast of in to ft
 * that returned st (st != TYPES_OK). With col == NULL (an expression): 1292
 * "Truncated incorrect INTEGER/DOUBLE/DECIMAL/CHAR(n) value: '...'" or "Incorrect
 * datetime value: '...'", 1365 for division by zero. With a column (INSERT,
 * UPDATE): 1264 out of range, 1366 incorrect number, 1265 data truncated, and in
 * strict mode (mode has STRICT_*) 1406 data too long and 1292 "Incorrect date
 * value: ... for column" for times (without strict mode both are 1265, as MySQL
 * warns). Returns -1.
 */
int types_cast_warning(types_status_t st, const types_datum_t *in, const types_field_type_t *ft,
                       const char *col, int row, types_sqlmode_t mode, duet_err_t *e);

/* types_datum_hash: a hash that is equal for datums of one kind that compare
 * equal (strings by collation, decimals by value whatever their scale). */
uint64_t types_datum_hash(const types_datum_t *d, uint64_t seed);

#endif
