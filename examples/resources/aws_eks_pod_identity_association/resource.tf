# Pods in namespace "payments" that run as service account "payments-api" get credentials for this role.
resource "aws_eks_pod_identity_association" "payments" {
  cluster_name    = "pod-identity-lab"
  namespace       = "payments"
  service_account = "payments-api"
  role_arn        = "arn:aws:iam::123456789012:role/payments-api"

  tags = {
    app = "payments"
  }
}

# Role chaining into another account: EKS assumes role_arn, then target_role_arn, and issues an external_id
# that the target role's trust policy can require.
resource "aws_eks_pod_identity_association" "ledger" {
  cluster_name    = "pod-identity-lab"
  namespace       = "ledger"
  service_account = "ledger-reader"
  role_arn        = "arn:aws:iam::123456789012:role/ledger-reader"
  target_role_arn = "arn:aws:iam::123456789012:role/cross-account-target"
}

output "ledger_external_id" {
  value = aws_eks_pod_identity_association.ledger.external_id
}
