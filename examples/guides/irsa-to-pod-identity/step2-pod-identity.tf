# Step 2 (this provider): the agent on every node, and the association that replaces the IRSA annotation.
resource "aws_eks_addon" "pod_identity_agent" {
  provider = podidentity

  cluster_name = var.cluster_name
  addon_name   = "eks-pod-identity-agent"
}

resource "aws_eks_pod_identity_association" "payments" {
  provider = podidentity

  cluster_name    = var.cluster_name
  namespace       = "payments"
  service_account = "payments-api"
  role_arn        = var.payments_role_arn

  depends_on = [aws_eks_addon.pod_identity_agent]
}

output "payments_association_id" {
  value = aws_eks_pod_identity_association.payments.association_id
}
