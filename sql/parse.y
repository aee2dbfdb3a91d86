/* parse.y - lemon grammar of duet's MySQL/TiDB dialect: statements to AST (see sql_ast.h). */

%name sql_lemon
%token_prefix TK_
%token_type {sql_token_t}
%extra_argument {sql_pctx_t *c}
%stack_size 16000
%start_symbol input

%include {
#include <assert.h>
#include <string.h>

#include "sql/parse_int.h"

#define YYNOERRORRECOVERY 1
#define YYPARSEFREENEVERNULL 1
#define NEW(T) ((T *)duet_arena_calloc(c->a, 1, sizeof(T)))
#define EMPTY_LIST ((sql_list_t){0})
}

%syntax_error {
    (void)yymajor;
    if (!c->failed) {
        c->failed = 1;
        c->err_tok = TOKEN;
    }
}

%code {
/* sql_lemon_accepts: whether the parser p, in its current state, would shift token
 * tok after the reductions tok allows, without changing p. Follows the default
 * reductions of the compressed tables until a shift (1) or an error (0). */
int sql_lemon_accepts(void *p, int tok)
{
    yyParser *pp = (yyParser *)p;
    YYACTIONTYPE pushed[128];
    int npushed = 0;
    yyStackEntry *real = pp->yytos;
    YYACTIONTYPE state = real->stateno;
    for (int guard = 0; guard < 100000; guard++) {
        YYACTIONTYPE act = yy_find_shift_action((YYCODETYPE)tok, state);
        if (act >= YY_MIN_REDUCE && act <= YY_MAX_REDUCE) {
            int rule = act - YY_MIN_REDUCE;
            int pop = -yyRuleInfoNRhs[rule];
            while (pop > 0 && npushed > 0) {
                npushed--;
                pop--;
            }
            real -= pop;
            if (real < pp->yystack)
                return 0;
            YYACTIONTYPE below = npushed ? pushed[npushed - 1] : real->stateno;
            state = yy_find_reduce_action(below, yyRuleInfoLhs[rule]);
            if (npushed == (int)(sizeof(pushed) / sizeof(pushed[0])))
                return 1;
            pushed[npushed++] = state;
            continue;
        }
        return act <= YY_MAX_SHIFTREDUCE || act == YY_ACCEPT_ACTION;
    }
    return 1;
}
}

%stack_overflow {
    c->overflow = 1;
    c->failed = 1;
    c->err_tok = c->cur;
}

/* Tokens the lexer produces that the grammar does not use. */
%token T_ILLEGAL T_LBRACE T_RBRACE T_HINT T_NOT2.

/* Non-reserved keywords: names wherever the grammar does not expect them as
 * keywords (MySQL 8 and TiDB keep these words unreserved). The parse driver asks
 * the parser whether the current state can use the keyword (sql_lemon_accepts)
 * and hands it over as T_ID otherwise; kwtab.cmake reads this list.
 * NONRESERVED-BEGIN
    ACTION AFTER AGAINST ALGORITHM ALWAYS ANY ASCII AUTO_INCREMENT AUTO_RANDOM AUTO_ID_CACHE
    AUTO_RANDOM_BASE AVG_ROW_LENGTH BEGIN BIT BOOL BOOLEAN BTREE CASCADED CHARSET CHECKSUM
    CLUSTERED COALESCE COLUMNS COMMENT COMMIT COMMITTED COMPACT COMPRESSED CONNECTION CONSISTENT
    CURRENT DATA DATE DATETIME DAY DEALLOCATE DEFINER DISABLE DO DUPLICATE DYNAMIC ENABLE
    ENFORCED ENGINE ENGINES ENUM ERRORS ESCAPE EVENTS EXCHANGE EXECUTE EXPANSION EXTENDED FIELDS
    FIRST FIXED FLUSH FOLLOWING FORMAT FULL GLOBAL GRANTS HASH HOSTS HOUR IDENTIFIED INDEXES
    INVISIBLE INVOKER ISOLATION JSON KEY_BLOCK_SIZE LABELS LAST LESS LEVEL LIST LOCAL LOCATION
    LOCKED LOGS MASTER MAX_ROWS MEMORY MERGE MICROSECOND MIN_ROWS MINUTE MODE MODIFY MONTH NAMES
    NATIONAL NCHAR NO NONCLUSTERED NONE NOWAIT OFFSET ONLY OPTIMISTIC PACK_KEYS PARTITIONING
    PARTITIONS PASSWORD PESSIMISTIC PLUGINS PRECEDING PREPARE PRIVILEGES PROCESSLIST PROFILES
    QUARTER QUERY QUICK REBUILD REDUNDANT RELOAD REMOVE REORGANIZE REPEATABLE REPLICA ROLE
    ROLLBACK ROLLUP ROW_FORMAT SAVEPOINT SECOND SECURITY SERIAL SERIALIZABLE SESSION SHARE
    SHARD_ROW_ID_BITS PRE_SPLIT_REGIONS SIGNED SIMPLE SKIP SLAVE SNAPSHOT SOME START STATUS
    STORAGE SUBPARTITION SUBPARTITIONS SUBSTRING TABLES TEMPORARY TEMPTABLE TEXT THAN TIDB
    TIFLASH TIME TIMESTAMP TIMESTAMPADD TIMESTAMPDIFF TRANSACTION TRIM TRUNCATE UNBOUNDED
    UNCOMMITTED UNDEFINED UNICODE UNKNOWN USER VALUE VARIABLES VIEW VISIBLE WAIT WARNINGS WEEK
    WORK WITHOUT YEAR ADMIN CHECKSUM_CONCURRENCY EXPR_PUSHDOWN_BLACKLIST OPT_RULE_BLACKLIST DDL
    JOBS CANCEL BINDINGS EXTRACT POSITION SUBSTR ACCOUNT COLUMN_FORMAT FILE PROCESS SUPER
    SHUTDOWN REPLICATION CLIENT EVENT TRIGGER VALIDATION SQL_NO_CACHE SQL_CACHE
    SQL_BUFFER_RESULT X509 CIPHER ISSUER SUBJECT STATS_META INSTANCE CONFIG REGIONS PLACEMENT
    POLICY OPEN TRIGGERS FUNCTION PLUGIN LANGUAGE
 * NONRESERVED-END */

/* Precedence, lowest first (MySQL's table). */
%right T_ASSIGN.
%left JOINLOW.
%left T_COMMA.
%left ON USING WITH.
%left OR T_OROR.
%left XOR.
%left AND T_ANDAND.
%right NOT.
%left BETWEEN CASE WHEN THEN ELSE.
%left T_EQ T_NULLEQ T_GE T_GT T_LE T_LT T_NE IS LIKE REGEXP RLIKE IN.
%left T_BITOR.
%left T_BITAND.
%left T_LSHIFT T_RSHIFT.
%left T_PLUS T_MINUS.
%left T_STAR T_SLASH T_PERCENT DIV MOD.
%left T_BITXOR.
%left T_CONCAT.
%left UMINUS T_BITNOT.
%right T_NOT2.
%left DEFAULT.
%left COLLATE.
%left T_JSON_EXTRACT T_JSON_UNQUOTE.
%left UNION EXCEPT.
%left INTERSECT.
/* A string after a string continues it (adjacent literals concatenate), after
 * DATE/TIME/TIMESTAMP it is their literal; elsewhere after an expression it is an alias. */
%left T_STRING.

/* ---------------- statement list ---------------- */

input ::= stmt_list.
stmt_list ::= stmt_item.
stmt_list ::= stmt_list T_SEMI stmt_item.
stmt_item ::= .
stmt_item ::= stmt(S). { sql_stmt_done(c, S); }

%type stmt {sql_stmt_t *}
stmt(A) ::= query(Q). { A = sql_mk_stmt(c, SQL_STMT_SELECT, Q->pos); A->u.select = Q; }
stmt(A) ::= insert_stmt(X). { A = X; }
stmt(A) ::= update_stmt(X). { A = X; }
stmt(A) ::= delete_stmt(X). { A = X; }
stmt(A) ::= load_stmt(X). { A = X; }
stmt(A) ::= ddl_stmt(X). { A = X; }
stmt(A) ::= admin_stmt(X). { A = X; }
stmt(A) ::= session_stmt(X). { A = X; }
stmt(A) ::= explain_stmt(X). { A = X; }

/* ---------------- identifiers and names ---------------- */

%type ident {sql_ident_t}
ident(A) ::= T_ID(X). { A = sql_mk_ident(c, &X); }

%type ident_opt {sql_ident_t}
ident_opt(A) ::= . { memset(&A, 0, sizeof(A)); }
ident_opt(A) ::= ident(X). { A = X; }

/* Names that may also be a string: charsets, collations, engines, plugins. */
%type name_or_str {sql_ident_t}
name_or_str(A) ::= ident(X). { A = X; }
name_or_str(A) ::= T_STRING(X). { A = sql_mk_ident(c, &X); A.quoted = false; }
name_or_str(A) ::= BINARY(X). { A = sql_mk_kw_ident(c, &X); }
name_or_str(A) ::= DEFAULT(X). { A = sql_mk_kw_ident(c, &X); }

%type table_name {sql_name_t *}
table_name(A) ::= ident(X). { A = NEW(sql_name_t); A->name = X; }
table_name(A) ::= ident(D) T_DOT ident(X). { A = NEW(sql_name_t); A->db = D; A->name = X; }

%type table_name_list {sql_list_t *}
table_name_list(A) ::= table_name(X). { A = sql_list_new(c, X); }
table_name_list(A) ::= table_name_list(L) T_COMMA table_name(X). { A = L; sql_list_push(c->a, A, X); }

%type ident_list {sql_list_t *}
ident_list(A) ::= ident(X). { A = sql_list_new(c, sql_ident_box(c, X)); }
ident_list(A) ::= ident_list(L) T_COMMA ident(X). { A = L; sql_list_push(c->a, A, sql_ident_box(c, X)); }

%type str_list {sql_list_t *}
str_list(A) ::= string_lit(X). { A = sql_list_new(c, X); }
str_list(A) ::= str_list(L) T_COMMA string_lit(X). { A = L; sql_list_push(c->a, A, X); }

%type u64 {uint64_t}
u64(A) ::= T_INTEGER(X). { A = sql_tok_u64(&X); }

eq_opt ::= .
eq_opt ::= T_EQ.

%type not {int}
not(A) ::= NOT. { A = 1; }
not(A) ::= T_NOT2. { A = 1; }
%type not_opt {int}
not_opt(A) ::= . { A = 0; }
not_opt(A) ::= not. { A = 1; }

%type if_exists {bool}
if_exists(A) ::= . { A = false; }
if_exists(A) ::= IF EXISTS. { A = true; }
%type if_not_exists {bool}
if_not_exists(A) ::= . { A = false; }
if_not_exists(A) ::= IF not EXISTS. { A = true; }

/* ---------------- queries ---------------- */

%type query {sql_select_t *}
%type query_np {sql_select_t *}
%type query_body {sql_select_t *}
%type body_np {sql_select_t *}
%type query_prim {sql_select_t *}
%type select_core {sql_select_t *}

query(A) ::= query_body(B) order_opt(O) limit_opt(L) lock_opt(K). { A = sql_query_finish(c, NULL, B, O, L, K); }
query(A) ::= with_clause(W) query_body(B) order_opt(O) limit_opt(L) lock_opt(K). { A = sql_query_finish(c, W, B, O, L, K); }
query_np(A) ::= body_np(B) order_opt(O) limit_opt(L) lock_opt(K). { A = sql_query_finish(c, NULL, B, O, L, K); }
query_np(A) ::= with_clause(W) query_body(B) order_opt(O) limit_opt(L) lock_opt(K). { A = sql_query_finish(c, W, B, O, L, K); }

query_body(A) ::= query_prim(X). { A = X; }
query_body(A) ::= query_body(L) UNION setq(Q) query_body(R). { A = sql_mk_setop(c, L, SQL_SETOP_UNION, Q, R); }
query_body(A) ::= query_body(L) EXCEPT setq(Q) query_body(R). { A = sql_mk_setop(c, L, SQL_SETOP_EXCEPT, Q, R); }
query_body(A) ::= query_body(L) INTERSECT setq(Q) query_body(R). { A = sql_mk_setop(c, L, SQL_SETOP_INTERSECT, Q, R); }
body_np(A) ::= select_core(X). { A = X; }
body_np(A) ::= body_np(L) UNION setq(Q) query_body(R). { A = sql_mk_setop(c, L, SQL_SETOP_UNION, Q, R); }
body_np(A) ::= body_np(L) EXCEPT setq(Q) query_body(R). { A = sql_mk_setop(c, L, SQL_SETOP_EXCEPT, Q, R); }
body_np(A) ::= body_np(L) INTERSECT setq(Q) query_body(R). { A = sql_mk_setop(c, L, SQL_SETOP_INTERSECT, Q, R); }

query_prim(A) ::= select_core(X). { A = X; }
query_prim(A) ::= T_LP(P) query(Q) T_RP. { A = sql_mk_paren_query(c, Q, P.pos); }

%type setq {int}
setq(A) ::= . { A = 0; }
setq(A) ::= ALL. { A = 1; }
setq(A) ::= DISTINCT. { A = 2; }

%type subquery {sql_select_t *}
subquery(A) ::= T_LP query_np(Q) T_RP. { A = Q; }

select_core(A) ::= SELECT(S) hints_opt(H) select_opts(O) field_list(F) select_into(IN) from_opt(FR) where_opt(W) group_opt(G) having_opt(HV) window_opt(WN). {
    A = sql_mk_select(c, SQL_SEL_SIMPLE, S.pos);
    A->hints = H;
    A->distinct = (int)(O >> 16);
    A->options = O & 0xffff;
    A->fields = *F;
    if (IN) A->into_vars = *IN;
    A->from = FR;
    A->where = W;
    if (G) { A->group_by = G->items; A->rollup = G->rollup; }
    A->having = HV;
    if (WN) A->windows = *WN;
}

%type select_into {sql_list_t *}
select_into(A) ::= . { A = NULL; }
select_into(A) ::= INTO uservar_list(L). { A = L; }

%type hints_opt {hint_list_t *}
hints_opt(A) ::= . { A = NULL; }
hints_opt(A) ::= T_HINT(X). { A = sql_mk_hints(c, &X); }

%type select_opts {uint32_t}
select_opts(A) ::= . { A = 0; }
select_opts(A) ::= select_opts(B) DISTINCT. { A = (B & 0xffff) | (1u << 16); }
select_opts(A) ::= select_opts(B) ALL. { A = (B & 0xffff) | (2u << 16); }
select_opts(A) ::= select_opts(B) DISTINCTROW. { A = (B & 0xffff) | (3u << 16); }
select_opts(A) ::= select_opts(B) SQL_CALC_FOUND_ROWS. { A = B | SQL_SELOPT_SQL_CALC_FOUND_ROWS; }
select_opts(A) ::= select_opts(B) STRAIGHT_JOIN. { A = B | SQL_SELOPT_STRAIGHT_JOIN; }
select_opts(A) ::= select_opts(B) HIGH_PRIORITY. { A = B | SQL_SELOPT_HIGH_PRIORITY; }
select_opts(A) ::= select_opts(B) SQL_SMALL_RESULT. { A = B | SQL_SELOPT_SQL_SMALL_RESULT; }
select_opts(A) ::= select_opts(B) SQL_BIG_RESULT. { A = B | SQL_SELOPT_SQL_BIG_RESULT; }
select_opts(A) ::= select_opts(B) SQL_BUFFER_RESULT. { A = B | SQL_SELOPT_SQL_BUFFER_RESULT; }
select_opts(A) ::= select_opts(B) SQL_CACHE. { A = B | SQL_SELOPT_SQL_CACHE; }
select_opts(A) ::= select_opts(B) SQL_NO_CACHE. { A = B | SQL_SELOPT_SQL_NO_CACHE; }

%type field_list {sql_list_t *}
field_list(A) ::= field(X). { A = sql_list_new(c, X); }
field_list(A) ::= field_list(L) T_COMMA field(X). { A = L; sql_list_push(c->a, A, X); }

%type field {sql_field_t *}
field(A) ::= T_STAR(S). { A = sql_mk_field(c, sql_mk_column(c, NULL, NULL, NULL, true, S.pos), NULL, S.end); }
field(A) ::= ident(T) T_DOT T_STAR(S). { A = sql_mk_field(c, sql_mk_column(c, NULL, &T, NULL, true, T.pos), NULL, S.end); }
field(A) ::= ident(D) T_DOT ident(T) T_DOT T_STAR(S). { A = sql_mk_field(c, sql_mk_column(c, &D, &T, NULL, true, D.pos), NULL, S.end); }
field(A) ::= expr(E) alias_opt(L). { A = sql_mk_field(c, E, L, c->prev_end); }

%type alias_opt {sql_ident_t *}
alias_opt(A) ::= . { A = NULL; }
alias_opt(A) ::= ident(X). { A = sql_ident_box(c, X); }
alias_opt(A) ::= AS ident(X). { A = sql_ident_box(c, X); }
alias_opt(A) ::= AS T_STRING(X). { A = sql_ident_box(c, sql_mk_ident(c, &X)); }
alias_opt(A) ::= T_STRING(X). { A = sql_ident_box(c, sql_mk_ident(c, &X)); }

%type from_opt {sql_table_ref_t *}
from_opt(A) ::= . { A = NULL; }
from_opt(A) ::= FROM table_refs(X). { A = X; }
from_opt(A) ::= FROM DUAL(D). { A = NEW(sql_table_ref_t); A->kind = SQL_TR_DUAL; A->pos = D.pos; }

%type where_opt {sql_expr_t *}
where_opt(A) ::= . { A = NULL; }
where_opt(A) ::= WHERE expr(X). { A = X; }

%type group_opt {sql_group_t *}
group_opt(A) ::= . { A = NULL; }
group_opt(A) ::= GROUP BY order_list(L). [JOINLOW] { A = NEW(sql_group_t); A->items = *L; }
group_opt(A) ::= GROUP BY order_list(L) WITH ROLLUP. { A = NEW(sql_group_t); A->items = *L; A->rollup = true; }

%type having_opt {sql_expr_t *}
having_opt(A) ::= . { A = NULL; }
having_opt(A) ::= HAVING expr(X). { A = X; }

%type window_opt {sql_list_t *}
window_opt(A) ::= . { A = NULL; }
window_opt(A) ::= WINDOW named_windows(L). { A = L; }
%type named_windows {sql_list_t *}
named_windows(A) ::= named_window(X). { A = sql_list_new(c, X); }
named_windows(A) ::= named_windows(L) T_COMMA named_window(X). { A = L; sql_list_push(c->a, A, X); }
%type named_window {sql_window_t *}
named_window(A) ::= ident(N) AS T_LP window_spec(W) T_RP. { A = W; A->name = N; }

%type order_opt {sql_list_t *}
order_opt(A) ::= . { A = NULL; }
order_opt(A) ::= ORDER BY order_list(L). { A = L; }
%type order_list {sql_list_t *}
order_list(A) ::= order_item(X). { A = sql_list_new(c, X); }
order_list(A) ::= order_list(L) T_COMMA order_item(X). { A = L; sql_list_push(c->a, A, X); }
%type order_item {sql_order_item_t *}
order_item(A) ::= expr(E). { A = sql_mk_order(c, E, 0); }
order_item(A) ::= expr(E) ASC. { A = sql_mk_order(c, E, 1); }
order_item(A) ::= expr(E) DESC. { A = sql_mk_order(c, E, 2); }

