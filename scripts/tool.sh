#!/usr/bin/env bash
# Prints the absolute path of a tool the project needs, building it first when it is missing.
#
#   scripts/tool.sh terraform         newest Terraform >= 1.5 available: the one on PATH, else v1.8.5 built here
#   scripts/tool.sh terraform-1.5.7   the oldest Terraform we support
#   scripts/tool.sh tofu-1.6.2        the oldest OpenTofu we support
#   scripts/tool.sh golangci-lint     the linter pinned below
#   scripts/tool.sh goreleaser        the release tool pinned below
#
# Built tools live outside the clone (CI starts from a fresh clone every time) in
# ${TAGOIO_TOOLS_DIR:-$HOME/.cache/tagoio-tools}/<name>-<version>/. Only the Go module proxy is
# reachable here, so every tool is built with `go install`; nothing is downloaded at test time.
set -euo pipefail

TOOLS_DIR="${TAGOIO_TOOLS_DIR:-$HOME/.cache/tagoio-tools}"
TERRAFORM_BUILD_VERSION=1.8.5   # newest Terraform whose go.mod has no replace directives
GOLANGCI_LINT_VERSION=v2.15.0
GORELEASER_VERSION=v2.16.0      # newer releases need modules the proxy does not serve

log() { echo "tool.sh: $*" >&2; }

# build NAME VERSION MODULE_PATH LDFLAGS -> prints the binary path
build() {
  local name=$1 version=$2 module=$3 ldflags=${4:-} dir bin
  dir="$TOOLS_DIR/$name-$version"
  bin=$(basename "${module%@*}")
  case "$bin" in v[0-9]*) bin=$(basename "$(dirname "${module%@*}")") ;; esac  # .../goreleaser/v2 -> goreleaser
  bin="$dir/$bin"
  if [ ! -x "$bin" ]; then
    log "building $name $version into $dir (a few minutes, once per machine)"
    mkdir -p "$dir.tmp"
    GOTOOLCHAIN=local GOFLAGS= GOBIN="$dir.tmp" go install -trimpath -ldflags "$ldflags" "$module" >&2
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
  echo "$bin"
}

# version_at_least "1.11.4" "1.5.0"
version_at_least() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

terraform_on_path() {
  local tf v
  tf=$(command -v terraform 2>/dev/null) || return 1
  v=$(CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null "$tf" version -json 2>/dev/null \
      | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')
  [ -n "$v" ] && version_at_least "$v" 1.5.0 || return 1
  readlink -f "$tf"
}

case "${1:-}" in
  terraform)
    terraform_on_path || build terraform "$TERRAFORM_BUILD_VERSION" \
      "github.com/hashicorp/terraform@v$TERRAFORM_BUILD_VERSION" "-X github.com/hashicorp/terraform/version.dev=no" ;;
  terraform-*)
    v=${1#terraform-}
    build terraform "$v" "github.com/hashicorp/terraform@v$v" "-X github.com/hashicorp/terraform/version.dev=no" ;;
  tofu-*)
    v=${1#tofu-}
    build tofu "$v" "github.com/opentofu/opentofu/cmd/tofu@v$v" "-X github.com/opentofu/opentofu/version.dev=no" ;;
  golangci-lint)
    build golangci-lint "$GOLANGCI_LINT_VERSION" "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_LINT_VERSION" ;;
  goreleaser)
    build goreleaser "$GORELEASER_VERSION" "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION" ;;
  *)
    echo "usage: $0 terraform|terraform-<version>|tofu-<version>|golangci-lint|goreleaser" >&2; exit 2 ;;
esac
