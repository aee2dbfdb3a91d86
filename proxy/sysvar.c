/* sysvar.c - the system-variable registry (see sysvar.h). Definitions are a static table
 * sorted by name; global values live in proxy_sysvars_t under its mutex. */
#include "proxy/sysvar.h"
#include "common/mem.h"
#include "duet_version.h"
#include "wire/handshake.h"
#include "wire/protocol.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const bool_values[] = {"OFF", "ON", NULL};
static const char *const isolation_values[] = {"READ-UNCOMMITTED", "READ-COMMITTED",
                                               "REPEATABLE-READ", "SERIALIZABLE", NULL};
static const char *const query_cache_values[] = {"OFF", "ON", "DEMAND", NULL};
static const char *const prune_values[] = {"static", "dynamic", "static-only", "dynamic-only",
                                           NULL};
static const char *const sql_mode_values[] = {"REAL_AS_FLOAT",
                                              "PIPES_AS_CONCAT",
                                              "ANSI_QUOTES",
                                              "IGNORE_SPACE",
                                              "ONLY_FULL_GROUP_BY",
                                              "NO_UNSIGNED_SUBTRACTION",
                                              "NO_DIR_IN_CREATE",
                                              "POSTGRESQL",
                                              "ORACLE",
                                              "MSSQL",
                                              "DB2",
                                              "MAXDB",
                                              "NO_KEY_OPTIONS",
                                              "NO_TABLE_OPTIONS",
                                              "NO_FIELD_OPTIONS",
                                              "MYSQL323",
                                              "MYSQL40",
                                              "ANSI",
                                              "NO_AUTO_VALUE_ON_ZERO",
                                              "NO_BACKSLASH_ESCAPES",
                                              "STRICT_TRANS_TABLES",
                                              "STRICT_ALL_TABLES",
                                              "NO_ZERO_IN_DATE",
                                              "NO_ZERO_DATE",
                                              "ALLOW_INVALID_DATES",
                                              "ERROR_FOR_DIVISION_BY_ZERO",
                                              "TRADITIONAL",
                                              "NO_AUTO_CREATE_USER",
                                              "HIGH_NOT_PRECEDENCE",
                                              "NO_ENGINE_SUBSTITUTION",
                                              "PAD_CHAR_TO_FULL_LENGTH",
                                              "TIME_TRUNCATE_FRACTIONAL",
                                              NULL};
static const char *const fallback_values[] = {"tiflash", NULL};

static int validate_charset(const char *v, char *out, size_t outsz)
{
    static const char *const names[] = {"utf8mb4", "utf8", "utf8mb3", "latin1", "ascii",
                                        "binary",  "gbk",  "gb18030", NULL};
    for (int i = 0; names[i]; i++) {
        if (strcasecmp(v, names[i]) == 0) {
            snprintf(out, outsz, "%s", strcasecmp(v, "utf8mb3") == 0 ? "utf8" : names[i]);
            return 0;
        }
    }
    return -1;
}

static int validate_collation(const char *v, char *out, size_t outsz)
{
    static const char *const names[] = {"utf8mb4_bin",
                                        "utf8mb4_general_ci",
                                        "utf8mb4_unicode_ci",
                                        "utf8mb4_0900_ai_ci",
                                        "utf8mb4_0900_bin",
                                        "utf8_bin",
                                        "utf8_general_ci",
                                        "utf8_unicode_ci",
                                        "utf8mb3_bin",
                                        "utf8mb3_general_ci",
                                        "latin1_bin",
                                        "latin1_swedish_ci",
                                        "ascii_bin",
                                        "ascii_general_ci",
                                        "binary",
                                        "gbk_bin",
                                        "gbk_chinese_ci",
                                        "gb18030_bin",
                                        "gb18030_chinese_ci",
                                        NULL};
    for (int i = 0; names[i]; i++) {
        if (strcasecmp(v, names[i]) == 0) {
            snprintf(out, outsz, "%s", names[i]);
            return 0;
        }
    }
    return -1;
}

