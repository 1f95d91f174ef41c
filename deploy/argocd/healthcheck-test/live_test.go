package healthcheck

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// expectedByPhase is the health a BenchmarkRun of each phase must get when its status is current
// (the Pending variants depend on conditions and are covered by TestHealth's fixtures).
var expectedByPhase = map[string]string{
	"Scheduled":          "Progressing",
	"Running":            "Progressing",
	"Succeeded":          "Healthy",
	"PartiallySucceeded": "Degraded",
	"Failed":             "Degraded",
	"Denied":             "Degraded",
}

// TestLiveObjects runs the health checks on objects read from a live hub (helm/test/e2e.sh dumps
// them into $MAPBENCH_LIVE_OBJECTS_DIR as kubectl `List` JSON files) and checks each verdict
// against its phase / Ready condition.
func TestLiveObjects(t *testing.T) {
	dir := os.Getenv("MAPBENCH_LIVE_OBJECTS_DIR")
	if dir == "" {
		t.Skip("MAPBENCH_LIVE_OBJECTS_DIR not set: helm/test/e2e.sh runs this on objects of a live hub")
	}
	checked := 0
	for kind, script := range scripts {
		if kind == "Application" || kind == "BenchmarkSchedule" {
			continue // the hub has no Argo CD; the chart's end-to-end test creates no schedules
		}
		b, err := os.ReadFile(filepath.Join(dir, kind+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var list struct {
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(b, &list); err != nil {
			t.Fatal(err)
		}
		lua := string(readFile(t, script))
		for _, raw := range list.Items {
			var o struct {
				Metadata struct {
					Name       string `json:"name"`
					Generation int64  `json:"generation"`
				} `json:"metadata"`
				Status struct {
					Phase              string `json:"phase"`
					ObservedGeneration int64  `json:"observedGeneration"`
					Conditions         []struct {
						Type, Status string
					} `json:"conditions"`
				} `json:"status"`
			}
			if err := json.Unmarshal(raw, &o); err != nil {
				t.Fatal(err)
			}
			got, err := Evaluate(lua, raw)
			if err != nil {
				t.Fatalf("%s %s: %v", kind, o.Metadata.Name, err)
			}
			want := ""
			switch {
			case o.Status.ObservedGeneration < o.Metadata.Generation:
				want = "Progressing"
			case kind == "BenchmarkRun":
				want = expectedByPhase[o.Status.Phase]
			case kind == "MemberCluster":
				for _, c := range o.Status.Conditions {
					if c.Type == "Ready" {
						want = map[string]string{"True": "Healthy", "False": "Degraded", "Unknown": "Progressing"}[c.Status]
					}
				}
			}
			if want == "" {
				t.Logf("%s %s (phase %q): %s %q, no fixed expectation", kind, o.Metadata.Name, o.Status.Phase, got.Status, got.Message)
				continue
			}
			if got.Status != want {
				t.Errorf("%s %s (phase %q): %s (%q), want %s", kind, o.Metadata.Name, o.Status.Phase, got.Status, got.Message, want)
			} else {
				t.Logf("%s %s (phase %q): %s %q", kind, o.Metadata.Name, o.Status.Phase, got.Status, got.Message)
			}
			checked++
		}
	}
	if checked < 3 {
		t.Errorf("only %d live objects checked", checked)
	}
}
