#!/usr/bin/env bash
# Installs helm-docs (generates the chart README's values table from the "# --" comments of
# values.yaml) into the tool cache, built from the Go module proxy: no prebuilt binary is
# downloaded. Skips the build when the pinned version is cached. Prints the binary path on its
# last line:   HELM_DOCS="$(hack/tools/helm-docs.sh | tail -n1)"
set -euo pipefail

HELM_DOCS_VERSION="${HELM_DOCS_VERSION:-v1.14.2}"
cache="${MAPBENCH_CACHE:-$HOME/.cache/mapbench}"
bin_dir="$cache/helm-docs/$HELM_DOCS_VERSION/bin"
bin="$bin_dir/helm-docs"

if [[ ! -x "$bin" ]]; then
  command -v go >/dev/null || { echo "helm-docs.sh: 'go' not found on PATH; a Go toolchain is needed to build helm-docs" >&2; exit 1; }
  echo "helm-docs.sh: building github.com/norwoodj/helm-docs/cmd/helm-docs@$HELM_DOCS_VERSION into $bin_dir" >&2
  mkdir -p "$bin_dir" "$cache/helm-docs"
  # Build into a temporary directory so an interrupted build never leaves a half-written binary.
  tmp_bin="$(mktemp -d "$cache/helm-docs/.build.XXXXXX")"
  trap 'rm -rf "$tmp_bin"' EXIT
  CGO_ENABLED=0 GOBIN="$tmp_bin" GOFLAGS="${GOFLAGS:-} -trimpath" \
    go install "github.com/norwoodj/helm-docs/cmd/helm-docs@$HELM_DOCS_VERSION" >&2
  mv "$tmp_bin/helm-docs" "$bin"
fi
echo "$bin"
