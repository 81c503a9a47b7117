# A pod identity module: the agent add-on (optional) and one association.
resource "aws_eks_addon" "pod_identity_agent" {
  count = var.install_agent ? 1 : 0

  cluster_name = var.cluster_name
  addon_name   = "eks-pod-identity-agent"
}

resource "aws_eks_pod_identity_association" "this" {
  cluster_name    = var.cluster_name
  namespace       = var.namespace
  service_account = var.service_account
  role_arn        = var.role_arn
  tags            = var.tags

  depends_on = [aws_eks_addon.pod_identity_agent]
}
