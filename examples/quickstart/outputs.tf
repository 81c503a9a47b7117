output "pod_identity_agent_version" {
  value = aws_eks_addon.pod_identity_agent.addon_version
}

output "payments_association_id" {
  value = aws_eks_pod_identity_association.payments.association_id
}

output "payments_association_arn" {
  value = aws_eks_pod_identity_association.payments.association_arn
}

output "ledger_external_id" {
  description = "Require this as sts:ExternalId in the target role's trust policy."
  value       = aws_eks_pod_identity_association.ledger.external_id
}