%type limit_opt {sql_limit_t *}
limit_opt(A) ::= . { A = NULL; }
limit_opt(A) ::= LIMIT limit_arg(N). { A = NEW(sql_limit_t); A->count = N; }
limit_opt(A) ::= LIMIT limit_arg(O) T_COMMA limit_arg(N). { A = NEW(sql_limit_t); A->count = N; A->offset = O; A->comma_form = true; }
limit_opt(A) ::= LIMIT limit_arg(N) OFFSET limit_arg(O). { A = NEW(sql_limit_t); A->count = N; A->offset = O; }
%type limit_arg {sql_expr_t *}
limit_arg(A) ::= T_INTEGER(X). { A = sql_mk_lit(c, SQL_LIT_INT, &X); }
limit_arg(A) ::= T_PARAM(X). { A = sql_mk_param(c, &X); }
limit_arg(A) ::= T_USERVAR(X). { A = sql_mk_var(c, &X, 0); }

%type lock_opt {sql_lock_t *}
lock_opt(A) ::= . { A = NULL; }
lock_opt(A) ::= FOR UPDATE lock_wait(W). { A = NEW(sql_lock_t); A->kind = SQL_LOCK_FOR_UPDATE; A->wait = (int)(W & 3); A->wait_n = W >> 2; }
lock_opt(A) ::= FOR SHARE lock_wait(W). { A = NEW(sql_lock_t); A->kind = SQL_LOCK_FOR_SHARE; A->wait = (int)(W & 3); A->wait_n = W >> 2; }
lock_opt(A) ::= LOCK IN SHARE MODE. { A = NEW(sql_lock_t); A->kind = SQL_LOCK_IN_SHARE_MODE; }
%type lock_wait {uint64_t}
lock_wait(A) ::= . { A = 0; }
lock_wait(A) ::= NOWAIT. { A = 1; }
lock_wait(A) ::= SKIP LOCKED. { A = 2; }
lock_wait(A) ::= WAIT u64(N). { A = 3 | (N << 2); }

%type with_clause {sql_with_t *}
with_clause(A) ::= WITH cte_list(L). { A = NEW(sql_with_t); A->ctes = *L; }
with_clause(A) ::= WITH RECURSIVE cte_list(L). { A = NEW(sql_with_t); A->ctes = *L; A->recursive = true; }
%type cte_list {sql_list_t *}
cte_list(A) ::= cte(X). { A = sql_list_new(c, X); }
cte_list(A) ::= cte_list(L) T_COMMA cte(X). { A = L; sql_list_push(c->a, A, X); }
%type cte {sql_cte_t *}
cte(A) ::= ident(N) AS subquery(Q). { A = NEW(sql_cte_t); A->name = N; A->query = Q; }
cte(A) ::= ident(N) T_LP ident_list(L) T_RP AS subquery(Q). { A = NEW(sql_cte_t); A->name = N; A->cols = *L; A->query = Q; }

/* ---------------- table references ---------------- */

%type table_refs {sql_table_ref_t *}
table_refs(A) ::= table_ref(X). { A = X; }
table_refs(A) ::= table_refs(L) T_COMMA table_ref(R). { A = sql_mk_join(c, L, SQL_JOIN_COMMA, R); }

%type table_ref {sql_table_ref_t *}
table_ref(A) ::= table_factor(X). { A = X; }
table_ref(A) ::= table_ref(L) inner_join(K) table_factor(R). [JOINLOW] { A = sql_mk_join(c, L, (sql_join_kind_t)K, R); }
table_ref(A) ::= table_ref(L) inner_join(K) table_factor(R) ON expr(E). { A = sql_mk_join(c, L, (sql_join_kind_t)K, R); A->on = E; }
table_ref(A) ::= table_ref(L) inner_join(K) table_factor(R) USING T_LP ident_list(U) T_RP. { A = sql_mk_join(c, L, (sql_join_kind_t)K, R); A->using_cols = *U; }
table_ref(A) ::= table_ref(L) outer_join(K) table_factor(R) ON expr(E). { A = sql_mk_join(c, L, (sql_join_kind_t)(K & 15), R); A->outer_kw = K >> 4; A->on = E; }
table_ref(A) ::= table_ref(L) outer_join(K) table_factor(R) USING T_LP ident_list(U) T_RP. { A = sql_mk_join(c, L, (sql_join_kind_t)(K & 15), R); A->outer_kw = K >> 4; A->using_cols = *U; }
table_ref(A) ::= table_ref(L) NATURAL JOIN table_factor(R). { A = sql_mk_join(c, L, SQL_JOIN_NATURAL, R); }
table_ref(A) ::= table_ref(L) NATURAL INNER JOIN table_factor(R). { A = sql_mk_join(c, L, SQL_JOIN_NATURAL, R); }
table_ref(A) ::= table_ref(L) NATURAL outer_join(K) table_factor(R). { A = sql_mk_join(c, L, (K & 15) == SQL_JOIN_LEFT ? SQL_JOIN_NATURAL_LEFT : SQL_JOIN_NATURAL_RIGHT, R); A->outer_kw = K >> 4; }

%type inner_join {int}
inner_join(A) ::= JOIN. { A = SQL_JOIN_INNER; }
inner_join(A) ::= INNER JOIN. { A = SQL_JOIN_INNER; }
inner_join(A) ::= CROSS JOIN. { A = SQL_JOIN_CROSS; }
inner_join(A) ::= STRAIGHT_JOIN. { A = SQL_JOIN_STRAIGHT; }
%type outer_join {int}
outer_join(A) ::= LEFT JOIN. { A = SQL_JOIN_LEFT; }
outer_join(A) ::= LEFT OUTER JOIN. { A = SQL_JOIN_LEFT | 16; }
outer_join(A) ::= RIGHT JOIN. { A = SQL_JOIN_RIGHT; }
outer_join(A) ::= RIGHT OUTER JOIN. { A = SQL_JOIN_RIGHT | 16; }

%type table_factor {sql_table_ref_t *}
table_factor(A) ::= table_name(N) partition_sel_opt(P) table_alias_opt(L) index_hints_opt(H). {
    A = NEW(sql_table_ref_t); A->kind = SQL_TR_TABLE; A->pos = N->db.len ? N->db.pos : N->name.pos;
    A->name = *N; if (P) A->partitions = *P; if (L) A->alias = *L; if (H) A->index_hints = *H;
}
table_factor(A) ::= subquery(Q) table_alias_opt(L). { A = NEW(sql_table_ref_t); A->kind = SQL_TR_DERIVED; A->pos = Q->pos; A->sub = Q; if (L) A->alias = *L; }
table_factor(A) ::= subquery(Q) table_alias_opt(L) T_LP ident_list(C) T_RP. { A = NEW(sql_table_ref_t); A->kind = SQL_TR_DERIVED; A->pos = Q->pos; A->sub = Q; if (L) A->alias = *L; A->col_aliases = *C; }
table_factor(A) ::= T_LP table_refs(X) T_RP. { A = X; A->parens = true; }

%type table_alias_opt {sql_ident_t *}
table_alias_opt(A) ::= . { A = NULL; }
table_alias_opt(A) ::= ident(X). { A = sql_ident_box(c, X); }
table_alias_opt(A) ::= AS ident(X). { A = sql_ident_box(c, X); }

%type partition_sel_opt {sql_list_t *}
partition_sel_opt(A) ::= . { A = NULL; }
partition_sel_opt(A) ::= PARTITION T_LP ident_list(L) T_RP. { A = L; }

%type index_hints_opt {sql_list_t *}
index_hints_opt(A) ::= . { A = NULL; }
index_hints_opt(A) ::= index_hints(L). { A = L; }
%type index_hints {sql_list_t *}
index_hints(A) ::= index_hint(X). { A = sql_list_new(c, X); }
index_hints(A) ::= index_hints(L) index_hint(X). { A = L; sql_list_push(c->a, A, X); }
%type index_hint {sql_index_hint_t *}
index_hint(A) ::= ih_kind(K) index_or_key(W) ih_for(F) T_LP ident_list(L) T_RP. { A = NEW(sql_index_hint_t); A->kind = (sql_index_hint_kind_t)K; A->key_word = W; A->for_what = F; A->names = *L; }
index_hint(A) ::= ih_kind(K) index_or_key(W) ih_for(F) T_LP T_RP. { A = NEW(sql_index_hint_t); A->kind = (sql_index_hint_kind_t)K; A->key_word = W; A->for_what = F; }
%type ih_kind {int}
ih_kind(A) ::= USE. { A = SQL_IH_USE; }
ih_kind(A) ::= IGNORE. { A = SQL_IH_IGNORE; }
ih_kind(A) ::= FORCE. { A = SQL_IH_FORCE; }
%type index_or_key {bool}
index_or_key(A) ::= INDEX. { A = false; }
index_or_key(A) ::= KEY. { A = true; }
%type ih_for {int}
ih_for(A) ::= . { A = 0; }
ih_for(A) ::= FOR JOIN. { A = 1; }
ih_for(A) ::= FOR ORDER BY. { A = 2; }
ih_for(A) ::= FOR GROUP BY. { A = 3; }

/* ---------------- expressions ---------------- */

%type expr {sql_expr_t *}
%type bool_pri {sql_expr_t *}
%type predicate {sql_expr_t *}
%type bit_expr {sql_expr_t *}
%type simple_expr {sql_expr_t *}

expr(A) ::= expr(L) OR expr(R). { A = sql_mk_binary(c, SQL_OP_OR, L, R); }
expr(A) ::= expr(L) T_OROR expr(R). { A = sql_mk_binary(c, SQL_OP_OR, L, R); }
expr(A) ::= expr(L) XOR expr(R). { A = sql_mk_binary(c, SQL_OP_XOR, L, R); }
expr(A) ::= expr(L) AND expr(R). { A = sql_mk_binary(c, SQL_OP_AND, L, R); }
expr(A) ::= expr(L) T_ANDAND expr(R). { A = sql_mk_binary(c, SQL_OP_AND, L, R); }
expr(A) ::= NOT(N) expr(E). { A = sql_mk_unary(c, SQL_OP_NOT, E, N.pos); }
expr(A) ::= bool_pri(E) IS not_opt(N) TRUE. { A = sql_mk_is(c, E, N, 1); }
expr(A) ::= bool_pri(E) IS not_opt(N) FALSE. { A = sql_mk_is(c, E, N, 2); }
expr(A) ::= bool_pri(E) IS not_opt(N) UNKNOWN. { A = sql_mk_is(c, E, N, 3); }
expr(A) ::= bool_pri(X). { A = X; }

bool_pri(A) ::= bool_pri(E) IS not_opt(N) NULL. { A = sql_mk_is(c, E, N, 0); }
bool_pri(A) ::= bool_pri(L) comp_op(O) predicate(R). [T_EQ] { A = sql_mk_binary(c, (sql_op_t)O, L, R); }
bool_pri(A) ::= bool_pri(L) comp_op(O) any_all(Q) subquery(S). [T_EQ] { A = sql_mk_subq(c, SQL_E_CMP_SUBQ, S, L->pos); A->u.subq.l = L; A->op = (sql_op_t)O; A->u.subq.quant = Q; sql_expr_depth(c, A); }
bool_pri(A) ::= predicate(X). { A = X; }

%type comp_op {int}
comp_op(A) ::= T_EQ. { A = SQL_OP_EQ; }
comp_op(A) ::= T_NULLEQ. { A = SQL_OP_NULLEQ; }
comp_op(A) ::= T_NE. { A = SQL_OP_NE; }
comp_op(A) ::= T_LT. { A = SQL_OP_LT; }
comp_op(A) ::= T_LE. { A = SQL_OP_LE; }
comp_op(A) ::= T_GT. { A = SQL_OP_GT; }
comp_op(A) ::= T_GE. { A = SQL_OP_GE; }
%type any_all {int}
any_all(A) ::= ANY. { A = 0; }
any_all(A) ::= SOME. { A = 1; }
any_all(A) ::= ALL. { A = 2; }

predicate(A) ::= bit_expr(E) not_opt(N) IN subquery(S). { A = sql_mk_in(c, E, N, NULL, S); }
predicate(A) ::= bit_expr(E) not_opt(N) IN T_LP expr_list(L) T_RP. { A = sql_mk_in(c, E, N, L, NULL); }
predicate(A) ::= bit_expr(E) not_opt(N) BETWEEN bit_expr(L) AND predicate(H). { A = sql_mk_between(c, E, N, L, H); }
predicate(A) ::= bit_expr(E) not_opt(N) LIKE simple_expr(P). { A = sql_mk_like(c, E, N, P, NULL, 0); }
predicate(A) ::= bit_expr(E) not_opt(N) LIKE simple_expr(P) ESCAPE simple_expr(X). { A = sql_mk_like(c, E, N, P, X, 0); }
predicate(A) ::= bit_expr(E) not_opt(N) REGEXP bit_expr(P). { A = sql_mk_like(c, E, N, P, NULL, 1); }
predicate(A) ::= bit_expr(E) not_opt(N) RLIKE bit_expr(P). { A = sql_mk_like(c, E, N, P, NULL, 2); }
predicate(A) ::= bit_expr(X). { A = X; }

bit_expr(A) ::= bit_expr(L) T_BITOR bit_expr(R). { A = sql_mk_binary(c, SQL_OP_BITOR, L, R); }
bit_expr(A) ::= bit_expr(L) T_BITAND bit_expr(R). { A = sql_mk_binary(c, SQL_OP_BITAND, L, R); }
bit_expr(A) ::= bit_expr(L) T_LSHIFT bit_expr(R). { A = sql_mk_binary(c, SQL_OP_LSHIFT, L, R); }
bit_expr(A) ::= bit_expr(L) T_RSHIFT bit_expr(R). { A = sql_mk_binary(c, SQL_OP_RSHIFT, L, R); }
bit_expr(A) ::= bit_expr(L) T_PLUS bit_expr(R). { A = sql_mk_binary(c, SQL_OP_PLUS, L, R); }
bit_expr(A) ::= bit_expr(L) T_MINUS bit_expr(R). { A = sql_mk_binary(c, SQL_OP_MINUS, L, R); }
bit_expr(A) ::= bit_expr(L) T_STAR bit_expr(R). { A = sql_mk_binary(c, SQL_OP_MUL, L, R); }
bit_expr(A) ::= bit_expr(L) T_SLASH bit_expr(R). { A = sql_mk_binary(c, SQL_OP_DIV, L, R); }
bit_expr(A) ::= bit_expr(L) T_PERCENT bit_expr(R). { A = sql_mk_binary(c, SQL_OP_MOD, L, R); }
bit_expr(A) ::= bit_expr(L) DIV bit_expr(R). { A = sql_mk_binary(c, SQL_OP_INTDIV, L, R); }
bit_expr(A) ::= bit_expr(L) MOD bit_expr(R). { A = sql_mk_binary(c, SQL_OP_MOD, L, R); }
bit_expr(A) ::= bit_expr(L) T_BITXOR bit_expr(R). { A = sql_mk_binary(c, SQL_OP_BITXOR, L, R); }
bit_expr(A) ::= bit_expr(L) T_CONCAT bit_expr(R). { A = sql_mk_binary(c, SQL_OP_CONCAT, L, R); }
bit_expr(A) ::= simple_expr(X). [UMINUS] { A = X; }

simple_expr(A) ::= literal(X). { A = X; }
simple_expr(A) ::= column_ref(X). { A = X; }
simple_expr(A) ::= func_call(X). { A = X; }
simple_expr(A) ::= T_PARAM(X). { A = sql_mk_param(c, &X); }
simple_expr(A) ::= T_USERVAR(X). { A = sql_mk_var(c, &X, 0); }
simple_expr(A) ::= T_SYSVAR(X). { A = sql_mk_var(c, &X, 1); }
simple_expr(A) ::= T_USERVAR(X) T_ASSIGN bit_expr(E). [T_ASSIGN] { A = sql_mk_expr(c, SQL_E_ASSIGN, X.pos); A->u.assign.var = sql_mk_var(c, &X, 0); A->u.assign.value = E; sql_expr_depth(c, A); }
simple_expr(A) ::= simple_expr(E) COLLATE name_or_str(N). { A = sql_mk_expr(c, SQL_E_COLLATE, E->pos); A->u.coll.e = E; A->u.coll.name = N; sql_expr_depth(c, A); }
simple_expr(A) ::= T_PLUS(P) simple_expr(E). [UMINUS] { A = sql_mk_unary(c, SQL_OP_PLUS, E, P.pos); }
simple_expr(A) ::= T_MINUS(P) simple_expr(E). [UMINUS] { A = sql_mk_unary(c, SQL_OP_NEG, E, P.pos); }
simple_expr(A) ::= T_BITNOT(P) simple_expr(E). [UMINUS] { A = sql_mk_unary(c, SQL_OP_BITNOT, E, P.pos); }
simple_expr(A) ::= T_NOT2(P) simple_expr(E). { A = sql_mk_unary(c, SQL_OP_NOT2, E, P.pos); }
simple_expr(A) ::= BINARY(P) simple_expr(E). [UMINUS] { A = sql_mk_expr(c, SQL_E_BINARY_CAST, P.pos); A->u.coll.e = E; sql_expr_depth(c, A); }
simple_expr(A) ::= simple_expr(E) T_JSON_EXTRACT T_STRING(P). { A = sql_mk_json_arrow(c, E, &P, false); }
simple_expr(A) ::= simple_expr(E) T_JSON_UNQUOTE T_STRING(P). { A = sql_mk_json_arrow(c, E, &P, true); }
simple_expr(A) ::= T_LP(P) expr(E) T_RP. { A = E; A->parens = true; (void)P; }
simple_expr(A) ::= T_LP(P) expr(E) T_COMMA expr_list(L) T_RP. { A = sql_mk_row(c, E, L, P.pos, false); }
simple_expr(A) ::= ROW(P) T_LP expr(E) T_COMMA expr_list(L) T_RP. { A = sql_mk_row(c, E, L, P.pos, true); }
simple_expr(A) ::= subquery(S). { A = sql_mk_subq(c, SQL_E_SUBQUERY, S, S->pos); }
simple_expr(A) ::= EXISTS(P) subquery(S). { A = sql_mk_subq(c, SQL_E_EXISTS, S, P.pos); }
simple_expr(A) ::= CASE(P) case_operand(O) when_list(W) case_else(E) END. { A = sql_mk_case(c, O, W, E, P.pos); }
simple_expr(A) ::= CAST(P) T_LP expr(E) AS cast_type(T) T_RP. { A = sql_mk_cast(c, E, T, P.pos, false); }
simple_expr(A) ::= CONVERT(P) T_LP expr(E) T_COMMA cast_type(T) T_RP. { A = sql_mk_cast(c, E, T, P.pos, true); }
simple_expr(A) ::= CONVERT(P) T_LP expr(E) USING name_or_str(N) T_RP. { A = sql_mk_expr(c, SQL_E_CONVERT_USING, P.pos); A->u.coll.e = E; A->u.coll.name = N; sql_expr_depth(c, A); }
simple_expr(A) ::= INTERVAL(P) expr(E) time_unit(U). { A = sql_mk_expr(c, SQL_E_INTERVAL, P.pos); A->u.interval.e = E; A->u.interval.unit = (sql_unit_t)U; sql_expr_depth(c, A); }
simple_expr(A) ::= DEFAULT(P). { A = sql_mk_expr(c, SQL_E_DEFAULT, P.pos); }
simple_expr(A) ::= DEFAULT(P) T_LP column_ref(X) T_RP. { A = sql_mk_ref(c, SQL_E_DEFAULT, X, P.pos); }
simple_expr(A) ::= VALUES(P) T_LP column_ref(X) T_RP. { A = sql_mk_ref(c, SQL_E_VALUES, X, P.pos); }
simple_expr(A) ::= MAXVALUE(P). { sql_ident_t id = sql_mk_kw_ident(c, &P); A = sql_mk_func(c, id, EMPTY_LIST, P.pos); A->u.func->form = SQL_FF_NILADIC; }
simple_expr(A) ::= MATCH(P) T_LP expr_list(L) T_RP AGAINST T_LP bit_expr(E) match_mode(M) T_RP. { A = sql_mk_expr(c, SQL_E_MATCH, P.pos); A->u.match.cols = *L; A->u.match.against = E; A->u.match.mode = M; sql_expr_depth(c, A); }

