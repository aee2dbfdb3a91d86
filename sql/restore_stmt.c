/* restore_stmt.c - prints DDL, session and administration statements back to canonical SQL. */
#include <string.h>

#include "sql/parser.h"
#include "sql/restore_int.h"

static void put_str_lit(duet_buf_t *b, const sql_lit_t *l)
{
    sql_put_string(b, l->text, l->len);
}

static void put_names(duet_buf_t *b, const sql_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(b, ", ");
        sql_put_name(b, l->v[i]);
    }
}

static void put_key_parts(duet_buf_t *b, const sql_list_t *l)
{
    duet_buf_putc(b, '(');
    for (uint32_t i = 0; i < l->n; i++) {
        const sql_key_part_t *k = l->v[i];
        if (i)
            duet_buf_puts(b, ", ");
        if (k->expr) {
            duet_buf_putc(b, '(');
            sql_restore_expr(b, k->expr);
            duet_buf_putc(b, ')');
        } else {
            sql_put_ident(b, &k->col);
            if (k->len >= 0)
                duet_buf_printf(b, "(%d)", k->len);
        }
        if (k->order == 1)
            duet_buf_puts(b, " ASC");
        else if (k->order == 2)
            duet_buf_puts(b, " DESC");
    }
    duet_buf_putc(b, ')');
}

static void put_index_opts(duet_buf_t *b, const sql_list_t *l)
{
    static const char *const words[] = {
        "", "", "", "", "VISIBLE", "INVISIBLE", "CLUSTERED", "NONCLUSTERED", "", "GLOBAL", "LOCAL"};
    for (uint32_t i = 0; i < l->n; i++) {
        const sql_index_opt_t *o = l->v[i];
        duet_buf_putc(b, ' ');
        switch (o->kind) {
        case 1:
            duet_buf_puts(b, "USING ");
            duet_buf_append(b, o->ident.s, o->ident.len);
            break;
        case 2:
            duet_buf_puts(b, "COMMENT ");
            put_str_lit(b, o->str);
            break;
        case 3:
            duet_buf_printf(b, "KEY_BLOCK_SIZE = %llu", (unsigned long long)o->num);
            break;
        default:
            duet_buf_puts(b, words[o->kind % 11]);
            break;
        }
    }
}

static void put_upper(duet_buf_t *b, const sql_ident_t *id)
{
    for (uint32_t i = 0; i < id->len; i++) {
        char c = id->s[i];
        duet_buf_putc(b, (c >= 'a' && c <= 'z') ? (char)(c - 32) : c);
    }
}

static void put_fk(duet_buf_t *b, const sql_fk_ref_t *r)
{
    static const char *const acts[] = {"",         "RESTRICT",  "CASCADE",
                                       "SET NULL", "NO ACTION", "SET DEFAULT"};
    duet_buf_puts(b, "REFERENCES ");
    sql_put_name(b, &r->table);
    duet_buf_putc(b, ' ');
    put_key_parts(b, &r->cols);
    if (r->match == 1)
        duet_buf_puts(b, " MATCH FULL");
    else if (r->match == 3)
        duet_buf_puts(b, " MATCH SIMPLE");
    if (r->on_delete) {
        duet_buf_puts(b, " ON DELETE ");
        duet_buf_puts(b, acts[r->on_delete % 6]);
    }
    if (r->on_update) {
        duet_buf_puts(b, " ON UPDATE ");
        duet_buf_puts(b, acts[r->on_update % 6]);
    }
}

static void put_col_opt(duet_buf_t *b, const sql_col_opt_t *o)
{
    duet_buf_putc(b, ' ');
    switch (o->kind) {
    case SQL_CO_NULL:
        duet_buf_puts(b, "NULL");
        break;
    case SQL_CO_NOT_NULL:
        duet_buf_puts(b, "NOT NULL");
        break;
    case SQL_CO_DEFAULT:
    case SQL_CO_ON_UPDATE:
        duet_buf_puts(b, o->kind == SQL_CO_DEFAULT ? "DEFAULT " : "ON UPDATE ");
        if (o->expr->kind == SQL_E_LIT || o->expr->kind == SQL_E_FUNC ||
            o->expr->kind == SQL_E_COLUMN) {
            sql_restore_expr(b, o->expr);
        } else {
            duet_buf_putc(b, '(');
            sql_restore_expr(b, o->expr);
            duet_buf_putc(b, ')');
        }
        break;
    case SQL_CO_AUTO_INCREMENT:
        duet_buf_puts(b, "AUTO_INCREMENT");
        break;
    case SQL_CO_AUTO_RANDOM:
        duet_buf_puts(b, "AUTO_RANDOM");
        if (o->num >= 0 && o->num2 >= 0)
            duet_buf_printf(b, "(%lld, %lld)", (long long)o->num, (long long)o->num2);
        else if (o->num >= 0)
            duet_buf_printf(b, "(%lld)", (long long)o->num);
        break;
    case SQL_CO_PRIMARY_KEY:
        duet_buf_puts(b, "PRIMARY KEY");
        if (o->flag == 1)
            duet_buf_puts(b, " CLUSTERED");
        else if (o->flag == 2)
            duet_buf_puts(b, " NONCLUSTERED");
        break;
    case SQL_CO_UNIQUE:
        duet_buf_puts(b, "UNIQUE KEY");
        break;
    case SQL_CO_COMMENT:
        duet_buf_puts(b, "COMMENT ");
        put_str_lit(b, o->str);
        break;
    case SQL_CO_COLLATE:
        duet_buf_puts(b, "COLLATE ");
        sql_put_ident(b, &o->ident);
        break;
    case SQL_CO_GENERATED:
        duet_buf_puts(b, "GENERATED ALWAYS AS (");
        sql_restore_expr(b, o->expr);
        duet_buf_putc(b, ')');
        if (o->flag == 1)
            duet_buf_puts(b, " VIRTUAL");
        else if (o->flag == 2)
            duet_buf_puts(b, " STORED");
        break;
    case SQL_CO_CHECK:
        duet_buf_puts(b, "CHECK (");
        sql_restore_expr(b, o->expr);
        duet_buf_putc(b, ')');
        if (o->flag == 1)
            duet_buf_puts(b, " ENFORCED");
        break;
    case SQL_CO_REFERENCES:
        put_fk(b, o->ref);
        break;
    case SQL_CO_COLUMN_FORMAT:
        duet_buf_puts(b, "COLUMN_FORMAT ");
        put_upper(b, &o->ident);
        break;
    case SQL_CO_STORAGE:
        duet_buf_puts(b, "STORAGE ");
        put_upper(b, &o->ident);
        break;
    case SQL_CO_SERIAL_DEFAULT_VALUE:
        duet_buf_puts(b, "SERIAL DEFAULT VALUE");
        break;
    }
}

