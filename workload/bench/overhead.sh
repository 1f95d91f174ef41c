#!/usr/bin/env bash
# Runner overhead: S1 (BenchmarkRangeKV, int64/int64, 10^5 entries) timed
#   A. by `mapbench run` (the runner binary, end to end),
#   B. by `go test -bench` on the same loop (bench/overhead),
#   C. by the runner's harness inside that same test binary (-runner-harness).
# One sample of each per round, the order rotating from round to round so
# drift in the machine's speed hits all sides alike. The report prints A/B
# (the issue's overhead, goal <= 1.03) and C/B (the harness alone, same
# machine code as B): the ratio of the fastest samples, which the verdict
# uses, and the ratio of the medians with a 95% bootstrap interval.
#
# usage: bench/overhead.sh [benchtime (default 500ms)] [rounds (default 30)]
# Binaries go to a temporary directory; nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
benchtime="${1:-500ms}"
rounds="${2:-30}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/mapbench" ./cmd/mapbench
go test -c -o "$tmp/overhead.test" ./bench/overhead
: >"$tmp/runner.txt"
: >"$tmp/gotest.txt"

runner() {
	"$tmp/mapbench" run --scenarios range-kv-vs-keys --key-types int64 --value-types int64 \
		--sizes 100000 --repetitions 1 --benchtime "$benchtime" 2>/dev/null |
		grep '^BenchmarkRangeKV/' >>"$tmp/runner.txt"
}
gotest() {
	"$tmp/overhead.test" -test.run '^$' -test.bench 'OverheadRangeKV(Concrete)?$' -test.count 1 \
		-test.benchtime "$benchtime" | grep '^Benchmark' >>"$tmp/gotest.txt"
}
harness() {
	"$tmp/overhead.test" -runner-harness -test.benchtime "$benchtime" >>"$tmp/gotest.txt"
}

for i in $(seq "$rounds"); do
	echo "round $i/$rounds" >&2
	case $((i % 3)) in
	1) runner; gotest; harness ;;
	2) gotest; harness; runner ;;
	0) harness; runner; gotest ;;
	esac
done
go run ./bench/report overhead "$tmp/runner.txt" "$tmp/gotest.txt"
