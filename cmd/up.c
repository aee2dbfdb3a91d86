/* up.c - `duet up`: the embedded all-in-one system on one data directory. */
#define DUET_LOG_MODULE "up"
#include "cmd/cmd.h"
#include "common/datadir.h"
#include "common/log.h"
#include "duet_version.h"
#include "proxy/server.h"
#include "proxy/users.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static const char up_usage[] =
    "Usage: duet up [options]\n\n"
    "Runs pd, kv, flash and the SQL front end in one process on one data directory.\n\n"
    "Options:\n"
    "  --config FILE         TOML configuration file (see conf/duet.toml)\n"
    "  --host ADDR           address of the MySQL protocol listener (default 127.0.0.1)\n"
    "  -P, --port N          MySQL protocol port (default 4000)\n"
    "  --socket PATH         also listen on this Unix socket\n"
    "  --path DIR            data directory (default ./duet-data)\n"
    "  --status-port N       status HTTP port (default 10080)\n"
    "  -L, --log-level LVL   debug, info, warn, error or fatal (default info)\n"
    "  --log-file FILE       write the log to FILE instead of stderr\n"
    "  -h, --help            show this help\n\n"
    "Command-line options override the configuration file.\n\n"
    "Environment:\n"
    "  DUET_BOOTSTRAP_USERS  accounts to create at start, \"name:plugin:password,...\"\n"
    "                        (plugin native or sha2); for tests until CREATE USER exists\n";

int cmd_up(int argc, char **argv)
{
    duet_config_t cfg;
    int code;
    if (cmd_server_options(argc, argv, up_usage, &cfg, &code) < 0)
        return code;
    if (duet_log_open(cfg.log.filename, cfg.log.level) < 0) {
        fprintf(stderr, "duet up: cannot open log file %s\n", cfg.log.filename);
        return CMD_EXIT_USAGE;
    }

    /* Block the stop signals before any thread starts, then wait for one. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    duet_err_t err = {0};
    duet_datadir_t dir;
    if (duet_datadir_open(&dir, cfg.path, &err) < 0) {
        log_error("%s", err.msg);
        return CMD_EXIT_FAIL;
    }
    char engines[64];
    duet_engines_format(cfg.isolation_read.engines, engines, sizeof(engines));
    log_info("duet %s (git commit %s) starting", DUET_VERSION, DUET_GIT_COMMIT);
    log_info("data directory: %s", dir.path);
    proxy_server_t *srv = proxy_server_create(&cfg, dir.path, &err);
    if (srv == NULL) {
        log_error("%s", err.msg);
        duet_datadir_close(&dir);
        return CMD_EXIT_FAIL;
    }
    const char *boot = getenv("DUET_BOOTSTRAP_USERS");
    if (boot != NULL && *boot && proxy_users_bootstrap(proxy_server_users(srv), boot, &err) < 0) {
        log_error("DUET_BOOTSTRAP_USERS: %s", err.msg);
        proxy_server_destroy(srv);
        duet_datadir_close(&dir);
        return CMD_EXIT_USAGE;
    }
    if (proxy_server_start(srv, &err) < 0) {
        log_error("%s", err.msg);
        proxy_server_destroy(srv);
        duet_datadir_close(&dir);
        return CMD_EXIT_FAIL;
    }
    log_info("MySQL protocol: %s:%d", cfg.host, proxy_server_port(srv));
    if (cfg.socket[0])
        log_info("MySQL protocol: unix socket %s", cfg.socket);
    if (cfg.status.report_status && cfg.status.status_port > 0)
        log_info("status HTTP: %s:%d",
                 cfg.status.status_host[0] ? cfg.status.status_host : "127.0.0.1",
                 cfg.status.status_port);
    log_info("isolation-read engines: %s; enforce-mpp: %s", engines,
             cfg.performance.enforce_mpp ? "true" : "false");
    log_info("ready; stop with Ctrl-C or SIGTERM");

    int sig = 0;
    sigwait(&stop, &sig);
    log_info("received signal %d, shutting down", sig);
    proxy_server_stop(srv);
    proxy_server_destroy(srv);
    log_info("all connections closed");
    duet_datadir_close(&dir);
    return CMD_EXIT_OK;
}