%type match_mode {int}
match_mode(A) ::= . { A = 0; }
match_mode(A) ::= IN NATURAL LANGUAGE MODE. { A = 1; }
match_mode(A) ::= IN BOOLEAN MODE. { A = 2; }
match_mode(A) ::= WITH QUERY EXPANSION. { A = 3; }

%type case_operand {sql_expr_t *}
case_operand(A) ::= . { A = NULL; }
case_operand(A) ::= expr(X). { A = X; }
%type when_list {sql_list_t *}
when_list(A) ::= WHEN expr(W) THEN expr(T). { sql_when_t *w = NEW(sql_when_t); w->cond = W; w->result = T; A = sql_list_new(c, w); }
when_list(A) ::= when_list(L) WHEN expr(W) THEN expr(T). { sql_when_t *w = NEW(sql_when_t); w->cond = W; w->result = T; A = L; sql_list_push(c->a, A, w); }
%type case_else {sql_expr_t *}
case_else(A) ::= . { A = NULL; }
case_else(A) ::= ELSE expr(X). { A = X; }

%type expr_list {sql_list_t *}
expr_list(A) ::= expr(X). { A = sql_list_new(c, X); }
expr_list(A) ::= expr_list(L) T_COMMA expr(X). { A = L; sql_list_push(c->a, A, X); }

%type column_ref {sql_expr_t *}
column_ref(A) ::= ident(X). { A = sql_mk_column(c, NULL, NULL, &X, false, X.pos); }
column_ref(A) ::= ident(T) T_DOT ident(X). { A = sql_mk_column(c, NULL, &T, &X, false, T.pos); }
column_ref(A) ::= ident(D) T_DOT ident(T) T_DOT ident(X). { A = sql_mk_column(c, &D, &T, &X, false, D.pos); }
/* Non-reserved keywords that also start an expression are column names when
 * nothing else follows them. */
column_ref(A) ::= kw_column(K). { sql_ident_t id = sql_mk_kw_ident(c, &K); A = sql_mk_column(c, NULL, NULL, &id, false, K.pos); }
%type kw_column {sql_token_t}
kw_column(A) ::= DATE(X). [JOINLOW] { A = X; }
kw_column(A) ::= TIME(X). [JOINLOW] { A = X; }
kw_column(A) ::= TIMESTAMP(X). [JOINLOW] { A = X; }
kw_column(A) ::= YEAR(X). { A = X; }
kw_column(A) ::= POSITION(X). { A = X; }
kw_column(A) ::= TRIM(X). { A = X; }
kw_column(A) ::= EXTRACT(X). { A = X; }
kw_column(A) ::= USER(X). { A = X; }
kw_column(A) ::= COALESCE(X). { A = X; }
kw_column(A) ::= SUBSTRING(X). { A = X; }
kw_column(A) ::= SUBSTR(X). { A = X; }
kw_column(A) ::= TIMESTAMPADD(X). { A = X; }
kw_column(A) ::= TIMESTAMPDIFF(X). { A = X; }

%type literal {sql_expr_t *}
literal(A) ::= string_lit(S). [JOINLOW] { A = sql_lit_expr(c, S); }
literal(A) ::= T_INTRO(I) string_lit(S). [JOINLOW] { A = sql_lit_expr(c, S); A->u.lit.charset = sql_mk_ident(c, &I); A->pos = I.pos; }
literal(A) ::= T_INTRO(I) T_HEX(X). { A = sql_mk_lit(c, SQL_LIT_HEX, &X); A->u.lit.charset = sql_mk_ident(c, &I); A->pos = I.pos; }
literal(A) ::= T_INTRO(I) T_BIT(X). { A = sql_mk_lit(c, SQL_LIT_BIT, &X); A->u.lit.charset = sql_mk_ident(c, &I); A->pos = I.pos; }
literal(A) ::= T_NSTRING(X). { A = sql_mk_lit(c, SQL_LIT_STRING, &X); A->u.lit.national = true; }
literal(A) ::= T_INTEGER(X). { A = sql_mk_lit(c, SQL_LIT_INT, &X); }
literal(A) ::= T_DECIMAL(X). { A = sql_mk_lit(c, SQL_LIT_DECIMAL, &X); }
literal(A) ::= T_FLOAT(X). { A = sql_mk_lit(c, SQL_LIT_FLOAT, &X); }
literal(A) ::= T_HEX(X). { A = sql_mk_lit(c, SQL_LIT_HEX, &X); }
literal(A) ::= T_BIT(X). { A = sql_mk_lit(c, SQL_LIT_BIT, &X); }
literal(A) ::= NULL(X). { A = sql_mk_lit(c, SQL_LIT_NULL, &X); }
literal(A) ::= TRUE(X). { A = sql_mk_lit(c, SQL_LIT_TRUE, &X); }
literal(A) ::= FALSE(X). { A = sql_mk_lit(c, SQL_LIT_FALSE, &X); }
literal(A) ::= DATE(P) T_STRING(X). { A = sql_mk_lit(c, SQL_LIT_DATE, &X); A->pos = P.pos; }
literal(A) ::= TIME(P) T_STRING(X). { A = sql_mk_lit(c, SQL_LIT_TIME, &X); A->pos = P.pos; }
literal(A) ::= TIMESTAMP(P) T_STRING(X). { A = sql_mk_lit(c, SQL_LIT_TIMESTAMP, &X); A->pos = P.pos; }

%type string_lit {sql_lit_t *}
string_lit(A) ::= T_STRING(X). { A = sql_lit_box(c, sql_mk_lit(c, SQL_LIT_STRING, &X)); }
string_lit(A) ::= string_lit(S) T_STRING(X). { A = sql_concat_str(c, S, &X); }

%type time_unit {int}
time_unit(A) ::= MICROSECOND. { A = SQL_UNIT_MICROSECOND; }
time_unit(A) ::= SECOND. { A = SQL_UNIT_SECOND; }
time_unit(A) ::= MINUTE. { A = SQL_UNIT_MINUTE; }
time_unit(A) ::= HOUR. { A = SQL_UNIT_HOUR; }
time_unit(A) ::= DAY. { A = SQL_UNIT_DAY; }
time_unit(A) ::= WEEK. { A = SQL_UNIT_WEEK; }
time_unit(A) ::= MONTH. { A = SQL_UNIT_MONTH; }
time_unit(A) ::= QUARTER. { A = SQL_UNIT_QUARTER; }
time_unit(A) ::= YEAR. { A = SQL_UNIT_YEAR; }
time_unit(A) ::= SECOND_MICROSECOND. { A = SQL_UNIT_SECOND_MICROSECOND; }
time_unit(A) ::= MINUTE_MICROSECOND. { A = SQL_UNIT_MINUTE_MICROSECOND; }
time_unit(A) ::= MINUTE_SECOND. { A = SQL_UNIT_MINUTE_SECOND; }
time_unit(A) ::= HOUR_MICROSECOND. { A = SQL_UNIT_HOUR_MICROSECOND; }
time_unit(A) ::= HOUR_SECOND. { A = SQL_UNIT_HOUR_SECOND; }
time_unit(A) ::= HOUR_MINUTE. { A = SQL_UNIT_HOUR_MINUTE; }
time_unit(A) ::= DAY_MICROSECOND. { A = SQL_UNIT_DAY_MICROSECOND; }
time_unit(A) ::= DAY_SECOND. { A = SQL_UNIT_DAY_SECOND; }
time_unit(A) ::= DAY_MINUTE. { A = SQL_UNIT_DAY_MINUTE; }
time_unit(A) ::= DAY_HOUR. { A = SQL_UNIT_DAY_HOUR; }
time_unit(A) ::= YEAR_MONTH. { A = SQL_UNIT_YEAR_MONTH; }

/* ---------------- function calls ---------------- */

%type func_call {sql_expr_t *}
func_call(A) ::= ident(N) T_LP T_RP over_opt(O). { A = sql_mk_func(c, N, EMPTY_LIST, N.pos); A->u.func->over = O; }
func_call(A) ::= ident(N) T_LP T_STAR T_RP over_opt(O). { A = sql_mk_func(c, N, EMPTY_LIST, N.pos); A->u.func->form = SQL_FF_STAR; A->u.func->over = O; }
func_call(A) ::= ident(N) T_LP expr_list(L) T_RP over_opt(O). { A = sql_mk_func(c, N, *L, N.pos); A->u.func->over = O; }
func_call(A) ::= ident(N) T_LP ALL expr_list(L) T_RP over_opt(O). { A = sql_mk_func(c, N, *L, N.pos); A->u.func->over = O; }
func_call(A) ::= ident(N) T_LP DISTINCT expr_list(L) agg_order(R) agg_sep(S) T_RP over_opt(O). { A = sql_mk_func(c, N, *L, N.pos); A->u.func->distinct = true; if (R) A->u.func->order_by = *R; A->u.func->separator = S; A->u.func->over = O; }
func_call(A) ::= ident(N) T_LP expr_list(L) ORDER BY order_list(R) agg_sep(S) T_RP over_opt(O). { A = sql_mk_func(c, N, *L, N.pos); A->u.func->order_by = *R; A->u.func->separator = S; A->u.func->over = O; }
func_call(A) ::= ident(N) T_LP expr_list(L) SEPARATOR string_lit(S) T_RP over_opt(O). { A = sql_mk_func(c, N, *L, N.pos); A->u.func->separator = S; A->u.func->over = O; }
func_call(A) ::= ident(D) T_DOT ident(N) T_LP expr_list_opt(L) T_RP. { A = sql_mk_func(c, N, L ? *L : EMPTY_LIST, D.pos); A->u.func->schema = D; }
func_call(A) ::= kw_func(N) T_LP expr_list_opt(L) T_RP. { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), L ? *L : EMPTY_LIST, N.pos); }
func_call(A) ::= niladic(N). { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), EMPTY_LIST, N.pos); A->u.func->form = SQL_FF_NILADIC; }
func_call(A) ::= niladic(N) T_LP expr_list_opt(L) T_RP. { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), L ? *L : EMPTY_LIST, N.pos); }
func_call(A) ::= EXTRACT(N) T_LP time_unit(U) FROM expr(E) T_RP. { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), sql_list1(c->a, E), N.pos); A->u.func->form = SQL_FF_EXTRACT; A->u.func->unit = (sql_unit_t)U; }
func_call(A) ::= TIMESTAMPADD(N) T_LP time_unit(U) T_COMMA expr(X) T_COMMA expr(Y) T_RP. { sql_list_t l = sql_list1(c->a, X); sql_list_push(c->a, &l, Y); A = sql_mk_func(c, sql_mk_kw_ident(c, &N), l, N.pos); A->u.func->form = SQL_FF_TIMESTAMPADD; A->u.func->unit = (sql_unit_t)U; }
func_call(A) ::= TIMESTAMPDIFF(N) T_LP time_unit(U) T_COMMA expr(X) T_COMMA expr(Y) T_RP. { sql_list_t l = sql_list1(c->a, X); sql_list_push(c->a, &l, Y); A = sql_mk_func(c, sql_mk_kw_ident(c, &N), l, N.pos); A->u.func->form = SQL_FF_TIMESTAMPADD; A->u.func->unit = (sql_unit_t)U; }
func_call(A) ::= TRIM(N) T_LP expr(S) T_RP. { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), sql_list1(c->a, S), N.pos); }
func_call(A) ::= TRIM(N) T_LP expr(R) FROM expr(S) T_RP. { sql_list_t l = sql_list1(c->a, S); sql_list_push(c->a, &l, R); A = sql_mk_func(c, sql_mk_kw_ident(c, &N), l, N.pos); A->u.func->form = SQL_FF_TRIM; }
func_call(A) ::= TRIM(N) T_LP trim_dir(D) FROM expr(S) T_RP. { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), sql_list1(c->a, S), N.pos); A->u.func->form = SQL_FF_TRIM; A->u.func->trim_dir = D; }
func_call(A) ::= TRIM(N) T_LP trim_dir(D) expr(R) FROM expr(S) T_RP. { sql_list_t l = sql_list1(c->a, S); sql_list_push(c->a, &l, R); A = sql_mk_func(c, sql_mk_kw_ident(c, &N), l, N.pos); A->u.func->form = SQL_FF_TRIM; A->u.func->trim_dir = D; }
func_call(A) ::= substr_kw(N) T_LP expr_list(L) T_RP. { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), *L, N.pos); }
func_call(A) ::= substr_kw(N) T_LP expr(S) FROM expr(F) T_RP. { sql_list_t l = sql_list1(c->a, S); sql_list_push(c->a, &l, F); A = sql_mk_func(c, sql_mk_kw_ident(c, &N), l, N.pos); A->u.func->form = SQL_FF_SUBSTR_FROM; }
func_call(A) ::= substr_kw(N) T_LP expr(S) FROM expr(F) FOR expr(L) T_RP. { sql_list_t l = sql_list1(c->a, S); sql_list_push(c->a, &l, F); sql_list_push(c->a, &l, L); A = sql_mk_func(c, sql_mk_kw_ident(c, &N), l, N.pos); A->u.func->form = SQL_FF_SUBSTR_FROM; }
func_call(A) ::= POSITION(N) T_LP bit_expr(X) IN expr(Y) T_RP. { sql_list_t l = sql_list1(c->a, X); sql_list_push(c->a, &l, Y); A = sql_mk_func(c, sql_mk_kw_ident(c, &N), l, N.pos); A->u.func->form = SQL_FF_POSITION; }
func_call(A) ::= CHAR(N) T_LP expr_list(L) T_RP. { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), *L, N.pos); }
func_call(A) ::= CHAR(N) T_LP expr_list(L) USING name_or_str(S) T_RP. { A = sql_mk_func(c, sql_mk_kw_ident(c, &N), *L, N.pos); A->u.func->form = SQL_FF_CHAR_USING; A->u.func->using_cs = S; }

%type substr_kw {sql_token_t}
substr_kw(A) ::= SUBSTRING(X). { A = X; }
substr_kw(A) ::= SUBSTR(X). { A = X; }

%type trim_dir {int}
trim_dir(A) ::= BOTH. { A = 1; }
trim_dir(A) ::= LEADING. { A = 2; }
trim_dir(A) ::= TRAILING. { A = 3; }

%type expr_list_opt {sql_list_t *}
expr_list_opt(A) ::= . { A = NULL; }
expr_list_opt(A) ::= expr_list(L). { A = L; }

%type agg_order {sql_list_t *}
agg_order(A) ::= . { A = NULL; }
agg_order(A) ::= ORDER BY order_list(L). { A = L; }
%type agg_sep {sql_lit_t *}
agg_sep(A) ::= . { A = NULL; }
agg_sep(A) ::= SEPARATOR string_lit(S). { A = S; }

/* Reserved words that are also function names. */
%type kw_func {sql_token_t}
kw_func(A) ::= IF(X). { A = X; }
kw_func(A) ::= LEFT(X). { A = X; }
kw_func(A) ::= RIGHT(X). { A = X; }
kw_func(A) ::= REPLACE(X). { A = X; }
kw_func(A) ::= INSERT(X). { A = X; }
kw_func(A) ::= MOD(X). { A = X; }
kw_func(A) ::= DATE(X). { A = X; }
kw_func(A) ::= TIME(X). { A = X; }
kw_func(A) ::= TIMESTAMP(X). { A = X; }
kw_func(A) ::= YEAR(X). { A = X; }
kw_func(A) ::= DATABASE(X). { A = X; }
kw_func(A) ::= SCHEMA(X). { A = X; }
kw_func(A) ::= REPEAT(X). { A = X; }
kw_func(A) ::= COALESCE(X). { A = X; }
kw_func(A) ::= USER(X). { A = X; }

%type niladic {sql_token_t}
niladic(A) ::= CURRENT_TIMESTAMP(X). { A = X; }
niladic(A) ::= CURRENT_DATE(X). { A = X; }
niladic(A) ::= CURRENT_TIME(X). { A = X; }
niladic(A) ::= CURRENT_USER(X). { A = X; }
niladic(A) ::= LOCALTIME(X). { A = X; }
niladic(A) ::= LOCALTIMESTAMP(X). { A = X; }
niladic(A) ::= UTC_DATE(X). { A = X; }
niladic(A) ::= UTC_TIME(X). { A = X; }
niladic(A) ::= UTC_TIMESTAMP(X). { A = X; }

%type over_opt {sql_window_t *}
over_opt(A) ::= . { A = NULL; }
over_opt(A) ::= OVER T_LP window_spec(W) T_RP. { A = W; }
over_opt(A) ::= OVER ident(N). { A = NEW(sql_window_t); A->name = N; A->name_only = true; }

%type window_spec {sql_window_t *}
window_spec(A) ::= ident_opt(B) part_by_opt(P) order_opt(O) frame_opt(F). {
    A = F ? F : NEW(sql_window_t); A->base = B; if (P) A->partition_by = *P; if (O) A->order_by = *O;
}
%type part_by_opt {sql_list_t *}
part_by_opt(A) ::= . { A = NULL; }
part_by_opt(A) ::= PARTITION BY expr_list(L). { A = L; }
%type frame_opt {sql_window_t *}
frame_opt(A) ::= . { A = NULL; }
frame_opt(A) ::= frame_unit(U) frame_bound(S). { A = NEW(sql_window_t); A->frame_unit = U; A->start = *S; }
frame_opt(A) ::= frame_unit(U) BETWEEN frame_bound(S) AND frame_bound(E). { A = NEW(sql_window_t); A->frame_unit = U; A->frame_between = true; A->start = *S; A->end = *E; }
%type frame_unit {int}
frame_unit(A) ::= ROWS. { A = 1; }
frame_unit(A) ::= RANGE. { A = 2; }
%type frame_bound {sql_frame_bound_t *}
frame_bound(A) ::= UNBOUNDED PRECEDING. { A = NEW(sql_frame_bound_t); A->kind = SQL_FB_UNBOUNDED_PRECEDING; }
frame_bound(A) ::= UNBOUNDED FOLLOWING. { A = NEW(sql_frame_bound_t); A->kind = SQL_FB_UNBOUNDED_FOLLOWING; }
frame_bound(A) ::= CURRENT ROW. { A = NEW(sql_frame_bound_t); A->kind = SQL_FB_CURRENT_ROW; }
frame_bound(A) ::= bit_expr(E) PRECEDING. { A = NEW(sql_frame_bound_t); A->kind = SQL_FB_PRECEDING; A->expr = E; }
frame_bound(A) ::= bit_expr(E) FOLLOWING. { A = NEW(sql_frame_bound_t); A->kind = SQL_FB_FOLLOWING; A->expr = E; }

/* ---------------- types (columns and CAST) ---------------- */

