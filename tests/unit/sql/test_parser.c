/* test_parser.c - unit tests of sql/: lexing, grammar, restore text, TiDB 1064 errors, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/mem.h"
#include "sql/parser.h"
#include "test_util.h"

#define PREFIX                                                                                     \
    "You have an error in your SQL syntax; check the manual that corresponds to your TiDB "        \
    "version for the right syntax to use "

/* Asserts that text restores to want (statements joined by ";\n"). */
static void expect_restore(const char *text, unsigned mode, const char *want)
{
    duet_err_t err;
    unsigned n;
    char *got = restore_all(text, strlen(text), mode, &n, &err);
    if (!got)
        fail_msg("parse failed: %s\n  input: %s", err.msg, text);
    if (strcmp(got, want) != 0)
        fail_msg("restore mismatch\n  input: %s\n  want:  %s\n  got:   %s", text, want, got);
    duet_free(got);
}

/* Asserts that text fails with 1064 and the message PREFIX + tail. */
static void expect_error(const char *text, const char *tail)
{
    duet_err_t err;
    unsigned n;
    char *got = restore_all(text, strlen(text), 0, &n, &err);
    if (got)
        fail_msg("expected an error, parsed as: %s", got);
    assert_int_equal(err.code, 1064);
    assert_string_equal(err.sqlstate, "42000");
    char want[1024];
    snprintf(want, sizeof(want), "%s%s", PREFIX, tail);
    assert_string_equal(err.msg, want);
}

static void test_corpus_roundtrip(void **state)
{
    (void)state;
    int n = roundtrip_corpus();
    print_message("corpus statements: %d\n", n);
    assert_true(n >= 600);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    expect_error("select * fromm t", "line 1 column 14 near \"fromm t\" ");
    expect_error("select * from", "line 1 column 13 near \"\" ");
    expect_error("selec 1", "line 1 column 5 near \"selec 1\" ");
    expect_error("select 1 +", "line 1 column 10 near \"\" ");
    expect_error("select a from t where", "line 1 column 21 near \"\" ");
    expect_error("select *\nfromm t", "line 2 column 6 near \"fromm t\" ");
    expect_error("select 1;\nselect * from t wher a = 1", "line 2 column 23 near \"a = 1\" ");
    expect_error("create table t (a int,)", "line 1 column 23 near \")\" ");
    expect_error("insert into t values (1", "line 1 column 23 near \"\" ");
    expect_error("select 'abc", "line 1 column 11 near \"'abc\" ");
    expect_error("select /* unterminated", "line 1 column 22 near \"/* unterminated\" ");
    expect_error("select `a", "line 1 column 9 near \"`a\" ");
    expect_error("select x'1g'", "line 1 column 12 near \"x'1g'\" ");
    expect_error("select 1 from t limit", "line 1 column 21 near \"\" ");
    expect_error("select 'é', from t", "line 1 column 16 near \"from t\" ");
    expect_error("alter table t set tiflash replica", "line 1 column 33 near \"\" ");
    expect_error("alter table t set tiflash replica 1 location labels",
                 "line 1 column 51 near \"\" ");
    expect_error("select select", "line 1 column 13 near \"select\" ");
}

static void test_near_text_is_cut(void **state)
{
    (void)state;
    char text[4000];
    memcpy(text, "select * fromm ", 15);
    memset(text + 15, 'x', 3000);
    text[3015] = 0;
    duet_err_t err;
    unsigned n;
    assert_null(restore_all(text, strlen(text), 0, &n, &err));
    assert_int_equal(err.code, 1064);
    /* the message buffer holds 511 bytes of TiDB's text */
    assert_int_equal(strlen(err.msg), DUET_ERRMSG_SIZE - 1);
    assert_non_null(strstr(err.msg, "line 1 column 14 near \"fromm xxxx"));
}

