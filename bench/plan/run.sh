#!/usr/bin/env bash
# Plan and apply cost of aws_eks_pod_identity_association at 1, 100 and 500 resources, side by side with the same
# number of terraform_data resources (built into Terraform: no provider process, no API; the floor any provider
# pays). One run measures, per size: apply (create) once, plan with refresh RUNS times (median), destroy once;
# the emulator's API call counts for each step; and the provider's peak RSS over every process of the run.
#
#   bench/plan/run.sh [PROVIDER_DIR] [EMULATOR_BIN] [RUNS] [SIZES]
#   bench/plan/run.sh out/provider out/emulator/aws-emulator 5 "1 100 500"
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
provider_dir=$(cd "${1:-$root/out/provider}" && pwd)
emulator_bin=${2:-$root/out/emulator/aws-emulator}
runs=${3:-5}
sizes=${4:-1 100 500}
tf=${TF_ACC_TERRAFORM_PATH:-terraform}

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-plan.XXXXXX")
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The provider runs under /usr/bin/time (through a wrapper Terraform finds via dev_overrides) so that every
# provider process appends its peak RSS in KiB.
rss_log="$work/rss.log"
mkdir -p "$work/wrapped"
cat >"$work/wrapped/terraform-provider-aws" <<SH
#!/bin/sh
exec /usr/bin/time -a -o "$rss_log" -f "%M" "$provider_dir/terraform-provider-aws" "\$@"
SH
chmod +x "$work/wrapped/terraform-provider-aws"
cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "podidentity/aws" = "$work/wrapped"
  }
  direct {}
}
HCL

trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
cat >"$work/seed.json" <<JSON
{"accountId":"123456789012","clusters":[{"name":"bench","region":"us-west-2","version":"1.33"}],
 "roles":[{"name":"bench-role","assumeRolePolicyDocument":$trust}]}
JSON
"$emulator_bin" --listen 127.0.0.1:0 --seed "$work/seed.json" >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 100); do
  grep -q http "$work/emulator.out" 2>/dev/null && break
  sleep 0.1
done
endpoint=$(grep -o 'http://[^ ]*' "$work/emulator.out" | head -1 | sed 's#/*$##')
[ -n "$endpoint" ] || { echo "emulator did not start" >&2; exit 1; }

export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-west-2 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none" AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE TF_LOG TF_LOG_PROVIDER

now_ms() { date +%s%3N; }
# Runs a terraform command in $1, prints its wall time in ms; fails the benchmark if the command fails.
timed() {
  local dir=$1; shift
  local start end
  start=$(now_ms)
  (cd "$dir" && "$tf" "$@" -input=false -no-color >"$work/last.log" 2>&1) || { cat "$work/last.log" >&2; exit 1; }
  end=$(now_ms)
  echo $((end - start))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
calls() { curl -fsS "$endpoint/_emulator/calls"; }
reset_calls() { curl -fsS -X DELETE "$endpoint/_emulator/calls" >/dev/null; }
# {"eks:CreatePodIdentityAssociation":100,...} -> "Create 100, ..." (only the operations that were called)
summarize() { tr -d '{}"' | tr ',' '\n' | sed -n 's/^[a-z]*:\([A-Za-z]*\):\([0-9]*\)$/\1 \2/p' \
  | sed 's/PodIdentityAssociation//' | paste -sd ',' | sed 's/,/, /g'; }

# From one TF_LOG=debug plan: ms from Terraform's start to the end of ConfigureProvider (CLI start-up, three
# provider processes, configure), then ms from there to the end of the plan (refresh and plan of every resource).
phases() {
  awk '
    function ms(ts) { split(substr(ts, 12, 12), t, ":"); return (t[1] * 3600 + t[2] * 60 + t[3]) * 1000 }
    NR == 1 { start = ms($1) }
    /rpc=ConfigureProvider/ { configured = ms($1) }
    /plan operation completed/ { done = ms($1) }
    END { printf "%d ms + %d ms", configured - start, done - configured }' "$1"
}

printf '| resources | config | apply (create) | plan with refresh, median of %s | plan phases: start-up+configure + resources | destroy | API calls: apply / plan (one run) / destroy | provider peak RSS |\n' "$runs"
printf '|---|---|---|---|---|---|---|---|\n'
for n in $sizes; do
  ours="$work/ours-$n"
  floor="$work/floor-$n"
  mkdir -p "$ours" "$floor"
  cat >"$ours/main.tf" <<HCL
terraform {
  required_providers {
    aws = { source = "podidentity/aws" }
  }
}
provider "aws" {}
resource "aws_eks_pod_identity_association" "a" {
  count           = $n
  cluster_name    = "bench"
  namespace       = "ns-\${count.index}"
  service_account = "sa"
  role_arn        = "arn:aws:iam::123456789012:role/bench-role"
  tags            = { index = tostring(count.index) }
}
HCL
  cat >"$floor/main.tf" <<HCL
resource "terraform_data" "a" {
  count = $n
  input = { namespace = "ns-\${count.index}", service_account = "sa", index = tostring(count.index) }
}
HCL
  (cd "$floor" && "$tf" init -input=false -no-color >/dev/null)

  for kind in ours floor; do
    dir="$work/$kind-$n"
    : >"$rss_log"
    reset_calls
    apply_ms=$(timed "$dir" apply -auto-approve)
    apply_calls=$(calls | summarize)
    plans=()
    plan_calls=""
    for i in $(seq "$runs"); do
      reset_calls
      plans+=("$(timed "$dir" plan -refresh=true)")
      [ "$i" -eq 1 ] && plan_calls=$(calls | summarize)
    done
    plan_ms=$(printf '%s\n' "${plans[@]}" | median)
    split="-"
    if [ "$kind" = ours ]; then
      (cd "$dir" && TF_LOG=debug TF_LOG_PATH="$work/debug.log" "$tf" plan -input=false -no-color >/dev/null 2>&1)
      split=$(phases "$work/debug.log")
      rm -f "$work/debug.log"
    fi
    reset_calls
    destroy_ms=$(timed "$dir" destroy -auto-approve)
    destroy_calls=$(calls | summarize)
    if [ "$kind" = floor ]; then
      label="terraform_data (floor)"
      api="none"
      rss="-"
    else
      label="aws_eks_pod_identity_association"
      api="$apply_calls / $plan_calls / $destroy_calls"
      peak_kib=$(sort -n "$rss_log" | tail -1)
      rss="$((peak_kib / 1024)) MiB over $(wc -l <"$rss_log") processes"
    fi
    printf '| %s | %s | %s ms | %s ms (all: %s) | %s | %s ms | %s | %s |\n' \
      "$n" "$label" "$apply_ms" "$plan_ms" "$(IFS=' '; echo "${plans[*]}")" "$split" "$destroy_ms" "$api" "$rss"
  done
done

echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
