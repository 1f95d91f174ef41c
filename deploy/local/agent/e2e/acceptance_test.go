//go:build e2e

package e2e

// Acceptance tests of issue 2 (items 3 and 4) against real clusters.

import (
	"context"
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

var ctx = context.Background()

func TestEdgeJobRunsArm64ProcessUnderEmulation(t *testing.T) {
	const cluster = "edge-k3s-1"
	ns := namespace(t, cluster)
	cs := env.clients[cluster]
	one := int32(0)
	cpu := resource.MustParse("1")
	mem := resource.MustParse("128Mi")
	job := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "probe", Namespace: ns},
		Spec: batchv1.JobSpec{BackoffLimit: &one, Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Tolerations:   []corev1.Toleration{edgeToleration},
			Containers: []corev1.Container{{
				Name: "probe", Image: "mapbench.local/archprobe:v1",
				Args: []string{"--message", "probe done", "--termination-log", "/dev/termination-log", "--print-env", "GOMAXPROCS,GOMEMLIMIT", "hello from $(POD_NAME)"},
				Env: []corev1.EnvVar{
					{Name: "POD_NAME", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}},
					{Name: "GOMAXPROCS", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu"}}},
					{Name: "GOMEMLIMIT", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.memory"}}},
				},
				Resources: corev1.ResourceRequirements{
					Requests: corev1.ResourceList{corev1.ResourceCPU: cpu, corev1.ResourceMemory: mem},
					Limits:   corev1.ResourceList{corev1.ResourceCPU: cpu, corev1.ResourceMemory: mem},
				},
			}},
		}}},
	}
	if _, err := cs.BatchV1().Jobs(ns).Create(ctx, job, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 90*time.Second, "Job Complete", func() (bool, error) {
		j, err := cs.BatchV1().Jobs(ns).Get(ctx, "probe", metav1.GetOptions{})
		if err != nil {
			return false, err
		}
		for _, c := range j.Status.Conditions {
			if c.Type == batchv1.JobFailed && c.Status == corev1.ConditionTrue {
				t.Fatalf("Job failed: %s: %s", c.Reason, c.Message)
			}
			if c.Type == batchv1.JobComplete && c.Status == corev1.ConditionTrue {
				return true, nil
			}
		}
		return false, nil
	})
	pods, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: "job-name=probe"})
	if err != nil || len(pods.Items) != 1 {
		t.Fatalf("pods of the Job: %v %v", pods, err)
	}
	pod := pods.Items[0]
	if pod.Spec.NodeName != "edge-k3s-1-node-1" || pod.Status.Phase != corev1.PodSucceeded {
		t.Fatalf("pod on %q phase %s, want edge-k3s-1-node-1 Succeeded", pod.Spec.NodeName, pod.Status.Phase)
	}
	term := pod.Status.ContainerStatuses[0].State.Terminated
	if term == nil || term.ExitCode != 0 || term.Reason != "Completed" || term.Message != "probe done" || term.FinishedAt.IsZero() {
		t.Fatalf("terminated state %+v", term)
	}
	// Output through kubectl logs (API server -> kubelet log endpoint of the agent).
	out, err := kubectl(t, cluster, "-n", ns, "logs", "job/probe")
	if err != nil {
		t.Fatalf("kubectl logs: %v\n%s", err, out)
	}
	for _, want := range []string{
		"archprobe goarch=arm64 uname-machine=aarch64 emulation=\"qemu-user\"", // a real arm64 process, emulated
		"arg hello from " + pod.Name, // $(VAR) expansion in args
		"env GOMAXPROCS=1",           // resourceFieldRef limits.cpu
		"env GOMEMLIMIT=134217728",   // resourceFieldRef limits.memory
	} {
		if !strings.Contains(out, want) {
			t.Errorf("kubectl logs lacks %q:\n%s", want, out)
		}
	}
	// Log options through the API (what Fabric8 getLog() uses).
	two := int64(2)
	if got := podLog(t, cluster, ns, pod.Name, &corev1.PodLogOptions{TailLines: &two}); got != "env GOMAXPROCS=1\nenv GOMEMLIMIT=134217728\n" {
		t.Errorf("tailLines=2 gave %q", got)
	}
	ten := int64(10)
	if got := podLog(t, cluster, ns, pod.Name, &corev1.PodLogOptions{LimitBytes: &ten}); got != "archprobe " {
		t.Errorf("limitBytes=10 gave %q", got)
	}
	if got := podLog(t, cluster, ns, pod.Name, &corev1.PodLogOptions{Timestamps: true, TailLines: &two}); !strings.Contains(got, "Z env GOMAXPROCS=1") {
		t.Errorf("timestamps gave %q", got)
	}
	if _, err := cs.CoreV1().Pods(ns).GetLogs(pod.Name, &corev1.PodLogOptions{Previous: true}).DoRaw(ctx); err == nil {
		t.Error("previous=true for a container that never restarted must fail")
	}
}

