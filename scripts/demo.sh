#!/bin/sh
# make demo: replays the bundled traffic of a small JSON API (benign users
# and a few attackers) against the demo policy and explains the decisions.
set -eu
cli=$1
out=${BUILD:-build}/demo-decisions.jsonl
# A fixed demo key makes identities the same on every run; never use a
# published key in production.
export VIGIL_HASH_KEY=64656d6f2d6b65792d6e6f742d612d7365637265742d6b65792d303030303031
echo "vigil demo: replaying examples/traffic/demo.jsonl against examples/policies/demo.json"
echo
"$cli" replay --policy examples/policies/demo.json examples/traffic/demo.jsonl > "$out"
echo
echo "One decision per exchange was written to $out; a few blocked ones:"
grep '"action":"block"' "$out" | head -n 5 || true
