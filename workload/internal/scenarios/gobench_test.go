package scenarios

import (
	"flag"
	"fmt"
	"testing"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/catalog"
)

// `go test -bench` entry points for every timed scenario: the same loops as `mapbench run`
// (the scenario's Benchmarks, built outside the timer), the same names
// (Benchmark<Variant>/key=<k>/value=<v>/size=<n>-<GOMAXPROCS>), so the go tool's own flags
// work on them: -cpuprofile, -memprofile, -trace, -count, -cpu, -benchtime. The matrix is the
// suite's (-mapbench.suite, default quick), e.g.
//
//	go test -run '^$' -bench 'RangeKV/.*size=100000' -count 6 -cpuprofile cpu.out ./internal/scenarios
var suiteFlag = flag.String("mapbench.suite", "quick", "suite whose matrix the go test benchmarks use (smoke, quick, seed)")

// runVariant runs one variant of every scenario that has it, for each combination of the suite.
func runVariant(b *testing.B, variant string) {
	suite, err := catalog.LookupSuite(*suiteFlag)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range suite.Entries {
		sc, err := catalog.Lookup(e.ID)
		if err != nil {
			b.Fatal(err)
		}
		impl, ok := Lookup(e.ID)
		if !ok || impl.Benchmarks == nil || !contains(sc.Variants, variant) {
			continue
		}
		for _, k := range e.Matrix.KeyTypes {
			for _, v := range e.Matrix.ValueTypes {
				for _, n := range e.Matrix.Sizes {
					if ok, _ := sc.Supports(k, v, n); !ok {
						continue
					}
					c := Combo{KeyType: k, ValueType: v, Size: n}
					b.Run(fmt.Sprintf("key=%s/value=%s/size=%d", k, v, n), func(b *testing.B) {
						b.StopTimer() // building the maps is setup
						bm, ok := find(impl.Benchmarks(c), variant)
						if !ok {
							b.Fatalf("scenario %s has no variant %s", e.ID, variant)
						}
						under := bench.Under(b, b.N) // allocated untimed: bench.B holds two MemStats
						b.ReportAllocs()
						b.ResetTimer()
						b.StartTimer()
						bm.F(under)
					})
				}
			}
		}
	}
}

func find(bms []Bench, variant string) (Bench, bool) {
	for _, bm := range bms {
		if bm.Variant == variant {
			return bm, true
		}
	}
	return Bench{}, false
}

func contains(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

func BenchmarkRangeKV(b *testing.B)            { runVariant(b, "RangeKV") }
func BenchmarkRangeKeys(b *testing.B)          { runVariant(b, "RangeKeys") }
func BenchmarkRangeKeysLookup(b *testing.B)    { runVariant(b, "RangeKeysLookup") }
func BenchmarkFieldViaValue(b *testing.B)      { runVariant(b, "FieldViaValue") }
func BenchmarkFieldViaLookup(b *testing.B)     { runVariant(b, "FieldViaLookup") }
func BenchmarkFieldViaPointerMap(b *testing.B) { runVariant(b, "FieldViaPointerMap") }
func BenchmarkRangeSparse(b *testing.B)        { runVariant(b, "RangeSparse") }
func BenchmarkRangeDense(b *testing.B)         { runVariant(b, "RangeDense") }
func BenchmarkRangeFirst(b *testing.B)         { runVariant(b, "RangeFirst") }
func BenchmarkRangeLater(b *testing.B)         { runVariant(b, "RangeLater") }
func BenchmarkGoCaptureRangeVars(b *testing.B) { runVariant(b, "GoCaptureRangeVars") }
func BenchmarkGoPassParams(b *testing.B)       { runVariant(b, "GoPassParams") }
func BenchmarkCollectValueAddrs(b *testing.B)  { runVariant(b, "CollectValueAddrs") }
func BenchmarkFmtFprint(b *testing.B)          { runVariant(b, "FmtFprint") }
func BenchmarkAnyParam(b *testing.B)           { runVariant(b, "AnyParam") }
func BenchmarkTypedParam(b *testing.B)         { runVariant(b, "TypedParam") }
func BenchmarkForcedGC(b *testing.B)           { runVariant(b, "ForcedGC") }

// Every timed variant of the catalog has its go test entry point above (a variant added to
// the catalog without one fails here).
func TestEveryVariantHasAGoBenchmark(t *testing.T) {
	have := map[string]bool{}
	for _, v := range []string{"RangeKV", "RangeKeys", "RangeKeysLookup", "FieldViaValue", "FieldViaLookup", "FieldViaPointerMap",
		"RangeSparse", "RangeDense", "RangeFirst", "RangeLater", "GoCaptureRangeVars", "GoPassParams", "CollectValueAddrs",
		"FmtFprint", "AnyParam", "TypedParam", "ForcedGC"} {
		have[v] = true
	}
	for _, sc := range catalog.Scenarios() {
		for _, v := range sc.Variants {
			if !have[v] {
				t.Errorf("variant %s of %s has no Benchmark%s in gobench_test.go", v, sc.ID, v)
			}
		}
	}
}
