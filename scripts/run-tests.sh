#!/bin/sh
# Runs every test suite of `make check` and ends with one summary line,
# "check: N passed, N failed", counting cmocka tests and the other suites.
#   scripts/run-tests.sh BUILD_DIR TEST_BINARY...
set -u
build=$1; shift
passed=0; failed=0; failed_suites=""
log=$build/check.log
: > "$log"

count() { # $1 = suite name, $2 = exit status, $3 = output file
    p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$3" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$3" | tail -n 1)
    if [ -n "$p$f" ]; then
        passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
        [ "$2" -ne 0 ] && [ -z "$f" ] && failed=$((failed + 1))
    elif [ "$2" -eq 0 ]; then passed=$((passed + 1))
    else failed=$((failed + 1))
    fi
    if [ "$2" -ne 0 ]; then
        failed_suites="$failed_suites $1"; echo "FAIL: $1"; tail -n 30 "$3"
    else
        n=$(grep -c '^\[       OK \]' "$3" 2>/dev/null || true)
        if [ "${n:-0}" -gt 0 ]; then echo "ok:   $1 ($n tests)"; else echo "ok:   $1"; fi
    fi
    cat "$3" >> "$log"
}

out=$(mktemp); trap 'rm -f "$out"' EXIT
for t in "$@"; do
    (cd "$(dirname "$0")/.." && "$t") > "$out" 2>&1; count "$(basename "$t")" $? "$out"
done
for target in symbols headertest example cli-test fuzz-replay; do
    make --no-print-directory -s BUILD="$build" "$target" > "$out" 2>&1; count "$target" $? "$out"
done
echo "full log: $log"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