%type cast_type {sql_type_t *}
cast_type(A) ::= BINARY len_opt(L). { A = sql_mk_type(c, SQL_T_BINARY); A->len = L; }
cast_type(A) ::= CHAR len_opt(L) charset_opt(S). { A = sql_mk_type(c, SQL_T_CHAR); A->len = L; A->charset = S; }
cast_type(A) ::= NCHAR len_opt(L). { A = sql_mk_type(c, SQL_T_NCHAR); A->len = L; }
cast_type(A) ::= DATE. { A = sql_mk_type(c, SQL_T_DATE); }
cast_type(A) ::= YEAR. { A = sql_mk_type(c, SQL_T_YEAR); }
cast_type(A) ::= DATETIME len_opt(L). { A = sql_mk_type(c, SQL_T_DATETIME); A->len = L; }
cast_type(A) ::= TIME len_opt(L). { A = sql_mk_type(c, SQL_T_TIME); A->len = L; }
cast_type(A) ::= DECIMAL prec_opt(P). { A = sql_mk_type(c, SQL_T_DECIMAL); A->len = P.a; A->dec = P.b; }
cast_type(A) ::= SIGNED. { A = sql_mk_type(c, SQL_T_SIGNED); }
cast_type(A) ::= SIGNED INTEGER. { A = sql_mk_type(c, SQL_T_SIGNED); }
cast_type(A) ::= SIGNED INT. { A = sql_mk_type(c, SQL_T_SIGNED); }
cast_type(A) ::= UNSIGNED. { A = sql_mk_type(c, SQL_T_UNSIGNED); }
cast_type(A) ::= UNSIGNED INTEGER. { A = sql_mk_type(c, SQL_T_UNSIGNED); }
cast_type(A) ::= UNSIGNED INT. { A = sql_mk_type(c, SQL_T_UNSIGNED); }
cast_type(A) ::= JSON. { A = sql_mk_type(c, SQL_T_JSON); }
cast_type(A) ::= DOUBLE. { A = sql_mk_type(c, SQL_T_DOUBLE); }
cast_type(A) ::= FLOAT len_opt(L). { A = sql_mk_type(c, SQL_T_FLOAT); A->len = L; }
cast_type(A) ::= REAL. { A = sql_mk_type(c, SQL_T_REAL); }

%type len_opt {int32_t}
len_opt(A) ::= . { A = -1; }
len_opt(A) ::= T_LP u64(N) T_RP. { A = N > 0x7fffffff ? 0x7fffffff : (int32_t)N; }

%type prec_opt {sql_pair_t}
prec_opt(A) ::= . { A.a = -1; A.b = -1; }
prec_opt(A) ::= T_LP u64(N) T_RP. { A.a = N > 0x7fffffff ? 0x7fffffff : (int32_t)N; A.b = -1; }
prec_opt(A) ::= T_LP u64(N) T_COMMA u64(D) T_RP. { A.a = N > 0x7fffffff ? 0x7fffffff : (int32_t)N; A.b = D > 0x7fffffff ? 0x7fffffff : (int32_t)D; }

%type charset_opt {sql_ident_t}
charset_opt(A) ::= . { memset(&A, 0, sizeof(A)); }
charset_opt(A) ::= charset_kw name_or_str(N). { A = N; }
charset_kw ::= CHARACTER SET.
charset_kw ::= CHARSET.

%type col_type {sql_type_t *}
col_type(A) ::= int_kind(K) len_opt(L) num_flags(F). { A = sql_mk_type(c, (sql_type_kind_t)K); A->len = L; sql_type_flags(A, F); }
col_type(A) ::= BIT len_opt(L). { A = sql_mk_type(c, SQL_T_BIT); A->len = L; }
col_type(A) ::= BOOL. { A = sql_mk_type(c, SQL_T_BOOL); }
col_type(A) ::= BOOLEAN. { A = sql_mk_type(c, SQL_T_BOOL); }
col_type(A) ::= dec_kind prec_opt(P) num_flags(F). { A = sql_mk_type(c, SQL_T_DECIMAL); A->len = P.a; A->dec = P.b; sql_type_flags(A, F); }
col_type(A) ::= FLOAT prec_opt(P) num_flags(F). { A = sql_mk_type(c, SQL_T_FLOAT); A->len = P.a; A->dec = P.b; sql_type_flags(A, F); }
col_type(A) ::= DOUBLE prec_opt(P) num_flags(F). { A = sql_mk_type(c, SQL_T_DOUBLE); A->len = P.a; A->dec = P.b; sql_type_flags(A, F); }
col_type(A) ::= DOUBLE PRECISION prec_opt(P) num_flags(F). { A = sql_mk_type(c, SQL_T_DOUBLE); A->len = P.a; A->dec = P.b; sql_type_flags(A, F); }
col_type(A) ::= REAL prec_opt(P) num_flags(F). { A = sql_mk_type(c, SQL_T_DOUBLE); A->len = P.a; A->dec = P.b; sql_type_flags(A, F); }
col_type(A) ::= DATE. { A = sql_mk_type(c, SQL_T_DATE); }
col_type(A) ::= TIME len_opt(L). { A = sql_mk_type(c, SQL_T_TIME); A->len = L; }
col_type(A) ::= DATETIME len_opt(L). { A = sql_mk_type(c, SQL_T_DATETIME); A->len = L; }
col_type(A) ::= TIMESTAMP len_opt(L). { A = sql_mk_type(c, SQL_T_TIMESTAMP); A->len = L; }
col_type(A) ::= YEAR len_opt(L). { A = sql_mk_type(c, SQL_T_YEAR); A->len = L; }
col_type(A) ::= str_kind(K) len_opt(L) str_flags(S). { A = sql_mk_type(c, (sql_type_kind_t)K); A->len = L; sql_type_str(A, S); }
col_type(A) ::= NATIONAL CHAR len_opt(L) str_flags(S). { A = sql_mk_type(c, SQL_T_CHAR); A->len = L; sql_type_str(A, S); }
col_type(A) ::= NATIONAL VARCHAR len_opt(L) str_flags(S). { A = sql_mk_type(c, SQL_T_VARCHAR); A->len = L; sql_type_str(A, S); }
col_type(A) ::= NCHAR len_opt(L) str_flags(S). { A = sql_mk_type(c, SQL_T_CHAR); A->len = L; sql_type_str(A, S); }
col_type(A) ::= CHARACTER len_opt(L) str_flags(S). { A = sql_mk_type(c, SQL_T_CHAR); A->len = L; sql_type_str(A, S); }
col_type(A) ::= CHARACTER VARYING len_opt(L) str_flags(S). { A = sql_mk_type(c, SQL_T_VARCHAR); A->len = L; sql_type_str(A, S); }
col_type(A) ::= BINARY len_opt(L). { A = sql_mk_type(c, SQL_T_BINARY); A->len = L; }
col_type(A) ::= VARBINARY len_opt(L). { A = sql_mk_type(c, SQL_T_VARBINARY); A->len = L; }
col_type(A) ::= blob_kind(K) len_opt(L). { A = sql_mk_type(c, (sql_type_kind_t)K); A->len = L; }
col_type(A) ::= ENUM T_LP str_list(V) T_RP str_flags(S). { A = sql_mk_type(c, SQL_T_ENUM); A->elems = *V; sql_type_str(A, S); }
col_type(A) ::= SET T_LP str_list(V) T_RP str_flags(S). { A = sql_mk_type(c, SQL_T_SET); A->elems = *V; sql_type_str(A, S); }
col_type(A) ::= JSON. { A = sql_mk_type(c, SQL_T_JSON); }
col_type(A) ::= SERIAL. { A = sql_mk_type(c, SQL_T_SERIAL); }

%type int_kind {int}
int_kind(A) ::= TINYINT. { A = SQL_T_TINYINT; }
int_kind(A) ::= SMALLINT. { A = SQL_T_SMALLINT; }
int_kind(A) ::= MEDIUMINT. { A = SQL_T_MEDIUMINT; }
int_kind(A) ::= INT. { A = SQL_T_INT; }
int_kind(A) ::= INTEGER. { A = SQL_T_INT; }
int_kind(A) ::= BIGINT. { A = SQL_T_BIGINT; }
dec_kind ::= DECIMAL.
dec_kind ::= NUMERIC.
dec_kind ::= FIXED.
%type str_kind {int}
str_kind(A) ::= CHAR. { A = SQL_T_CHAR; }
str_kind(A) ::= VARCHAR. { A = SQL_T_VARCHAR; }
str_kind(A) ::= TINYTEXT. { A = SQL_T_TINYTEXT; }
str_kind(A) ::= TEXT. { A = SQL_T_TEXT; }
str_kind(A) ::= MEDIUMTEXT. { A = SQL_T_MEDIUMTEXT; }
str_kind(A) ::= LONGTEXT. { A = SQL_T_LONGTEXT; }
%type blob_kind {int}
blob_kind(A) ::= TINYBLOB. { A = SQL_T_TINYBLOB; }
blob_kind(A) ::= BLOB. { A = SQL_T_BLOB; }
blob_kind(A) ::= MEDIUMBLOB. { A = SQL_T_MEDIUMBLOB; }
blob_kind(A) ::= LONGBLOB. { A = SQL_T_LONGBLOB; }

%type num_flags {int}
num_flags(A) ::= . { A = 0; }
num_flags(A) ::= num_flags(B) UNSIGNED. { A = B | 1; }
num_flags(A) ::= num_flags(B) SIGNED. { A = B | 4; }
num_flags(A) ::= num_flags(B) ZEROFILL. { A = B | 2; }

%type str_flags {sql_type_t *}
str_flags(A) ::= . { A = NULL; }
str_flags(A) ::= str_flags(B) BINARY. { A = B ? B : sql_mk_type(c, SQL_T_NONE); A->binary = true; }
str_flags(A) ::= str_flags(B) charset_kw name_or_str(N). { A = B ? B : sql_mk_type(c, SQL_T_NONE); A->charset = N; }
str_flags(A) ::= str_flags(B) ASCII(X). { A = B ? B : sql_mk_type(c, SQL_T_NONE); A->charset = sql_mk_kw_ident(c, &X); A->charset.s = "latin1"; A->charset.len = 6; }
str_flags(A) ::= str_flags(B) UNICODE(X). { A = B ? B : sql_mk_type(c, SQL_T_NONE); A->charset = sql_mk_kw_ident(c, &X); A->charset.s = "ucs2"; A->charset.len = 4; }

/* ---------------- DML ---------------- */

%type insert_stmt {sql_stmt_t *}
insert_stmt(A) ::= insert_head(I) insert_rest(R) on_dup_opt(D). { A = I; sql_insert_t *x = A->u.insert; sql_insert_merge(x, R); if (D) x->on_dup = *D; }
%type insert_head {sql_stmt_t *}
insert_head(A) ::= insert_kw(K) hints_opt(H) ins_prio(P) ignore_opt(G) into_opt(I) table_name(T) partition_sel_opt(PS). {
    A = sql_mk_stmt(c, SQL_STMT_INSERT, K.pos); sql_insert_t *x = NEW(sql_insert_t); A->u.insert = x;
    x->replace = K.code == TK_REPLACE; x->hints = H; x->priority = P; x->ignore = G; x->into = I; x->table = *T; if (PS) x->partitions = *PS;
}
%type insert_kw {sql_token_t}
insert_kw(A) ::= INSERT(X). { A = X; }
insert_kw(A) ::= REPLACE(X). { A = X; }
%type ins_prio {int}
ins_prio(A) ::= . { A = 0; }
ins_prio(A) ::= LOW_PRIORITY. { A = 1; }
ins_prio(A) ::= HIGH_PRIORITY. { A = 2; }
ins_prio(A) ::= DELAYED. { A = 3; }
%type ignore_opt {bool}
ignore_opt(A) ::= . { A = false; }
ignore_opt(A) ::= IGNORE. { A = true; }
%type into_opt {bool}
into_opt(A) ::= . { A = false; }
into_opt(A) ::= INTO. { A = true; }

%type insert_rest {sql_insert_t *}
insert_rest(A) ::= values_kw(V) row_list(R). { A = NEW(sql_insert_t); A->form = V; A->rows = *R; }
insert_rest(A) ::= T_LP T_RP values_kw(V) row_list(R). { A = NEW(sql_insert_t); A->has_columns = true; A->form = V; A->rows = *R; }
insert_rest(A) ::= T_LP col_ref_list(C) T_RP values_kw(V) row_list(R). { A = NEW(sql_insert_t); A->has_columns = true; A->columns = *C; A->form = V; A->rows = *R; }
insert_rest(A) ::= T_LP col_ref_list(C) T_RP query(Q). { A = NEW(sql_insert_t); A->has_columns = true; A->columns = *C; A->form = 2; A->select = Q; }
insert_rest(A) ::= T_LP T_RP query(Q). { A = NEW(sql_insert_t); A->has_columns = true; A->form = 2; A->select = Q; }
insert_rest(A) ::= query(Q). { A = NEW(sql_insert_t); A->form = 2; A->select = Q; }
insert_rest(A) ::= SET assign_list(L). { A = NEW(sql_insert_t); A->form = 3; A->set = *L; }
%type values_kw {int}
values_kw(A) ::= VALUES. { A = 0; }
values_kw(A) ::= VALUE. { A = 1; }
%type row_list {sql_list_t *}
row_list(A) ::= T_LP expr_list_opt(L) T_RP. { sql_list_t *r = NEW(sql_list_t); if (L) *r = *L; A = sql_list_new(c, r); }
row_list(A) ::= row_list(B) T_COMMA T_LP expr_list_opt(L) T_RP. { sql_list_t *r = NEW(sql_list_t); if (L) *r = *L; A = B; sql_list_push(c->a, A, r); }
%type col_ref_list {sql_list_t *}
col_ref_list(A) ::= column_ref(X). { A = sql_list_new(c, X); }
col_ref_list(A) ::= col_ref_list(L) T_COMMA column_ref(X). { A = L; sql_list_push(c->a, A, X); }

%type on_dup_opt {sql_list_t *}
on_dup_opt(A) ::= . { A = NULL; }
on_dup_opt(A) ::= ON DUPLICATE KEY UPDATE assign_list(L). { A = L; }
%type assign_list {sql_list_t *}
assign_list(A) ::= assign(X). { A = sql_list_new(c, X); }
assign_list(A) ::= assign_list(L) T_COMMA assign(X). { A = L; sql_list_push(c->a, A, X); }
%type assign {sql_assign_t *}
assign(A) ::= column_ref(C) T_EQ expr(E). { A = NEW(sql_assign_t); A->col = C; A->value = E; }
assign(A) ::= column_ref(C) T_ASSIGN expr(E). { A = NEW(sql_assign_t); A->col = C; A->value = E; }

%type update_stmt {sql_stmt_t *}
update_stmt(A) ::= UPDATE(K) hints_opt(H) low_prio(P) ignore_opt(G) table_refs(T) SET assign_list(L) where_opt(W) order_opt(O) limit_opt(LM). {
    A = sql_mk_stmt(c, SQL_STMT_UPDATE, K.pos); sql_update_t *x = NEW(sql_update_t); A->u.update = x;
    x->hints = H; x->low_priority = P; x->ignore = G; x->tables = T; x->set = *L; x->where = W; if (O) x->order_by = *O; x->limit = LM;
}
%type low_prio {bool}
low_prio(A) ::= . { A = false; }
low_prio(A) ::= LOW_PRIORITY. { A = true; }

%type delete_stmt {sql_stmt_t *}
delete_stmt(A) ::= delete_head(D) FROM table_name(T) partition_sel_opt(PS) table_alias_opt(AL) where_opt(W) order_opt(O) limit_opt(L). {
    A = D; sql_delete_t *x = A->u.del; x->form = 0;
    sql_table_ref_t *r = NEW(sql_table_ref_t); r->kind = SQL_TR_TABLE; r->name = *T; r->pos = T->name.pos; if (PS) r->partitions = *PS; if (AL) r->alias = *AL;
    x->tables = r; x->where = W; if (O) x->order_by = *O; x->limit = L;
}
delete_stmt(A) ::= delete_head(D) del_targets(G) FROM table_refs(T) where_opt(W). { A = D; sql_delete_t *x = A->u.del; x->form = 1; x->targets = *G; x->tables = T; x->where = W; }
delete_stmt(A) ::= delete_head(D) FROM del_targets(G) USING table_refs(T) where_opt(W). { A = D; sql_delete_t *x = A->u.del; x->form = 2; x->targets = *G; x->tables = T; x->where = W; }
%type delete_head {sql_stmt_t *}
delete_head(A) ::= DELETE(K) hints_opt(H) del_opts(O). { A = sql_mk_stmt(c, SQL_STMT_DELETE, K.pos); sql_delete_t *x = NEW(sql_delete_t); A->u.del = x; x->hints = H; x->low_priority = O & 1; x->quick = (O & 2) != 0; x->ignore = (O & 4) != 0; }
%type del_opts {int}
del_opts(A) ::= . { A = 0; }
del_opts(A) ::= del_opts(B) LOW_PRIORITY. { A = B | 1; }
del_opts(A) ::= del_opts(B) QUICK. { A = B | 2; }
del_opts(A) ::= del_opts(B) IGNORE. { A = B | 4; }
%type del_targets {sql_list_t *}
del_targets(A) ::= del_target(X). { A = sql_list_new(c, X); }
del_targets(A) ::= del_targets(L) T_COMMA del_target(X). { A = L; sql_list_push(c->a, A, X); }
%type del_target {sql_name_t *}
del_target(A) ::= table_name(X). { A = X; }
del_target(A) ::= ident(X) T_DOT T_STAR. { A = NEW(sql_name_t); A->name = X; }
del_target(A) ::= ident(D) T_DOT ident(X) T_DOT T_STAR. { A = NEW(sql_name_t); A->db = D; A->name = X; }

%type load_stmt {sql_stmt_t *}
load_stmt(A) ::= LOAD(K) DATA local_opt(LO) INFILE string_lit(F) load_dup(D) INTO TABLE table_name(T) load_charset(CS) load_fields(FL) load_lines(LL) load_ignore(IG) load_cols(CO) load_set(ST). {
    A = sql_mk_stmt(c, SQL_STMT_LOAD_DATA, K.pos); sql_load_data_t *x = FL ? FL : NEW(sql_load_data_t); A->u.load = x;
    x->local = LO; x->file = F; x->dup = D; x->table = *T; x->charset = CS;
    if (LL) { x->has_lines = true; x->lines_starting = LL->lines_starting; x->lines_terminated = LL->lines_terminated; }
    if (IG) { x->has_ignore = true; x->ignore_n = IG >> 2; x->ignore_rows = IG & 1; }
    if (CO) { x->has_columns = true; x->columns = *CO; }
    if (ST) x->set = *ST;
}
%type local_opt {bool}
local_opt(A) ::= . { A = false; }
local_opt(A) ::= LOCAL. { A = true; }
%type load_dup {int}
load_dup(A) ::= . { A = 0; }
load_dup(A) ::= REPLACE. { A = 1; }
load_dup(A) ::= IGNORE. { A = 2; }
%type load_charset {sql_ident_t}
load_charset(A) ::= . { memset(&A, 0, sizeof(A)); }
load_charset(A) ::= charset_kw name_or_str(N). { A = N; }
%type load_fields {sql_load_data_t *}
load_fields(A) ::= . { A = NULL; }
load_fields(A) ::= fields_kw(K) field_items(F). { A = F; A->has_fields = true; A->columns_kw = K; }
%type fields_kw {bool}
fields_kw(A) ::= FIELDS. { A = false; }
fields_kw(A) ::= COLUMNS. { A = true; }
%type field_items {sql_load_data_t *}
field_items(A) ::= field_item(X). { A = X; }
field_items(A) ::= field_items(B) field_item(X). { A = sql_load_merge(B, X); }
%type field_item {sql_load_data_t *}
field_item(A) ::= TERMINATED BY string_lit(S). { A = NEW(sql_load_data_t); A->fields_terminated = S; }
field_item(A) ::= ENCLOSED BY string_lit(S). { A = NEW(sql_load_data_t); A->fields_enclosed = S; }
field_item(A) ::= OPTIONALLY ENCLOSED BY string_lit(S). { A = NEW(sql_load_data_t); A->fields_enclosed = S; A->optionally = true; }
field_item(A) ::= ESCAPED BY string_lit(S). { A = NEW(sql_load_data_t); A->fields_escaped = S; }
%type load_lines {sql_load_data_t *}
load_lines(A) ::= . { A = NULL; }
load_lines(A) ::= LINES line_items(X). { A = X; }
%type line_items {sql_load_data_t *}
line_items(A) ::= line_item(X). { A = X; }
line_items(A) ::= line_items(B) line_item(X). { A = sql_load_merge(B, X); }
%type line_item {sql_load_data_t *}
line_item(A) ::= STARTING BY string_lit(S). { A = NEW(sql_load_data_t); A->lines_starting = S; }
line_item(A) ::= TERMINATED BY string_lit(S). { A = NEW(sql_load_data_t); A->lines_terminated = S; }
%type load_ignore {uint64_t}
load_ignore(A) ::= . { A = 0; }
load_ignore(A) ::= IGNORE u64(N) LINES. { A = (N << 2) | 2; }
load_ignore(A) ::= IGNORE u64(N) ROWS. { A = (N << 2) | 3; }
%type load_cols {sql_list_t *}
load_cols(A) ::= . { A = NULL; }
load_cols(A) ::= T_LP T_RP. { A = NEW(sql_list_t); }
load_cols(A) ::= T_LP load_col_list(L) T_RP. { A = L; }
%type load_col_list {sql_list_t *}
load_col_list(A) ::= load_col(X). { A = sql_list_new(c, X); }
load_col_list(A) ::= load_col_list(L) T_COMMA load_col(X). { A = L; sql_list_push(c->a, A, X); }
%type load_col {sql_expr_t *}
load_col(A) ::= column_ref(X). { A = X; }
load_col(A) ::= T_USERVAR(X). { A = sql_mk_var(c, &X, 0); }
%type load_set {sql_list_t *}
load_set(A) ::= . { A = NULL; }
load_set(A) ::= SET assign_list(L). { A = L; }

