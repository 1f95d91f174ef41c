package healthcheck

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"
)

const (
	scheduleDiscovery = "../actions/benchmarkschedule/discovery.lua"
	scheduleRunNow    = "../actions/benchmarkschedule/run-now/action.lua"
)

func TestRunNowIsOffered(t *testing.T) {
	for _, fixture := range []string{"benchmarkschedule-healthy", "benchmarkschedule-suspended"} {
		actions, err := Discover(string(readFile(t, scheduleDiscovery)), readFile(t, filepath.Join("testdata", "from-schema", fixture+".json")))
		if err != nil {
			t.Fatal(err)
		}
		if len(actions) != 1 || actions["run-now"] == nil || actions["run-now"]["disabled"] != false {
			t.Errorf("%s: actions = %v, want run-now enabled", fixture, actions)
		}
	}
}

// TestRunNowSetsANewTokenAndNothingElse: the action sets mapbench.io/run-now to the current UTC
// time (a new token per click, to the second) and leaves spec and the other annotations alone.
func TestRunNowSetsANewTokenAndNothingElse(t *testing.T) {
	for _, fixture := range []string{"benchmarkschedule-healthy", "benchmarkschedule-regressed-reported-healthy"} {
		in := readFile(t, filepath.Join("testdata", "from-schema", fixture+".json"))
		before := time.Now().UTC().Truncate(time.Second)
		out, err := RunAction(string(readFile(t, scheduleRunNow)), in)
		after := time.Now().UTC()
		if err != nil {
			t.Fatal(err)
		}
		var orig map[string]any
		if err := json.Unmarshal(in, &orig); err != nil {
			t.Fatal(err)
		}
		annotations := out["metadata"].(map[string]any)["annotations"].(map[string]any)
		token, _ := annotations["mapbench.io/run-now"].(string)
		at, err := time.Parse(time.RFC3339, token)
		if err != nil || at.Before(before) || at.After(after) {
			t.Errorf("%s: token %q is not the current UTC time (%v..%v): %v", fixture, token, before, after, err)
		}
		delete(annotations, "mapbench.io/run-now")
		wantAnnotations, _ := orig["metadata"].(map[string]any)["annotations"].(map[string]any)
		if len(annotations) != len(wantAnnotations) {
			t.Errorf("%s: annotations %v, want %v plus the token", fixture, annotations, wantAnnotations)
		}
		gotSpec, _ := json.Marshal(out["spec"])
		wantSpec, _ := json.Marshal(orig["spec"])
		if string(gotSpec) != string(wantSpec) {
			t.Errorf("%s: the action changed spec:\n%s\nwant\n%s", fixture, gotSpec, wantSpec)
		}
	}
}

// TestArgoCDConfigMapEmbedsActions: argocd-cm.yaml carries exactly the tested action scripts, in
// the document Argo CD reads (discovery.lua and definitions).
func TestArgoCDConfigMapEmbedsActions(t *testing.T) {
	var cm struct {
		Data map[string]string `yaml:"data"`
	}
	mustYAML(t, readFile(t, "../argocd-cm.yaml"), &cm)
	var actions struct {
		Discovery   string `yaml:"discovery.lua"`
		Definitions []struct {
			Name   string `yaml:"name"`
			Action string `yaml:"action.lua"`
		} `yaml:"definitions"`
	}
	mustYAML(t, []byte(cm.Data["resource.customizations.actions.mapbench.io_BenchmarkSchedule"]), &actions)
	if actions.Discovery != string(readFile(t, scheduleDiscovery)) {
		t.Errorf("argocd-cm.yaml discovery.lua differs from %s: run deploy/argocd/gen-argocd-cm.sh", scheduleDiscovery)
	}
	if len(actions.Definitions) != 1 || actions.Definitions[0].Name != "run-now" ||
		actions.Definitions[0].Action != string(readFile(t, scheduleRunNow)) {
		t.Errorf("argocd-cm.yaml definitions differ from %s: run deploy/argocd/gen-argocd-cm.sh", scheduleRunNow)
	}
}
