/* main.c - the duet binary: one executable, one subcommand per role (design.md section 2). */
#include "cmd/cmd.h"
#include "duet_version.h"

#include <stdio.h>
#include <string.h>

static int cmd_server(int argc, char **argv)
{
    return cmd_not_built("server", argc, argv);
}
static int cmd_pd(int argc, char **argv)
{
    return cmd_not_built("pd", argc, argv);
}
static int cmd_kv(int argc, char **argv)
{
    return cmd_not_built("kv", argc, argv);
}
static int cmd_flash(int argc, char **argv)
{
    return cmd_not_built("flash", argc, argv);
}
static int cmd_cluster(int argc, char **argv)
{
    return cmd_not_built("cluster", argc, argv);
}
static int cmd_lightning(int argc, char **argv)
{
    return cmd_not_built("lightning", argc, argv);
}
static int cmd_ctl(int argc, char **argv)
{
    return cmd_not_built("ctl", argc, argv);
}

static const cmd_def_t commands[] = {
    {"up", "everything in one process: pd + kv + flash + SQL front end", cmd_up},
    {"server", "SQL front end (stateless; several may run)", cmd_server},
    {"pd", "placement driver: timestamps, stores, regions, placement rules", cmd_pd},
    {"kv", "row engine node (tikv)", cmd_kv},
    {"flash", "column engine node (tiflash)", cmd_flash},
    {"cluster", "start a local multi-process cluster from a topology file", cmd_cluster},
    {"lightning", "bulk-import Dumpling and CSV dumps", cmd_lightning},
    {"ctl", "administration: stores, regions, replicas, column files", cmd_ctl},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
    fprintf(out, "duet - a MySQL-compatible HTAP SQL system\n\n"
                 "Usage: duet <command> [options]\n"
                 "       duet <command> --help\n"
                 "       duet --version\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nOptions:\n"
                 "  -h, --help      show this help\n"
                 "  -V, --version   show the version and the git commit\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CMD_EXIT_USAGE;
    }
    const char *arg = argv[1];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "help") == 0) {
        usage(stdout);
        return CMD_EXIT_OK;
    }
    if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0 || strcmp(arg, "version") == 0) {
        printf("duet %s (git commit %s)\n", DUET_VERSION, DUET_GIT_COMMIT);
        return CMD_EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(arg, commands[i].name) == 0) {
            char name[64];
            snprintf(name, sizeof(name), "duet %s", commands[i].name);
            argv[1] = name;
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    if (arg[0] == '-')
        fprintf(stderr, "duet: unknown option '%s'\n\n", arg);
    else
        fprintf(stderr, "duet: unknown command '%s'\n\n", arg);
    usage(stderr);
    return CMD_EXIT_USAGE;
}
