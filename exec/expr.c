/* expr.c - building expression trees, inferring result types, printing them for messages. */
#include "exec/expr.h"

#include <string.h>

#include "types/arith.h"
#include "types/infer.h"

static exec_expr_t *expr_new(duet_arena_t *arena, exec_expr_kind_t kind,
                             const types_field_type_t *ft)
{
    exec_expr_t *e = duet_arena_calloc(arena, 1, sizeof(*e));
    e->kind = (uint8_t)kind;
    e->ft = *ft;
    return e;
}

exec_expr_t *exec_expr_column(duet_arena_t *arena, uint32_t col, const types_field_type_t *ft,
                              const char *name)
{
    exec_expr_t *e = expr_new(arena, EXEC_EXPR_COLUMN, ft);
    e->col = col;
    e->name = name ? duet_arena_strdup(arena, name) : NULL;
    return e;
}

exec_expr_t *exec_expr_const(duet_arena_t *arena, const types_datum_t *v,
                             const types_field_type_t *ft)
{
    exec_expr_t *e = expr_new(arena, EXEC_EXPR_CONST, ft);
    e->value = types_datum_copy(v, arena);
    return e;
}

static const char *const sig_names[EXEC_SIG_COUNT_] = {
    [EXEC_SIG_EQ] = "eq",
    [EXEC_SIG_NE] = "ne",
    [EXEC_SIG_LT] = "lt",
    [EXEC_SIG_LE] = "le",
    [EXEC_SIG_GT] = "gt",
    [EXEC_SIG_GE] = "ge",
    [EXEC_SIG_NULLEQ] = "nulleq",
    [EXEC_SIG_PLUS] = "plus",
    [EXEC_SIG_MINUS] = "minus",
    [EXEC_SIG_MUL] = "mul",
    [EXEC_SIG_DIV] = "div",
    [EXEC_SIG_INTDIV] = "intdiv",
    [EXEC_SIG_MOD] = "mod",
    [EXEC_SIG_NEG] = "unaryminus",
    [EXEC_SIG_AND] = "and",
    [EXEC_SIG_OR] = "or",
    [EXEC_SIG_XOR] = "xor",
    [EXEC_SIG_NOT] = "not",
    [EXEC_SIG_ISNULL] = "isnull",
    [EXEC_SIG_ISNOTNULL] = "isnotnull",
    [EXEC_SIG_IN] = "in",
    [EXEC_SIG_BETWEEN] = "between",
    [EXEC_SIG_IF] = "if",
    [EXEC_SIG_IFNULL] = "ifnull",
    [EXEC_SIG_COALESCE] = "coalesce",
    [EXEC_SIG_NULLIF] = "nullif",
    [EXEC_SIG_CASE] = "case",
    [EXEC_SIG_CAST] = "cast",
    [EXEC_SIG_LIKE] = "like",
};

const char *exec_sig_name(exec_sig_t sig)
{
    return sig < EXEC_SIG_COUNT_ ? sig_names[sig] : "unknown";
}

static bool nargs_ok(exec_sig_t sig, uint32_t n)
{
    switch (sig) {
    case EXEC_SIG_NEG:
    case EXEC_SIG_NOT:
    case EXEC_SIG_ISNULL:
    case EXEC_SIG_ISNOTNULL:
    case EXEC_SIG_CAST:
        return n == 1;
    case EXEC_SIG_BETWEEN:
    case EXEC_SIG_IF:
        return n == 3;
    case EXEC_SIG_IN:
    case EXEC_SIG_CASE:
        return n >= 2;
    case EXEC_SIG_COALESCE:
        return n >= 1;
    case EXEC_SIG_LIKE:
        return n == 2 || n == 3;
    default:
        return n == 2;
    }
}

static types_field_type_t bool_type(void)
{
    types_field_type_t ft = types_field_type_init(TYPES_TP_LONGLONG);
    ft.flen = 1;
    return ft;
}

static types_arith_op_t arith_op(exec_sig_t sig)
{
    switch (sig) {
    case EXEC_SIG_PLUS:
        return TYPES_ARITH_PLUS;
    case EXEC_SIG_MINUS:
        return TYPES_ARITH_MINUS;
    case EXEC_SIG_MUL:
        return TYPES_ARITH_MUL;
    case EXEC_SIG_DIV:
        return TYPES_ARITH_DIV;
    case EXEC_SIG_INTDIV:
        return TYPES_ARITH_INTDIV;
    default:
        return TYPES_ARITH_MOD;
    }
}

/* The merged type of args[i] for i in [from, n) stepping by step (value arguments). */
static types_field_type_t merge_args(exec_expr_t **args, uint32_t from, uint32_t n, uint32_t step)
{
    types_field_type_t ft = types_field_type_init(TYPES_TP_NULL);
    for (uint32_t i = from; i < n; i += step) {
        types_field_type_t m;
        types_field_type_merge(&ft, &args[i]->ft, &m);
        ft = m;
    }
    return ft;
}

