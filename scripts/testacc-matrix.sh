#!/usr/bin/env bash
# Runs the acceptance suite on every CLI we promise: the newest Terraform available, Terraform
# 1.5.7 (the oldest supported) and OpenTofu 1.6.2. Each CLI is built once and cached outside the
# clone by scripts/tool.sh; nothing is downloaded at test time.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=local CHECKPOINT_DISABLE=1 TF_ACC=1 TF_CLI_CONFIG_FILE=/dev/null
unset TF_ACC_TERRAFORM_VERSION

run() {
  local label=$1 bin=$2; shift 2
  echo "==> acceptance tests on $label ($("$bin" version | sed -n 1p))"
  # internal/export: the exporter's round trip (import blocks need Terraform >= 1.5, OpenTofu >= 1.6).
  env TF_ACC_TERRAFORM_PATH="$bin" "$@" go test -count=1 -timeout 45m -run '^TestAcc' ./internal/provider/... ./internal/export/...
}

run "Terraform 1.5.7" "$(scripts/tool.sh terraform-1.5.7)"
run "OpenTofu 1.6.2" "$(scripts/tool.sh tofu-1.6.2)" TF_ACC_PROVIDER_HOST=registry.opentofu.org
