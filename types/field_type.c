/* field_type.c - type defaults, classification, collation names and SHOW CREATE TABLE type text. */
#include "types/field_type.h"

#include <string.h>
#include <strings.h>

int64_t types_default_flen(uint8_t tp, bool is_unsigned)
{
    switch (tp) {
    case TYPES_TP_TINY:
        return is_unsigned ? 3 : 4;
    case TYPES_TP_SHORT:
        return is_unsigned ? 5 : 6;
    case TYPES_TP_INT24:
        return is_unsigned ? 8 : 9;
    case TYPES_TP_LONG:
        return is_unsigned ? 10 : 11;
    case TYPES_TP_LONGLONG:
        return 20;
    case TYPES_TP_FLOAT:
        return 12;
    case TYPES_TP_DOUBLE:
        return 22;
    case TYPES_TP_NEWDECIMAL:
        return 10;
    case TYPES_TP_DATE:
    case TYPES_TP_NEWDATE:
        return 10;
    case TYPES_TP_DATETIME:
    case TYPES_TP_TIMESTAMP:
        return 19;
    case TYPES_TP_TIME:
        return 10;
    case TYPES_TP_YEAR:
        return 4;
    case TYPES_TP_BIT:
        return 1;
    case TYPES_TP_STRING:
        return 1;
    case TYPES_TP_TINY_BLOB:
        return 255;
    case TYPES_TP_BLOB:
        return 65535;
    case TYPES_TP_MEDIUM_BLOB:
        return 16777215;
    case TYPES_TP_LONG_BLOB:
    case TYPES_TP_JSON:
        return 4294967295LL;
    default:
        return TYPES_UNSPECIFIED;
    }
}

static bool tp_is_numeric(uint8_t tp)
{
    return types_tp_is_integer(tp) || tp == TYPES_TP_FLOAT || tp == TYPES_TP_DOUBLE ||
           tp == TYPES_TP_NEWDECIMAL || tp == TYPES_TP_DECIMAL || tp == TYPES_TP_YEAR ||
           tp == TYPES_TP_BIT;
}

types_field_type_t types_field_type_init(uint8_t tp)
{
    types_field_type_t ft;
    memset(&ft, 0, sizeof ft);
    ft.tp = tp;
    ft.flen = types_default_flen(tp, false);
    ft.decimal = TYPES_UNSPECIFIED;
    ft.collate = TYPES_COLL_UTF8MB4_BIN;
    if (tp_is_numeric(tp) || types_tp_is_time(tp) || tp == TYPES_TP_TIME || tp == TYPES_TP_NULL) {
        ft.collate = TYPES_COLL_BINARY;
        ft.flags |= TYPES_FLAG_BINARY;
    }
    if (types_tp_is_integer(tp) || tp == TYPES_TP_NEWDECIMAL || tp == TYPES_TP_YEAR ||
        types_tp_is_time(tp) || tp == TYPES_TP_TIME)
        ft.decimal = 0;
    if (tp == TYPES_TP_NEWDECIMAL)
        ft.decimal = 0;
    if (types_tp_is_blob(tp))
        ft.flags |= TYPES_FLAG_BLOB;
    return ft;
}

bool types_tp_is_integer(uint8_t tp)
{
    return tp == TYPES_TP_TINY || tp == TYPES_TP_SHORT || tp == TYPES_TP_INT24 ||
           tp == TYPES_TP_LONG || tp == TYPES_TP_LONGLONG;
}

bool types_tp_is_blob(uint8_t tp)
{
    return tp == TYPES_TP_TINY_BLOB || tp == TYPES_TP_BLOB || tp == TYPES_TP_MEDIUM_BLOB ||
           tp == TYPES_TP_LONG_BLOB;
}

bool types_tp_is_string(uint8_t tp)
{
    return tp == TYPES_TP_STRING || tp == TYPES_TP_VARCHAR || tp == TYPES_TP_VAR_STRING ||
           types_tp_is_blob(tp);
}

bool types_tp_is_time(uint8_t tp)
{
    return tp == TYPES_TP_DATE || tp == TYPES_TP_NEWDATE || tp == TYPES_TP_DATETIME ||
           tp == TYPES_TP_TIMESTAMP;
}

bool types_ft_is_unsigned(const types_field_type_t *ft)
{
    return (ft->flags & TYPES_FLAG_UNSIGNED) != 0;
}

