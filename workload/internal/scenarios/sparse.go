package scenarios

import "mapbench.io/workload/internal/bench"

// S3: a map grown to size entries and emptied down to denseKeys keeps its
// large table; ranging it walks every empty slot.

const denseKeys = 8

func (f *fixture[K, V]) sparseBenches() []Bench {
	sparse := f.newMapGrown()
	for _, k := range f.keys[denseKeys:] {
		delete(sparse, k)
	}
	dense := make(map[K]V)
	for i, k := range f.keys[:denseKeys] {
		dense[k] = f.vals[i]
	}
	s := new(Sink[K, V])
	return []Bench{
		{"RangeSparse", denseKeys, func(b *bench.B) { LoopRangeKV(sparse, b.N, s) }},
		{"RangeDense", denseKeys, func(b *bench.B) { LoopRangeKV(dense, b.N, s) }},
	}
}
