package claims

import (
	"bytes"
	"testing"

	"mapbench.io/workload/internal/golden"
)

// The exact claims table of a synthetic run: every row of the registry in order, verdicts of
// each kind, cells with escaped pipes, not-applicable rows with their reasons.
func TestTableGolden(t *testing.T) {
	doc := newDoc(ran(scRangeKV, scConcurrent, scGrowthPoints, scRangeAlloc, scGCCost, scFieldAccess), counters("unavailable: perf_event_open L1D-misses: no such file or directory"),
		bench(scRangeKV, varRangeKV, "int64", "int64", 100_000, measure{ns: 667_000}),
		bench(scRangeKV, varRangeKeyLookup, "int64", "int64", 100_000, measure{ns: 1_500_000}),
		bench(scRangeKV, varRangeKV, "string32", "int64", 100_000, measure{ns: 700_000, reps: 3}),
		obs(scConcurrent, 1000, map[string]float64{figTrials: 3, figDetected: 3, figChildGOMAXPROCS: 2},
			map[string]string{factFatalMessage: "fatal error: concurrent map iteration and map write"}),
		series(scGrowthPoints, 1000, map[string][]float64{seriesAllocInserts: {1, 9, 13, 20, 25}, seriesAllocBytes: {144, 288, 576, 144, 1152}}),
		bench(scRangeAlloc, varFirstRange, "int64", "int64", 8, measure{ns: 100, allocs: 2, bytes: 48}),
		bench(scRangeAlloc, varLaterRange, "int64", "int64", 8, measure{ns: 100}),
		obsOf(scGCCost, "int64", "int64", 100_000, map[string]float64{figScanBytesPerEntry: 0.04}),
		obsOf(scGCCost, "int64", "ptrstruct64", 100_000, map[string]float64{figScanBytesPerEntry: 40.1}),
	)
	var b bytes.Buffer
	if err := WriteTable(&b, Evaluate(doc, nil)); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "table.golden", b.Bytes())
}
