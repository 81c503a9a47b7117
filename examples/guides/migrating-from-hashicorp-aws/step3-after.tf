# Step 3 replaces step2-removed.tf: this provider adopts the same objects under the same addresses. Each import
# block uses the provider of the resource it imports into (provider = podidentity).
import {
  to = aws_eks_addon.pod_identity_agent
  id = "pod-identity-lab:eks-pod-identity-agent"
}

import {
  to = aws_eks_pod_identity_association.payments
  id = "pod-identity-lab,payments,payments-api"
}

resource "aws_eks_addon" "pod_identity_agent" {
  provider = podidentity

  cluster_name = "pod-identity-lab"
  addon_name   = "eks-pod-identity-agent"
}

resource "aws_eks_pod_identity_association" "payments" {
  provider = podidentity

  cluster_name    = "pod-identity-lab"
  namespace       = "payments"
  service_account = "payments-api"
  role_arn        = "arn:aws:iam::123456789012:role/payments-api"

  depends_on = [aws_eks_addon.pod_identity_agent]
}
