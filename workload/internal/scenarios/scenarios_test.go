package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/catalog"
	"mapbench.io/workload/internal/result"
)

// tinySize is the size each scenario runs at in tests: its minimum, but at
// least 8 so order and aliasing have something to show.
func tinySize(s *catalog.Scenario) int {
	n := 8
	if s.MinSize > n {
		n = s.MinSize
	}
	return n
}

// TestEveryScenarioRunsAtTinySize runs every benchmark and observation of
// every scenario, for every supported key type and value type.
func TestEveryScenarioRunsAtTinySize(t *testing.T) {
	for _, s := range catalog.Scenarios() {
		impl, ok := Lookup(s.ID)
		if !ok {
			continue // build-time scenario, covered by internal/escape
		}
		for _, k := range s.KeyTypes {
			for _, v := range s.ValueTypes {
				c := Combo{KeyType: k, ValueType: v, Size: tinySize(s)}
				t.Run(fmt.Sprintf("%s/%s/%s", s.ID, k, v), func(t *testing.T) {
					if raceEnabled && (s.ID == "goroutine-capture" || s.ID == "concurrent-write") {
						t.Skip("the race detector reports the race this scenario measures")
					}
					if impl.Benchmarks != nil {
						benches := impl.Benchmarks(c)
						if len(benches) != len(s.Variants) {
							t.Fatalf("got %d benchmarks, catalog lists %d variants", len(benches), len(s.Variants))
						}
						for i, b := range benches {
							if b.Variant != s.Variants[i] {
								t.Fatalf("benchmark %d is %s, catalog says %s", i, b.Variant, s.Variants[i])
							}
							r := bench.Run(b.F, bench.Benchtime{N: 3})
							if r.N != 3 || r.Duration <= 0 || b.Elements < 1 {
								t.Fatalf("%s: N=%d duration=%v elements=%d", b.Variant, r.N, r.Duration, b.Elements)
							}
						}
					}
					if impl.Observe != nil {
						o := impl.Observe(c)
						if o.Scenario != s.ID || o.Size != c.Size || o.Summary == "" || len(o.Figures) == 0 {
							t.Fatalf("incomplete observation: %+v", o)
						}
						if e := o.Facts["error"]; e != "" {
							t.Fatalf("observation error: %s", e)
						}
					}
				})
			}
		}
	}
}

func TestCatalogAndImplementationsMatch(t *testing.T) {
	for _, s := range catalog.Scenarios() {
		_, ok := Lookup(s.ID)
		buildTime := len(s.Outputs) == 1 && s.Outputs[0] == catalog.OutputBuildTime
		if ok == buildTime {
			t.Errorf("scenario %s: has code %v, build-time %v", s.ID, ok, buildTime)
		}
	}
	for id := range impls {
		if _, err := catalog.Lookup(id); err != nil {
			t.Errorf("code for %s has no catalog entry", id)
		}
	}
}

func observe(t *testing.T, id string, c Combo) result.Observation {
	t.Helper()
	impl, _ := Lookup(id)
	return impl.Observe(c)
}

// The Go spec guarantees some of what the behavioural scenarios observe;
// these facts must hold on every toolchain.
func TestObservationsFollowTheSpec(t *testing.T) {
	i64 := Combo{KeyType: "int64", ValueType: "int64", Size: 50}
	cases := []struct {
		id     string
		figure string
		check  func(x float64) bool
		want   string
	}{
		{"mutation-during-range", "deletedProduced", func(x float64) bool { return x == 0 }, "0 (spec: removed entries not yet reached are not produced)"},
		{"mutation-during-range", "deletedNotYetVisited", func(x float64) bool { return x == 200*49 }, "200*49"},
		{"growth-during-iteration", "keysProducedTwice", func(x float64) bool { return x == 0 }, "0"},
		{"growth-during-iteration", "originalKeysLost", func(x float64) bool { return x == 0 }, "0"},
		{"iteration-order", "distinctFirstKeys", func(x float64) bool { return x > 1 }, "> 1 (order is randomized)"},
		{"growth-points", "firstAllocatingInsert", func(x float64) bool { return x >= 1 && x <= 9 }, "1..9"},
		{"concurrent-write", "detected", func(x float64) bool { return x >= 1 }, ">= 1 fatal error"},
	}
	for _, c := range cases {
		t.Run(c.id+"/"+c.figure, func(t *testing.T) {
			if raceEnabled && c.id == "concurrent-write" {
				t.Skip("the race detector reports the race this scenario measures")
			}
			o := observe(t, c.id, i64)
			x, ok := o.Figures[c.figure]
			if !ok || !c.check(x) {
				t.Fatalf("%s = %v (present %v), want %s; %s", c.figure, x, ok, c.want, o.Summary)
			}
		})
	}
}

// Every allocating insert is recorded, the one that grows the full 8-slot map (insert 9)
// included.
func TestGrowthPointsRecordEveryAllocation(t *testing.T) {
	o := observe(t, "growth-points", Combo{KeyType: "int64", ValueType: "int64", Size: 100})
	ins, bytes := o.Series["allocatingInserts"], o.Series["allocatedBytes"]
	if len(ins) == 0 || len(ins) != len(bytes) || float64(len(ins)) != o.Figures["allocatingInserts"] {
		t.Fatalf("series %v / %v, figure %v", ins, bytes, o.Figures["allocatingInserts"])
	}
	has9 := false
	for _, i := range ins {
		has9 = has9 || i == 9
	}
	if !has9 {
		t.Fatalf("no allocation at insert 9 (the 9th entry does not fit 8 slots): %v", ins)
	}
}

func TestConcurrentWriteReportsRuntimeMessage(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector reports the race this scenario measures")
	}
	o := observe(t, "concurrent-write", Combo{KeyType: "int64", ValueType: "int64", Size: 100})
	if !strings.HasPrefix(o.Facts["message"], "fatal error: concurrent map") || o.Figures["exitCode"] != 2 {
		t.Fatalf("got message %q exit %v", o.Facts["message"], o.Figures["exitCode"])
	}
}

// The aliasing observation must agree with the loop semantics this test
// binary was compiled with.
func TestValueAddressesFollowLoopSemantics(t *testing.T) {
	for _, vt := range []string{"int64", "struct64", "empty"} {
		t.Run(vt, func(t *testing.T) {
			o := observe(t, "range-value-address", Combo{KeyType: "int64", ValueType: vt, Size: 16})
			perIter := LoopVarPerIteration()
			if got := o.Figures["rangeVarPerIteration"] == 1; got != perIter {
				t.Fatalf("rangeVarPerIteration %v, loop semantics per-iteration %v", got, perIter)
			}
			if vt != "empty" {
				want := 1.0
				if perIter {
					want = 16
				}
				if o.Figures["distinctPointers"] != want {
					t.Fatalf("distinct pointers %v, want %v", o.Figures["distinctPointers"], want)
				}
			}
		})
	}
}

func TestRotationOffset(t *testing.T) {
	base := []int{2, 0, 1}
	pos := []int{1, 2, 0}
	cases := []struct {
		order []int
		off   int
		ok    bool
	}{
		{[]int{2, 0, 1}, 0, true},
		{[]int{0, 1, 2}, 1, true},
		{[]int{1, 2, 0}, 2, true},
		{[]int{0, 2, 1}, 0, false},
		{[]int{}, 0, false},
	}
	for _, c := range cases {
		off, ok := rotationOffset(base, pos, c.order)
		if off != c.off || ok != c.ok {
			t.Errorf("rotationOffset(%v) = %d, %v; want %d, %v", c.order, off, ok, c.off, c.ok)
		}
	}
}
