/* test_util.h - helpers shared by the sql/ unit tests: parse and restore to a string. */
#ifndef DUET_TEST_SQL_UTIL_H
#define DUET_TEST_SQL_UTIL_H

#include <stddef.h>

#include "common/err.h"

/* restore_all: parses text with mode; on success returns the restored statements
 * joined by ";\n" (caller frees with duet_free) and sets *n; on failure returns
 * NULL and fills err. */
char *restore_all(const char *text, size_t len, unsigned mode, unsigned *n, duet_err_t *err);

/* roundtrip_corpus: runs every statement of the .sql files in tests/unit/sql/corpus through
 * parse, restore, parse, restore; returns the number of statements checked and
 * fails the test on the first mismatch. */
int roundtrip_corpus(void);

#endif
