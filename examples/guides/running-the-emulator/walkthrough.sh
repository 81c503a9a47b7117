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

# 4. Clean up.
aws eks delete-pod-identity-association --cluster-name "$cluster" --association-id "$id" \
  --query association.associationId --output text
aws eks delete-addon --cluster-name "$cluster" --addon-name eks-pod-identity-agent \
  --query addon.status --output text
