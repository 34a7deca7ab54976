#!/bin/sh
# make demo: replays the bundled traffic of a small JSON API (benign users
# and a few attackers) against the demo policy and explains the decisions.
set -eu
cli=$1
out=${BUILD:-build}/demo-decisions.jsonl
# A fixed demo key makes identities the same on every run; never use a
# published key in production.
export VIGIL_HASH_KEY=64656d6f2d6b65792d6e6f742d612d7365637265742d6b65792d303030303031
echo "vigil demo: one hour of a small JSON API (examples/traffic/demo.jsonl),"
echo "benign users plus six attackers, replayed against examples/policies/demo.json"
echo
"$cli" replay --policy examples/policies/demo.json examples/traffic/demo.jsonl > "$out"
echo
echo "What was stopped, and why (the first decision for each rule that fired):"
# One example per rule id, printed as: action rule where: detail
awk '
  /"action":"(block|throttle|flag)"/ {
    id = $0; sub(/.*"reasons":\[\{"id":"/, "", id); sub(/".*/, "", id)
    if (seen[id]++) next
    act = $0; sub(/.*"action":"/, "", act); sub(/".*/, "", act)
    wh = $0; sub(/.*"reasons":\[\{[^}]*"where":"/, "", wh); sub(/".*/, "", wh)
    de = $0; sub(/.*"reasons":\[\{[^}]*"detail":"/, "", de); sub(/","score".*/, "", de); gsub(/\\"/, "\"", de)
    who = $0; sub(/.*"identity":"/, "", who); sub(/".*/, "", who)
    printf "  %-8s %-26s %-22s %s\n           %s\n", act, id, (wh == "" ? "-" : wh), who, de
  }' "$out"
echo
echo "All $(wc -l < "$out") decisions (JSON lines) are in $out."
