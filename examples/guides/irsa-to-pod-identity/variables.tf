variable "cluster_name" {
  type    = string
  default = "pod-identity-lab"
}

variable "payments_role_arn" {
  description = "aws_iam_role.payments.arn when hashicorp/aws manages the role in the same configuration."
  type        = string
  default     = "arn:aws:iam::123456789012:role/payments-api"
}

variable "oidc_provider_arn" {
  description = "The cluster's IAM OIDC provider (IRSA)."
  type        = string
  default     = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE"
}

variable "oidc_issuer" {
  description = "The cluster's OIDC issuer without https://, the prefix of IRSA's condition keys."
  type        = string
  default     = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE"
}
