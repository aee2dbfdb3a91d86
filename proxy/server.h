/* server.h - the MySQL protocol server: listeners, libevent loops, connections, the worker
 * pool that runs statements, the connection registry, and the status HTTP port. */
#ifndef DUET_PROXY_SERVER_H
#define DUET_PROXY_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/config.h"
#include "common/err.h"
#include "proxy/sysvar.h"
#include "proxy/users.h"

typedef struct proxy_server proxy_server_t;

/*
 * proxy_db_exists_fn: the catalog's answer to "does database name exist?", used by
 * COM_INIT_DB and the handshake's database. The catalog registers it once it exists;
 * until then every database is unknown (error 1049).
 */
typedef bool (*proxy_db_exists_fn)(void *ctx, const char *name, size_t len);

/*
 * proxy_server_create: prepares a server for cfg on the data directory datadir
 * (already open): TLS material (loaded or generated there), users, system variables.
 * Binds nothing yet. Returns the server, or NULL with err. Main thread.
 */
proxy_server_t *proxy_server_create(const duet_config_t *cfg, const char *datadir, duet_err_t *err);

/* proxy_server_set_catalog: registers the database-existence hook. Before start. */
void proxy_server_set_catalog(proxy_server_t *s, proxy_db_exists_fn fn, void *ctx);

/*
 * proxy_server_start: binds host:port (and the Unix socket when configured, and the
 * status port when non-zero), starts the event loops ([performance] max-procs of them,
 * one per core when 0) and the statement worker pool (4 per loop, at least 8). Returns 0,
 * or -1 with err (e.g. the port is in use); nothing keeps running on failure. Main
 * thread.
 */
int proxy_server_start(proxy_server_t *s, duet_err_t *err);

/* proxy_server_port: the bound MySQL port (useful when cfg asked for port 0). */
int proxy_server_port(const proxy_server_t *s);

/*
 * proxy_server_stop: stops accepting, closes every connection (statements still
 * running are interrupted and their connections closed when they return), stops the
 * status port, and joins all threads. Main thread; idempotent.
 */
void proxy_server_stop(proxy_server_t *s);

/* proxy_server_destroy: stops if needed and frees everything. NULL allowed. */
void proxy_server_destroy(proxy_server_t *s);

/* proxy_server_users / proxy_server_sysvars: the shared user table and globals. */
proxy_users_t *proxy_server_users(proxy_server_t *s);
proxy_sysvars_t *proxy_server_sysvars(proxy_server_t *s);

/* proxy_server_connections: connections currently open. Thread-safe. */
int proxy_server_connections(proxy_server_t *s);

struct proxy_metrics;
/* proxy_server_metrics: the server's counters (SHOW STATUS via proxy_metrics_status,
 * COM_STATISTICS, /metrics). Thread-safe. */
struct proxy_metrics *proxy_server_metrics(proxy_server_t *s);

/* proxy_process_t: one row of SHOW PROCESSLIST. */
typedef struct proxy_process {
    uint64_t id;
    char user[33];
    char host[80];       /* "127.0.0.1:54321", "localhost" for the Unix socket */
    char db[65];         /* "" for NULL */
    const char *command; /* "Sleep", "Query", "Prepare", "Execute", "Fetch" */
    int64_t time;        /* seconds in the current command or idle */
    char *info;          /* the running statement, NULL when idle (heap) */
} proxy_process_t;

/*
 * proxy_server_processlist: a snapshot of the logged-in connections, newest first, in a
 * heap array the caller frees with proxy_processlist_free. Returns 0. Thread-safe.
 */
int proxy_server_processlist(proxy_server_t *s, proxy_process_t **out, size_t *n);
void proxy_processlist_free(proxy_process_t *p, size_t n);

struct proxy_session;
/*
 * proxy_server_kill: KILL [CONNECTION | QUERY] id on behalf of session by (root may kill
 * anyone, other users their own connections). QUERY makes the running statement end with
 * error 1317; CONNECTION also closes the connection. Returns 0, or -1 with err 1094
 * (unknown id) or 1095 (not the owner). Any thread.
 */
int proxy_server_kill(proxy_server_t *s, const struct proxy_session *by, uint64_t id,
                      bool query_only, duet_err_t *err);

#endif
