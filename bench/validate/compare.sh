#!/usr/bin/env bash
# Side-by-side `terraform validate` of two provider builds, alternated run by run so both see the same load.
#   bench/validate/compare.sh <provider-dir-A> <provider-dir-B> [runs=15]
# Per build: median wall time of the whole command, and the provider's own cost summed over every process
# Terraform starts for it (elapsed wall of each process and user+sys CPU, from /usr/bin/time). The CPU figure
# moves far less with the other load on the machine than any wall time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
a=$(cd "${1:?usage: compare.sh <dir-A> <dir-B> [runs]}" && pwd)
b=$(cd "${2:?usage: compare.sh <dir-A> <dir-B> [runs]}" && pwd)
runs=${3:-15}
cli=${TF_ACC_TERRAFORM_PATH:-terraform}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for side in A B; do
  dir=$a; [ "$side" = B ] && dir=$b
  mkdir -p "$work/$side/bin" "$work/$side/cfg" "$work/$side/times"
  cat >"$work/$side/bin/terraform-provider-aws" <<SH
#!/bin/sh
exec /usr/bin/time -f "%e %U %S" -o "$work/$side/times/\$\$" "$dir/terraform-provider-aws" "\$@"
SH
  chmod +x "$work/$side/bin/terraform-provider-aws"
  cat >"$work/$side/tfrc" <<HCL
provider_installation {
  dev_overrides {
    "podidentity/aws" = "$work/$side/bin"
  }
  direct {}
}
HCL
  cat >"$work/$side/cfg/main.tf" <<'HCL'
terraform {
  required_providers {
    aws = { source = "podidentity/aws" }
  }
}

provider "aws" {
  region = "us-west-2"
}

resource "aws_eks_pod_identity_association" "app" {
  cluster_name    = "pod-identity-lab"
  namespace       = "payments"
  service_account = "api"
  role_arn        = "arn:aws:iam::123456789012:role/payments-api"
}
HCL
done

python3 - "$cli" "$work" "$runs" "$a" "$b" <<'PY'
import os, statistics, subprocess, sys, time
cli, work, runs, a, b = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
env = {k: v for k, v in os.environ.items() if not k.startswith("TF_LOG")}
env.update(CHECKPOINT_DISABLE="1", TF_IN_AUTOMATION="1")

def run(side):
    times = os.path.join(work, side, "times")
    for f in os.listdir(times):
        os.remove(os.path.join(times, f))
    e = dict(env, TF_CLI_CONFIG_FILE=os.path.join(work, side, "tfrc"))
    start = time.perf_counter()
    p = subprocess.run([cli, "validate", "-no-color"], cwd=os.path.join(work, side, "cfg"), env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ms = (time.perf_counter() - start) * 1000
    if p.returncode != 0:
        sys.exit(f"validate ({side}) failed:\n{p.stdout.decode()}")
    procs = [open(os.path.join(times, f)).read().split()[-3:] for f in os.listdir(times)]
    return ms, sum(float(x[0]) for x in procs) * 1000, sum(float(x[1]) + float(x[2]) for x in procs) * 1000, len(procs)

run("A"); run("B")
res = {"A": [], "B": []}
for _ in range(runs):
    for side in ("A", "B"):
        res[side].append(run(side))
for side, path in (("A", a), ("B", b)):
    r = res[side]
    med = lambda i: statistics.median(x[i] for x in r)
    print(f"{side} {path}: validate median {med(0):.0f} ms; provider processes {r[0][3]}, "
          f"their summed lifetime median {med(1):.0f} ms, summed CPU median {med(2):.0f} ms")
print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
PY
