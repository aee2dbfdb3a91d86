/* lexer.h - MySQL/TiDB lexical analysis: tokens for the lemon grammar in parse.y. */
#ifndef DUET_SQL_LEXER_H
#define DUET_SQL_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"

/*
 * A token. code is a TK_* value from the generated parse.h (0 at end of input).
 * pos/end delimit its source bytes. s/len is its value: identifiers and strings
 * decoded (quotes and escapes resolved), numbers as written, hex/bit digits
 * only, variables without the @ prefix, hint comments without the comment
 * markers. aux: quoted identifier (1), system variable scope (sql_var_scope_t).
 */
typedef struct sql_token {
    int code;
    uint32_t pos, end;
    const char *s;
    uint32_t len;
    uint32_t aux;
} sql_token_t;

/* sql_mode bits that change lexing or precedence. */
#define SQL_MODE_NO_BACKSLASH_ESCAPES (1u << 0)
#define SQL_MODE_ANSI_QUOTES          (1u << 1)
#define SQL_MODE_PIPES_AS_CONCAT      (1u << 2)
#define SQL_MODE_HIGH_NOT_PRECEDENCE  (1u << 3)

typedef struct sql_lexer {
    const char *src;
    uint32_t len;
    uint32_t p;
    uint32_t mode;
    duet_arena_t *arena;
    int prev;         /* previous token code */
    int in_exec;      /* inside an executable comment */
    uint32_t err_pos; /* set with code -1: where the bad token starts */
} sql_lexer_t;

/* sql_lex_init: prepares lx over src[0..len) with the given sql_mode bits. */
void sql_lex_init(sql_lexer_t *lx, duet_arena_t *arena, const char *src, uint32_t len,
                  uint32_t mode);

/*
 * sql_lex_next: fills t with the next token. Returns t->code: a TK_* code, 0 at
 * the end of input, or -1 for a lexical error (unterminated string, quoted
 * identifier or comment; a bad hex or bit literal), with t->pos at the bad
 * token and t->end at the end of input.
 */
int sql_lex_next(sql_lexer_t *lx, sql_token_t *t);

/* sql_keyword_code: the TK_* code of a keyword (any case), or 0. */
int sql_keyword_code(const char *s, size_t len);

/* sql_is_keyword: true when word would lex as a keyword. */
int sql_is_keyword(const char *s, size_t len);

/* sql_token_nonreserved: true when token code is a non-reserved keyword, which the
 * parse driver turns into an identifier where the grammar cannot use the keyword. */
int sql_token_nonreserved(int code);

#endif
