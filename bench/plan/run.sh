#!/usr/bin/env bash
# Plan and apply cost of aws_eks_pod_identity_association at 100, 500 and 1,000 resources for one or more provider
# builds side by side (by default the NativeAOT build in out/provider and the last ReadyToRun build,
# bench/baseline.sh), against the same number of terraform_data resources (built into Terraform: no provider
# process, no API; the floor any provider pays). Per size and build: apply (create) once, plan with refresh RUNS
# times (median, and its ratio to the floor's median), destroy once; the emulator's API call counts for each
# step; the provider's peak RSS over the provider processes of one more plan. The timed plans of the floor and of
# every build alternate, round by round, so that all see the same machine load, and run the provider directly
# (the RSS wrapper is only used for the extra plan).
#
#   bench/plan/run.sh [RUNS=3] [SIZES="100 500 1000"] [PROVIDER_DIR ...]
#   EMULATOR_BIN=out/emulator/aws-emulator bench/plan/run.sh 3 "100 500 1000" out/provider "$(bench/baseline.sh)"
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
sizes=${2:-100 500 1000}
shift 2 || shift $# || true
if [ $# -eq 0 ]; then
  set -- "$root/out/provider" "$("$root/bench/baseline.sh")"
fi
provider_dirs=()
for d in "$@"; do provider_dirs+=("$(cd "$d" && pwd)"); done
emulator_bin=${EMULATOR_BIN:-$root/out/emulator/aws-emulator}
tf=${TF_ACC_TERRAFORM_PATH:-terraform}

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-plan.XXXXXX")
. "$root/bench/emulator/start.sh"
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT

# Per build, a CLI config that runs the provider directly (timed runs), and one that runs it under /usr/bin/time
# (through a wrapper Terraform finds via dev_overrides) so that every provider process appends its peak RSS in KiB
# to that build's log.
for i in "${!provider_dirs[@]}"; do
  mkdir -p "$work/wrapped-$i"
  cat >"$work/wrapped-$i/terraform-provider-aws" <<SH
#!/bin/sh
exec /usr/bin/time -a -o "$work/rss-$i.log" -f "%M" "${provider_dirs[$i]}/terraform-provider-aws" "\$@"
SH
  chmod +x "$work/wrapped-$i/terraform-provider-aws"
  for variant in direct wrapped; do
    folder=${provider_dirs[$i]}
    [ "$variant" = wrapped ] && folder="$work/wrapped-$i"
    cat >"$work/terraformrc-$variant-$i" <<HCL
provider_installation {
  dev_overrides {
    "podidentity/aws" = "$folder"
  }
  direct {}
}
HCL
  done
  echo "build $i: ${provider_dirs[$i]} ($(file -b "${provider_dirs[$i]}/terraform-provider-aws" | cut -d, -f1-2))"
done
echo

trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
# One cluster per build: every build's resources exist at the same time (the plans alternate).
clusters=$(for i in "${!provider_dirs[@]}"; do printf '{"name":"bench-%s","region":"us-west-2","version":"1.33"}\n' "$i"; done | paste -sd,)
cat >"$work/seed.json" <<JSON
{"accountId":"123456789012","clusters":[$clusters],
 "roles":[{"name":"bench-role","assumeRolePolicyDocument":$trust}]}
JSON
start_emulator "$emulator_bin" "$work/seed.json" "$work"

export TF_CLI_CONFIG_FILE="$work/terraformrc-direct-0" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_LOG TF_LOG_PROVIDER

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

printf '| resources | build | apply (create) | plan with refresh, median of %s | plan / floor | plan phases: start-up+configure + resources | destroy | API calls: apply / plan (one run) / destroy | provider peak RSS during the plans |\n' "$runs"
printf '|---|---|---|---|---|---|---|---|---|\n'
for n in $sizes; do
  kinds=(floor "${!provider_dirs[@]}")
  declare -A apply_ms=() apply_calls=() plans=() plan_calls=()
  for kind in "${kinds[@]}"; do
    dir="$work/$kind-$n"
    mkdir -p "$dir"
    if [ "$kind" = floor ]; then
      cat >"$dir/main.tf" <<HCL
resource "terraform_data" "a" {
  count = $n
  input = { namespace = "ns-\${count.index}", service_account = "sa", index = tostring(count.index) }
}
HCL
      (cd "$dir" && "$tf" init -input=false -no-color >/dev/null)
    else
      export TF_CLI_CONFIG_FILE="$work/terraformrc-direct-$kind"
      cat >"$dir/main.tf" <<HCL
terraform {
  required_providers {
    aws = { source = "podidentity/aws" }
  }
}
provider "aws" {}
resource "aws_eks_pod_identity_association" "a" {
  count           = $n
  cluster_name    = "bench-$kind"
  namespace       = "ns-\${count.index}"
  service_account = "sa"
  role_arn        = "arn:aws:iam::123456789012:role/bench-role"
  tags            = { index = tostring(count.index) }
}
HCL
    fi
    reset_calls
    apply_ms[$kind]=$(timed "$dir" apply -auto-approve)
    apply_calls[$kind]=$(calls | summarize)
  done

  for i in $(seq "$runs"); do
    for kind in "${kinds[@]}"; do
      [ "$kind" = floor ] || export TF_CLI_CONFIG_FILE="$work/terraformrc-direct-$kind"
      reset_calls
      plans[$kind]="${plans[$kind]:-} $(timed "$work/$kind-$n" plan -refresh=true)"
      [ "$i" -eq 1 ] && plan_calls[$kind]=$(calls | summarize)
    done
  done

  floor_ms=""
  for kind in "${kinds[@]}"; do
    dir="$work/$kind-$n"
    plan_ms=$(printf '%s\n' ${plans[$kind]} | median)
    split="-"
    if [ "$kind" = floor ]; then
      floor_ms=$plan_ms
      label="terraform_data (floor)"
      api="none"
      rss="-"
      ratio="1"
    else
      export TF_CLI_CONFIG_FILE="$work/terraformrc-wrapped-$kind"
      : >"$work/rss-$kind.log"
      (cd "$dir" && "$tf" plan -input=false -no-color >/dev/null 2>&1)
      peak_kib=$(sort -n "$work/rss-$kind.log" | tail -1)
      rss="$((peak_kib / 1024)) MiB over $(wc -l <"$work/rss-$kind.log") processes"
      export TF_CLI_CONFIG_FILE="$work/terraformrc-direct-$kind"
      (cd "$dir" && TF_LOG=debug TF_LOG_PATH="$work/debug.log" "$tf" plan -input=false -no-color >/dev/null 2>&1)
      split=$(phases "$work/debug.log")
      rm -f "$work/debug.log"
      label="build $kind"
      ratio=$(awk -v a="$plan_ms" -v b="$floor_ms" 'BEGIN { printf "%.2f", a / b }')
    fi
    reset_calls
    destroy_ms=$(timed "$dir" destroy -auto-approve)
    destroy_calls=$(calls | summarize)
    [ "$kind" = floor ] || api="${apply_calls[$kind]} / ${plan_calls[$kind]} / $destroy_calls"
    printf '| %s | %s | %s ms | %s ms (all:%s) | %s | %s | %s ms | %s | %s |\n' \
      "$n" "$label" "${apply_ms[$kind]}" "$plan_ms" "${plans[$kind]}" "$ratio" "$split" "$destroy_ms" "$api" "$rss"
  done
  unset apply_ms apply_calls plans plan_calls
done

echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
