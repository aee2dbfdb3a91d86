#!/usr/bin/python3
"""test_cli.py - the duet binary's command line: help, version, subcommands, exit
statuses, configuration errors, and the start and stop of `duet up`.

    tests/cli/test_cli.py --duet build/debug/cmd/duet

Prints one line per check and ends with "cli: N passed, N failed".
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNBUILT = ["server", "pd", "kv", "flash", "cluster", "lightning", "ctl"]
results = []


def check(name, ok, detail=""):
    ok = bool(ok)
    results.append(ok)
    print("cli: %s %s%s" % ("ok  " if ok else "FAIL", name, "" if ok else ": " + detail))


def run(duet, *args, timeout=30):
    return subprocess.run([duet, *args], capture_output=True, text=True, timeout=timeout)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_up(duet, tmp, *extra):
    """Starts `duet up` on free ports in tmp; returns the process."""
    args = [duet, "up", "--port", str(free_port()), "--status-port", str(free_port()),
            "--path", os.path.join(tmp, "data"), *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for_log(proc, needle, timeout=30):
    """Reads proc's output until a line contains needle; returns the lines read."""
    lines = []
    deadline = time.time() + timeout
    os.set_blocking(proc.stdout.fileno(), False)
    while time.time() < deadline:
        line = proc.stdout.readline()
        if line:
            lines.append(line)
            if needle in line:
                return lines, True
        elif proc.poll() is not None:
            break
        else:
            time.sleep(0.05)
    return lines, False


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--duet", required=True)
    duet = os.path.abspath(ap.parse_args(argv).duet)
    tmp = tempfile.mkdtemp(prefix="duet-cli-")
    try:
        checks(duet, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    passed = sum(results)
    print("cli: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if all(results) else 1


def checks(duet, tmp):
    r = run(duet, "--help")
    check("--help exits 0 and lists every subcommand",
          r.returncode == 0 and all(re.search(r"^  %s " % c, r.stdout, re.M)
                                    for c in ["up"] + UNBUILT), r.stdout + r.stderr)

    r = run(duet, "--version")
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    m = re.fullmatch(r"duet (\d+\.\d+\.\d+) \(git commit ([0-9a-f]{12}(?:-dirty)?|unknown)\)\n",
                     r.stdout)
    check("--version prints the version and the git commit",
          r.returncode == 0 and m is not None and (not head or m.group(2).startswith(head)),
          repr(r.stdout) + " HEAD=" + head)

    r = run(duet, "up", "--help")
    check("up --help exits 0 and lists its options",
          r.returncode == 0 and all(o in r.stdout for o in
                                    ["--config", "--host", "--port", "--path", "--status-port",
                                     "--log-level", "--log-file", "--socket"]),
          r.stdout + r.stderr)

    for c in UNBUILT:
        r = run(duet, c)
        check("%s says it is not built yet and exits 2" % c,
              r.returncode == 2 and "not built yet" in r.stderr, "%d %r" % (r.returncode, r.stderr))

    r = run(duet)
    check("no command prints usage and exits 2", r.returncode == 2 and "Usage:" in r.stderr,
          r.stderr)
    r = run(duet, "frobnicate")
    check("an unknown command prints usage and exits 2",
          r.returncode == 2 and "unknown command 'frobnicate'" in r.stderr and "Usage:" in r.stderr,
          r.stderr)
    r = run(duet, "--frobnicate")
    check("an unknown option prints usage and exits 2",
          r.returncode == 2 and "unknown option '--frobnicate'" in r.stderr, r.stderr)
    r = run(duet, "up", "--frobnicate")
    check("up with an unknown option prints usage and exits 2",
          r.returncode == 2 and "unknown option '--frobnicate'" in r.stderr
          and "Usage: duet up" in r.stderr, r.stderr)
    r = run(duet, "up", "--port")
    check("up with a missing option value exits 2",
          r.returncode == 2 and "needs a value" in r.stderr, r.stderr)
    r = run(duet, "up", "--port", "99999")
    check("up with a port out of range exits 2 naming the key",
          r.returncode == 2 and "configuration key 'port' must be between 0 and 65535" in r.stderr,
          r.stderr)

    bad = os.path.join(tmp, "bad.toml")
    with open(bad, "w") as f:
        f.write('# a config with a typo on line 4\nport = 4000\n\n[isolation-read]\n'
                'engins = ["tikv"]\n')
    r = run(duet, "up", "--config", bad)
    want = "duet up: %s:5: unknown configuration key 'isolation-read.engins'\n" % bad
    check("a bad config key is a one-line error naming file, line and key; exit 2",
          r.returncode == 2 and r.stderr == want, "%d %r" % (r.returncode, r.stderr))

    with open(bad, "w") as f:
        f.write('[performance]\nenforce-mpp = "yes"\n')
    r = run(duet, "up", "--config", bad)
    want = ("duet up: %s:2: configuration key 'performance.enforce-mpp' must be a boolean, "
            "not a string\n" % bad)
    check("a config value of the wrong type names file, line and key; exit 2",
          r.returncode == 2 and r.stderr == want, "%d %r" % (r.returncode, r.stderr))

    with open(bad, "w") as f:
        f.write('[isolation-read]\nengines = ["tikv", "tifalsh"]\n')
    r = run(duet, "up", "--config", bad)
    check("an unknown engine in isolation-read.engines is refused; exit 2",
          r.returncode == 2 and ":2: configuration key 'isolation-read.engines' must list engines"
          in r.stderr, r.stderr)

    with open(bad, "w") as f:
        f.write('port = 4000\nhost = "127.0.0.1\n')
    r = run(duet, "up", "--config", bad)
    check("a TOML syntax error names the line; exit 2",
          r.returncode == 2 and r.stderr == "duet up: %s:2: unterminated string\n" % bad,
          r.stderr)

    r = run(duet, "up", "--config", os.path.join(tmp, "missing.toml"))
    check("a missing config file is an error; exit 2",
          r.returncode == 2 and "cannot open" in r.stderr, r.stderr)

    # The documented example configuration is valid, and `duet up` starts with it,
    # logs what it serves, and stops cleanly on SIGTERM.
    p = start_up(duet, tmp, "--config", os.path.join(ROOT, "conf", "duet.toml"))
    lines, ready = wait_for_log(p, "ready")
    check("duet up starts with conf/duet.toml and logs that it is ready", ready, "".join(lines))
    check("duet up logs its data directory",
          any("data directory: " + os.path.join(tmp, "data") in l for l in lines), "".join(lines))
    check("duet up's log records are one line each with time, level and module",
          all(re.match(r"^\[\d{4}/\d\d/\d\d \d\d:\d\d:\d\d\.\d{3} [+-]\d\d:\d\d\] \[(DEBUG|INFO|WARN|"
                       r"ERROR|FATAL)\] \[\w+\] \[thread=\d+\] ", l) for l in lines) and lines,
          "".join(lines))

    second = start_up(duet, tmp)
    try:
        out, _ = second.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        second.kill()
        out, _ = second.communicate()
    check("a second duet up on the same data directory is refused with exit 1",
          second.returncode == 1 and "in use by another duet process" in out,
          "%s %r" % (second.returncode, out))

    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    check("duet up exits 0 on SIGTERM", p.returncode == 0, str(p.returncode))
    check("duet up created the data directory",
          os.path.isdir(os.path.join(tmp, "data")), os.listdir(tmp))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
