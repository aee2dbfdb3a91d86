#!/usr/bin/python3
"""run.py - runs tests/sql/*.test files through the real `mariadb` client against a
started server and compares the output with the matching .result files.

A .test file is plain SQL as a user would type it. The client runs it in batch
mode (`--table --force -vv`), so the output shows every statement, its result
table or "Query OK" line, and every error exactly as a user sees it. Each file
runs in its own connection; a file creates and drops its own databases.

    tests/sql/run.py --duet build/debug/cmd/duet [FILE.test ...]
    tests/sql/run.py --duet build/debug/cmd/duet --record tests/sql/x.test
    tests/sql/run.py --self-test

On a mismatch it prints a unified diff and leaves FILE.reject beside the test.
--self-test runs the runner on its own fixtures (tests/sql/selftest) against the
MariaDB peer and checks that a matching file passes and a wrong one fails.
The last line printed is "sql: N passed, N failed"; the exit status is 1 when
anything failed.
"""
import argparse
import difflib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import peerlib  # noqa: E402

CLIENT_TIMEOUT = 300


def free_port():
    return peerlib.free_port()


class DuetServer:
    """`duet up` on free loopback ports with a throw-away data directory."""

    def __init__(self, duet):
        self.duet = os.path.abspath(duet)
        self.dir = tempfile.mkdtemp(prefix="duet-sql-")
        self.port = free_port()
        self.status_port = free_port()
        self.proc = None

    def start(self, timeout=60):
        self.log = open(os.path.join(self.dir, "duet.log"), "wb")
        self.proc = subprocess.Popen(
            [self.duet, "up", "--host", "127.0.0.1", "--port", str(self.port),
             "--status-port", str(self.status_port), "--path", os.path.join(self.dir, "data")],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("duet up exited with status %d:\n%s"
                                   % (self.proc.returncode, self.log_tail()))
            if greeting_arrives(self.port):
                return
            time.sleep(0.1)
        raise RuntimeError("duet up did not answer on port %d:\n%s" % (self.port, self.log_tail()))

    def log_tail(self, lines=30):
        try:
            with open(os.path.join(self.dir, "duet.log"), errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.returncode not in (0, None):
            print("sql: duet up exited with status %d; log tail:\n%s"
                  % (self.proc.returncode, self.log_tail()))
        shutil.rmtree(self.dir, ignore_errors=True)
        return self.proc.returncode if self.proc else 0


def greeting_arrives(port):
    """True when a MySQL server greeting (protocol 10) arrives on port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            head = s.recv(5)
            return len(head) == 5 and head[4] == 10
    except OSError:
        return False


def run_client(port, path):
    """Runs one .test file through the mariadb client; returns its output."""
    with open(path, "rb") as f:
        r = subprocess.run(
            ["stdbuf", "-o0", "-e0", "mariadb", "--no-defaults", "-h127.0.0.1",
             "-P%d" % port, "-uroot", "--table", "--force", "-vv"],
            stdin=f, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=CLIENT_TIMEOUT)
    out = r.stdout.decode("utf-8", errors="replace")
    # The client's farewell is not part of what the test checks.
    if out.endswith("Bye\n"):
        out = out[: -len("Bye\n")]
    return out


def compare(path, port, record=False, quiet=False):
    """Runs path and compares; returns True when it matches (or was recorded)."""
    result = path[: -len(".test")] + ".result"
    reject = path[: -len(".test")] + ".reject"
    try:
        got = run_client(port, path)
    except subprocess.TimeoutExpired:
        print("sql: FAIL %s: client timed out after %ds" % (path, CLIENT_TIMEOUT))
        return False
    if record:
        with open(result, "w") as f:
            f.write(got)
        print("sql: recorded %s (check it by eye before committing)" % result)
        return True
    try:
        with open(result) as f:
            want = f.read()
    except OSError:
        print("sql: FAIL %s: no %s (make test-record FILE=%s)" % (path, result, path))
        return False
    if got == want:
        if os.path.exists(reject):
            os.unlink(reject)
        if not quiet:
            print("sql: ok   %s" % path)
        return True
    with open(reject, "w") as f:
        f.write(got)
    if not quiet:
        print("sql: FAIL %s" % path)
        sys.stdout.writelines(difflib.unified_diff(
            want.splitlines(True), got.splitlines(True), result, reject))
    return False


def run_files(duet, files, record=False):
    """Starts duet, runs files, stops it. Returns (passed, failed)."""
    if not files:
        return 0, 0
    server = DuetServer(duet)
    passed = failed = 0
    try:
        server.start()
        for path in files:
            if compare(path, server.port, record):
                passed += 1
            else:
                failed += 1
    except RuntimeError as e:
        print("sql: FAIL cannot start duet: %s" % e)
        failed += max(1, len(files) - passed - failed)
    finally:
        if server.stop() not in (0, None):
            failed += 1
    return passed, failed


def self_test():
    """Checks the runner against the MariaDB peer. Returns (passed, failed)."""
    was_running = peerlib.running_port() is not None
    port = peerlib.start()
    try:
        return self_test_on(port)
    finally:
        if not was_running:
            peerlib.stop()


def self_test_on(port):
    fixtures = os.path.join(HERE, "selftest")
    passed = failed = 0
    checks = [("match.test", True), ("mismatch.test", False)]
    for name, should_match in checks:
        path = os.path.join(fixtures, name)
        ok = compare(path, port, quiet=True) == should_match
        reject = path[: -len(".test")] + ".reject"
        if not should_match:
            # The runner must have left the actual output beside the test.
            ok = ok and os.path.exists(reject)
        if os.path.exists(reject):
            os.unlink(reject)
        print("sql: %s self-test: %s %s" % ("ok  " if ok else "FAIL", name,
                                             "passes" if should_match else "is caught"))
        passed, failed = passed + ok, failed + (not ok)
    return passed, failed


def main(argv):
    ap = argparse.ArgumentParser(prog="tests/sql/run.py")
    ap.add_argument("--duet", help="path to the duet binary")
    ap.add_argument("--record", action="store_true", help="write .result files")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args(argv)
    if args.self_test:
        passed, failed = self_test()
    else:
        if not args.duet:
            ap.error("--duet is required")
        files = args.files or sorted(glob.glob(os.path.join(HERE, "*.test")))
        passed, failed = run_files(args.duet, files, args.record)
    print("sql: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
