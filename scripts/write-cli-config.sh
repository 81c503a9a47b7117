#!/usr/bin/env bash
# Writes a Terraform/OpenTofu CLI configuration whose dev_overrides entry points podidentity/aws at a
# published provider folder, and prints the line that makes the CLI use it.
set -euo pipefail
provider_dir=$(cd "$1" && pwd)
config=$2
mkdir -p "$(dirname "$config")"
cat >"$config" <<HCL
provider_installation {
  dev_overrides {
    "podidentity/aws" = "$provider_dir"
  }
  direct {}
}
HCL
echo "export TF_CLI_CONFIG_FILE=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
