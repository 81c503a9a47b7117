import {
  to = aws_eks_addon.pod_identity_agent
  id = "pod-identity-lab:eks-pod-identity-agent"
}
