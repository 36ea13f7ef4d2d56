#!/usr/bin/env bash
# make testacc-live: the acceptance suite against the API named by TAGOIO_TOKEN and TAGOIO_API or
# TAGOIO_REGION. The tests share one account, so each top-level test runs alone in its own
# process: it starts and ends with no tfacc- object in the account (newAccEnv sweeps), and
# nothing another test made can show up in its lists. (Inside one process the tests' setup runs
# before any of their parallel parts, so one test's sweep would delete another's fixtures.)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TAGOIO_TOKEN:?set TAGOIO_TOKEN (and TAGOIO_API or TAGOIO_REGION)}"
: "${TF_ACC_TERRAFORM_PATH:?set TF_ACC_TERRAFORM_PATH}"
export TAGOIO_ACC_LIVE=1 TF_ACC=1 TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/provider.test" ./internal/provider
failed=()
for name in $("$work/provider.test" -test.list '.*' | grep '^Test'); do
	if ! (cd internal/provider && "$work/provider.test" -test.run "^${name}\$" -test.count=1 -test.timeout=30m -test.parallel=1 -test.v) >"$work/out" 2>&1; then
		failed+=("$name")
		cat "$work/out"
	fi
	grep -E '^--- (PASS|SKIP)|live mode:' "$work/out" | head -2 || true
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "live mode: ${#failed[@]} tests failed: ${failed[*]}"
	exit 1
fi
echo "live mode: every test passed or skipped with a reason"
