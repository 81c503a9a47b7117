#!/usr/bin/env bash
# Where a plugin's start-up time goes: runs it RUNS times as Terraform would (TLS mode) with
# PODIDENTITY_STARTUP_TRACE=1, and prints for every start-up mark (src/Plugin.Hosting/Internal/StartupTrace.cs)
# the median ms since exec and the managed thread it ran on; then the exec -> handshake line median.
#   bench/handshake/trace.sh [binary=out/provider/terraform-provider-aws] [runs=15]
# The trace itself costs a little (stderr writes), so read the gaps, and take the totals from run.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/out/provider/terraform-provider-aws}
runs=${2:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$bin" "$runs" "$work" <<'PY'
import os, signal, statistics, subprocess, sys, threading, time
binary, runs, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
env = {k: v for k, v in os.environ.items() if not k.startswith("TF_LOG")}
env.update(TF_PLUGIN_MAGIC_COOKIE="d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
           PLUGIN_PROTOCOL_VERSIONS="5,6", PODIDENTITY_STARTUP_TRACE="1",
           PLUGIN_CLIENT_CERT=open(os.path.join(work, "cert.pem")).read())
marks, lines = {}, []
for i in range(runs + 1):
    start = time.monotonic_ns()
    p = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = []
    reader = threading.Thread(target=lambda: err.extend(p.stderr.readlines()))
    reader.start()
    p.stdout.readline()
    line_ms = (time.monotonic_ns() - start) / 1e6
    time.sleep(0.3)
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=10)
    reader.join()
    if i == 0:
        continue  # warm-up
    lines.append(line_ms)
    for raw in err:
        parts = raw.decode().rstrip("\n").split(" ", 4)
        if len(parts) == 5 and parts[0] == "startup-trace":
            marks.setdefault(parts[4], []).append(((int(parts[1]) - start) / 1e6, parts[3]))
order = sorted(marks, key=lambda k: statistics.median(t for t, _ in marks[k]))
print(f"{'median ms':>9} {'min':>6} {'max':>6}  thread  mark ({runs} runs after 1 warm-up)")
for k in order:
    ts = [t for t, _ in marks[k]]
    threads = sorted({th for _, th in marks[k]})
    print(f"{statistics.median(ts):9.1f} {min(ts):6.1f} {max(ts):6.1f}  {','.join(threads):6}  {k}")
print(f"exec -> handshake line (as the bench reads it): median {statistics.median(lines):.1f} ms")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
