#!/usr/bin/python3
"""run.py - runs every libFuzzer target of a DUET_FUZZ build for a fixed time.

    tests/fuzz/run.py --build build/fuzz --seconds 600

A target is an executable named fuzz_<name> anywhere under the build tree. Its
seed corpus is tests/fuzz/<name>/corpus when that exists; new inputs go to a
work copy under the build tree, so the committed corpus only changes by hand.
A crash, leak or timeout stops that target and counts as a failure; the
reproducer is left in the build tree and named in the output.
"""
import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def targets(build):
    for top, _, files in os.walk(build):
        for f in files:
            path = os.path.join(top, f)
            if f.startswith("fuzz_") and os.access(path, os.X_OK) and "." not in f:
                yield f[len("fuzz_"):], path


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--seconds", type=int, default=600)
    a = ap.parse_args(argv)
    build = os.path.abspath(a.build)
    found = sorted(targets(build))
    if not found:
        print("fuzz: no fuzz_* targets in %s" % build)
        print("fuzz: 0 passed, 1 failed")
        return 1
    passed = failed = 0
    for name, exe in found:
        work = os.path.join(build, "fuzz-work", name)
        corpus = os.path.join(work, "corpus")
        os.makedirs(corpus, exist_ok=True)
        seed = os.path.join(HERE, name, "corpus")
        if os.path.isdir(seed):
            for f in os.listdir(seed):
                shutil.copy(os.path.join(seed, f), corpus)
        print("fuzz: %s for %ds" % (name, a.seconds), flush=True)
        r = subprocess.run([exe, "-max_total_time=%d" % a.seconds, "-timeout=10",
                            "-rss_limit_mb=4096", "-print_final_stats=1",
                            "-artifact_prefix=%s/" % work, corpus],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           errors="replace")
        tail = r.stdout.splitlines()[-25:]
        ok = r.returncode == 0
        print("\n".join(tail))
        print("fuzz: %s %s" % ("ok  " if ok else "FAIL", name))
        passed, failed = passed + ok, failed + (not ok)
    print("fuzz: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
