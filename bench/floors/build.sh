#!/usr/bin/env bash
# Publishes the floor programs for bench/handshake/run.sh, both NativeAOT (like the provider's `make build`) and
# ReadyToRun (like the last baseline, bench/baseline.sh):
#   bench/floors/build.sh [out-dir=/tmp/bench-floors]
#   f=/tmp/bench-floors; bench/handshake/run.sh $f/aot/hello/floor-hello 25 plain $f/aot/kestrel/floor-kestrel \
#     $f/r2r/hello/floor-hello $f/r2r/kestrel/floor-kestrel out/provider/terraform-provider-aws
# floor-hello prints a handshake-shaped line; floor-kestrel starts Kestrel (h2c, unix socket) first.
# floor-truststore prints what a P-256 certificate and the first X509 chain build (the system trust-store parse)
# cost on their own: `$out/aot/truststore/floor-truststore [trust-first]`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-/tmp/bench-floors}
rid=$(dotnet --info | awk '$1 == "RID:" {print $2; exit}')
for floor in hello kestrel truststore; do
  dotnet publish "$here/$floor/$floor.csproj" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    --nologo -v quiet --artifacts-path "$out/artifacts-r2r" -o "$out/r2r/$floor"
  dotnet publish "$here/$floor/$floor.csproj" -c Release -r "$rid" -p:PublishAot=true \
    -p:IlcOptimizationPreference=Speed -p:EventSourceSupport=false \
    --nologo -v quiet --artifacts-path "$out/artifacts-aot" -o "$out/aot/$floor"
done
echo "$out/{aot,r2r}/hello/floor-hello $out/{aot,r2r}/kestrel/floor-kestrel"
