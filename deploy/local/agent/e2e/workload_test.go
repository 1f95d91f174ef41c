//go:build e2e

package e2e

// The real benchmark workload (built by workload/build.sh) through the image map: the arm64
// build under qemu-user on the edge node, with the operator's contract (args only, GOMAXPROCS and
// GOMEMLIMIT from the limits, --termination-log at terminationMessagePath).

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// builtArm64Workload returns a Go version from workload/go-versions.txt whose arm64 build exists.
func builtArm64Workload(t *testing.T) string {
	f, err := os.Open(filepath.Join(env.repo, "workload/go-versions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v := strings.TrimSpace(sc.Text())
		if v == "" || strings.HasPrefix(v, "#") {
			continue
		}
		if _, err := os.Stat(filepath.Join(env.repo, "workload/bin/go"+v, "arm64/mapbench")); err == nil {
			return v
		}
	}
	t.Skip("no arm64 workload build under workload/bin (run workload/build.sh); the archprobe test covers emulation")
	return ""
}

func TestWorkloadSmokeOnEdgeUnderEmulation(t *testing.T) {
	const cluster = "edge-k3s-1"
	version := builtArm64Workload(t)
	ns := namespace(t, cluster)
	cs := env.clients[cluster]
	zero := int32(0)
	deadline := int64(300)
	res := corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1"), corev1.ResourceMemory: resource.MustParse("512Mi")}
	job := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "smoke", Namespace: ns},
		Spec: batchv1.JobSpec{BackoffLimit: &zero, ActiveDeadlineSeconds: &deadline, Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Tolerations:   []corev1.Toleration{edgeToleration},
			NodeSelector:  map[string]string{"kubernetes.io/arch": "arm64"},
			Containers: []corev1.Container{{
				Name: "mapbench", Image: "ghcr.io/example/mapbench-workload:go" + version,
				Args: []string{"run", "--suite", "smoke", "--termination-log", "/dev/termination-log"},
				Env: []corev1.EnvVar{
					{Name: "GOMAXPROCS", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu"}}},
					{Name: "GOMEMLIMIT", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.memory"}}},
					{Name: "NODE_NAME", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "spec.nodeName"}}},
				},
				Resources: corev1.ResourceRequirements{Requests: res, Limits: res},
			}},
		}}},
	}
	if _, err := cs.BatchV1().Jobs(ns).Create(ctx, job, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var pod corev1.Pod
	waitFor(t, 280*time.Second, "workload pod terminal", func() (bool, error) {
		pods, err := cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: "job-name=smoke"})
		if err != nil || len(pods.Items) == 0 {
			return false, err
		}
		pod = pods.Items[0]
		return terminal(&pod), nil
	})
	t.Logf("go%s arm64 smoke suite under qemu-user took %.0fs", version, time.Since(start).Seconds())
	out := podLog(t, cluster, ns, pod.Name, &corev1.PodLogOptions{})
	if pod.Status.Phase != corev1.PodSucceeded {
		t.Fatalf("workload pod %s: %+v\n%s", pod.Status.Phase, pod.Status.ContainerStatuses[0].State, tail(out, 3000))
	}
	for _, want := range []string{"goarch: arm64", "--- BEGIN mapbench.io/result/v1 ---", `"emulation":"qemu-user"`, "--- END mapbench.io/result/v1 ---"} {
		if !strings.Contains(out, want) {
			t.Errorf("workload output lacks %q:\n%s", want, tail(out, 3000))
		}
	}
	if msg := pod.Status.ContainerStatuses[0].State.Terminated.Message; msg == "" {
		t.Error("the workload's termination message (--termination-log) did not reach the container status")
	}
}