/* ---------------- DDL ---------------- */

%type ddl_stmt {sql_stmt_t *}
ddl_stmt(A) ::= CREATE(K) db_kw(S) if_not_exists(I) ident(N) db_opts(O). { A = sql_mk_db_stmt(c, SQL_STMT_CREATE_DATABASE, K.pos, S, &N, O); A->u.database->if_not_exists = I; }
ddl_stmt(A) ::= DROP(K) db_kw(S) if_exists(I) ident(N). { A = sql_mk_db_stmt(c, SQL_STMT_DROP_DATABASE, K.pos, S, &N, NULL); A->u.database->if_exists = I; }
ddl_stmt(A) ::= ALTER(K) db_kw(S) db_opt_list(O). { A = sql_mk_db_stmt(c, SQL_STMT_ALTER_DATABASE, K.pos, S, NULL, O); }
ddl_stmt(A) ::= ALTER(K) db_kw(S) ident(N) db_opt_list(O). { A = sql_mk_db_stmt(c, SQL_STMT_ALTER_DATABASE, K.pos, S, &N, O); }
ddl_stmt(A) ::= ALTER(K) db_kw(S) ident(N) SET TIFLASH REPLICA u64(R) labels_opt(L). {
    A = sql_mk_db_stmt(c, SQL_STMT_ALTER_DATABASE, K.pos, S, &N, NULL); sql_database_stmt_t *d = A->u.database;
    d->set_tiflash = true; d->count = R; if (L) { d->has_labels = true; d->labels = *L; }
}

%type db_kw {bool}
db_kw(A) ::= DATABASE. { A = false; }
db_kw(A) ::= SCHEMA. { A = true; }

%type db_opts {sql_list_t *}
db_opts(A) ::= . { A = NULL; }
db_opts(A) ::= db_opt_list(L). { A = L; }
%type db_opt_list {sql_list_t *}
db_opt_list(A) ::= db_opt(X). { A = sql_list_new(c, X); }
db_opt_list(A) ::= db_opt_list(L) db_opt(X). { A = L; sql_list_push(c->a, A, X); }
%type db_opt {sql_db_opt_t *}
db_opt(A) ::= default_opt(D) charset_kw eq_opt name_or_str(N). { A = NEW(sql_db_opt_t); A->kind = 1; A->default_kw = D; A->ident = N; }
db_opt(A) ::= default_opt(D) COLLATE eq_opt name_or_str(N). { A = NEW(sql_db_opt_t); A->kind = 2; A->default_kw = D; A->ident = N; }
db_opt(A) ::= default_opt(D) ENCRYPTION eq_opt string_lit(S). { A = NEW(sql_db_opt_t); A->kind = 3; A->default_kw = D; A->str = S; }
%type default_opt {bool}
default_opt(A) ::= . { A = false; }
default_opt(A) ::= DEFAULT. { A = true; }

%type labels_opt {sql_list_t *}
labels_opt(A) ::= . { A = NULL; }
labels_opt(A) ::= LOCATION LABELS str_list(L). { A = L; }

/* CREATE TABLE */
ddl_stmt(A) ::= create_table_head(H) T_LP table_elems(E) T_RP table_opts(O) part_opt(P) ct_select_opt(S). {
    A = H; sql_create_table_t *t = A->u.create_table; t->has_elements = true; sql_table_elems(c, t, E);
    if (O) t->opts = *O; t->partition = P; if (S) { t->dup = S->dup; t->as_kw = S->as_kw; t->select = S->select; }
}
ddl_stmt(A) ::= create_table_head(H) table_opts(O) part_opt(P) ct_select(S). {
    A = H; sql_create_table_t *t = A->u.create_table; if (O) t->opts = *O; t->partition = P; t->dup = S->dup; t->as_kw = S->as_kw; t->select = S->select;
}
ddl_stmt(A) ::= create_table_head(H) LIKE table_name(N). { A = H; A->u.create_table->is_like = true; A->u.create_table->like = *N; }
ddl_stmt(A) ::= create_table_head(H) T_LP LIKE table_name(N) T_RP. { A = H; A->u.create_table->is_like = true; A->u.create_table->like = *N; }
%type create_table_head {sql_stmt_t *}
create_table_head(A) ::= CREATE(K) temp_opt(T) TABLE if_not_exists(I) table_name(N). {
    A = sql_mk_stmt(c, SQL_STMT_CREATE_TABLE, K.pos); sql_create_table_t *t = NEW(sql_create_table_t); A->u.create_table = t;
    t->temporary = T; t->if_not_exists = I; t->table = *N;
}
%type temp_opt {bool}
temp_opt(A) ::= . { A = false; }
temp_opt(A) ::= TEMPORARY. { A = true; }

%type ct_select_opt {sql_ct_select_t *}
ct_select_opt(A) ::= . { A = NULL; }
ct_select_opt(A) ::= ct_select(X). { A = X; }
%type ct_select {sql_ct_select_t *}
ct_select(A) ::= ct_dup(D) AS query_np(Q). { A = NEW(sql_ct_select_t); A->dup = D; A->as_kw = true; A->select = Q; }
ct_select(A) ::= ct_dup(D) query_np(Q). { A = NEW(sql_ct_select_t); A->dup = D; A->select = Q; }
%type ct_dup {int}
ct_dup(A) ::= . { A = 0; }
ct_dup(A) ::= IGNORE. { A = 1; }
ct_dup(A) ::= REPLACE. { A = 2; }

%type table_elems {sql_list_t *}
table_elems(A) ::= table_elem(X). { A = sql_list_new(c, X); }
table_elems(A) ::= table_elems(L) T_COMMA table_elem(X). { A = L; sql_list_push(c->a, A, X); }
%type table_elem {sql_table_elem_t *}
table_elem(A) ::= column_def(D). { A = NEW(sql_table_elem_t); A->col = D; }
table_elem(A) ::= constraint(X). { A = NEW(sql_table_elem_t); A->cons = X; }

%type column_def {sql_column_def_t *}
column_def(A) ::= ident(N) col_type(T) col_opts(O). { A = NEW(sql_column_def_t); A->name = N; A->type = T; A->pos = N.pos; if (O) A->opts = *O; }
%type col_opts {sql_list_t *}
col_opts(A) ::= . { A = NULL; }
col_opts(A) ::= col_opts(L) col_opt(X). { A = L ? L : NEW(sql_list_t); sql_list_push(c->a, A, X); }
%type col_opt {sql_col_opt_t *}
col_opt(A) ::= not NULL. { A = sql_mk_colopt(c, SQL_CO_NOT_NULL); }
col_opt(A) ::= NULL. { A = sql_mk_colopt(c, SQL_CO_NULL); }
col_opt(A) ::= DEFAULT simple_expr(E). { A = sql_mk_colopt(c, SQL_CO_DEFAULT); A->expr = E; }
col_opt(A) ::= ON UPDATE simple_expr(E). { A = sql_mk_colopt(c, SQL_CO_ON_UPDATE); A->expr = E; }
col_opt(A) ::= AUTO_INCREMENT. { A = sql_mk_colopt(c, SQL_CO_AUTO_INCREMENT); }
col_opt(A) ::= AUTO_RANDOM. { A = sql_mk_colopt(c, SQL_CO_AUTO_RANDOM); A->num = -1; A->num2 = -1; }
col_opt(A) ::= AUTO_RANDOM T_LP u64(N) T_RP. { A = sql_mk_colopt(c, SQL_CO_AUTO_RANDOM); A->num = (int64_t)(N & 0xffff); A->num2 = -1; }
col_opt(A) ::= AUTO_RANDOM T_LP u64(N) T_COMMA u64(M) T_RP. { A = sql_mk_colopt(c, SQL_CO_AUTO_RANDOM); A->num = (int64_t)(N & 0xffff); A->num2 = (int64_t)(M & 0xffff); }
col_opt(A) ::= PRIMARY KEY clustered_opt(F). { A = sql_mk_colopt(c, SQL_CO_PRIMARY_KEY); A->flag = F; }
col_opt(A) ::= UNIQUE. { A = sql_mk_colopt(c, SQL_CO_UNIQUE); }
col_opt(A) ::= UNIQUE KEY. { A = sql_mk_colopt(c, SQL_CO_UNIQUE); A->key_word = true; }
col_opt(A) ::= COMMENT string_lit(S). { A = sql_mk_colopt(c, SQL_CO_COMMENT); A->str = S; }
col_opt(A) ::= COLLATE name_or_str(N). { A = sql_mk_colopt(c, SQL_CO_COLLATE); A->ident = N; }
col_opt(A) ::= GENERATED ALWAYS AS T_LP expr(E) T_RP gen_kind(K). { A = sql_mk_colopt(c, SQL_CO_GENERATED); A->expr = E; A->flag = K; A->always_kw = true; }
col_opt(A) ::= AS T_LP expr(E) T_RP gen_kind(K). { A = sql_mk_colopt(c, SQL_CO_GENERATED); A->expr = E; A->flag = K; }
col_opt(A) ::= CHECK T_LP expr(E) T_RP. { A = sql_mk_colopt(c, SQL_CO_CHECK); A->expr = E; }
col_opt(A) ::= CHECK T_LP expr(E) T_RP ENFORCED. { A = sql_mk_colopt(c, SQL_CO_CHECK); A->expr = E; A->flag = 1; }
col_opt(A) ::= references(R). { A = sql_mk_colopt(c, SQL_CO_REFERENCES); A->ref = R; }
col_opt(A) ::= COLUMN_FORMAT ident(N). { A = sql_mk_colopt(c, SQL_CO_COLUMN_FORMAT); A->ident = N; }
col_opt(A) ::= STORAGE ident(N). { A = sql_mk_colopt(c, SQL_CO_STORAGE); A->ident = N; }
col_opt(A) ::= SERIAL DEFAULT VALUE. { A = sql_mk_colopt(c, SQL_CO_SERIAL_DEFAULT_VALUE); }
%type gen_kind {int}
gen_kind(A) ::= . { A = 0; }
gen_kind(A) ::= VIRTUAL. { A = 1; }
gen_kind(A) ::= STORED. { A = 2; }
%type clustered_opt {int}
clustered_opt(A) ::= . { A = 0; }
clustered_opt(A) ::= CLUSTERED. { A = 1; }
clustered_opt(A) ::= NONCLUSTERED. { A = 2; }

%type constraint {sql_constraint_t *}
constraint(A) ::= cons_body(X). { A = X; }
constraint(A) ::= CONSTRAINT ident_opt(S) cons_body(X). { A = X; A->has_constraint_kw = true; A->symbol = S; }
%type cons_body {sql_constraint_t *}
cons_body(A) ::= PRIMARY(P) KEY idx_type_opt(T) T_LP key_parts(K) T_RP idx_opts(O). { A = sql_mk_cons(c, SQL_CONS_PRIMARY, P.pos, NULL, T, K, O); }
cons_body(A) ::= UNIQUE(P) key_kw_opt(W) ident_opt(N) idx_type_opt(T) T_LP key_parts(K) T_RP idx_opts(O). { A = sql_mk_cons(c, SQL_CONS_UNIQUE, P.pos, &N, T, K, O); A->key_word = W == 2; A->unique_key = W != 0; }
cons_body(A) ::= index_or_key(W) if_not_exists(I) ident_opt(N) idx_type_opt(T) T_LP key_parts(K) T_RP idx_opts(O). { A = sql_mk_cons(c, SQL_CONS_INDEX, c->prev_end, &N, T, K, O); A->key_word = W; A->if_not_exists = I; }
cons_body(A) ::= FULLTEXT(P) key_kw_opt(W) ident_opt(N) T_LP key_parts(K) T_RP idx_opts(O). { A = sql_mk_cons(c, SQL_CONS_FULLTEXT, P.pos, &N, NULL, K, O); A->key_word = W == 2; }
cons_body(A) ::= FOREIGN(P) KEY ident_opt(N) T_LP key_parts(K) T_RP references(R). { A = sql_mk_cons(c, SQL_CONS_FOREIGN, P.pos, &N, NULL, K, NULL); A->ref = R; }
cons_body(A) ::= check_cons(X). { A = X; }
%type check_cons {sql_constraint_t *}
check_cons(A) ::= CHECK(P) T_LP expr(E) T_RP enforced_opt(F). { A = sql_mk_cons(c, SQL_CONS_CHECK, P.pos, NULL, NULL, NULL, NULL); A->check = E; A->enforced = F; }
%type enforced_opt {int}
enforced_opt(A) ::= . { A = 0; }
enforced_opt(A) ::= ENFORCED. { A = 1; }
enforced_opt(A) ::= not ENFORCED. { A = 2; }
%type key_kw_opt {int}
key_kw_opt(A) ::= . { A = 0; }
key_kw_opt(A) ::= INDEX. { A = 1; }
key_kw_opt(A) ::= KEY. { A = 2; }

%type idx_type_opt {sql_ident_t *}
idx_type_opt(A) ::= . { A = NULL; }
idx_type_opt(A) ::= USING idx_type(T). { A = sql_ident_box(c, T); }
%type idx_type {sql_ident_t}
idx_type(A) ::= BTREE(X). { A = sql_mk_kw_ident(c, &X); }
idx_type(A) ::= HASH(X). { A = sql_mk_kw_ident(c, &X); }
idx_type(A) ::= RTREE(X). { A = sql_mk_kw_ident(c, &X); }

%type key_parts {sql_list_t *}
key_parts(A) ::= key_part(X). { A = sql_list_new(c, X); }
key_parts(A) ::= key_parts(L) T_COMMA key_part(X). { A = L; sql_list_push(c->a, A, X); }
%type key_part {sql_key_part_t *}
key_part(A) ::= ident(N) len_opt(L) order_dir(D). { A = NEW(sql_key_part_t); A->col = N; A->len = L; A->order = D; }
key_part(A) ::= T_LP expr(E) T_RP order_dir(D). { A = NEW(sql_key_part_t); A->expr = E; A->len = -1; A->order = D; }
%type order_dir {int}
order_dir(A) ::= . { A = 0; }
order_dir(A) ::= ASC. { A = 1; }
order_dir(A) ::= DESC. { A = 2; }

%type idx_opts {sql_list_t *}
idx_opts(A) ::= . { A = NULL; }
idx_opts(A) ::= idx_opts(L) idx_opt(X). { A = L ? L : NEW(sql_list_t); sql_list_push(c->a, A, X); }
%type idx_opt {sql_index_opt_t *}
idx_opt(A) ::= USING idx_type(T). { A = NEW(sql_index_opt_t); A->kind = 1; A->ident = T; }
idx_opt(A) ::= COMMENT string_lit(S). { A = NEW(sql_index_opt_t); A->kind = 2; A->str = S; }
idx_opt(A) ::= KEY_BLOCK_SIZE eq_opt u64(N). { A = NEW(sql_index_opt_t); A->kind = 3; A->num = N; }
idx_opt(A) ::= VISIBLE. { A = NEW(sql_index_opt_t); A->kind = 4; }
idx_opt(A) ::= INVISIBLE. { A = NEW(sql_index_opt_t); A->kind = 5; }
idx_opt(A) ::= CLUSTERED. { A = NEW(sql_index_opt_t); A->kind = 6; }
idx_opt(A) ::= NONCLUSTERED. { A = NEW(sql_index_opt_t); A->kind = 7; }
idx_opt(A) ::= GLOBAL. { A = NEW(sql_index_opt_t); A->kind = 9; }
idx_opt(A) ::= LOCAL. { A = NEW(sql_index_opt_t); A->kind = 10; }

%type references {sql_fk_ref_t *}
references(A) ::= REFERENCES table_name(T) T_LP key_parts(K) T_RP fk_actions(F). [JOINLOW] { A = F ? F : NEW(sql_fk_ref_t); A->table = *T; A->cols = *K; }
%type fk_actions {sql_fk_ref_t *}
fk_actions(A) ::= . { A = NULL; }
fk_actions(A) ::= fk_actions(B) ON DELETE fk_action(X). { A = B ? B : NEW(sql_fk_ref_t); A->on_delete = X; }
fk_actions(A) ::= fk_actions(B) ON UPDATE fk_action(X). { A = B ? B : NEW(sql_fk_ref_t); A->on_update = X; }
fk_actions(A) ::= fk_actions(B) MATCH FULL. { A = B ? B : NEW(sql_fk_ref_t); A->match = 1; }
fk_actions(A) ::= fk_actions(B) MATCH SIMPLE. { A = B ? B : NEW(sql_fk_ref_t); A->match = 3; }
%type fk_action {int}
fk_action(A) ::= RESTRICT. { A = 1; }
fk_action(A) ::= CASCADE. { A = 2; }
fk_action(A) ::= SET NULL. { A = 3; }
fk_action(A) ::= NO ACTION. { A = 4; }
fk_action(A) ::= SET DEFAULT. { A = 5; }

