# Step 4 (hashicorp/aws), once no pod uses IRSA any more: trust pods.eks.amazonaws.com only. The cluster's OIDC
# provider can go too when no other role uses it.
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
