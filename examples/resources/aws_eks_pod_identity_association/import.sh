# By cluster name and association id:
terraform import aws_eks_pod_identity_association.payments pod-identity-lab,a-abcdefghijklmnopq

# Or by the natural key, cluster name, namespace and service account (optionally @region):
terraform import aws_eks_pod_identity_association.payments pod-identity-lab,payments,payments-api@us-west-2