static void put_column_def(duet_buf_t *b, const sql_column_def_t *c)
{
    sql_put_ident(b, &c->name);
    duet_buf_putc(b, ' ');
    sql_put_type(b, c->type);
    for (uint32_t i = 0; i < c->opts.n; i++)
        put_col_opt(b, c->opts.v[i]);
}

static void put_constraint(duet_buf_t *b, const sql_constraint_t *c)
{
    if (c->has_constraint_kw) {
        duet_buf_puts(b, "CONSTRAINT ");
        if (c->symbol.len) {
            sql_put_ident(b, &c->symbol);
            duet_buf_putc(b, ' ');
        }
    }
    switch (c->kind) {
    case SQL_CONS_PRIMARY:
        duet_buf_puts(b, "PRIMARY KEY");
        break;
    case SQL_CONS_UNIQUE:
        duet_buf_puts(b, "UNIQUE KEY");
        break;
    case SQL_CONS_INDEX:
        duet_buf_puts(b, c->key_word ? "KEY" : "INDEX");
        if (c->if_not_exists)
            duet_buf_puts(b, " IF NOT EXISTS");
        break;
    case SQL_CONS_FULLTEXT:
        duet_buf_puts(b, "FULLTEXT KEY");
        break;
    case SQL_CONS_FOREIGN:
        duet_buf_puts(b, "FOREIGN KEY");
        break;
    case SQL_CONS_CHECK:
        duet_buf_puts(b, "CHECK (");
        sql_restore_expr(b, c->check);
        duet_buf_putc(b, ')');
        if (c->enforced == 1)
            duet_buf_puts(b, " ENFORCED");
        else if (c->enforced == 2)
            duet_buf_puts(b, " NOT ENFORCED");
        return;
    }
    if (c->name.len) {
        duet_buf_putc(b, ' ');
        sql_put_ident(b, &c->name);
    }
    if (c->using_type.len) {
        duet_buf_puts(b, " USING ");
        put_upper(b, &c->using_type);
    }
    duet_buf_putc(b, ' ');
    put_key_parts(b, &c->parts);
    put_index_opts(b, &c->opts);
    if (c->ref) {
        duet_buf_putc(b, ' ');
        put_fk(b, c->ref);
    }
}

static void put_table_opt(duet_buf_t *b, const sql_table_opt_t *o)
{
    static const char *const names[] = {
        [SQL_TO_ENGINE] = "ENGINE",
        [SQL_TO_CHARSET] = "DEFAULT CHARSET",
        [SQL_TO_COLLATE] = "DEFAULT COLLATE",
        [SQL_TO_AUTO_INCREMENT] = "AUTO_INCREMENT",
        [SQL_TO_AUTO_ID_CACHE] = "AUTO_ID_CACHE",
        [SQL_TO_AUTO_RANDOM_BASE] = "AUTO_RANDOM_BASE",
        [SQL_TO_COMMENT] = "COMMENT",
        [SQL_TO_ROW_FORMAT] = "ROW_FORMAT",
        [SQL_TO_KEY_BLOCK_SIZE] = "KEY_BLOCK_SIZE",
        [SQL_TO_AVG_ROW_LENGTH] = "AVG_ROW_LENGTH",
        [SQL_TO_CHECKSUM] = "CHECKSUM",
        [SQL_TO_COMPRESSION] = "COMPRESSION",
        [SQL_TO_CONNECTION] = "CONNECTION",
        [SQL_TO_PASSWORD] = "PASSWORD",
        [SQL_TO_DELAY_KEY_WRITE] = "DELAY_KEY_WRITE",
        [SQL_TO_MAX_ROWS] = "MAX_ROWS",
        [SQL_TO_MIN_ROWS] = "MIN_ROWS",
        [SQL_TO_PACK_KEYS] = "PACK_KEYS",
        [SQL_TO_STATS_PERSISTENT] = "STATS_PERSISTENT",
        [SQL_TO_SHARD_ROW_ID_BITS] = "SHARD_ROW_ID_BITS",
        [SQL_TO_PRE_SPLIT_REGIONS] = "PRE_SPLIT_REGIONS",
        [SQL_TO_ENCRYPTION] = "ENCRYPTION",
        [SQL_TO_TABLESPACE] = "TABLESPACE",
        [SQL_TO_UNION] = "UNION",
        [SQL_TO_INSERT_METHOD] = "INSERT_METHOD",
    };
    duet_buf_puts(b, names[o->kind]);
    duet_buf_puts(b, "=");
    if (o->str)
        put_str_lit(b, o->str);
    else if (o->ident.len)
        sql_put_ident(b, &o->ident);
    else
        duet_buf_printf(b, "%llu", (unsigned long long)o->num);
}

static void put_part_def(duet_buf_t *b, const sql_part_def_t *d)
{
    duet_buf_puts(b, "PARTITION ");
    sql_put_ident(b, &d->name);
    if (d->values == 1) {
        duet_buf_puts(b, " VALUES LESS THAN ");
        if (d->maxvalue) {
            duet_buf_puts(b, "MAXVALUE");
        } else {
            duet_buf_putc(b, '(');
            sql_put_exprs(b, &d->exprs);
            duet_buf_putc(b, ')');
        }
    } else if (d->values == 2) {
        duet_buf_puts(b, " VALUES IN (");
        sql_put_exprs(b, &d->exprs);
        duet_buf_putc(b, ')');
    }
    for (uint32_t i = 0; i < d->opts.n; i++) {
        duet_buf_putc(b, ' ');
        put_table_opt(b, d->opts.v[i]);
    }
}

static void put_part_defs(duet_buf_t *b, const sql_list_t *l)
{
    duet_buf_putc(b, '(');
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(b, ", ");
        put_part_def(b, l->v[i]);
    }
    duet_buf_putc(b, ')');
}

static void put_partition(duet_buf_t *b, const sql_partition_t *p)
{
    duet_buf_puts(b, " PARTITION BY ");
    if (p->linear)
        duet_buf_puts(b, "LINEAR ");
    switch (p->kind) {
    case SQL_PART_RANGE:
        duet_buf_puts(b, "RANGE");
        break;
    case SQL_PART_LIST:
        duet_buf_puts(b, "LIST");
        break;
    case SQL_PART_HASH:
        duet_buf_puts(b, "HASH");
        break;
    case SQL_PART_KEY:
        duet_buf_puts(b, "KEY");
        break;
    }
    if (p->columns)
        duet_buf_puts(b, " COLUMNS");
    duet_buf_puts(b, " (");
    if (p->expr)
        sql_restore_expr(b, p->expr);
    else
        sql_put_idents(b, &p->cols);
    duet_buf_putc(b, ')');
    if (p->num)
        duet_buf_printf(b, " PARTITIONS %llu", (unsigned long long)p->num);
    if (p->defs.n) {
        duet_buf_putc(b, ' ');
        put_part_defs(b, &p->defs);
    }
}

