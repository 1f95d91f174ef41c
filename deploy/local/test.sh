#!/usr/bin/env bash
# Tests of the local cluster tooling (deploy/local/kube, deploy/local/clusterctl):
#   unit tests (no cluster), then end-to-end tests against real control planes started in an
#   isolated state directory and port slot (never the checkout's own clusters).
# Usage: deploy/local/test.sh [--unit]   (--unit: skip the end-to-end tests)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/clusterctl"
test -z "$(gofmt -l .)" || { echo "test.sh: not gofmt'ed: $(gofmt -l .)" >&2; exit 1; }
go vet ./...
go vet -tags e2e ./...
go test -count=1 ./...
[[ "${1:-}" == "--unit" ]] && exit 0
"$here/kube/build.sh" >/dev/null   # provisions the control-plane binary (cached)
go test -tags e2e -count=1 -v -timeout 20m -run "TestMultiCallBinary|TestControlPlaneE2E" .
