/* hints.h - optimizer hint comments: parsed hint lists, warnings and restore. */
#ifndef DUET_HINTS_HINTS_H
#define DUET_HINTS_HINTS_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"

/* Every hint duet knows (compat.md section 4 and TiDB's usual set). */
typedef enum hint_kind {
    HINT_UNKNOWN = 0,
    HINT_READ_FROM_STORAGE,
    HINT_HASH_AGG,
    HINT_STREAM_AGG,
    HINT_MPP_1PHASE_AGG,
    HINT_MPP_2PHASE_AGG,
    HINT_AGG_TO_COP,
    HINT_LIMIT_TO_COP,
    HINT_SHUFFLE_JOIN,
    HINT_BROADCAST_JOIN,
    HINT_HASH_JOIN,
    HINT_HASH_JOIN_BUILD,
    HINT_HASH_JOIN_PROBE,
    HINT_MERGE_JOIN,
    HINT_INL_JOIN,
    HINT_INL_HASH_JOIN,
    HINT_INL_MERGE_JOIN,
    HINT_NO_HASH_JOIN,
    HINT_NO_MERGE_JOIN,
    HINT_LEADING,
    HINT_STRAIGHT_JOIN,
    HINT_USE_INDEX,
    HINT_IGNORE_INDEX,
    HINT_FORCE_INDEX,
    HINT_USE_INDEX_MERGE,
    HINT_NO_INDEX_MERGE,
    HINT_ORDER_INDEX,
    HINT_NO_ORDER_INDEX,
    HINT_QB_NAME,
    HINT_SET_VAR,
    HINT_MAX_EXECUTION_TIME,
    HINT_MEMORY_QUOTA,
    HINT_USE_TOJA,
    HINT_NO_DECORRELATE,
    HINT_SEMI_JOIN_REWRITE,
    HINT_USE_CASCADES,
    HINT_IGNORE_PLAN_CACHE,
    HINT_READ_CONSISTENT_REPLICA,
    HINT_KIND_COUNT_,
} hint_kind_t;

/* A name as written in the hint, without backquotes. */
typedef struct hint_name {
    const char *s;
    uint32_t len;
} hint_name_t;

/* A table reference inside a hint: [db.]tbl[@qb] [PARTITION(p, ...)]. engine is set
 * for READ_FROM_STORAGE ("tiflash" or "tikv", lower case). */
typedef struct hint_table {
    hint_name_t db, tbl, qb;
    hint_name_t *partitions;
    uint32_t npartitions;
    const char *engine;
} hint_table_t;

/* One hint. pos is the byte offset of its name in the statement text. */
typedef struct hint {
    hint_kind_t kind;
    hint_name_t name; /* as written (case kept) */
    uint32_t pos;
    hint_name_t qb;       /* leading @qb argument, if any */
    hint_table_t *tables; /* join/storage/index hints */
    uint32_t ntables;
    hint_name_t *indexes; /* USE_INDEX(t, a, b): a, b */
    uint32_t nindexes;
    hint_name_t var;   /* SET_VAR: variable name; QB_NAME: the name */
    const char *value; /* SET_VAR: value text as written */
    uint32_t value_len;
    uint64_t num;         /* MAX_EXECUTION_TIME ms, MEMORY_QUOTA bytes */
    const char *num_unit; /* MEMORY_QUOTA: "MB" or "GB" (canonical upper case) */
} hint_t;

typedef struct hint_list {
    hint_t *items;
    uint32_t n;
    uint32_t pos; /* byte offset of the comment's first character */
} hint_list_t;

/* A hint warning: Level Warning; code and text as TiDB prints them. */
typedef struct hint_warning {
    int code;
    uint32_t pos;
    const char *msg;
} hint_warning_t;

typedef struct hint_warnings {
    hint_warning_t *items;
    uint32_t n, cap;
} hint_warnings_t;

/*
 * hint_parse: parses the inside of a hint comment (text, len: what lies between
 * the comment's opening "slash star plus" and its closing "star slash"). full/full_len is the whole
 * statement text and base the byte offset of text inside it, so positions and warning texts point
 * into the statement. Never fails: malformed or unknown hints are skipped and described in warns
 * (code 1064 for syntax, 8061 for an unsupported hint). The list and its strings live in arena.
 */
void hint_parse(duet_arena_t *arena, const char *full, size_t full_len, uint32_t base,
                const char *text, size_t len, hint_list_t *out, hint_warnings_t *warns);

/* hint_restore: appends the whole hint comment in canonical form to b:
 * slash-star-plus, "NAME(args)" separated by spaces, star-slash. */
void hint_restore(duet_buf_t *b, const hint_list_t *hints);

/* hint_kind_name: the canonical upper-case name of kind ("READ_FROM_STORAGE"). */
const char *hint_kind_name(hint_kind_t kind);

#endif
