package scenarios

import "mapbench.io/workload/internal/bench"

// S1: the three ways to read every entry.

// LoopRangeKV ranges m n times with `for k, v := range m`. Exported for the
// overhead comparison under `go test -bench` (bench/overhead).
//
// Never inlined: a loop this tight runs a percent or more faster or slower
// depending on where its code falls relative to fetch boundaries, and each
// inlined copy falls somewhere else. One out-of-line copy per shape means
// the runner and go test time the same instructions at the same alignment
// (one call per run of n iterations costs nothing measurable).
//
//go:noinline
func LoopRangeKV[K comparable, V any](m map[K]V, n int, s *Sink[K, V]) {
	var lk K
	var lv V
	for i := 0; i < n; i++ {
		for k, v := range m {
			lk, lv = k, v
		}
	}
	s.Key, s.Value = lk, lv
}

// LoopRangeKeys ranges m n times with `for k := range m`. Not inlined, for
// the reason LoopRangeKV gives: S1 compares the three loops with each other.
//
//go:noinline
func LoopRangeKeys[K comparable, V any](m map[K]V, n int, s *Sink[K, V]) {
	var lk K
	for i := 0; i < n; i++ {
		for k := range m {
			lk = k
		}
	}
	s.Key = lk
}

// LoopRangeKeysLookup ranges m n times with `for k := range m { m[k] }`.
// Not inlined, like LoopRangeKV.
//
//go:noinline
func LoopRangeKeysLookup[K comparable, V any](m map[K]V, n int, s *Sink[K, V]) {
	var lk K
	var lv V
	for i := 0; i < n; i++ {
		for k := range m {
			lk, lv = k, m[k]
		}
	}
	s.Key, s.Value = lk, lv
}

func (f *fixture[K, V]) rangeBenches() []Bench {
	m := f.newMapGrown()
	s := new(Sink[K, V])
	n := len(m)
	return []Bench{
		{"RangeKV", n, func(b *bench.B) { LoopRangeKV(m, b.N, s) }},
		{"RangeKeys", n, func(b *bench.B) { LoopRangeKeys(m, b.N, s) }},
		{"RangeKeysLookup", n, func(b *bench.B) { LoopRangeKeysLookup(m, b.N, s) }},
	}
}

// NewSink returns a sink for the overhead comparison in bench/overhead.
func NewSink[K any, V any]() *Sink[K, V] { return new(Sink[K, V]) }
