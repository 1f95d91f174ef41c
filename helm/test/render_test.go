// Package charttest renders helm/mapbench-operator with the real helm binary ($HELM) and checks
// the objects: defaults, edge-case values, schema rejections with clear messages, ConfigMap
// sizes, generated copies, and (with $MAPBENCH_HUB_KUBECONFIG) a server-side dry-run apply.
package charttest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var (
	repo  = mustAbs("../..")
	chart = filepath.Join(repo, "helm", "mapbench-operator")
)

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		panic(err)
	}
	return a
}

type object = map[string]any

// render runs `helm template` with args and returns the objects, or helm's error output.
// releaseNamespace is the namespace every test renders the chart into.
const releaseNamespace = "mapbench-system"

func render(t *testing.T, args ...string) ([]object, string, error) {
	t.Helper()
	helm := os.Getenv("HELM")
	if helm == "" {
		t.Fatal("HELM is not set: run helm/test/run.sh (it builds helm via hack/tools/helm.sh)")
	}
	cmd := exec.Command(helm, append([]string{"template", "mb", chart, "--namespace", releaseNamespace}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, stderr.String(), err
	}
	rendered := stdout.String()
	var objs []object
	dec := yaml.NewDecoder(strings.NewReader(rendered))
	for {
		var o object
		if err := dec.Decode(&o); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("rendered YAML does not parse: %v", err)
		}
		if o != nil {
			objs = append(objs, o)
		}
	}
	return objs, rendered, nil
}

func mustRender(t *testing.T, args ...string) []object {
	t.Helper()
	objs, out, err := render(t, args...)
	if err != nil {
		t.Fatalf("helm template %v: %v\n%s", args, err, out)
	}
	return objs
}

func get(o any, path ...string) any {
	for _, p := range path {
		m, ok := o.(map[string]any)
		if !ok {
			return nil
		}
		o = m[p]
	}
	return o
}

func str(o any, path ...string) string {
	s, _ := get(o, path...).(string)
	return s
}

func find(objs []object, kind string) []object {
	var out []object
	for _, o := range objs {
		if o["kind"] == kind {
			out = append(out, o)
		}
	}
	return out
}

func findOne(t *testing.T, objs []object, kind, nameSuffix string) object {
	t.Helper()
	for _, o := range find(objs, kind) {
		if strings.HasSuffix(str(o, "metadata", "name"), nameSuffix) {
			return o
		}
	}
	t.Fatalf("no %s named *%s rendered", kind, nameSuffix)
	return nil
}

func envOf(t *testing.T, objs []object) map[string]string {
	t.Helper()
	d := findOne(t, objs, "Deployment", "mapbench-operator")
	c := get(d, "spec", "template", "spec", "containers").([]any)[0]
	env := map[string]string{}
	for _, e := range get(c, "env").([]any) {
		env[str(e, "name")] = str(e, "value")
	}
	return env
}

// rules flattens RBAC rules to "group/resource:verb" strings.
func rules(o object) map[string]bool {
	out := map[string]bool{}
	rs, _ := get(o, "rules").([]any)
	for _, r := range rs {
		for _, g := range get(r, "apiGroups").([]any) {
			for _, res := range get(r, "resources").([]any) {
				for _, v := range get(r, "verbs").([]any) {
					out[fmt.Sprintf("%s/%s:%s", g, res, v)] = true
				}
			}
		}
	}
	return out
}

