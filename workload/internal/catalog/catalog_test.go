package catalog

import (
	"strings"
	"testing"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/vocab"
)

func TestScenarioEntriesAreWellFormed(t *testing.T) {
	ids := map[string]bool{}
	variants := map[string]string{}
	for _, s := range Scenarios() {
		if !IDPattern.MatchString(s.ID) || ids[s.ID] {
			t.Errorf("bad or duplicate id %q", s.ID)
		}
		ids[s.ID] = true
		if s.Title == "" || s.Description == "" || s.Seed == "" || len(s.Outputs) == 0 {
			t.Errorf("%s: missing documentation", s.ID)
		}
		if hasBench := contains(s.Outputs, OutputBenchmarks); hasBench != (len(s.Variants) > 0) {
			t.Errorf("%s: outputs %v but variants %v", s.ID, s.Outputs, s.Variants)
		}
		for _, v := range s.Variants {
			if other, dup := variants[v]; dup {
				t.Errorf("variant %s in %s and %s: benchmark names would collide", v, s.ID, other)
			}
			variants[v] = s.ID
		}
		for _, k := range s.KeyTypes {
			if err := vocab.CheckKeyType("keyTypes", k); err != nil {
				t.Errorf("%s: %v", s.ID, err)
			}
		}
		for _, v := range s.ValueTypes {
			if err := vocab.CheckValueType("valueTypes", v); err != nil {
				t.Errorf("%s: %v", s.ID, err)
			}
		}
		if s.MinSize < vocab.MinSize || s.MaxSize > vocab.MaxSize || s.MinSize > s.MaxSize {
			t.Errorf("%s: size range %d..%d", s.ID, s.MinSize, s.MaxSize)
		}
		checkMatrixSupported(t, s, s.Defaults, "defaults")
		if e := s.Estimate.MemoryBytes(vocab.KeyInt64, vocab.ValueInt64, 1000); e <= 0 {
			t.Errorf("%s: memory estimate %d", s.ID, e)
		}
	}
}

// checkMatrixSupported fails when a matrix would skip combinations: suites
// and defaults must only ask for what the scenario can run.
func checkMatrixSupported(t *testing.T, s *Scenario, m Matrix, where string) {
	t.Helper()
	if len(m.KeyTypes) == 0 || len(m.ValueTypes) == 0 || len(m.Sizes) == 0 {
		t.Errorf("%s %s: empty matrix", s.ID, where)
	}
	for _, k := range m.KeyTypes {
		for _, v := range m.ValueTypes {
			for _, n := range m.Sizes {
				if ok, why := s.Supports(k, v, n); !ok {
					t.Errorf("%s %s: %s", s.ID, where, why)
				}
			}
		}
	}
}

func TestSuitesAreWellFormed(t *testing.T) {
	for _, su := range Suites() {
		if _, err := bench.ParseBenchtime(su.Benchtime); err != nil {
			t.Errorf("suite %s: %v", su.Name, err)
		}
		seen := map[string]bool{}
		for _, e := range su.Entries {
			s, err := Lookup(e.ID)
			if err != nil || seen[e.ID] {
				t.Errorf("suite %s: bad or duplicate scenario %q", su.Name, e.ID)
				continue
			}
			seen[e.ID] = true
			checkMatrixSupported(t, s, e.Matrix, "suite "+su.Name)
		}
		if su.Name == "seed" && len(seen) != len(Scenarios()) {
			t.Errorf("suite seed has %d scenarios, the catalog %d", len(seen), len(Scenarios()))
		}
	}
}

func TestLookupErrorsNameTheAllowedValues(t *testing.T) {
	if _, err := Lookup("nope"); err == nil || !strings.Contains(err.Error(), "range-kv-vs-keys") {
		t.Fatalf("got %v", err)
	}
	if _, err := LookupSuite("nope"); err == nil || !strings.Contains(err.Error(), "smoke, quick, seed") {
		t.Fatalf("got %v", err)
	}
}

func TestMemoryEstimate(t *testing.T) {
	e := Estimate{FixedBytes: 100, EntryFactor: 2, ExtraBytesPerEntry: 10}
	// int64 key 8 + struct64 value 64 + slot overhead 2 = 74 bytes per entry.
	if got := e.MemoryBytes(vocab.KeyInt64, vocab.ValueStruct64, 1000); got != 100+1000*(2*74+10) {
		t.Fatalf("got %d", got)
	}
}
