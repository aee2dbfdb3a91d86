"""peerlib - the MariaDB peer used by benchmarks and by the SQL runner's self-test.

start(dir) initialises a data directory on first use (mariadb-install-db), starts
mariadbd on a free 127.0.0.1 port, waits until it answers, and returns the port.
stop(dir) stops it. Only loopback addresses are used.
"""
import os
import shutil
import signal
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIR = os.path.join(ROOT, "build", "peer")


class PeerError(Exception):
    pass


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pid(d):
    try:
        with open(os.path.join(d, "mariadbd.pid")) as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def running_port(d=DEFAULT_DIR):
    """The port of the peer running from d, or None."""
    if _pid(d) is None:
        return None
    try:
        with open(os.path.join(d, "port")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def _client(d, sql):
    return subprocess.run(
        ["mariadb", "--no-defaults", "-uroot", "--socket", os.path.join(d, "mariadbd.sock"),
         "-e", sql], capture_output=True, text=True)


def start(d=DEFAULT_DIR, timeout=60):
    """Starts the peer (or finds it running) and returns its port."""
    d = os.path.abspath(d)
    port = running_port(d)
    if port is not None:
        return port
    data = os.path.join(d, "data")
    fresh = not os.path.isdir(os.path.join(data, "mysql"))
    if fresh:
        shutil.rmtree(data, ignore_errors=True)
        os.makedirs(data, exist_ok=True)
        r = subprocess.run(
            ["mariadb-install-db", "--no-defaults", f"--datadir={data}", "--user=root",
             "--auth-root-authentication-method=normal", "--skip-test-db"],
            capture_output=True, text=True)
        if r.returncode != 0:
            raise PeerError("mariadb-install-db failed:\n" + r.stdout + r.stderr)
    port = free_port()
    log = open(os.path.join(d, "mariadbd.log"), "ab")
    subprocess.Popen(
        ["mariadbd", "--no-defaults", f"--datadir={data}", "--user=root",
         f"--socket={os.path.join(d, 'mariadbd.sock')}", f"--port={port}",
         "--bind-address=127.0.0.1", f"--pid-file={os.path.join(d, 'mariadbd.pid')}",
         "--skip-name-resolve", "--innodb-buffer-pool-size=1G", "--max-connections=2000",
         "--log-error=" + os.path.join(d, "mariadbd.err")],
        stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if _client(d, "SELECT 1").returncode == 0:
            break
        time.sleep(0.2)
    else:
        raise PeerError(f"mariadbd did not start; see {d}/mariadbd.err")
    # Root over TCP from 127.0.0.1 with no password, as duet has it.
    r = _client(d, "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';"
                   "GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;")
    if r.returncode != 0:
        raise PeerError("cannot create root@127.0.0.1: " + r.stderr)
    with open(os.path.join(d, "port"), "w") as f:
        f.write(f"{port}\n")
    return port


def stop(d=DEFAULT_DIR, timeout=60):
    """Stops the peer running from d (no-op when none runs)."""
    d = os.path.abspath(d)
    pid = _pid(d)
    if pid is None:
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
