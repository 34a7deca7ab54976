#!/bin/sh
# Instructions per vigil_evaluate for each request of the bench mix, counted
# by callgrind (repeatable, unlike wall-clock time on shared machines):
# the difference between 1200 and 200 calls, divided by 1000.
set -eu
bin=$1
command -v valgrind >/dev/null || { echo "bench-callgrind: valgrind is not installed" >&2; exit 1; }
irs() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" --mix "$1" --iters "$2" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p; s/.*refs: *\([0-9,]*\).*/\1/p' | tr -d , | tail -n 1
}
echo "| request | instructions per evaluate |"
echo "|---|---:|"
i=0
while name=$("$bin" --mix $i --iters 1 2>/dev/null); do
    a=$(irs $i 200); b=$(irs $i 1200)
    echo "| $name | $(( (b - a) / 1000 )) |"
    i=$((i + 1))
done
