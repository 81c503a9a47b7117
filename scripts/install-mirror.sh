#!/usr/bin/env bash
# Lays a published provider out as a Terraform filesystem mirror and writes a CLI configuration that installs
# podidentity/aws from it, so a plain `terraform init` works (modules, lock file with this build's h1 hash):
#   <mirror>/registry.terraform.io/podidentity/aws/<version>/<os>_<arch>/terraform-provider-aws_v<version>
# Usage: install-mirror.sh PROVIDER_DIR VERSION MIRROR_DIR CLI_CONFIG
set -euo pipefail
provider_dir=$(cd "$1" && pwd)
version=$2
mirror=$3
config=$4

case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch=$(uname -m) ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
target="$mirror/registry.terraform.io/podidentity/aws/$version/${os}_${arch}"

# A fresh directory each time: its files are what the lock file's hash covers.
rm -rf "$target"
mkdir -p "$target"
exe="$target/terraform-provider-aws_v$version"
if [ -f "$provider_dir/terraform-provider-aws.dll" ]; then
  # A framework-dependent build has files beside the executable whose names also start with terraform-provider-aws,
  # and Terraform runs the first such file it finds: keep them in lib/ and put a launcher in front.
  mkdir -p "$target/lib"
  find "$provider_dir" -maxdepth 1 -type f ! -name '*.pdb' ! -name '*.dbg' -exec cp -p {} "$target/lib/" \;
  cat >"$exe" <<'SH'
#!/bin/sh
exec "$(dirname "$0")/lib/terraform-provider-aws" "$@"
SH
  chmod +x "$exe"
else
  # A native (single-file) build is the executable alone.
  cp -p "$provider_dir/terraform-provider-aws" "$exe"
fi

mirror_abs=$(cd "$mirror" && pwd)
mkdir -p "$(dirname "$config")"
cat >"$config" <<HCL
# Installs podidentity/aws from the local mirror written by \`make install\` (version $version); everything else from
# its registry as usual. \`terraform init\` records the mirror's hash in .terraform.lock.hcl.
provider_installation {
  filesystem_mirror {
    path    = "$mirror_abs"
    include = ["registry.terraform.io/podidentity/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/podidentity/aws"]
  }
}
HCL
echo "podidentity/aws $version mirrored to $target"
