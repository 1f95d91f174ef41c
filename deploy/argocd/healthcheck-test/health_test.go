package healthcheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// scripts are the Lua sources Argo CD runs for mapbench's kinds (embedded into ../argocd-cm.yaml
// by gen-argocd-cm.sh).
var scripts = map[string]string{
	"BenchmarkRun":      "../health/benchmarkrun.lua",
	"MemberCluster":     "../health/membercluster.lua",
	"BenchmarkSchedule": "../health/benchmarkschedule.lua",
	"Application":       "../health/application.lua",
}

// configMapKeys are the argocd-cm keys of the scripts (group_Kind).
var configMapKeys = map[string]string{
	"BenchmarkRun":      "mapbench.io_BenchmarkRun",
	"MemberCluster":     "mapbench.io_MemberCluster",
	"BenchmarkSchedule": "mapbench.io_BenchmarkSchedule",
	"Application":       "argoproj.io_Application",
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHealth(t *testing.T) {
	tests := []struct {
		fixture     string
		kind        string
		wantStatus  string
		wantMessage []string // substrings the message must contain
	}{
		// BenchmarkRun, one per phase (and the Pending variants the conditions distinguish).
		{"from-schema/benchmarkrun-pending-new", "BenchmarkRun", "Progressing", []string{"Pending"}},
		{"from-schema/benchmarkrun-pending-waiting-for-capacity", "BenchmarkRun", "Suspended", []string{"WaitingForCapacity", "position 2"}},
		{"from-schema/benchmarkrun-pending-no-matching-cluster", "BenchmarkRun", "Suspended", []string{"NoMatchingCluster", "mapbench.io/tier=gpu"}},
		{"from-schema/benchmarkrun-pending-policy-unavailable", "BenchmarkRun", "Degraded", []string{"policy unavailable", "mapbench.io/policy"}},
		// Pending that waiting cannot fix: Degraded, not Progressing forever.
		{"from-schema/benchmarkrun-pending-unknown-cluster", "BenchmarkRun", "Degraded", []string{"UnknownCluster: spec.placement.clusters: no MemberCluster named edge-k3s-9"}},
		{"from-schema/benchmarkrun-pending-invalid-selector", "BenchmarkRun", "Degraded", []string{"InvalidSpec: spec.placement.clusterSelector.matchExpressions[0].operator"}},
		{"from-schema/benchmarkrun-denied-invalid-spec", "BenchmarkRun", "Degraded", []string{"InvalidSpec: spec.goVersions[0]: '1.19' is not supported"}},
		{"from-schema/benchmarkrun-pending-waiting-for-quota", "BenchmarkRun", "Suspended", []string{"WaitingForQuota", "namespace team-a already has 3 active runs"}},
		{"captured/benchmarkrun-denied", "BenchmarkRun", "Degraded", []string{"Denied by policy: edge-namespace: spec.placement: cluster edge-k3s-1 is an edge cluster"}},
		{"from-schema/benchmarkrun-scheduled", "BenchmarkRun", "Progressing", []string{"Scheduled: 0/1 succeeded, 1 pending"}},
		{"captured/benchmarkrun-running", "BenchmarkRun", "Progressing", []string{"Running: 0/2 succeeded, 2 running"}},
		{"captured/benchmarkrun-succeeded", "BenchmarkRun", "Healthy", []string{"Succeeded: 4/4 succeeded"}},
		{"from-schema/benchmarkrun-succeeded-regressed", "BenchmarkRun", "Healthy", []string{"Succeeded: 4/4 succeeded; Regressed: BenchmarkRangeKV/key=int64/value=int64/size=100 on cloud-1/1.26.8 is +12.40% slower"}},
		{"from-schema/benchmarkrun-succeeded-no-regression", "BenchmarkRun", "Healthy", []string{"Succeeded: 4/4 succeeded"}},
		{"from-schema/benchmarkrun-succeeded-no-baseline", "BenchmarkRun", "Healthy", []string{"Succeeded: 4/4 succeeded"}},
		{"from-schema/benchmarkrun-partially-succeeded", "BenchmarkRun", "Degraded", []string{"PartiallySucceeded", "edge-k3s-1/go1.23.12 Lost: member cluster unreachable"}},
		// Re-dispatch (spec.placement.failover): the moved entry stays Lost, its replacement decides.
		{"from-schema/benchmarkrun-running-redispatched", "BenchmarkRun", "Progressing", []string{"Running: 0/1 succeeded, 1 running"}},
		{"from-schema/benchmarkrun-failed-not-redispatched", "BenchmarkRun", "Degraded", []string{"edge-k3s-1/go1.23.12 Lost: cluster edge-k3s-1 unreachable; not re-dispatched: no other Ready MemberCluster"}},
		{"from-schema/benchmarkrun-failed-timed-out", "BenchmarkRun", "Degraded", []string{"cloud-1/go1.26.8 TimedOut: job exceeded spec.timeout"}},
		{"from-schema/benchmarkrun-failed-invalid-result", "BenchmarkRun", "Degraded", []string{"cloud-1/go1.26.8 Failed: result document:"}},
		{"from-schema/benchmarkrun-failed-result-unavailable", "BenchmarkRun", "Degraded", []string{"cloud-1/go1.26.8 Failed: Job mb-x-go1-26-8 completed but its succeeded pod is gone", "cloud-1/go1.23.12 Failed: Job mb-x-go1-23-12 disappeared"}},
		{"from-schema/benchmarkrun-scheduled-reconcile-error", "BenchmarkRun", "Progressing", []string{"Scheduled: "}},
		{"captured/benchmarkrun-failed", "BenchmarkRun", "Degraded", []string{"Failed: 0/1 succeeded, 1 failed", `cloud-1/go1.26.8 Failed: error: scenarios: unknown scenario "no-such-scenario"`}},
		// observedGeneration: a status older than the spec never counts.
		{"from-schema/benchmarkrun-stale-generation", "BenchmarkRun", "Progressing", []string{"observe generation 2"}},
		{"from-schema/benchmarkrun-stale-condition", "BenchmarkRun", "Progressing", []string{"Condition Admitted reflects generation 1, not 2"}},
		// BenchmarkSchedule: Degraded while the last finished run regressed (unless the schedule says otherwise).
		{"from-schema/benchmarkschedule-new", "BenchmarkSchedule", "Progressing", []string{"pick up the schedule"}},
		{"from-schema/benchmarkschedule-stale-generation", "BenchmarkSchedule", "Progressing", []string{"observe generation 3"}},
		{"from-schema/benchmarkschedule-invalid-schedule", "BenchmarkSchedule", "Degraded", []string{`InvalidSchedule: spec.timeZone: "Mars/Olympus" is not a known IANA time zone`}},
		{"from-schema/benchmarkschedule-before-first-run", "BenchmarkSchedule", "Progressing", []string{"No run finished yet; next tick 2026-03-02T01:00:00Z"}},
		{"from-schema/benchmarkschedule-healthy", "BenchmarkSchedule", "Healthy", []string{"Last finished run nightly-202603030100 (Regressed False: NoRegression); next tick 2026-03-04T01:00:00Z"}},
		{"from-schema/benchmarkschedule-regressed", "BenchmarkSchedule", "Degraded", []string{"Regressed: run nightly-202603030100: BenchmarkRangeKV/key=int64/value=int64/size=100 on edge-k3s-1/1.26.8 is +18.20% slower"}},
		{"from-schema/benchmarkschedule-regressed-reported-healthy", "BenchmarkSchedule", "Healthy", []string{"Regressed: run nightly-202603030100"}},
		{"from-schema/benchmarkschedule-suspended", "BenchmarkSchedule", "Suspended", []string{"spec.suspend"}},
		// Application (the app of apps waits on its children's health).
		{"argocd/application-healthy", "Application", "Healthy", nil},
		{"argocd/application-degraded", "Application", "Degraded", []string{"smoke-cloud-and-edge is Degraded"}},
		{"argocd/application-new", "Application", "Progressing", []string{"Waiting for the Application's health"}},
		// MemberCluster.
		{"captured/membercluster-ready", "MemberCluster", "Healthy", []string{"Ready: k3s v1.36.3"}},
		// A usable member on a slow or lossy link stays Healthy; the message says why it is degraded.
		{"from-schema/membercluster-degraded-slow-link", "MemberCluster", "Healthy", []string{"Ready: k3s v1.36.3+k3s1; link degraded: SlowLink: median probe round trip 642 ms"}},
		{"from-schema/membercluster-degraded-intermittent-probe-failures", "MemberCluster", "Healthy", []string{"link degraded: IntermittentProbeFailures: 2 of 6 probes failed"}},
		{"from-schema/membercluster-link-healthy", "MemberCluster", "Healthy", []string{"Ready: k3s v1.36.3+k3s1"}},
		{"from-schema/membercluster-unreachable", "MemberCluster", "Degraded", []string{"Unreachable: ", "connection refused"}},
		{"from-schema/membercluster-unauthorized", "MemberCluster", "Degraded", []string{"Unauthorized: ", "onboard.sh"}},
		{"from-schema/membercluster-secret-not-found", "MemberCluster", "Degraded", []string{"SecretNotFound: "}},
		{"from-schema/membercluster-invalid-kubeconfig", "MemberCluster", "Degraded", []string{"InvalidKubeconfig: "}},
		{"from-schema/membercluster-forbidden", "MemberCluster", "Degraded", []string{"Forbidden: member RBAC does not grant pods/log get"}},
		{"from-schema/membercluster-tls-error", "MemberCluster", "Degraded", []string{"TLSError: ", "certificate-authority-data"}},
		{"from-schema/membercluster-caches-not-synced", "MemberCluster", "Degraded", []string{"CachesNotSynced: "}},
		{"from-schema/membercluster-unknown", "MemberCluster", "Progressing", []string{"first probe in progress"}},
		{"from-schema/membercluster-new", "MemberCluster", "Progressing", []string{"Waiting for the first probe"}},
		{"from-schema/membercluster-stale-generation", "MemberCluster", "Progressing", []string{"probe generation 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.fixture, func(t *testing.T) {
			obj := readFile(t, filepath.Join("testdata", tc.fixture+".json"))
			got, err := Evaluate(string(readFile(t, scripts[tc.kind])), obj)
			if err != nil {
				t.Fatalf("%s: %v", tc.fixture, err)
			}
			if got.Status != tc.wantStatus {
				t.Errorf("status = %s (%q), want %s", got.Status, got.Message, tc.wantStatus)
			}
			for _, s := range tc.wantMessage {
				if !strings.Contains(got.Message, s) {
					t.Errorf("message %q does not contain %q", got.Message, s)
				}
			}
		})
	}
}

// TestEveryFixtureIsTested keeps the table and testdata/ in step.
func TestEveryFixtureIsTested(t *testing.T) {
	src := string(readFile(t, "health_test.go"))
	for _, dir := range []string{"captured", "from-schema", "argocd"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			name := dir + "/" + strings.TrimSuffix(filepath.Base(f), ".json")
			if !strings.Contains(src, `"`+name+`"`) {
				t.Errorf("fixture %s has no case in TestHealth", name)
			}
		}
	}
}

