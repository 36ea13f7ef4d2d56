#!/usr/bin/env bash
# make demo: starts the emulator, applies examples/quickstart with the freshly built provider
# (dev_overrides), checks that a second plan has no changes, and stops the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TF=${TF:-$(scripts/tool.sh terraform)}
export CHECKPOINT_DISABLE=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tagoio-demo.XXXXXX")
EMULATOR_PID=""
cleanup() {
  if [ -n "$EMULATOR_PID" ] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
    kill -TERM "$EMULATOR_PID" && wait "$EMULATOR_PID" || true
    echo "==> emulator stopped"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "==> starting tagoio-emulator"
"$ROOT/bin/tagoio-emulator" --listen 127.0.0.1:0 >"$WORK/emulator.env" 2>"$WORK/emulator.log" &
EMULATOR_PID=$!
for _ in $(seq 1 100); do
  grep -q '^TAGOIO_TOKEN=' "$WORK/emulator.env" 2>/dev/null && break
  kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$WORK/emulator.log" >&2; exit 1; }
  sleep 0.1
done
# shellcheck disable=SC1091
set -a && . "$WORK/emulator.env" && set +a
echo "    TAGOIO_API=$TAGOIO_API"

# dev_overrides: Terraform uses ./bin/terraform-provider-tagoio instead of the registry.
cat >"$WORK/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "tago-io/tagoio" = "$ROOT/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"
cp "$ROOT"/examples/quickstart/*.tf "$WORK/"

echo "==> terraform apply (examples/quickstart, $("$TF" version | sed -n 1p))"
"$TF" -chdir="$WORK" apply -auto-approve -input=false -no-color

echo "==> terraform plan again: it must report no changes"
set +e
"$TF" -chdir="$WORK" plan -detailed-exitcode -input=false -no-color
code=$?
set -e
if [ "$code" -ne 0 ]; then
  echo "demo FAILED: the second plan was not empty (exit code $code)" >&2
  exit 1
fi
echo "==> demo OK: applied, and the second plan has no changes"
