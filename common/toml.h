/* toml.h - a TOML 1.0 reader for duet's configuration files (no date-time values). */
#ifndef DUET_COMMON_TOML_H
#define DUET_COMMON_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

typedef enum duet_toml_type {
    DUET_TOML_STRING,
    DUET_TOML_INT,
    DUET_TOML_FLOAT,
    DUET_TOML_BOOL,
    DUET_TOML_ARRAY,
    DUET_TOML_TABLE,
} duet_toml_type_t;

typedef struct duet_toml_value duet_toml_value_t;

typedef struct duet_toml_kv {
    const char *key;
    duet_toml_value_t *value;
} duet_toml_kv_t;

/*
 * A parsed value. line is where it was defined (1-based; for a table, where its
 * header or first key appeared). Every value belongs to its document's arena.
 */
struct duet_toml_value {
    duet_toml_type_t type;
    int line;
    union {
        const char *s; /* STRING: NUL-terminated UTF-8 */
        int64_t i;     /* INT */
        double f;      /* FLOAT */
        bool b;        /* BOOL */
        struct {
            duet_toml_value_t **items;
            size_t n, cap;
        } arr; /* ARRAY */
        struct {
            duet_toml_kv_t *items;
            size_t n, cap;
            bool defined;  /* a [header] named it */
            bool inline_;  /* { ... }: closed for additions */
            bool implicit; /* created by a dotted key or header prefix */
        } tab;             /* TABLE */
    } u;
};

typedef struct duet_toml_doc duet_toml_doc_t;

/*
 * duet_toml_parse: parses text (len bytes; need not be NUL-terminated). name
 * labels error messages ("conf/duet.toml:12: ..."). Returns the document, or NULL
 * with err set (code 1105) naming the line and what is wrong.
 */
duet_toml_doc_t *duet_toml_parse(const char *text, size_t len, const char *name, duet_err_t *err);

/* duet_toml_parse_file: reads path and parses it; errors name the path. */
duet_toml_doc_t *duet_toml_parse_file(const char *path, duet_err_t *err);

/* duet_toml_root: the document's top-level table. */
duet_toml_value_t *duet_toml_root(duet_toml_doc_t *doc);

/* duet_toml_get: the value of key in table t (one key, no dots), or NULL. */
duet_toml_value_t *duet_toml_get(const duet_toml_value_t *t, const char *key);

/* duet_toml_type_name: "string", "integer", "float", "boolean", "array", "table". */
const char *duet_toml_type_name(duet_toml_type_t type);

/* duet_toml_free: frees the document and all its values. NULL is allowed. */
void duet_toml_free(duet_toml_doc_t *doc);

#endif
