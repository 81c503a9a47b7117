variable "cluster_name" {
  description = "The EKS cluster."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the service account."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.namespace))
    error_message = "The namespace must be a Kubernetes name: lower-case letters, digits and '-'."
  }
}

variable "service_account" {
  description = "The service account whose pods get the role's credentials."
  type        = string
}

variable "role_arn" {
  description = "The IAM role the pods get; it must trust pods.eks.amazonaws.com."
  type        = string
}

variable "install_agent" {
  description = "Install the eks-pod-identity-agent add-on (leave false when the cluster already has it)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for the association."
  type        = map(string)
  default     = {}
}
