/* options.c - command-line options shared by duet's server roles (see cmd.h). */
#include "cmd/cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

enum {
    OPT_CONFIG = 256,
    OPT_HOST,
    OPT_PATH,
    OPT_SOCKET,
    OPT_STATUS_PORT,
    OPT_LOG_FILE,
};

static const struct option server_long_opts[] = {
    {"config", required_argument, NULL, OPT_CONFIG},
    {"host", required_argument, NULL, OPT_HOST},
    {"port", required_argument, NULL, 'P'},
    {"path", required_argument, NULL, OPT_PATH},
    {"socket", required_argument, NULL, OPT_SOCKET},
    {"status-port", required_argument, NULL, OPT_STATUS_PORT},
    {"log-level", required_argument, NULL, 'L'},
    {"log-file", required_argument, NULL, OPT_LOG_FILE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Maps an option to its configuration key; NULL for options that are not keys. */
static const char *server_opt_key(int opt)
{
    switch (opt) {
    case OPT_HOST:
        return "host";
    case 'P':
        return "port";
    case OPT_PATH:
        return "path";
    case OPT_SOCKET:
        return "socket";
    case OPT_STATUS_PORT:
        return "status.status-port";
    case 'L':
        return "log.level";
    case OPT_LOG_FILE:
        return "log.file.filename";
    default:
        return NULL;
    }
}

int cmd_server_options(int argc, char **argv, const char *usage, duet_config_t *c, int *exit_code)
{
    duet_config_defaults(c);
    const char *config_path = NULL;
    duet_err_t err = {0};

    /* First pass: find --config and --help; the file is applied before the other
     * options so that the command line overrides it. */
    opterr = 0;
    optind = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, ":hP:L:", server_long_opts, NULL)) != -1) {
        if (opt == 'h') {
            fputs(usage, stdout);
            *exit_code = CMD_EXIT_OK;
            return -1;
        }
        if (opt == OPT_CONFIG)
            config_path = optarg;
        if (opt == '?' || opt == ':') {
            if (opt == ':')
                fprintf(stderr, "%s: option '%s' needs a value\n", argv[0], argv[optind - 1]);
            else
                fprintf(stderr, "%s: unknown option '%s'\n", argv[0], argv[optind - 1]);
            fputs(usage, stderr);
            *exit_code = CMD_EXIT_USAGE;
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0], argv[optind]);
        fputs(usage, stderr);
        *exit_code = CMD_EXIT_USAGE;
        return -1;
    }
    if (config_path && duet_config_load_file(c, config_path, &err) < 0) {
        fprintf(stderr, "%s: %s\n", argv[0], err.msg);
        *exit_code = CMD_EXIT_USAGE;
        return -1;
    }

    optind = 1;
    while ((opt = getopt_long(argc, argv, ":hP:L:", server_long_opts, NULL)) != -1) {
        const char *key = server_opt_key(opt);
        if (key && duet_config_set(c, key, optarg, &err) < 0) {
            fprintf(stderr, "%s: %s\n", argv[0], err.msg);
            *exit_code = CMD_EXIT_USAGE;
            return -1;
        }
    }
    return 0;
}

int cmd_not_built(const char *name, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("Usage: duet %s [options]\n\n"
                   "'duet %s' is not built yet in this version of duet.\n",
                   name, name);
            return CMD_EXIT_OK;
        }
    }
    fprintf(stderr, "duet %s: not built yet in this version of duet\n", name);
    return CMD_EXIT_USAGE;
}