static types_field_type_t infer(exec_sig_t sig, exec_expr_t **args, uint32_t nargs, int incr)
{
    types_field_type_t ft;
    switch (sig) {
    case EXEC_SIG_PLUS:
    case EXEC_SIG_MINUS:
    case EXEC_SIG_MUL:
    case EXEC_SIG_DIV:
    case EXEC_SIG_INTDIV:
    case EXEC_SIG_MOD:
        types_arith_result_type(arith_op(sig), &args[0]->ft, &args[1]->ft, incr, 0, &ft);
        return ft;
    case EXEC_SIG_NEG:
        ft = args[0]->ft;
        if (types_tp_is_integer(ft.tp) || ft.tp == TYPES_TP_YEAR || ft.tp == TYPES_TP_BIT) {
            bool uns = types_ft_is_unsigned(&ft);
            ft = types_field_type_init(uns ? TYPES_TP_NEWDECIMAL : TYPES_TP_LONGLONG);
            if (uns) {
                ft.flen = 20;
                ft.decimal = 0;
            }
        } else if (exec_col_class_of(&ft) != EXEC_COL_DECIMAL) {
            ft = types_field_type_init(TYPES_TP_DOUBLE);
        }
        return ft;
    case EXEC_SIG_IF:
        return merge_args(args, 1, 3, 1);
    case EXEC_SIG_IFNULL:
    case EXEC_SIG_COALESCE:
        return merge_args(args, 0, nargs, 1);
    case EXEC_SIG_CASE: {
        ft = merge_args(args, 1, nargs, 2);
        if (nargs % 2) {
            types_field_type_t m;
            types_field_type_merge(&ft, &args[nargs - 1]->ft, &m);
            ft = m;
        }
        return ft;
    }
    case EXEC_SIG_NULLIF:
        return args[0]->ft;
    default:
        return bool_type();
    }
}

/* A string constant compared with a date becomes a DATETIME constant once, as
 * MySQL converts it, instead of being parsed again for every row. Text that is
 * not a datetime stays (the row-by-row path raises its warning). */
static exec_expr_t *fold_datetime_const(duet_arena_t *arena, exec_expr_t *a)
{
    if (a->kind != EXEC_EXPR_CONST || a->value.kind != TYPES_K_STRING)
        return a;
    types_field_type_t ft = types_field_type_init(TYPES_TP_DATETIME);
    ft.decimal = TYPES_MAX_FSP;
    types_datum_t d;
    if (types_datum_cast(&a->value, &ft, 0, arena, &d) != TYPES_OK || d.kind != TYPES_K_TIME)
        return a;
    return exec_expr_const(arena, &d, &ft);
}

static bool compares_strings(exec_sig_t sig)
{
    return sig <= EXEC_SIG_NULLEQ || sig == EXEC_SIG_IN || sig == EXEC_SIG_BETWEEN ||
           sig == EXEC_SIG_NULLIF || sig == EXEC_SIG_LIKE;
}

/* Collation coercibility, simplified: a string constant takes the collation of
 * the column or expression it is compared with (MySQL: a literal is more
 * coercible than a column); a binary string on either side makes the comparison
 * binary. */
static void resolve_collation(duet_arena_t *arena, exec_expr_t **args, uint32_t n)
{
    int dominant = -1;
    for (uint32_t i = 0; i < n; i++) {
        if (exec_col_class_of(&args[i]->ft) != EXEC_COL_STRING)
            continue;
        if (args[i]->ft.collate == TYPES_COLL_BINARY) {
            dominant = TYPES_COLL_BINARY;
            break;
        }
        if (args[i]->kind != EXEC_EXPR_CONST && dominant < 0)
            dominant = args[i]->ft.collate;
    }
    if (dominant < 0)
        return;
    for (uint32_t i = 0; i < n; i++) {
        exec_expr_t *a = args[i];
        if (a->kind != EXEC_EXPR_CONST || a->value.kind != TYPES_K_STRING ||
            a->ft.collate == dominant)
            continue;
        exec_expr_t *b = exec_expr_const(arena, &a->value, &a->ft);
        b->ft.collate = (uint16_t)dominant;
        b->value.collate = (uint16_t)dominant;
        args[i] = b;
    }
}

