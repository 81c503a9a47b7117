# Every association of a cluster, optionally narrowed to a namespace (and a service account in it).
data "aws_eks_pod_identity_associations" "payments" {
  cluster_name = "pod-identity-lab"
  namespace    = "payments"
}

output "payments_association_ids" {
  value = [for a in data.aws_eks_pod_identity_associations.payments.associations : a.association_id]
}
