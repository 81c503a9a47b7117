#!/usr/bin/env bash
# Builds the last ReadyToRun provider once, for side-by-side runs with the NativeAOT build: the tree of
# BASELINE_REV (default a148794, the last commit before `make build` went native) published with that commit's
# Makefile flags (framework-dependent, ReadyToRun). Prints the provider folder; reuses an earlier build.
#   dir=$(bench/baseline.sh [out=/tmp/bench-r2r-REV])
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rev=${BASELINE_REV:-a148794}
out=${1:-/tmp/bench-r2r-$rev}
if [ -x "$out/provider/terraform-provider-aws" ]; then
  echo "$out/provider"
  exit 0
fi
rid=$(dotnet --info | awk '$1 == "RID:" {print $2; exit}')
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
git -C "$root" archive "$rev" | tar -x -C "$src"
dotnet publish "$src/src/Provider/Provider.csproj" -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true --nologo -v quiet -o "$out/provider" >&2
echo "$out/provider"
