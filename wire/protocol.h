/* protocol.h - MySQL protocol constants: capabilities, status flags, commands, field types. */
#ifndef DUET_WIRE_PROTOCOL_H
#define DUET_WIRE_PROTOCOL_H

#include <stdint.h>

/* Capability flags. Bit 0 is CLIENT_LONG_PASSWORD in MySQL and CLIENT_MYSQL in MariaDB. */
#define WIRE_CLIENT_MYSQL                          (1u << 0)
#define WIRE_CLIENT_LONG_PASSWORD                  (1u << 0)
#define WIRE_CLIENT_FOUND_ROWS                     (1u << 1)
#define WIRE_CLIENT_LONG_FLAG                      (1u << 2)
#define WIRE_CLIENT_CONNECT_WITH_DB                (1u << 3)
#define WIRE_CLIENT_NO_SCHEMA                      (1u << 4)
#define WIRE_CLIENT_COMPRESS                       (1u << 5)
#define WIRE_CLIENT_ODBC                           (1u << 6)
#define WIRE_CLIENT_LOCAL_FILES                    (1u << 7)
#define WIRE_CLIENT_IGNORE_SPACE                   (1u << 8)
#define WIRE_CLIENT_PROTOCOL_41                    (1u << 9)
#define WIRE_CLIENT_INTERACTIVE                    (1u << 10)
#define WIRE_CLIENT_SSL                            (1u << 11)
#define WIRE_CLIENT_IGNORE_SIGPIPE                 (1u << 12)
#define WIRE_CLIENT_TRANSACTIONS                   (1u << 13)
#define WIRE_CLIENT_RESERVED                       (1u << 14)
#define WIRE_CLIENT_SECURE_CONNECTION              (1u << 15)
#define WIRE_CLIENT_MULTI_STATEMENTS               (1u << 16)
#define WIRE_CLIENT_MULTI_RESULTS                  (1u << 17)
#define WIRE_CLIENT_PS_MULTI_RESULTS               (1u << 18)
#define WIRE_CLIENT_PLUGIN_AUTH                    (1u << 19)
#define WIRE_CLIENT_CONNECT_ATTRS                  (1u << 20)
#define WIRE_CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA (1u << 21)
#define WIRE_CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS   (1u << 22)
#define WIRE_CLIENT_SESSION_TRACK                  (1u << 23)
#define WIRE_CLIENT_DEPRECATE_EOF                  (1u << 24)
#define WIRE_CLIENT_OPTIONAL_RESULTSET_METADATA    (1u << 25)
#define WIRE_CLIENT_ZSTD_COMPRESSION               (1u << 26)
#define WIRE_CLIENT_QUERY_ATTRIBUTES               (1u << 27)

/* What duet implements; SSL and COMPRESS are added when available. */
#define WIRE_SERVER_CAPABILITIES                                                                   \
    (WIRE_CLIENT_MYSQL | WIRE_CLIENT_FOUND_ROWS | WIRE_CLIENT_LONG_FLAG |                          \
     WIRE_CLIENT_CONNECT_WITH_DB | WIRE_CLIENT_PROTOCOL_41 | WIRE_CLIENT_TRANSACTIONS |            \
     WIRE_CLIENT_SECURE_CONNECTION | WIRE_CLIENT_MULTI_STATEMENTS | WIRE_CLIENT_MULTI_RESULTS |    \
     WIRE_CLIENT_PS_MULTI_RESULTS | WIRE_CLIENT_PLUGIN_AUTH | WIRE_CLIENT_CONNECT_ATTRS |          \
     WIRE_CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | WIRE_CLIENT_DEPRECATE_EOF |                      \
     WIRE_CLIENT_LOCAL_FILES)

/* Server status flags. */
#define WIRE_STATUS_IN_TRANS             0x0001
#define WIRE_STATUS_AUTOCOMMIT           0x0002
#define WIRE_STATUS_MORE_RESULTS_EXISTS  0x0008
#define WIRE_STATUS_NO_GOOD_INDEX_USED   0x0010
#define WIRE_STATUS_NO_INDEX_USED        0x0020
#define WIRE_STATUS_CURSOR_EXISTS        0x0040
#define WIRE_STATUS_LAST_ROW_SENT        0x0080
#define WIRE_STATUS_DB_DROPPED           0x0100
#define WIRE_STATUS_NO_BACKSLASH_ESCAPES 0x0200
#define WIRE_STATUS_METADATA_CHANGED     0x0400
#define WIRE_STATUS_QUERY_WAS_SLOW       0x0800
#define WIRE_STATUS_PS_OUT_PARAMS        0x1000
#define WIRE_STATUS_IN_TRANS_READONLY    0x2000