static void put_labels(duet_buf_t *b, bool has, const sql_list_t *l)
{
    if (!has)
        return;
    duet_buf_puts(b, " LOCATION LABELS ");
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(b, ", ");
        put_str_lit(b, l->v[i]);
    }
}

static void put_create_table(duet_buf_t *b, const sql_create_table_t *t)
{
    duet_buf_puts(b, t->temporary ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ");
    if (t->if_not_exists)
        duet_buf_puts(b, "IF NOT EXISTS ");
    sql_put_name(b, &t->table);
    if (t->is_like) {
        duet_buf_puts(b, " LIKE ");
        sql_put_name(b, &t->like);
        return;
    }
    if (t->has_elements) {
        duet_buf_puts(b, " (");
        uint32_t n = 0;
        for (uint32_t i = 0; i < t->cols.n; i++, n++) {
            if (n)
                duet_buf_puts(b, ", ");
            put_column_def(b, t->cols.v[i]);
        }
        for (uint32_t i = 0; i < t->constraints.n; i++, n++) {
            if (n)
                duet_buf_puts(b, ", ");
            put_constraint(b, t->constraints.v[i]);
        }
        duet_buf_putc(b, ')');
    }
    for (uint32_t i = 0; i < t->opts.n; i++) {
        duet_buf_putc(b, ' ');
        put_table_opt(b, t->opts.v[i]);
    }
    if (t->partition)
        put_partition(b, t->partition);
    if (t->select) {
        if (t->dup == 1)
            duet_buf_puts(b, " IGNORE");
        else if (t->dup == 2)
            duet_buf_puts(b, " REPLACE");
        duet_buf_puts(b, " AS ");
        sql_restore_select(b, t->select);
    }
}

static void put_col_position(duet_buf_t *b, const sql_alter_spec_t *s)
{
    if (s->position == 1) {
        duet_buf_puts(b, " FIRST");
    } else if (s->position == 2) {
        duet_buf_puts(b, " AFTER ");
        sql_put_ident(b, &s->name2);
    }
}

static void put_alter_spec(duet_buf_t *b, const sql_alter_spec_t *s)
{
    switch (s->kind) {
    case SQL_AT_ADD_COLUMN:
        duet_buf_puts(b, "ADD COLUMN ");
        if (s->parens) {
            duet_buf_putc(b, '(');
            for (uint32_t i = 0; i < s->cols.n; i++) {
                if (i)
                    duet_buf_puts(b, ", ");
                put_column_def(b, s->cols.v[i]);
            }
            duet_buf_putc(b, ')');
        } else {
            put_column_def(b, s->cols.v[0]);
            put_col_position(b, s);
        }
        break;
    case SQL_AT_ADD_CONSTRAINT:
        duet_buf_puts(b, "ADD ");
        put_constraint(b, s->cons);
        break;
    case SQL_AT_DROP_COLUMN:
        duet_buf_puts(b, s->if_exists ? "DROP COLUMN IF EXISTS " : "DROP COLUMN ");
        sql_put_ident(b, &s->name);
        break;
    case SQL_AT_DROP_INDEX:
        duet_buf_puts(b, s->if_exists ? "DROP INDEX IF EXISTS " : "DROP INDEX ");
        sql_put_ident(b, &s->name);
        break;
    case SQL_AT_DROP_PRIMARY_KEY:
        duet_buf_puts(b, "DROP PRIMARY KEY");
        break;
    case SQL_AT_DROP_FOREIGN_KEY:
        duet_buf_puts(b, "DROP FOREIGN KEY ");
        sql_put_ident(b, &s->name);
        break;
    case SQL_AT_DROP_CHECK:
        duet_buf_puts(b, "DROP CHECK ");
        sql_put_ident(b, &s->name);
        break;
    case SQL_AT_MODIFY_COLUMN:
        duet_buf_puts(b, "MODIFY COLUMN ");
        put_column_def(b, s->cols.v[0]);
        put_col_position(b, s);
        break;
    case SQL_AT_CHANGE_COLUMN:
        duet_buf_puts(b, "CHANGE COLUMN ");
        sql_put_ident(b, &s->name);
        duet_buf_putc(b, ' ');
        put_column_def(b, s->cols.v[0]);
        put_col_position(b, s);
        break;
    case SQL_AT_RENAME_COLUMN:
    case SQL_AT_RENAME_INDEX:
        duet_buf_puts(b, s->kind == SQL_AT_RENAME_COLUMN ? "RENAME COLUMN " : "RENAME INDEX ");
        sql_put_ident(b, &s->name);
        duet_buf_puts(b, " TO ");
        sql_put_ident(b, &s->new_name);
        break;
    case SQL_AT_RENAME_TABLE:
        duet_buf_puts(b, "RENAME AS ");
        sql_put_name(b, &s->new_table);
        break;
    case SQL_AT_ALTER_COLUMN_DEFAULT:
        duet_buf_puts(b, "ALTER COLUMN ");
        sql_put_ident(b, &s->name);
        if (s->expr) {
            duet_buf_puts(b, " SET DEFAULT ");
            if (s->expr->kind == SQL_E_LIT) {
                sql_restore_expr(b, s->expr);
            } else {
                duet_buf_putc(b, '(');
                sql_restore_expr(b, s->expr);
                duet_buf_putc(b, ')');
            }
        } else {
            duet_buf_puts(b, " DROP DEFAULT");
        }
        break;
    case SQL_AT_ALTER_INDEX_VISIBILITY:
        duet_buf_puts(b, "ALTER INDEX ");
        sql_put_ident(b, &s->name);
        duet_buf_puts(b, s->flag == 1 ? " VISIBLE" : " INVISIBLE");
        break;
    case SQL_AT_OPTION:
        for (uint32_t i = 0; i < s->opts.n; i++) {
            if (i)
                duet_buf_putc(b, ' ');
            put_table_opt(b, s->opts.v[i]);
        }
        break;
    case SQL_AT_SET_TIFLASH_REPLICA:
        duet_buf_printf(b, "SET TIFLASH REPLICA %llu", (unsigned long long)s->count);
        put_labels(b, s->has_labels, &s->labels);
        break;
    case SQL_AT_CONVERT_CHARSET:
        duet_buf_puts(b, "CONVERT TO CHARACTER SET ");
        sql_put_ident(b, &s->ident);
        if (s->has_ident2) {
            duet_buf_puts(b, " COLLATE ");
            sql_put_ident(b, &s->ident2);
        }
        break;
    case SQL_AT_ADD_PARTITION:
        if (s->part_defs.n) {
            duet_buf_puts(b, "ADD PARTITION ");
            put_part_defs(b, &s->part_defs);
        } else {
            duet_buf_printf(b, "ADD PARTITION PARTITIONS %llu", (unsigned long long)s->count);
        }
        break;
    case SQL_AT_DROP_PARTITION:
        duet_buf_puts(b, s->if_exists ? "DROP PARTITION IF EXISTS " : "DROP PARTITION ");
        sql_put_idents(b, &s->names);
        break;
    case SQL_AT_TRUNCATE_PARTITION:
        duet_buf_puts(b, "TRUNCATE PARTITION ");
        if (s->all)
            duet_buf_puts(b, "ALL");
        else
            sql_put_idents(b, &s->names);
        break;
    case SQL_AT_COALESCE_PARTITION:
        duet_buf_printf(b, "COALESCE PARTITION %llu", (unsigned long long)s->count);
        break;
    case SQL_AT_REORGANIZE_PARTITION:
        duet_buf_puts(b, "REORGANIZE PARTITION ");
        sql_put_idents(b, &s->names);
        duet_buf_puts(b, " INTO ");
        put_part_defs(b, &s->part_defs);
        break;
    case SQL_AT_EXCHANGE_PARTITION:
        duet_buf_puts(b, "EXCHANGE PARTITION ");
        sql_put_idents(b, &s->names);
        duet_buf_puts(b, " WITH TABLE ");
        sql_put_name(b, &s->new_table);
        break;
    case SQL_AT_REMOVE_PARTITIONING:
        duet_buf_puts(b, "REMOVE PARTITIONING");
        break;
    case SQL_AT_ALGORITHM:
    case SQL_AT_LOCK:
        duet_buf_puts(b, s->kind == SQL_AT_ALGORITHM ? "ALGORITHM = " : "LOCK = ");
        put_upper(b, &s->ident);
        break;
    case SQL_AT_FORCE:
        duet_buf_puts(b, "FORCE");
        break;
    case SQL_AT_ENABLE_KEYS:
        duet_buf_puts(b, "ENABLE KEYS");
        break;
    case SQL_AT_DISABLE_KEYS:
        duet_buf_puts(b, "DISABLE KEYS");
        break;
    case SQL_AT_ORDER_BY:
        duet_buf_puts(b, "ORDER BY ");
        sql_put_order(b, &s->order_by);
        break;
    default:
        break;
    }
}

static void put_db_opts(duet_buf_t *b, const sql_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        const sql_db_opt_t *o = l->v[i];
        if (o->kind == 1) {
            duet_buf_puts(b, " CHARACTER SET = ");
            sql_put_ident(b, &o->ident);
        } else if (o->kind == 2) {
            duet_buf_puts(b, " COLLATE = ");
            sql_put_ident(b, &o->ident);
        } else {
            duet_buf_puts(b, " ENCRYPTION = ");
            put_str_lit(b, o->str);
        }
    }
}

