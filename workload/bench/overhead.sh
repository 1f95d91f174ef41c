#!/usr/bin/env bash
# Runner overhead: S1 (BenchmarkRangeKV, int64/int64, 10^5 entries) timed by
# `mapbench run` and by `go test -bench` on the same loop, interleaved in
# rounds so both see the same machine state; prints the medians and the
# ratio runner/go test (goal <= 1.03).
#
# usage: bench/overhead.sh [benchtime (default 1s)] [rounds (default 5)]
# Binaries go to a temporary directory; nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime="${1:-1s}"
rounds="${2:-5}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/mapbench" ./cmd/mapbench
go test -c -o "$tmp/overhead.test" ./bench/overhead
: >"$tmp/runner.txt"
: >"$tmp/gotest.txt"
for i in $(seq "$rounds"); do
	echo "round $i/$rounds" >&2
	"$tmp/mapbench" run --scenarios range-kv-vs-keys --key-types int64 --value-types int64 \
		--sizes 100000 --repetitions 2 --benchtime "$benchtime" 2>/dev/null | grep '^BenchmarkRangeKV/' >>"$tmp/runner.txt"
	"$tmp/overhead.test" -test.run '^$' -test.bench 'OverheadRangeKV' -test.count 2 \
		-test.benchtime "$benchtime" | grep '^Benchmark' >>"$tmp/gotest.txt"
done
go run ./bench/report overhead "$tmp/runner.txt" "$tmp/gotest.txt"
