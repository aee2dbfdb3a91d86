"""test_mariadb_interactive.py - the mariadb CLI in interactive mode inside tmux, with and
without TLS: it connects, shows the server version in its banner, shows its prompt, reports
statement errors and quits cleanly. (Its `status` command needs SELECT DATABASE(), which
waits for the executor.)"""
import os
import shutil
import subprocess
import time

from duettest import Server, check, finish


def tmux(*args):
    return subprocess.run(["tmux"] + list(args), capture_output=True, text=True)


def screen(session):
    return tmux("capture-pane", "-p", "-t", session).stdout


def wait_for(session, text, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if text in screen(session):
            return True
        time.sleep(0.2)
    return False


if shutil.which("tmux") is None:
    check("tmux available", False)
    finish()

with Server() as srv:
    for tls in (False, True):
        label = "TLS" if tls else "plain"
        session = "duet-cli-%d-%d" % (os.getpid(), tls)
        cmd = "mariadb -h127.0.0.1 -P%d -uroot%s" % (srv.port, " --ssl" if tls else "")
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", cmd)
        try:
            ok = wait_for(session, "MySQL [(none)]>")
            check("interactive mariadb shows its prompt (%s)" % label, ok, screen(session))
            check("banner names the server version (%s)" % label,
                  "8.0.11-duet-" in screen(session), screen(session))
            tmux("send-keys", "-t", session, "-l", "SELECT 1\\;")
            tmux("send-keys", "-t", session, "Enter")
            check("a statement's error is shown (%s)" % label,
                  wait_for(session, "ERROR 1105 (HY000): statement execution is not built yet"),
                  screen(session))
            tmux("send-keys", "-t", session, "-l", "\\q")
            tmux("send-keys", "-t", session, "Enter")
            deadline = time.time() + 15
            while time.time() < deadline and tmux("has-session", "-t", session).returncode == 0:
                time.sleep(0.2)
            check("\\q quits (%s)" % label,
                  tmux("has-session", "-t", session).returncode != 0)
        finally:
            tmux("kill-session", "-t", session)

finish()