exec_expr_t *exec_expr_func(duet_arena_t *arena, exec_sig_t sig, const types_field_type_t *ft,
                            exec_expr_t **args, uint32_t nargs, int incr, duet_err_t *err)
{
    if (sig >= EXEC_SIG_COUNT_ || !nargs_ok(sig, nargs)) {
        duet_err_set(err, ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, exec_sig_name(sig));
        return NULL;
    }
    if (sig == EXEC_SIG_CAST && !ft) {
        duet_err_set(err, ER_GENERIC, "cast needs a target type");
        return NULL;
    }
    if (sig == EXEC_SIG_BETWEEN) {
        /* x BETWEEN a AND b is (x >= a) AND (x <= b) in MySQL, NULLs included */
        exec_expr_t *lo[2] = {args[0], args[1]}, *hi[2] = {args[0], args[2]};
        exec_expr_t *both[2] = {exec_expr_func(arena, EXEC_SIG_GE, NULL, lo, 2, incr, err),
                                exec_expr_func(arena, EXEC_SIG_LE, NULL, hi, 2, incr, err)};
        return exec_expr_func(arena, EXEC_SIG_AND, ft, both, 2, incr, err);
    }
    types_field_type_t rt = ft ? *ft : infer(sig, args, nargs, incr);
    exec_expr_t *e = expr_new(arena, EXEC_EXPR_FUNC, &rt);
    e->sig = (uint8_t)sig;
    e->nargs = nargs;
    e->args = duet_arena_alloc(arena, nargs * sizeof(exec_expr_t *));
    memcpy(e->args, args, nargs * sizeof(exec_expr_t *));
    if (compares_strings(sig))
        resolve_collation(arena, e->args, sig == EXEC_SIG_LIKE ? 2 : nargs);
    if (nargs >= 2)
        e->cmp_type = (uint8_t)types_cmp_type_of(&args[0]->ft, &args[1]->ft);
    if (sig <= EXEC_SIG_NULLEQ && nargs == 2 && e->cmp_type == TYPES_CMP_DATETIME) {
        for (int i = 0; i < 2; i++)
            e->args[i] = fold_datetime_const(arena, e->args[i]);
    }
    return e;
}

static const char *infix(exec_sig_t sig)
{
    switch (sig) {
    case EXEC_SIG_EQ:
        return " = ";
    case EXEC_SIG_NE:
        return " != ";
    case EXEC_SIG_LT:
        return " < ";
    case EXEC_SIG_LE:
        return " <= ";
    case EXEC_SIG_GT:
        return " > ";
    case EXEC_SIG_GE:
        return " >= ";
    case EXEC_SIG_NULLEQ:
        return " <=> ";
    case EXEC_SIG_PLUS:
        return " + ";
    case EXEC_SIG_MINUS:
        return " - ";
    case EXEC_SIG_MUL:
        return " * ";
    case EXEC_SIG_DIV:
        return " / ";
    case EXEC_SIG_INTDIV:
        return " DIV ";
    case EXEC_SIG_MOD:
        return " % ";
    case EXEC_SIG_AND:
        return " and ";
    case EXEC_SIG_OR:
        return " or ";
    case EXEC_SIG_XOR:
        return " xor ";
    case EXEC_SIG_LIKE:
        return " like ";
    default:
        return NULL;
    }
}

static void print_cast_type(const types_field_type_t *ft, duet_buf_t *out)
{
    switch (exec_col_class_of(ft)) {
    case EXEC_COL_INT:
        duet_buf_puts(out, types_ft_is_unsigned(ft) ? "unsigned" : "signed");
        break;
    case EXEC_COL_DECIMAL:
        duet_buf_printf(out, "decimal(%lld,%d)", (long long)ft->flen, ft->decimal);
        break;
    case EXEC_COL_REAL:
        duet_buf_puts(out, "double");
        break;
    case EXEC_COL_STRING:
        duet_buf_puts(out, ft->collate == TYPES_COLL_BINARY ? "binary" : "char");
        break;
    default:
        duet_buf_puts(out, types_tp_name(ft->tp));
        break;
    }
}

void exec_expr_print(const exec_expr_t *e, duet_buf_t *out)
{
    if (e->kind == EXEC_EXPR_COLUMN) {
        if (e->name)
            duet_buf_puts(out, e->name);
        else
            duet_buf_printf(out, "Column#%u", e->col);
        return;
    }
    if (e->kind == EXEC_EXPR_CONST) {
        bool q = e->value.kind == TYPES_K_STRING;
        if (q)
            duet_buf_putc(out, '\'');
        types_datum_to_text(&e->value, out);
        if (q)
            duet_buf_putc(out, '\'');
        return;
    }
    const char *op = infix(e->sig);
    if (op && e->nargs == 2) {
        duet_buf_putc(out, '(');
        exec_expr_print(e->args[0], out);
        duet_buf_puts(out, op);
        exec_expr_print(e->args[1], out);
        duet_buf_putc(out, ')');
        return;
    }
    if (e->sig == EXEC_SIG_NEG) {
        duet_buf_puts(out, "-(");
        exec_expr_print(e->args[0], out);
        duet_buf_putc(out, ')');
        return;
    }
    if (e->sig == EXEC_SIG_CAST) {
        duet_buf_puts(out, "cast(");
        exec_expr_print(e->args[0], out);
        duet_buf_puts(out, " as ");
        print_cast_type(&e->ft, out);
        duet_buf_putc(out, ')');
        return;
    }
    duet_buf_puts(out, exec_sig_name(e->sig));
    duet_buf_putc(out, '(');
    for (uint32_t i = 0; i < e->nargs; i++) {
        if (i)
            duet_buf_puts(out, ", ");
        exec_expr_print(e->args[i], out);
    }
    duet_buf_putc(out, ')');
}