static void test_limits(void **state)
{
    (void)state;
    /* 10000 nested parentheses: an error, never a crash */
    size_t depth = 10000;
    char *s = duet_malloc(depth * 2 + 16);
    size_t p = 0;
    memcpy(s, "select ", 7);
    p = 7;
    for (size_t i = 0; i < depth; i++)
        s[p++] = '(';
    s[p++] = '1';
    for (size_t i = 0; i < depth; i++)
        s[p++] = ')';
    s[p] = 0;
    duet_err_t err;
    unsigned n;
    assert_null(restore_all(s, p, 0, &n, &err));
    assert_int_equal(err.code, 1064);
    /* the 4001st '(' is one too many */
    assert_true(strncmp(err.msg, PREFIX "line 1 column 4008 near \"(((", strlen(PREFIX) + 28) == 0);
    duet_free(s);

    /* a 20000-term OR chain is deeper than the limit */
    duet_buf_t b = DUET_BUF_INIT;
    duet_buf_puts(&b, "select 1 from t where a = 0");
    for (int i = 1; i < 20000; i++)
        duet_buf_printf(&b, " or a = %d", i);
    assert_null(restore_all(b.data, b.len, 0, &n, &err));
    assert_int_equal(err.code, 1064);
    duet_buf_free(&b);

    /* 1000 ORs are fine */
    duet_buf_puts(&b, "select 1 from t where a = 0");
    for (int i = 1; i < 1000; i++)
        duet_buf_printf(&b, " or a = %d", i);
    char *r = restore_all(b.data, b.len, 0, &n, &err);
    assert_non_null(r);
    duet_free(r);
    duet_buf_free(&b);

    /* too long for the caller's limit: 1153 */
    duet_arena_t *a = duet_arena_create(0);
    sql_stmt_list_t *l;
    sql_parse_opts_t o = {0, 8};
    assert_int_equal(sql_parse(a, "select 1 from t", 15, &o, &l, &err), -1);
    assert_int_equal(err.code, 1153);
    assert_null(l);
    duet_arena_destroy(a);
}

static void test_lexical(void **state)
{
    (void)state;
    expect_restore("SELECT 1, 1.5, 1e3, .5, 1.5E-3, 0x1F, X'0a', b'101', 0b11, _utf8mb4'x', N'y'",
                   0,
                   "SELECT 1, 1.5, 1e3, .5, 1.5E-3, X'1F', X'0a', b'101', b'11', _utf8mb4'x', "
                   "N'y'");
    expect_restore("select 'a''b', \"c\\\"d\", 'e\\nf', 'g' 'h'", 0,
                   "SELECT 'a''b', 'c\"d', 'e\\nf', 'gh'");
    expect_restore("select 'a\\nb'", SQL_PARSE_NO_BACKSLASH_ESCAPES, "SELECT 'a\\\\nb'");
    expect_restore("select \"a\" from \"t\"", SQL_PARSE_ANSI_QUOTES, "SELECT `a` FROM `t`");
    expect_restore("select a || b from t", 0, "SELECT `a` OR `b` FROM `t`");
    expect_restore("select a || b from t", SQL_PARSE_PIPES_AS_CONCAT,
                   "SELECT CONCAT(`a`, `b`) FROM `t`");
    expect_restore("select not a = b from t", 0, "SELECT NOT (`a` = `b`) FROM `t`");
    expect_restore("select not a = b from t", SQL_PARSE_HIGH_NOT_PRECEDENCE,
                   "SELECT (!`a`) = `b` FROM `t`");
    expect_restore("select date '2020-01-01', time '10:00:00', timestamp '2020-01-01 00:00:00'", 0,
                   "SELECT DATE '2020-01-01', TIME '10:00:00', TIMESTAMP '2020-01-01 00:00:00'");
    expect_restore("select @a, @`b c`, @'d', @@autocommit, @@session.sql_mode, @@GLOBAL.x, ?", 0,
                   "SELECT @`a`, @`b c`, @`d`, @@autocommit, @@SESSION.sql_mode, @@GLOBAL.x, ?");
    expect_restore("select 1 # comment\n + 2 -- another\n, 3 /* block */", 0, "SELECT 1 + 2, 3");
    expect_restore("select /*! STRAIGHT_JOIN */ a from t /*!50100 where a = 1 */", 0,
                   "SELECT STRAIGHT_JOIN `a` FROM `t` WHERE `a` = 1");
    expect_restore("create table t (a bigint primary key /*T![clustered_index] CLUSTERED */)", 0,
                   "CREATE TABLE `t` (`a` BIGINT PRIMARY KEY CLUSTERED)");
    expect_restore("select status, engine, labels, replica, `select` from t.date", 0,
                   "SELECT `status`, `engine`, `labels`, `replica`, `select` FROM `t`.`date`");
    expect_restore("select date, time, timestamp from t where date > 1", 0,
                   "SELECT `date`, `time`, `timestamp` FROM `t` WHERE `date` > 1");
    expect_restore("SeLeCt A FrOm `T``x`", 0, "SELECT `A` FROM `T``x`");
    expect_restore("select 1--1", 0, "SELECT 1 - (-1)");
    expect_restore("select 18446744073709551616, 18446744073709551615", 0,
                   "SELECT 18446744073709551616, 18446744073709551615");
}

