#!/bin/sh
# run.sh - runs every real-client test (test_*.py) against freshly started duet servers and
# prints "N passed, N failed". DUET_BIN selects the binary (default: newest build/*/cmd/duet).
# Uses Debian's /usr/bin/python3, which has PyMySQL.
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