static void put_database(duet_buf_t *b, const sql_stmt_t *s)
{
    const sql_database_stmt_t *d = s->u.database;
    const char *verb = s->kind == SQL_STMT_CREATE_DATABASE ? "CREATE"
                       : s->kind == SQL_STMT_DROP_DATABASE ? "DROP"
                                                           : "ALTER";
    duet_buf_puts(b, verb);
    duet_buf_puts(b, " DATABASE");
    if (d->if_not_exists)
        duet_buf_puts(b, " IF NOT EXISTS");
    if (d->if_exists)
        duet_buf_puts(b, " IF EXISTS");
    if (d->name.len || d->name.quoted) {
        duet_buf_putc(b, ' ');
        sql_put_ident(b, &d->name);
    }
    put_db_opts(b, &d->opts);
    if (d->set_tiflash) {
        duet_buf_printf(b, " SET TIFLASH REPLICA %llu", (unsigned long long)d->count);
        put_labels(b, d->has_labels, &d->labels);
    }
}

void sql_put_user(duet_buf_t *b, const sql_user_t *u)
{
    if (u->current_user) {
        duet_buf_puts(b, "CURRENT_USER()");
        return;
    }
    sql_put_string(b, u->user.s, u->user.len);
    if (u->has_host) {
        duet_buf_putc(b, '@');
        sql_put_string(b, u->host.s, u->host.len);
    }
}

static void put_user_specs(duet_buf_t *b, const sql_list_t *l, bool auth)
{
    for (uint32_t i = 0; i < l->n; i++) {
        const sql_user_spec_t *u = l->v[i];
        if (i)
            duet_buf_puts(b, ", ");
        sql_put_user(b, &u->user);
        if (!auth)
            continue;
        if (u->auth == 1) {
            duet_buf_puts(b, u->password_kw ? " IDENTIFIED BY PASSWORD " : " IDENTIFIED BY ");
            put_str_lit(b, u->secret);
        } else if (u->auth == 2) {
            duet_buf_puts(b, " IDENTIFIED WITH ");
            sql_put_string(b, u->plugin.s, u->plugin.len);
            if (u->secret) {
                duet_buf_puts(b, u->as_hash ? " AS " : " BY ");
                put_str_lit(b, u->secret);
            }
        }
    }
}

static void put_user_stmt(duet_buf_t *b, const sql_stmt_t *s)
{
    static const char *const req[] = {"", " REQUIRE NONE", " REQUIRE SSL", " REQUIRE X509"};
    const sql_user_stmt_t *u = s->u.user;
    const char *what = u->is_role ? " ROLE" : " USER";
    const char *verb = s->kind == SQL_STMT_CREATE_USER  ? "CREATE"
                       : s->kind == SQL_STMT_ALTER_USER ? "ALTER"
                                                        : "DROP";
    duet_buf_puts(b, verb);
    duet_buf_puts(b, what);
    if (u->if_not_exists)
        duet_buf_puts(b, " IF NOT EXISTS");
    if (u->if_exists)
        duet_buf_puts(b, " IF EXISTS");
    duet_buf_putc(b, ' ');
    put_user_specs(b, &u->users, s->kind != SQL_STMT_DROP_USER && !u->is_role);
    duet_buf_puts(b, req[u->require & 3]);
    if (u->lock_account)
        duet_buf_puts(b, " ACCOUNT LOCK");
    if (u->unlock_account)
        duet_buf_puts(b, " ACCOUNT UNLOCK");
}

static void put_users(duet_buf_t *b, const sql_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        if (i)
            duet_buf_puts(b, ", ");
        sql_put_user(b, l->v[i]);
    }
}

