#!/usr/bin/python3
"""run.py - runs duet's benchmarks side by side with the MariaDB peer and records
the ratios in bench/RESULTS.md.

    bench/run.py --build build/release            every benchmark
    bench/run.py --build build/release connect    one benchmark

A benchmark is a directory bench/<name>/ with an executable `run`. The harness
starts `duet up` (release build, fresh data directory) and the peer, then calls

    bench/<name>/run --duet-port P --peer-port Q --build DIR --duet-pid PID

The benchmark prints whatever it likes, plus one line per figure:

    RESULT <metric> duet=<number> peer=<number> unit=<unit> better=<higher|lower>

The harness prints each figure with the ratio duet/peer and appends a row per
figure to that benchmark's table in bench/RESULTS.md (command, date, commit,
machine, duet, peer, ratio). --no-record skips the file.
"""
import argparse
import datetime
import os
import re
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "sql"))
import peerlib  # noqa: E402
from run import DuetServer  # noqa: E402  (tests/sql/run.py)

RESULT = re.compile(r"^RESULT (\S+) duet=([0-9.eE+-]+) peer=([0-9.eE+-]+) unit=(\S+) "
                    r"better=(higher|lower)$", re.M)
RESULTS_MD = os.path.join(HERE, "RESULTS.md")


def machine():
    cores = os.cpu_count()
    with open("/proc/meminfo") as f:
        kb = int(f.readline().split()[1])
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return "%d cores, %d GiB, %s" % (cores, round(kb / 1024 / 1024), model)


def commit():
    r = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"],
                       capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (r.stdout.strip() or "unknown") + ("-dirty" if dirty else "")


def record(name, command, rows):
    """Appends rows to the table of benchmark name in RESULTS.md."""
    text = open(RESULTS_MD).read() if os.path.exists(RESULTS_MD) else "# Benchmark results\n"
    header = "## %s\n" % name
    table_head = ("| date | commit | machine | command | metric | duet | peer (MariaDB) | "
                  "ratio duet/peer |\n|---|---|---|---|---|---|---|---|\n")
    lines = "".join("| %s | %s | %s | `%s` | %s | %s | %s | %s |\n"
                    % (date, rev, where, command, metric, duet, peer, ratio)
                    for (date, rev, where, metric, duet, peer, ratio) in rows)
    if header in text:
        start = text.index(header)
        nxt = text.find("\n## ", start + len(header))
        end = len(text) if nxt < 0 else nxt + 1
        section = text[start:end].rstrip("\n") + "\n" + lines
        text = text[:start] + section + ("\n" if nxt >= 0 else "") + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + header + "\n" + table_head + lines
    with open(RESULTS_MD, "w") as f:
        f.write(text)


def fmt(x):
    return "%.4g" % x if abs(x) < 1000 else "{:,.0f}".format(x)


def run_one(name, build, duet_port, duet_pid, peer_port):
    exe = os.path.join(HERE, name, "run")
    cmd = [exe, "--duet-port", str(duet_port), "--peer-port", str(peer_port), "--build", build,
           "--duet-pid", str(duet_pid)]
    print("== %s" % name, flush=True)
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stdout.write(r.stdout)
    figures = RESULT.findall(r.stdout)
    if r.returncode != 0 or not figures:
        print("bench: %s failed (exit status %d)" % (name, r.returncode))
        return None
    rows = []
    for metric, duet, peer, unit, better in figures:
        d, p = float(duet), float(peer)
        ratio = d / p if p else float("inf")
        print("bench: %-10s %-28s duet %-12s peer %-12s %s  ratio %.2f (%s is better)"
              % (name, metric, fmt(d), fmt(p), unit, ratio, better))
        rows.append((metric, "%s %s" % (fmt(d), unit), "%s %s" % (fmt(p), unit), "%.2f" % ratio))
    return rows


def main(argv):
    ap = argparse.ArgumentParser(prog="bench/run.py")
    ap.add_argument("--build", required=True)
    ap.add_argument("--no-record", action="store_true")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args(argv)
    build = os.path.abspath(args.build)
    # Benchmarks hold many connections: lift the descriptor limit for every child.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    available = sorted(d for d in os.listdir(HERE)
                       if os.access(os.path.join(HERE, d, "run"), os.X_OK))
    names = args.names or available
    unknown = [n for n in names if n not in available]
    if unknown:
        print("bench: unknown benchmark %s; there are: %s" % (", ".join(unknown),
                                                              ", ".join(available)))
        return 2
    peer_port = peerlib.start()
    server = DuetServer(os.path.join(build, "cmd", "duet"))
    failed = 0
    try:
        server.start()
        today = datetime.date.today().isoformat()
        where, rev = machine(), commit()
        for name in names:
            rows = run_one(name, build, server.port, server.proc.pid, peer_port)
            if rows is None:
                failed += 1
                continue
            if not args.no_record:
                record(name, "make bench B=%s" % name,
                       [(today, rev, where) + row for row in rows])
    finally:
        server.stop()
        peerlib.stop()
    if not args.no_record:
        print("bench: results recorded in bench/RESULTS.md")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
