#!/usr/bin/env bash
# Installs the pinned OPA CLI (used to test, format, check and compile policies/) into the tool
# cache, built from the Go module proxy: no prebuilt binary is downloaded. Skips the build when
# the pinned version is already cached. Prints the binary path on its last line so callers can do
#   OPA="$(hack/tools/opa.sh | tail -n1)"
# Works non-interactively as root on a fresh machine (CI) and is idempotent.
set -euo pipefail

# Keep in sync with the version the committed policies/dist/ was compiled with: a different
# compiler may produce different WebAssembly and make policies/check.sh fail.
OPA_VERSION="${OPA_VERSION:-v1.22.2}"

cache="${MAPBENCH_CACHE:-$HOME/.cache/mapbench}"
bin_dir="$cache/opa/$OPA_VERSION/bin"
opa="$bin_dir/opa"

if [[ ! -x "$opa" ]]; then
  command -v go >/dev/null || { echo "opa.sh: 'go' not found on PATH; a Go toolchain is needed to build opa $OPA_VERSION" >&2; exit 1; }
  echo "opa.sh: building github.com/open-policy-agent/opa@$OPA_VERSION into $bin_dir (cold build takes a few minutes)" >&2
  mkdir -p "$bin_dir"
  # Build into a temporary directory first so an interrupted build never leaves a half-written
  # binary that later runs would mistake for a cached one.
  tmp_bin="$(mktemp -d "$cache/opa/.build.XXXXXX")"
  trap 'rm -rf "$tmp_bin"' EXIT
  # CGO off: the default OPA build needs no cgo and a static binary does not depend on the host.
  CGO_ENABLED=0 GOBIN="$tmp_bin" GOFLAGS="${GOFLAGS:-} -trimpath" \
    go install "github.com/open-policy-agent/opa@$OPA_VERSION" >&2
  mv "$tmp_bin/opa" "$opa"
fi

# Fail loudly if the cached binary is not the pinned version (e.g. a corrupted cache).
# (Output captured first: grep -q closing the pipe early would fail the pipeline under pipefail.)
reported="$("$opa" version 2>/dev/null || true)"
if ! grep -qx "Version: ${OPA_VERSION#v}" <<<"$reported"; then
  echo "opa.sh: $opa does not report version ${OPA_VERSION#v}; delete $bin_dir and rerun" >&2
  exit 1
fi
echo "$opa"
