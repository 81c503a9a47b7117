terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source = "podidentity/aws"
    }
  }
}
