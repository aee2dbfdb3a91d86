/* sqlmode.h - the sql_mode bits (MySQL's values) that change how types/ converts values. */
#ifndef DUET_TYPES_SQLMODE_H
#define DUET_TYPES_SQLMODE_H

#include <stdint.h>

/* Bit values as MySQL 8 numbers them (@@sql_mode is a set of these). */
#define TYPES_MODE_REAL_AS_FLOAT              (1ull << 0)
#define TYPES_MODE_PIPES_AS_CONCAT            (1ull << 1)
#define TYPES_MODE_ANSI_QUOTES                (1ull << 2)
#define TYPES_MODE_IGNORE_SPACE               (1ull << 3)
#define TYPES_MODE_ONLY_FULL_GROUP_BY         (1ull << 5)
#define TYPES_MODE_NO_UNSIGNED_SUBTRACTION    (1ull << 6)
#define TYPES_MODE_NO_DIR_IN_CREATE           (1ull << 7)
#define TYPES_MODE_ANSI                       (1ull << 18)
#define TYPES_MODE_NO_AUTO_VALUE_ON_ZERO      (1ull << 19)
#define TYPES_MODE_NO_BACKSLASH_ESCAPES       (1ull << 20)
#define TYPES_MODE_STRICT_TRANS_TABLES        (1ull << 21)
#define TYPES_MODE_STRICT_ALL_TABLES          (1ull << 22)
#define TYPES_MODE_NO_ZERO_IN_DATE            (1ull << 23)
#define TYPES_MODE_NO_ZERO_DATE               (1ull << 24)
#define TYPES_MODE_ALLOW_INVALID_DATES        (1ull << 25)
#define TYPES_MODE_ERROR_FOR_DIVISION_BY_ZERO (1ull << 26)
#define TYPES_MODE_TRADITIONAL                (1ull << 27)
#define TYPES_MODE_HIGH_NOT_PRECEDENCE        (1ull << 29)
#define TYPES_MODE_NO_ENGINE_SUBSTITUTION     (1ull << 30)
#define TYPES_MODE_PAD_CHAR_TO_FULL_LENGTH    (1ull << 31)
#define TYPES_MODE_TIME_TRUNCATE_FRACTIONAL   (1ull << 32)

/* TYPES_MODE_STRICT: either strict mode bit. */
#define TYPES_MODE_STRICT (TYPES_MODE_STRICT_TRANS_TABLES | TYPES_MODE_STRICT_ALL_TABLES)

/* MySQL 8's default: ONLY_FULL_GROUP_BY, STRICT_TRANS_TABLES, NO_ZERO_IN_DATE,
 * NO_ZERO_DATE, ERROR_FOR_DIVISION_BY_ZERO, NO_ENGINE_SUBSTITUTION. */
#define TYPES_MODE_DEFAULT                                                                         \
    (TYPES_MODE_ONLY_FULL_GROUP_BY | TYPES_MODE_STRICT_TRANS_TABLES | TYPES_MODE_NO_ZERO_IN_DATE | \
     TYPES_MODE_NO_ZERO_DATE | TYPES_MODE_ERROR_FOR_DIVISION_BY_ZERO |                             \
     TYPES_MODE_NO_ENGINE_SUBSTITUTION)

typedef uint64_t types_sqlmode_t;

#endif
