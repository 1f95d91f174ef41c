// Package catalog describes the scenarios mapbench can run: ids, what each
// measures, which key/value types and sizes it supports, how much memory and
// work it needs, and the suites. It is pure data (the benchmark code lives
// in internal/scenarios) so that `mapbench list --json` — committed as
// catalog.json — lets the operator validate runs and estimate their cost
// without running Go.
package catalog

import (
	"fmt"
	"regexp"
	"strings"

	"mapbench.io/workload/internal/vocab"
)

// Output kinds of a scenario.
const (
	OutputBenchmarks   = "benchmarks"   // timed benchmarks (rows of benchmark text)
	OutputObservations = "observations" // behavioural facts and counts
	OutputBuildTime    = "build-time"   // facts captured when the binary was built
)

// IDPattern is the shape of every scenario id.
var IDPattern = regexp.MustCompile(`^[a-z0-9-]{1,40}$`)

// Scenario is one named benchmark family.
type Scenario struct {
	ID          string   `json:"id"`
	Seed        string   `json:"seed"` // the experiment number, e.g. "S1"
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Outputs     []string `json:"outputs"`
	// Variants are the benchmark names (without "Benchmark") one matrix
	// combination produces; empty for pure observations.
	Variants   []string `json:"variants"`
	KeyTypes   []string `json:"keyTypes"`   // supported key types
	ValueTypes []string `json:"valueTypes"` // supported value types
	MinSize    int      `json:"minSize"`
	MaxSize    int      `json:"maxSize"`
	Defaults   Matrix   `json:"defaults"` // matrix when no suite supplies one
	Estimate   Estimate `json:"estimate"`
}

// Matrix is a set of key types, value types and sizes; a scenario runs every
// supported combination of it.
type Matrix struct {
	KeyTypes   []string `json:"keyTypes"`
	ValueTypes []string `json:"valueTypes"`
	Sizes      []int    `json:"sizes"`
}

// Supports reports whether the scenario can run one combination, and if not,
// why (the reason goes into the result's skipped list).
func (s *Scenario) Supports(keyType, valueType string, size int) (bool, string) {
	if !contains(s.KeyTypes, keyType) {
		return false, fmt.Sprintf("key type %s not supported (supported: %s)", keyType, strings.Join(s.KeyTypes, ", "))
	}
	if !contains(s.ValueTypes, valueType) {
		return false, fmt.Sprintf("value type %s not supported (supported: %s)", valueType, strings.Join(s.ValueTypes, ", "))
	}
	if size < s.MinSize || size > s.MaxSize {
		return false, fmt.Sprintf("size %d outside the scenario's range %d..%d", size, s.MinSize, s.MaxSize)
	}
	return true, ""
}

// Scenarios returns the catalog in a stable order.
func Scenarios() []*Scenario { return scenarios }

// Lookup returns the scenario with the id, or an error listing the ids.
func Lookup(id string) (*Scenario, error) {
	for _, s := range scenarios {
		if s.ID == id {
			return s, nil
		}
	}
	return nil, fmt.Errorf("scenarios: unknown scenario %q (allowed: %s)", id, strings.Join(IDs(), ", "))
}

// IDs lists every scenario id.
func IDs() []string {
	ids := make([]string, len(scenarios))
	for i, s := range scenarios {
		ids[i] = s.ID
	}
	return ids
}

func contains(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// all-type shorthands used by the entries below.
var (
	allKeys    = vocab.KeyTypes
	allValues  = vocab.ValueTypes
	structVals = []string{vocab.ValueStruct16, vocab.ValueStruct64, vocab.ValueStruct128, vocab.ValueStruct256}
)
