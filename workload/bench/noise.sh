#!/usr/bin/env bash
# Noise: coefficient of variation of 10 samples of S1 at 10^5 entries
# (int64/int64, all three variants), as measured by `mapbench run`.
#
# usage: bench/noise.sh [benchtime (default 1s)] [extra mapbench run flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime="${1:-1s}"
shift || true
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/mapbench" ./cmd/mapbench
"$tmp/mapbench" run --scenarios range-kv-vs-keys --key-types int64 --value-types int64 \
	--sizes 100000 --repetitions 10 --benchtime "$benchtime" --json "$tmp/doc.json" "$@" >/dev/null 2>&1
go run ./bench/report noise "$tmp/doc.json"
