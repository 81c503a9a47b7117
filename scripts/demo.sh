#!/usr/bin/env bash
# `make demo`: the quickstart against aws-emulator, start to finish. Starts the emulator on a free loopback port
# with a seed (cluster pod-identity-lab, roles trusting pods.eks.amazonaws.com), installs the build into a local
# provider mirror (as `make install` does) and runs `terraform init`, then in a scratch copy of examples/quickstart: plan, apply, outputs, a second plan that must be empty, adopting
# an association made outside this configuration with an import block, what a pod on each service account would
# get from the pod identity agent (GetCallerIdentity with those credentials), destroy. Stops the emulator on exit.
# Exits non-zero on any failure. Expects `make build` to have published out/provider and out/emulator.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
provider_dir=${PROVIDER_DIR:-$root/out/provider}
emulator_bin=${EMULATOR_BIN:-$root/out/emulator/aws-emulator}
tf=${TF_ACC_TERRAFORM_PATH:-terraform}

# Colour only on a terminal, and never with NO_COLOR set: a log file gets plain text.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
  no_color=()
else
  step() { printf '\n==> %s\n' "$*"; }
  no_color=(-no-color)
fi
# The CLI with the colour choice above: tfc SUBCOMMAND ARGS...
tfc() { "$tf" "$1" "${no_color[@]}" "${@:2}"; }
fail() { printf 'demo failed: %s\n' "$*" >&2; exit 1; }

command -v "$tf" >/dev/null || fail "'$tf' is not on PATH (install Terraform >= 1.5, or set TF_ACC_TERRAFORM_PATH=tofu)"
[ -x "$provider_dir/terraform-provider-aws" ] || fail "no provider at $provider_dir (run make build)"
[ -x "$emulator_bin" ] || fail "no emulator at $emulator_bin (run make build)"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/pod-identity-demo.XXXXXX")
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
started=$(date +%s)

step "Starting aws-emulator (EKS, IAM, STS) on a free loopback port"
pods='{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}'
# The ledger's target role must also trust the role EKS assumes first, or the chained assume is denied.
from_ledger='{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/ledger-reader"},"Action":["sts:AssumeRole","sts:TagSession"]}'
role() { printf '{"name":"%s","assumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[%s]}}' "$1" "$2"; }
cat >"$scratch/seed.json" <<JSON
{
  "accountId": "123456789012",
  "clusters": [{ "name": "pod-identity-lab", "region": "us-west-2", "version": "1.33" }],
  "roles": [$(role payments-api "$pods"), $(role ledger-reader "$pods"), $(role cross-account-target "$pods,$from_ledger"),
            $(role reporting-job "$pods")]
}
JSON
mkfifo "$scratch/emulator.out"
"$emulator_bin" --listen 127.0.0.1:0 --seed "$scratch/seed.json" >"$scratch/emulator.out" 2>"$scratch/emulator.err" &
emulator_pid=$!
exec 3<"$scratch/emulator.out"
IFS= read -r -t 30 first_line <&3 || fail "the emulator did not start: $(cat "$scratch/emulator.err")"
# Keep draining its stdout so it never blocks on a full pipe.
cat <&3 >/dev/null &
endpoint=$(grep -o 'http://[^ ]*' <<<"$first_line" | sed 's#/*$##')
[ -n "$endpoint" ] || fail "no URL in the emulator's first line: $first_line"
echo "$first_line"

step "Installing the build into a local provider mirror (as make install does)"
version=$(cat "$root/VERSION")
"$root/scripts/install-mirror.sh" "$provider_dir" "$version" "$scratch/mirror" "$scratch/terraformrc"
export TF_CLI_CONFIG_FILE="$scratch/terraformrc"
export AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-west-2 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_CONFIG_FILE="$scratch/no-aws-config" AWS_SHARED_CREDENTIALS_FILE="$scratch/no-aws-credentials"
export CHECKPOINT_DISABLE=1 AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN TF_LOG TF_LOG_PROVIDER
echo "AWS_ENDPOINT_URL=$endpoint (the provider block itself is the one from examples/quickstart)"

