#!/usr/bin/env bash
# make examples-check: every example must be `terraform fmt`-clean and pass `terraform validate`
# against the provider just built (./bin, through dev_overrides: no registry, no init). Checked:
#   - every directory under examples/ that holds .tf files;
#   - every ```terraform block of the guides (templates/guides/*.md.tmpl), each as its own module.
# Examples that leave out required_providers get one (tago-io/tagoio) in the copy that is checked.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TF=${TF:-$(scripts/tool.sh terraform)}
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
[ -x "$ROOT/bin/terraform-provider-tagoio" ] || { echo "build the provider first (make build)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tagoio-examples.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "tago-io/tagoio" = "$ROOT/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"

failed=0
checked=0

# check LABEL DIR: fmt -check and validate a copy of DIR.
check() {
  local label=$1 src=$2 dir out
  dir="$WORK/module-$checked"
  checked=$((checked + 1))
  mkdir -p "$dir" && cp -R "$src"/. "$dir"/
  if ! out=$("$TF" fmt -check -diff -no-color "$dir" 2>&1); then
    echo "FAIL $label: not terraform fmt-clean" >&2
    echo "$out" >&2
    failed=1
    return
  fi
  if ! grep -qs 'required_providers' "$dir"/*.tf; then
    printf 'terraform {\n  required_providers {\n    tagoio = { source = "tago-io/tagoio" }\n  }\n}\n' >"$dir/zz_required_providers.tf"
  fi
  if ! out=$("$TF" -chdir="$dir" validate -no-color 2>&1); then
    echo "FAIL $label: terraform validate" >&2
    echo "$out" >&2
    failed=1
    return
  fi
  echo "ok   $label"
}

while IFS= read -r dir; do
  check "${dir#./}" "$dir"
done < <(find ./examples -name '*.tf' -exec dirname {} \; | sort -u)

# The guides' ```terraform blocks, one module per block.
for guide in templates/guides/*.md.tmpl; do
  [ -e "$guide" ] || continue
  n=0
  block=""
  inside=0
  while IFS= read -r line || [ -n "$line" ]; do
    if [ $inside -eq 0 ] && [ "$line" = '```terraform' ]; then
      inside=1
      block=""
      continue
    fi
    if [ $inside -eq 1 ] && [ "$line" = '```' ]; then
      inside=0
      n=$((n + 1))
      mkdir -p "$WORK/guide-src-$n"
      rm -f "$WORK/guide-src-$n"/*
      printf '%s' "$block" >"$WORK/guide-src-$n/main.tf"
      check "$guide (block $n)" "$WORK/guide-src-$n"
      continue
    fi
    [ $inside -eq 1 ] && block+="$line"$'\n'
  done <"$guide"
done

echo "checked $checked modules"
exit $failed
