package scenarios

import (
	"runtime"
	"testing"

	"mapbench.io/workload/internal/claims"
	"mapbench.io/workload/internal/result"
)

// verdict evaluates one claim on a document holding one observation.
func verdict(t *testing.T, claim, scenario string, o result.Observation) result.Claim {
	t.Helper()
	doc := result.New()
	doc.Config.Scenarios = []string{scenario}
	doc.Observations = append(doc.Observations, o)
	for _, c := range claims.Evaluate(doc, nil) {
		if c.ID == claim {
			return c
		}
	}
	t.Fatalf("claim %s not evaluated", claim)
	return result.Claim{}
}

// A runtime that grew a map at its 8th insert would confirm the seed: what the scenario
// records must let the claim see it. (The scenario used to drop every allocation at inserts
// <= 8, so this claim could only ever be refuted.)
func TestGrowthAtEighthInsertIsSeen(t *testing.T) {
	c := Combo{KeyType: "int64", ValueType: "int64", Size: 20}
	o := growthObservation(c, 20, []allocEvent{{1, 144}, {8, 288}, {14, 576}})
	if got := verdict(t, "growth-8th-insert", "growth-points", o); got.Verdict != result.VerdictConfirmed {
		t.Fatalf("synthetic growth at insert 8: %s (%s; %s)", got.Verdict, got.Reason, got.Measured)
	}
	real := newFixture(Combo{KeyType: "int64", ValueType: "int64", Size: 100}).observeGrowthPoints(Combo{KeyType: "int64", ValueType: "int64", Size: 100})
	if got := verdict(t, "growth-8th-insert", "growth-points", real); got.Verdict != result.VerdictRefuted {
		t.Fatalf("%s (every Go release grows at insert 9): %s (%s; %s)", runtime.Version(), got.Verdict, got.Reason, got.Measured)
	}
}

// A pod limited to one CPU runs with GOMAXPROCS=1, where the write never interleaves with the
// range: the child gets two Ps anyway, and the claim is never refuted for lack of them.
func TestConcurrentWriteChildGetsTwoPs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector reports the race this scenario measures")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	o := observeConcurrentWrite(Combo{KeyType: "int64", ValueType: "int64", Size: 1000})
	if o.Figures["requestedGOMAXPROCS"] != 1 || o.Figures["childGOMAXPROCS"] != 2 {
		t.Fatalf("requested %v, child %v; want 1 and 2 (%s)", o.Figures["requestedGOMAXPROCS"], o.Figures["childGOMAXPROCS"], o.Summary)
	}
	if got := verdict(t, "concurrent-write-panics", "concurrent-write", o); got.Verdict == result.VerdictRefuted {
		t.Fatalf("refuted at GOMAXPROCS=1: %s (%s)", got.Reason, got.Measured)
	}
}
