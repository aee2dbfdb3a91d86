/* expr_internal.h - what the expression evaluator's files share (not part of exec's API). */
#ifndef DUET_EXEC_EXPR_INTERNAL_H
#define DUET_EXEC_EXPR_INTERNAL_H

#include "exec/expr.h"
#include "types/status.h"

/* exec_expr_row_fn: e (a function that is not control flow) applied to the
 * argument values args[0..e->nargs) of one row. Returns 0 with *out, or -1 with
 * err. */
int exec_expr_row_fn(const exec_expr_t *e, const types_datum_t *args, exec_ctx_t *ctx,
                     types_datum_t *out, duet_err_t *err);

/* exec_expr_append_coerced: appends d to out, converted to out's type when its
 * kind belongs to another class (decimals rounded to the column's scale). */
int exec_expr_append_coerced(exec_column_t *out, const types_datum_t *d, exec_ctx_t *ctx,
                             duet_err_t *err);

/* exec_expr_warn_status: raises the warning MySQL gives for converting in to a
 * value of type tp (DOUBLE, DATETIME, ...) with status st (nothing for TYPES_OK). */
void exec_expr_warn_status(exec_ctx_t *ctx, types_status_t st, const types_datum_t *in, uint8_t tp);

/* exec_like_match: whether s matches the LIKE pattern pat under collation coll,
 * esc being the escape character (a code point, or -1 for none). */
bool exec_like_match(const char *s, size_t n, const char *pat, size_t pn, uint16_t coll,
                     int32_t esc);

#endif
