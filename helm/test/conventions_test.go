package charttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// podSpecs returns every pod template the chart renders (operator, cleanup hook, test pod).
func podSpecs(t *testing.T, objs []object) map[string]any {
	t.Helper()
	pods := map[string]any{}
	for _, o := range objs {
		switch o["kind"] {
		case "Deployment", "Job":
			pods[o["kind"].(string)] = get(o, "spec", "template", "spec")
		case "Pod":
			pods["Pod"] = get(o, "spec")
		}
	}
	if len(pods) != 3 {
		t.Fatalf("pods rendered: %v, want Deployment, Job and Pod", pods)
	}
	return pods
}

// TestCleanupHonoursWatchNamespaces: the uninstall hook deletes runs only where this release's
// operator reconciles them, with permissions only there (it deleted runs in all namespaces).
func TestCleanupHonoursWatchNamespaces(t *testing.T) {
	objs := mustRender(t, "--set", "watchNamespaces={team-a,team-b}")
	job := findOne(t, objs, "Job", "-cleanup")
	var nss []string
	for _, c := range get(job, "spec", "template", "spec", "containers").([]any) {
		args := fmt.Sprint(get(c, "args"))
		if strings.Contains(args, "--all-namespaces") {
			t.Errorf("cleanup container %s deletes in all namespaces: %s", str(c, "name"), args)
		}
		for _, a := range get(c, "args").([]any) {
			if ns, ok := strings.CutPrefix(a.(string), "--namespace="); ok {
				nss = append(nss, ns)
			}
		}
	}
	if fmt.Sprint(nss) != "[team-a team-b]" {
		t.Errorf("cleanup deletes runs in %v, want [team-a team-b]", nss)
	}
	for _, o := range find(objs, "ClusterRole") {
		if strings.HasSuffix(str(o, "metadata", "name"), "-cleanup") {
			t.Error("cleanup hook still has a ClusterRole with watchNamespaces set")
		}
	}
	var roleNss []string
	for _, r := range find(objs, "Role") {
		if strings.HasSuffix(str(r, "metadata", "name"), "-cleanup") {
			roleNss = append(roleNss, str(r, "metadata", "namespace"))
			if got := rules(r); len(got) != 4 || !got["mapbench.io/benchmarkruns:delete"] {
				t.Errorf("cleanup Role rules = %v", got)
			}
		}
	}
	if fmt.Sprint(roleNss) != "[team-a team-b]" {
		t.Errorf("cleanup Roles in %v, want [team-a team-b]", roleNss)
	}

	// Watching all namespaces: the release's runs are everywhere.
	all := findOne(t, mustRender(t), "Job", "-cleanup")
	if !strings.Contains(fmt.Sprint(get(all, "spec", "template", "spec", "containers")), "--all-namespaces") {
		t.Error("with watchNamespaces empty the cleanup must delete runs in every namespace")
	}
}

// TestCleanupIsAnArgoCDPreDeleteHook: the same objects run as Helm pre-delete and Argo CD
// PreDelete hooks, in the same order.
func TestCleanupIsAnArgoCDPreDeleteHook(t *testing.T) {
	objs := mustRender(t)
	n := 0
	for _, o := range objs {
		if str(o, "metadata", "labels", "app.kubernetes.io/component") != "cleanup" {
			continue
		}
		n++
		an := get(o, "metadata", "annotations")
		if str(an, "helm.sh/hook") != "pre-delete" || str(an, "argocd.argoproj.io/hook") != "PreDelete" {
			t.Errorf("%s %s: hooks %v", o["kind"], str(o, "metadata", "name"), an)
		}
		if str(an, "helm.sh/hook-weight") != str(an, "argocd.argoproj.io/sync-wave") {
			t.Errorf("%s: Helm weight and Argo CD wave differ: %v", o["kind"], an)
		}
	}
	if n != 4 {
		t.Errorf("%d cleanup objects, want ServiceAccount, ClusterRole, ClusterRoleBinding, Job", n)
	}
}

