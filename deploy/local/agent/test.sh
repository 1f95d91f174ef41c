#!/usr/bin/env bash
# Tests of the node agent: gofmt/vet, unit tests, then (unless --unit) the end-to-end acceptance
# tests, which provision qemu-user, start isolated hub and edge-k3s-1 clusters (temporary state
# directory, free port slot; never the checkout's own clusters) and stop them afterwards.
# Usage: deploy/local/agent/test.sh [--unit]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
test -z "$(gofmt -l .)" || { echo "agent/test.sh: not gofmt'ed: $(gofmt -l .)" >&2; exit 1; }
go vet ./...
go vet -tags e2e ./...
go test -count=1 ./...
[[ "${1:-}" == "--unit" ]] && exit 0
"$here/provision-qemu.sh"
"$here/build.sh" >/dev/null
go test -tags e2e -count=1 -v -timeout 15m ./e2e/