func TestFailingCommandGivesFailedPodWithExitCodeAndMessage(t *testing.T) {
	const cluster = "edge-k3s-1"
	ns := namespace(t, cluster)
	probe := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "fails", Namespace: ns},
		Spec: corev1.PodSpec{RestartPolicy: corev1.RestartPolicyNever, Tolerations: []corev1.Toleration{edgeToleration},
			Containers: []corev1.Container{{Name: "probe", Image: "mapbench.local/archprobe",
				Args: []string{"--exit", "3", "--message", "error: sizes: must be positive"}}}},
	}
	createPod(t, cluster, probe)
	fromLogs := shellPod(ns, "fallback", "echo starting; echo 'boom: disk on fire' >&2; exit 7")
	fromLogs.Spec.Tolerations = []corev1.Toleration{edgeToleration}
	fromLogs.Spec.Containers[0].TerminationMessagePolicy = corev1.TerminationMessageFallbackToLogsOnError
	createPod(t, cluster, fromLogs)

	cases := []struct {
		name     string
		exitCode int32
		message  string
	}{
		{"fails", 3, "error: sizes: must be positive"},
		{"fallback", 7, "boom: disk on fire"},
	}
	for _, c := range cases {
		p := waitPod(t, cluster, ns, c.name, 60*time.Second, "terminal", terminal)
		if p.Status.Phase != corev1.PodFailed {
			t.Errorf("%s: phase %s, want Failed", c.name, p.Status.Phase)
			continue
		}
		term := p.Status.ContainerStatuses[0].State.Terminated
		if term == nil || term.ExitCode != c.exitCode || term.Reason != "Error" || !strings.Contains(term.Message, c.message) {
			t.Errorf("%s: terminated %+v, want exit %d reason Error message containing %q", c.name, term, c.exitCode, c.message)
		}
		if ready(p) {
			t.Errorf("%s: a finished pod must not be Ready", c.name)
		}
	}
}

func TestPodWithoutTolerationIsNotScheduledOnEdge(t *testing.T) {
	const cluster = "edge-k3s-1"
	ns := namespace(t, cluster)
	createPod(t, cluster, shellPod(ns, "no-toleration", "echo should never run"))
	p := waitPod(t, cluster, ns, "no-toleration", 30*time.Second, "PodScheduled=False", func(p *corev1.Pod) bool {
		for _, c := range p.Status.Conditions {
			if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse {
				return true
			}
		}
		return false
	})
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodScheduled && (c.Reason != "Unschedulable" || !strings.Contains(c.Message, "untolerated taint")) {
			t.Errorf("PodScheduled %s: %s, want Unschedulable because of an untolerated taint", c.Reason, c.Message)
		}
	}
	time.Sleep(2 * time.Second)
	p, _ = env.clients[cluster].CoreV1().Pods(ns).Get(ctx, "no-toleration", metav1.GetOptions{})
	if p.Spec.NodeName != "" || p.Status.Phase != corev1.PodPending {
		t.Fatalf("pod bound to %q phase %s", p.Spec.NodeName, p.Status.Phase)
	}
}