%type table_opts {sql_list_t *}
table_opts(A) ::= . { A = NULL; }
table_opts(A) ::= table_opt_list(L). { A = L; }
%type table_opt_list {sql_list_t *}
table_opt_list(A) ::= table_opt(X). { A = sql_list_new(c, X); }
table_opt_list(A) ::= table_opt_list(L) table_opt(X). { A = L; sql_list_push(c->a, A, X); }
table_opt_list(A) ::= table_opt_list(L) T_COMMA table_opt(X). { A = L; sql_list_push(c->a, A, X); }
%type table_opt {sql_table_opt_t *}
table_opt(A) ::= ENGINE eq_opt name_or_str(N). { A = sql_mk_tblopt(c, SQL_TO_ENGINE); A->ident = N; }
table_opt(A) ::= default_opt(D) charset_kw eq_opt name_or_str(N). { A = sql_mk_tblopt(c, SQL_TO_CHARSET); A->ident = N; A->default_kw = D; }
table_opt(A) ::= default_opt(D) COLLATE eq_opt name_or_str(N). { A = sql_mk_tblopt(c, SQL_TO_COLLATE); A->ident = N; A->default_kw = D; }
table_opt(A) ::= AUTO_INCREMENT eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_AUTO_INCREMENT); A->num = N; }
table_opt(A) ::= AUTO_ID_CACHE eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_AUTO_ID_CACHE); A->num = N; }
table_opt(A) ::= AUTO_RANDOM_BASE eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_AUTO_RANDOM_BASE); A->num = N; }
table_opt(A) ::= COMMENT eq_opt string_lit(S). { A = sql_mk_tblopt(c, SQL_TO_COMMENT); A->str = S; }
table_opt(A) ::= ROW_FORMAT eq_opt row_format(N). { A = sql_mk_tblopt(c, SQL_TO_ROW_FORMAT); A->ident = N; }
table_opt(A) ::= KEY_BLOCK_SIZE eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_KEY_BLOCK_SIZE); A->num = N; }
table_opt(A) ::= AVG_ROW_LENGTH eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_AVG_ROW_LENGTH); A->num = N; }
table_opt(A) ::= CHECKSUM eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_CHECKSUM); A->num = N; }
table_opt(A) ::= MAX_ROWS eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_MAX_ROWS); A->num = N; }
table_opt(A) ::= MIN_ROWS eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_MIN_ROWS); A->num = N; }
table_opt(A) ::= SHARD_ROW_ID_BITS eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_SHARD_ROW_ID_BITS); A->num = N; }
table_opt(A) ::= PRE_SPLIT_REGIONS eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_PRE_SPLIT_REGIONS); A->num = N; }
table_opt(A) ::= COMPRESSION eq_opt string_lit(S). { A = sql_mk_tblopt(c, SQL_TO_COMPRESSION); A->str = S; }
table_opt(A) ::= PACK_KEYS eq_opt u64(N). { A = sql_mk_tblopt(c, SQL_TO_PACK_KEYS); A->num = N; }
%type row_format {sql_ident_t}
row_format(A) ::= ident(X). { A = X; }
row_format(A) ::= DEFAULT(X). { A = sql_mk_kw_ident(c, &X); }

%type part_opt {sql_partition_t *}
part_opt(A) ::= . { A = NULL; }
part_opt(A) ::= partition_by(P). { A = P; }
%type partition_by {sql_partition_t *}
partition_by(A) ::= PARTITION BY part_method(M) part_num_opt(N) part_defs_opt(D). { A = M; A->num = N; if (D) A->defs = *D; }
%type part_method {sql_partition_t *}
part_method(A) ::= linear_opt(L) HASH T_LP expr(E) T_RP. { A = NEW(sql_partition_t); A->kind = SQL_PART_HASH; A->linear = L; A->expr = E; A->key_algorithm = -1; }
part_method(A) ::= linear_opt(L) KEY T_LP T_RP. { A = NEW(sql_partition_t); A->kind = SQL_PART_KEY; A->linear = L; A->key_algorithm = -1; }
part_method(A) ::= linear_opt(L) KEY T_LP ident_list(C) T_RP. { A = NEW(sql_partition_t); A->kind = SQL_PART_KEY; A->linear = L; A->cols = *C; A->key_algorithm = -1; }
part_method(A) ::= RANGE T_LP expr(E) T_RP. { A = NEW(sql_partition_t); A->kind = SQL_PART_RANGE; A->expr = E; A->key_algorithm = -1; }
part_method(A) ::= RANGE COLUMNS T_LP ident_list(C) T_RP. { A = NEW(sql_partition_t); A->kind = SQL_PART_RANGE; A->columns = true; A->cols = *C; A->key_algorithm = -1; }
part_method(A) ::= LIST T_LP expr(E) T_RP. { A = NEW(sql_partition_t); A->kind = SQL_PART_LIST; A->expr = E; A->key_algorithm = -1; }
part_method(A) ::= LIST COLUMNS T_LP ident_list(C) T_RP. { A = NEW(sql_partition_t); A->kind = SQL_PART_LIST; A->columns = true; A->cols = *C; A->key_algorithm = -1; }
%type linear_opt {bool}
linear_opt(A) ::= . { A = false; }
linear_opt(A) ::= LINEAR. { A = true; }
%type part_num_opt {uint64_t}
part_num_opt(A) ::= . { A = 0; }
part_num_opt(A) ::= PARTITIONS u64(N). { A = N; }
%type part_defs_opt {sql_list_t *}
part_defs_opt(A) ::= . { A = NULL; }
part_defs_opt(A) ::= T_LP part_defs(L) T_RP. { A = L; }
%type part_defs {sql_list_t *}
part_defs(A) ::= part_def(X). { A = sql_list_new(c, X); }
part_defs(A) ::= part_defs(L) T_COMMA part_def(X). { A = L; sql_list_push(c->a, A, X); }
%type part_def {sql_part_def_t *}
part_def(A) ::= PARTITION(P) ident(N) part_values(V) part_def_opts(O). { A = V; A->name = N; A->pos = P.pos; if (O) A->opts = *O; }
%type part_values {sql_part_def_t *}
part_values(A) ::= . { A = NEW(sql_part_def_t); }
part_values(A) ::= VALUES LESS THAN MAXVALUE. { A = NEW(sql_part_def_t); A->values = 1; A->maxvalue = true; }
part_values(A) ::= VALUES LESS THAN T_LP expr_list(L) T_RP. { A = NEW(sql_part_def_t); A->values = 1; A->exprs = *L; }
part_values(A) ::= VALUES IN T_LP expr_list(L) T_RP. { A = NEW(sql_part_def_t); A->values = 2; A->exprs = *L; }
%type part_def_opts {sql_list_t *}
part_def_opts(A) ::= . { A = NULL; }
part_def_opts(A) ::= part_def_opts(L) part_def_opt(X). { A = L ? L : NEW(sql_list_t); sql_list_push(c->a, A, X); }
%type part_def_opt {sql_table_opt_t *}
part_def_opt(A) ::= ENGINE eq_opt name_or_str(N). { A = sql_mk_tblopt(c, SQL_TO_ENGINE); A->ident = N; }
part_def_opt(A) ::= COMMENT eq_opt string_lit(S). { A = sql_mk_tblopt(c, SQL_TO_COMMENT); A->str = S; }

/* ALTER TABLE */
ddl_stmt(A) ::= alter_head(H) alter_specs(L). { A = H; A->u.alter_table->specs = *L; }
ddl_stmt(A) ::= alter_head(H) alter_specs(L) partition_by(P). { A = H; A->u.alter_table->specs = *L; A->u.alter_table->partition = P; }
ddl_stmt(A) ::= alter_head(H) partition_by(P). { A = H; A->u.alter_table->partition = P; }
ddl_stmt(A) ::= alter_head(H) SET(S) TIFLASH REPLICA u64(N) labels_opt(L). {
    A = H; sql_alter_spec_t *s = sql_mk_spec(c, SQL_AT_SET_TIFLASH_REPLICA, S.pos); s->count = N;
    if (L) { s->has_labels = true; s->labels = *L; }
    A->u.alter_table->specs = sql_list1(c->a, s);
}
%type alter_head {sql_stmt_t *}
alter_head(A) ::= ALTER(K) TABLE table_name(N). { A = sql_mk_stmt(c, SQL_STMT_ALTER_TABLE, K.pos); A->u.alter_table = NEW(sql_alter_table_t); A->u.alter_table->table = *N; }
%type alter_specs {sql_list_t *}
alter_specs(A) ::= alter_spec(X). { A = sql_list_new(c, X); }
alter_specs(A) ::= alter_specs(L) T_COMMA alter_spec(X). { A = L; sql_list_push(c->a, A, X); }
%type alter_spec {sql_alter_spec_t *}
alter_spec(A) ::= ADD(P) col_kw(K) column_def(D) col_pos(Q). { A = sql_mk_spec(c, SQL_AT_ADD_COLUMN, P.pos); A->column_kw = K; A->cols = sql_list1(c->a, D); sql_spec_pos(A, Q); }
alter_spec(A) ::= ADD(P) col_kw(K) T_LP column_defs(L) T_RP. { A = sql_mk_spec(c, SQL_AT_ADD_COLUMN, P.pos); A->column_kw = K; A->cols = *L; A->parens = true; }
alter_spec(A) ::= ADD(P) constraint(X). { A = sql_mk_spec(c, SQL_AT_ADD_CONSTRAINT, P.pos); A->cons = X; }
alter_spec(A) ::= DROP(P) col_kw(K) if_exists(I) ident(N). { A = sql_mk_spec(c, SQL_AT_DROP_COLUMN, P.pos); A->column_kw = K; A->if_exists = I; A->name = N; }
alter_spec(A) ::= DROP(P) index_or_key(W) if_exists(I) ident(N). { A = sql_mk_spec(c, SQL_AT_DROP_INDEX, P.pos); A->key_word = W; A->if_exists = I; A->name = N; }
alter_spec(A) ::= DROP(P) PRIMARY KEY. { A = sql_mk_spec(c, SQL_AT_DROP_PRIMARY_KEY, P.pos); }
alter_spec(A) ::= DROP(P) FOREIGN KEY ident(N). { A = sql_mk_spec(c, SQL_AT_DROP_FOREIGN_KEY, P.pos); A->name = N; }
alter_spec(A) ::= DROP(P) CHECK ident(N). { A = sql_mk_spec(c, SQL_AT_DROP_CHECK, P.pos); A->name = N; }
alter_spec(A) ::= MODIFY(P) col_kw(K) column_def(D) col_pos(Q). { A = sql_mk_spec(c, SQL_AT_MODIFY_COLUMN, P.pos); A->column_kw = K; A->cols = sql_list1(c->a, D); sql_spec_pos(A, Q); }
alter_spec(A) ::= CHANGE(P) col_kw(K) ident(N) column_def(D) col_pos(Q). { A = sql_mk_spec(c, SQL_AT_CHANGE_COLUMN, P.pos); A->column_kw = K; A->name = N; A->cols = sql_list1(c->a, D); sql_spec_pos(A, Q); }
alter_spec(A) ::= RENAME(P) COLUMN ident(N) TO ident(M). { A = sql_mk_spec(c, SQL_AT_RENAME_COLUMN, P.pos); A->name = N; A->new_name = M; }
alter_spec(A) ::= RENAME(P) index_or_key(W) ident(N) TO ident(M). { A = sql_mk_spec(c, SQL_AT_RENAME_INDEX, P.pos); A->key_word = W; A->name = N; A->new_name = M; }
alter_spec(A) ::= RENAME(P) table_name(N). { A = sql_mk_spec(c, SQL_AT_RENAME_TABLE, P.pos); A->new_table = *N; }
alter_spec(A) ::= RENAME(P) TO table_name(N). { A = sql_mk_spec(c, SQL_AT_RENAME_TABLE, P.pos); A->new_table = *N; A->to_kw = 1; }
alter_spec(A) ::= RENAME(P) AS table_name(N). { A = sql_mk_spec(c, SQL_AT_RENAME_TABLE, P.pos); A->new_table = *N; A->to_kw = 2; }
alter_spec(A) ::= ALTER(P) col_kw(K) ident(N) SET DEFAULT simple_expr(E). { A = sql_mk_spec(c, SQL_AT_ALTER_COLUMN_DEFAULT, P.pos); A->column_kw = K; A->name = N; A->expr = E; }
alter_spec(A) ::= ALTER(P) col_kw(K) ident(N) DROP DEFAULT. { A = sql_mk_spec(c, SQL_AT_ALTER_COLUMN_DEFAULT, P.pos); A->column_kw = K; A->name = N; }
alter_spec(A) ::= ALTER(P) INDEX ident(N) VISIBLE. { A = sql_mk_spec(c, SQL_AT_ALTER_INDEX_VISIBILITY, P.pos); A->name = N; A->flag = 1; }
alter_spec(A) ::= ALTER(P) INDEX ident(N) INVISIBLE. { A = sql_mk_spec(c, SQL_AT_ALTER_INDEX_VISIBILITY, P.pos); A->name = N; A->flag = 2; }
alter_spec(A) ::= alter_opts(L). { A = sql_mk_spec(c, SQL_AT_OPTION, c->prev_end); A->opts = *L; }
%type alter_opts {sql_list_t *}
alter_opts(A) ::= table_opt(X). { A = sql_list_new(c, X); }
alter_opts(A) ::= alter_opts(L) table_opt(X). { A = L; sql_list_push(c->a, A, X); }
alter_spec(A) ::= CONVERT(P) TO charset_kw name_or_str(N). { A = sql_mk_spec(c, SQL_AT_CONVERT_CHARSET, P.pos); A->ident = N; }
alter_spec(A) ::= CONVERT(P) TO charset_kw name_or_str(N) COLLATE name_or_str(M). { A = sql_mk_spec(c, SQL_AT_CONVERT_CHARSET, P.pos); A->ident = N; A->ident2 = M; A->has_ident2 = true; }
alter_spec(A) ::= ADD(P) PARTITION T_LP part_defs(L) T_RP. { A = sql_mk_spec(c, SQL_AT_ADD_PARTITION, P.pos); A->part_defs = *L; }
alter_spec(A) ::= ADD(P) PARTITION PARTITIONS u64(N). { A = sql_mk_spec(c, SQL_AT_ADD_PARTITION, P.pos); A->count = N; }
alter_spec(A) ::= DROP(P) PARTITION if_exists(I) ident_list(L). [JOINLOW] { A = sql_mk_spec(c, SQL_AT_DROP_PARTITION, P.pos); A->if_exists = I; A->names = *L; }
alter_spec(A) ::= TRUNCATE(P) PARTITION ident_list(L). [JOINLOW] { A = sql_mk_spec(c, SQL_AT_TRUNCATE_PARTITION, P.pos); A->names = *L; }
alter_spec(A) ::= TRUNCATE(P) PARTITION ALL. { A = sql_mk_spec(c, SQL_AT_TRUNCATE_PARTITION, P.pos); A->all = true; }
alter_spec(A) ::= COALESCE(P) PARTITION u64(N). { A = sql_mk_spec(c, SQL_AT_COALESCE_PARTITION, P.pos); A->count = N; }
alter_spec(A) ::= REORGANIZE(P) PARTITION ident_list(L) INTO T_LP part_defs(D) T_RP. { A = sql_mk_spec(c, SQL_AT_REORGANIZE_PARTITION, P.pos); A->names = *L; A->part_defs = *D; }
alter_spec(A) ::= EXCHANGE(P) PARTITION ident(N) WITH TABLE table_name(T). { A = sql_mk_spec(c, SQL_AT_EXCHANGE_PARTITION, P.pos); A->names = sql_list1(c->a, sql_ident_box(c, N)); A->new_table = *T; }
alter_spec(A) ::= REMOVE(P) PARTITIONING. { A = sql_mk_spec(c, SQL_AT_REMOVE_PARTITIONING, P.pos); }
alter_spec(A) ::= ALGORITHM(P) eq_opt ident(N). { A = sql_mk_spec(c, SQL_AT_ALGORITHM, P.pos); A->ident = N; }
alter_spec(A) ::= ALGORITHM(P) eq_opt DEFAULT(D). { A = sql_mk_spec(c, SQL_AT_ALGORITHM, P.pos); A->ident = sql_mk_kw_ident(c, &D); }
alter_spec(A) ::= LOCK(P) eq_opt ident(N). { A = sql_mk_spec(c, SQL_AT_LOCK, P.pos); A->ident = N; }
alter_spec(A) ::= LOCK(P) eq_opt DEFAULT(D). { A = sql_mk_spec(c, SQL_AT_LOCK, P.pos); A->ident = sql_mk_kw_ident(c, &D); }
alter_spec(A) ::= FORCE(P). { A = sql_mk_spec(c, SQL_AT_FORCE, P.pos); }
alter_spec(A) ::= ENABLE(P) KEYS. { A = sql_mk_spec(c, SQL_AT_ENABLE_KEYS, P.pos); }
alter_spec(A) ::= DISABLE(P) KEYS. { A = sql_mk_spec(c, SQL_AT_DISABLE_KEYS, P.pos); }
alter_spec(A) ::= ORDER(P) BY order_list(L). [JOINLOW] { A = sql_mk_spec(c, SQL_AT_ORDER_BY, P.pos); A->order_by = *L; }
%type col_kw {bool}
col_kw(A) ::= . { A = false; }
col_kw(A) ::= COLUMN. { A = true; }
%type col_pos {sql_ident_t *}
col_pos(A) ::= . { A = NULL; }
col_pos(A) ::= FIRST(F). { A = sql_ident_box(c, sql_mk_kw_ident(c, &F)); A->len = 0; A->pos = 1; }
col_pos(A) ::= AFTER ident(N). { A = sql_ident_box(c, N); }
%type column_defs {sql_list_t *}
column_defs(A) ::= column_def(X). { A = sql_list_new(c, X); }
column_defs(A) ::= column_defs(L) T_COMMA column_def(X). { A = L; sql_list_push(c->a, A, X); }