/* time_zone: SYSTEM, a [+-]HH:MM offset within -13:59..+14:00, or a zone name. */
static int validate_time_zone(const char *v, char *out, size_t outsz)
{
    if (strcasecmp(v, "SYSTEM") == 0) {
        snprintf(out, outsz, "SYSTEM");
        return 0;
    }
    if (v[0] == '+' || v[0] == '-') {
        int h, m;
        char extra;
        if (sscanf(v + 1, "%d:%d%c", &h, &m, &extra) != 2 || m < 0 || m > 59 || h < 0)
            return -1;
        int mins = h * 60 + m;
        if ((v[0] == '+' && mins > 14 * 60) || (v[0] == '-' && mins > 13 * 60 + 59))
            return -1;
        snprintf(out, outsz, "%c%02d:%02d", v[0], h, m);
        return 0;
    }
    if (*v == '\0')
        return -1;
    for (const char *p = v; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '/' && *p != '_' && *p != '-' && *p != '+')
            return -1;
    char path[600];
    snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", v);
    if (strstr(v, "..") != NULL || access(path, R_OK) != 0)
        return -1;
    snprintf(out, outsz, "%s", v);
    return 0;
}

static int validate_engines(const char *v, char *out, size_t outsz)
{
    unsigned mask;
    if (duet_engines_parse(v, &mask) < 0)
        return -1;
    duet_engines_format(mask, out, outsz);
    return 0;
}

#define I64MAX INT64_MAX
/* clang-format off */
#define BOOLV(n, sc, d)          {n, sc, PROXY_SV_BOOL, d, 0, 1, bool_values, false, false, NULL}
#define INTV(n, sc, d, lo, hi)   {n, sc, PROXY_SV_INT, d, lo, hi, NULL, false, false, NULL}
#define ENUMV(n, sc, d, vals)    {n, sc, PROXY_SV_ENUM, d, 0, 0, vals, false, false, NULL}
#define STRV(n, sc, d, fn)       {n, sc, PROXY_SV_STR, d, 0, 0, NULL, false, false, fn}
#define ROV(n, d)                {n, PROXY_SCOPE_GLOBAL, PROXY_SV_STR, d, 0, 0, NULL, true, false, NULL}
#define ROINT(n, d)              {n, PROXY_SCOPE_GLOBAL, PROXY_SV_INT, d, 0, I64MAX, NULL, true, false, NULL}
#define G  PROXY_SCOPE_GLOBAL
#define S  PROXY_SCOPE_SESSION
#define B  PROXY_SCOPE_BOTH

