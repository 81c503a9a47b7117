#!/usr/bin/env bash
# Fault rules through the emulator's admin API (plain HTTP under /_emulator/, no signing).
set -euo pipefail

# The next 2 ListPodIdentityAssociations calls answer 503 ServiceUnavailable.
curl -fsS -X POST "$AWS_ENDPOINT_URL/_emulator/faults" -H 'content-type: application/json' \
  -d '{"action":"error","status":503,"service":"eks","operation":"ListPodIdentityAssociations","count":2}'
echo
curl -fsS "$AWS_ENDPOINT_URL/_emulator/faults"
echo

# The AWS CLI retries both 503s and succeeds on its third attempt (the provider retries the same way).
aws eks list-pod-identity-associations --cluster-name pod-identity-lab --query 'length(associations)'

# How many calls of each operation the emulator answered (failed ones included), then remove every rule.
curl -fsS "$AWS_ENDPOINT_URL/_emulator/calls"
echo
curl -fsS -X DELETE "$AWS_ENDPOINT_URL/_emulator/faults"
