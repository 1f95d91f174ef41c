#!/usr/bin/env bash
# Installs benchstat (golang.org/x/perf/cmd/benchstat), the reference reader of Go benchmark text,
# into the tool cache, built from the Go module proxy. The workload's tests run it on a raw
# `mapbench run` output (workload/cmd/mapbench: TestBenchstatReadsRawRunOutput). Skips the build
# when the pinned version is cached. Prints the binary path on its last line:
#   BENCHSTAT="$(hack/tools/benchstat.sh | tail -n1)"
# Works non-interactively as root on a fresh machine (CI) and is idempotent.
set -euo pipefail

# The x/perf pseudo-version; it needs Go >= 1.26 (its go.mod), fetched as a toolchain if the
# Go on PATH is older.
PERF_VERSION="${PERF_VERSION:-v0.0.0-20260908200009-22c9c6c9d4da}"

cache="${MAPBENCH_CACHE:-$HOME/.cache/mapbench}"
bin_dir="$cache/benchstat/$PERF_VERSION/bin"
benchstat="$bin_dir/benchstat"

if [[ ! -x "$benchstat" ]]; then
  command -v go >/dev/null || { echo "benchstat.sh: 'go' not found on PATH; a Go toolchain is needed to build benchstat" >&2; exit 1; }
  echo "benchstat.sh: building golang.org/x/perf/cmd/benchstat@$PERF_VERSION into $bin_dir" >&2
  mkdir -p "$bin_dir"
  # Build into a temporary directory first: an interrupted build never leaves a half-written
  # binary that later runs would take for a cached one.
  tmp_bin="$(mktemp -d "$cache/benchstat/.build.XXXXXX")"
  trap 'rm -rf "$tmp_bin"' EXIT
  CGO_ENABLED=0 GOBIN="$tmp_bin" GOFLAGS="${GOFLAGS:-} -trimpath" GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
    go install "golang.org/x/perf/cmd/benchstat@$PERF_VERSION" >&2
  mv "$tmp_bin/benchstat" "$benchstat"
fi

# A cached binary must run and be benchstat (it prints its usage on -h). Output captured first:
# grep -q closing the pipe early would fail the pipeline under pipefail.
usage="$("$benchstat" -h 2>&1 || true)"
if ! grep -q "^Usage: benchstat" <<<"$usage"; then
  echo "benchstat.sh: $benchstat does not run as benchstat; delete $bin_dir and rerun" >&2
  exit 1
fi
echo "$benchstat"