static void put_roles(duet_buf_t *b, const sql_stmt_t *s)
{
    static const char *const modes[] = {"", "DEFAULT", "NONE", "ALL", "ALL EXCEPT "};
    duet_buf_puts(b, s->kind == SQL_STMT_SET_ROLE ? "SET ROLE " : "SET DEFAULT ROLE ");
    duet_buf_puts(b, modes[s->role_mode % 5]);
    if (s->u.roles)
        put_users(b, s->u.roles);
    if (s->kind == SQL_STMT_SET_DEFAULT_ROLE) {
        duet_buf_puts(b, " TO ");
        put_users(b, &s->role_users);
    }
}

static void put_grant(duet_buf_t *b, const sql_stmt_t *s)
{
    const sql_grant_t *g = s->u.grant;
    duet_buf_puts(b, g->revoke ? "REVOKE " : "GRANT ");
    if (g->is_role) {
        put_users(b, &g->roles);
        duet_buf_puts(b, g->revoke ? " FROM " : " TO ");
        put_user_specs(b, &g->users, false);
        return;
    }
    for (uint32_t i = 0; i < g->privs.n; i++) {
        const sql_priv_t *p = g->privs.v[i];
        if (i)
            duet_buf_puts(b, ", ");
        duet_buf_puts(b, p->name);
        if (p->cols.n) {
            duet_buf_puts(b, " (");
            sql_put_idents(b, &p->cols);
            duet_buf_putc(b, ')');
        }
    }
    duet_buf_puts(b, " ON ");
    if (g->object_type == 1)
        duet_buf_puts(b, "TABLE ");
    if (g->all_star) {
        duet_buf_putc(b, '*');
    } else if (g->db_star) {
        duet_buf_puts(b, "*.*");
    } else {
        if (g->db.len) {
            sql_put_ident(b, &g->db);
            duet_buf_putc(b, '.');
        }
        if (g->tbl_star)
            duet_buf_putc(b, '*');
        else
            sql_put_ident(b, &g->tbl);
    }
    duet_buf_puts(b, g->revoke ? " FROM " : " TO ");
    put_user_specs(b, &g->users, !g->revoke);
    if (g->with_grant)
        duet_buf_puts(b, " WITH GRANT OPTION");
}

static void put_show_filter(duet_buf_t *b, const sql_show_t *s)
{
    if (s->like) {
        duet_buf_puts(b, " LIKE ");
        put_str_lit(b, s->like);
    } else if (s->where) {
        duet_buf_puts(b, " WHERE ");
        sql_restore_expr(b, s->where);
    }
}

static void put_show_db(duet_buf_t *b, const sql_show_t *s)
{
    if (s->db.len || s->db.quoted) {
        duet_buf_puts(b, " IN ");
        sql_put_ident(b, &s->db);
    }
}

static void put_show(duet_buf_t *b, const sql_show_t *s)
{
    static const char *const scopes[] = {"", "SESSION ", "GLOBAL ", "SESSION "};
    duet_buf_puts(b, "SHOW ");
    switch (s->kind) {
    case SQL_SHOW_DATABASES:
        duet_buf_puts(b, "DATABASES");
        break;
    case SQL_SHOW_TABLES:
        duet_buf_puts(b, s->full ? "FULL TABLES" : "TABLES");
        put_show_db(b, s);
        break;
    case SQL_SHOW_COLUMNS:
        if (s->extended)
            duet_buf_puts(b, "EXTENDED ");
        duet_buf_puts(b, s->full ? "FULL COLUMNS IN " : "COLUMNS IN ");
        sql_put_name(b, &s->table);
        put_show_db(b, s);
        break;
    case SQL_SHOW_CREATE_TABLE:
    case SQL_SHOW_CREATE_VIEW:
        duet_buf_puts(b, s->kind == SQL_SHOW_CREATE_TABLE ? "CREATE TABLE " : "CREATE VIEW ");
        sql_put_name(b, &s->table);
        break;
    case SQL_SHOW_CREATE_DATABASE:
        duet_buf_puts(b, s->if_not_exists ? "CREATE DATABASE IF NOT EXISTS " : "CREATE DATABASE ");
        sql_put_ident(b, &s->db);
        break;
    case SQL_SHOW_CREATE_USER:
        duet_buf_puts(b, "CREATE USER ");
        sql_put_user(b, s->user);
        break;
    case SQL_SHOW_INDEX:
        duet_buf_puts(b, "INDEX IN ");
        sql_put_name(b, &s->table);
        put_show_db(b, s);
        break;
    case SQL_SHOW_VARIABLES:
    case SQL_SHOW_STATUS:
        duet_buf_puts(b, scopes[s->scope & 3]);
        duet_buf_puts(b, s->kind == SQL_SHOW_VARIABLES ? "VARIABLES" : "STATUS");
        break;
    case SQL_SHOW_WARNINGS:
    case SQL_SHOW_ERRORS:
        duet_buf_puts(b, s->kind == SQL_SHOW_WARNINGS ? "WARNINGS" : "ERRORS");
        if (s->limit)
            sql_put_limit(b, s->limit);
        break;
    case SQL_SHOW_COUNT_WARNINGS:
        duet_buf_puts(b, "COUNT(*) WARNINGS");
        break;
    case SQL_SHOW_COUNT_ERRORS:
        duet_buf_puts(b, "COUNT(*) ERRORS");
        break;
    case SQL_SHOW_PROCESSLIST:
        duet_buf_puts(b, s->full ? "FULL PROCESSLIST" : "PROCESSLIST");
        break;
    case SQL_SHOW_ENGINES:
        duet_buf_puts(b, "ENGINES");
        break;
    case SQL_SHOW_COLLATION:
        duet_buf_puts(b, "COLLATION");
        break;
    case SQL_SHOW_CHARSET:
        duet_buf_puts(b, "CHARACTER SET");
        break;
    case SQL_SHOW_GRANTS:
        duet_buf_puts(b, "GRANTS");
        if (s->user) {
            duet_buf_puts(b, " FOR ");
            sql_put_user(b, s->user);
        }
        break;
    case SQL_SHOW_TABLE_STATUS:
        duet_buf_puts(b, "TABLE STATUS");
        put_show_db(b, s);
        break;
    case SQL_SHOW_PLUGINS:
        duet_buf_puts(b, "PLUGINS");
        break;
    case SQL_SHOW_PRIVILEGES:
        duet_buf_puts(b, "PRIVILEGES");
        break;
    case SQL_SHOW_MASTER_STATUS:
        duet_buf_puts(b, "MASTER STATUS");
        break;
    case SQL_SHOW_TRIGGERS:
        duet_buf_puts(b, "TRIGGERS");
        put_show_db(b, s);
        break;
    case SQL_SHOW_EVENTS:
        duet_buf_puts(b, "EVENTS");
        put_show_db(b, s);
        break;
    case SQL_SHOW_PROCEDURE_STATUS:
        duet_buf_puts(b, "PROCEDURE STATUS");
        break;
    case SQL_SHOW_FUNCTION_STATUS:
        duet_buf_puts(b, "FUNCTION STATUS");
        break;
    case SQL_SHOW_OPEN_TABLES:
        duet_buf_puts(b, "OPEN TABLES");
        put_show_db(b, s);
        break;
    case SQL_SHOW_STATS_META:
        duet_buf_puts(b, "STATS_META");
        break;
    case SQL_SHOW_CONFIG:
        duet_buf_puts(b, "CONFIG");
        break;
    case SQL_SHOW_PROFILES:
        duet_buf_puts(b, "PROFILES");
        break;
    default:
        break;
    }
    if (s->kind != SQL_SHOW_INDEX)
        put_show_filter(b, s);
    else if (s->where) {
        duet_buf_puts(b, " WHERE ");
        sql_restore_expr(b, s->where);
    }
}

