# The EKS Pod Identity Agent: install it before any aws_eks_pod_identity_association, or pods get no credentials.
resource "aws_eks_addon" "pod_identity_agent" {
  cluster_name = "pod-identity-lab"
  addon_name   = "eks-pod-identity-agent"

  # JSON or YAML, compared by value: reformatting or switching to YAML is not a change.
  configuration_values = jsonencode({
    agent = { additionalArgs = { "-b" = "169.254.170.23" } }
  })

  resolve_conflicts_on_update = "OVERWRITE"

  timeouts {
    create = "10m"
  }
}

# An add-on that owns its own pod identity association (kube-system/aws-node). Removing the block removes it.
resource "aws_eks_addon" "vpc_cni" {
  cluster_name                = "pod-identity-lab"
  addon_name                  = "vpc-cni"
  resolve_conflicts_on_create = "OVERWRITE"

  pod_identity_association {
    role_arn        = "arn:aws:iam::123456789012:role/vpc-cni"
    service_account = "aws-node"
  }

  # Count a DEGRADED add-on (for example no nodes yet) as done instead of waiting out the timeout.
  accept_degraded = true
}
