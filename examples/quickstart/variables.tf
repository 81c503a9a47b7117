variable "region" {
  description = "AWS region of the cluster."
  type        = string
  default     = "us-west-2"
}

variable "cluster_name" {
  description = "EKS cluster that runs the pods."
  type        = string
  default     = "pod-identity-lab"
}

variable "account_id" {
  description = "Account that owns the IAM roles (the emulator's default account)."
  type        = string
  default     = "123456789012"
}
