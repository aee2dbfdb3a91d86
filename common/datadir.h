/* datadir.h - a role's data directory: created on first start, held by one process at a time. */
#ifndef DUET_COMMON_DATADIR_H
#define DUET_COMMON_DATADIR_H

#include "common/err.h"

typedef struct duet_datadir {
    char path[4096];
    int lock_fd; /* holds an exclusive flock on <path>/LOCK while open */
} duet_datadir_t;

/*
 * duet_datadir_open: creates path (and missing parents, mode 0750) if needed and
 * takes an exclusive lock on <path>/LOCK, so that two processes never share one
 * data directory. Returns 0, or -1 with err set when the directory cannot be made
 * or another process holds it.
 */
int duet_datadir_open(duet_datadir_t *d, const char *path, duet_err_t *err);

/* duet_datadir_close: releases the lock. Safe to call on a closed directory. */
void duet_datadir_close(duet_datadir_t *d);

/* duet_mkdirs: mkdir -p with mode; returns 0 or -1 (errno set). */
int duet_mkdirs(const char *path, int mode);

#endif
