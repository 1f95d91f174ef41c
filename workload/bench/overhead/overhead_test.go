// Package overhead holds the `go test -bench` side of the runner overhead
// comparison (bench/overhead.sh): the very loop the runner times for
// BenchmarkRangeKV/key=int64/value=int64/size=100000, on a map built the
// same way, under the testing package's own harness.
package overhead

import (
	"testing"

	"mapbench.io/workload/internal/scenarios"
	"mapbench.io/workload/internal/vocab"
)

const size = 100_000

// newMap builds the map like the scenario does: make(map) without a size
// hint, then one insert per key.
func newMap() map[int64]int64 {
	m := make(map[int64]int64)
	for i, k := range vocab.IntKeys(size) {
		m[k] = vocab.MakeInt64(i)
	}
	return m
}

// BenchmarkOverheadRangeKV runs the scenario's generic loop.
func BenchmarkOverheadRangeKV(b *testing.B) {
	m := newMap()
	s := new(scenarios.Sink[int64, int64])
	b.ReportAllocs()
	b.ResetTimer()
	scenarios.LoopRangeKV(m, b.N, s)
}

var sinkK, sinkV int64

// BenchmarkOverheadRangeKVConcrete is the same loop written for
// map[int64]int64 directly, to show what the generic instantiation costs.
func BenchmarkOverheadRangeKVConcrete(b *testing.B) {
	m := newMap()
	b.ReportAllocs()
	b.ResetTimer()
	var lk, lv int64
	for i := 0; i < b.N; i++ {
		for k, v := range m {
			lk, lv = k, v
		}
	}
	sinkK, sinkV = lk, lv
}
