# Where you start (hashicorp/aws): the role trusts the cluster's OIDC provider, for one service account (IRSA).
resource "aws_iam_role" "payments" {
  name = "payments-api"
  assume_role_policy = templatefile("${path.module}/trust-irsa.json.tftpl", {
    oidc_provider_arn = var.oidc_provider_arn
    oidc_issuer       = var.oidc_issuer
  })
}
