# Step 1 (hashicorp/aws): the role keeps trusting the cluster's OIDC provider (IRSA) and now also trusts
# pods.eks.amazonaws.com (Pod Identity), so pods keep working whichever way they get credentials.
resource "aws_iam_role" "payments" {
  name = "payments-api"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Irsa"
        Effect    = "Allow"
        Principal = { Federated = var.oidc_provider_arn }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = { "${var.oidc_issuer}:sub" = "system:serviceaccount:payments:payments-api" }
        }
      },
      {
        Sid       = "PodIdentity"
        Effect    = "Allow"
        Principal = { Service = "pods.eks.amazonaws.com" }
        Action    = ["sts:AssumeRole", "sts:TagSession"]
      },
    ]
  })
}