// TestEveryPhaseCovered: each BenchmarkRun phase the CRD allows has at least one fixture.
func TestEveryPhaseCovered(t *testing.T) {
	schema := statusSchema(t, "benchmarkruns.mapbench.io-v1.yml")
	phases := schema["properties"].(map[string]any)["phase"].(map[string]any)["enum"].([]any)
	covered := map[string]bool{}
	files, _ := filepath.Glob("testdata/*/benchmarkrun-*.json")
	for _, f := range files {
		var o map[string]any
		mustYAML(t, readFile(t, f), &o)
		if st, ok := o["status"].(map[string]any); ok {
			covered[st["phase"].(string)] = true
		}
	}
	for _, p := range phases {
		if !covered[p.(string)] {
			t.Errorf("phase %s has no fixture", p)
		}
	}
}

// TestFixturesMatchCRDSchema: fixtures use only fields the CRD's status schema has, with allowed
// enum values and types, so fixtures built by hand stay realistic.
func TestFixturesMatchCRDSchema(t *testing.T) {
	crds := map[string]string{"benchmarkrun": "benchmarkruns.mapbench.io-v1.yml", "membercluster": "memberclusters.mapbench.io-v1.yml",
		"benchmarkschedule": "benchmarkschedules.mapbench.io-v1.yml"}
	files, _ := filepath.Glob("testdata/*/*.json")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		kind := strings.SplitN(filepath.Base(f), "-", 2)[0]
		if crds[kind] == "" {
			continue // not a mapbench kind (Argo CD Applications)
		}
		var o map[string]any
		mustYAML(t, readFile(t, f), &o)
		if st, ok := o["status"]; ok {
			for _, problem := range validate(statusSchema(t, crds[kind]), st, "status") {
				t.Errorf("%s: %s", f, problem)
			}
		}
	}
}