bool types_ft_is_binary_string(const types_field_type_t *ft)
{
    return types_tp_is_string(ft->tp) && ft->collate == TYPES_COLL_BINARY;
}

const char *types_tp_name(uint8_t tp)
{
    switch (tp) {
    case TYPES_TP_DECIMAL:
    case TYPES_TP_NEWDECIMAL:
        return "decimal";
    case TYPES_TP_TINY:
        return "tinyint";
    case TYPES_TP_SHORT:
        return "smallint";
    case TYPES_TP_LONG:
        return "int";
    case TYPES_TP_FLOAT:
        return "float";
    case TYPES_TP_DOUBLE:
        return "double";
    case TYPES_TP_NULL:
        return "null";
    case TYPES_TP_TIMESTAMP:
        return "timestamp";
    case TYPES_TP_LONGLONG:
        return "bigint";
    case TYPES_TP_INT24:
        return "mediumint";
    case TYPES_TP_DATE:
    case TYPES_TP_NEWDATE:
        return "date";
    case TYPES_TP_TIME:
        return "time";
    case TYPES_TP_DATETIME:
        return "datetime";
    case TYPES_TP_YEAR:
        return "year";
    case TYPES_TP_VARCHAR:
    case TYPES_TP_VAR_STRING:
        return "varchar";
    case TYPES_TP_BIT:
        return "bit";
    case TYPES_TP_JSON:
        return "json";
    case TYPES_TP_ENUM:
        return "enum";
    case TYPES_TP_SET:
        return "set";
    case TYPES_TP_TINY_BLOB:
        return "tinyblob";
    case TYPES_TP_MEDIUM_BLOB:
        return "mediumblob";
    case TYPES_TP_LONG_BLOB:
        return "longblob";
    case TYPES_TP_BLOB:
        return "blob";
    case TYPES_TP_STRING:
        return "char";
    case TYPES_TP_GEOMETRY:
        return "geometry";
    default:
        return "unknown";
    }
}

/* Text names of the blob family for non-binary collations. */
static const char *text_name(uint8_t tp)
{
    switch (tp) {
    case TYPES_TP_TINY_BLOB:
        return "tinytext";
    case TYPES_TP_MEDIUM_BLOB:
        return "mediumtext";
    case TYPES_TP_LONG_BLOB:
        return "longtext";
    default:
        return "text";
    }
}

static void print_elems(const types_field_type_t *ft, duet_buf_t *out)
{
    duet_buf_putc(out, '(');
    for (uint32_t i = 0; i < ft->n_elems; i++) {
        if (i > 0)
            duet_buf_putc(out, ',');
        duet_buf_putc(out, '\'');
        for (const char *p = ft->elems[i]; *p; p++) {
            if (*p == '\'')
                duet_buf_putc(out, '\'');
            duet_buf_putc(out, *p);
        }
        duet_buf_putc(out, '\'');
    }
    duet_buf_putc(out, ')');
}