static void put_explain(duet_buf_t *b, const sql_explain_t *e)
{
    if (e->is_table) {
        duet_buf_puts(b, "DESC ");
        sql_put_name(b, &e->table);
        if (e->column.len) {
            duet_buf_putc(b, ' ');
            sql_put_ident(b, &e->column);
        }
        return;
    }
    duet_buf_puts(b, "EXPLAIN ");
    if (e->for_conn) {
        duet_buf_printf(b, "FOR CONNECTION %llu", (unsigned long long)e->conn_id);
        return;
    }
    if (e->analyze)
        duet_buf_puts(b, "ANALYZE ");
    if (e->format) {
        duet_buf_puts(b, "FORMAT = ");
        put_str_lit(b, e->format);
        duet_buf_putc(b, ' ');
    } else if (e->format_ident.len) {
        duet_buf_puts(b, "FORMAT = ");
        sql_put_string(b, e->format_ident.s, e->format_ident.len);
        duet_buf_putc(b, ' ');
    }
    sql_restore_stmt(b, e->stmt);
}

static void put_set_txn(duet_buf_t *b, const sql_set_txn_t *t)
{
    static const char *const iso[] = {"", "READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ",
                                      "SERIALIZABLE"};
    duet_buf_puts(b, t->scope == 1   ? "SET SESSION TRANSACTION "
                     : t->scope == 2 ? "SET GLOBAL TRANSACTION "
                                     : "SET TRANSACTION ");
    if (t->isolation) {
        duet_buf_puts(b, "ISOLATION LEVEL ");
        duet_buf_puts(b, iso[t->isolation % 5]);
        if (t->access)
            duet_buf_puts(b, ", ");
    }
    if (t->access)
        duet_buf_puts(b, t->access == 1 ? "READ ONLY" : "READ WRITE");
}

static void put_set(duet_buf_t *b, const sql_set_stmt_t *s)
{
    duet_buf_puts(b, "SET ");
    for (uint32_t i = 0; i < s->items.n; i++) {
        const sql_set_item_t *it = s->items.v[i];
        if (i)
            duet_buf_puts(b, ", ");
        switch (it->kind) {
        case SQL_SET_VAR:
            sql_restore_expr(b, it->var);
            duet_buf_puts(b, " = ");
            sql_restore_expr(b, it->value);
            break;
        case SQL_SET_NAMES:
            duet_buf_puts(b, "NAMES ");
            sql_put_ident(b, &it->charset);
            if (it->collate.len) {
                duet_buf_puts(b, " COLLATE ");
                sql_put_ident(b, &it->collate);
            }
            break;
        case SQL_SET_CHARSET:
            duet_buf_puts(b, "CHARACTER SET ");
            sql_put_ident(b, &it->charset);
            break;
        case SQL_SET_PASSWORD:
            duet_buf_puts(b, "PASSWORD ");
            if (it->user) {
                duet_buf_puts(b, "FOR ");
                sql_put_user(b, it->user);
                duet_buf_putc(b, ' ');
            }
            duet_buf_puts(b, "= ");
            put_str_lit(b, it->password);
            break;
        }
    }
}

static void put_txn(duet_buf_t *b, const sql_txn_stmt_t *t)
{
    switch (t->kind) {
    case 1:
        duet_buf_puts(b, t->mode == 1   ? "BEGIN PESSIMISTIC"
                         : t->mode == 2 ? "BEGIN OPTIMISTIC"
                                        : "BEGIN");
        break;
    case 2:
        duet_buf_puts(b, "START TRANSACTION");
        if (t->read_only)
            duet_buf_puts(b, " READ ONLY");
        if (t->read_write)
            duet_buf_puts(b, " READ WRITE");
        if (t->consistent_snapshot)
            duet_buf_puts(b, " WITH CONSISTENT SNAPSHOT");
        if (t->as_of) {
            duet_buf_puts(b, " AS OF TIMESTAMP ");
            sql_restore_expr(b, t->as_of);
        }
        break;
    case 3:
        duet_buf_puts(b, "COMMIT");
        break;
    case 4:
        duet_buf_puts(b, "ROLLBACK");
        break;
    case 5:
        duet_buf_puts(b, "SAVEPOINT ");
        sql_put_ident(b, &t->name);
        break;
    case 6:
        duet_buf_puts(b, "RELEASE SAVEPOINT ");
        sql_put_ident(b, &t->name);
        break;
    default:
        duet_buf_puts(b, "ROLLBACK TO SAVEPOINT ");
        sql_put_ident(b, &t->name);
        break;
    }
}

static void put_load(duet_buf_t *b, const sql_load_data_t *l)
{
    duet_buf_puts(b, l->local ? "LOAD DATA LOCAL INFILE " : "LOAD DATA INFILE ");
    put_str_lit(b, l->file);
    if (l->dup == 1)
        duet_buf_puts(b, " REPLACE");
    else if (l->dup == 2)
        duet_buf_puts(b, " IGNORE");
    duet_buf_puts(b, " INTO TABLE ");
    sql_put_name(b, &l->table);
    if (l->charset.len) {
        duet_buf_puts(b, " CHARACTER SET ");
        sql_put_ident(b, &l->charset);
    }
    if (l->fields_terminated || l->fields_enclosed || l->fields_escaped) {
        duet_buf_puts(b, " FIELDS");
        if (l->fields_terminated) {
            duet_buf_puts(b, " TERMINATED BY ");
            put_str_lit(b, l->fields_terminated);
        }
        if (l->fields_enclosed) {
            duet_buf_puts(b, l->optionally ? " OPTIONALLY ENCLOSED BY " : " ENCLOSED BY ");
            put_str_lit(b, l->fields_enclosed);
        }
        if (l->fields_escaped) {
            duet_buf_puts(b, " ESCAPED BY ");
            put_str_lit(b, l->fields_escaped);
        }
    }
    if (l->lines_starting || l->lines_terminated) {
        duet_buf_puts(b, " LINES");
        if (l->lines_starting) {
            duet_buf_puts(b, " STARTING BY ");
            put_str_lit(b, l->lines_starting);
        }
        if (l->lines_terminated) {
            duet_buf_puts(b, " TERMINATED BY ");
            put_str_lit(b, l->lines_terminated);
        }
    }
    if (l->has_ignore)
        duet_buf_printf(b, " IGNORE %llu %s", (unsigned long long)l->ignore_n,
                        l->ignore_rows ? "ROWS" : "LINES");
    if (l->has_columns) {
        duet_buf_puts(b, " (");
        sql_put_exprs(b, &l->columns);
        duet_buf_putc(b, ')');
    }
    if (l->set.n) {
        duet_buf_puts(b, " SET ");
        sql_put_assigns(b, &l->set);
    }
}

