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
	return growthObservation(c, len(f.keys), f.allocatingInserts())
}

// allocatingInserts inserts every key into make(map[K]V) in growthTrialsPerSize trials and
// returns the inserts that allocated in most trials, with the median bytes they allocated.
func (f *fixture[K, V]) allocatingInserts() []allocEvent {
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
	return events
}

// growthObservation reports every allocating insert of a map filled with n inserts.
func growthObservation(c Combo, n int, events []allocEvent) result.Observation {
	figures := map[string]float64{
		"inserts":           float64(n),
		"allocatingInserts": float64(len(events)),
	}
	if len(events) > 0 {
		// 1 when the map's first storage is allocated on the heap at the first insert; later
		// when it started on the stack (a small map that does not escape).
		figures["firstAllocatingInsert"] = float64(events[0].insert)
	}
	// Every allocating insert with its bytes, as seen: which of them grew the map is the
	// claims' judgement (internal/claims), not filtered here.
	inserts, bytes := make([]float64, len(events)), make([]float64, len(events))
	for i, e := range events {
		inserts[i], bytes[i] = float64(e.insert), float64(e.bytes)
	}
	return result.Observation{
		Scenario: "growth-points", KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size,
		Figures: figures,
		Series:  map[string][]float64{"allocatingInserts": inserts, "allocatedBytes": bytes},
		Summary: fmt.Sprintf("%d inserts; %d allocated, at inserts %s", n, len(events), truncate(joinEvents(events), 200)),
	}
}

func joinEvents(events []allocEvent) string {
	parts := make([]string, len(events))
	for i, e := range events {
		parts[i] = strconv.Itoa(e.insert)
	}
	return strings.Join(parts, ",")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
