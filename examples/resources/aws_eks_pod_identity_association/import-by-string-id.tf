import {
  to = aws_eks_pod_identity_association.payments
  id = "pod-identity-lab,a-abcdefghijklmnopq"
}
