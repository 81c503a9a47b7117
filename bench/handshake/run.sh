#!/usr/bin/env bash
# Start-up benchmark: time from exec of a plugin binary to its go-plugin handshake line on stdout.
#   bench/handshake/run.sh <plugin-binary> [runs=30] [tls|plain] [other-binary ...]
# With more than one binary they are run alternately, one start of each per round, so that every build sees the
# same machine load; each gets its own figures.
# The binary is started exactly as Terraform starts it (magic cookie, protocol versions, and for tls a fresh
# PLUGIN_CLIENT_CERT), the first stdout line is timed, then the process gets SIGTERM and is reaped.
# Prints median/p90/min/max wall time in ms, the CPU time the process used up to the line (less sensitive to
# other load on the machine), and the peak RSS (VmHWM) of the idle server after the handshake.
set -euo pipefail
bin=${1:?usage: run.sh <plugin-binary> [runs] [tls|plain]}
runs=${2:-30}
mode=${3:-tls}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$mode" = tls ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
fi

python3 - "$runs" "$mode" "$work" "$bin" "${@:4}" <<'PY'
import os, signal, statistics, subprocess, sys, time
runs, mode, work, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
env = dict(os.environ)
for key in ("TF_LOG", "TF_LOG_PROVIDER", "PLUGIN_CLIENT_CERT"):
    env.pop(key, None)
env["TF_PLUGIN_MAGIC_COOKIE"] = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
env["PLUGIN_PROTOCOL_VERSIONS"] = "5,6"
if mode == "tls":
    env["PLUGIN_CLIENT_CERT"] = open(os.path.join(work, "cert.pem")).read()

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")

def cpu_ms(pid):
    # utime + stime of the whole process (all threads), fields 14 and 15 of /proc/PID/stat.
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_MS

def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0

def start_once(binary):
    start = time.perf_counter()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = proc.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    cpu = cpu_ms(proc.pid)
    if not line.startswith(b"1|6|"):
        proc.kill()
        sys.exit(f"{binary}: unexpected first line: {line!r}")
    time.sleep(0.2)
    rss = status_kib(proc.pid, "VmHWM")
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)
    return elapsed, cpu, rss

results = {b: ([], [], []) for b in binaries}
for i in range(runs + 1):
    for binary in binaries:
        elapsed, cpu, rss = start_once(binary)
        if i > 0:  # the first round warms the disk cache
            times, cpus, rsses = results[binary]
            times.append(elapsed)
            cpus.append(cpu)
            rsses.append(rss)

for binary, (times, cpus, rss) in results.items():
    times.sort()
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    print(f"binary: {binary}")
    print(f"mode: {mode}, runs: {len(times)} (after 1 warm-up)")
    print(f"exec -> handshake line: median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, "
          f"min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
    print(f"CPU time (user+sys, all threads) up to the handshake line: median {statistics.median(cpus):.0f} ms, "
          f"mean {statistics.fmean(cpus):.1f} ms (resolution {TICK_MS:.0f} ms; the mean of many runs is finer)")
    print(f"peak RSS after handshake (VmHWM): median {statistics.median(rss) / 1024:.1f} MiB")
if len(binaries) > 1:
    first = binaries[0]
    for binary in binaries[1:]:
        a, b = results[first], results[binary]
        print(f"ratio {binary} / {first}: wall median {statistics.median(b[0]) / statistics.median(a[0]):.2f}, "
              + (f"CPU mean {statistics.fmean(b[1]) / statistics.fmean(a[1]):.2f}" if statistics.fmean(a[1]) > 0 else "CPU mean n/a (first binary under one tick)"))
print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
PY
