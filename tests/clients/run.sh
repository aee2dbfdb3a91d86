#!/bin/sh
# run.sh - runs every real-client test (test_*.py) against freshly started duet servers and
# prints "N passed, N failed". The binary is --duet PATH, else $DUET_BIN, else the newest
# build/*/cmd/duet (--build DIR is accepted and means DIR/cmd/duet when --duet is absent).
# Uses Debian's /usr/bin/python3, which has PyMySQL.
while [ $# -gt 0 ]; do
    case "$1" in
    --duet) DUET_BIN=$(realpath "$2"); shift 2 ;;
    --build) [ -z "$DUET_BIN" ] && [ -x "$2/cmd/duet" ] && DUET_BIN=$(realpath "$2/cmd/duet"); shift 2 ;;
    *) echo "usage: run.sh [--duet PATH] [--build DIR]" >&2; exit 2 ;;
    esac
done
[ -n "$DUET_BIN" ] && export DUET_BIN
cd "$(dirname "$0")" || exit 2
PY=/usr/bin/python3
passed=0
failed=0
for t in test_*.py; do
    echo "# $t"
    out=$(timeout 600 "$PY" "$t" 2>&1)
    rc=$?
    echo "$out"
    p=$(printf '%s\n' "$out" | grep -c '^ok - ')
    f=$(printf '%s\n' "$out" | grep -c '^FAIL - ')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL - $t exited with status $rc"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
