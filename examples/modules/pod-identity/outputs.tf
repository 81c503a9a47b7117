output "association_id" {
  value = aws_eks_pod_identity_association.this.association_id
}

output "association_arn" {
  value = aws_eks_pod_identity_association.this.association_arn
}

output "agent_version" {
  description = "The agent's version, or null when the module did not install it."
  value       = one(aws_eks_addon.pod_identity_agent[*].addon_version)
}

output "tags_all" {
  value = aws_eks_pod_identity_association.this.tags_all
}
