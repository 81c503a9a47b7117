provider "podidentity" {
  region = local.region

  default_tags {
    tags = local.tags
  }
}

# Same type names as in hashicorp/aws: `provider = podidentity` is what picks this provider.
resource "aws_eks_addon" "pod_identity_agent" {
  provider = podidentity

  cluster_name = local.cluster_name
  addon_name   = "eks-pod-identity-agent"
}

resource "aws_eks_pod_identity_association" "payments" {
  provider = podidentity

  cluster_name    = local.cluster_name
  namespace       = "payments"
  service_account = "payments-api"
  role_arn        = local.payments_role_arn

  depends_on = [aws_eks_addon.pod_identity_agent]
}

data "aws_eks_pod_identity_associations" "payments" {
  provider = podidentity

  cluster_name = local.cluster_name
  namespace    = "payments"

  depends_on = [aws_eks_pod_identity_association.payments]
}

output "payments_association_ids" {
  value = [for a in data.aws_eks_pod_identity_associations.payments.associations : a.association_id]
}
