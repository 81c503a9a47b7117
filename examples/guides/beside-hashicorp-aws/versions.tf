terraform {
  required_providers {
    # hashicorp/aws keeps the local name "aws": IAM roles, clusters and everything else.
    aws = {
      source = "hashicorp/aws"
    }
    # This provider under a second local name: the pod identity associations and the agent add-on.
    podidentity = {
      source = "podidentity/aws"
    }
  }
}
