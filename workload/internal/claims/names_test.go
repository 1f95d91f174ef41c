package claims

import (
	"testing"

	"mapbench.io/workload/internal/catalog"
)

// The names the rules read exist in the catalog: a renamed scenario or variant fails here
// instead of turning every verdict into not-applicable.
func TestNamesMatchCatalog(t *testing.T) {
	variants := map[string][]string{
		scRangeKV:     {varRangeKV, varRangeKeyLookup},
		scFieldAccess: {varValueField, varIndexField},
		scRangeAlloc:  {varFirstRange, varLaterRange},
		scGoroutine:   {varCapture, varParam},
		scGCCost:      {varGC},
		scBoxing:      {varFmtFprint, varAnyParam, varTypedParam},
	}
	for _, id := range []string{scIterationOrder, scMutation, scGrowthDuring, scGrowthPoints, scEscape, scAddrOfRangeVar, scConcurrent} {
		variants[id] = nil
	}
	for id, vs := range variants {
		s, err := catalog.Lookup(id)
		if err != nil {
			t.Errorf("scenario %s: %v", id, err)
			continue
		}
		for _, v := range vs {
			found := false
			for _, have := range s.Variants {
				found = found || have == v
			}
			if !found {
				t.Errorf("scenario %s has no variant %s (has %v)", id, v, s.Variants)
			}
		}
	}
	for _, c := range Registry {
		if c.Scenario == scNone {
			continue
		}
		if _, err := catalog.Lookup(c.Scenario); err != nil {
			t.Errorf("claim %s: %v", c.ID, err)
		}
	}
}
