/* capi_client.c - a C client on MariaDB Connector/C (libmariadb) against duet: both auth
 * plugins, TLS, compression, COM_CHANGE_USER, COM_RESET_CONNECTION, COM_STATISTICS,
 * COM_PING and prepared-statement errors. Usage: capi_client PORT. Prints one line per
 * check; exits non-zero when one fails. Built and run by test_capi.py. */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failed;

static void check(const char *name, int ok, const char *detail)
{
    printf("%s - %s%s%s\n", ok ? "ok" : "FAIL", name, ok || !detail ? "" : ": ",
           ok || !detail ? "" : detail);
    if (!ok)
        failed++;
}

static MYSQL *open_conn(int port, const char *user, const char *pw, int tls, int compress)
{
    MYSQL *m = mysql_init(NULL);
    unsigned int timeout = 10;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    if (tls) {
        my_bool on = 1, off = 0;
        mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &on);
        mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &off);
    }
    if (compress)
        mysql_options(m, MYSQL_OPT_COMPRESS, NULL);
    if (mysql_real_connect(m, "127.0.0.1", user, pw, NULL, (unsigned)port, NULL, 0) == NULL) {
        printf("# connect %s: %s\n", user, mysql_error(m));
        mysql_close(m);
        return NULL;
    }
    return m;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int port = atoi(argv[1]);
    char name[160];
    const char *users[][2] = {{"root", ""}, {"nat", "pw1"}, {"sha", "pw2"}};
    for (int u = 0; u < 3; u++) {
        for (int tls = 0; tls < 2; tls++) {
            for (int comp = 0; comp < 2; comp++) {
                snprintf(name, sizeof(name), "libmariadb connect %s%s%s", users[u][0],
                         tls ? " TLS" : "", comp ? " compressed" : "");
                MYSQL *m = open_conn(port, users[u][0], users[u][1], tls, comp);
                check(name, m != NULL, NULL);
                if (m == NULL)
                    continue;
                snprintf(name, sizeof(name), "ping %s%s%s", users[u][0], tls ? " TLS" : "",
                         comp ? " compressed" : "");
                check(name, mysql_ping(m) == 0, mysql_error(m));
                if (tls) {
                    snprintf(name, sizeof(name), "cipher in use for %s", users[u][0]);
                    check(name, mysql_get_ssl_cipher(m) != NULL, NULL);
                }
                mysql_close(m);
            }
        }
    }

    MYSQL *m = open_conn(port, "root", "", 0, 0);
    if (m == NULL) {
        check("root connection for command tests", 0, NULL);
        return 1;
    }
    check("server version is 8.0.11-duet-*",
          strncmp(mysql_get_server_info(m), "8.0.11-duet-", 12) == 0, mysql_get_server_info(m));
    const char *st = mysql_stat(m);
    check("mysql_stat (COM_STATISTICS)", st != NULL && strncmp(st, "Uptime: ", 8) == 0, st);
    check("mysql_query answers ERROR 1105",
          mysql_query(m, "SELECT 1") != 0 && mysql_errno(m) == 1105 &&
              strcmp(mysql_sqlstate(m), "HY000") == 0,
          mysql_error(m));
    check("ping after an error", mysql_ping(m) == 0, mysql_error(m));
    check("mysql_select_db without a catalog: 1049",
          mysql_select_db(m, "test") != 0 && mysql_errno(m) == 1049, mysql_error(m));
    check("mysql_reset_connection", mysql_reset_connection(m) == 0, mysql_error(m));
    check("mysql_change_user to a native user", mysql_change_user(m, "nat", "pw1", NULL) == 0,
          mysql_error(m));
    check("ping as the new user", mysql_ping(m) == 0, mysql_error(m));
    check("mysql_change_user to a caching_sha2 user", mysql_change_user(m, "sha", "pw2", NULL) == 0,
          mysql_error(m));
    check("ping after the second change", mysql_ping(m) == 0, mysql_error(m));
    MYSQL_STMT *stmt = mysql_stmt_init(m);
    int rc = mysql_stmt_prepare(stmt, "SELECT ?", 8);
    check("mysql_stmt_prepare answers 1105 until the planner exists",
          rc != 0 && mysql_stmt_errno(stmt) == 1105, mysql_stmt_error(stmt));
    mysql_stmt_close(stmt);
    check("mysql_change_user with a wrong password fails with 1045",
          mysql_change_user(m, "nat", "bad", NULL) != 0 && mysql_errno(m) == 1045, mysql_error(m));
    mysql_close(m);

    m = mysql_init(NULL);
    check("wrong password: exact 1045 text",
          mysql_real_connect(m, "127.0.0.1", "sha", "nope", NULL, (unsigned)port, NULL, 0) ==
                  NULL &&
              strcmp(mysql_error(m),
                     "Access denied for user 'sha'@'127.0.0.1' (using password: YES)") == 0,
          mysql_error(m));
    mysql_close(m);
    mysql_library_end();
    return failed ? 1 : 0;
}