func TestDefaults(t *testing.T) {
	objs := mustRender(t)
	kinds := map[string]int{}
	for _, o := range objs {
		kinds[o["kind"].(string)]++
	}
	// ClusterRoles: the operator's, the cleanup hook's, and the tenant roles mapbench-view/-edit.
	// ConfigMaps: the policy and one per dashboard (fleet, results, history, compare).
	for kind, want := range map[string]int{"ServiceAccount": 2, "ClusterRole": 4, "ClusterRoleBinding": 2, "Role": 1,
		"RoleBinding": 1, "Deployment": 1, "ConfigMap": 5, "Service": 1, "Pod": 1, "Job": 1} {
		if kinds[kind] != want {
			t.Errorf("%d %s rendered, want %d (all: %v)", kinds[kind], kind, want, kinds)
		}
	}
	for _, off := range []string{"ServiceMonitor", "PrometheusRule", "NetworkPolicy", "PodDisruptionBudget"} {
		if kinds[off] != 0 {
			t.Errorf("%s rendered by default; it must be opt-in (or need replicas > 1)", off)
		}
	}

	d := findOne(t, objs, "Deployment", "mapbench-operator")
	if got := get(d, "spec", "replicas"); got != 1 {
		t.Errorf("replicas = %v, want 1", got)
	}
	pod := get(d, "spec", "template", "spec")
	if get(pod, "securityContext", "runAsNonRoot") != true || str(pod, "securityContext", "seccompProfile", "type") != "RuntimeDefault" {
		t.Errorf("pod securityContext is not restricted: %v", get(pod, "securityContext"))
	}
	c := get(pod, "containers").([]any)[0]
	sc := get(c, "securityContext")
	if get(sc, "allowPrivilegeEscalation") != false || get(sc, "readOnlyRootFilesystem") != true ||
		fmt.Sprint(get(sc, "capabilities", "drop")) != "[ALL]" {
		t.Errorf("container securityContext is not restricted: %v", sc)
	}
	if str(c, "image") != "ghcr.io/mapbench/mapbench-operator:0.1.0" {
		t.Errorf("image = %s, want the chart's appVersion tag", str(c, "image"))
	}
	for _, probe := range []string{"startupProbe", "livenessProbe", "readinessProbe"} {
		if str(c, probe, "httpGet", "path") == "" {
			t.Errorf("%s missing", probe)
		}
	}
	if str(c, "resources", "limits", "memory") == "" || str(c, "resources", "requests", "cpu") == "" {
		t.Errorf("resources missing: %v", get(c, "resources"))
	}
	env := envOf(t, objs)
	if env["MAPBENCH_POLICY_ENABLED"] != "true" {
		t.Errorf("policy not enabled by default: %v", env)
	}
	if _, ok := env["QUARKUS_OPERATOR_SDK_CONTROLLERS_BENCHMARKRUN_NAMESPACES"]; ok {
		t.Error("runs restricted to namespaces although watchNamespaces is empty")
	}
	// glibc's arenas capped (operator/bench/README.md has what it saves); 0 leaves glibc's default.
	if env["MALLOC_ARENA_MAX"] != "2" {
		t.Errorf("MALLOC_ARENA_MAX = %q, want \"2\"", env["MALLOC_ARENA_MAX"])
	}
	if _, ok := envOf(t, mustRender(t, "--set", "jvm.mallocArenaMax=0"))["MALLOC_ARENA_MAX"]; ok {
		t.Error("jvm.mallocArenaMax=0 still sets MALLOC_ARENA_MAX")
	}

	// The policy ConfigMap carries exactly the compiled module and data of policies/dist.
	cm := findOne(t, objs, "ConfigMap", "-policy")
	if str(cm, "metadata", "labels", "mapbench.io/policy") == "" {
		t.Error("policy ConfigMap lacks the mapbench.io/policy label the operator's informer selects")
	}
	wasm, err := base64.StdEncoding.DecodeString(str(cm, "binaryData", "policy.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(repo, "policies", "dist", "policy.wasm"))
	if !bytes.Equal(wasm, want) {
		t.Errorf("binaryData.policy.wasm (%d bytes) differs from policies/dist/policy.wasm (%d bytes)", len(wasm), len(want))
	}
	data, _ := os.ReadFile(filepath.Join(repo, "policies", "dist", "data.json"))
	if strings.TrimSpace(str(cm, "data", "data.json")) != strings.TrimSpace(string(data)) {
		t.Error("data.data.json differs from policies/dist/data.json")
	}

	// Dashboards: one ConfigMap per deploy/grafana/*.json, labelled for the sidecar, valid JSON.
	sources, _ := filepath.Glob(filepath.Join(repo, "deploy", "grafana", "*.json"))
	if len(sources) == 0 {
		t.Fatal("no dashboards in deploy/grafana")
	}
	for _, src := range sources {
		base := filepath.Base(src)
		cm := findOne(t, objs, "ConfigMap", "dashboard-"+strings.TrimSuffix(base, ".json"))
		if str(cm, "metadata", "labels", "grafana_dashboard") != "1" {
			t.Errorf("%s: label grafana_dashboard=1 missing", base)
		}
		content, _ := os.ReadFile(src)
		if strings.TrimSpace(str(cm, "data", base)) != strings.TrimSpace(string(content)) {
			t.Errorf("%s: ConfigMap content differs from the source", base)
		}
	}

	// Every ConfigMap fits the API server's object limit (1 MiB) with room for metadata.
	for _, cm := range find(objs, "ConfigMap") {
		b, _ := yaml.Marshal(cm)
		if len(b) >= 1<<20-16*1024 {
			t.Errorf("ConfigMap %s is %d bytes; the limit is 1 MiB", str(cm, "metadata", "name"), len(b))
		}
	}
}

// TestLeastPrivilege pins the operator's hub permissions: exactly what its code does.
func TestLeastPrivilege(t *testing.T) {
	objs := mustRender(t)
	cluster := rules(findOne(t, objs, "ClusterRole", "mb-mapbench-operator"))
	ns := rules(findOne(t, objs, "Role", "mb-mapbench-operator"))
	for _, r := range []map[string]bool{cluster, ns} {
		for rule := range r {
			if strings.Contains(rule, "*") {
				t.Errorf("wildcard rule %s", rule)
			}
		}
	}
	wantCluster := []string{
		"mapbench.io/benchmarkruns:watch", "mapbench.io/benchmarkruns:patch", "mapbench.io/benchmarkruns/status:patch",
		"mapbench.io/benchmarkruns/finalizers:update", "mapbench.io/benchmarkresults:create",
		"mapbench.io/benchmarkresults:list", "mapbench.io/benchmarkresults:patch",
		"mapbench.io/memberclusters:watch", "mapbench.io/memberclusters/status:patch", "/namespaces:get",
		"/events:create", "apiextensions.k8s.io/customresourcedefinitions:get",
		// BenchmarkSchedules: create their runs, delete runs beyond the history limits and results beyond the window.
		"mapbench.io/benchmarkschedules:watch", "mapbench.io/benchmarkschedules/status:patch",
		"mapbench.io/benchmarkschedules/finalizers:update", "mapbench.io/benchmarkruns:create",
		"mapbench.io/benchmarkruns:delete", "mapbench.io/benchmarkresults:watch", "mapbench.io/benchmarkresults:delete",
	}
	for _, w := range wantCluster {
		if !cluster[w] {
			t.Errorf("ClusterRole lacks %s", w)
		}
	}
	for _, forbidden := range []string{"/secrets:get", "/secrets:list", "/configmaps:list", "/namespaces:list",
		"mapbench.io/memberclusters:delete", "mapbench.io/benchmarkschedules:create",
		"mapbench.io/benchmarkschedules:delete", "mapbench.io/benchmarkschedules:patch", "/events:patch",
		"batch/jobs:create", "/pods:create"} {
		if cluster[forbidden] {
			t.Errorf("ClusterRole grants %s cluster-wide; the operator does not need it", forbidden)
		}
	}
	for _, w := range []string{"/configmaps:watch", "/secrets:get"} {
		if !ns[w] {
			t.Errorf("namespace Role lacks %s", w)
		}
	}
	for _, forbidden := range []string{"/secrets:list", "/secrets:watch", "/configmaps:create", "/configmaps:update",
		"coordination.k8s.io/leases:create", "/events:create"} {
		if ns[forbidden] {
			t.Errorf("namespace Role grants %s by default", forbidden)
		}
	}
	cleanup := rules(findOne(t, objs, "ClusterRole", "-cleanup"))
	if len(cleanup) != 4 || !cleanup["mapbench.io/benchmarkruns:delete"] {
		t.Errorf("cleanup hook rules = %v, want get/list/watch/delete on benchmarkruns only", cleanup)
	}
}

func TestEdgeCases(t *testing.T) {
	alerts, _ := os.ReadFile(filepath.Join(repo, "deploy", "prometheus", "alerts.yaml"))
	var alertDoc struct {
		Groups []any `yaml:"groups"`
	}
	if err := yaml.Unmarshal(alerts, &alertDoc); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, objs []object)
	}{
		{"watchNamespaces: Roles only there, nothing cluster-wide for runs",
			[]string{"--set", "watchNamespaces={team-a,team-b}"},
			func(t *testing.T, objs []object) {
				cr := rules(findOne(t, objs, "ClusterRole", "mb-mapbench-operator"))
				if cr["mapbench.io/benchmarkruns:watch"] || cr["mapbench.io/benchmarkresults:create"] {
					t.Error("ClusterRole still grants runs/results cluster-wide")
				}
				var nss []string
				for _, r := range find(objs, "Role") {
					if strings.HasSuffix(str(r, "metadata", "name"), "-runs") {
						nss = append(nss, str(r, "metadata", "namespace"))
						if !rules(r)["mapbench.io/benchmarkruns/status:patch"] {
							t.Errorf("Role in %s lacks status patch", str(r, "metadata", "namespace"))
						}
					}
				}
				if fmt.Sprint(nss) != "[team-a team-b]" {
					t.Errorf("run Roles in %v, want [team-a team-b]", nss)
				}
				if got := envOf(t, objs)["QUARKUS_OPERATOR_SDK_CONTROLLERS_BENCHMARKRUN_NAMESPACES"]; got != "team-a,team-b" {
					t.Errorf("namespaces env = %q", got)
				}
			}},
		{"ServiceMonitor and PrometheusRule on: rule groups equal deploy/prometheus/alerts.yaml",
			[]string{"--set", "metrics.serviceMonitor.enabled=true", "--set", "metrics.prometheusRule.enabled=true"},
			func(t *testing.T, objs []object) {
				sm := findOne(t, objs, "ServiceMonitor", "mapbench-operator")
				if ep := get(sm, "spec", "endpoints").([]any)[0]; str(ep, "path") != "/q/metrics" {
					t.Errorf("ServiceMonitor path = %s", str(ep, "path"))
				}
				pr := findOne(t, objs, "PrometheusRule", "mapbench-operator")
				got, _ := yaml.Marshal(get(pr, "spec", "groups"))
				want, _ := yaml.Marshal(alertDoc.Groups)
				if string(got) != string(want) {
					t.Errorf("PrometheusRule groups differ from alerts.yaml:\n%s\nwant\n%s", got, want)
				}
			}},
		{"policy data override replaces the compiled data",
			[]string{"--set-json", `policy.data={"mapbench":{"limits":{"maxActiveRunsPerNamespace":1}}}`},
			func(t *testing.T, objs []object) {
				cm := findOne(t, objs, "ConfigMap", "-policy")
				if got := str(cm, "data", "data.json"); got != `{"mapbench":{"limits":{"maxActiveRunsPerNamespace":1}}}` {
					t.Errorf("data.json = %s", got)
				}
			}},
		{"policy disabled", []string{"--set", "policy.enabled=false"},
			func(t *testing.T, objs []object) {
				if envOf(t, objs)["MAPBENCH_POLICY_ENABLED"] != "false" {
					t.Error("MAPBENCH_POLICY_ENABLED not false")
				}
			}},
		{"leader election: lease rules limited to the lease name",
			[]string{"--set", "leaderElection.enabled=true", "--set", "leaderElection.leaseName=mb-lease"},
			func(t *testing.T, objs []object) {
				role := findOne(t, objs, "Role", "mb-mapbench-operator")
				r := rules(role)
				if !r["coordination.k8s.io/leases:create"] || !r["coordination.k8s.io/leases:update"] {
					t.Errorf("lease rules missing: %v", r)
				}
				for _, rule := range get(role, "rules").([]any) {
					if fmt.Sprint(get(rule, "verbs")) == "[get update patch]" && fmt.Sprint(get(rule, "resourceNames")) != "[mb-lease]" {
						t.Errorf("lease update not limited to the lease: %v", rule)
					}
				}
				if envOf(t, objs)["MAPBENCH_LEADER_ELECTION_LEASE_NAME"] != "mb-lease" {
					t.Error("lease name not passed to the operator")
				}
				if envOf(t, objs)["MAPBENCH_LEADER_ELECTION_ENABLED"] != "true" {
					t.Error("MAPBENCH_LEADER_ELECTION_ENABLED not true")
				}
			}},
		{"more than one replica turns leader election on by itself",
			[]string{"--set", "replicas=3"},
			func(t *testing.T, objs []object) {
				d := findOne(t, objs, "Deployment", "mapbench-operator")
				if got := get(d, "spec", "replicas"); got != 3 {
					t.Errorf("replicas = %v, want 3", got)
				}
				env := envOf(t, objs)
				if env["MAPBENCH_LEADER_ELECTION_ENABLED"] != "true" || env["MAPBENCH_LEADER_ELECTION_LEASE_NAME"] != "mapbench-operator-lease" {
					t.Errorf("leader election env = %q / %q", env["MAPBENCH_LEADER_ELECTION_ENABLED"], env["MAPBENCH_LEADER_ELECTION_LEASE_NAME"])
				}
				for _, name := range []string{"MAPBENCH_LEADER_ELECTION_LEASE_NAMESPACE", "MAPBENCH_LEADER_ELECTION_IDENTITY"} {
					if _, ok := env[name]; !ok {
						t.Errorf("%s (from the pod's fieldRef) missing", name)
					}
				}
				r := rules(findOne(t, objs, "Role", "mb-mapbench-operator"))
				if !r["coordination.k8s.io/leases:create"] || !r["coordination.k8s.io/leases:get"] || !r["coordination.k8s.io/leases:update"] {
					t.Errorf("lease rules missing: %v", r)
				}
			}},
		{"one replica: no leader election, no lease rules",
			nil,
			func(t *testing.T, objs []object) {
				if _, ok := envOf(t, objs)["MAPBENCH_LEADER_ELECTION_ENABLED"]; ok {
					t.Error("leader election on with one replica")
				}
				if r := rules(findOne(t, objs, "Role", "mb-mapbench-operator")); r["coordination.k8s.io/leases:create"] {
					t.Errorf("lease rules rendered with one replica: %v", r)
				}
			}},
		{"existing ServiceAccount, no RBAC, no dashboards, no cleanup hook, 0 replicas",
			[]string{"--set", "serviceAccount.create=false", "--set", "serviceAccount.name=preexisting", "--set", "rbac.create=false",
				"--set", "grafana.dashboards.enabled=false", "--set", "cleanupOnUninstall.enabled=false", "--set", "replicas=0"},
			func(t *testing.T, objs []object) {
				for _, kind := range []string{"ServiceAccount", "ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding", "Job"} {
					if n := len(find(objs, kind)); n != 0 {
						t.Errorf("%d %s rendered", n, kind)
					}
				}
				if n := len(find(objs, "ConfigMap")); n != 1 {
					t.Errorf("%d ConfigMaps rendered, want only the policy", n)
				}
				d := findOne(t, objs, "Deployment", "mapbench-operator")
				if str(d, "spec", "template", "spec", "serviceAccountName") != "preexisting" {
					t.Error("serviceAccountName not the given one")
				}
			}},
		{"dashboards in another namespace with a custom label",
			[]string{"--set", "grafana.dashboards.namespace=monitoring", "--set", "grafana.dashboards.label=dash", "--set", "grafana.dashboards.labelValue=yes"},
			func(t *testing.T, objs []object) {
				cm := findOne(t, objs, "ConfigMap", "dashboard-fleet-overview")
				if str(cm, "metadata", "namespace") != "monitoring" || str(cm, "metadata", "labels", "dash") != "yes" {
					t.Errorf("dashboard ConfigMap metadata = %v", get(cm, "metadata"))
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, mustRender(t, tc.args...)) })
	}
}

