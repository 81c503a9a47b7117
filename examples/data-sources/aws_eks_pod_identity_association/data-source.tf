# Look an association up by its id...
data "aws_eks_pod_identity_association" "by_id" {
  cluster_name   = "pod-identity-lab"
  association_id = "a-abcdefghijklmnopq"
}

# ...or by the service account it serves.
data "aws_eks_pod_identity_association" "by_service_account" {
  cluster_name    = "pod-identity-lab"
  namespace       = "payments"
  service_account = "payments-api"
}

output "payments_role" {
  value = data.aws_eks_pod_identity_association.by_service_account.role_arn
}
