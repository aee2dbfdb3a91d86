#!/usr/bin/python3
"""run.py - runs every duet test suite against one build and prints the summary.

    tests/run.py --build build/debug

Suites, in order:
  unit     cmocka binaries under tests/unit, through ctest (label "unit"); each
           cmocka case counts once
  cli      tests/cli: the duet binary's commands, options and exit statuses
  sql      the SQL runner's self-test, then tests/sql/*.test against `duet up`
  clients  tests/clients/run.sh, when present: real clients and ORMs
  cluster  tests/cluster/run.sh, when present: processes and faults

The last line is "N passed, N failed"; the exit status is 1 when anything
failed or a suite could not run.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNTS = re.compile(r"^(?:\w+: )?(\d+) passed, (\d+) failed", re.M)


def suite_unit(build):
    """ctest over the unit label; counts cmocka cases from each test's output."""
    junit = os.path.join(build, "unit-junit.xml")
    r = subprocess.run(["ctest", "--test-dir", build, "-L", "unit", "-j2",
                        "--output-on-failure", "--timeout", "600", "--output-junit", junit],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    passed = failed = 0
    try:
        cases = ET.parse(junit).getroot().iter("testcase")
    except (OSError, ET.ParseError):
        print(r.stdout)
        print("unit: FAIL ctest produced no report")
        return 0, 1
    for case in cases:
        name = case.get("name")
        out = "".join(e.text or "" for e in case.iter("system-out"))
        ok = case.get("status") == "run" and case.find("failure") is None
        p = re.search(r"\[  PASSED  \] (\d+) test", out)
        f = re.search(r"\[  FAILED  \] (\d+) test", out)
        n_pass = int(p.group(1)) if p else 0
        n_fail = int(f.group(1)) if f else 0
        if not ok and n_fail == 0:
            n_fail = 1  # crashed, timed out or failed outside cmocka's cases
        passed += n_pass
        failed += n_fail
        print("unit: %s %s (%d passed, %d failed)" % ("ok  " if not n_fail else "FAIL", name,
                                                      n_pass, n_fail))
    if failed:
        print(r.stdout)
    return passed, failed


def run_counting(label, cmd, timeout):
    """Runs a suite that ends with 'N passed, N failed'; returns its counts."""
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        print(out)
        print("%s: FAIL timed out after %ds" % (label, timeout))
        return 0, 1
    sys.stdout.write(r.stdout)
    m = None
    for m in COUNTS.finditer(r.stdout):
        pass
    if m is None:
        print("%s: FAIL the suite printed no summary (exit status %d)" % (label, r.returncode))
        return 0, 1
    passed, failed = int(m.group(1)), int(m.group(2))
    if r.returncode != 0 and failed == 0:
        print("%s: FAIL exit status %d" % (label, r.returncode))
        failed = 1
    return passed, failed


def main(argv):
    ap = argparse.ArgumentParser(prog="tests/run.py")
    ap.add_argument("--build", required=True)
    args = ap.parse_args(argv)
    build = os.path.abspath(args.build)
    duet = os.path.join(build, "cmd", "duet")
    py = "/usr/bin/python3"

    suites = [("unit", lambda: suite_unit(build)),
              ("cli", lambda: run_counting(
                  "cli", [py, "tests/cli/test_cli.py", "--duet", duet], 300)),
              ("sql-selftest", lambda: run_counting(
                  "sql", [py, "tests/sql/run.py", "--self-test"], 300))]
    if glob.glob(os.path.join(ROOT, "tests", "sql", "*.test")):
        suites.append(("sql", lambda: run_counting(
            "sql", [py, "tests/sql/run.py", "--duet", duet], 1800)))
    for name in ("clients", "cluster"):
        script = os.path.join(ROOT, "tests", name, "run.sh")
        if os.path.exists(script):
            suites.append((name, lambda s=script, n=name: run_counting(
                n, ["sh", s, "--duet", duet, "--build", build], 1800)))

    total_pass = total_fail = 0
    for name, fn in suites:
        print("== %s" % name, flush=True)
        p, f = fn()
        total_pass += p
        total_fail += f
        sys.stdout.flush()
    print("%d passed, %d failed" % (total_pass, total_fail))
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
