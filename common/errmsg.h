/*
 * errmsg.h - every user-visible error duet raises: MySQL errno, SQLSTATE and
 * message format, in one table. Texts match MySQL 8 / TiDB exactly (compat.md).
 *
 * Each entry expands to three arguments, so it is used directly in a call:
 *     return duet_err_set(err, ER_NO_SUCH_TABLE, db, tbl);
 * and the compiler checks the format arguments. DUET_ERRNO(ER_X) is the number.
 */
#ifndef DUET_COMMON_ERRMSG_H
#define DUET_COMMON_ERRMSG_H

/* clang-format off */
/* Server and connection. */
#define ER_CON_COUNT_ERROR          1040, "08004", "Too many connections"
#define ER_HANDSHAKE_ERROR          1043, "08S01", "Bad handshake"
#define ER_DBACCESS_DENIED_ERROR    1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"
#define ER_ACCESS_DENIED_ERROR      1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"
#define ER_NO_DB_ERROR              1046, "3D000", "No database selected"
#define ER_UNKNOWN_COM_ERROR        1047, "08S01", "Unknown command"
#define ER_NET_PACKET_TOO_LARGE     1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"
#define ER_NET_READ_ERROR           1158, "08S01", "Got an error reading communication packets"
#define ER_NET_PACKETS_OUT_OF_ORDER 1156, "08S01", "Got packets out of order"
#define ER_NOT_SUPPORTED_AUTH_MODE  1251, "08004", "Client does not support authentication protocol requested by server; consider upgrading MySQL client"
#define ER_MALFORMED_PACKET         1835, "HY000", "Malformed communication packet."
#define ER_SECURE_TRANSPORT_REQUIRED 3159, "HY000", "Connections using insecure transport are prohibited while --require_secure_transport=ON."
#define ER_NO_SUCH_THREAD           1094, "HY000", "Unknown thread id: %llu"
#define ER_KILL_DENIED_ERROR        1095, "HY000", "You are not owner of thread %llu"
#define ER_QUERY_INTERRUPTED        1317, "70100", "Query execution was interrupted"
#define ER_QUERY_TIMEOUT            3024, "HY000", "Query execution was interrupted, maximum statement execution time exceeded"
#define ER_NOT_ALLOWED_COMMAND      1148, "42000", "The used command is not allowed with this MySQL version"
#define ER_CLIENT_INTERACTION_TIMEOUT 4031, "HY000", "The client was disconnected by the server because of inactivity. See wait_timeout and interactive_timeout for configuring this behavior."
#define ER_STMT_HAS_NO_OPEN_CURSOR  1421, "HY000", "The statement (%lu) has no open cursor."

/* Parsing. */
/* ER_PARSE_ERROR args: line, column, near text, "(total length N)" or "". */
#define ER_PARSE_ERROR              1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your TiDB version for the right syntax to use line %d column %d near \"%s\" %s"
#define ER_EMPTY_QUERY              1065, "42000", "Query was empty"
#define ER_TOO_LONG_IDENT           1059, "42000", "Identifier name '%s' is too long"
#define ER_NOT_SUPPORTED_YET        1235, "42000", "This version of TiDB doesn't yet support '%s'"
#define ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT 1582, "42000", "Incorrect parameter count in the call to native function '%s'"
#define ER_SP_DOES_NOT_EXIST        1305, "42000", "FUNCTION %s does not exist"

/* Names and schema objects. */
#define ER_DB_CREATE_EXISTS         1007, "HY000", "Can't create database '%s'; database exists"
#define ER_DB_DROP_EXISTS           1008, "HY000", "Can't drop database '%s'; database doesn't exist"
#define ER_BAD_DB_ERROR             1049, "42000", "Unknown database '%s'"
#define ER_EMPTY_DATABASE           1049, "42000", "Empty database '%s'"
#define ER_TABLE_EXISTS_ERROR       1050, "42S01", "Table '%s' already exists"
#define ER_BAD_TABLE_ERROR          1051, "42S02", "Unknown table '%s'"
#define ER_NON_UNIQ_ERROR           1052, "23000", "Column '%s' in %s is ambiguous"
#define ER_BAD_FIELD_ERROR          1054, "42S22", "Unknown column '%s' in '%s'"
#define ER_WRONG_FIELD_WITH_GROUP   1055, "42000", "Expression #%d of SELECT list is not in GROUP BY clause and contains nonaggregated column '%s' which is not functionally dependent on columns in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by"
#define ER_DUP_FIELDNAME            1060, "42S21", "Duplicate column name '%s'"
#define ER_DUP_KEYNAME              1061, "42000", "Duplicate key name '%s'"
#define ER_MULTIPLE_PRI_KEY         1068, "42000", "Multiple primary key defined"
#define ER_WRONG_AUTO_KEY           1075, "42000", "Incorrect table definition; there can be only one auto column and it must be defined as a key"
#define ER_CANT_DROP_FIELD_OR_KEY   1091, "42000", "Can't DROP '%s'; check that column/key exists"
#define ER_TABLE_MUST_HAVE_COLUMNS  1113, "42000", "A table must have at least 1 column"
#define ER_NO_SUCH_TABLE            1146, "42S02", "Table '%s.%s' doesn't exist"
#define ER_WRONG_OBJECT             1347, "HY000", "'%s.%s' is not %s"