void types_field_type_print(const types_field_type_t *ft, duet_buf_t *out)
{
    bool uns = types_ft_is_unsigned(ft);
    bool bin = ft->collate == TYPES_COLL_BINARY;
    int64_t flen = ft->flen;
    switch (ft->tp) {
    case TYPES_TP_TINY:
    case TYPES_TP_SHORT:
    case TYPES_TP_INT24:
    case TYPES_TP_LONG:
    case TYPES_TP_LONGLONG:
        if (flen == TYPES_UNSPECIFIED)
            flen = types_default_flen(ft->tp, uns);
        duet_buf_printf(out, "%s(%d)", types_tp_name(ft->tp), (int)flen);
        break;
    case TYPES_TP_FLOAT:
    case TYPES_TP_DOUBLE:
        duet_buf_puts(out, types_tp_name(ft->tp));
        if (flen != TYPES_UNSPECIFIED && ft->decimal != TYPES_UNSPECIFIED)
            duet_buf_printf(out, "(%d,%d)", (int)flen, (int)ft->decimal);
        break;
    case TYPES_TP_DECIMAL:
    case TYPES_TP_NEWDECIMAL:
        duet_buf_printf(out, "decimal(%d,%d)", (int)(flen == TYPES_UNSPECIFIED ? 10 : flen),
                        (int)(ft->decimal == TYPES_UNSPECIFIED ? 0 : ft->decimal));
        break;
    case TYPES_TP_DATETIME:
    case TYPES_TP_TIMESTAMP:
    case TYPES_TP_TIME:
        duet_buf_puts(out, types_tp_name(ft->tp));
        if (ft->decimal > 0)
            duet_buf_printf(out, "(%d)", (int)ft->decimal);
        break;
    case TYPES_TP_YEAR:
        duet_buf_puts(out, "year(4)");
        break;
    case TYPES_TP_BIT:
        duet_buf_printf(out, "bit(%d)", (int)(flen == TYPES_UNSPECIFIED ? 1 : flen));
        break;
    case TYPES_TP_STRING:
        duet_buf_printf(out, "%s(%d)", bin ? "binary" : "char",
                        (int)(flen == TYPES_UNSPECIFIED ? 1 : flen));
        break;
    case TYPES_TP_VARCHAR:
    case TYPES_TP_VAR_STRING:
        duet_buf_printf(out, "%s(%d)", bin ? "varbinary" : "varchar", (int)flen);
        break;
    case TYPES_TP_TINY_BLOB:
    case TYPES_TP_BLOB:
    case TYPES_TP_MEDIUM_BLOB:
    case TYPES_TP_LONG_BLOB:
        duet_buf_puts(out, bin ? types_tp_name(ft->tp) : text_name(ft->tp));
        break;
    case TYPES_TP_ENUM:
    case TYPES_TP_SET:
        duet_buf_puts(out, types_tp_name(ft->tp));
        print_elems(ft, out);
        break;
    default:
        duet_buf_puts(out, types_tp_name(ft->tp));
        break;
    }
    if (uns && tp_is_numeric(ft->tp) && ft->tp != TYPES_TP_BIT && ft->tp != TYPES_TP_YEAR)
        duet_buf_puts(out, " unsigned");
    if ((ft->flags & TYPES_FLAG_ZEROFILL) && tp_is_numeric(ft->tp))
        duet_buf_puts(out, " zerofill");
}

static const struct coll_name {
    uint16_t id;
    const char *name;
    const char *charset;
} coll_names[] = {
    {TYPES_COLL_LATIN1_SWEDISH_CI, "latin1_swedish_ci", "latin1"},
    {TYPES_COLL_ASCII_GENERAL_CI, "ascii_general_ci", "ascii"},
    {TYPES_COLL_UTF8_GENERAL_CI, "utf8_general_ci", "utf8"},
    {TYPES_COLL_UTF8MB4_GENERAL_CI, "utf8mb4_general_ci", "utf8mb4"},
    {TYPES_COLL_UTF8MB4_BIN, "utf8mb4_bin", "utf8mb4"},
    {TYPES_COLL_LATIN1_BIN, "latin1_bin", "latin1"},
    {TYPES_COLL_BINARY, "binary", "binary"},
    {TYPES_COLL_ASCII_BIN, "ascii_bin", "ascii"},
    {TYPES_COLL_UTF8_BIN, "utf8_bin", "utf8"},
    {TYPES_COLL_UTF8_UNICODE_CI, "utf8_unicode_ci", "utf8"},
    {TYPES_COLL_UTF8MB4_UNICODE_CI, "utf8mb4_unicode_ci", "utf8mb4"},
    {TYPES_COLL_UTF8MB4_0900_BIN, "utf8mb4_0900_bin", "utf8mb4"},
};

static const struct coll_name *coll_find(uint16_t id)
{
    for (size_t i = 0; i < sizeof coll_names / sizeof coll_names[0]; i++)
        if (coll_names[i].id == id)
            return &coll_names[i];
    return NULL;
}

const char *types_collation_name(uint16_t id)
{
    const struct coll_name *c = coll_find(id);
    return c ? c->name : NULL;
}

const char *types_charset_name(uint16_t id)
{
    const struct coll_name *c = coll_find(id);
    return c ? c->charset : NULL;
}

int types_collation_id(const char *name)
{
    for (size_t i = 0; i < sizeof coll_names / sizeof coll_names[0]; i++)
        if (strcasecmp(coll_names[i].name, name) == 0)
            return coll_names[i].id;
    /* utf8mb3_* are the MySQL 8 spellings of utf8_*. */
    if (strcasecmp(name, "utf8mb3_bin") == 0)
        return TYPES_COLL_UTF8_BIN;
    if (strcasecmp(name, "utf8mb3_general_ci") == 0)
        return TYPES_COLL_UTF8_GENERAL_CI;
    if (strcasecmp(name, "utf8mb3_unicode_ci") == 0)
        return TYPES_COLL_UTF8_UNICODE_CI;
    return -1;
}
