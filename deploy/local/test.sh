#!/usr/bin/env bash
# Tests of the local cluster tooling (deploy/local/kube, deploy/local/clusterctl):
#   unit tests (no cluster), then end-to-end tests against real control planes started in an
#   isolated state directory and port slot (never the checkout's own clusters).
# Usage: deploy/local/test.sh [--unit]   (--unit: skip the end-to-end tests)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
unformatted="$(gofmt -l "$here/clusterctl" "$here/kube")"
test -z "$unformatted" || { echo "test.sh: not gofmt'ed: $unformatted" >&2; exit 1; }
# deploy/local/kube is not vetted here: vet type-checks all of Kubernetes (>10 min); its
# dispatch is tested through the real binary (TestMultiCallBinary).
cd "$here/clusterctl"
go vet ./...
go vet -tags e2e ./...
go test -count=1 ./...
[[ "${1:-}" == "--unit" ]] && exit 0
"$here/kube/build.sh" >/dev/null   # provisions the control-plane binary (cached)
go test -tags e2e -count=1 -v -timeout 20m -run "TestMultiCallBinary|TestControlPlaneE2E" .
