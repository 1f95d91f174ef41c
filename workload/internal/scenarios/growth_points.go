package scenarios

import (
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"mapbench.io/workload/internal/result"
)

// S7: at which insert counts does make(map[K]V) allocate? Memory
// statistics are read around every single insert (keys and values are
// built beforehand, so only the map's own storage is counted), in three
// trials.

// allocEvent is one insert that allocated.
type allocEvent struct {
	insert int // 1-based insert count
	bytes  uint64
}

// growthTrialsPerSize repeats the insert sequence; an insert counts as
// allocating when it allocated in most trials, which filters out the odd
// allocation by the runtime's background work.
const growthTrialsPerSize = 3

func (f *fixture[K, V]) observeGrowthPoints(c Combo) result.Observation {
	hits := map[int][]uint64{} // insert -> bytes allocated, one per trial that allocated
	var before, after runtime.MemStats
	for trial := 0; trial < growthTrialsPerSize; trial++ {
		m := make(map[K]V)
		for i, k := range f.keys {
			runtime.ReadMemStats(&before)
			m[k] = f.vals[i]
			runtime.ReadMemStats(&after)
			if after.Mallocs > before.Mallocs {
				hits[i+1] = append(hits[i+1], after.TotalAlloc-before.TotalAlloc)
			}
		}
		runtime.KeepAlive(m)
	}
	events := make([]allocEvent, 0, len(hits))
	for insert, bytes := range hits {
		if 2*len(bytes) > growthTrialsPerSize {
			sort.Slice(bytes, func(i, j int) bool { return bytes[i] < bytes[j] })
			events = append(events, allocEvent{insert, bytes[len(bytes)/2]})
		}
	}
	sort.Slice(events, func(i, j int) bool { return events[i].insert < events[j].insert })
	growths := growthEvents(events)
	figures := map[string]float64{
		"inserts":           float64(len(f.keys)),
		"allocatingInserts": float64(len(events)),
		"growths":           float64(len(growths)),
	}
	if len(events) > 0 {
		// 1..8 when the map's first storage is allocated on the heap at the
		// first insert; 9 when it started on the stack (a small map that
		// does not escape), i.e. the first growth.
		figures["firstAllocatingInsert"] = float64(events[0].insert)
	}
	if len(growths) > 0 {
		// The insert that first grows the 8-slot map (classic: B=0 -> 1).
		figures["firstGrowthInsert"] = float64(growths[0].insert)
	}
	if lf, ok := entriesPer8Slots(growths); ok {
		figures["entriesPer8SlotsAtGrowth"] = lf
	}
	return result.Observation{
		Scenario: "growth-points", KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size,
		Figures: figures,
		Facts: map[string]string{
			"growthInserts":     joinEvents(growths, false),
			"growthBytes":       joinEvents(growths, true),
			"allocatingInserts": truncate(joinEvents(events, false), 2000),
		},
		Summary: fmt.Sprintf("%d inserts; first allocation at insert %s; grew at inserts %s", len(f.keys),
			truncate(joinEvents(events[:minInt(1, len(events))], false), 20), truncate(joinEvents(growths, false), 200)),
	}
}

// growthEvents keeps the allocations that grow the map: past its first 8
// slots (both implementations start with one 8-slot bucket or group), each
// larger than the previous kept one. That drops the initial allocation,
// overflow buckets and allocations during incremental evacuation.
func growthEvents(events []allocEvent) []allocEvent {
	var out []allocEvent
	for _, e := range events {
		if e.insert <= 8 {
			continue
		}
		if len(out) == 0 || e.bytes > out[len(out)-1].bytes {
			out = append(out, e)
		}
	}
	return out
}

// entriesPer8Slots assumes the map starts with 8 slots and doubles at each
// growth: the k-th growth (k = 1, 2, ...) happens at insert g with g-1
// entries in 8*2^(k-1) slots. It returns the median over k >= 2 of the
// entries per 8 slots at growth, the load factor per bucket (classic
// Go 1.21+: 6, older releases 6.5; Swiss tables: 7 of 8).
func entriesPer8Slots(growths []allocEvent) (float64, bool) {
	var ratios []float64
	for k := 2; k <= len(growths); k++ {
		ratios = append(ratios, float64(growths[k-1].insert-1)/float64(int(1)<<(k-1)))
	}
	if len(ratios) == 0 {
		return 0, false
	}
	sort.Float64s(ratios)
	return ratios[len(ratios)/2], true
}

func joinEvents(events []allocEvent, bytes bool) string {
	parts := make([]string, len(events))
	for i, e := range events {
		if bytes {
			parts[i] = strconv.FormatUint(e.bytes, 10)
		} else {
			parts[i] = strconv.Itoa(e.insert)
		}
	}
	return strings.Join(parts, ",")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}
