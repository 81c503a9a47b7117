# By cluster name and add-on name (optionally @region):
terraform import aws_eks_addon.pod_identity_agent pod-identity-lab:eks-pod-identity-agent
