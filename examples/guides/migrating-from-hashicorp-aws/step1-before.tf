# Before: hashicorp/aws manages the agent add-on and the association.
resource "aws_eks_addon" "pod_identity_agent" {
  cluster_name = "pod-identity-lab"
  addon_name   = "eks-pod-identity-agent"
}

resource "aws_eks_pod_identity_association" "payments" {
  cluster_name    = "pod-identity-lab"
  namespace       = "payments"
  service_account = "payments-api"
  role_arn        = "arn:aws:iam::123456789012:role/payments-api"

  depends_on = [aws_eks_addon.pod_identity_agent]
}
