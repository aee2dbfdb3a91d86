/* log.h - structured one-line log records with level, time, thread and module. */
#ifndef DUET_COMMON_LOG_H
#define DUET_COMMON_LOG_H

#include <stdbool.h>

typedef enum duet_log_level {
    DUET_LOG_DEBUG = 0,
    DUET_LOG_INFO,
    DUET_LOG_WARN,
    DUET_LOG_ERROR,
    DUET_LOG_FATAL,
} duet_log_level_t;

/*
 * duet_log_open: sends records to path (appending), or to stderr when path is
 * NULL or empty, at level and above. Returns 0, or -1 when the file cannot be
 * opened (records then keep going to stderr). Call before starting threads.
 */
int duet_log_open(const char *path, duet_log_level_t level);

/* duet_log_close: closes a log file opened by duet_log_open; later records go to stderr. */
void duet_log_close(void);

/* duet_log_set_level: changes the minimum level. Thread-safe. */
void duet_log_set_level(duet_log_level_t level);

/* duet_log_enabled: whether a record at level would be written. */
bool duet_log_enabled(duet_log_level_t level);

/* duet_log_level_parse: "debug", "info", "warn", "error", "fatal" (any case).
 * Returns 0 and sets *out, or -1 for anything else. */
int duet_log_level_parse(const char *s, duet_log_level_t *out);

/*
 * duet_log_write: writes one record:
 *     [2026/11/22 10:00:00.123 +00:00] [INFO] [proxy] [thread=4242] message
 * Newlines and control characters in the message are escaped so a record is
 * always one line. Thread-safe; a record is written with a single write(2).
 */
void duet_log_write(duet_log_level_t level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Each .c file that logs defines DUET_LOG_MODULE ("proxy", "kv", ...) before
 * including this header, then uses the macros below.
 */
#ifndef DUET_LOG_MODULE
#define DUET_LOG_MODULE "duet"
#endif

#define log_debug(...)                                                                             \
    do {                                                                                           \
        if (duet_log_enabled(DUET_LOG_DEBUG))                                                      \
            duet_log_write(DUET_LOG_DEBUG, DUET_LOG_MODULE, __VA_ARGS__);                          \
    } while (0)
#define log_info(...)  duet_log_write(DUET_LOG_INFO, DUET_LOG_MODULE, __VA_ARGS__)
#define log_warn(...)  duet_log_write(DUET_LOG_WARN, DUET_LOG_MODULE, __VA_ARGS__)
#define log_error(...) duet_log_write(DUET_LOG_ERROR, DUET_LOG_MODULE, __VA_ARGS__)

#endif