// TestPullSecretsAndSchedulingOnEveryPod: a private registry or a dedicated node pool applies
// to the hook and test pods too, not only to the operator.
func TestPullSecretsAndSchedulingOnEveryPod(t *testing.T) {
	objs := mustRender(t, "--set", "imagePullSecrets[0].name=regcred", "--set", "nodeSelector.pool=platform",
		"--set", "tolerations[0].key=dedicated", "--set", "tolerations[0].operator=Exists",
		"--set-json", `affinity={"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"arch","operator":"In","values":["amd64"]}]}]}}}`)
	for kind, pod := range podSpecs(t, objs) {
		if fmt.Sprint(get(pod, "imagePullSecrets")) != "[map[name:regcred]]" {
			t.Errorf("%s: imagePullSecrets = %v", kind, get(pod, "imagePullSecrets"))
		}
		if str(pod, "nodeSelector", "pool") != "platform" {
			t.Errorf("%s: nodeSelector = %v", kind, get(pod, "nodeSelector"))
		}
		if !strings.Contains(fmt.Sprint(get(pod, "tolerations")), "dedicated") {
			t.Errorf("%s: tolerations = %v", kind, get(pod, "tolerations"))
		}
		if get(pod, "affinity", "nodeAffinity") == nil {
			t.Errorf("%s: affinity = %v", kind, get(pod, "affinity"))
		}
	}
}

// TestDisruptionBudgetAndStrategy: more than one replica gets a PodDisruptionBudget; with a lease
// the Deployment rolls (the new pod stands by), without one it recreates.
func TestDisruptionBudgetAndStrategy(t *testing.T) {
	strategy := func(objs []object) string {
		return str(findOne(t, objs, "Deployment", "mapbench-operator"), "spec", "strategy", "type")
	}
	one := mustRender(t)
	if len(find(one, "PodDisruptionBudget")) != 0 || strategy(one) != "Recreate" {
		t.Errorf("one replica: %d PDBs, strategy %s; want none and Recreate", len(find(one, "PodDisruptionBudget")), strategy(one))
	}
	two := mustRender(t, "--set", "replicas=2")
	pdb := findOne(t, two, "PodDisruptionBudget", "mapbench-operator")
	if get(pdb, "spec", "minAvailable") != 1 || str(pdb, "spec", "selector", "matchLabels", "app.kubernetes.io/component") != "operator" {
		t.Errorf("PDB spec = %v", get(pdb, "spec"))
	}
	if strategy(two) != "RollingUpdate" {
		t.Errorf("replicas=2 strategy = %s, want RollingUpdate", strategy(two))
	}
	if s := strategy(mustRender(t, "--set", "leaderElection.enabled=true")); s != "RollingUpdate" {
		t.Errorf("leader election with one replica: strategy %s, want RollingUpdate", s)
	}
	if len(find(mustRender(t, "--set", "replicas=2", "--set", "podDisruptionBudget.enabled=false"), "PodDisruptionBudget")) != 0 {
		t.Error("PDB rendered although disabled")
	}
	_, out, err := render(t, "--set", "replicas=2", "--set", "podDisruptionBudget.minAvailable=2")
	if err == nil || !strings.Contains(out, "podDisruptionBudget.minAvailable (2) must be less than replicas (2)") {
		t.Errorf("minAvailable = replicas accepted or unclear: %v\n%s", err, out)
	}
}

// TestImageByTagOrDigest: the schema accepts a digest (it rejected them) and the image reference
// uses it.
func TestImageByTagOrDigest(t *testing.T) {
	const digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	image := func(args ...string) string {
		d := findOne(t, mustRender(t, args...), "Deployment", "mapbench-operator")
		return str(get(d, "spec", "template", "spec", "containers").([]any)[0], "image")
	}
	if got := image("--set", "image.digest="+digest); got != "ghcr.io/mapbench/mapbench-operator@"+digest {
		t.Errorf("by digest: %s", got)
	}
	if got := image("--set", "image.digest="+digest, "--set", "image.tag=0.1.0"); got != "ghcr.io/mapbench/mapbench-operator:0.1.0@"+digest {
		t.Errorf("by tag and digest: %s", got)
	}
	_, out, err := render(t, "--set", "image.digest=sha256:xyz")
	if err == nil || !strings.Contains(out, "/image/digest") {
		t.Errorf("a bad digest was accepted or the error does not name the field: %s", out)
	}
}

