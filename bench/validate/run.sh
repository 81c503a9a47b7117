#!/usr/bin/env bash
# What our provider adds to `terraform validate`, and what it costs in memory, for one or more provider builds
# side by side (by default the NativeAOT build in out/provider and the last ReadyToRun build, bench/baseline.sh).
#   bench/validate/run.sh [runs=15] [provider-dir ...]
# 1. exec -> go-plugin handshake line of each build (bench/handshake/run.sh, TLS mode as Terraform).
# 2. `terraform validate` of a small configuration using the provider vs the same CLI on a configuration without
#    any provider, alternated run by run (every build and the provider-less run each round) so all see the same
#    machine load; medians and the difference.
# 3. The provider's peak RSS during that validate: the dev override points at a wrapper that runs the real binary
#    under /usr/bin/time and records its maximum resident set size.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-15}
shift || true
if [ $# -eq 0 ]; then
  set -- "$root/out/provider" "$("$root/bench/baseline.sh")"
fi
dirs=()
for d in "$@"; do dirs+=("$(cd "$d" && pwd)"); done
cli=${TF_ACC_TERRAFORM_PATH:-terraform}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(TF_CLI_CONFIG_FILE=/dev/null "$cli" version 2>/dev/null | head -1)"
for i in "${!dirs[@]}"; do
  echo "== build $i: ${dirs[$i]} ($(file -b "${dirs[$i]}/terraform-provider-aws" | cut -d, -f1-2); folder $(du -sh "${dirs[$i]}" | cut -f1))"
done
echo "== 1. handshake"
bins=()
for d in "${dirs[@]}"; do bins+=("$d/terraform-provider-aws"); done
"$root/bench/handshake/run.sh" "${bins[0]}" "$runs" tls "${bins[@]:1}"

write_cli_config() {
  cat >"$1" <<HCL
provider_installation {
  dev_overrides {
    "podidentity/aws" = "$2"
  }
  direct {}
}
HCL
}

# Per build: a direct CLI config, and a wrapper folder whose binary runs the real one under /usr/bin/time -f %M.
for i in "${!dirs[@]}"; do
  mkdir -p "$work/wrapped-$i" "$work/rss-$i"
  cat >"$work/wrapped-$i/terraform-provider-aws" <<SH
#!/bin/sh
exec /usr/bin/time -f %M -o "$work/rss-$i/\$\$" "${dirs[$i]}/terraform-provider-aws" "\$@"
SH
  chmod +x "$work/wrapped-$i/terraform-provider-aws"
  write_cli_config "$work/direct-$i.tfrc" "${dirs[$i]}"
  write_cli_config "$work/wrapped-$i.tfrc" "$work/wrapped-$i"
done
mkdir -p "$work/with" "$work/without"

cat >"$work/with/main.tf" <<'HCL'
terraform {
  required_providers {
    aws = { source = "podidentity/aws" }
  }
}

provider "aws" {
  region = "us-west-2"
  default_tags {
    tags = { env = "bench" }
  }
}

variable "role_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:role/payments-api"
}

resource "aws_eks_pod_identity_association" "app" {
  cluster_name    = "pod-identity-lab"
  namespace       = "payments"
  service_account = "api"
  role_arn        = var.role_arn
  tags            = { team = "payments" }
}

output "association" {
  value = aws_eks_pod_identity_association.app.association_id
}
HCL
cat >"$work/without/main.tf" <<'HCL'
variable "role_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:role/payments-api"
}

output "role_arn" {
  value = var.role_arn
}
HCL

echo "== 2. terraform validate, with each build vs without any provider ($runs runs each, alternating)"
python3 - "$cli" "$work" "$runs" "${dirs[@]}" <<'PY'
import os, statistics, subprocess, sys, time
cli, work, runs, dirs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
base = {k: v for k, v in os.environ.items() if not k.startswith("TF_LOG")}
base.update(CHECKPOINT_DISABLE="1", TF_IN_AUTOMATION="1")

def run(folder, tfrc):
    env = dict(base, TF_CLI_CONFIG_FILE=tfrc)
    start = time.perf_counter()
    p = subprocess.run([cli, "validate", "-no-color"], cwd=os.path.join(work, folder), env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ms = (time.perf_counter() - start) * 1000
    if p.returncode != 0:
        sys.exit(f"validate in {folder} failed:\n{p.stdout.decode()}")
    return ms

sides = [(f"build {i}", "with", os.path.join(work, f"direct-{i}.tfrc")) for i in range(len(dirs))]
sides.append(("without provider", "without", os.path.join(work, "direct-0.tfrc")))
for _, folder, tfrc in sides:  # warm the disk cache
    run(folder, tfrc)
times = {name: [] for name, _, _ in sides}
for _ in range(runs):
    for name, folder, tfrc in sides:
        times[name].append(run(folder, tfrc))
floor = statistics.median(times["without provider"])
for name, _, _ in sides:
    t = times[name]
    m = statistics.median(t)
    added = "" if name == "without provider" else f"; added by the provider {m - floor:.0f} ms (target <= 250 ms, stretch 150 ms)"
    print(f"validate, {name}: median {m:.0f} ms (min {min(t):.0f}, max {max(t):.0f}){added}")
PY

echo "== 3. provider peak RSS during validate (5 validates per build)"
for i in "${!dirs[@]}"; do
  for _ in 1 2 3 4 5; do
    (cd "$work/with" && CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE="$work/wrapped-$i.tfrc" "$cli" validate -no-color >/dev/null)
  done
  python3 - "$work/rss-$i" "build $i" <<'PY'
import os, statistics, sys
folder, name = sys.argv[1], sys.argv[2]
kib = [int(open(os.path.join(folder, f)).read().split()[-1]) for f in os.listdir(folder)]
if not kib:
    sys.exit("no provider process was recorded")
print(f"{name}: {len(kib)} provider processes; peak RSS (max RSS per process): median {statistics.median(kib) / 1024:.1f} MiB, "
      f"max {max(kib) / 1024:.1f} MiB (target <= 40 MiB)")
PY
done
