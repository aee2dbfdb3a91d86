/* config.c - duet's configuration schema, defaults and checks (see config.h). */
#include "common/config.h"
#include "common/buf.h"
#include "common/toml.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum config_kind {
    CONFIG_STR,
    CONFIG_INT,
    CONFIG_BOOL,
    CONFIG_LOG_LEVEL,
    CONFIG_ENGINES,
} config_kind_t;

typedef struct config_opt {
    const char *name; /* dotted TOML name */
    config_kind_t kind;
    size_t offset;
    int64_t min, max; /* CONFIG_INT range */
} config_opt_t;

#define OPT(name, kind, field, lo, hi)                                                             \
    {                                                                                              \
        name, kind, offsetof(duet_config_t, field), lo, hi                                         \
    }

/* The schema: one row per option. conf/duet.toml documents each of them. */
static const config_opt_t config_opts[] = {
    OPT("host", CONFIG_STR, host, 0, 0),
    OPT("port", CONFIG_INT, port, 0, 65535),
    OPT("socket", CONFIG_STR, socket, 0, 0),
    OPT("path", CONFIG_STR, path, 0, 0),
    OPT("max-server-connections", CONFIG_INT, max_server_connections, 0, 1000000),
    OPT("log.level", CONFIG_LOG_LEVEL, log.level, 0, 0),
    OPT("log.slow-threshold", CONFIG_INT, log.slow_threshold_ms, 0, INT32_MAX),
    OPT("log.file.filename", CONFIG_STR, log.filename, 0, 0),
    OPT("status.report-status", CONFIG_BOOL, status.report_status, 0, 0),
    OPT("status.status-host", CONFIG_STR, status.status_host, 0, 0),
    OPT("status.status-port", CONFIG_INT, status.status_port, 0, 65535),
    OPT("isolation-read.engines", CONFIG_ENGINES, isolation_read.engines, 0, 0),
    OPT("performance.enforce-mpp", CONFIG_BOOL, performance.enforce_mpp, 0, 0),
    OPT("performance.max-procs", CONFIG_INT, performance.max_procs, 0, 1024),
    OPT("security.ssl-cert", CONFIG_STR, security.ssl_cert, 0, 0),
    OPT("security.ssl-key", CONFIG_STR, security.ssl_key, 0, 0),
    OPT("security.ssl-ca", CONFIG_STR, security.ssl_ca, 0, 0),
    OPT("security.require-secure-transport", CONFIG_BOOL, security.require_secure_transport, 0, 0),
};

#define NOPTS (sizeof(config_opts) / sizeof(config_opts[0]))

void duet_config_defaults(duet_config_t *c)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->host, sizeof(c->host), "127.0.0.1");
    c->port = 4000;
    snprintf(c->path, sizeof(c->path), "./duet-data");
    c->log.level = DUET_LOG_INFO;
    c->log.slow_threshold_ms = 300;
    c->status.report_status = true;
    snprintf(c->status.status_host, sizeof(c->status.status_host), "127.0.0.1");
    c->status.status_port = 10080;
    c->isolation_read.engines = DUET_ENGINE_ALL;
}

static const char *const engine_names[] = {"tikv", "tiflash", "tidb"};

int duet_engines_parse(const char *list, unsigned *mask)
{
    unsigned m = 0;
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        duet_str_t item = duet_str_trim((duet_str_t){p, comma ? (size_t)(comma - p) : strlen(p)});
        if (item.len > 0) {
            unsigned bit = 0;
            for (unsigned i = 0; i < 3; i++)
                if (duet_str_eq_ci(item, duet_str_from(engine_names[i])))
                    bit = 1u << i;
            if (bit == 0)
                return -1;
            m |= bit;
        }
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    if (m == 0)
        return -1;
    *mask = m;
    return 0;
}

void duet_engines_format(unsigned mask, char *out, size_t outsz)
{
    size_t pos = 0;
    out[0] = '\0';
    for (unsigned i = 0; i < 3; i++) {
        if (!(mask & (1u << i)))
            continue;
        int n = snprintf(out + pos, outsz - pos, "%s%s", pos ? "," : "", engine_names[i]);
        if (n < 0 || (size_t)n >= outsz - pos)
            return;
        pos += (size_t)n;
    }
}

