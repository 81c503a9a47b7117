# Step 1 (hashicorp/aws): the role keeps trusting the cluster's OIDC provider (IRSA) and now also trusts
# pods.eks.amazonaws.com (Pod Identity), so pods keep working whichever way they get credentials.
resource "aws_iam_role" "payments" {
  name = "payments-api"
  assume_role_policy = templatefile("${path.module}/trust-irsa-and-pod-identity.json.tftpl", {
    oidc_provider_arn = var.oidc_provider_arn
    oidc_issuer       = var.oidc_issuer
  })
}