// TestBadValuesRejected: the schema (or a template check) refuses bad values and names the field.
func TestBadValuesRejected(t *testing.T) {
	tests := []struct {
		args []string
		want []string // substrings of helm's error
	}{
		{[]string{"--set", "replicas=4"}, []string{"/replicas", "maximum: got 4, want 3"}},
		{[]string{"--set", "replicas=-1"}, []string{"/replicas", "minimum: got -1, want 0"}},
		{[]string{"--set", "image.pullPolicy=Sometimes"}, []string{"/image/pullPolicy", "Always", "IfNotPresent"}},
		{[]string{"--set", "image.repository=Bad Repo"}, []string{"/image/repository", "does not match pattern"}},
		{[]string{"--set", "podSecurityContext.runAsNonRoot=false"}, []string{"/podSecurityContext/runAsNonRoot", "true"}},
		{[]string{"--set", "securityContext.allowPrivilegeEscalation=true"}, []string{"/securityContext/allowPrivilegeEscalation", "false"}},
		{[]string{"--set", "watchNamespaces={Team_A}"}, []string{"/watchNamespaces/0", "does not match pattern"}},
		{[]string{"--set", "operator.unreachableDeadline=soon"}, []string{"/operator/unreachableDeadline", "does not match pattern"}},
		{[]string{"--set", "operator.httpPort=80"}, []string{"/operator/httpPort", "want 1,024"}},
		{[]string{"--set", "resources.limits.cpu=lots"}, []string{"/resources/limits/cpu", "does not match pattern"}},
		{[]string{"--set", "operator.logLevel=LOUD"}, []string{"/operator/logLevel", "INFO"}},
		{[]string{"--set", "jvm.mallocArenaMax=-1"}, []string{"/jvm/mallocArenaMax", "minimum: got -1, want 0"}},
		{[]string{"--set", "replicaCount=2"}, []string{"additional properties", "replicaCount"}},
		{[]string{"--set-json", `policy.data={"limits":{}}`}, []string{"/policy/data", "missing property 'mapbench'"}},
		{[]string{"--set", "serviceAccount.create=false"}, []string{"serviceAccount.name is required"}},
		{[]string{"--set", "metrics.service.enabled=false", "--set", "metrics.serviceMonitor.enabled=true"},
			[]string{"metrics.serviceMonitor.enabled needs metrics.service.enabled=true"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			_, out, err := render(t, tc.args...)
			if err == nil {
				t.Fatalf("helm template accepted %v", tc.args)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("error does not mention %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestServerDryRun applies rendered manifests to a real API server (the local hub) with
// server-side dry-run: admission, schema and RBAC object validation by the real apiserver.
func TestServerDryRun(t *testing.T) {
	kc := os.Getenv("MAPBENCH_HUB_KUBECONFIG")
	kubectl := os.Getenv("KUBECTL")
	if kc == "" || kubectl == "" {
		t.Skip("MAPBENCH_HUB_KUBECONFIG/KUBECTL not set (helm/test/run.sh sets them when the local hub is up)")
	}
	// The release namespace must exist for namespaced objects to pass a server-side dry run, as
	// with `helm install --create-namespace`; a fresh hub does not have it.
	ns := exec.Command(kubectl, "--kubeconfig", kc, "apply", "-f", "-")
	ns.Stdin = strings.NewReader("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + releaseNamespace + "\n")
	if res, err := ns.CombinedOutput(); err != nil {
		t.Fatalf("creating namespace %s: %v\n%s", releaseNamespace, err, res)
	}
	for _, args := range [][]string{
		nil,
		{"--set", "watchNamespaces={default}", "--set", "leaderElection.enabled=true", "--set", "policy.enabled=false"},
		// PDB, NetworkPolicy with peers and egress, digest, pull secrets: the real API server's validation.
		{"--set", "replicas=2", "--set", "networkPolicy.enabled=true", "--set", "imagePullSecrets[0].name=regcred",
			"--set-json", `networkPolicy.metricsFrom=[{"namespaceSelector":{"matchLabels":{"name":"monitoring"}}}]`,
			"--set-json", `networkPolicy.egress=[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8"}}],"ports":[{"port":6443}]}]`,
			"--set", "image.digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		{"--set", "serviceAccount.create=false", "--set", "serviceAccount.name=x", "--set", "rbac.create=false"},
	} {
		_, out, err := render(t, args...)
		if err != nil {
			t.Fatalf("render %v: %v", args, err)
		}
		cmd := exec.Command(kubectl, "--kubeconfig", kc, "apply", "--dry-run=server", "-f", "-")
		cmd.Stdin = strings.NewReader(out)
		res, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("server dry-run %v failed: %v\n%s", args, err, res)
			continue
		}
		if n := strings.Count(string(res), "(server dry run)"); n < 5 {
			t.Errorf("server dry-run %v applied only %d objects:\n%s", args, n, res)
		}
	}
}
