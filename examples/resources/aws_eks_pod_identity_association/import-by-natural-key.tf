# By the natural key, cluster name, namespace and service account, optionally followed by @region.
import {
  to = aws_eks_pod_identity_association.ledger
  id = "pod-identity-lab,ledger,ledger-reader@us-west-2"
}
