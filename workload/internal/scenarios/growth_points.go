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
// built beforehand, so only the map's own storage is counted).

// allocEvent is one insert that allocated.
type allocEvent struct {
	insert int // 1-based insert count
	bytes  uint64
}

func (f *fixture[K, V]) observeGrowthPoints(c Combo) result.Observation {
	events := make([]allocEvent, 0, 64)
	var before, after runtime.MemStats
	m := make(map[K]V)
	for i, k := range f.keys {
		runtime.ReadMemStats(&before)
		m[k] = f.vals[i]
		runtime.ReadMemStats(&after)
		if after.Mallocs > before.Mallocs {
			events = append(events, allocEvent{i + 1, after.TotalAlloc - before.TotalAlloc})
		}
	}
	runtime.KeepAlive(m)
	growths := growthEvents(events)
	figures := map[string]float64{
		"inserts":           float64(len(f.keys)),
		"allocatingInserts": float64(len(events)),
		"growths":           float64(len(growths)),
	}
	if len(events) > 0 {
		figures["firstAllocatingInsert"] = float64(events[0].insert)
	}
	if len(growths) > 1 {
		figures["firstGrowthInsert"] = float64(growths[1].insert)
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
		Summary: fmt.Sprintf("%d inserts; storage allocated/grown at inserts %s", len(f.keys), truncate(joinEvents(growths, false), 200)),
	}
}

// growthEvents keeps the first allocation and every later one larger than
// the previous kept one: the storage doubling, not overflow buckets or
// incremental evacuation.
func growthEvents(events []allocEvent) []allocEvent {
	var out []allocEvent
	for _, e := range events {
		if len(out) == 0 || e.bytes > out[len(out)-1].bytes {
			out = append(out, e)
		}
	}
	return out
}

// entriesPer8Slots assumes the storage starts at 8 slots at the first
// allocation and doubles at each growth: the k-th growth (k >= 2) happens
// with g-1 entries in 8*2^(k-1) slots. It returns the median over k >= 2 of
// entries per 8 slots at growth: 6.5 is the classic map's load factor.
func entriesPer8Slots(growths []allocEvent) (float64, bool) {
	var ratios []float64
	for k := 2; k < len(growths); k++ {
		ratios = append(ratios, float64(growths[k].insert-1)/float64(int(1)<<(k-1)))
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