/* Sorted by name (checked at start-up). Defaults are MySQL 8 / TiDB's. */
static const proxy_sysvar_def_t defs[] = {
    INTV("auto_increment_increment", B, "1", 1, 65535),
    INTV("auto_increment_offset", B, "1", 1, 65535),
    BOOLV("autocommit", B, "ON"),
    STRV("character_set_client", B, "utf8mb4", validate_charset),
    STRV("character_set_connection", B, "utf8mb4", validate_charset),
    STRV("character_set_database", B, "utf8mb4", validate_charset),
    {"character_set_results", B, PROXY_SV_STR, "utf8mb4", 0, 0, NULL, false, true, validate_charset},
    STRV("character_set_server", B, "utf8mb4", validate_charset),
    ROV("character_set_system", "utf8"),
    STRV("collation_connection", B, "utf8mb4_bin", validate_collation),
    STRV("collation_database", B, "utf8mb4_bin", validate_collation),
    STRV("collation_server", B, "utf8mb4_bin", validate_collation),
    INTV("connect_timeout", G, "10", 2, 31536000),
    ROV("datadir", NULL),
    ROV("default_authentication_plugin", "caching_sha2_password"),
    STRV("default_storage_engine", B, "InnoDB", NULL),
    INTV("default_week_format", B, "0", 0, 7),
    INTV("div_precision_increment", B, "4", 0, 30),
    BOOLV("explicit_defaults_for_timestamp", B, "ON"),
    BOOLV("foreign_key_checks", B, "ON"),
    INTV("group_concat_max_len", B, "1024", 4, I64MAX),
    ROV("have_openssl", NULL),
    ROV("have_ssl", NULL),
    ROV("hostname", NULL),
    STRV("init_connect", G, "", NULL),
    INTV("innodb_lock_wait_timeout", B, "50", 1, 3600),
    INTV("interactive_timeout", B, "28800", 1, 31536000),
    ROV("license", "Apache License 2.0"),
    ROINT("lower_case_table_names", "2"),
    INTV("max_allowed_packet", B, "67108864", 1024, 1073741824),
    INTV("max_connections", G, NULL, 0, 100000),
    INTV("max_error_count", B, "64", 0, 65535),
    INTV("max_execution_time", B, "0", 0, 4294967295LL),
    INTV("net_buffer_length", B, "16384", 1024, 1048576),
    INTV("net_read_timeout", B, "30", 1, 31536000),
    INTV("net_write_timeout", B, "60", 1, 31536000),
    ROV("performance_schema", "OFF"),
    ROINT("port", NULL),
    ROINT("protocol_version", "10"),
    INTV("query_cache_size", G, "1048576", 0, I64MAX),
    ENUMV("query_cache_type", B, "OFF", query_cache_values),
    BOOLV("require_secure_transport", G, NULL),
    ROV("socket", NULL),
    BOOLV("sql_auto_is_null", B, "OFF"),
    {"sql_mode", B, PROXY_SV_SET,
     "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION",
     0, 0, sql_mode_values, false, false, NULL},
    BOOLV("sql_notes", B, "ON"),
    BOOLV("sql_safe_updates", B, "OFF"),
    {"sql_select_limit", B, PROXY_SV_UINT, "18446744073709551615", 0, 0, NULL, false, false, NULL},
    BOOLV("sql_warnings", B, "OFF"),
    ROV("ssl_ca", NULL),
    ROV("ssl_cert", NULL),
    ROV("ssl_key", NULL),
    ROV("system_time_zone", NULL),
    {"tidb_allow_fallback_to_tikv", B, PROXY_SV_SET, "", 0, 0, fallback_values, false, false, NULL},
    BOOLV("tidb_allow_mpp", B, "ON"),
    BOOLV("tidb_allow_tiflash_cop", B, "OFF"),
    INTV("tidb_broadcast_join_threshold_count", B, "10240", 0, I64MAX),
    INTV("tidb_broadcast_join_threshold_size", B, "104857600", 0, I64MAX),
    INTV("tidb_cost_model_version", B, "2", 1, 2),
    INTV("tidb_distsql_scan_concurrency", B, "15", 1, 256),
    BOOLV("tidb_enforce_mpp", B, NULL),
    STRV("tidb_isolation_read_engines", S, NULL, validate_engines),
    INTV("tidb_max_tiflash_threads", B, "-1", -1, 256),
    INTV("tidb_mem_quota_query", B, "1073741824", -1, I64MAX),
    BOOLV("tidb_opt_agg_push_down", S, "OFF"),
    ENUMV("tidb_partition_prune_mode", B, "dynamic", prune_values),
    BOOLV("tidb_prefer_broadcast_join_by_exchange_data_size", B, "OFF"),
    STRV("time_zone", B, "SYSTEM", validate_time_zone),
    ENUMV("transaction_isolation", B, "REPEATABLE-READ", isolation_values),
    BOOLV("transaction_read_only", B, "OFF"),
    ENUMV("tx_isolation", B, "REPEATABLE-READ", isolation_values),
    BOOLV("tx_read_only", B, "OFF"),
    ROV("version", NULL),
    ROV("version_comment", "duet Server (Apache License 2.0), MySQL 8.0 compatible"),
    ROV("version_compile_machine", "x86_64"),
    ROV("version_compile_os", "Linux"),
    INTV("wait_timeout", B, "28800", 1, 31536000),
};
/* clang-format on */

#define NDEFS (sizeof(defs) / sizeof(defs[0]))

struct proxy_sysvars {
    pthread_mutex_t lock; /* guards vals, saved and the file */
    char *vals[NDEFS];
    bool saved[NDEFS]; /* set by SET GLOBAL: written to the persist file */
    char *path;        /* persist file, NULL when not persisted */
};

size_t proxy_sysvar_count(void)
{
    return NDEFS;
}

const proxy_sysvar_def_t *proxy_sysvar_at(size_t i)
{
    return i < NDEFS ? &defs[i] : NULL;
}

