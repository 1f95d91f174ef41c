package claims

import (
	"fmt"

	"mapbench.io/workload/internal/result"
)

// bench finds the benchmark of a scenario variant at one key type, value type and size.
func (e *Evidence) bench(scenario, variant, key, value string, size int) *result.Benchmark {
	for i := range e.Doc.Benchmarks {
		b := &e.Doc.Benchmarks[i]
		if b.Scenario == scenario && b.Variant == variant && b.KeyType == key && b.ValueType == value && b.Size == size {
			return b
		}
	}
	return nil
}

// largestSize is the largest size at which every listed variant of a scenario was measured for
// the key and value type, 0 when there is none.
func (e *Evidence) largestSize(scenario, key, value string, variants ...string) int {
	want := make([]benchID, len(variants))
	for i, v := range variants {
		want[i] = benchID{v, key, value}
	}
	return e.largestSizeOfAll(scenario, want...)
}

// benchID names one benchmark of a scenario apart from its size.
type benchID struct{ variant, key, value string }

// largestSizeOfAll is the largest size at which the scenario has every wanted benchmark, 0 when
// there is none (or nothing is wanted).
func (e *Evidence) largestSizeOfAll(scenario string, want ...benchID) int {
	if len(want) == 0 {
		return 0
	}
	best := 0
	for _, b := range e.Doc.Benchmarks {
		if b.Scenario != scenario || b.Size <= best {
			continue
		}
		all := true
		for _, w := range want {
			if e.bench(scenario, w.variant, w.key, w.value, b.Size) == nil {
				all = false
			}
		}
		if all {
			best = b.Size
		}
	}
	return best
}

// valueTypes lists the value types a scenario variant was measured with, in vocabulary order
// of first appearance.
func (e *Evidence) valueTypes(scenario, variant string) []string {
	var out []string
	seen := map[string]bool{}
	for _, b := range e.Doc.Benchmarks {
		if b.Scenario == scenario && b.Variant == variant && !seen[b.ValueType] {
			seen[b.ValueType] = true
			out = append(out, b.ValueType)
		}
	}
	return out
}

// observation finds an observation of a scenario; size 0 means any size (the largest wins).
func (e *Evidence) observation(scenario string, size int) *result.Observation {
	var found *result.Observation
	for i := range e.Doc.Observations {
		o := &e.Doc.Observations[i]
		if o.Scenario != scenario || (size != 0 && o.Size != size) {
			continue
		}
		if found == nil || o.Size > found.Size {
			found = o
		}
	}
	return found
}

// observationOf finds the observation of a scenario for one key and value type (the largest
// size wins).
func (e *Evidence) observationOf(scenario, key, value string) *result.Observation {
	var found *result.Observation
	for i := range e.Doc.Observations {
		o := &e.Doc.Observations[i]
		if o.Scenario == scenario && o.KeyType == key && o.ValueType == value && (found == nil || o.Size > found.Size) {
			found = o
		}
	}
	return found
}

// figures reads named figures of an observation, or names the first one missing.
func figures(o *result.Observation, names ...string) ([]float64, error) {
	out := make([]float64, len(names))
	for i, n := range names {
		v, ok := o.Figures[n]
		if !ok {
			return nil, fmt.Errorf("observation of %s at size %d has no figure %q", o.Scenario, o.Size, n)
		}
		out[i] = v
	}
	return out, nil
}

// ratio is a/b, 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// ns formats a duration in ns/op compactly.
func ns(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.3g ms", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.3g µs", v/1e3)
	}
	return fmt.Sprintf("%.3g ns", v)
}