// TestDefaultImagesArePullable: no default image points at the local clusters' mapbench.local.
func TestDefaultImagesArePullable(t *testing.T) {
	objs := mustRender(t)
	for kind, pod := range podSpecs(t, objs) {
		for _, c := range get(pod, "containers").([]any) {
			if strings.HasPrefix(str(c, "image"), "mapbench.local/") {
				t.Errorf("%s: default image %s exists only on the local clusters", kind, str(c, "image"))
			}
		}
	}
	if env := envOf(t, objs); strings.HasPrefix(env["MAPBENCH_IMAGE_REPOSITORY"], "mapbench.local") {
		t.Errorf("default workload repository %s exists only on the local clusters", env["MAPBENCH_IMAGE_REPOSITORY"])
	}
}

// TestTenantRoles: mapbench-view/-edit aggregate into the built-in roles, view reads only, edit
// manages runs but never results' contents or MemberClusters.
func TestTenantRoles(t *testing.T) {
	objs := mustRender(t)
	view := findOne(t, objs, "ClusterRole", "mapbench-view")
	edit := findOne(t, objs, "ClusterRole", "mapbench-edit")
	if str(view, "metadata", "labels", "rbac.authorization.k8s.io/aggregate-to-view") != "true" {
		t.Error("mapbench-view does not aggregate to view")
	}
	for _, l := range []string{"aggregate-to-edit", "aggregate-to-admin"} {
		if str(edit, "metadata", "labels", "rbac.authorization.k8s.io/"+l) != "true" {
			t.Errorf("mapbench-edit lacks %s", l)
		}
	}
	for rule := range rules(view) {
		if !strings.HasSuffix(rule, ":get") && !strings.HasSuffix(rule, ":list") && !strings.HasSuffix(rule, ":watch") {
			t.Errorf("mapbench-view grants %s", rule)
		}
	}
	e := rules(edit)
	for _, want := range []string{"mapbench.io/benchmarkruns:create", "mapbench.io/benchmarkruns:delete", "mapbench.io/benchmarkresults:list",
		"mapbench.io/benchmarkschedules:create", "mapbench.io/benchmarkschedules:patch", "mapbench.io/benchmarkschedules/status:get"} {
		if !e[want] {
			t.Errorf("mapbench-edit lacks %s", want)
		}
	}
	for rule := range e {
		if strings.Contains(rule, "memberclusters") || strings.HasPrefix(rule, "mapbench.io/benchmarkresults:create") ||
			strings.HasPrefix(rule, "mapbench.io/benchmarkruns/status:patch") {
			t.Errorf("mapbench-edit grants %s (the operator's or the platform team's)", rule)
		}
	}
	if n := len(mustRender(t, "--set", "rbac.userRoles.create=false")); n != len(objs)-2 {
		t.Errorf("userRoles.create=false removed %d objects, want the 2 ClusterRoles", len(objs)-n)
	}
}

// TestNetworkPolicy: opt-in; ingress only to the HTTP port; the test pod may always reach it;
// egress restricted only when rules are given, DNS then included.
func TestNetworkPolicy(t *testing.T) {
	np := findOne(t, mustRender(t, "--set", "networkPolicy.enabled=true"), "NetworkPolicy", "mapbench-operator")
	if fmt.Sprint(get(np, "spec", "policyTypes")) != "[Ingress]" {
		t.Errorf("policyTypes = %v, want [Ingress]", get(np, "spec", "policyTypes"))
	}
	in := get(np, "spec", "ingress").([]any)
	if len(in) != 1 || fmt.Sprint(get(in[0], "ports")) != "[map[port:http protocol:TCP]]" || get(in[0], "from") != nil {
		t.Errorf("ingress = %v, want the http port from anywhere", in)
	}
	np = findOne(t, mustRender(t, "--set", "networkPolicy.enabled=true",
		"--set-json", `networkPolicy.metricsFrom=[{"namespaceSelector":{"matchLabels":{"name":"monitoring"}}}]`,
		"--set-json", `networkPolicy.egress=[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8"}}],"ports":[{"port":6443}]}]`), "NetworkPolicy", "mapbench-operator")
	from := fmt.Sprint(get(get(np, "spec", "ingress").([]any)[0], "from"))
	if !strings.Contains(from, "monitoring") || !strings.Contains(from, "component:test") {
		t.Errorf("ingress from = %s, want the given peers and the test pod", from)
	}
	eg := fmt.Sprint(get(np, "spec", "egress"))
	if fmt.Sprint(get(np, "spec", "policyTypes")) != "[Ingress Egress]" || !strings.Contains(eg, "port:53") || !strings.Contains(eg, "10.0.0.0/8") {
		t.Errorf("egress = %s (policyTypes %v)", eg, get(np, "spec", "policyTypes"))
	}
}