static int def_index(const char *name, size_t n)
{
    size_t lo = 0, hi = NDEFS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncasecmp(defs[mid].name, name, n);
        if (c == 0 && defs[mid].name[n] != '\0')
            c = 1;
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const proxy_sysvar_def_t *proxy_sysvar_find(const char *name, size_t n)
{
    int i = def_index(name, n);
    return i < 0 ? NULL : &defs[i];
}

static void set_global(proxy_sysvars_t *g, const char *name, const char *value)
{
    int i = def_index(name, strlen(name));
    if (i < 0)
        abort();
    duet_free(g->vals[i]);
    g->vals[i] = duet_strdup(value);
}

proxy_sysvars_t *proxy_sysvars_create(const duet_config_t *cfg, bool have_ssl)
{
    for (size_t i = 1; i < NDEFS; i++)
        if (strcasecmp(defs[i - 1].name, defs[i].name) >= 0)
            abort(); /* the table must stay sorted */
    proxy_sysvars_t *g = duet_calloc(1, sizeof(*g));
    pthread_mutex_init(&g->lock, NULL);
    for (size_t i = 0; i < NDEFS; i++)
        g->vals[i] = duet_strdup(defs[i].def ? defs[i].def : "");
    char tmp[DUET_CONFIG_STR + 64];
    snprintf(tmp, sizeof(tmp), "%s/", cfg->path);
    set_global(g, "datadir", tmp);
    set_global(g, "have_openssl", have_ssl ? "YES" : "DISABLED");
    set_global(g, "have_ssl", have_ssl ? "YES" : "DISABLED");
    char host[256] = "localhost";
    gethostname(host, sizeof(host) - 1);
    set_global(g, "hostname", host);
    snprintf(tmp, sizeof(tmp), "%d", cfg->max_server_connections);
    set_global(g, "max_connections", tmp);
    snprintf(tmp, sizeof(tmp), "%d", cfg->port);
    set_global(g, "port", tmp);
    set_global(g, "require_secure_transport",
               cfg->security.require_secure_transport ? "ON" : "OFF");
    set_global(g, "socket", cfg->socket);
    set_global(g, "ssl_ca", cfg->security.ssl_ca);
    set_global(g, "ssl_cert", cfg->security.ssl_cert);
    set_global(g, "ssl_key", cfg->security.ssl_key);
    const char *tz = getenv("TZ");
    set_global(g, "system_time_zone", tz && *tz ? tz : "UTC");
    set_global(g, "tidb_enforce_mpp", cfg->performance.enforce_mpp ? "ON" : "OFF");
    duet_engines_format(cfg->isolation_read.engines, tmp, sizeof(tmp));
    set_global(g, "tidb_isolation_read_engines", tmp);
    wire_server_version(tmp, sizeof(tmp));
    set_global(g, "version", tmp);
    return g;
}

void proxy_sysvars_destroy(proxy_sysvars_t *g)
{
    if (g == NULL)
        return;
    for (size_t i = 0; i < NDEFS; i++)
        duet_free(g->vals[i]);
    duet_free(g->path);
    pthread_mutex_destroy(&g->lock);
    duet_free(g);
}

void proxy_sysvar_session_init(proxy_sysvars_t *g, proxy_sysvar_session_t *s)
{
    s->vals = duet_calloc(NDEFS, sizeof(char *));
    pthread_mutex_lock(&g->lock);
    for (size_t i = 0; i < NDEFS; i++)
        if ((defs[i].scope & PROXY_SCOPE_SESSION) && g->vals[i] != NULL)
            s->vals[i] = duet_strdup(g->vals[i]);
    pthread_mutex_unlock(&g->lock);
}

void proxy_sysvar_session_free(proxy_sysvar_session_t *s)
{
    if (s->vals == NULL)
        return;
    for (size_t i = 0; i < NDEFS; i++)
        duet_free(s->vals[i]);
    duet_free(s->vals);
    s->vals = NULL;
}

int proxy_sysvar_get(proxy_sysvars_t *g, proxy_sysvar_session_t *s, const char *name, size_t n,
                     proxy_scope_req_t req, char *out, size_t outsz, bool *is_null, duet_err_t *err)
{
    int i = def_index(name, n);
    if (i < 0) {
        char nm[128];
        snprintf(nm, sizeof(nm), "%.*s", (int)(n < 127 ? n : 127), name);
        return duet_err_set(err, ER_UNKNOWN_SYSTEM_VARIABLE, nm);
    }
    const proxy_sysvar_def_t *d = &defs[i];
    if (req == PROXY_REQ_SESSION && !(d->scope & PROXY_SCOPE_SESSION))
        return duet_err_set(err, ER_INCORRECT_GLOBAL_LOCAL_VAR, d->name, "GLOBAL");
    if (req == PROXY_REQ_GLOBAL && !(d->scope & PROXY_SCOPE_GLOBAL))
        return duet_err_set(err, ER_INCORRECT_GLOBAL_LOCAL_VAR, d->name, "SESSION");
    bool use_session = req != PROXY_REQ_GLOBAL && (d->scope & PROXY_SCOPE_SESSION) && s != NULL;
    const char *v;
    if (use_session) {
        v = s->vals[i];
        *is_null = v == NULL;
        snprintf(out, outsz, "%s", v ? v : "");
        return 0;
    }
    pthread_mutex_lock(&g->lock);
    v = g->vals[i];
    *is_null = v == NULL;
    snprintf(out, outsz, "%s", v ? v : "");
    pthread_mutex_unlock(&g->lock);
    return 0;
}

int proxy_sysvar_select(proxy_sysvars_t *g, proxy_sysvar_session_t *s, const char *name, size_t n,
                        proxy_scope_req_t req, wire_column_t *col, wire_value_t *val, char *buf,
                        size_t bufsz, duet_err_t *err)
{
    bool is_null;
    if (proxy_sysvar_get(g, s, name, n, req, buf, bufsz, &is_null, err) < 0)
        return -1;
    const proxy_sysvar_def_t *d = proxy_sysvar_find(name, n);
    memset(col, 0, sizeof(*col));
    memset(val, 0, sizeof(*val));
    bool numeric = d->type == PROXY_SV_BOOL || d->type == PROXY_SV_INT || d->type == PROXY_SV_UINT;
    if (numeric) {
        col->type = WIRE_TYPE_LONGLONG;
        col->charset = WIRE_COLLATION_BINARY;
        col->flags = WIRE_FLAG_BINARY | WIRE_FLAG_NUM;
        col->length = 21;
        if (d->type == PROXY_SV_UINT)
            col->flags |= WIRE_FLAG_UNSIGNED;
    } else {
        col->type = WIRE_TYPE_VAR_STRING;
        col->charset = WIRE_COLLATION_UTF8MB4_BIN;
        col->length = 4 * 1024;
        col->decimals = 31;
    }
    if (is_null) {
        val->kind = WIRE_VAL_NULL;
        return 0;
    }
    if (d->type == PROXY_SV_BOOL) {
        val->kind = WIRE_VAL_INT;
        val->v.i = strcmp(buf, "ON") == 0;
    } else if (d->type == PROXY_SV_INT) {
        val->kind = WIRE_VAL_INT;
        val->v.i = strtoll(buf, NULL, 10);
    } else if (d->type == PROXY_SV_UINT) {
        val->kind = WIRE_VAL_UINT;
        val->v.u = strtoull(buf, NULL, 10);
    } else {
        val->kind = WIRE_VAL_BYTES;
        val->v.s.p = buf;
        val->v.s.n = strlen(buf);
    }
    return 0;
}

static int wrong_value(duet_err_t *err, const proxy_sysvar_def_t *d, const proxy_sv_value_t *v)
{
    char shown[256];
    switch (v->kind) {
    case PROXY_SVV_INT:
        snprintf(shown, sizeof(shown), "%" PRId64, v->i);
        break;
    case PROXY_SVV_DOUBLE:
        snprintf(shown, sizeof(shown), "%g", v->d);
        break;
    case PROXY_SVV_NULL:
        snprintf(shown, sizeof(shown), "NULL");
        break;
    default:
        snprintf(shown, sizeof(shown), "%s", v->s ? v->s : "");
        break;
    }
    return duet_err_set(err, ER_WRONG_VALUE_FOR_VAR, d->name, shown);
}

/* Matches s against members (case-insensitive) or a numeric index; -1 when neither. */
static int member_index(const char *const *members, const char *s, size_t n)
{
    for (int k = 0; members[k]; k++)
        if (strlen(members[k]) == n && strncasecmp(members[k], s, n) == 0)
            return k;
    return -1;
}

/* Normalises v for d into out. Returns 0, or -1 with err. */
static int normalise(const proxy_sysvar_def_t *d, const proxy_sv_value_t *v, char *out,
                     size_t outsz, bool *truncated, duet_err_t *err)
{
    if (v->kind == PROXY_SVV_NULL) {
        if (d->nullable) {
            out[0] = '\0';
            return 1; /* SQL NULL */
        }
        return wrong_value(err, d, v);
    }
    switch (d->type) {
    case PROXY_SV_BOOL:
    case PROXY_SV_ENUM: {
        int k;
        if (v->kind == PROXY_SVV_DOUBLE)
            return duet_err_set(err, ER_WRONG_TYPE_FOR_VAR, d->name);
        if (v->kind == PROXY_SVV_INT) {
            int64_t cnt = 0;
            while (d->values[cnt])
                cnt++;
            if (v->i < 0 || v->i >= cnt)
                return wrong_value(err, d, v);
            k = (int)v->i;
        } else {
            k = member_index(d->values, v->s, strlen(v->s));
            if (k < 0 && d->type == PROXY_SV_BOOL) {
                if (strcasecmp(v->s, "true") == 0)
                    k = 1;
                else if (strcasecmp(v->s, "false") == 0)
                    k = 0;
            }
            if (k < 0)
                return wrong_value(err, d, v);
        }
        snprintf(out, outsz, "%s", d->values[k]);
        return 0;
    }
    case PROXY_SV_INT: {
        if (v->kind != PROXY_SVV_INT)
            return duet_err_set(err, ER_WRONG_TYPE_FOR_VAR, d->name);
        int64_t x = v->i;
        if (x < d->min) {
            x = d->min;
            *truncated = true;
        } else if (x > d->max) {
            x = d->max;
            *truncated = true;
        }
        snprintf(out, outsz, "%" PRId64, x);
        return 0;
    }
    case PROXY_SV_UINT:
        if (v->kind != PROXY_SVV_INT)
            return duet_err_set(err, ER_WRONG_TYPE_FOR_VAR, d->name);
        snprintf(out, outsz, "%" PRIu64, (uint64_t)v->i);
        return 0;
    case PROXY_SV_SET: {
        if (v->kind == PROXY_SVV_DOUBLE)
            return duet_err_set(err, ER_WRONG_TYPE_FOR_VAR, d->name);
        uint64_t bits = 0;
        if (v->kind == PROXY_SVV_INT) {
            int64_t cnt = 0;
            while (d->values[cnt])
                cnt++;
            if (v->i < 0 || (cnt < 63 && (uint64_t)v->i >= (1ULL << cnt)))
                return wrong_value(err, d, v);
            bits = (uint64_t)v->i;
        } else {
            const char *p = v->s;
            while (*p) {
                const char *e = strchr(p, ',');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                duet_str_t item = duet_str_trim((duet_str_t){p, len});
                if (item.len > 0) {
                    int k = member_index(d->values, item.ptr, item.len);
                    if (k < 0)
                        return wrong_value(err, d, v);
                    bits |= 1ULL << k;
                }
                p += len;
                if (*p == ',')
                    p++;
            }
        }
        size_t o = 0;
        out[0] = '\0';
        for (int k = 0; d->values[k]; k++) {
            if (!(bits & (1ULL << k)))
                continue;
            int w = snprintf(out + o, outsz - o, "%s%s", o ? "," : "", d->values[k]);
            if (w < 0 || (size_t)w >= outsz - o)
                return wrong_value(err, d, v);
            o += (size_t)w;
        }
        return 0;
    }
    case PROXY_SV_STR: {
        char num[32];
        const char *s = v->s;
        if (v->kind == PROXY_SVV_DOUBLE)
            return duet_err_set(err, ER_WRONG_TYPE_FOR_VAR, d->name);
        if (v->kind == PROXY_SVV_INT) {
            if (d->validate != NULL)
                return duet_err_set(err, ER_WRONG_TYPE_FOR_VAR, d->name);
            snprintf(num, sizeof(num), "%" PRId64, v->i);
            s = num;
        }
        if (d->validate != NULL) {
            if (d->validate(s, out, outsz) < 0)
                return wrong_value(err, d, v);
            return 0;
        }
        snprintf(out, outsz, "%s", s);
        return 0;
    }
    }
    return wrong_value(err, d, v);
}

/* Writes every saved global to g->path; caller holds g->lock. Failures are logged by the
 * caller's absence of effect only: the in-memory value stays set. */
static int persist_write(proxy_sysvars_t *g)
{
    if (g->path == NULL)
        return 0;
    duet_buf_t b = DUET_BUF_INIT;
    for (size_t i = 0; i < NDEFS; i++) {
        if (!g->saved[i])
            continue;
        duet_buf_printf(&b, "%s\t", defs[i].name);
        if (g->vals[i] == NULL) {
            duet_buf_puts(&b, "\\N");
        } else {
            for (const char *p = g->vals[i]; *p; p++) {
                if (*p == '\\')
                    duet_buf_puts(&b, "\\\\");
                else if (*p == '\t')
                    duet_buf_puts(&b, "\\t");
                else if (*p == '\n')
                    duet_buf_puts(&b, "\\n");
                else
                    duet_buf_putc(&b, *p);
            }
        }
        duet_buf_putc(&b, '\n');
    }
    size_t plen = strlen(g->path) + 8;
    char *tmp = duet_malloc(plen);
    snprintf(tmp, plen, "%s.tmp", g->path);
    FILE *f = fopen(tmp, "w");
    int rc = -1;
    if (f != NULL) {
        bool ok = fwrite(b.data ? b.data : "", 1, b.len, f) == b.len;
        ok = fflush(f) == 0 && fsync(fileno(f)) == 0 && ok;
        ok = fclose(f) == 0 && ok;
        if (ok && rename(tmp, g->path) == 0)
            rc = 0;
    }
    duet_free(tmp);
    duet_buf_free(&b);
    return rc;
}

int proxy_sysvars_persist(proxy_sysvars_t *g, const char *path, duet_err_t *err)
{
    FILE *f = fopen(path, "r");
    if (f == NULL && errno != ENOENT)
        return duet_err_set(err, ER_GENERIC, "cannot read %s: %s", path, strerror(errno));
    pthread_mutex_lock(&g->lock);
    duet_free(g->path);
    g->path = duet_strdup(path);
    char line[4096];
    while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
        char *tab = strchr(line, '\t');
        if (tab == NULL)
            continue;
        *tab = '\0';
        char *val = tab + 1;
        size_t vn = strlen(val);
        if (vn > 0 && val[vn - 1] == '\n')
            val[--vn] = '\0';
        int i = def_index(line, strlen(line));
        if (i < 0 || defs[i].read_only || !(defs[i].scope & PROXY_SCOPE_GLOBAL))
            continue;
        char raw[4096], norm[1024];
        size_t o = 0;
        for (size_t k = 0; k < vn && o + 1 < sizeof(raw); k++) {
            if (val[k] == '\\' && k + 1 < vn) {
                k++;
                raw[o++] = val[k] == 't' ? '\t' : val[k] == 'n' ? '\n' : val[k];
            } else {
                raw[o++] = val[k];
            }
        }
        raw[o] = '\0';
        bool is_null = strcmp(val, "\\N") == 0;
        proxy_sv_value_t v = {.kind = is_null ? PROXY_SVV_NULL : PROXY_SVV_STR, .s = raw};
        char *endp = NULL;
        long long num = strtoll(raw, &endp, 10);
        if (!is_null && (defs[i].type == PROXY_SV_INT || defs[i].type == PROXY_SV_UINT) &&
            *raw != '\0' && *endp == '\0') {
            v.kind = PROXY_SVV_INT;
            v.i = num;
        }
        bool trunc = false;
        duet_err_t ignore = {0};
        int rc = normalise(&defs[i], &v, norm, sizeof(norm), &trunc, &ignore);
        if (rc < 0)
            continue;
        duet_free(g->vals[i]);
        g->vals[i] = rc == 1 ? NULL : duet_strdup(norm);
        g->saved[i] = true;
    }
    pthread_mutex_unlock(&g->lock);
    if (f != NULL)
        fclose(f);
    return 0;
}

