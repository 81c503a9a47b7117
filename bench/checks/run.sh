#!/usr/bin/env bash
# Cost of the plan-time checks of aws_eks_pod_identity_association: one `terraform plan` of 100 new associations
# over 3 roles and 1 cluster against aws-emulator, and the API calls that plan made (`GET /_emulator/calls`, reset
# right before it). Expected: one GetRole per role, one DescribeCluster per cluster, one ListPodIdentityAssociations
# per new association, whatever the parallelism. Then the same plan with the trust check switched off, for the time.
#
#   bench/checks/run.sh [PROVIDER_DIR] [EMULATOR_BIN] [ASSOCIATIONS]
#   bench/checks/run.sh out/provider out/emulator/aws-emulator 100
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
provider_dir=$(cd "${1:-$root/out/provider}" && pwd)
emulator_bin=${2:-$root/out/emulator/aws-emulator}
count=${3:-100}
tf=${TF_ACC_TERRAFORM_PATH:-terraform}

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-checks.XXXXXX")
. "$root/bench/emulator/start.sh"
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "podidentity/aws" = "$provider_dir"
  }
  direct {}
}
HCL

trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
role() { printf '{"name":"%s","assumeRolePolicyDocument":%s}' "$1" "$trust"; }
cat >"$work/seed.json" <<JSON
{"accountId":"123456789012","clusters":[{"name":"bench","region":"us-west-2","version":"1.33"}],
 "roles":[$(role bench-a),$(role bench-b),$(role bench-c)]}
JSON
start_emulator "$emulator_bin" "$work/seed.json" "$work"

export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_LOG TF_LOG_PROVIDER

config() {
  cat <<HCL
terraform {
  required_providers {
    aws = { source = "podidentity/aws" }
  }
}

provider "aws" {
  skip_pod_identity_agent_check = true
  skip_pod_identity_trust_check = $1
}

locals {
  roles = ["bench-a", "bench-b", "bench-c"]
}

resource "aws_eks_pod_identity_association" "app" {
  count           = $count
  cluster_name    = "bench"
  namespace       = "ns-\${count.index}"
  service_account = "app"
  role_arn        = "arn:aws:iam::123456789012:role/\${local.roles[count.index % 3]}"
}
HCL
}

now_ms() { date +%s%3N; }
plan() {
  curl -fsS -X DELETE "$endpoint/_emulator/calls" >/dev/null
  local start end
  start=$(now_ms)
  (cd "$work" && "$tf" plan -input=false -no-color >"$work/plan.log" 2>&1) || { cat "$work/plan.log" >&2; exit 1; }
  end=$(now_ms)
  grep -q "Plan: $count to add" "$work/plan.log" || { cat "$work/plan.log" >&2; exit 1; }
  echo "plan: $((end - start)) ms; calls: $(curl -fsS "$endpoint/_emulator/calls")"
}

echo "terraform: $("$tf" version | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
config false >"$work/main.tf"
echo "== $count new associations, 3 roles, 1 cluster, checks on"
plan
config true >"$work/main.tf"
echo "== the same with skip_pod_identity_trust_check = true"
plan
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