/* Commands (first payload byte of a client packet). */
enum {
    WIRE_COM_SLEEP = 0x00,
    WIRE_COM_QUIT = 0x01,
    WIRE_COM_INIT_DB = 0x02,
    WIRE_COM_QUERY = 0x03,
    WIRE_COM_FIELD_LIST = 0x04,
    WIRE_COM_CREATE_DB = 0x05,
    WIRE_COM_DROP_DB = 0x06,
    WIRE_COM_REFRESH = 0x07,
    WIRE_COM_SHUTDOWN = 0x08,
    WIRE_COM_STATISTICS = 0x09,
    WIRE_COM_PROCESS_INFO = 0x0a,
    WIRE_COM_CONNECT = 0x0b,
    WIRE_COM_PROCESS_KILL = 0x0c,
    WIRE_COM_DEBUG = 0x0d,
    WIRE_COM_PING = 0x0e,
    WIRE_COM_TIME = 0x0f,
    WIRE_COM_DELAYED_INSERT = 0x10,
    WIRE_COM_CHANGE_USER = 0x11,
    WIRE_COM_STMT_PREPARE = 0x16,
    WIRE_COM_STMT_EXECUTE = 0x17,
    WIRE_COM_STMT_SEND_LONG_DATA = 0x18,
    WIRE_COM_STMT_CLOSE = 0x19,
    WIRE_COM_STMT_RESET = 0x1a,
    WIRE_COM_SET_OPTION = 0x1b,
    WIRE_COM_STMT_FETCH = 0x1c,
    WIRE_COM_RESET_CONNECTION = 0x1f,
};

/* Column types. */
enum {
    WIRE_TYPE_DECIMAL = 0,
    WIRE_TYPE_TINY = 1,
    WIRE_TYPE_SHORT = 2,
    WIRE_TYPE_LONG = 3,
    WIRE_TYPE_FLOAT = 4,
    WIRE_TYPE_DOUBLE = 5,
    WIRE_TYPE_NULL = 6,
    WIRE_TYPE_TIMESTAMP = 7,
    WIRE_TYPE_LONGLONG = 8,
    WIRE_TYPE_INT24 = 9,
    WIRE_TYPE_DATE = 10,
    WIRE_TYPE_TIME = 11,
    WIRE_TYPE_DATETIME = 12,
    WIRE_TYPE_YEAR = 13,
    WIRE_TYPE_NEWDATE = 14,
    WIRE_TYPE_VARCHAR = 15,
    WIRE_TYPE_BIT = 16,
    WIRE_TYPE_TIMESTAMP2 = 17,
    WIRE_TYPE_DATETIME2 = 18,
    WIRE_TYPE_TIME2 = 19,
    WIRE_TYPE_JSON = 245,
    WIRE_TYPE_NEWDECIMAL = 246,
    WIRE_TYPE_ENUM = 247,
    WIRE_TYPE_SET = 248,
    WIRE_TYPE_TINY_BLOB = 249,
    WIRE_TYPE_MEDIUM_BLOB = 250,
    WIRE_TYPE_LONG_BLOB = 251,
    WIRE_TYPE_BLOB = 252,
    WIRE_TYPE_VAR_STRING = 253,
    WIRE_TYPE_STRING = 254,
    WIRE_TYPE_GEOMETRY = 255,
};

/* Column definition flags. */
#define WIRE_FLAG_NOT_NULL       0x0001
#define WIRE_FLAG_PRI_KEY        0x0002
#define WIRE_FLAG_UNIQUE_KEY     0x0004
#define WIRE_FLAG_MULTIPLE_KEY   0x0008
#define WIRE_FLAG_BLOB           0x0010
#define WIRE_FLAG_UNSIGNED       0x0020
#define WIRE_FLAG_ZEROFILL       0x0040
#define WIRE_FLAG_BINARY         0x0080
#define WIRE_FLAG_ENUM           0x0100
#define WIRE_FLAG_AUTO_INCREMENT 0x0200
#define WIRE_FLAG_TIMESTAMP      0x0400
#define WIRE_FLAG_SET            0x0800
#define WIRE_FLAG_NO_DEFAULT     0x1000
#define WIRE_FLAG_ON_UPDATE_NOW  0x2000
#define WIRE_FLAG_NUM            0x8000

/* Collation ids the server itself names. */
#define WIRE_COLLATION_UTF8MB4_BIN        46
#define WIRE_COLLATION_UTF8MB4_GENERAL_CI 45
#define WIRE_COLLATION_UTF8MB4_0900_AI_CI 255
#define WIRE_COLLATION_BINARY             63

/* The collation duet announces in the greeting: utf8mb4_bin, as TiDB does. */
#define WIRE_SERVER_COLLATION WIRE_COLLATION_UTF8MB4_BIN

#define WIRE_SCRAMBLE_LEN 20

#define WIRE_PLUGIN_NATIVE       "mysql_native_password"
#define WIRE_PLUGIN_CACHING_SHA2 "caching_sha2_password"

#endif
