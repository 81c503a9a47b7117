#!/usr/bin/env bash
# The EKS Pod Identity walkthrough with the AWS CLI, against the emulator. Expects AWS_ENDPOINT_URL (and the
# emulator's keys, test/test, and a region) in the environment.
set -euo pipefail
cluster=pod-identity-lab

# 1. Install the agent that hands pods their credentials, and wait until it runs.
aws eks create-addon --cluster-name "$cluster" --addon-name eks-pod-identity-agent \
  --query addon.status --output text
aws eks wait addon-active --cluster-name "$cluster" --addon-name eks-pod-identity-agent
aws eks describe-addon --cluster-name "$cluster" --addon-name eks-pod-identity-agent \
  --query '[addon.addonName, addon.addonVersion, addon.status]' --output text

# 2. Give pods of payments/payments-api the payments-api role.
id=$(aws eks create-pod-identity-association --cluster-name "$cluster" \
  --namespace payments --service-account payments-api \
  --role-arn arn:aws:iam::123456789012:role/payments-api \
  --query association.associationId --output text)
echo "created $id"

# 3. List and describe.
aws eks list-pod-identity-associations --cluster-name "$cluster" --namespace payments \
  --query 'associations[].[associationId, namespace, serviceAccount]' --output text
aws eks describe-pod-identity-association --cluster-name "$cluster" --association-id "$id" \
  --query '[association.roleArn, association.associationArn]' --output text

# 4. What a pod of payments/payments-api sees. The kubelet mounts a service account token into the pod (here the
#    emulator's admin API signs one), and the SDK exchanges it at the node agent for the role's credentials
#    (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: set by EKS in every such pod).
token_file=$(mktemp)
trap 'rm -f "$token_file"' EXIT
curl -fsS -X POST "$AWS_ENDPOINT_URL/_emulator/clusters/$cluster/service-account-token" \
  -H 'content-type: application/json' \
  -d '{"namespace":"payments","serviceAccount":"payments-api","podName":"payments-api-7d4b9"}' |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p' >"$token_file"
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY \
  AWS_CONTAINER_CREDENTIALS_FULL_URI="$AWS_ENDPOINT_URL/_emulator/clusters/$cluster/agent/v1/credentials" \
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$token_file" \
  aws sts get-caller-identity --query Arn --output text

# 5. Clean up.
aws eks delete-pod-identity-association --cluster-name "$cluster" --association-id "$id" \
  --query association.associationId --output text
aws eks delete-addon --cluster-name "$cluster" --addon-name eks-pod-identity-agent \
  --query addon.status --output text
