package healthcheck

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// manifest is the part of Applications and AppProjects these tests read.
type manifest struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name        string            `yaml:"name"`
		Annotations map[string]string `yaml:"annotations"`
		Finalizers  []string          `yaml:"finalizers"`
	} `yaml:"metadata"`
	Spec struct {
		Project string `yaml:"project"`
		Source  struct {
			Path string `yaml:"path"`
			Helm struct {
				ValuesObject map[string]any `yaml:"valuesObject"`
			} `yaml:"helm"`
		} `yaml:"source"`
		Destination struct {
			Namespace string `yaml:"namespace"`
		} `yaml:"destination"`
		SyncPolicy struct {
			ManagedNamespaceMetadata struct {
				Labels map[string]string `yaml:"labels"`
			} `yaml:"managedNamespaceMetadata"`
			SyncOptions []string `yaml:"syncOptions"`
		} `yaml:"syncPolicy"`
		Destinations []struct {
			Namespace string `yaml:"namespace"`
		} `yaml:"destinations"`
		ClusterResourceWhitelist   []struct{ Group, Kind string } `yaml:"clusterResourceWhitelist"`
		NamespaceResourceWhitelist []struct{ Group, Kind string } `yaml:"namespaceResourceWhitelist"`
	} `yaml:"spec"`
}

func apps(t *testing.T) map[string]manifest {
	t.Helper()
	files, _ := filepath.Glob("../apps/*.yaml")
	out := map[string]manifest{}
	for _, f := range files {
		var m manifest
		mustYAML(t, readFile(t, f), &m)
		out[m.Kind+"/"+m.Metadata.Name] = m
	}
	if len(out) < 4 {
		t.Fatalf("deploy/argocd/apps holds %d objects, want 2 AppProjects and 2 Applications", len(out))
	}
	return out
}

func wave(m manifest) int {
	w, _ := strconv.Atoi(m.Metadata.Annotations["argocd.argoproj.io/sync-wave"])
	return w
}

// TestAppOfApps: the root Application syncs deploy/argocd/apps, projects come first, the operator
// (with its CRDs) before the runs, and no Application uses the default project.
func TestAppOfApps(t *testing.T) {
	var root manifest
	mustYAML(t, readFile(t, "../root-application.yaml"), &root)
	if root.Spec.Source.Path != "deploy/argocd/apps" {
		t.Errorf("root Application syncs %q, want deploy/argocd/apps", root.Spec.Source.Path)
	}
	a := apps(t)
	op, runs := a["Application/mapbench-operator"], a["Application/mapbench-runs"]
	for _, p := range []string{"AppProject/mapbench-platform", "AppProject/mapbench-runs"} {
		if wave(a[p]) >= wave(op) {
			t.Errorf("%s (wave %d) must sync before the operator Application (wave %d)", p, wave(a[p]), wave(op))
		}
	}
	if wave(op) >= wave(runs) {
		t.Errorf("runs Application wave %d is not after the operator's %d: runs would race the CRDs", wave(runs), wave(op))
	}
	for name, m := range a {
		if m.Kind != "Application" {
			continue
		}
		if m.Spec.Project == "default" || a["AppProject/"+m.Spec.Project].Kind == "" {
			t.Errorf("%s uses project %q, want one of the AppProjects in apps/", name, m.Spec.Project)
		}
	}
	// The Application health check must be registered, or waves do not wait for health.
	var cm struct {
		Data map[string]string `yaml:"data"`
	}
	mustYAML(t, readFile(t, "../argocd-cm.yaml"), &cm)
	if cm.Data["resource.customizations.health.argoproj.io_Application"] == "" {
		t.Error("argocd-cm.yaml has no Application health check: sync waves of the app of apps would not wait")
	}
}

