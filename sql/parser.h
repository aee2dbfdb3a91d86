/* parser.h - public entry point of sql/: SQL text to AST (sql_ast.h) with TiDB's syntax errors. */
#ifndef DUET_SQL_PARSER_H
#define DUET_SQL_PARSER_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/err.h"
#include "sql/sql_ast.h"

/* sql_mode bits that change parsing (the same values as in lexer.h). */
#define SQL_PARSE_NO_BACKSLASH_ESCAPES (1u << 0)
#define SQL_PARSE_ANSI_QUOTES          (1u << 1)
#define SQL_PARSE_PIPES_AS_CONCAT      (1u << 2)
#define SQL_PARSE_HIGH_NOT_PRECEDENCE  (1u << 3)

/* Longest statement text accepted when opts->max_len is 0 (1 GiB, MySQL's
 * largest max_allowed_packet). */
#define SQL_PARSE_MAX_LEN_DEFAULT (1024u * 1024u * 1024u)

typedef struct sql_parse_opts {
    uint32_t sql_mode; /* SQL_PARSE_* bits */
    size_t max_len;    /* longest accepted text; 0: SQL_PARSE_MAX_LEN_DEFAULT */
} sql_parse_opts_t;

/*
 * sql_parse: parses text[0..len) (one or more statements separated by ';') into
 * *out, allocated in arena together with every node; the AST copies what it
 * needs from text, so text may be freed afterwards. opts may be NULL (sql_mode
 * empty). Input with no statement (blank, comments, lone ';') yields n == 0; the
 * caller reports ER_EMPTY_QUERY if it wants to.
 *
 * Returns 0 on success. On failure returns -1, *out is NULL and err holds:
 * 1064 (42000) with TiDB's text "You have an error in your SQL syntax; ... line L
 * column C near \"rest of the text\" " for syntax errors, for input nested too
 * deeply and for unterminated strings or comments; 1153 (08S01) for text longer
 * than the limit. Hint problems never fail: they are in (*out)->warnings.
 * Thread-safe: each thread uses its own parser state.
 */
int sql_parse(duet_arena_t *arena, const char *text, size_t len, const sql_parse_opts_t *opts,
              sql_stmt_list_t **out, duet_err_t *err);

/* sql_parse_thread_cleanup: frees the calling thread's cached parser state (it is
 * also freed when the thread exits). Safe to call at any time. */
void sql_parse_thread_cleanup(void);

/*
 * sql_restore_stmt: appends the canonical SQL text of s to b (no trailing ';').
 * Keywords upper case, identifiers back-quoted, strings single-quoted with
 * escapes, compound operands parenthesised. Parsing the result gives an AST that
 * restores to the same text.
 */
void sql_restore_stmt(duet_buf_t *b, const sql_stmt_t *s);

/* sql_restore_expr / sql_restore_select: the same for one expression or query. */
void sql_restore_expr(duet_buf_t *b, const sql_expr_t *e);
void sql_restore_select(duet_buf_t *b, const sql_select_t *s);

/* sql_stmt_kind_name: a short upper-case name of a statement kind ("SELECT",
 * "CREATE TABLE"), for logs and tests. */
const char *sql_stmt_kind_name(sql_stmt_kind_t kind);

#endif
