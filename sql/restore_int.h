/* restore_int.h - internal to sql/: shared printers of restore.c and restore_stmt.c. */
#ifndef DUET_SQL_RESTORE_INT_H
#define DUET_SQL_RESTORE_INT_H

#include "common/buf.h"
#include "sql/sql_ast.h"

void sql_put_ident(duet_buf_t *b, const sql_ident_t *id);
void sql_put_name(duet_buf_t *b, const sql_name_t *n);
void sql_put_string(duet_buf_t *b, const char *s, uint32_t len);
void sql_put_lit(duet_buf_t *b, const sql_lit_t *l);
void sql_put_type(duet_buf_t *b, const sql_type_t *t);
void sql_put_exprs(duet_buf_t *b, const sql_list_t *l);
void sql_put_idents(duet_buf_t *b, const sql_list_t *l);
void sql_put_order(duet_buf_t *b, const sql_list_t *l);
void sql_put_limit(duet_buf_t *b, const sql_limit_t *l);
void sql_put_table_ref(duet_buf_t *b, const sql_table_ref_t *r);
void sql_put_assigns(duet_buf_t *b, const sql_list_t *l);
void sql_put_user(duet_buf_t *b, const sql_user_t *u);
const char *sql_unit_name(sql_unit_t u);
void sql_restore_dml(duet_buf_t *b, const sql_stmt_t *s);

#endif
