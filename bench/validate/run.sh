#!/usr/bin/env bash
# What our provider adds to `terraform validate`, and what it costs in memory.
#   bench/validate/run.sh [provider-dir=out/provider] [runs=15]
# 1. exec -> go-plugin handshake line of the ReadyToRun provider (bench/handshake/run.sh, TLS mode as Terraform).
# 2. `terraform validate` of a small configuration using our provider vs the same CLI on a configuration without
#    any provider, alternated run by run so both see the same machine load; medians and the difference.
# 3. The provider's peak RSS during that validate: the dev override points at a wrapper that runs the real binary
#    under /usr/bin/time and records its maximum resident set size.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
provider_dir=$(cd "${1:-$root/out/provider}" && pwd)
runs=${2:-15}
cli=${TF_ACC_TERRAFORM_PATH:-terraform}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(TF_CLI_CONFIG_FILE=/dev/null "$cli" version 2>/dev/null | head -1)"
echo "== 1. handshake"
"$root/bench/handshake/run.sh" "$provider_dir/terraform-provider-aws" "$runs" tls

# A wrapper provider folder: same binary, started under /usr/bin/time -f %M (KiB) into rss/.
mkdir -p "$work/wrapped" "$work/rss" "$work/with" "$work/without"
cat >"$work/wrapped/terraform-provider-aws" <<SH
#!/bin/sh
exec /usr/bin/time -f %M -o "$work/rss/\$\$" "$provider_dir/terraform-provider-aws" "\$@"
SH
chmod +x "$work/wrapped/terraform-provider-aws"

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
write_cli_config "$work/direct.tfrc" "$provider_dir"
write_cli_config "$work/wrapped.tfrc" "$work/wrapped"

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

echo "== 2. terraform validate, with our provider vs without any provider ($runs runs each, alternating)"
python3 - "$cli" "$work" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
cli, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = {k: v for k, v in os.environ.items() if not k.startswith("TF_LOG")}
env.update(CHECKPOINT_DISABLE="1", TF_IN_AUTOMATION="1", TF_CLI_CONFIG_FILE=os.path.join(work, "direct.tfrc"))

def run(folder):
    start = time.perf_counter()
    p = subprocess.run([cli, "validate", "-no-color"], cwd=os.path.join(work, folder), env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ms = (time.perf_counter() - start) * 1000
    if p.returncode != 0:
        sys.exit(f"validate in {folder} failed:\n{p.stdout.decode()}")
    return ms

run("with"); run("without")  # warm the disk cache
with_ms, without_ms = [], []
for _ in range(runs):
    with_ms.append(run("with"))
    without_ms.append(run("without"))
mw, mo = statistics.median(with_ms), statistics.median(without_ms)
print(f"validate with provider:    median {mw:.0f} ms (min {min(with_ms):.0f}, max {max(with_ms):.0f})")
print(f"validate without provider: median {mo:.0f} ms (min {min(without_ms):.0f}, max {max(without_ms):.0f})")
print(f"added by the provider:     {mw - mo:.0f} ms (difference of medians; target <= 400 ms)")
PY

echo "== 3. provider peak RSS during validate"
for _ in 1 2 3 4 5; do
  (cd "$work/with" && CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE="$work/wrapped.tfrc" "$cli" validate -no-color >/dev/null)
done
python3 - "$work/rss" <<'PY'
import os, statistics, sys
folder = sys.argv[1]
kib = [int(open(os.path.join(folder, f)).read().split()[-1]) for f in os.listdir(folder)]
if not kib:
    sys.exit("no provider process was recorded")
print(f"provider processes: {len(kib)} (Terraform starts more than one per command)")
print(f"peak RSS (max RSS per process): median {statistics.median(kib) / 1024:.1f} MiB, max {max(kib) / 1024:.1f} MiB (target <= 80 MiB)")
PY
