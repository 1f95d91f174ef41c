package scenarios

import "mapbench.io/workload/internal/bench"

// S8: does `range` itself allocate? The first range over a fresh map and
// later ranges over the same map; maps are built with the timer stopped.

// freshBatchEntries bounds the entries of the fresh maps built per batch
// (up to 4096 maps): stopping the timer reads memory statistics, a
// stop-the-world pause, so small maps are built many at a time.
const freshBatchEntries = 100_000

func (f *fixture[K, V]) rangeAllocBenches() []Bench {
	later := f.newMapGrown()
	s := new(Sink[K, V])
	batch := freshBatchEntries / len(f.keys)
	if batch < 1 {
		batch = 1
	}
	if batch > 4096 {
		batch = 4096
	}
	maps := make([]map[K]V, batch) // reused, so the timed loop allocates nothing of its own
	first := func(b *bench.B) {
		for done := 0; done < b.N; done += batch {
			b.StopTimer()
			todo := b.N - done
			if todo > batch {
				todo = batch
			}
			for i := 0; i < todo; i++ {
				maps[i] = f.newMapGrown()
			}
			b.StartTimer()
			for i := 0; i < todo; i++ {
				LoopRangeKV(maps[i], 1, s)
			}
		}
	}
	return []Bench{
		{"RangeFirst", len(f.keys), first},
		{"RangeLater", len(f.keys), func(b *bench.B) { LoopRangeKV(later, b.N, s) }},
	}
}
