/* err.h - the error value every fallible duet function fills: MySQL errno, SQLSTATE, message. */
#ifndef DUET_COMMON_ERR_H
#define DUET_COMMON_ERR_H

#include <stdbool.h>

#include "common/errmsg.h"

/* MYSQL_ERRMSG_SIZE: clients cap error messages at 512 bytes. */
#define DUET_ERRMSG_SIZE 512

/*
 * duet_err_t: zero-initialised means "no error". Functions that can fail return
 * 0 on success or a negative value on failure, and fill the caller's duet_err_t.
 */
typedef struct duet_err {
    int code;         /* MySQL errno; 0 when no error */
    char sqlstate[6]; /* five characters and NUL */
    char msg[DUET_ERRMSG_SIZE];
} duet_err_t;

/*
 * duet_err_set: fills e from an errmsg.h entry and its arguments, e.g.
 *     return duet_err_set(e, ER_BAD_DB_ERROR, name);
 * A message longer than DUET_ERRMSG_SIZE-1 is cut at a UTF-8 character boundary.
 * e may be NULL (the error is then dropped). Always returns -1.
 */
int duet_err_set(duet_err_t *e, int code, const char *sqlstate, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* duet_err_clear: resets e to "no error". */
void duet_err_clear(duet_err_t *e);

/* duet_err_is_set: true when e holds an error. */
bool duet_err_is_set(const duet_err_t *e);

/* duet_err_copy: copies src into dst (dst may be NULL). Returns -1 when src holds an
 * error, else 0. */
int duet_err_copy(duet_err_t *dst, const duet_err_t *src);

#endif
