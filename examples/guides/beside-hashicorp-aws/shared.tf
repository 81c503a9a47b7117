# One region and one set of tags for both providers.
locals {
  region       = "us-west-2"
  cluster_name = "pod-identity-lab"
  tags = {
    team       = "payments"
    managed-by = "terraform"
  }
}
