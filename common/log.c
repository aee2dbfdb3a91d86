/* log.c - structured one-line log records (see log.h). */
#include "common/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The fd is set at start-up (duet_log_open) before threads exist; level is atomic. */
static int log_fd = STDERR_FILENO;
static _Atomic int log_level = DUET_LOG_INFO;

static const char *const log_level_names[] = {"DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

int duet_log_open(const char *path, duet_log_level_t level)
{
    atomic_store(&log_level, (int)level);
    if (path == NULL || path[0] == '\0')
        return 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    duet_log_close();
    log_fd = fd;
    return 0;
}

void duet_log_close(void)
{
    if (log_fd != STDERR_FILENO) {
        close(log_fd);
        log_fd = STDERR_FILENO;
    }
}

void duet_log_set_level(duet_log_level_t level)
{
    atomic_store(&log_level, (int)level);
}

bool duet_log_enabled(duet_log_level_t level)
{
    return (int)level >= atomic_load(&log_level);
}

int duet_log_level_parse(const char *s, duet_log_level_t *out)
{
    static const char *const names[] = {"debug", "info", "warn", "error", "fatal"};
    for (int i = 0; i < 5; i++) {
        if (strcasecmp(s, names[i]) == 0) {
            *out = (duet_log_level_t)i;
            return 0;
        }
    }
    if (strcasecmp(s, "warning") == 0) {
        *out = DUET_LOG_WARN;
        return 0;
    }
    return -1;
}

void duet_log_write(duet_log_level_t level, const char *module, const char *fmt, ...)
{
    if (!duet_log_enabled(level))
        return;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    long off = tm.tm_gmtoff;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;

    char line[4096];
    int n = snprintf(line, sizeof(line),
                     "[%04d/%02d/%02d %02d:%02d:%02d.%03ld %c%02ld:%02ld] [%s] [%s] [thread=%ld] ",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     ts.tv_nsec / 1000000, sign, off / 3600, (off % 3600) / 60,
                     log_level_names[level], module, (long)syscall(SYS_gettid));
    if (n < 0)
        return;
    size_t pos = (size_t)n;
    /* Escape control characters so one record is one line. */
    for (const char *p = msg; *p && pos + 5 < sizeof(line); p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n') {
            line[pos++] = '\\';
            line[pos++] = 'n';
        } else if (c < 0x20 || c == 0x7f) {
            pos += (size_t)snprintf(line + pos, sizeof(line) - pos, "\\x%02x", c);
        } else {
            line[pos++] = (char)c;
        }
    }
    line[pos++] = '\n';
    ssize_t w = write(log_fd, line, pos);
    (void)w;
}
