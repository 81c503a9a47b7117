#!/usr/bin/env bash
# Runs `dotnet test` with the given arguments and ends with one summary line, "N passed, N failed",
# added up over every test project (dotnet prints one line per project), then the names of the failed tests.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test "$@" --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
read -r passed failed skipped < <(
  sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\2 \1 \3/p' "$log" |
    awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
echo "dotnet: ${passed} passed, ${failed} failed, ${skipped} skipped"
# CI keeps only the tail of the output: name the failed tests again here, with the first line of each message.
if [ "$failed" -gt 0 ]; then
  grep -E -A 2 '^ +Failed .* \[[^]]*\]$' "$log" | grep -v -E '^ +Error Message:$|^--$' | sed 's/^ */  /' | head -n 60
fi
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "dotnet test ran no test" >&2
  exit 1
fi
exit "$status"
