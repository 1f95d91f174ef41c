package scenarios

import (
	"fmt"
	"runtime"
	"runtime/metrics"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/result"
)

// S13: what the collector has to do for a live map. The observation reads it from the runtime
// (runtime/metrics): the scannable heap and the heap objects a full GC cycle found, with and
// without the map; their difference per entry is the map's share. Values without pointers
// leave the map's storage unscanned (noscan spans), strings and pointers make it scanned.
// ForcedGC times a full cycle with the map live: a separate figure that also holds the cycle's
// fixed cost and sweeping, so it is not a marking cost per entry.

// Runtime metrics read by the observation (both exist since Go 1.21).
const (
	metricScanHeap    = "/gc/scan/heap:bytes"
	metricHeapObjects = "/gc/heap/objects:objects"
)

func (f *fixture[K, V]) gcBenches() []Bench {
	m := f.newMapGrown()
	return []Bench{{"ForcedGC", len(f.keys), func(b *bench.B) {
		for i := 0; i < b.N; i++ {
			runtime.GC()
		}
		runtime.KeepAlive(m)
	}}}
}

// readAfterGC runs a full GC cycle and reads the metrics it updated.
func readAfterGC() ([]metrics.Sample, error) {
	runtime.GC()
	s := []metrics.Sample{{Name: metricScanHeap}, {Name: metricHeapObjects}}
	metrics.Read(s)
	for _, x := range s {
		if x.Value.Kind() != metrics.KindUint64 {
			return nil, fmt.Errorf("runtime metric %s is not supported by %s", x.Name, runtime.Version())
		}
	}
	return s, nil
}

func (f *fixture[K, V]) observeGCScan(c Combo) result.Observation {
	o := result.Observation{Scenario: "gc-map-contents", KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size,
		Figures: map[string]float64{}, Facts: map[string]string{}}
	before, err := readAfterGC()
	if err != nil {
		o.Facts["error"] = err.Error()
		o.Summary = err.Error()
		return o
	}
	m := f.newMapGrown()
	with, err := readAfterGC()
	runtime.KeepAlive(m)
	if err != nil {
		o.Facts["error"] = err.Error()
		o.Summary = err.Error()
		return o
	}
	n := float64(len(f.keys))
	scan := (float64(with[0].Value.Uint64()) - float64(before[0].Value.Uint64())) / n
	objects := (float64(with[1].Value.Uint64()) - float64(before[1].Value.Uint64())) / n
	o.Figures["scanBytesPerEntry"] = scan
	o.Figures["heapObjectsPerEntry"] = objects
	o.Summary = fmt.Sprintf("the live map adds %.3g scannable heap bytes and %.3g heap objects per entry (%s, %s)", scan, objects, metricScanHeap, metricHeapObjects)
	return o
}