work="$scratch/quickstart"
mkdir -p "$work"
cp "$root"/examples/quickstart/*.tf "$work/"
cd "$work"

step "terraform init: podidentity/aws $version from the mirror, its hash in .terraform.lock.hcl"
tfc init -input=false | grep -E 'Installing|Installed|successfully'
grep -E 'version|h1:' .terraform.lock.hcl

step "terraform plan"
tfc plan -input=false

step "terraform apply"
tfc apply -input=false -auto-approve

step "terraform output"
tfc output

step "A second plan: nothing to do"
status=0
tfc plan -input=false -detailed-exitcode || status=$?
[ "$status" -eq 0 ] || fail "the second plan was not empty (exit code $status)"

# "Outside Terraform": a throwaway workspace with its own state creates the association (a real, signed EKS call
# through the same provider). It needs nothing beyond this build and the CLI, unlike the Node.js SDK, which
# `make demo` does not install.
step "Someone creates an association outside this configuration"
outside="$scratch/outside"
mkdir -p "$outside"
cat >"$outside/main.tf" <<'HCL'
terraform {
  required_providers {
    aws = { source = "podidentity/aws" }
  }
}
provider "aws" {}
resource "aws_eks_pod_identity_association" "reporting" {
  cluster_name    = "pod-identity-lab"
  namespace       = "reporting"
  service_account = "reporting-job"
  role_arn        = "arn:aws:iam::123456789012:role/reporting-job"
}
HCL
(cd "$outside" && "$tf" init -input=false -no-color >/dev/null && "$tf" apply -input=false -auto-approve -no-color >/dev/null && "$tf" state rm -no-color aws_eks_pod_identity_association.reporting >/dev/null)
echo "created reporting/reporting-job in pod-identity-lab (and forgot it: no Terraform state manages it now)"

step "Adopting it with an import block (by cluster, namespace and service account)"
cat >"$work/adopt.tf" <<'HCL'
import {
  to = aws_eks_pod_identity_association.reporting
  id = "pod-identity-lab,reporting,reporting-job"
}

resource "aws_eks_pod_identity_association" "reporting" {
  cluster_name    = var.cluster_name
  namespace       = "reporting"
  service_account = "reporting-job"
  role_arn        = "${local.role_prefix}/reporting-job"
}
HCL
cat "$work/adopt.tf"
tfc apply -input=false -auto-approve | tee "$scratch/adopt.log"
# The import adopts the association as it is; the same apply then adds the quickstart's default_tags (managed-by,
# example), which the association was created without: 1 imported and 1 changed. README.md says the same.
grep -q 'Resources: 1 imported, 0 added, 1 changed, 0 destroyed.' "$scratch/adopt.log" ||
  fail "the import apply did not print 'Resources: 1 imported, 0 added, 1 changed, 0 destroyed.'"
echo "1 changed: the quickstart's default_tags were added to the adopted association (created outside without them)."
status=0
tfc plan -input=false -detailed-exitcode >/dev/null || status=$?
[ "$status" -eq 0 ] || fail "the plan after the import was not empty (exit code $status)"
echo "No changes after the import."

# The seeds' check: a pod on each service account presents its projected token to the node's pod identity agent
# (the emulator's agent endpoint, which calls eks-auth AssumeRoleForPodIdentity) and calls STS GetCallerIdentity
# with the credentials it got, signed by curl's own SigV4.
if command -v curl >/dev/null; then
  step "What a pod on each service account sees (token -> pod identity agent -> sts:GetCallerIdentity)"
  json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
  pod_check() { # namespace service-account pod-name
    local token answer key secret session who
    token=$(curl -fsS -X POST -H 'content-type: application/json' \
      -d "{\"namespace\":\"$1\",\"serviceAccount\":\"$2\",\"podName\":\"$3\"}" \
      "$endpoint/_emulator/clusters/pod-identity-lab/service-account-token" | json_field token)
    answer=$(curl -sS -H "Authorization: $token" "$endpoint/_emulator/clusters/pod-identity-lab/agent/v1/credentials")
    key=$(json_field AccessKeyId <<<"$answer")
    if [ -z "$key" ]; then
      printf '  %-26s -> no credentials: %s: %s\n' "$1/$2" "$(json_field Code <<<"$answer")" "$(json_field Message <<<"$answer")"
      return
    fi
    secret=$(json_field SecretAccessKey <<<"$answer")
    session=$(json_field Token <<<"$answer")
    who=$(curl -fsS --aws-sigv4 "aws:amz:us-east-1:sts" --user "$key:$secret" -H "x-amz-security-token: $session" \
      -d 'Action=GetCallerIdentity&Version=2011-06-15' "$endpoint/" | sed -n 's#.*<Arn>\([^<]*\)</Arn>.*#\1#p')
    [ -n "$who" ] || fail "GetCallerIdentity with the agent's credentials for $1/$2 failed"
    printf '  %-26s -> %s\n' "$1/$2" "$who"
  }
  pod_check payments payments-api s3-test
  pod_check ledger ledger-reader ledger-job
  pod_check payments batch-worker batch-1
fi

step "terraform destroy"
tfc destroy -input=false -auto-approve

if command -v curl >/dev/null; then
  step "AWS API calls the demo made (from the emulator's counters)"
  curl -fsS "$endpoint/_emulator/calls" | tr ',' '\n' | sed 's/[{}"]//g; s/^/  /'
  echo
fi
echo "Demo finished in $(( $(date +%s) - started )) s. Same HCL against real AWS: see README.md."
