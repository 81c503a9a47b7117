data "aws_eks_addon" "pod_identity_agent" {
  cluster_name = "pod-identity-lab"
  addon_name   = "eks-pod-identity-agent"
}

output "agent_status" {
  value = data.aws_eks_addon.pod_identity_agent.status
}
