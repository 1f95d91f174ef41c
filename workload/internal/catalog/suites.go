package catalog

import (
	"fmt"
	"strings"
)

// Suite names a set of scenarios, each with its matrix, and the benchtime
// that keeps the suite within its time budget.
type Suite struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Benchtime   string `json:"benchtime"`
	// Repetitions, when set, replaces the default of 10 samples per
	// benchmark (--repetitions still wins).
	Repetitions int             `json:"repetitions,omitempty"`
	Entries     []SuiteScenario `json:"scenarios"`
}

// SuiteScenario is one scenario of a suite with the suite's matrix for it.
type SuiteScenario struct {
	ID     string `json:"id"`
	Matrix Matrix `json:"matrix"`
}

// Suites returns the suites in a stable order.
func Suites() []*Suite { return suites }

// LookupSuite returns the named suite, or an error listing the names.
func LookupSuite(name string) (*Suite, error) {
	names := make([]string, len(suites))
	for i, s := range suites {
		if s.Name == name {
			return s, nil
		}
		names[i] = s.Name
	}
	return nil, fmt.Errorf("suite: unknown suite %q (allowed: %s)", name, strings.Join(names, ", "))
}

func m(keys, values []string, sizes ...int) Matrix {
	return Matrix{KeyTypes: keys, ValueTypes: values, Sizes: sizes}
}

var (
	i64      = []string{"int64"}
	i64s32   = []string{"int64", "string32"}
	i64s8    = []string{"int64", "string8"}
	seedKeys = []string{"int64", "string8", "string32"}
)

var suites = []*Suite{
	{
		Name:        "smoke",
		Description: "every scenario once at a tiny size; for tests (<= 3 s on 2 cores)",
		Benchtime:   "10x",
		// Each sample runs runtime.GC() twice (as go test does), a few ms
		// each: 3 samples keep the suite within its 3 s.
		Repetitions: 3,
		Entries: []SuiteScenario{
			{"range-kv-vs-keys", m(i64, i64, 100)},
			{"field-access", m(i64, []string{"struct64"}, 100)},
			{"sparse-iteration", m(i64, i64, 100)},
			{"iteration-order", m(i64, i64, 8)},
			{"mutation-during-range", m(i64, i64, 16)},
			{"growth-during-iteration", m(i64, i64, 8)},
			{"growth-points", m(i64, i64, 100)},
			{"range-alloc", m(i64, i64, 8)},
			{"escape-analysis", m(i64, i64, 1)},
			{"goroutine-capture", m(i64, i64, 10)},
			{"range-value-address", m(i64, i64, 8)},
			{"interface-boxing", m(i64, i64, 8)},
			{"gc-map-contents", m(i64, i64, 1000)},
			{"concurrent-write", m(i64, i64, 100)},
		},
	},
	{
		Name:        "quick",
		Description: "the seed's main claims at representative sizes (<= 60 s on 2 cores)",
		Benchtime:   "10ms",
		Entries: []SuiteScenario{
			{"range-kv-vs-keys", m(i64s32, []string{"int64", "struct64"}, 1_000, 100_000)},
			{"field-access", m(i64, structVals, 10_000)},
			{"sparse-iteration", m(i64, i64, 100_000)},
			{"iteration-order", m(i64, i64, 8, 64)},
			{"mutation-during-range", m(i64, i64, 100)},
			{"growth-during-iteration", m(i64, i64, 8, 1_000)},
			{"growth-points", m(i64, i64, 10_000)},
			{"range-alloc", m(i64, i64, 8, 1_000)},
			{"escape-analysis", m(i64, i64, 1)},
			{"goroutine-capture", m(i64, i64, 10_000)},
			{"range-value-address", m(i64, []string{"int64", "struct64"}, 1_000)},
			{"interface-boxing", m(i64, []string{"int64", "struct64"}, 1_000)},
			// int64/int64 (nothing to scan) vs int64/ptrstruct64 (pointers);
			// strings are compared in the seed suite. 10^5 entries: the verdict
			// reads scan bytes per entry, which do not depend on the size, and
			// the maps are rebuilt for every repetition (10^6 took 14 s).
			{"gc-map-contents", m(i64, []string{"int64", "ptrstruct64"}, 100_000)},
			{"concurrent-write", m(i64, i64, 1_000)},
		},
	},
	{
		Name:        "seed",
		Description: "every seed experiment over the full sweeps (minutes to tens of minutes)",
		Benchtime:   "100ms",
		Entries: []SuiteScenario{
			// 3 key x 3 value types x 5 sizes x 3 variants = 135 benchmarks:
			// with the rest, the document stays under 1 MiB at 10 repetitions.
			{"range-kv-vs-keys", m(seedKeys, []string{"int64", "struct64", "struct256"}, cacheSweep...)},
			{"field-access", m(i64s32, structVals, 1_000, 100_000)},
			{"sparse-iteration", m(i64s32, i64, 1_000, 100_000, 1_000_000)},
			{"iteration-order", m(i64s8, i64, 8, 9, 64, 1_000)},
			{"mutation-during-range", m(i64, i64, 8, 100, 10_000)},
			{"growth-during-iteration", m(i64, i64, 8, 100, 10_000)},
			{"growth-points", m(i64s32, []string{"int64", "struct128", "struct256"}, 100_000)},
			{"range-alloc", m(i64s32, []string{"int64", "struct64"}, 8, 1_000, 100_000)},
			{"escape-analysis", m(i64, i64, 1)},
			{"goroutine-capture", m(i64, []string{"int64", "struct64"}, 10_000, 100_000)},
			{"range-value-address", m(i64, []string{"int64", "struct64", "struct256"}, 1_000)},
			{"interface-boxing", m(i64, []string{"int64", "struct16", "struct64", "struct256"}, 1_000)},
			{"gc-map-contents", m([]string{"int64", "string8", "string32"}, []string{"int64", "struct64", "ptrstruct64"}, 1_000_000)},
			{"concurrent-write", m(i64, i64, 10, 1_000, 100_000)},
		},
	},
}
