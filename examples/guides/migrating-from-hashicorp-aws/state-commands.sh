# Terraform before 1.7 (no removed blocks): forget the objects in hashicorp/aws's state...
terraform state rm aws_eks_pod_identity_association.payments aws_eks_addon.pod_identity_agent

# ...then, with step3-after.tf's resource blocks in place (its import blocks are not needed), adopt them. The
# command uses the provider the resource block names (provider = podidentity).
terraform import aws_eks_addon.pod_identity_agent pod-identity-lab:eks-pod-identity-agent
terraform import aws_eks_pod_identity_association.payments pod-identity-lab,payments,payments-api
