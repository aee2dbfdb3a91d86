"""test_mariadb_cli.py - Debian's mariadb client tools against duet: mariadb-admin ping,
status and the mariadb CLI in batch mode, with and without TLS."""
import subprocess

from duettest import Server, check, finish


def run(args, timeout=30):
    p = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout + p.stderr


with Server() as srv:
    common = ["-h127.0.0.1", "-P%d" % srv.port, "--connect-timeout=10"]
    rc, out = run(["mariadb-admin"] + common + ["-uroot", "ping"])
    check("mariadb-admin ping", rc == 0 and "mysqld is alive" in out, out)
    rc, out = run(["mariadb-admin"] + common + ["-uroot", "--ssl", "ping"])
    check("mariadb-admin --ssl ping", rc == 0 and "mysqld is alive" in out, out)
    rc, out = run(["mariadb-admin"] + common + ["-unat", "-ppw1", "ping"])
    check("mariadb-admin ping as a native-password user", rc == 0 and "mysqld is alive" in out, out)
    rc, out = run(["mariadb-admin"] + common + ["-uroot", "status"])
    check("mariadb-admin status (COM_STATISTICS)", rc == 0 and "Uptime:" in out, out)
    rc, out = run(["mariadb-admin"] + common + ["-unat", "-pbad", "status"])
    check("mariadb-admin with a wrong password: exact 1045",
          rc != 0 and "Access denied for user 'nat'@'127.0.0.1' (using password: YES)" in out, out)
    for ssl in ([], ["--ssl"]):
        rc, out = run(["mariadb", "--batch"] + common + ["-uroot"] + ssl + ["-e", "SELECT 1"])
        check("mariadb --batch %s: statement answered with 1105 (executor not built)" % " ".join(ssl),
              rc != 0 and "ERROR 1105 (HY000)" in out and "not built yet" in out, out)

    rc, out = run(["mariadb-admin"] + common + ["-uroot", "--compress", "ping"])
    check("mariadb-admin --compress ping (zlib protocol)", rc == 0 and "mysqld is alive" in out, out)
    big = "x" * 5000
    rc, out = run(["mariadb", "--batch", "--compress"] + common + ["-uroot", "-e",
                                                                   "SELECT '%s'" % big])
    check("mariadb --compress with a 5 KB statement: compressed round trip",
          rc != 0 and "ERROR 1105 (HY000)" in out, out[-300:])
    rc, out = run(["mariadb", "--batch", "--compress", "--ssl"] + common + ["-uroot", "-e", "SELECT 1"])
    check("mariadb --compress --ssl", rc != 0 and "ERROR 1105 (HY000)" in out, out)

finish()
