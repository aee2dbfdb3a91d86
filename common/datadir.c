/* datadir.c - data directory creation and locking (see datadir.h). */
#include "common/datadir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int duet_mkdirs(const char *path, int mode)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, (mode_t)mode) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(tmp, (mode_t)mode) < 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(tmp, &st) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int duet_datadir_open(duet_datadir_t *d, const char *path, duet_err_t *err)
{
    d->lock_fd = -1;
    if (snprintf(d->path, sizeof(d->path), "%s", path) >= (int)sizeof(d->path))
        return duet_err_set(err, ER_GENERIC, "data directory path is too long");
    if (duet_mkdirs(path, 0750) < 0)
        return duet_err_set(err, ER_GENERIC, "cannot create data directory %s: %s", path,
                            strerror(errno));
    char lock[4200];
    snprintf(lock, sizeof(lock), "%s/LOCK", path);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return duet_err_set(err, ER_GENERIC, "cannot open %s: %s", lock, strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        int e = errno;
        close(fd);
        if (e == EWOULDBLOCK)
            return duet_err_set(err, ER_GENERIC,
                                "data directory %s is in use by another duet process", path);
        return duet_err_set(err, ER_GENERIC, "cannot lock %s: %s", lock, strerror(e));
    }
    /* Record the holder's pid for people looking at the directory. */
    char pid[32];
    int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && write(fd, pid, (size_t)n) < 0)
        (void)0;
    d->lock_fd = fd;
    return 0;
}

void duet_datadir_close(duet_datadir_t *d)
{
    if (d->lock_fd >= 0) {
        flock(d->lock_fd, LOCK_UN);
        close(d->lock_fd);
        d->lock_fd = -1;
    }
}
