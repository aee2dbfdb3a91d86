"""duettest.py - shared helpers for the real-client tests: start and stop a `duet up`
server on free loopback ports, and report one line per check."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

_failed = 0
_passed = 0


def check(name, cond, detail=""):
    """Prints one line for the check and counts it."""
    global _failed, _passed
    if cond:
        _passed += 1
        print("ok - %s" % name)
    else:
        _failed += 1
        print("FAIL - %s%s" % (name, (": " + str(detail)) if detail else ""))
    sys.stdout.flush()


def finish():
    """Exits non-zero when any check failed."""
    print("# %d passed, %d failed" % (_passed, _failed))
    sys.exit(1 if _failed else 0)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def duet_bin():
    b = os.environ.get("DUET_BIN")
    if b:
        return b
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    cands = []
    bdir = os.path.join(root, "build")
    if os.path.isdir(bdir):
        for d in os.listdir(bdir):
            p = os.path.join(bdir, d, "cmd", "duet")
            if os.path.exists(p):
                cands.append(p)
    if not cands:
        raise SystemExit("duet binary not found: set DUET_BIN")
    return max(cands, key=os.path.getmtime)


USERS = "nat:native:pw1,sha:sha2:pw2"


class Server:
    """A `duet up` process on a fresh data directory; use as a context manager."""

    def __init__(self, config=None, socket_path=False, users=USERS, extra_env=None):
        self.dir = tempfile.mkdtemp(prefix="duet-clients-")
        self.port = free_port()
        self.status_port = free_port()
        self.socket = os.path.join(self.dir, "duet.sock") if socket_path else None
        args = [duet_bin(), "up", "--port", str(self.port), "--path",
                os.path.join(self.dir, "data"), "--status-port", str(self.status_port),
                "--log-file", os.path.join(self.dir, "duet.log")]
        if self.socket:
            args += ["--socket", self.socket]
        if config:
            cfg = os.path.join(self.dir, "duet.toml")
            with open(cfg, "w") as f:
                f.write(config)
            args += ["--config", cfg]
        env = dict(os.environ)
        env["DUET_BOOTSTRAP_USERS"] = users
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        if extra_env:
            env.update(extra_env)
        self.stderr = open(os.path.join(self.dir, "stderr.txt"), "w")
        self.proc = subprocess.Popen(args, env=env, stdout=self.stderr, stderr=self.stderr)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("duet exited early: %s" % self.log())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("duet did not start")

    def log(self):
        out = ""
        for name in ("duet.log", "stderr.txt"):
            p = os.path.join(self.dir, name)
            if os.path.exists(p):
                with open(p, errors="replace") as f:
                    out += f.read()
        return out

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        """SIGTERM, wait; returns the exit status (0 = clean, sanitizers quiet)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr.close()
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        rc = self.stop()
        check("server exits cleanly on SIGTERM (rc=%s)" % rc, rc == 0, self.log()[-3000:])
        shutil.rmtree(self.dir, ignore_errors=True)
        return False
