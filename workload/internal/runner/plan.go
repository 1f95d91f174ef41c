package runner

import (
	"fmt"
	"slices"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/catalog"
	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/scenarios"
)

// defaultBenchtime applies when neither the flag nor a suite sets one.
var defaultBenchtime = bench.Benchtime{D: 1e9}

// Item is one scenario with the combinations to run.
type Item struct {
	Scenario *catalog.Scenario
	Combos   []scenarios.Combo
}

// Plan is the resolved run: what to run, what is skipped, the config echo.
type Plan struct {
	Items       []Item
	Skipped     []result.Skipped
	Config      result.Config
	Benchtime   bench.Benchtime
	Repetitions int
}

// MakePlan resolves the suite and the flags: the suite picks scenarios,
// their matrices and the benchtime; --scenarios and each matrix flag that
// is set replace the suite's.
func MakePlan(o *Options) (*Plan, error) {
	p := &Plan{Benchtime: defaultBenchtime, Repetitions: o.Repetitions}
	suiteMatrix := map[string]catalog.Matrix{}
	var ids []string
	if o.Suite != "" {
		s, err := catalog.LookupSuite(o.Suite)
		if err != nil {
			return nil, fromCheck(err)
		}
		for _, e := range s.Entries {
			suiteMatrix[e.ID] = e.Matrix
			ids = append(ids, e.ID)
		}
		bt, err := bench.ParseBenchtime(s.Benchtime)
		if err != nil {
			return nil, fmt.Errorf("suite %s has a bad benchtime: %v", s.Name, err)
		}
		p.Benchtime = bt
		if s.Repetitions > 0 && !o.RepetitionsSet {
			p.Repetitions = s.Repetitions
		}
	}
	if len(o.Scenarios) > 0 {
		ids = o.Scenarios
	}
	if o.BenchtimeSet {
		p.Benchtime = o.Benchtime
	}
	p.Config = result.Config{Suite: o.Suite, Scenarios: []string{}, KeyTypes: []string{}, ValueTypes: []string{},
		Sizes: []int{}, Repetitions: p.Repetitions, Benchtime: p.Benchtime.String()}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		sc, err := catalog.Lookup(id)
		if err != nil {
			return nil, fromCheck(err)
		}
		mx, ok := suiteMatrix[id]
		if !ok {
			mx = sc.Defaults
		}
		if o.KeyTypes != nil {
			mx.KeyTypes = o.KeyTypes
		}
		if o.ValueTypes != nil {
			mx.ValueTypes = o.ValueTypes
		}
		if o.Sizes != nil {
			mx.Sizes = o.Sizes
		}
		p.Config.Scenarios = append(p.Config.Scenarios, id)
		p.Config.KeyTypes = union(p.Config.KeyTypes, mx.KeyTypes)
		p.Config.ValueTypes = union(p.Config.ValueTypes, mx.ValueTypes)
		p.Config.Sizes = union(p.Config.Sizes, mx.Sizes)
		item := Item{Scenario: sc}
		for _, k := range mx.KeyTypes {
			for _, v := range mx.ValueTypes {
				for _, n := range mx.Sizes {
					if ok, why := sc.Supports(k, v, n); !ok {
						p.Skipped = append(p.Skipped, result.Skipped{Scenario: id, KeyType: k, ValueType: v, Size: n, Reason: why})
						continue
					}
					item.Combos = append(item.Combos, scenarios.Combo{KeyType: k, ValueType: v, Size: n})
				}
			}
		}
		p.Items = append(p.Items, item)
	}
	return p, nil
}

// CheckMemory refuses a plan whose largest combination is estimated to need
// more than limit bytes (0 = no limit). Combinations run one after another,
// so the peak is the largest one.
func (p *Plan) CheckMemory(limit int64) error {
	if limit <= 0 {
		return nil
	}
	for _, it := range p.Items {
		for _, c := range it.Combos {
			need := it.Scenario.Estimate.MemoryBytes(c.KeyType, c.ValueType, c.Size)
			if need > limit {
				return inputErr("sizes", "scenario %s with key=%s value=%s size=%d needs about %d MiB, over the memory limit of %d MiB (GOMEMLIMIT or cgroup memory.max); use smaller sizes or raise the limit",
					it.Scenario.ID, c.KeyType, c.ValueType, c.Size, need>>20, limit>>20)
			}
		}
	}
	return nil
}

// union appends to a the elements of b it does not hold yet, keeping order.
func union[T comparable](a, b []T) []T {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	return a
}