static void test_restore_forms(void **state)
{
    (void)state;
    expect_restore("select a+b*c, (a+b)*c, a-b-c, a-(b-c) from t", 0,
                   "SELECT `a` + (`b` * `c`), (`a` + `b`) * `c`, (`a` - `b`) - `c`, `a` - (`b` - "
                   "`c`) FROM `t`");
    expect_restore("select * from t1 left join t2 using (a) join t3 on t3.b = t2.b, t4", 0,
                   "SELECT * FROM `t1` LEFT JOIN `t2` USING (`a`) JOIN `t3` ON `t3`.`b` = "
                   "`t2`.`b`, `t4`");
    expect_restore("(select 1) union all (select 2) order by 1 limit 2, 3", 0,
                   "(SELECT 1) UNION ALL (SELECT 2) ORDER BY 1 LIMIT 2,3");
    expect_restore("select 1 union select 2 intersect select 3", 0,
                   "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
    expect_restore("with recursive c (n) as (select 1 union all select n + 1 from c where n < 5) "
                   "select * from c",
                   0,
                   "WITH RECURSIVE `c` (`n`) AS (SELECT 1 UNION ALL SELECT `n` + 1 FROM `c` "
                   "WHERE `n` < 5) SELECT * FROM `c`");
    expect_restore("select sum(a) over (partition by b order by c rows between unbounded preceding "
                   "and current row) from t",
                   0,
                   "SELECT SUM(`a`) OVER (PARTITION BY `b` ORDER BY `c` ROWS BETWEEN UNBOUNDED "
                   "PRECEDING AND CURRENT ROW) FROM `t`");
    expect_restore("select group_concat(distinct a order by b desc separator ';'), count(*), "
                   "count(distinct a, b) from t",
                   0,
                   "SELECT GROUP_CONCAT(DISTINCT `a` ORDER BY `b` DESC SEPARATOR ';'), COUNT(*), "
                   "COUNT(DISTINCT `a`, `b`) FROM `t`");
    expect_restore(
        "select trim(leading 'x' from a), substring(a from 2 for 3), position('a' in b), "
        "extract(year_month from d), date_add(d, interval 1 day)",
        0,
        "SELECT TRIM(LEADING 'x' FROM `a`), SUBSTRING(`a` FROM 2 FOR 3), POSITION('a' "
        "IN `b`), EXTRACT(YEAR_MONTH FROM `d`), DATE_ADD(`d`, INTERVAL 1 DAY)");
    expect_restore("select current_timestamp, current_timestamp(), now(6)", 0,
                   "SELECT CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(), NOW(6)");
    expect_restore("select a from t for update nowait", 0, "SELECT `a` FROM `t` FOR UPDATE NOWAIT");
    expect_restore("select a from t lock in share mode", 0,
                   "SELECT `a` FROM `t` LOCK IN SHARE MODE");
    expect_restore("select a from t partition (p0, p1) as x use index (i1) ignore key for join ()",
                   0,
                   "SELECT `a` FROM `t` PARTITION (`p0`, `p1`) AS `x` USE INDEX (`i1`) IGNORE KEY "
                   "FOR JOIN ()");
    expect_restore("ALTER TABLE t SET TIFLASH REPLICA 2 LOCATION LABELS 'a', \"b\"", 0,
                   "ALTER TABLE `t` SET TIFLASH REPLICA 2 LOCATION LABELS 'a', 'b'");
    expect_restore("alter database d set tiflash replica 1", 0,
                   "ALTER DATABASE `d` SET TIFLASH REPLICA 1");
    expect_restore("insert into t (a, b) values (1, default), (2, 3) on duplicate key update b = "
                   "values(b)",
                   0,
                   "INSERT INTO `t` (`a`, `b`) VALUES (1, DEFAULT), (2, 3) ON DUPLICATE KEY UPDATE "
                   "`b` = VALUES(`b`)");
    expect_restore("explain analyze format = 'brief' select 1", 0,
                   "EXPLAIN ANALYZE FORMAT = 'brief' SELECT 1");
    expect_restore("set names utf8mb4 collate utf8mb4_bin, @@session.autocommit = 1, global x = "
                   "on, @u := 2",
                   0,
                   "SET NAMES `utf8mb4` COLLATE `utf8mb4_bin`, @@SESSION.autocommit = 1, GLOBAL "
                   "`x` = ON, @`u` = 2");
}

static void test_statement_list(void **state)
{
    (void)state;
    const char *text = "  select 1 ;; update t set a = ? where b = ?;  ";
    duet_arena_t *a = duet_arena_create(0);
    sql_stmt_list_t *l;
    duet_err_t err;
    assert_int_equal(sql_parse(a, text, strlen(text), NULL, &l, &err), 0);
    assert_int_equal(l->n, 2);
    assert_int_equal(l->stmts[0]->kind, SQL_STMT_SELECT);
    assert_int_equal(l->stmts[0]->text_pos, 2);
    assert_int_equal(l->stmts[0]->text_len, 8);
    assert_int_equal(l->stmts[1]->kind, SQL_STMT_UPDATE);
    assert_int_equal(l->stmts[1]->param_count, 2);
    assert_memory_equal(text + l->stmts[1]->text_pos, "update t set a = ? where b = ?", 30);
    assert_int_equal(l->stmts[1]->text_len, 30);
    assert_int_equal(sql_parse(a, " -- only a comment\n", 19, NULL, &l, &err), 0);
    assert_int_equal(l->n, 0);
    duet_arena_destroy(a);
}

static void test_ast_shape(void **state)
{
    (void)state;
    const char *text = "select /*+ READ_FROM_STORAGE(TIFLASH[t1]) unknown_hint() */ a.b AS x, "
                       "count(*) from db.t1 as a where a.c in (1, 2) and d is not null";
    duet_arena_t *a = duet_arena_create(0);
    sql_stmt_list_t *l;
    duet_err_t err;
    assert_int_equal(sql_parse(a, text, strlen(text), NULL, &l, &err), 0);
    sql_select_t *s = l->stmts[0]->u.select;
    assert_non_null(s->hints);
    assert_int_equal(s->hints->n, 1);
    assert_int_equal(s->hints->items[0].kind, HINT_READ_FROM_STORAGE);
    assert_int_equal(s->hints->items[0].pos, 11);
    assert_int_equal(l->nwarnings, 1);
    assert_int_equal(l->warnings[0].code, 8061);
    assert_string_equal(l->warnings[0].msg,
                        "Optimizer hint unknown_hint is not supported by TiDB and is ignored");
    sql_field_t *f = s->fields.v[0];
    assert_int_equal(f->expr->kind, SQL_E_COLUMN);
    assert_string_equal(f->expr->u.col.tbl.s, "a");
    assert_string_equal(f->alias.s, "x");
    assert_int_equal(f->pos, 60);
    assert_int_equal(s->from->kind, SQL_TR_TABLE);
    assert_string_equal(s->from->name.db.s, "db");
    assert_string_equal(s->from->alias.s, "a");
    assert_int_equal(s->where->kind, SQL_E_BINARY);
    assert_int_equal(s->where->op, SQL_OP_AND);
    assert_int_equal(s->where->u.bin.l->kind, SQL_E_IN);
    assert_int_equal(s->where->u.bin.r->kind, SQL_E_IS);
    assert_true(s->where->u.bin.r->neg);
    duet_arena_destroy(a);
}

static sql_stmt_t *parse_one(duet_arena_t *a, const char *text)
{
    sql_stmt_list_t *l;
    duet_err_t err;
    if (sql_parse(a, text, strlen(text), NULL, &l, &err) != 0)
        fail_msg("parse failed: %s", err.msg);
    assert_int_equal(l->n, 1);
    return l->stmts[0];
}

static void test_ast_ddl_dml(void **state)
{
    (void)state;
    duet_arena_t *a = duet_arena_create(0);
    sql_stmt_t *s =
        parse_one(a, "ALTER TABLE db.t SET TIFLASH REPLICA 2 LOCATION LABELS 'zone', 'rack'");
    assert_int_equal(s->kind, SQL_STMT_ALTER_TABLE);
    assert_string_equal(s->u.alter_table->table.db.s, "db");
    assert_string_equal(s->u.alter_table->table.name.s, "t");
    assert_int_equal(s->u.alter_table->specs.n, 1);
    sql_alter_spec_t *sp = s->u.alter_table->specs.v[0];
    assert_int_equal(sp->kind, SQL_AT_SET_TIFLASH_REPLICA);
    assert_int_equal(sp->count, 2);
    assert_true(sp->has_labels);
    assert_int_equal(sp->labels.n, 2);
    assert_string_equal(((sql_lit_t *)sp->labels.v[1])->text, "rack");

    s = parse_one(a, "ALTER DATABASE d SET TIFLASH REPLICA 0");
    assert_int_equal(s->kind, SQL_STMT_ALTER_DATABASE);
    assert_true(s->u.database->set_tiflash);
    assert_int_equal(s->u.database->count, 0);
    assert_false(s->u.database->has_labels);

    s = parse_one(a, "create table t (id bigint unsigned not null auto_increment, "
                     "c varchar(20) character set utf8mb4 collate utf8mb4_bin default 'x', "
                     "primary key (id) clustered, key k (c(5) desc)) engine=InnoDB "
                     "partition by range (id) (partition p0 values less than (10), "
                     "partition p1 values less than maxvalue)");
    sql_create_table_t *ct = s->u.create_table;
    assert_int_equal(ct->cols.n, 2);
    sql_column_def_t *c0 = ct->cols.v[0], *c1 = ct->cols.v[1];
    assert_int_equal(c0->type->kind, SQL_T_BIGINT);
    assert_true(c0->type->is_unsigned);
    assert_int_equal(c0->opts.n, 2);
    assert_int_equal(((sql_col_opt_t *)c0->opts.v[1])->kind, SQL_CO_AUTO_INCREMENT);
    assert_int_equal(c1->type->kind, SQL_T_VARCHAR);
    assert_int_equal(c1->type->len, 20);
    assert_string_equal(c1->type->charset.s, "utf8mb4");
    assert_int_equal(((sql_col_opt_t *)c1->opts.v[0])->kind, SQL_CO_COLLATE);
    assert_int_equal(ct->constraints.n, 2);
    sql_constraint_t *pk = ct->constraints.v[0], *k = ct->constraints.v[1];
    assert_int_equal(pk->kind, SQL_CONS_PRIMARY);
    assert_int_equal(((sql_index_opt_t *)pk->opts.v[0])->kind, 6);
    assert_int_equal(k->kind, SQL_CONS_INDEX);
    assert_int_equal(((sql_key_part_t *)k->parts.v[0])->len, 5);
    assert_int_equal(((sql_key_part_t *)k->parts.v[0])->order, 2);
    assert_int_equal(((sql_table_opt_t *)ct->opts.v[0])->kind, SQL_TO_ENGINE);
    assert_int_equal(ct->partition->kind, SQL_PART_RANGE);
    assert_int_equal(ct->partition->defs.n, 2);
    assert_true(((sql_part_def_t *)ct->partition->defs.v[1])->maxvalue);

    s = parse_one(a, "insert ignore into t (a, b) values (1, ?), (2, ?) on duplicate key update "
                     "b = values(b)");
    sql_insert_t *in = s->u.insert;
    assert_true(in->ignore);
    assert_int_equal(in->columns.n, 2);
    assert_int_equal(in->rows.n, 2);
    assert_int_equal(((sql_list_t *)in->rows.v[1])->n, 2);
    assert_int_equal(in->on_dup.n, 1);
    assert_int_equal(((sql_assign_t *)in->on_dup.v[0])->value->kind, SQL_E_VALUES);
    assert_int_equal(s->param_count, 2);

    s = parse_one(a, "delete t1 from t1 join t2 on t1.id = t2.id where t2.x = 1");
    assert_int_equal(s->u.del->form, 1);
    assert_int_equal(s->u.del->targets.n, 1);
    assert_int_equal(s->u.del->tables->kind, SQL_TR_JOIN);
    assert_int_equal(s->u.del->tables->join, SQL_JOIN_INNER);

    s = parse_one(a, "set global tidb_isolation_read_engines = 'tiflash', @@session.x = 1, @u = 2");
    sql_set_item_t *i0 = s->u.set->items.v[0], *i1 = s->u.set->items.v[1],
                   *i2 = s->u.set->items.v[2];
    assert_int_equal(i0->var->u.var.scope, SQL_VAR_GLOBAL);
    assert_string_equal(i0->var->u.var.name.s, "tidb_isolation_read_engines");
    assert_int_equal(i1->var->u.var.scope, SQL_VAR_SESSION);
    assert_int_equal(i2->var->u.var.scope, SQL_VAR_USER);

    s = parse_one(a, "explain analyze format = 'brief' select 1");
    assert_true(s->u.explain->analyze);
    assert_string_equal(s->u.explain->format->text, "brief");
    assert_int_equal(s->u.explain->stmt->kind, SQL_STMT_SELECT);

    s = parse_one(a, "show full columns from t from db like 'a%'");
    assert_int_equal(s->u.show->kind, SQL_SHOW_COLUMNS);
    assert_true(s->u.show->full);
    assert_string_equal(s->u.show->db.s, "db");
    assert_string_equal(s->u.show->like->text, "a%");

    const char *v = "create view v as  select a from t";
    s = parse_one(a, v);
    assert_int_equal(s->u.create_view->select_pos, 18);
    assert_int_equal(s->u.create_view->select_end, strlen(v));
    duet_arena_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_roundtrip), cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_near_text_is_cut), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_lexical),          cmocka_unit_test(test_restore_forms),
        cmocka_unit_test(test_statement_list),   cmocka_unit_test(test_ast_shape),
        cmocka_unit_test(test_ast_ddl_dml),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sql_parse_thread_cleanup();
    return rc;
}
