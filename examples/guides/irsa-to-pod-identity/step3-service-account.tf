# Step 3 (hashicorp/kubernetes): drop the IRSA annotation, then restart the pods (kubectl rollout restart) so
# they pick up Pod Identity credentials. While both are present, the SDKs prefer IRSA's web identity token.
resource "kubernetes_service_account" "payments" {
  metadata {
    name      = "payments-api"
    namespace = "payments"
    # Removed:
    # annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.payments.arn }
  }
}
