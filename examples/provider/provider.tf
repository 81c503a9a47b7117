# Credentials come from the usual places (environment, shared files, SSO, instance roles), as with the
# official AWS provider. Point `endpoints` (or AWS_ENDPOINT_URL) at aws-emulator to try it without an account.
provider "aws" {
  region = "us-west-2"

  default_tags {
    tags = {
      managed-by = "terraform"
    }
  }

  ignore_tags {
    key_prefixes = ["kubernetes.io/"]
  }
}
