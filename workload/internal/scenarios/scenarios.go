// Package scenarios is the code behind the catalog: for each scenario id,
// a function that builds a combination's maps (untimed) and returns its
// timed benchmarks, and/or one that runs a behavioural experiment and
// reports what it observed.
package scenarios

import (
	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/result"
)

// Combo is one matrix combination of a scenario.
type Combo struct {
	KeyType   string
	ValueType string
	Size      int
}

// Bench is one timed benchmark: Variant names it (BenchmarkVariant/...),
// Elements is the number of map entries one op touches (for ns/elem).
type Bench struct {
	Variant  string
	Elements int
	F        func(b *bench.B)
}

// Impl is the code of one scenario; either field may be nil.
type Impl struct {
	Benchmarks func(c Combo) []Bench
	Observe    func(c Combo) result.Observation
}

// Lookup returns the code of a scenario; ok is false for ids without code
// here (escape-analysis is captured at build time).
func Lookup(id string) (Impl, bool) {
	impl, ok := impls[id]
	return impl, ok
}

var impls = map[string]Impl{
	"range-kv-vs-keys":        {Benchmarks: func(c Combo) []Bench { return newFixture(c).rangeBenches() }},
	"field-access":            {Benchmarks: fieldAccessBenches},
	"sparse-iteration":        {Benchmarks: func(c Combo) []Bench { return newFixture(c).sparseBenches() }},
	"iteration-order":         {Observe: func(c Combo) result.Observation { return newFixture(c).observeOrder(c) }},
	"mutation-during-range":   {Observe: observeMutation},
	"growth-during-iteration": {Observe: observeGrowthDuringRange},
	"growth-points":           {Observe: func(c Combo) result.Observation { return newFixture(c).observeGrowthPoints(c) }},
	"range-alloc":             {Benchmarks: func(c Combo) []Bench { return newFixture(c).rangeAllocBenches() }},
	"goroutine-capture":       {Benchmarks: func(c Combo) []Bench { return newFixture(c).goroutineBenches() }},
	"range-value-address": {
		Benchmarks: func(c Combo) []Bench { return newFixture(c).valueAddrBenches() },
		Observe:    func(c Combo) result.Observation { return newFixture(c).observeValueAddrs(c) },
	},
	"interface-boxing": {Benchmarks: func(c Combo) []Bench { return newFixture(c).boxingBenches() }},
	"gc-map-contents": {
		Benchmarks: func(c Combo) []Bench { return newFixture(c).gcBenches() },
		Observe:    func(c Combo) result.Observation { return newFixture(c).observeGCScan(c) },
	},
	"concurrent-write": {Observe: observeConcurrentWrite},
}