static void put_admin(duet_buf_t *b, const sql_admin_t *a)
{
    switch (a->kind) {
    case 1:
        duet_buf_puts(b, "ADMIN CHECKSUM TABLE ");
        put_names(b, &a->tables);
        break;
    case 2:
        duet_buf_puts(b, "ADMIN RELOAD EXPR_PUSHDOWN_BLACKLIST");
        break;
    case 3:
        duet_buf_puts(b, "ADMIN RELOAD OPT_RULE_BLACKLIST");
        break;
    case 4:
        duet_buf_puts(b, "ADMIN SHOW DDL");
        break;
    case 5:
        duet_buf_puts(b, "ADMIN SHOW DDL JOBS");
        if (a->has_n)
            duet_buf_printf(b, " %llu", (unsigned long long)a->n);
        break;
    case 6:
        duet_buf_puts(b, "ADMIN CHECK TABLE ");
        put_names(b, &a->tables);
        break;
    default:
        duet_buf_puts(b, "ADMIN CANCEL DDL JOBS ");
        sql_put_exprs(b, &a->nums);
        break;
    }
}

static void put_ddl_misc(duet_buf_t *b, const sql_stmt_t *s)
{
    switch (s->kind) {
    case SQL_STMT_DROP_TABLE: {
        const sql_drop_table_t *d = s->u.drop_table;
        duet_buf_puts(b, d->view        ? "DROP VIEW "
                         : d->temporary ? "DROP TEMPORARY TABLE "
                                        : "DROP TABLE ");
        if (d->if_exists)
            duet_buf_puts(b, "IF EXISTS ");
        put_names(b, &d->tables);
        if (d->behavior == 1)
            duet_buf_puts(b, " RESTRICT");
        else if (d->behavior == 2)
            duet_buf_puts(b, " CASCADE");
        break;
    }
    case SQL_STMT_TRUNCATE:
        duet_buf_puts(b, "TRUNCATE TABLE ");
        sql_put_name(b, s->u.truncate);
        break;
    case SQL_STMT_RENAME_TABLE:
        duet_buf_puts(b, "RENAME TABLE ");
        for (uint32_t i = 0; i < s->u.rename->from.n; i++) {
            if (i)
                duet_buf_puts(b, ", ");
            sql_put_name(b, s->u.rename->from.v[i]);
            duet_buf_puts(b, " TO ");
            sql_put_name(b, s->u.rename->to.v[i]);
        }
        break;
    case SQL_STMT_CREATE_INDEX: {
        static const char *const kinds[] = {"", "UNIQUE ", "FULLTEXT ", "SPATIAL "};
        const sql_create_index_t *x = s->u.create_index;
        duet_buf_puts(b, "CREATE ");
        duet_buf_puts(b, kinds[x->kind & 3]);
        duet_buf_puts(b, x->if_not_exists ? "INDEX IF NOT EXISTS " : "INDEX ");
        sql_put_ident(b, &x->name);
        if (x->using_type.len) {
            duet_buf_puts(b, " USING ");
            put_upper(b, &x->using_type);
        }
        duet_buf_puts(b, " ON ");
        sql_put_name(b, &x->table);
        duet_buf_putc(b, ' ');
        put_key_parts(b, &x->parts);
        put_index_opts(b, &x->opts);
        if (x->algorithm.len) {
            duet_buf_puts(b, " ALGORITHM = ");
            put_upper(b, &x->algorithm);
        }
        if (x->lock.len) {
            duet_buf_puts(b, " LOCK = ");
            put_upper(b, &x->lock);
        }
        break;
    }
    case SQL_STMT_DROP_INDEX:
        duet_buf_puts(b, s->u.drop_index->if_exists ? "DROP INDEX IF EXISTS " : "DROP INDEX ");
        sql_put_ident(b, &s->u.drop_index->name);
        duet_buf_puts(b, " ON ");
        sql_put_name(b, &s->u.drop_index->table);
        break;
    case SQL_STMT_CREATE_VIEW: {
        static const char *const sec[] = {"", "SQL SECURITY DEFINER ", "SQL SECURITY INVOKER "};
        static const char *const chk[] = {"", " WITH CHECK OPTION", " WITH CASCADED CHECK OPTION",
                                          " WITH LOCAL CHECK OPTION"};
        const sql_create_view_t *v = s->u.create_view;
        duet_buf_puts(b, v->or_replace ? "CREATE OR REPLACE " : "CREATE ");
        if (v->algorithm.len) {
            duet_buf_puts(b, "ALGORITHM = ");
            put_upper(b, &v->algorithm);
            duet_buf_putc(b, ' ');
        }
        if (v->definer_user.len || v->definer_current_user) {
            sql_user_t u = {v->definer_user, v->definer_host, v->definer_current_user,
                            v->definer_host.len > 0};
            duet_buf_puts(b, "DEFINER = ");
            sql_put_user(b, &u);
            duet_buf_putc(b, ' ');
        }
        duet_buf_puts(b, sec[v->security % 3]);
        duet_buf_puts(b, "VIEW ");
        sql_put_name(b, &v->name);
        if (v->cols.n) {
            duet_buf_puts(b, " (");
            sql_put_idents(b, &v->cols);
            duet_buf_putc(b, ')');
        }
        duet_buf_puts(b, " AS ");
        sql_restore_select(b, v->select);
        duet_buf_puts(b, chk[v->check & 3]);
        break;
    }
    default:
        break;
    }
}

