#!/usr/bin/env bash
# Builds the node agent (and its archprobe test program for amd64 and arm64) into
#   ${MAPBENCH_CACHE:-$HOME/.cache/mapbench}/agent/<hash of sources and Go version>/
# and skips the build when that directory is complete. Prints the node-agent path on its LAST
# line (deploy/local/clusters reads it). Works as root without stdin; needs only Go and the
# module proxy (or a warm module cache).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${MAPBENCH_CACHE:-$HOME/.cache/mapbench}"
command -v go >/dev/null || { echo "agent/build.sh: 'go' not found on PATH; Go 1.26 is needed" >&2; exit 1; }
cd "$here"

# Sources that go into the binaries: everything but tests and the e2e directory.
hash="$( { go env GOVERSION; find . -path ./e2e -prune -o -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) ! -name '*_test.go' -print \
  | LC_ALL=C sort | xargs sha256sum; } | sha256sum | cut -c1-16)"
out="$cache/agent/$hash"
if [[ -x "$out/node-agent" && -x "$out/archprobe-amd64" && -x "$out/archprobe-arm64" ]]; then
  echo "$out/node-agent"
  exit 0
fi

tmp="$(mktemp -d "$cache/agent/.build-XXXXXX" 2>/dev/null || { mkdir -p "$cache/agent"; mktemp -d "$cache/agent/.build-XXXXXX"; })"
trap 'rm -rf "$tmp"' EXIT
export CGO_ENABLED=0 GOFLAGS=-trimpath
echo "agent/build.sh: building node agent $hash" >&2
go build -o "$tmp/node-agent" .
GOOS=linux GOARCH=amd64 go build -o "$tmp/archprobe-amd64" ./archprobe
GOOS=linux GOARCH=arm64 go build -o "$tmp/archprobe-arm64" ./archprobe
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "$out/node-agent"
