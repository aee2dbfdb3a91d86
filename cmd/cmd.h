/* cmd.h - the duet binary's subcommands and the option handling they share. */
#ifndef DUET_CMD_CMD_H
#define DUET_CMD_CMD_H

#include "common/config.h"

/* Exit statuses: 0 success, 1 a runtime failure, 2 a usage or configuration error. */
#define CMD_EXIT_OK    0
#define CMD_EXIT_FAIL  1
#define CMD_EXIT_USAGE 2

/* A subcommand: run receives argv with argv[0] = "duet <name>". */
typedef struct cmd_def {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} cmd_def_t;

/*
 * cmd_server_options: parses the options every server role takes (--config,
 * --host, -P/--port, --path, --socket, --status-port, -L/--log-level,
 * --log-file, -h/--help) into c, starting from the defaults and the config file.
 * Command-line values override the file. usage is printed for --help (exit 0)
 * and, with the error, for anything wrong (exit 2). Returns -1 when the caller
 * should exit with *exit_code, else 0.
 */
int cmd_server_options(int argc, char **argv, const char *usage, duet_config_t *c, int *exit_code);

/* cmd_not_built: the answer of a subcommand that does not exist yet (exit 2). */
int cmd_not_built(const char *name, int argc, char **argv);

int cmd_up(int argc, char **argv);

#endif
