"""test_pymysql.py - PyMySQL against duet: both auth plugins, with and without TLS, the
fast and full caching_sha2 paths, exact access-denied errors, commands, status port."""
import json
import os
import ssl
import urllib.request

import pymysql

from duettest import Server, check, finish

NOT_BUILT = "statement execution is not built yet"


def tls_ctx():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def connect(srv, user, pw, tls=False, **kw):
    args = dict(host="127.0.0.1", port=srv.port, user=user, password=pw, autocommit=True,
                connect_timeout=10)
    if tls:
        args["ssl"] = tls_ctx()
    args.update(kw)
    return pymysql.connect(**args)


def error_of(fn):
    try:
        fn()
    except pymysql.MySQLError as e:
        return e.args
    return None


with Server(socket_path=True) as srv:
    # caching_sha2 over a plain connection with an empty cache: full auth via RSA key.
    for user, pw, plugin in (("sha", "pw2", "caching_sha2_password"),
                             ("nat", "pw1", "AuthSwitch to mysql_native_password"),
                             ("root", "", "caching_sha2_password")):
        for tls in (False, True):
            label = "%s (%s) %s" % (user, plugin, "TLS" if tls else "plain")
            try:
                c = connect(srv, user, pw, tls=tls)
                check("connect " + label, True)
                check("server version " + label, c.get_server_info().startswith("8.0.11-duet-"),
                      c.get_server_info())
                if tls:
                    check("TLS in use " + label, c._sock.version() is not None)
                c.ping(reconnect=False)
                check("ping " + label, True)
                err = error_of(lambda: c.cursor().execute("SELECT 1"))
                check("query answers 1105 until the executor exists " + label,
                      err is not None and err[0] == 1105 and NOT_BUILT in err[1], err)
                c.ping(reconnect=False)
                check("connection usable after an error " + label, True)
                c.close()
            except Exception as e:
                check("connect " + label, False, repr(e))
    # Second sha2 connection on a plain socket: fast auth from the cache.
    try:
        connect(srv, "sha", "pw2").close()
        check("caching_sha2 fast auth after a full auth", True)
    except Exception as e:
        check("caching_sha2 fast auth after a full auth", False, repr(e))
    for user in ("nat", "sha"):
        for tls in (False, True):
            err = error_of(lambda: connect(srv, user, "wrong", tls=tls))
            want = "Access denied for user '%s'@'127.0.0.1' (using password: YES)" % user
            check("wrong password for %s %s gives exact 1045" % (user, "TLS" if tls else "plain"),
                  err == (1045, want), err)
    err = error_of(lambda: connect(srv, "ghost", ""))
    check("unknown user without password: 1045 (using password: NO)",
          err == (1045, "Access denied for user 'ghost'@'127.0.0.1' (using password: NO)"), err)
    err = error_of(lambda: connect(srv, "nat", ""))
    check("empty password for a passworded user: 1045 (using password: NO)",
          err == (1045, "Access denied for user 'nat'@'127.0.0.1' (using password: NO)"), err)
    err = error_of(lambda: connect(srv, "root", "", database="nosuchdb"))
    check("connect with an unknown database: 1049",
          err == (1049, "Unknown database 'nosuchdb'"), err)

    c = connect(srv, "root", "")
    err = error_of(lambda: c.select_db("test"))
    check("COM_INIT_DB without a catalog: 1049", err == (1049, "Unknown database 'test'"), err)
    check("AUTOCOMMIT status flag set", c.get_autocommit() is True)
    err = error_of(lambda: c.cursor().execute("   "))
    check("empty query: 1065", err == (1065, "Query was empty"), err)
    err = error_of(lambda: c.kill(999999))
    check("KILL of an unknown id: 1094", err == (1094, "Unknown thread id: 999999"), err)
    c2 = connect(srv, "root", "")
    c.kill(c2.thread_id())
    err = error_of(lambda: c2.ping(reconnect=False))
    check("KILL closes the other connection", err is not None, err)
    c.close()

    # The generated certificate verifies against <data dir>/ca.pem.
    try:
        ctx = ssl.create_default_context(cafile=os.path.join(srv.dir, "data", "ca.pem"))
        ctx.check_hostname = False
        c = pymysql.connect(host="127.0.0.1", port=srv.port, user="nat", password="pw1",
                            ssl=ctx, autocommit=True, connect_timeout=10)
        c.close()
        check("TLS verifies against the generated ca.pem (VERIFY_CA)", True)
    except Exception as e:
        check("TLS verifies against the generated ca.pem (VERIFY_CA)", False, repr(e))

    # Unix socket: caching_sha2 full auth sends the password in clear (socket is secure).
    try:
        u = pymysql.connect(unix_socket=srv.socket, user="sha", password="pw2", autocommit=True)
        u.ping(reconnect=False)
        u.close()
        check("unix socket connect (caching_sha2)", True)
    except Exception as e:
        check("unix socket connect (caching_sha2)", False, repr(e))

    base = "http://127.0.0.1:%d" % srv.status_port
    st = json.loads(urllib.request.urlopen(base + "/status", timeout=5).read())
    check("/status has version, git hash, connections",
          st.get("version", "").startswith("8.0.11-duet-") and "git_hash" in st
          and "connections" in st, st)
    m = urllib.request.urlopen(base + "/metrics", timeout=5).read().decode()
    check("/metrics has queries by type", 'duet_queries_total{type="query"}' in m)
    check("/metrics has errors by code", 'duet_errors_total{code="1045"}' in m)
    check("/metrics has the duration histogram", "duet_query_duration_seconds_bucket" in m)

# require-secure-transport refuses plain connections with 3159.
with Server(config="[security]\nrequire-secure-transport = true\n") as srv:
    err = error_of(lambda: connect(srv, "root", ""))
    check("require-secure-transport refuses plain with 3159",
          err is not None and err[0] == 3159 and "insecure transport are prohibited" in err[1],
          err)
    try:
        connect(srv, "nat", "pw1", tls=True).close()
        check("require-secure-transport accepts TLS", True)
    except Exception as e:
        check("require-secure-transport accepts TLS", False, repr(e))

# max-server-connections refuses the connection beyond the limit with 1040.
with Server(config="max-server-connections = 2\n") as srv:
    a = connect(srv, "root", "")
    b = connect(srv, "root", "")
    err = error_of(lambda: connect(srv, "root", ""))
    check("max-server-connections: 1040 Too many connections",
          err == (1040, "Too many connections"), err)
    a.close()
    b.close()
    import time
    time.sleep(0.5)
    try:
        connect(srv, "root", "").close()
        check("a slot frees when a client leaves", True)
    except Exception as e:
        check("a slot frees when a client leaves", False, repr(e))

finish()