// TestArgoCDConfigMapEmbedsScripts: argocd-cm.yaml carries exactly the tested Lua.
func TestArgoCDConfigMapEmbedsScripts(t *testing.T) {
	var cm struct {
		Data map[string]string `yaml:"data"`
	}
	mustYAML(t, readFile(t, "../argocd-cm.yaml"), &cm)
	for kind, path := range scripts {
		key := "resource.customizations.health." + configMapKeys[kind]
		if cm.Data[key] != string(readFile(t, path)) {
			t.Errorf("argocd-cm.yaml %s differs from %s: run deploy/argocd/gen-argocd-cm.sh", key, path)
		}
	}
}

func mustYAML(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func statusSchema(t *testing.T, crdFile string) map[string]any {
	t.Helper()
	var crd map[string]any
	mustYAML(t, readFile(t, filepath.Join("..", "..", "..", "crds", crdFile)), &crd)
	v := crd["spec"].(map[string]any)["versions"].([]any)[0].(map[string]any)
	return v["schema"].(map[string]any)["openAPIV3Schema"].(map[string]any)["properties"].(map[string]any)["status"].(map[string]any)
}

// validate checks v against a structural OpenAPI schema: types, enums, known properties.
func validate(schema map[string]any, v any, path string) []string {
	var problems []string
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if e == v {
				found = true
			}
		}
		if !found {
			problems = append(problems, path+": value "+toString(v)+" not in the CRD's enum")
		}
	}
	switch schema["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return append(problems, path+": want an object")
		}
		props, _ := schema["properties"].(map[string]any)
		for k, item := range m {
			sub, ok := props[k].(map[string]any)
			if !ok {
				if _, open := schema["additionalProperties"]; !open {
					problems = append(problems, path+"."+k+": not in the CRD's status schema")
				}
				continue
			}
			problems = append(problems, validate(sub, item, path+"."+k)...)
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return append(problems, path+": want an array")
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for _, item := range a {
				problems = append(problems, validate(items, item, path+"[]")...)
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			problems = append(problems, path+": want a string")
		}
	case "integer", "number":
		switch v.(type) {
		case int, int64, float64:
		default:
			problems = append(problems, path+": want a number")
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			problems = append(problems, path+": want a boolean")
		}
	}
	return problems
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := yaml.Marshal(v)
	return strings.TrimSpace(string(b))
}

