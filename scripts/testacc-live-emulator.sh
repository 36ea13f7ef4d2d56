#!/usr/bin/env bash
# Live mode, proved against a tagoio-emulator started as a separate process (no in-process hook):
# make testacc-live, then make sweep, then an assertion that the account holds no test object.
# Prints the requests the live run sent (the emulator's /_emulator/stats), the figure the README
# quotes for a real account.
set -euo pipefail
cd "$(dirname "$0")/.."

go build -o bin/tagoio-emulator ./cmd/tagoio-emulator
work=$(mktemp -d)
# Port 0: the emulator takes a free port and prints TAGOIO_API and TAGOIO_TOKEN once it listens.
bin/tagoio-emulator --listen 127.0.0.1:0 --quiet >"$work/env" 2>"$work/log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# Poll until it has printed its address and answers its health route.
for _ in $(seq 1 600); do
	if grep -q '^TAGOIO_TOKEN=' "$work/env" 2>/dev/null; then
		set -a; . "$work/env"; set +a
		curl -fsS "$TAGOIO_API/_emulator/health" >/dev/null 2>&1 && break
	fi
	kill -0 "$pid" 2>/dev/null || { echo "the emulator exited:"; cat "$work/log"; exit 1; }
	sleep 0.1
done
curl -fsS "$TAGOIO_API/_emulator/health" >/dev/null || { echo "the emulator does not answer"; exit 1; }
unset TAGOIO_REGION
export TAGOIO_API TAGOIO_TOKEN
echo "tagoio-emulator (pid $pid) at $TAGOIO_API"

make testacc-live
stats=$(curl -fsS "$TAGOIO_API/_emulator/stats")
echo "live run: $(jq .total <<<"$stats") API requests; by method: $(jq -c .by_method <<<"$stats")"

assert_swept() { TAGOIO_ACC_ASSERT_SWEPT=1 go test -count=1 -run '^TestLiveAccountHasNoTestObjects$' ./internal/provider; }

# A control object, so that the assertion is seen to fail before the sweep.
curl -fsS -X POST "$TAGOIO_API/device" -H "token: $TAGOIO_TOKEN" -H 'Content-Type: application/json' \
	-d '{"name":"tfacc-sweep-control","type":"mutable","connector":"62333bd36977fc001a2990c8","network":"62336c32ab6e0d0012e06c04"}' >/dev/null
if assert_swept >"$work/control.log" 2>&1; then
	echo "the no-test-object assertion passed while a tfacc- device was there"; cat "$work/control.log"; exit 1
fi

make sweep
assert_swept
echo "the account holds no tfacc- object"
