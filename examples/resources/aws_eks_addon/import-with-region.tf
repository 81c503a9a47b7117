# The cluster's region, when it is not the provider's: append @region to the id.
import {
  to = aws_eks_addon.pod_identity_agent
  id = "pod-identity-lab:eks-pod-identity-agent@us-west-2"
}
