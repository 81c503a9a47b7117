# The newest eks-pod-identity-agent for Kubernetes 1.33 (drop most_recent for the version EKS installs by default).
data "aws_eks_addon_version" "agent" {
  addon_name         = "eks-pod-identity-agent"
  kubernetes_version = "1.33"
  most_recent        = true
}

resource "aws_eks_addon" "pod_identity_agent" {
  cluster_name  = "pod-identity-lab"
  addon_name    = "eks-pod-identity-agent"
  addon_version = data.aws_eks_addon_version.agent.version
}
