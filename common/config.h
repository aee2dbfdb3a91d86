/* config.h - duet's configuration: defaults, the TOML file (TiDB's option names), and checks. */
#ifndef DUET_COMMON_CONFIG_H
#define DUET_COMMON_CONFIG_H

#include <limits.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/err.h"
#include "common/log.h"

/* Storage engines as TiDB names them; a set is a bit mask of these. */
enum {
    DUET_ENGINE_TIKV = 1u << 0,
    DUET_ENGINE_TIFLASH = 1u << 1,
    DUET_ENGINE_TIDB = 1u << 2,
    DUET_ENGINE_ALL = DUET_ENGINE_TIKV | DUET_ENGINE_TIFLASH | DUET_ENGINE_TIDB,
};

#define DUET_CONFIG_STR 512

typedef struct duet_config {
    char host[DUET_CONFIG_STR];   /* host: listen address, default 127.0.0.1 */
    int port;                     /* port: MySQL protocol port, default 4000 */
    char socket[DUET_CONFIG_STR]; /* socket: Unix socket path, "" for none */
    char path[DUET_CONFIG_STR];   /* path: data directory, default ./duet-data */
    int max_server_connections;   /* max-server-connections: 0 means unlimited */

    struct {
        duet_log_level_t level;         /* [log] level */
        char filename[DUET_CONFIG_STR]; /* [log.file] filename, "" for stderr */
        int slow_threshold_ms;          /* [log] slow-threshold */
    } log;

    struct {
        bool report_status;                /* [status] report-status */
        char status_host[DUET_CONFIG_STR]; /* [status] status-host */
        int status_port;                   /* [status] status-port, default 10080 */
    } status;

    struct {
        unsigned engines; /* [isolation-read] engines, DUET_ENGINE_* mask */
    } isolation_read;

    struct {
        bool enforce_mpp; /* [performance] enforce-mpp */
        int max_procs;    /* [performance] max-procs: worker threads, 0 = cores */
    } performance;

    struct {
        char ssl_cert[DUET_CONFIG_STR]; /* [security] ssl-cert */
        char ssl_key[DUET_CONFIG_STR];  /* [security] ssl-key */
        char ssl_ca[DUET_CONFIG_STR];   /* [security] ssl-ca */
        bool require_secure_transport;  /* [security] require-secure-transport */
    } security;
} duet_config_t;

/* duet_config_defaults: fills c with the documented defaults (conf/duet.toml). */
void duet_config_defaults(duet_config_t *c);

/*
 * duet_config_load_file: applies the TOML file at path on top of c. An unknown
 * key, a value of the wrong type or out of range is an error naming the file, the
 * line and the key, e.g.
 *     conf/duet.toml:7: unknown configuration key 'isolation-read.engins'
 * Returns 0, or -1 with err set (c may then be partly updated).
 */
int duet_config_load_file(duet_config_t *c, const char *path, duet_err_t *err);

/* duet_config_load_string: the same for text in memory; name labels errors. */
int duet_config_load_string(duet_config_t *c, const char *text, const char *name, duet_err_t *err);

/*
 * duet_config_set: sets one option by its dotted TOML name from a command-line
 * string ("port", "4001"), with the same checks as the file. Returns 0 or -1.
 */
int duet_config_set(duet_config_t *c, const char *key, const char *value, duet_err_t *err);

/*
 * duet_engines_parse: parses an engine list ("tikv, TiFlash") into a mask; items
 * are trimmed and matched case-insensitively; an empty item is skipped. Returns 0,
 * or -1 when an item is not tikv, tiflash or tidb, or the list is empty.
 */
int duet_engines_parse(const char *list, unsigned *mask);

/* duet_engines_format: writes the mask as TiDB shows it ("tikv,tiflash,tidb"). */
void duet_engines_format(unsigned mask, char *out, size_t outsz);

#endif
