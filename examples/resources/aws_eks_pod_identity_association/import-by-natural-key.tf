# By the natural key, cluster name, namespace and service account, optionally followed by @region.
import {
  to = aws_eks_pod_identity_association.payments
  id = "pod-identity-lab,payments,payments-api@us-west-2"
}