/* Other DDL */
ddl_stmt(A) ::= DROP(K) temp_opt(T) TABLE if_exists(I) table_name_list(L) restrict_opt(R). { A = sql_mk_stmt(c, SQL_STMT_DROP_TABLE, K.pos); sql_drop_table_t *d = NEW(sql_drop_table_t); A->u.drop_table = d; d->temporary = T; d->if_exists = I; d->tables = *L; d->behavior = R; }
ddl_stmt(A) ::= DROP(K) VIEW if_exists(I) table_name_list(L) restrict_opt(R). { A = sql_mk_stmt(c, SQL_STMT_DROP_TABLE, K.pos); sql_drop_table_t *d = NEW(sql_drop_table_t); A->u.drop_table = d; d->view = true; d->if_exists = I; d->tables = *L; d->behavior = R; }
%type restrict_opt {int}
restrict_opt(A) ::= . { A = 0; }
restrict_opt(A) ::= RESTRICT. { A = 1; }
restrict_opt(A) ::= CASCADE. { A = 2; }
ddl_stmt(A) ::= TRUNCATE(K) table_name(N). { A = sql_mk_stmt(c, SQL_STMT_TRUNCATE, K.pos); A->u.truncate = N; }
ddl_stmt(A) ::= TRUNCATE(K) TABLE table_name(N). { A = sql_mk_stmt(c, SQL_STMT_TRUNCATE, K.pos); A->u.truncate = N; }
ddl_stmt(A) ::= RENAME(K) TABLE rename_list(L). { A = sql_mk_stmt(c, SQL_STMT_RENAME_TABLE, K.pos); A->u.rename = L; }
%type rename_list {sql_rename_table_t *}
rename_list(A) ::= table_name(F) TO table_name(T). { A = NEW(sql_rename_table_t); sql_list_push(c->a, &A->from, F); sql_list_push(c->a, &A->to, T); }
rename_list(A) ::= rename_list(L) T_COMMA table_name(F) TO table_name(T). { A = L; sql_list_push(c->a, &A->from, F); sql_list_push(c->a, &A->to, T); }
ddl_stmt(A) ::= CREATE(K) index_kind(U) INDEX if_not_exists(I) ident(N) idx_type_opt(T) ON table_name(TB) T_LP key_parts(P) T_RP idx_opts(O) alg_lock_opts(AL). {
    A = sql_mk_stmt(c, SQL_STMT_CREATE_INDEX, K.pos); sql_create_index_t *x = NEW(sql_create_index_t); A->u.create_index = x;
    x->kind = U; x->if_not_exists = I; x->name = N; if (T) x->using_type = *T; x->table = *TB; x->parts = *P; if (O) x->opts = *O;
    if (AL) { x->algorithm = AL->algorithm; x->lock = AL->lock; }
}
%type index_kind {int}
index_kind(A) ::= . { A = 0; }
index_kind(A) ::= UNIQUE. { A = 1; }
index_kind(A) ::= FULLTEXT. { A = 2; }
index_kind(A) ::= SPATIAL. { A = 3; }
%type alg_lock_opts {sql_create_index_t *}
alg_lock_opts(A) ::= . { A = NULL; }
alg_lock_opts(A) ::= alg_lock_opts(B) ALGORITHM eq_opt ident(N). { A = B ? B : NEW(sql_create_index_t); A->algorithm = N; }
alg_lock_opts(A) ::= alg_lock_opts(B) ALGORITHM eq_opt DEFAULT(D). { A = B ? B : NEW(sql_create_index_t); A->algorithm = sql_mk_kw_ident(c, &D); }
alg_lock_opts(A) ::= alg_lock_opts(B) LOCK eq_opt ident(N). { A = B ? B : NEW(sql_create_index_t); A->lock = N; }
alg_lock_opts(A) ::= alg_lock_opts(B) LOCK eq_opt DEFAULT(D). { A = B ? B : NEW(sql_create_index_t); A->lock = sql_mk_kw_ident(c, &D); }
ddl_stmt(A) ::= DROP(K) INDEX if_exists(I) ident(N) ON table_name(T). { A = sql_mk_stmt(c, SQL_STMT_DROP_INDEX, K.pos); sql_drop_index_t *x = NEW(sql_drop_index_t); A->u.drop_index = x; x->if_exists = I; x->name = N; x->table = *T; }
ddl_stmt(A) ::= CREATE(K) or_replace(R) view_alg(G) view_definer(D) view_security(S) VIEW table_name(N) view_cols(C) AS(Q0) query(Q) view_check(CK). {
    A = sql_mk_stmt(c, SQL_STMT_CREATE_VIEW, K.pos); sql_create_view_t *v = D ? D : NEW(sql_create_view_t); A->u.create_view = v;
    v->or_replace = R; v->algorithm = G; v->security = S; v->name = *N; if (C) v->cols = *C; v->select = Q; v->check = CK;
    v->select_pos = Q->pos; v->select_end = c->prev_end; (void)Q0;
}
%type or_replace {bool}
or_replace(A) ::= . { A = false; }
or_replace(A) ::= OR REPLACE. { A = true; }
%type view_alg {sql_ident_t}
view_alg(A) ::= . { memset(&A, 0, sizeof(A)); }
view_alg(A) ::= ALGORITHM T_EQ ident(N). { A = N; }
%type view_definer {sql_create_view_t *}
view_definer(A) ::= . { A = NULL; }
view_definer(A) ::= DEFINER T_EQ user(U). { A = NEW(sql_create_view_t); A->definer_user = U->user; A->definer_host = U->host; A->definer_current_user = U->current_user; }
%type view_security {int}
view_security(A) ::= . { A = 0; }
view_security(A) ::= SQL SECURITY DEFINER. { A = 1; }
view_security(A) ::= SQL SECURITY INVOKER. { A = 2; }
%type view_cols {sql_list_t *}
view_cols(A) ::= . { A = NULL; }
view_cols(A) ::= T_LP ident_list(L) T_RP. { A = L; }
%type view_check {int}
view_check(A) ::= . { A = 0; }
view_check(A) ::= WITH CHECK OPTION. { A = 1; }
view_check(A) ::= WITH CASCADED CHECK OPTION. { A = 2; }
view_check(A) ::= WITH LOCAL CHECK OPTION. { A = 3; }

/* ---------------- session statements ---------------- */

%type session_stmt {sql_stmt_t *}
session_stmt(A) ::= SET(K) set_list(L). { A = sql_mk_stmt(c, SQL_STMT_SET, K.pos); A->u.set = NEW(sql_set_stmt_t); A->u.set->items = *L; }
session_stmt(A) ::= SET(K) txn_scope(S) TRANSACTION txn_chars(T). { A = sql_mk_stmt(c, SQL_STMT_SET_TRANSACTION, K.pos); A->u.set_txn = T; T->scope = S; }
%type txn_scope {int}
txn_scope(A) ::= . { A = 0; }
txn_scope(A) ::= SESSION. { A = 1; }
txn_scope(A) ::= GLOBAL. { A = 2; }
%type txn_chars {sql_set_txn_t *}
txn_chars(A) ::= txn_char(X). { A = X; }
txn_chars(A) ::= txn_chars(B) T_COMMA txn_char(X). { A = B; if (X->isolation) A->isolation = X->isolation; if (X->access) A->access = X->access; }
%type txn_char {sql_set_txn_t *}
txn_char(A) ::= ISOLATION LEVEL iso_level(L). { A = NEW(sql_set_txn_t); A->isolation = L; }
txn_char(A) ::= READ ONLY. { A = NEW(sql_set_txn_t); A->access = 1; A->access_first = true; }
txn_char(A) ::= READ WRITE. { A = NEW(sql_set_txn_t); A->access = 2; A->access_first = true; }
%type iso_level {int}
iso_level(A) ::= READ UNCOMMITTED. { A = 1; }
iso_level(A) ::= READ COMMITTED. { A = 2; }
iso_level(A) ::= REPEATABLE READ. { A = 3; }
iso_level(A) ::= SERIALIZABLE. { A = 4; }

%type set_list {sql_list_t *}
set_list(A) ::= set_item(X). { A = sql_list_new(c, X); }
set_list(A) ::= set_list(L) T_COMMA set_item(X). { A = L; sql_list_push(c->a, A, X); }
%type set_item {sql_set_item_t *}
set_item(A) ::= set_var(V) T_EQ set_value(E). { A = NEW(sql_set_item_t); A->kind = SQL_SET_VAR; A->var = V; A->value = E; }
set_item(A) ::= set_var(V) T_ASSIGN set_value(E). { A = NEW(sql_set_item_t); A->kind = SQL_SET_VAR; A->var = V; A->value = E; A->colon_eq = true; }
set_item(A) ::= NAMES name_or_str(N). { A = NEW(sql_set_item_t); A->kind = SQL_SET_NAMES; A->charset = N; A->is_default = N.len == 7 && !N.quoted && N.s[0] == 'D'; }
set_item(A) ::= NAMES name_or_str(N) COLLATE name_or_str(M). { A = NEW(sql_set_item_t); A->kind = SQL_SET_NAMES; A->charset = N; A->collate = M; }
set_item(A) ::= charset_kw name_or_str(N). { A = NEW(sql_set_item_t); A->kind = SQL_SET_CHARSET; A->charset = N; }
set_item(A) ::= PASSWORD T_EQ string_lit(S). { A = NEW(sql_set_item_t); A->kind = SQL_SET_PASSWORD; A->password = S; }
set_item(A) ::= PASSWORD FOR user(U) T_EQ string_lit(S). { A = NEW(sql_set_item_t); A->kind = SQL_SET_PASSWORD; A->password = S; A->user = U; }
%type set_var {sql_expr_t *}
set_var(A) ::= T_USERVAR(X). { A = sql_mk_var(c, &X, 0); }
set_var(A) ::= T_SYSVAR(X). { A = sql_mk_var(c, &X, 1); }
set_var(A) ::= ident(N). { A = sql_mk_sysvar(c, &N, SQL_VAR_SYS_DEFAULT); }
set_var(A) ::= GLOBAL ident(N). { A = sql_mk_sysvar(c, &N, SQL_VAR_GLOBAL); }
set_var(A) ::= SESSION ident(N). { A = sql_mk_sysvar(c, &N, SQL_VAR_SESSION); }
set_var(A) ::= LOCAL ident(N). { A = sql_mk_sysvar(c, &N, SQL_VAR_SESSION); }
set_var(A) ::= INSTANCE ident(N). { A = sql_mk_sysvar(c, &N, SQL_VAR_INSTANCE); }
%type set_value {sql_expr_t *}
set_value(A) ::= expr(E). { A = E; }
set_value(A) ::= ON(X). { sql_ident_t id = sql_mk_kw_ident(c, &X); A = sql_mk_column(c, NULL, NULL, &id, false, X.pos); A->u.col.bare_word = true; }
set_value(A) ::= BINARY(X). { sql_ident_t id = sql_mk_kw_ident(c, &X); A = sql_mk_column(c, NULL, NULL, &id, false, X.pos); A->u.col.bare_word = true; }
set_value(A) ::= ALL(X). { sql_ident_t id = sql_mk_kw_ident(c, &X); A = sql_mk_column(c, NULL, NULL, &id, false, X.pos); A->u.col.bare_word = true; }

session_stmt(A) ::= USE(K) ident(N). { A = sql_mk_stmt(c, SQL_STMT_USE, K.pos); A->u.use = sql_ident_box(c, N); }
session_stmt(A) ::= BEGIN(K). { A = sql_mk_txn(c, K.pos, 1); }
session_stmt(A) ::= BEGIN(K) PESSIMISTIC. { A = sql_mk_txn(c, K.pos, 1); A->u.txn->mode = 1; }
session_stmt(A) ::= BEGIN(K) OPTIMISTIC. { A = sql_mk_txn(c, K.pos, 1); A->u.txn->mode = 2; }
session_stmt(A) ::= START(K) TRANSACTION. { A = sql_mk_txn(c, K.pos, 2); }
session_stmt(A) ::= START(K) TRANSACTION READ ONLY. { A = sql_mk_txn(c, K.pos, 2); A->u.txn->read_only = true; }
session_stmt(A) ::= START(K) TRANSACTION READ WRITE. { A = sql_mk_txn(c, K.pos, 2); A->u.txn->read_write = true; }
session_stmt(A) ::= START(K) TRANSACTION WITH CONSISTENT SNAPSHOT. { A = sql_mk_txn(c, K.pos, 2); A->u.txn->consistent_snapshot = true; }
session_stmt(A) ::= START(K) TRANSACTION READ ONLY AS OF TIMESTAMP expr(E). { A = sql_mk_txn(c, K.pos, 2); A->u.txn->read_only = true; A->u.txn->as_of = E; }
session_stmt(A) ::= COMMIT(K) work_opt. { A = sql_mk_txn(c, K.pos, 3); }
session_stmt(A) ::= ROLLBACK(K) work_opt. { A = sql_mk_txn(c, K.pos, 4); }
session_stmt(A) ::= ROLLBACK(K) work_opt TO savepoint_opt ident(N). { A = sql_mk_txn(c, K.pos, 7); A->u.txn->name = N; }
session_stmt(A) ::= SAVEPOINT(K) ident(N). { A = sql_mk_txn(c, K.pos, 5); A->u.txn->name = N; }
session_stmt(A) ::= RELEASE(K) SAVEPOINT ident(N). { A = sql_mk_txn(c, K.pos, 6); A->u.txn->name = N; }
work_opt ::= .
work_opt ::= WORK.
savepoint_opt ::= .
savepoint_opt ::= SAVEPOINT.

session_stmt(A) ::= PREPARE(K) ident(N) FROM string_lit(S). { A = sql_mk_stmt(c, SQL_STMT_PREPARE, K.pos); A->u.prepare = NEW(sql_prepare_t); A->u.prepare->name = N; A->u.prepare->text = S; }
session_stmt(A) ::= PREPARE(K) ident(N) FROM T_USERVAR(V). { A = sql_mk_stmt(c, SQL_STMT_PREPARE, K.pos); A->u.prepare = NEW(sql_prepare_t); A->u.prepare->name = N; A->u.prepare->var = sql_mk_var(c, &V, 0); }
session_stmt(A) ::= EXECUTE(K) ident(N). { A = sql_mk_stmt(c, SQL_STMT_EXECUTE, K.pos); A->u.prepare = NEW(sql_prepare_t); A->u.prepare->name = N; }
session_stmt(A) ::= EXECUTE(K) ident(N) USING uservar_list(L). { A = sql_mk_stmt(c, SQL_STMT_EXECUTE, K.pos); A->u.prepare = NEW(sql_prepare_t); A->u.prepare->name = N; A->u.prepare->using_vars = *L; }
session_stmt(A) ::= DEALLOCATE(K) PREPARE ident(N). { A = sql_mk_stmt(c, SQL_STMT_DEALLOCATE, K.pos); A->u.prepare = NEW(sql_prepare_t); A->u.prepare->name = N; }
session_stmt(A) ::= DROP(K) PREPARE ident(N). { A = sql_mk_stmt(c, SQL_STMT_DEALLOCATE, K.pos); A->u.prepare = NEW(sql_prepare_t); A->u.prepare->name = N; A->u.prepare->drop_kw = true; }
%type uservar_list {sql_list_t *}
uservar_list(A) ::= T_USERVAR(X). { A = sql_list_new(c, sql_mk_var(c, &X, 0)); }
uservar_list(A) ::= uservar_list(L) T_COMMA T_USERVAR(X). { A = L; sql_list_push(c->a, A, sql_mk_var(c, &X, 0)); }
session_stmt(A) ::= DO(K) expr_list(L). { A = sql_mk_stmt(c, SQL_STMT_DO, K.pos); A->u.do_exprs = L; }
session_stmt(A) ::= LOCK(K) TABLES lock_list(L). { A = sql_mk_stmt(c, SQL_STMT_LOCK_TABLES, K.pos); A->u.lock_tables = L; }
session_stmt(A) ::= UNLOCK(K) TABLES. { A = sql_mk_stmt(c, SQL_STMT_UNLOCK_TABLES, K.pos); }
%type lock_list {sql_lock_tables_t *}
lock_list(A) ::= table_name(N) lock_mode(M). { A = NEW(sql_lock_tables_t); sql_list_push(c->a, &A->tables, N); sql_list_push(c->a, &A->modes, (void *)(uintptr_t)M); }
lock_list(A) ::= lock_list(L) T_COMMA table_name(N) lock_mode(M). { A = L; sql_list_push(c->a, &A->tables, N); sql_list_push(c->a, &A->modes, (void *)(uintptr_t)M); }
%type lock_mode {int}
lock_mode(A) ::= READ. { A = 1; }
lock_mode(A) ::= READ LOCAL. { A = 2; }
lock_mode(A) ::= WRITE. { A = 3; }
lock_mode(A) ::= WRITE LOCAL. { A = 4; }

/* ---------------- SHOW, EXPLAIN, administration ---------------- */

%type admin_stmt {sql_stmt_t *}
admin_stmt(A) ::= SHOW(K) show_what(S). { A = sql_mk_stmt(c, SQL_STMT_SHOW, K.pos); A->u.show = S; }

%type show_what {sql_show_t *}
show_what(A) ::= DATABASES show_filter(F). { A = sql_mk_show(c, SQL_SHOW_DATABASES); sql_show_filter(A, F); }
show_what(A) ::= SCHEMAS show_filter(F). { A = sql_mk_show(c, SQL_SHOW_DATABASES); sql_show_filter(A, F); }
show_what(A) ::= full_opt(U) TABLES from_db_opt(D) show_filter(F). { A = sql_mk_show(c, SQL_SHOW_TABLES); A->full = U; if (D) A->db = *D; sql_show_filter(A, F); }
show_what(A) ::= full_opt(U) columns_kw FROM|IN table_name(T) from_db_opt(D) show_filter(F). { A = sql_mk_show(c, SQL_SHOW_COLUMNS); A->full = U; A->table = *T; if (D) A->db = *D; sql_show_filter(A, F); }
show_what(A) ::= EXTENDED full_opt(U) columns_kw FROM|IN table_name(T) from_db_opt(D) show_filter(F). { A = sql_mk_show(c, SQL_SHOW_COLUMNS); A->extended = true; A->full = U; A->table = *T; if (D) A->db = *D; sql_show_filter(A, F); }
show_what(A) ::= CREATE TABLE table_name(T). { A = sql_mk_show(c, SQL_SHOW_CREATE_TABLE); A->table = *T; }
show_what(A) ::= CREATE VIEW table_name(T). { A = sql_mk_show(c, SQL_SHOW_CREATE_VIEW); A->table = *T; }
show_what(A) ::= CREATE db_kw if_not_exists(I) ident(N). { A = sql_mk_show(c, SQL_SHOW_CREATE_DATABASE); A->db = N; A->if_not_exists = I; }
show_what(A) ::= CREATE USER user(U). { A = sql_mk_show(c, SQL_SHOW_CREATE_USER); A->user = U; }
show_what(A) ::= index_kw FROM|IN table_name(T) from_db_opt(D) where_opt(W). { A = sql_mk_show(c, SQL_SHOW_INDEX); A->table = *T; if (D) A->db = *D; A->where = W; }
show_what(A) ::= show_scope(S) VARIABLES show_filter(F). { A = sql_mk_show(c, SQL_SHOW_VARIABLES); A->scope = S; sql_show_filter(A, F); }
show_what(A) ::= show_scope(S) STATUS show_filter(F). { A = sql_mk_show(c, SQL_SHOW_STATUS); A->scope = S; sql_show_filter(A, F); }
show_what(A) ::= WARNINGS limit_opt(L). { A = sql_mk_show(c, SQL_SHOW_WARNINGS); A->limit = L; }
show_what(A) ::= ERRORS limit_opt(L). { A = sql_mk_show(c, SQL_SHOW_ERRORS); A->limit = L; }
show_what(A) ::= ident(N) T_LP T_STAR T_RP WARNINGS. { A = sql_mk_show(c, SQL_SHOW_COUNT_WARNINGS); (void)N; }
show_what(A) ::= ident(N) T_LP T_STAR T_RP ERRORS. { A = sql_mk_show(c, SQL_SHOW_COUNT_ERRORS); (void)N; }
show_what(A) ::= full_opt(U) PROCESSLIST. { A = sql_mk_show(c, SQL_SHOW_PROCESSLIST); A->full = U; }
show_what(A) ::= ENGINES. { A = sql_mk_show(c, SQL_SHOW_ENGINES); }
show_what(A) ::= STORAGE ENGINES. { A = sql_mk_show(c, SQL_SHOW_ENGINES); }
show_what(A) ::= COLLATION show_filter(F). { A = sql_mk_show(c, SQL_SHOW_COLLATION); sql_show_filter(A, F); }
show_what(A) ::= charset_kw show_filter(F). { A = sql_mk_show(c, SQL_SHOW_CHARSET); sql_show_filter(A, F); }
show_what(A) ::= GRANTS. { A = sql_mk_show(c, SQL_SHOW_GRANTS); }
show_what(A) ::= GRANTS FOR user(U). { A = sql_mk_show(c, SQL_SHOW_GRANTS); A->user = U; }
show_what(A) ::= TABLE STATUS from_db_opt(D) show_filter(F). { A = sql_mk_show(c, SQL_SHOW_TABLE_STATUS); if (D) A->db = *D; sql_show_filter(A, F); }
show_what(A) ::= PLUGINS. { A = sql_mk_show(c, SQL_SHOW_PLUGINS); }
show_what(A) ::= PRIVILEGES. { A = sql_mk_show(c, SQL_SHOW_PRIVILEGES); }
show_what(A) ::= MASTER STATUS. { A = sql_mk_show(c, SQL_SHOW_MASTER_STATUS); }
show_what(A) ::= TRIGGERS from_db_opt(D) show_filter(F). { A = sql_mk_show(c, SQL_SHOW_TRIGGERS); if (D) A->db = *D; sql_show_filter(A, F); }
show_what(A) ::= EVENTS from_db_opt(D) show_filter(F). { A = sql_mk_show(c, SQL_SHOW_EVENTS); if (D) A->db = *D; sql_show_filter(A, F); }
show_what(A) ::= PROCEDURE STATUS show_filter(F). { A = sql_mk_show(c, SQL_SHOW_PROCEDURE_STATUS); sql_show_filter(A, F); }
show_what(A) ::= FUNCTION STATUS show_filter(F). { A = sql_mk_show(c, SQL_SHOW_FUNCTION_STATUS); sql_show_filter(A, F); }
show_what(A) ::= OPEN TABLES from_db_opt(D) show_filter(F). { A = sql_mk_show(c, SQL_SHOW_OPEN_TABLES); if (D) A->db = *D; sql_show_filter(A, F); }
show_what(A) ::= STATS_META show_filter(F). { A = sql_mk_show(c, SQL_SHOW_STATS_META); sql_show_filter(A, F); }
show_what(A) ::= CONFIG show_filter(F). { A = sql_mk_show(c, SQL_SHOW_CONFIG); sql_show_filter(A, F); }
show_what(A) ::= PROFILES. { A = sql_mk_show(c, SQL_SHOW_PROFILES); }

