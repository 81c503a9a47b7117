provider "aws" {
  region = local.region

  default_tags {
    tags = local.tags
  }
}

# The role the payments pods run as. Pod Identity needs pods.eks.amazonaws.com in its trust policy.
resource "aws_iam_role" "payments" {
  name = "payments-api"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "pods.eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
}

locals {
  payments_role_arn = aws_iam_role.payments.arn
}
