#!/usr/bin/env bash
# Benchmark: DescribePodIdentityAssociation throughput, 8 concurrent keep-alive connections on loopback,
# SigV4 checking on. Runs RUNS rounds of SECONDS each against one emulator and prints the median req/s.
# Usage: bench/emulator/run.sh [path/to/aws-emulator]   (default out/emulator/aws-emulator; `make emulator` builds it)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-${AWS_EMULATOR_BIN:-$here/../../out/emulator/aws-emulator}}
runs=${RUNS:-5}
seconds=${SECONDS_PER_RUN:-5}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cat >"$work/seed.json" <<'JSON'
{"accountId":"123456789012","clusters":[{"name":"demo","region":"us-west-2","version":"1.31"}],
 "roles":[{"name":"pod-role","assumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[]}}]}
JSON
"$bin" --listen 127.0.0.1:0 --seed "$work/seed.json" >"$work/stdout" 2>"$work/stderr" &
pid=$!
for _ in $(seq 100); do grep -q 'http://' "$work/stdout" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/stdout" | head -1)
echo "emulator at $url; warm-up 2 s, then $runs runs of $seconds s"
node "$here/load.mjs" "$url" 2 8 >/dev/null
results=()
for i in $(seq "$runs"); do
  line=$(node "$here/load.mjs" "$url" "$seconds" 8)
  echo "run $i: $line"
  results+=("$(sed 's/.*"rps":\([0-9]*\).*/\1/' <<<"$line")")
done
printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print "median req/s: " a[int((NR+1)/2)]}'