// TestArtifactHubAnnotations: the Chart.yaml metadata parses and matches what the chart ships.
func TestArtifactHubAnnotations(t *testing.T) {
	var chartYAML struct {
		AppVersion  string            `yaml:"appVersion"`
		Annotations map[string]string `yaml:"annotations"`
	}
	b, _ := os.ReadFile(filepath.Join(chart, "Chart.yaml"))
	if err := yaml.Unmarshal(b, &chartYAML); err != nil {
		t.Fatal(err)
	}
	var crds []struct{ Kind, Version, Name, DisplayName, Description string }
	if err := yaml.Unmarshal([]byte(chartYAML.Annotations["artifacthub.io/crds"]), &crds); err != nil {
		t.Fatalf("artifacthub.io/crds: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(chart, "crds", "*.yml"))
	if len(crds) != len(files) {
		t.Errorf("artifacthub.io/crds lists %d CRDs, the chart has %d", len(crds), len(files))
	}
	for _, c := range crds {
		if _, err := os.Stat(filepath.Join(chart, "crds", c.Name+"-v1.yml")); err != nil || c.Description == "" {
			t.Errorf("artifacthub.io/crds entry %+v has no CRD file or no description", c)
		}
	}
	var images []struct{ Name, Image string }
	if err := yaml.Unmarshal([]byte(chartYAML.Annotations["artifacthub.io/images"]), &images); err != nil {
		t.Fatalf("artifacthub.io/images: %v", err)
	}
	listed := map[string]bool{}
	for _, i := range images {
		listed[i.Image] = true
	}
	for kind, pod := range podSpecs(t, mustRender(t)) {
		for _, c := range get(pod, "containers").([]any) {
			if !listed[str(c, "image")] {
				t.Errorf("%s image %s missing from artifacthub.io/images", kind, str(c, "image"))
			}
		}
	}
	var examples []map[string]any
	if err := yaml.Unmarshal([]byte(chartYAML.Annotations["artifacthub.io/crdsExamples"]), &examples); err != nil || len(examples) == 0 {
		t.Errorf("artifacthub.io/crdsExamples: %v", err)
	}
	for _, k := range []string{"artifacthub.io/operator", "artifacthub.io/operatorCapabilities", "artifacthub.io/changes", "artifacthub.io/links"} {
		if chartYAML.Annotations[k] == "" {
			t.Errorf("annotation %s missing", k)
		}
	}
}

// TestServiceMonitorJobMatchesTheRules: the ServiceMonitor's job label is the one every alert
// and dashboard selects, and run namespaces survive the scrape.
func TestServiceMonitorJobMatchesTheRules(t *testing.T) {
	objs := mustRender(t, "--set", "metrics.serviceMonitor.enabled=true")
	sm := findOne(t, objs, "ServiceMonitor", "mapbench-operator")
	label := str(sm, "spec", "jobLabel")
	svc := findOne(t, objs, "Service", "-metrics")
	job := str(svc, "metadata", "labels", label)
	alerts, _ := os.ReadFile(filepath.Join(repo, "deploy", "prometheus", "alerts.yaml"))
	if job == "" || !strings.Contains(string(alerts), `job="`+job+`"`) {
		t.Errorf("ServiceMonitor job = %q (label %q); the alerts select another job", job, label)
	}
	if get(get(sm, "spec", "endpoints").([]any)[0], "honorLabels") != true {
		t.Error("honorLabels off: Prometheus would overwrite the runs' namespace label with the operator's")
	}
}

// TestEveryValueDocumented: the README's values table (generated by helm-docs from values.yaml)
// has a description for every value.
func TestEveryValueDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(chart, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 6 || strings.HasPrefix(line, "| Key") || strings.HasPrefix(line, "|--") {
			continue
		}
		rows++
		if strings.TrimSpace(cells[4]) == "" {
			t.Errorf("value %s has no description: add a \"# --\" comment in values.yaml and run hack/gen-chart-docs.sh", strings.TrimSpace(cells[1]))
		}
	}
	if rows < 45 {
		t.Errorf("README documents %d values, want every value (at least 45)", rows)
	}
}
