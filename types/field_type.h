/* field_type.h - column and expression types: MySQL type codes, flags, length/decimals, collation,
 * printing. */
#ifndef DUET_TYPES_FIELD_TYPE_H
#define DUET_TYPES_FIELD_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

/* Thread safety: pure functions and constant tables; call from any thread. */

/* The MySQL wire protocol's column type codes (MYSQL_TYPE_*), used everywhere in duet. */
enum types_tp {
    TYPES_TP_DECIMAL = 0, /* old DECIMAL, never produced; NEWDECIMAL is used */
    TYPES_TP_TINY = 1,
    TYPES_TP_SHORT = 2,
    TYPES_TP_LONG = 3,
    TYPES_TP_FLOAT = 4,
    TYPES_TP_DOUBLE = 5,
    TYPES_TP_NULL = 6,
    TYPES_TP_TIMESTAMP = 7,
    TYPES_TP_LONGLONG = 8,
    TYPES_TP_INT24 = 9,
    TYPES_TP_DATE = 10,
    TYPES_TP_TIME = 11,
    TYPES_TP_DATETIME = 12,
    TYPES_TP_YEAR = 13,
    TYPES_TP_NEWDATE = 14,
    TYPES_TP_VARCHAR = 15,
    TYPES_TP_BIT = 16,
    TYPES_TP_JSON = 245,
    TYPES_TP_NEWDECIMAL = 246,
    TYPES_TP_ENUM = 247,
    TYPES_TP_SET = 248,
    TYPES_TP_TINY_BLOB = 249,
    TYPES_TP_MEDIUM_BLOB = 250,
    TYPES_TP_LONG_BLOB = 251,
    TYPES_TP_BLOB = 252,
    TYPES_TP_VAR_STRING = 253,
    TYPES_TP_STRING = 254,
    TYPES_TP_GEOMETRY = 255,
};

/* Column definition flags, as sent in the protocol's ColumnDefinition41 packet. */
#define TYPES_FLAG_NOT_NULL       0x0001u
#define TYPES_FLAG_PRI_KEY        0x0002u
#define TYPES_FLAG_UNIQUE_KEY     0x0004u
#define TYPES_FLAG_MULTIPLE_KEY   0x0008u
#define TYPES_FLAG_BLOB           0x0010u
#define TYPES_FLAG_UNSIGNED       0x0020u
#define TYPES_FLAG_ZEROFILL       0x0040u
#define TYPES_FLAG_BINARY         0x0080u
#define TYPES_FLAG_ENUM           0x0100u
#define TYPES_FLAG_AUTO_INCREMENT 0x0200u
#define TYPES_FLAG_TIMESTAMP      0x0400u
#define TYPES_FLAG_SET            0x0800u
#define TYPES_FLAG_NO_DEFAULT     0x1000u
#define TYPES_FLAG_ON_UPDATE_NOW  0x2000u
#define TYPES_FLAG_PART_KEY       0x4000u
#define TYPES_FLAG_NUM            0x8000u

/* Collation ids (MySQL's information_schema.COLLATIONS.ID). */
#define TYPES_COLL_LATIN1_SWEDISH_CI  8
#define TYPES_COLL_ASCII_GENERAL_CI   11
#define TYPES_COLL_UTF8_GENERAL_CI    33
#define TYPES_COLL_UTF8MB4_GENERAL_CI 45
#define TYPES_COLL_UTF8MB4_BIN        46
#define TYPES_COLL_LATIN1_BIN         47
#define TYPES_COLL_BINARY             63
#define TYPES_COLL_ASCII_BIN          65
#define TYPES_COLL_UTF8_BIN           83
#define TYPES_COLL_UTF8_UNICODE_CI    192
#define TYPES_COLL_UTF8MB4_UNICODE_CI 224
#define TYPES_COLL_UTF8MB4_0900_BIN   309

/* Limits from MySQL. */
#define TYPES_MAX_DECIMAL_PREC  65
#define TYPES_MAX_DECIMAL_SCALE 30
#define TYPES_MAX_FSP           6
#define TYPES_UNSPECIFIED       (-1) /* flen or decimal not given */

/*
 * types_field_type_t: the type of a column or an expression result. The planner,
 * the wire protocol and the storage codecs all use this one struct. flen is the
 * display width / character length / precision (TYPES_UNSPECIFIED when not
 * given); decimal is the scale or the fractional-seconds precision. elems
 * (ENUM/SET members) are borrowed: whoever builds the type owns them (usually
 * the catalog or a statement arena).
 */
typedef struct types_field_type {
    uint8_t tp;       /* enum types_tp */
    uint16_t collate; /* collation id; TYPES_COLL_BINARY for numbers and binary strings */
    uint32_t flags;   /* TYPES_FLAG_* */
    int64_t flen;
    int32_t decimal;
    uint32_t n_elems;
    const char *const *elems;
} types_field_type_t;

/* types_field_type_init: a type tp with default flen/decimal/collation (as after
 * CREATE TABLE with no length), no flags. Never fails. */
types_field_type_t types_field_type_init(uint8_t tp);

/* types_default_flen: MySQL's default display width / length for tp (INT 11, or 10
 * when unsigned; CHAR 1; DECIMAL 10; DATETIME 19 ...), or TYPES_UNSPECIFIED. */
int64_t types_default_flen(uint8_t tp, bool is_unsigned);

/* Classification helpers. */
bool types_tp_is_integer(uint8_t tp); /* TINY SHORT INT24 LONG LONGLONG YEAR-excluded */
bool types_tp_is_string(uint8_t tp);  /* CHAR VARCHAR TEXT/BLOB family, not ENUM/SET */
bool types_tp_is_blob(uint8_t tp);
bool types_tp_is_time(uint8_t tp); /* DATE DATETIME TIMESTAMP NEWDATE */
bool types_ft_is_unsigned(const types_field_type_t *ft);
bool types_ft_is_binary_string(const types_field_type_t *ft);

/* types_tp_name: lower-case SQL name of the type code ("int", "varchar", "decimal",
 * "blob" ...), as in information_schema.COLUMNS.DATA_TYPE, ignoring the collation
 * (text vs blob is decided by types_field_type_print). Never NULL. */
const char *types_tp_name(uint8_t tp);

/*
 * types_field_type_print: appends the column type as TiDB's SHOW CREATE TABLE and
 * information_schema.COLUMNS.COLUMN_TYPE print it: "int(11)", "bigint(20) unsigned",
 * "decimal(15,2)", "varchar(255)", "varbinary(16)", "datetime(6)", "text",
 * "enum('a','b')", "double", "float(7,3)", "bit(1)", "year(4)", "json".
 */
void types_field_type_print(const types_field_type_t *ft, duet_buf_t *out);

/* types_collation_name / types_charset_name: names for a collation id
 * ("utf8mb4_bin", "utf8mb4"), or NULL when the id is unknown. */
const char *types_collation_name(uint16_t id);
const char *types_charset_name(uint16_t id);

/* types_collation_id: the id of a collation name (case-insensitive), or -1. */
int types_collation_id(const char *name);

#endif
