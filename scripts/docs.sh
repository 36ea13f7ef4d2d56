#!/usr/bin/env bash
# Generates docs/ with tfplugindocs, offline: tfplugindocs uses the first terraform on PATH, so
# the project's own Terraform goes first. `check` fails when docs/ differs from what the schema,
# templates/ and examples/ produce.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=local CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null
TF=$(scripts/tool.sh terraform)
export PATH="$(dirname "$TF"):$PATH"

generate() {
  (cd tools && go tool tfplugindocs generate --provider-dir .. --provider-name tagoio --rendered-provider-name TagoIO)
}

case "${1:-generate}" in
  generate) generate ;;
  check)
    generate
    (cd tools && go tool tfplugindocs validate --provider-dir .. --provider-name tagoio)
    if [ -n "$(git status --porcelain -- docs)" ]; then
      git status --porcelain -- docs >&2
      echo "docs/ is stale: run 'make docs' and commit the result" >&2
      exit 1
    fi ;;
  *) echo "usage: $0 generate|check" >&2; exit 2 ;;
esac