%type full_opt {bool}
full_opt(A) ::= . { A = false; }
full_opt(A) ::= FULL. { A = true; }
columns_kw ::= COLUMNS.
columns_kw ::= FIELDS.
index_kw ::= INDEX.
index_kw ::= INDEXES.
index_kw ::= KEYS.
%type show_scope {int}
show_scope(A) ::= . { A = 0; }
show_scope(A) ::= SESSION. { A = 1; }
show_scope(A) ::= GLOBAL. { A = 2; }
show_scope(A) ::= LOCAL. { A = 1; }
%type from_db_opt {sql_ident_t *}
from_db_opt(A) ::= . { A = NULL; }
from_db_opt(A) ::= FROM|IN ident(N). { A = sql_ident_box(c, N); }
%type show_filter {sql_show_t *}
show_filter(A) ::= . { A = NULL; }
show_filter(A) ::= LIKE string_lit(S). { A = NEW(sql_show_t); A->like = S; }
show_filter(A) ::= WHERE expr(E). { A = NEW(sql_show_t); A->where = E; }

%type explain_stmt {sql_stmt_t *}
explain_stmt(A) ::= explain_kw(K) table_name(T). { A = sql_mk_explain(c, K); A->u.explain->is_table = true; A->u.explain->table = *T; }
explain_stmt(A) ::= explain_kw(K) table_name(T) ident(C). { A = sql_mk_explain(c, K); A->u.explain->is_table = true; A->u.explain->table = *T; A->u.explain->column = C; }
explain_stmt(A) ::= explain_kw(K) explain_opts(O) explainable(S). { A = sql_mk_explain(c, K); sql_explain_t *e = A->u.explain; e->stmt = S; if (O) { e->analyze = O->analyze; e->format = O->format; e->format_ident = O->format_ident; } }
explain_stmt(A) ::= explain_kw(K) FOR CONNECTION u64(N). { A = sql_mk_explain(c, K); A->u.explain->for_conn = true; A->u.explain->conn_id = N; }
%type explain_kw {sql_token_t}
explain_kw(A) ::= EXPLAIN(X). { A = X; }
explain_kw(A) ::= DESCRIBE(X). { A = X; }
explain_kw(A) ::= DESC(X). { A = X; }
%type explain_opts {sql_explain_t *}
explain_opts(A) ::= . { A = NULL; }
explain_opts(A) ::= ANALYZE. { A = NEW(sql_explain_t); A->analyze = true; }
explain_opts(A) ::= FORMAT T_EQ string_lit(S). { A = NEW(sql_explain_t); A->format = S; }
explain_opts(A) ::= FORMAT T_EQ ident(N). { A = NEW(sql_explain_t); A->format_ident = N; }
explain_opts(A) ::= ANALYZE FORMAT T_EQ string_lit(S). { A = NEW(sql_explain_t); A->analyze = true; A->format = S; }
explain_opts(A) ::= ANALYZE FORMAT T_EQ ident(N). { A = NEW(sql_explain_t); A->analyze = true; A->format_ident = N; }
%type explainable {sql_stmt_t *}
explainable(A) ::= query(Q). { A = sql_mk_stmt(c, SQL_STMT_SELECT, Q->pos); A->u.select = Q; }
explainable(A) ::= insert_stmt(X). { A = X; }
explainable(A) ::= update_stmt(X). { A = X; }
explainable(A) ::= delete_stmt(X). { A = X; }

admin_stmt(A) ::= ANALYZE(K) analyze_flag(F) TABLE table_name_list(L). { A = sql_mk_stmt(c, SQL_STMT_ANALYZE, K.pos); A->u.analyze = NEW(sql_table_list_stmt_t); A->u.analyze->tables = *L; A->u.analyze->flag = F; }
%type analyze_flag {int}
analyze_flag(A) ::= . { A = 0; }
analyze_flag(A) ::= NO_WRITE_TO_BINLOG. { A = 1; }
analyze_flag(A) ::= LOCAL. { A = 2; }
admin_stmt(A) ::= ADMIN(K) CHECKSUM TABLE table_name_list(L). { A = sql_mk_admin(c, K.pos, 1); A->u.admin->tables = *L; }
admin_stmt(A) ::= ADMIN(K) RELOAD EXPR_PUSHDOWN_BLACKLIST. { A = sql_mk_admin(c, K.pos, 2); }
admin_stmt(A) ::= ADMIN(K) RELOAD OPT_RULE_BLACKLIST. { A = sql_mk_admin(c, K.pos, 3); }
admin_stmt(A) ::= ADMIN(K) SHOW DDL. { A = sql_mk_admin(c, K.pos, 4); }
admin_stmt(A) ::= ADMIN(K) SHOW DDL JOBS. { A = sql_mk_admin(c, K.pos, 5); }
admin_stmt(A) ::= ADMIN(K) SHOW DDL JOBS u64(N). { A = sql_mk_admin(c, K.pos, 5); A->u.admin->n = N; A->u.admin->has_n = true; }
admin_stmt(A) ::= ADMIN(K) CHECK TABLE table_name_list(L). { A = sql_mk_admin(c, K.pos, 6); A->u.admin->tables = *L; }
admin_stmt(A) ::= ADMIN(K) CANCEL DDL JOBS expr_list(L). { A = sql_mk_admin(c, K.pos, 7); A->u.admin->nums = *L; }
admin_stmt(A) ::= KILL(K) kill_opts(O) expr(E). { A = sql_mk_stmt(c, SQL_STMT_KILL, K.pos); A->u.kill = O; A->u.kill->id = E; }
%type kill_opts {sql_kill_t *}
kill_opts(A) ::= . { A = NEW(sql_kill_t); }
kill_opts(A) ::= TIDB. { A = NEW(sql_kill_t); A->tidb = true; }
kill_opts(A) ::= CONNECTION. { A = NEW(sql_kill_t); A->connection = true; }
kill_opts(A) ::= QUERY. { A = NEW(sql_kill_t); A->query = true; }
kill_opts(A) ::= TIDB CONNECTION. { A = NEW(sql_kill_t); A->tidb = true; A->connection = true; }
kill_opts(A) ::= TIDB QUERY. { A = NEW(sql_kill_t); A->tidb = true; A->query = true; }
admin_stmt(A) ::= FLUSH(K) flush_opt(W) flush_what(F). { A = sql_mk_stmt(c, SQL_STMT_FLUSH, K.pos); A->u.flush = F; F->no_write = W == 1; F->local = W == 2; }
%type flush_opt {int}
flush_opt(A) ::= . { A = 0; }
flush_opt(A) ::= NO_WRITE_TO_BINLOG. { A = 1; }
flush_opt(A) ::= LOCAL. { A = 2; }
%type flush_what {sql_flush_t *}
flush_what(A) ::= PRIVILEGES. { A = NEW(sql_flush_t); A->kind = 1; }
flush_what(A) ::= TABLES. { A = NEW(sql_flush_t); A->kind = 2; }
flush_what(A) ::= TABLES table_name_list(L). { A = NEW(sql_flush_t); A->kind = 2; A->tables = *L; }
flush_what(A) ::= TABLES WITH READ LOCK. { A = NEW(sql_flush_t); A->kind = 2; A->with_read_lock = true; }
flush_what(A) ::= STATUS. { A = NEW(sql_flush_t); A->kind = 3; }
flush_what(A) ::= LOGS. { A = NEW(sql_flush_t); A->kind = 4; }
flush_what(A) ::= HOSTS. { A = NEW(sql_flush_t); A->kind = 5; }

/* ---------------- users and privileges ---------------- */

%type user {sql_user_t *}
user(A) ::= user_part(U). { A = NEW(sql_user_t); A->user = U; }
user(A) ::= user_part(U) T_USERVAR(H). { A = NEW(sql_user_t); A->user = U; A->host = sql_mk_ident(c, &H); A->has_host = true; }
user(A) ::= CURRENT_USER. { A = NEW(sql_user_t); A->current_user = true; }
user(A) ::= USER T_LP T_RP. { A = NEW(sql_user_t); A->current_user = true; }
user(A) ::= CURRENT_USER T_LP T_RP. { A = NEW(sql_user_t); A->current_user = true; }
%type user_part {sql_ident_t}
user_part(A) ::= ident(X). { A = X; }
user_part(A) ::= T_STRING(X). { A = sql_mk_ident(c, &X); }
%type user_list {sql_list_t *}
user_list(A) ::= user(X). { A = sql_list_new(c, X); }
user_list(A) ::= user_list(L) T_COMMA user(X). { A = L; sql_list_push(c->a, A, X); }
%type user_spec {sql_user_spec_t *}
user_spec(A) ::= user(U). { A = NEW(sql_user_spec_t); A->user = *U; }
user_spec(A) ::= user(U) IDENTIFIED BY string_lit(S). { A = NEW(sql_user_spec_t); A->user = *U; A->auth = 1; A->secret = S; }
user_spec(A) ::= user(U) IDENTIFIED BY PASSWORD string_lit(S). { A = NEW(sql_user_spec_t); A->user = *U; A->auth = 1; A->secret = S; A->password_kw = true; }
user_spec(A) ::= user(U) IDENTIFIED WITH name_or_str(P). { A = NEW(sql_user_spec_t); A->user = *U; A->auth = 2; A->plugin = P; }
user_spec(A) ::= user(U) IDENTIFIED WITH name_or_str(P) BY string_lit(S). { A = NEW(sql_user_spec_t); A->user = *U; A->auth = 2; A->plugin = P; A->secret = S; }
user_spec(A) ::= user(U) IDENTIFIED WITH name_or_str(P) AS string_lit(S). { A = NEW(sql_user_spec_t); A->user = *U; A->auth = 2; A->plugin = P; A->secret = S; A->as_hash = true; }
%type user_spec_list {sql_list_t *}
user_spec_list(A) ::= user_spec(X). { A = sql_list_new(c, X); }
user_spec_list(A) ::= user_spec_list(L) T_COMMA user_spec(X). { A = L; sql_list_push(c->a, A, X); }

admin_stmt(A) ::= CREATE(K) USER if_not_exists(I) user_spec_list(L) require_opt(R) account_opt(O). { A = sql_mk_user_stmt(c, SQL_STMT_CREATE_USER, K.pos, L); A->u.user->if_not_exists = I; A->u.user->require = R; A->u.user->lock_account = O == 1; A->u.user->unlock_account = O == 2; }
admin_stmt(A) ::= ALTER(K) USER if_exists(I) user_spec_list(L) require_opt(R) account_opt(O). { A = sql_mk_user_stmt(c, SQL_STMT_ALTER_USER, K.pos, L); A->u.user->if_exists = I; A->u.user->require = R; A->u.user->lock_account = O == 1; A->u.user->unlock_account = O == 2; }
admin_stmt(A) ::= DROP(K) USER if_exists(I) user_list(L). { A = sql_mk_user_stmt(c, SQL_STMT_DROP_USER, K.pos, sql_user_specs(c, L)); A->u.user->if_exists = I; }
admin_stmt(A) ::= CREATE(K) ROLE if_not_exists(I) user_list(L). { A = sql_mk_user_stmt(c, SQL_STMT_CREATE_USER, K.pos, sql_user_specs(c, L)); A->u.user->if_not_exists = I; A->u.user->is_role = true; }
admin_stmt(A) ::= DROP(K) ROLE if_exists(I) user_list(L). { A = sql_mk_user_stmt(c, SQL_STMT_DROP_USER, K.pos, sql_user_specs(c, L)); A->u.user->if_exists = I; A->u.user->is_role = true; }
admin_stmt(A) ::= GRANT(K) role_list(R) TO user_list(U). { A = sql_mk_grant(c, SQL_STMT_GRANT, K.pos, NEW(sql_list_t), NEW(sql_grant_t), sql_user_specs(c, U)); A->u.grant->is_role = true; A->u.grant->roles = *R; }
admin_stmt(A) ::= REVOKE(K) role_list(R) FROM user_list(U). { A = sql_mk_grant(c, SQL_STMT_REVOKE, K.pos, NEW(sql_list_t), NEW(sql_grant_t), sql_user_specs(c, U)); A->u.grant->revoke = true; A->u.grant->is_role = true; A->u.grant->roles = *R; }
session_stmt(A) ::= SET(K) ROLE role_mode(M). { A = sql_mk_stmt(c, SQL_STMT_SET_ROLE, K.pos); A->role_mode = M; }
session_stmt(A) ::= SET(K) ROLE role_list(R). { A = sql_mk_stmt(c, SQL_STMT_SET_ROLE, K.pos); A->u.roles = R; }
session_stmt(A) ::= SET(K) ROLE ALL EXCEPT role_list(R). { A = sql_mk_stmt(c, SQL_STMT_SET_ROLE, K.pos); A->role_mode = 4; A->u.roles = R; }
session_stmt(A) ::= SET(K) DEFAULT ROLE role_mode(M) TO user_list(U). { A = sql_mk_stmt(c, SQL_STMT_SET_DEFAULT_ROLE, K.pos); A->role_mode = M; A->role_users = *U; }
session_stmt(A) ::= SET(K) DEFAULT ROLE role_list(R) TO user_list(U). { A = sql_mk_stmt(c, SQL_STMT_SET_DEFAULT_ROLE, K.pos); A->u.roles = R; A->role_users = *U; }
%type role_mode {int}
role_mode(A) ::= DEFAULT. { A = 1; }
role_mode(A) ::= NONE. { A = 2; }
role_mode(A) ::= ALL. { A = 3; }
/* Role names: [user@host] names; a quoted or plain name. */
%type role_list {sql_list_t *}
role_list(A) ::= role(X). { A = sql_list_new(c, X); }
role_list(A) ::= role_list(L) T_COMMA role(X). { A = L; sql_list_push(c->a, A, X); }
%type role {sql_user_t *}
role(A) ::= user_part(U). { A = NEW(sql_user_t); A->user = U; }
role(A) ::= user_part(U) T_USERVAR(H). { A = NEW(sql_user_t); A->user = U; A->host = sql_mk_ident(c, &H); A->has_host = true; }

%type require_opt {int}
require_opt(A) ::= . { A = 0; }
require_opt(A) ::= REQUIRE NONE. { A = 1; }
require_opt(A) ::= REQUIRE SSL. { A = 2; }
require_opt(A) ::= REQUIRE X509. { A = 3; }
%type account_opt {int}
account_opt(A) ::= . { A = 0; }
account_opt(A) ::= ACCOUNT LOCK. { A = 1; }
account_opt(A) ::= ACCOUNT UNLOCK. { A = 2; }

admin_stmt(A) ::= GRANT(K) priv_list(P) ON priv_level(L) TO user_spec_list(U) grant_opt(G). { A = sql_mk_grant(c, SQL_STMT_GRANT, K.pos, P, L, U); A->u.grant->with_grant = G; }
admin_stmt(A) ::= REVOKE(K) priv_list(P) ON priv_level(L) FROM user_list(U). { A = sql_mk_grant(c, SQL_STMT_REVOKE, K.pos, P, L, sql_user_specs(c, U)); A->u.grant->revoke = true; }
%type grant_opt {bool}
grant_opt(A) ::= . { A = false; }
grant_opt(A) ::= WITH GRANT OPTION. { A = true; }
%type priv_list {sql_list_t *}
priv_list(A) ::= priv(X). { A = sql_list_new(c, X); }
priv_list(A) ::= priv_list(L) T_COMMA priv(X). { A = L; sql_list_push(c->a, A, X); }
%type priv {sql_priv_t *}
priv(A) ::= priv_name(N). { A = NEW(sql_priv_t); A->name = N; }
priv(A) ::= priv_name(N) T_LP ident_list(L) T_RP. { A = NEW(sql_priv_t); A->name = N; A->cols = *L; }
%type priv_name {const char *}
priv_name(A) ::= ALL. { A = "ALL PRIVILEGES"; }
priv_name(A) ::= ALL PRIVILEGES. { A = "ALL PRIVILEGES"; }
priv_name(A) ::= SELECT. { A = "SELECT"; }
priv_name(A) ::= INSERT. { A = "INSERT"; }
priv_name(A) ::= UPDATE. { A = "UPDATE"; }
priv_name(A) ::= DELETE. { A = "DELETE"; }
priv_name(A) ::= CREATE. { A = "CREATE"; }
priv_name(A) ::= DROP. { A = "DROP"; }
priv_name(A) ::= ALTER. { A = "ALTER"; }
priv_name(A) ::= INDEX. { A = "INDEX"; }
priv_name(A) ::= GRANT OPTION. { A = "GRANT OPTION"; }
priv_name(A) ::= RELOAD. { A = "RELOAD"; }
priv_name(A) ::= PROCESS. { A = "PROCESS"; }
priv_name(A) ::= SUPER. { A = "SUPER"; }
priv_name(A) ::= FILE. { A = "FILE"; }
priv_name(A) ::= SHUTDOWN. { A = "SHUTDOWN"; }
priv_name(A) ::= EXECUTE. { A = "EXECUTE"; }
priv_name(A) ::= REFERENCES. { A = "REFERENCES"; }
priv_name(A) ::= USAGE. { A = "USAGE"; }
priv_name(A) ::= TRIGGER. { A = "TRIGGER"; }
priv_name(A) ::= EVENT. { A = "EVENT"; }
priv_name(A) ::= SHOW DATABASES. { A = "SHOW DATABASES"; }
priv_name(A) ::= SHOW VIEW. { A = "SHOW VIEW"; }
priv_name(A) ::= CREATE VIEW. { A = "CREATE VIEW"; }
priv_name(A) ::= CREATE USER. { A = "CREATE USER"; }
priv_name(A) ::= CREATE ROLE. { A = "CREATE ROLE"; }
priv_name(A) ::= DROP ROLE. { A = "DROP ROLE"; }
priv_name(A) ::= CREATE TEMPORARY TABLES. { A = "CREATE TEMPORARY TABLES"; }
priv_name(A) ::= LOCK TABLES. { A = "LOCK TABLES"; }
priv_name(A) ::= REPLICATION CLIENT. { A = "REPLICATION CLIENT"; }
priv_name(A) ::= REPLICATION SLAVE. { A = "REPLICATION SLAVE"; }
priv_name(A) ::= CONFIG. { A = "CONFIG"; }
%type priv_level {sql_grant_t *}
priv_level(A) ::= T_STAR. { A = NEW(sql_grant_t); A->all_star = true; }
priv_level(A) ::= T_STAR T_DOT T_STAR. { A = NEW(sql_grant_t); A->db_star = true; A->tbl_star = true; }
priv_level(A) ::= ident(D) T_DOT T_STAR. { A = NEW(sql_grant_t); A->db = D; A->tbl_star = true; }
priv_level(A) ::= ident(D) T_DOT ident(T). { A = NEW(sql_grant_t); A->db = D; A->tbl = T; }
priv_level(A) ::= ident(T). { A = NEW(sql_grant_t); A->tbl = T; }
priv_level(A) ::= TABLE ident(T). { A = NEW(sql_grant_t); A->tbl = T; A->object_type = 1; }
priv_level(A) ::= TABLE ident(D) T_DOT ident(T). { A = NEW(sql_grant_t); A->db = D; A->tbl = T; A->object_type = 1; }
