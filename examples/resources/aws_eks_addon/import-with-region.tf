# The cluster's region, when it is not the provider's: append @region to the id.
import {
  to = aws_eks_addon.vpc_cni
  id = "pod-identity-lab:vpc-cni@us-west-2"
}