int proxy_sysvar_set(proxy_sysvars_t *g, proxy_sysvar_session_t *s, const char *name, size_t n,
                     proxy_scope_req_t req, const proxy_sv_value_t *v, bool *truncated,
                     duet_err_t *err)
{
    *truncated = false;
    int i = def_index(name, n);
    if (i < 0) {
        char nm[128];
        snprintf(nm, sizeof(nm), "%.*s", (int)(n < 127 ? n : 127), name);
        return duet_err_set(err, ER_UNKNOWN_SYSTEM_VARIABLE, nm);
    }
    const proxy_sysvar_def_t *d = &defs[i];
    if (d->read_only)
        return duet_err_set(err, ER_INCORRECT_GLOBAL_LOCAL_VAR, d->name, "read only");
    bool global = req == PROXY_REQ_GLOBAL;
    if (global && !(d->scope & PROXY_SCOPE_GLOBAL))
        return duet_err_set(err, ER_LOCAL_VARIABLE, d->name);
    if (!global && !(d->scope & PROXY_SCOPE_SESSION))
        return duet_err_set(err, ER_GLOBAL_VARIABLE, d->name);
    char buf[1024];
    int is_null = 0;
    if (v->kind == PROXY_SVV_DEFAULT) {
        /* SET SESSION x = DEFAULT takes the global value; SET GLOBAL the built-in one. */
        pthread_mutex_lock(&g->lock);
        const char *src = global ? d->def : g->vals[i];
        snprintf(buf, sizeof(buf), "%s", src ? src : "");
        is_null = src == NULL && !global;
        pthread_mutex_unlock(&g->lock);
        if (global && d->def == NULL)
            return 0; /* start-up value: nothing to reset to */
    } else {
        int rc = normalise(d, v, buf, sizeof(buf), truncated, err);
        if (rc < 0)
            return -1;
        is_null = rc == 1;
    }
    char *nv = is_null ? NULL : duet_strdup(buf);
    /* transaction_isolation and tx_isolation (and the read-only pair) are one setting. */
    const char *alias = NULL;
    if (strcmp(d->name, "transaction_isolation") == 0)
        alias = "tx_isolation";
    else if (strcmp(d->name, "tx_isolation") == 0)
        alias = "transaction_isolation";
    else if (strcmp(d->name, "transaction_read_only") == 0)
        alias = "tx_read_only";
    else if (strcmp(d->name, "tx_read_only") == 0)
        alias = "transaction_read_only";
    int j = alias ? def_index(alias, strlen(alias)) : -1;
    if (global) {
        pthread_mutex_lock(&g->lock);
        duet_free(g->vals[i]);
        g->vals[i] = nv;
        g->saved[i] = true;
        if (j >= 0) {
            duet_free(g->vals[j]);
            g->vals[j] = nv ? duet_strdup(nv) : NULL;
            g->saved[j] = true;
        }
        int wrc = persist_write(g);
        pthread_mutex_unlock(&g->lock);
        if (wrc < 0)
            return duet_err_set(err, ER_GENERIC, "SET GLOBAL %s: cannot save to %s", d->name,
                                g->path);
    } else {
        duet_free(s->vals[i]);
        s->vals[i] = nv;
        if (j >= 0) {
            duet_free(s->vals[j]);
            s->vals[j] = nv ? duet_strdup(nv) : NULL;
        }
    }
    return 0;
}