// TestArgoCDLuaEnvironment: scripts see what Argo CD gives them and nothing more. A script that
// uses string, math or io would pass in a plain interpreter and fail in Argo CD.
func TestArgoCDLuaEnvironment(t *testing.T) {
	obj := []byte(`{"metadata":{"name":"x"}}`)
	for _, script := range []string{
		`return {status = "Healthy", message = string.format("%s", obj.metadata.name)}`,
		`return {status = "Healthy", message = "" .. math.floor(1.5)}`,
		`return {status = "Healthy", message = io.read()}`,
		`return {status = "Healthy", message = os.getenv("HOME")}`,
		`os.execute("true") return {status = "Healthy"}`,
		`while true do end`,
	} {
		if h, err := Evaluate(script, obj); err == nil {
			t.Errorf("script ran although Argo CD would refuse it (%+v): %s", h, script)
		}
	}
	for _, script := range []string{
		`local t = {} table.insert(t, obj.metadata.name) return {status = "Healthy", message = table.concat(t, ",") .. os.date("!%Y", 0)}`,
		`local os2 = require("os") return {status = "Healthy", message = tostring(os2.time() > 0) .. #obj.metadata.name}`,
	} {
		h, err := Evaluate(script, obj)
		if err != nil || h.Status != "Healthy" {
			t.Errorf("script Argo CD runs failed here: %v (%+v): %s", err, h, script)
		}
	}
}

// TestEveryReasonCovered: each condition reason the operator writes (ConditionReasons.java) is in
// at least one fixture, so every reason's health is pinned by TestHealth.
func TestEveryReasonCovered(t *testing.T) {
	src := string(readFile(t, "../../../operator/src/main/java/io/mapbench/operator/api/v1alpha1/ConditionReasons.java"))
	reasons := regexp.MustCompile(`String [A-Z_]+ = "([A-Za-z]+)";`).FindAllStringSubmatch(src, -1)
	if len(reasons) < 15 {
		t.Fatalf("only %d reasons parsed from ConditionReasons.java", len(reasons))
	}
	files, _ := filepath.Glob("testdata/*/*.json")
	var all strings.Builder
	for _, f := range files {
		all.Write(readFile(t, f))
	}
	for _, r := range reasons {
		if !strings.Contains(all.String(), `"reason": "`+r[1]+`"`) {
			t.Errorf("reason %s has no fixture in testdata/", r[1])
		}
	}
}