/* Data and expressions. */
#define ER_DUP_ENTRY                1062, "23000", "Duplicate entry '%s' for key '%s'"
#define ER_BAD_NULL_ERROR           1048, "23000", "Column '%s' cannot be null"
#define ER_WRONG_VALUE_COUNT_ON_ROW 1136, "21S01", "Column count doesn't match value count at row %d"
#define ER_INVALID_GROUP_FUNC_USE   1111, "HY000", "Invalid use of group function"
#define ER_OPERAND_COLUMNS          1241, "21000", "Operand should contain %d column(s)"
#define ER_SUBQUERY_NO_1_ROW        1242, "21000", "Subquery returns more than 1 row"
#define ER_WARN_DATA_OUT_OF_RANGE   1264, "22003", "Out of range value for column '%s' at row %d"
#define ER_TRUNCATED_WRONG_VALUE    1292, "22007", "Truncated incorrect %s value: '%s'"
#define ER_NO_DEFAULT_FOR_FIELD     1364, "HY000", "Field '%s' doesn't have a default value"
#define ER_DIVISION_BY_ZERO         1365, "22012", "Division by 0"
#define ER_TRUNCATED_WRONG_VALUE_FOR_FIELD 1366, "HY000", "Incorrect %s value: '%s' for column '%s' at row %d"
#define ER_DATA_TOO_LONG            1406, "22001", "Data too long for column '%s' at row %d"
#define ER_DATA_OUT_OF_RANGE        1690, "22003", "%s value is out of range in '%s'"
#define ER_WARN_DATA_TRUNCATED      1265, "01000", "Data truncated for column '%s' at row %d"
#define ER_WRONG_TIME_VALUE         1292, "22007", "Incorrect %s value: '%s'"
#define ER_WRONG_TIME_VALUE_FOR_FIELD 1292, "22007", "Incorrect %s value: '%s' for column '%s' at row %d"
#define ER_DATETIME_FUNCTION_OVERFLOW 1441, "22008", "Datetime function: %s field overflow"
#define ER_UNKNOWN_TIME_ZONE        1298, "HY000", "Unknown or incorrect time zone: '%s'"

/* Variables. */
#define ER_LOCAL_VARIABLE           1228, "HY000", "Variable '%s' is a SESSION variable and can't be used with SET GLOBAL"
#define ER_GLOBAL_VARIABLE          1229, "HY000", "Variable '%s' is a GLOBAL variable and should be set with SET GLOBAL"
#define ER_WRONG_VALUE_FOR_VAR      1231, "42000", "Variable '%s' can't be set to the value of '%s'"
#define ER_WRONG_TYPE_FOR_VAR       1232, "42000", "Incorrect argument type to variable '%s'"
#define ER_UNKNOWN_SYSTEM_VARIABLE  1193, "HY000", "Unknown system variable '%s'"
#define ER_INCORRECT_GLOBAL_LOCAL_VAR 1238, "HY000", "Variable '%s' is a %s variable"

/* Privileges and users. */
#define ER_TABLEACCESS_DENIED_ERROR 1142, "42000", "%s command denied to user '%s'@'%s' for table '%s'"
#define ER_SPECIFIC_ACCESS_DENIED_ERROR 1227, "42000", "Access denied; you need (at least one of) the %s privilege(s) for this operation"
#define ER_CANNOT_USER              1396, "HY000", "Operation %s failed for %s"

/* Prepared statements. */
#define ER_WRONG_ARGUMENTS          1210, "HY000", "Incorrect arguments to %s"
#define ER_UNKNOWN_STMT_HANDLER     1243, "HY000", "Unknown prepared statement handler (%s) given to %s"
#define ER_UNSUPPORTED_PS           1295, "HY000", "This command is not supported in the prepared statement protocol yet"

/* Transactions. */
#define ER_LOCK_WAIT_TIMEOUT        1205, "HY000", "Lock wait timeout exceeded; try restarting transaction"
#define ER_LOCK_DEADLOCK            1213, "40001", "Deadlock found when trying to get lock; try restarting transaction"
#define ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION 1792, "25006", "Cannot execute statement in a READ ONLY transaction."
#define ER_WRITE_CONFLICT           9007, "HY000", "Write conflict, %s"

/* General and TiDB-specific. */
#define ER_UNKNOWN_ERROR            1105, "HY000", "%s"
/* ER_GENERIC: errno 1105 with the caller's own format: duet_err_set(e, ER_GENERIC, "fmt", ...). */
#define ER_GENERIC                  1105, "HY000"
#define ER_INTERNAL                 1815, "HY000", "Internal : %s"
#define ER_TEMP_TABLE_UNSUPPORTED   8006, "HY000", "`%s` is unsupported on temporary tables."
#define ER_MEM_EXCEED_THRESHOLD     8175, "HY000", "Your query has been cancelled due to exceeding the allowed memory limit for a single SQL query."
#define ER_UNSUPPORTED_DDL_OPERATION 8200, "HY000", "Unsupported %s"
/* clang-format on */

#define DUET_ERRNO_(code, state, fmt)    (code)
#define DUET_SQLSTATE_(code, state, fmt) (state)
/* DUET_ERRNO(ER_X): the MySQL error number of table entry ER_X. */
#define DUET_ERRNO(entry) DUET_ERRNO_(entry)
/* DUET_SQLSTATE(ER_X): the SQLSTATE of table entry ER_X. */
#define DUET_SQLSTATE(entry) DUET_SQLSTATE_(entry)

#endif