static const struct {
    uint16_t id;
    const char *charset, *collation;
} collations[] = {
    {8, "latin1", "latin1_swedish_ci"},
    {11, "ascii", "ascii_general_ci"},
    {28, "gbk", "gbk_chinese_ci"},
    {33, "utf8", "utf8_general_ci"},
    {45, "utf8mb4", "utf8mb4_general_ci"},
    {46, "utf8mb4", "utf8mb4_bin"},
    {47, "latin1", "latin1_bin"},
    {63, "binary", "binary"},
    {65, "ascii", "ascii_bin"},
    {83, "utf8", "utf8_bin"},
    {87, "gbk", "gbk_bin"},
    {192, "utf8", "utf8_unicode_ci"},
    {224, "utf8mb4", "utf8mb4_unicode_ci"},
    {248, "gb18030", "gb18030_chinese_ci"},
    {249, "gb18030", "gb18030_bin"},
    {255, "utf8mb4", "utf8mb4_0900_ai_ci"},
    {309, "utf8mb4", "utf8mb4_0900_bin"},
};

static void session_put(proxy_sysvar_session_t *s, const char *name, const char *value)
{
    int i = def_index(name, strlen(name));
    duet_free(s->vals[i]);
    s->vals[i] = duet_strdup(value);
}

int proxy_sysvar_session_collation(proxy_sysvars_t *g, proxy_sysvar_session_t *s, uint16_t id)
{
    (void)g;
    for (size_t k = 0; k < sizeof(collations) / sizeof(collations[0]); k++) {
        if (collations[k].id != id)
            continue;
        session_put(s, "character_set_client", collations[k].charset);
        session_put(s, "character_set_connection", collations[k].charset);
        session_put(s, "character_set_results", collations[k].charset);
        session_put(s, "collation_connection", collations[k].collation);
        return 0;
    }
    return -1;
}

bool proxy_sysvar_session_bool(const proxy_sysvar_session_t *s, const char *name)
{
    int i = def_index(name, strlen(name));
    return i >= 0 && s->vals[i] != NULL && strcmp(s->vals[i], "ON") == 0;
}

int64_t proxy_sysvar_session_int(const proxy_sysvar_session_t *s, const char *name)
{
    int i = def_index(name, strlen(name));
    return (i >= 0 && s->vals[i] != NULL) ? strtoll(s->vals[i], NULL, 10) : 0;
}

int64_t proxy_sysvar_global_int(proxy_sysvars_t *g, const char *name)
{
    int i = def_index(name, strlen(name));
    if (i < 0)
        return 0;
    pthread_mutex_lock(&g->lock);
    int64_t v = g->vals[i] ? strtoll(g->vals[i], NULL, 10) : 0;
    pthread_mutex_unlock(&g->lock);
    return v;
}