void sql_restore_stmt(duet_buf_t *b, const sql_stmt_t *s)
{
    switch (s->kind) {
    case SQL_STMT_SELECT:
    case SQL_STMT_INSERT:
    case SQL_STMT_UPDATE:
    case SQL_STMT_DELETE:
        sql_restore_dml(b, s);
        break;
    case SQL_STMT_LOAD_DATA:
        put_load(b, s->u.load);
        break;
    case SQL_STMT_CREATE_DATABASE:
    case SQL_STMT_ALTER_DATABASE:
    case SQL_STMT_DROP_DATABASE:
        put_database(b, s);
        break;
    case SQL_STMT_CREATE_TABLE:
        put_create_table(b, s->u.create_table);
        break;
    case SQL_STMT_ALTER_TABLE: {
        const sql_alter_table_t *t = s->u.alter_table;
        duet_buf_puts(b, "ALTER TABLE ");
        sql_put_name(b, &t->table);
        for (uint32_t i = 0; i < t->specs.n; i++) {
            duet_buf_puts(b, i ? ", " : " ");
            put_alter_spec(b, t->specs.v[i]);
        }
        if (t->partition)
            put_partition(b, t->partition);
        break;
    }
    case SQL_STMT_DROP_TABLE:
    case SQL_STMT_TRUNCATE:
    case SQL_STMT_RENAME_TABLE:
    case SQL_STMT_CREATE_INDEX:
    case SQL_STMT_DROP_INDEX:
    case SQL_STMT_CREATE_VIEW:
        put_ddl_misc(b, s);
        break;
    case SQL_STMT_SET:
        put_set(b, s->u.set);
        break;
    case SQL_STMT_SET_TRANSACTION:
        put_set_txn(b, s->u.set_txn);
        break;
    case SQL_STMT_USE:
        duet_buf_puts(b, "USE ");
        sql_put_ident(b, s->u.use);
        break;
    case SQL_STMT_TXN:
        put_txn(b, s->u.txn);
        break;
    case SQL_STMT_SHOW:
        put_show(b, s->u.show);
        break;
    case SQL_STMT_EXPLAIN:
        put_explain(b, s->u.explain);
        break;
    case SQL_STMT_ANALYZE:
        duet_buf_puts(b, s->u.analyze->flag == 1   ? "ANALYZE NO_WRITE_TO_BINLOG TABLE "
                         : s->u.analyze->flag == 2 ? "ANALYZE LOCAL TABLE "
                                                   : "ANALYZE TABLE ");
        put_names(b, &s->u.analyze->tables);
        break;
    case SQL_STMT_ADMIN:
        put_admin(b, s->u.admin);
        break;
    case SQL_STMT_KILL:
        duet_buf_puts(b, "KILL ");
        if (s->u.kill->tidb)
            duet_buf_puts(b, "TIDB ");
        if (s->u.kill->connection)
            duet_buf_puts(b, "CONNECTION ");
        if (s->u.kill->query)
            duet_buf_puts(b, "QUERY ");
        sql_restore_expr(b, s->u.kill->id);
        break;
    case SQL_STMT_CREATE_USER:
    case SQL_STMT_ALTER_USER:
    case SQL_STMT_DROP_USER:
        put_user_stmt(b, s);
        break;
    case SQL_STMT_GRANT:
    case SQL_STMT_REVOKE:
        put_grant(b, s);
        break;
    case SQL_STMT_FLUSH: {
        static const char *const what[] = {"", "PRIVILEGES", "TABLES", "STATUS", "LOGS", "HOSTS"};
        const sql_flush_t *f = s->u.flush;
        duet_buf_puts(b, f->no_write ? "FLUSH NO_WRITE_TO_BINLOG "
                         : f->local  ? "FLUSH LOCAL "
                                     : "FLUSH ");
        duet_buf_puts(b, what[f->kind % 6]);
        if (f->tables.n) {
            duet_buf_putc(b, ' ');
            put_names(b, &f->tables);
        }
        if (f->with_read_lock)
            duet_buf_puts(b, " WITH READ LOCK");
        break;
    }
    case SQL_STMT_PREPARE:
        duet_buf_puts(b, "PREPARE ");
        sql_put_ident(b, &s->u.prepare->name);
        duet_buf_puts(b, " FROM ");
        if (s->u.prepare->text)
            put_str_lit(b, s->u.prepare->text);
        else
            sql_restore_expr(b, s->u.prepare->var);
        break;
    case SQL_STMT_EXECUTE:
        duet_buf_puts(b, "EXECUTE ");
        sql_put_ident(b, &s->u.prepare->name);
        if (s->u.prepare->using_vars.n) {
            duet_buf_puts(b, " USING ");
            sql_put_exprs(b, &s->u.prepare->using_vars);
        }
        break;
    case SQL_STMT_DEALLOCATE:
        duet_buf_puts(b, "DEALLOCATE PREPARE ");
        sql_put_ident(b, &s->u.prepare->name);
        break;
    case SQL_STMT_DO:
        duet_buf_puts(b, "DO ");
        sql_put_exprs(b, s->u.do_exprs);
        break;
    case SQL_STMT_LOCK_TABLES: {
        static const char *const modes[] = {"", " READ", " READ LOCAL", " WRITE", " WRITE LOCAL"};
        const sql_lock_tables_t *l = s->u.lock_tables;
        duet_buf_puts(b, "LOCK TABLES ");
        for (uint32_t i = 0; i < l->tables.n; i++) {
            if (i)
                duet_buf_puts(b, ", ");
            sql_put_name(b, l->tables.v[i]);
            duet_buf_puts(b, modes[(uintptr_t)l->modes.v[i] % 5]);
        }
        break;
    }
    case SQL_STMT_UNLOCK_TABLES:
        duet_buf_puts(b, "UNLOCK TABLES");
        break;
    case SQL_STMT_SET_ROLE:
    case SQL_STMT_SET_DEFAULT_ROLE:
        put_roles(b, s);
        break;
    default:
        break;
    }
}

const char *sql_stmt_kind_name(sql_stmt_kind_t kind)
{
    static const char *const names[SQL_STMT_KIND_COUNT_] = {
        "SELECT",
        "INSERT",
        "UPDATE",
        "DELETE",
        "LOAD DATA",
        "CREATE DATABASE",
        "ALTER DATABASE",
        "DROP DATABASE",
        "CREATE TABLE",
        "ALTER TABLE",
        "DROP TABLE",
        "TRUNCATE",
        "RENAME TABLE",
        "CREATE INDEX",
        "DROP INDEX",
        "CREATE VIEW",
        "SET",
        "SET TRANSACTION",
        "USE",
        "TRANSACTION",
        "SHOW",
        "EXPLAIN",
        "ANALYZE",
        "ADMIN",
        "KILL",
        "CREATE USER",
        "ALTER USER",
        "DROP USER",
        "GRANT",
        "REVOKE",
        "FLUSH",
        "PREPARE",
        "EXECUTE",
        "DEALLOCATE",
        "DO",
        "LOCK TABLES",
        "UNLOCK TABLES",
        "SET ROLE",
        "SET DEFAULT ROLE",
    };
    if ((unsigned)kind >= SQL_STMT_KIND_COUNT_)
        return "";
    return names[kind];
}
