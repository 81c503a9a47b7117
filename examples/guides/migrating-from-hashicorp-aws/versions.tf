terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
    podidentity = {
      source = "podidentity/aws"
    }
  }
}

# Both providers in the same region with the same default tags, so the adopted objects match as they are.
locals {
  region = "us-west-2"
  tags   = { managed-by = "terraform" }
}

provider "aws" {
  region = local.region
  default_tags {
    tags = local.tags
  }
}

provider "podidentity" {
  region = local.region
  default_tags {
    tags = local.tags
  }
}
