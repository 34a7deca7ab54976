#!/bin/sh
# Replay throughput: 100,000 small exchanges through `vigil replay --quiet`.
set -eu
cli=$1
f=${BUILD:-build}/bench-replay.jsonl
if [ ! -f "$f" ]; then
  awk 'BEGIN { for (i = 0; i < 100000; i++)
    printf "{\"ts\": %d.%03d, \"client_ip\": \"203.0.113.%d\", \"method\": \"GET\", \"path\": \"/api/v1/users/%d\", \"query\": \"fields=name\", \"headers\": {\"X-API-Key\": \"k%d\"}, \"response\": {\"status\": 200, \"bytes\": 512}}\n",
      1700000000 + i / 100, i % 1000, i % 250, i, i % 500 }' > "$f"
fi
echo
echo "replay of 100000 small exchanges (vigil replay --quiet):"
"$cli" replay --quiet "$f" 2>&1 | head -n 2
