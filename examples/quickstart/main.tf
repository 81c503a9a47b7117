# The quickstart: the pod identity agent add-on and two pod identity associations on one cluster. `make demo` runs it against aws-emulator;
# against real AWS, set the variables to your cluster, account and roles (see the README).
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "podidentity/aws"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      managed-by = "terraform"
      example    = "quickstart"
    }
  }
}

locals {
  role_prefix = "arn:aws:iam::${var.account_id}:role"
}

# The agent that hands pods their credentials. Without it no association has any effect.
resource "aws_eks_addon" "pod_identity_agent" {
  cluster_name = var.cluster_name
  addon_name   = "eks-pod-identity-agent"
}

# The payments API's pods get credentials for the payments-api role.
resource "aws_eks_pod_identity_association" "payments" {
  cluster_name    = var.cluster_name
  namespace       = "payments"
  service_account = "payments-api"
  role_arn        = "${local.role_prefix}/payments-api"

  tags = {
    app = "payments"
  }

  depends_on = [aws_eks_addon.pod_identity_agent]
}

# The ledger reader chains into a second role; EKS issues the external_id that role's trust policy can require.
resource "aws_eks_pod_identity_association" "ledger" {
  cluster_name    = var.cluster_name
  namespace       = "ledger"
  service_account = "ledger-reader"
  role_arn        = "${local.role_prefix}/ledger-reader"
  target_role_arn = "${local.role_prefix}/cross-account-target"

  depends_on = [aws_eks_addon.pod_identity_agent]
}
