# Step 4 (hashicorp/aws), once no pod uses IRSA any more: trust pods.eks.amazonaws.com only. The cluster's OIDC
# provider (aws_iam_openid_connect_provider) can go too when no other role uses it.
resource "aws_iam_role" "payments" {
  name               = "payments-api"
  assume_role_policy = file("${path.module}/trust-pod-identity.json")
}