static const config_opt_t *config_find(const char *name)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (strcmp(config_opts[i].name, name) == 0)
            return &config_opts[i];
    return NULL;
}

/* Whether any option lives below the dotted prefix (so a table there is known). */
static bool config_is_section(const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < NOPTS; i++)
        if (strncmp(config_opts[i].name, prefix, n) == 0 && config_opts[i].name[n] == '.')
            return true;
    return false;
}

static int config_bad(duet_err_t *err, const char *where, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int config_bad(duet_err_t *err, const char *where, const char *key, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return duet_err_set(err, ER_GENERIC, "%s: configuration key '%s' %s", where, key, what);
}

static int config_store_int(duet_config_t *c, const config_opt_t *o, int64_t v, const char *where,
                            duet_err_t *err)
{
    if (v < o->min || v > o->max)
        return config_bad(err, where, o->name, "must be between %lld and %lld, not %lld",
                          (long long)o->min, (long long)o->max, (long long)v);
    *(int *)((char *)c + o->offset) = (int)v;
    return 0;
}

static int config_store_str(duet_config_t *c, const config_opt_t *o, const char *s,
                            const char *where, duet_err_t *err)
{
    char *dst = (char *)c + o->offset;
    if (strlen(s) >= DUET_CONFIG_STR)
        return config_bad(err, where, o->name, "is longer than %d bytes", DUET_CONFIG_STR - 1);
    strcpy(dst, s);
    return 0;
}

static int config_store_level(duet_config_t *c, const config_opt_t *o, const char *s,
                              const char *where, duet_err_t *err)
{
    duet_log_level_t lvl;
    if (duet_log_level_parse(s, &lvl) < 0)
        return config_bad(err, where, o->name,
                          "must be one of debug, info, warn, error, fatal, not '%s'", s);
    *(duet_log_level_t *)((char *)c + o->offset) = lvl;
    return 0;
}

static int config_store_engines(duet_config_t *c, const config_opt_t *o, const char *list,
                                const char *where, duet_err_t *err)
{
    unsigned mask;
    if (duet_engines_parse(list, &mask) < 0)
        return config_bad(err, where, o->name,
                          "must list engines from \"tikv\", \"tiflash\", \"tidb\", not '%s'", list);
    *(unsigned *)((char *)c + o->offset) = mask;
    return 0;
}

static int config_wrong_type(duet_err_t *err, const char *where, const config_opt_t *o,
                             const duet_toml_value_t *v)
{
    static const char *const want[] = {
        [CONFIG_STR] = "a string",
        [CONFIG_INT] = "an integer",
        [CONFIG_BOOL] = "a boolean",
        [CONFIG_LOG_LEVEL] = "a string",
        [CONFIG_ENGINES] = "an array of strings",
    };
    return config_bad(err, where, o->name, "must be %s, not %s %s", want[o->kind],
                      v->type == DUET_TOML_INT || v->type == DUET_TOML_ARRAY ? "an" : "a",
                      duet_toml_type_name(v->type));
}

static int config_apply_value(duet_config_t *c, const config_opt_t *o, const duet_toml_value_t *v,
                              const char *where, duet_err_t *err)
{
    switch (o->kind) {
    case CONFIG_STR:
        if (v->type != DUET_TOML_STRING)
            return config_wrong_type(err, where, o, v);
        return config_store_str(c, o, v->u.s, where, err);
    case CONFIG_INT:
        if (v->type != DUET_TOML_INT)
            return config_wrong_type(err, where, o, v);
        return config_store_int(c, o, v->u.i, where, err);
    case CONFIG_BOOL:
        if (v->type != DUET_TOML_BOOL)
            return config_wrong_type(err, where, o, v);
        *(bool *)((char *)c + o->offset) = v->u.b;
        return 0;
    case CONFIG_LOG_LEVEL:
        if (v->type != DUET_TOML_STRING)
            return config_wrong_type(err, where, o, v);
        return config_store_level(c, o, v->u.s, where, err);
    case CONFIG_ENGINES: {
        if (v->type != DUET_TOML_ARRAY)
            return config_wrong_type(err, where, o, v);
        duet_buf_t list = DUET_BUF_INIT;
        int rc = 0;
        for (size_t i = 0; i < v->u.arr.n && rc == 0; i++) {
            if (v->u.arr.items[i]->type != DUET_TOML_STRING)
                rc = config_wrong_type(err, where, o, v->u.arr.items[i]);
            else
                duet_buf_printf(&list, "%s%s", i ? "," : "", v->u.arr.items[i]->u.s);
        }
        if (rc == 0)
            rc = config_store_engines(c, o, list.data ? list.data : "", where, err);
        duet_buf_free(&list);
        return rc;
    }
    }
    return -1;
}

static int config_apply_table(duet_config_t *c, const duet_toml_value_t *t, const char *prefix,
                              const char *name, duet_err_t *err)
{
    for (size_t i = 0; i < t->u.tab.n; i++) {
        const duet_toml_kv_t *kv = &t->u.tab.items[i];
        char full[256], where[DUET_CONFIG_STR + 32];
        snprintf(full, sizeof(full), "%s%s%s", prefix, prefix[0] ? "." : "", kv->key);
        snprintf(where, sizeof(where), "%s:%d", name, kv->value->line);
        const config_opt_t *o = config_find(full);
        if (o != NULL) {
            if (config_apply_value(c, o, kv->value, where, err) < 0)
                return -1;
        } else if (kv->value->type == DUET_TOML_TABLE && config_is_section(full)) {
            if (config_apply_table(c, kv->value, full, name, err) < 0)
                return -1;
        } else {
            return duet_err_set(err, ER_GENERIC, "%s: unknown configuration key '%s'", where, full);
        }
    }
    return 0;
}

int duet_config_load_string(duet_config_t *c, const char *text, const char *name, duet_err_t *err)
{
    duet_toml_doc_t *doc = duet_toml_parse(text, strlen(text), name, err);
    if (doc == NULL)
        return -1;
    int rc = config_apply_table(c, duet_toml_root(doc), "", name, err);
    duet_toml_free(doc);
    return rc;
}

int duet_config_load_file(duet_config_t *c, const char *path, duet_err_t *err)
{
    duet_toml_doc_t *doc = duet_toml_parse_file(path, err);
    if (doc == NULL)
        return -1;
    int rc = config_apply_table(c, duet_toml_root(doc), "", path, err);
    duet_toml_free(doc);
    return rc;
}

int duet_config_set(duet_config_t *c, const char *key, const char *value, duet_err_t *err)
{
    const config_opt_t *o = config_find(key);
    const char *where = "command line";
    if (o == NULL)
        return duet_err_set(err, ER_GENERIC, "%s: unknown configuration key '%s'", where, key);
    switch (o->kind) {
    case CONFIG_STR:
        return config_store_str(c, o, value, where, err);
    case CONFIG_INT: {
        char *end;
        errno = 0;
        long long v = strtoll(value, &end, 10);
        if (errno || end == value || *end != '\0')
            return config_bad(err, where, o->name, "must be an integer, not '%s'", value);
        return config_store_int(c, o, v, where, err);
    }
    case CONFIG_BOOL:
        if (strcasecmp(value, "true") == 0 || strcmp(value, "1") == 0 ||
            strcasecmp(value, "on") == 0)
            *(bool *)((char *)c + o->offset) = true;
        else if (strcasecmp(value, "false") == 0 || strcmp(value, "0") == 0 ||
                 strcasecmp(value, "off") == 0)
            *(bool *)((char *)c + o->offset) = false;
        else
            return config_bad(err, where, o->name, "must be true or false, not '%s'", value);
        return 0;
    case CONFIG_LOG_LEVEL:
        return config_store_level(c, o, value, where, err);
    case CONFIG_ENGINES:
        return config_store_engines(c, o, value, where, err);
    }
    return -1;
}
