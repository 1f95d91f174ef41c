package scenarios

import (
	"runtime"

	"mapbench.io/workload/internal/bench"
)

// S13: the cost of a full GC cycle while the map is live. The collector
// skips memory without pointers (int64 keys and values) and must trace
// strings and pointers.

func (f *fixture[K, V]) gcBenches() []Bench {
	m := f.newMapGrown()
	return []Bench{{"ForcedGC", len(f.keys), func(b *bench.B) {
		for i := 0; i < b.N; i++ {
			runtime.GC()
		}
		runtime.KeepAlive(m)
	}}}
}