func TestPDBBlocksEvictionOfRunningJobPod(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	cs := env.clients[cluster]
	zero := int32(0)
	job := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "guarded", Namespace: ns},
		Spec: batchv1.JobSpec{BackoffLimit: &zero, Template: corev1.PodTemplateSpec{
			ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"run": "guarded"}},
			Spec: corev1.PodSpec{RestartPolicy: corev1.RestartPolicyNever, Containers: []corev1.Container{{
				Name: "main", Image: "mapbench.local/shell", Args: []string{"sleep 12"}}}},
		}},
	}
	if _, err := cs.BatchV1().Jobs(ns).Create(ctx, job, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	minAvailable := intstr.FromInt32(1)
	pdb := &policyv1.PodDisruptionBudget{
		ObjectMeta: metav1.ObjectMeta{Name: "guarded", Namespace: ns},
		Spec: policyv1.PodDisruptionBudgetSpec{MinAvailable: &minAvailable,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"run": "guarded"}}},
	}
	if _, err := cs.PolicyV1().PodDisruptionBudgets(ns).Create(ctx, pdb, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	var podName string
	waitFor(t, 30*time.Second, "Job pod Ready", func() (bool, error) {
		pods, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: "run=guarded"})
		if err != nil || len(pods.Items) == 0 {
			return false, err
		}
		podName = pods.Items[0].Name
		return ready(&pods.Items[0]), nil
	})
	var got *policyv1.PodDisruptionBudget
	waitFor(t, 20*time.Second, "PDB currentHealthy 1", func() (bool, error) {
		p, err := cs.PolicyV1().PodDisruptionBudgets(ns).Get(ctx, "guarded", metav1.GetOptions{})
		got = p
		return err == nil && p.Status.CurrentHealthy == 1 && p.Status.ObservedGeneration == p.Generation, err
	})
	if got.Status.DisruptionsAllowed != 0 || got.Status.DesiredHealthy != 1 {
		t.Errorf("PDB status %+v", got.Status)
	}
	var cond *metav1.Condition
	for i := range got.Status.Conditions {
		if got.Status.Conditions[i].Type == policyv1.DisruptionAllowedCondition {
			cond = &got.Status.Conditions[i]
		}
	}
	if cond == nil || cond.Status != metav1.ConditionFalse || cond.Reason != policyv1.InsufficientPodsReason {
		t.Errorf("DisruptionAllowed condition %+v, want False/InsufficientPods", cond)
	}
	err := cs.CoreV1().Pods(ns).EvictV1(ctx, &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: podName, Namespace: ns}})
	if !apierrors.IsTooManyRequests(err) {
		t.Fatalf("eviction: %v, want HTTP 429 Too Many Requests", err)
	}
	waitFor(t, 40*time.Second, "PDB currentHealthy 0 after the pod ended", func() (bool, error) {
		p, err := cs.PolicyV1().PodDisruptionBudgets(ns).Get(ctx, "guarded", metav1.GetOptions{})
		return err == nil && p.Status.CurrentHealthy == 0, err
	})
	p, _ := cs.CoreV1().Pods(ns).Get(ctx, podName, metav1.GetOptions{})
	if p.Status.Phase != corev1.PodSucceeded {
		t.Errorf("evicted-refused pod ended %s, want Succeeded (it was never evicted)", p.Status.Phase)
	}
}

func TestServiceAccountPodReadsAPIWithinRBAC(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	cs := env.clients[cluster]
	if _, err := cs.CoreV1().ServiceAccounts(ns).Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "reader"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.RbacV1().Roles(ns).Create(ctx, &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "pod-reader"},
		Rules: []rbacv1.PolicyRule{{APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"get", "list"}}}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.RbacV1().RoleBindings(ns).Create(ctx, &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Name: "reader"},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: "pod-reader"},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: "reader", Namespace: ns}}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	// Raw HTTP with exactly the files and variables Fabric8's in-cluster configuration reads
	// (KUBERNETES_SERVICE_HOST/PORT, kubernetes.auth.serviceAccount.token, kubernetes.certs.ca.file,
	// kubenamespace), then kubectl through the KUBECONFIG the agent writes for client-go.
	script := `set -u
api="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"
auth="Authorization: Bearer $(cat "$KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN")"
ns="$(cat "$KUBENAMESPACE")"
echo "namespace=$ns"
echo "pods=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$KUBERNETES_CERTS_CA_FILE" -H "$auth" "$api/api/v1/namespaces/$ns/pods")"
echo "secrets=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$KUBERNETES_CERTS_CA_FILE" -H "$auth" "$api/api/v1/namespaces/$ns/secrets")"
KUBECTL get pods -o name && echo kubectl-pods=ok
KUBECTL get secrets 2>&1 | sed 's/^/kubectl-secrets: /'
`
	script = strings.ReplaceAll(script, "KUBECTL", env.kube+" kubectl")
	p := shellPod(ns, "sa-client", script)
	p.Spec.ServiceAccountName = "reader"
	createPod(t, cluster, p)
	p = waitPod(t, cluster, ns, "sa-client", 60*time.Second, "terminal", terminal)
	out := podLog(t, cluster, ns, "sa-client", &corev1.PodLogOptions{})
	for _, want := range []string{
		"namespace=" + ns,
		"pods=200",
		"secrets=403",
		"pod/sa-client",
		"kubectl-pods=ok",
		`kubectl-secrets: Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:` + ns + `:reader" cannot list resource "secrets"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if p.Status.Phase != corev1.PodSucceeded {
		t.Errorf("phase %s", p.Status.Phase)
	}

	// automountServiceAccountToken: false -> no credentials, no variables.
	no := false
	q := shellPod(ns, "no-token", `echo "token=${KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN:-none}"`)
	q.Spec.AutomountServiceAccountToken = &no
	createPod(t, cluster, q)
	waitPod(t, cluster, ns, "no-token", 60*time.Second, "terminal", terminal)
	if out := podLog(t, cluster, ns, "no-token", &corev1.PodLogOptions{}); out != "token=none\n" {
		t.Errorf("pod without automount got %q", out)
	}
}
