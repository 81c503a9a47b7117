#!/usr/bin/env bash
# Publishes the two floor programs (ReadyToRun, like the provider) for bench/handshake/run.sh:
#   bench/floors/build.sh [out-dir=/tmp/bench-floors]
#   bench/handshake/run.sh /tmp/bench-floors/hello/floor-hello 25 plain /tmp/bench-floors/kestrel/floor-kestrel out/provider/terraform-provider-aws
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-/tmp/bench-floors}
for floor in hello kestrel; do
  dotnet publish "$here/$floor/$floor.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    --nologo -v quiet --artifacts-path "$out/artifacts" -o "$out/$floor"
done
echo "$out/hello/floor-hello $out/kestrel/floor-kestrel"
