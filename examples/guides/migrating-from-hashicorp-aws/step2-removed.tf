# Step 2 replaces step1-before.tf: hashicorp/aws forgets both objects and leaves them running.
removed {
  from = aws_eks_pod_identity_association.payments
  lifecycle {
    destroy = false
  }
}

removed {
  from = aws_eks_addon.pod_identity_agent
  lifecycle {
    destroy = false
  }
}