// TestRunsProjectRestricted: whoever commits runs can create BenchmarkRuns and BenchmarkSchedules
// in mapbench-runs (and that namespace) and nothing else.
func TestRunsProjectRestricted(t *testing.T) {
	p := apps(t)["AppProject/mapbench-runs"]
	if len(p.Spec.Destinations) != 1 || p.Spec.Destinations[0].Namespace != "mapbench-runs" {
		t.Errorf("destinations = %+v, want mapbench-runs only", p.Spec.Destinations)
	}
	kinds := map[string]bool{}
	for _, k := range p.Spec.NamespaceResourceWhitelist {
		kinds[k.Group+"/"+k.Kind] = true
	}
	if len(kinds) != 2 || !kinds["mapbench.io/BenchmarkRun"] || !kinds["mapbench.io/BenchmarkSchedule"] {
		t.Errorf("namespaced kinds = %+v, want BenchmarkRun and BenchmarkSchedule only", p.Spec.NamespaceResourceWhitelist)
	}
	if len(p.Spec.ClusterResourceWhitelist) != 1 || p.Spec.ClusterResourceWhitelist[0].Kind != "Namespace" {
		t.Errorf("cluster-scoped kinds = %+v, want Namespace only", p.Spec.ClusterResourceWhitelist)
	}
}

// TestRunsNamespaceCarriesThePolicyLabel: the examples place runs on edge clusters; the policy
// admits them only in a namespace with its edgeAllowedLabel, so the namespace Argo CD creates
// must carry it (before this, all three examples were denied out of the box).
func TestRunsNamespaceCarriesThePolicyLabel(t *testing.T) {
	var data struct {
		Data struct {
			EdgeAllowedLabel struct{ Key, Value string } `json:"edgeAllowedLabel"`
		} `json:"data"`
	}
	if err := json.Unmarshal(readFile(t, "../../../policies/dist/data.json"), &data); err != nil {
		t.Fatal(err)
	}
	l := data.Data.EdgeAllowedLabel
	if l.Key == "" {
		t.Fatal("policies/dist/data.json has no edgeAllowedLabel")
	}
	runs := apps(t)["Application/mapbench-runs"]
	if got := runs.Spec.SyncPolicy.ManagedNamespaceMetadata.Labels[l.Key]; got != l.Value {
		t.Errorf("managedNamespaceMetadata label %s = %q, want %q", l.Key, got, l.Value)
	}
	if !contains(runs.Spec.SyncPolicy.SyncOptions, "CreateNamespace=true") {
		t.Error("managedNamespaceMetadata applies only with CreateNamespace=true")
	}
	examples, _ := filepath.Glob("../../examples/*.yaml")
	edge := 0
	for _, f := range examples {
		if strings.Contains(string(readFile(t, f)), "edge") {
			edge++
		}
	}
	if edge == 0 {
		t.Error("no example uses an edge cluster: this test would prove nothing")
	}
}

// TestCRDsSurviveAndCleanupRuns: the chart's CRDs are never deleted by Argo CD or Helm, and the
// operator Application keeps the cleanup hook (Argo CD runs it as PreDelete).
func TestCRDsSurviveAndCleanupRuns(t *testing.T) {
	files, _ := filepath.Glob("../../../helm/mapbench-operator/crds/*.yml")
	if len(files) != 4 {
		t.Fatalf("%d CRDs in the chart, want 4 (BenchmarkRun, BenchmarkResult, BenchmarkSchedule, MemberCluster)", len(files))
	}
	for _, f := range files {
		var crd struct {
			Metadata struct {
				Annotations map[string]string `yaml:"annotations"`
			} `yaml:"metadata"`
		}
		mustYAML(t, readFile(t, f), &crd)
		an := crd.Metadata.Annotations
		if !strings.Contains(an["argocd.argoproj.io/sync-options"], "Delete=false") || an["helm.sh/resource-policy"] != "keep" {
			t.Errorf("%s: annotations %v, want argocd.argoproj.io/sync-options Delete=false and helm.sh/resource-policy keep", filepath.Base(f), an)
		}
	}
	op := apps(t)["Application/mapbench-operator"]
	if c, ok := op.Spec.Source.Helm.ValuesObject["cleanupOnUninstall"].(map[string]any); ok && c["enabled"] == false {
		t.Error("the operator Application disables the cleanup hook; it runs as an Argo CD PreDelete hook")
	}
	if !contains(op.Metadata.Finalizers, "resources-finalizer.argocd.argoproj.io") {
		t.Error("without the resources finalizer Argo CD runs no PreDelete hook")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
