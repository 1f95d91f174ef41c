//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

// env is the isolated set of clusters shared by all tests of the package.
var env struct {
	repo     string
	stateDir string
	base     int
	kube     string // multi-call binary: kube kubectl ...
	clients  map[string]kubernetes.Interface
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	root, _ := filepath.Abs(filepath.Join(filepath.Dir(file), "..", "..", "..", ".."))
	return root
}

// freePortBase finds a 100-port slot (as deploy/local/clusters lays them out) whose first 30
// ports are free, so the tests never touch the checkout's own clusters.
func freePortBase() (int, error) {
	for try := 0; try < 50; try++ {
		base := 10000 + rand.IntN(220)*100
		free := true
		for port := base; port < base+30 && free; port++ {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
			if err != nil {
				free = false
				continue
			}
			l.Close()
		}
		if free {
			return base, nil
		}
	}
	return 0, fmt.Errorf("no free port slot")
}

func clustersCmd(args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(env.repo, "deploy/local/clusters"), args...)
	cmd.Env = append(os.Environ(), "MAPBENCH_CLUSTERS_DIR="+env.stateDir, "MAPBENCH_PORT_BASE="+strconv.Itoa(env.base))
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestMain(m *testing.M) {
	os.Exit(setupAndRun(m))
}

func setupAndRun(m *testing.M) int {
	env.repo = repoRoot()
	if _, err := exec.LookPath("qemu-aarch64-static"); err != nil {
		if _, err := exec.LookPath("qemu-aarch64"); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: qemu-aarch64(-static) is missing: run deploy/local/agent/provision-qemu.sh first")
			return 1
		}
	}
	out, err := exec.Command("bash", filepath.Join(env.repo, "deploy/local/kube/build.sh")).Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: deploy/local/kube/build.sh: %v\n", err)
		return 1
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	env.kube = lines[len(lines)-1]
	// Another checkout's tests may take ports of a slot between the check and `up`: try another.
	for attempt := 1; ; attempt++ {
		if env.base, err = freePortBase(); err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
		// Outside the test's temp dirs: etcd may still flush while they are removed.
		if env.stateDir, err = os.MkdirTemp("", "mapbench-agent-e2e-"); err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
		start := time.Now()
		upOut, upErr := clustersCmd("up", "hub", "edge-k3s-1")
		fmt.Fprintf(os.Stderr, "e2e: clusters up hub edge-k3s-1 (state %s, ports %d+) in %.1fs\n%s", env.stateDir, env.base, time.Since(start).Seconds(), upOut)
		if upErr == nil {
			break
		}
		fmt.Fprintf(os.Stderr, "e2e: clusters up failed: %v\n", upErr)
		for _, c := range []string{"hub", "edge-k3s-1"} {
			log, _ := os.ReadFile(filepath.Join(env.stateDir, c, "logs", "node-agent.log"))
			fmt.Fprintf(os.Stderr, "--- %s node-agent.log ---\n%s\n", c, log)
		}
		downOut, _ := clustersCmd("down")
		fmt.Fprint(os.Stderr, downOut)
		os.RemoveAll(env.stateDir)
		if !strings.Contains(upOut, "is taken") || attempt == 3 {
			return 1
		}
	}
	defer func() {
		downOut, derr := clustersCmd("down")
		fmt.Fprintf(os.Stderr, "e2e: clusters down: %v\n%s", derr, downOut)
		if os.Getenv("MAPBENCH_E2E_KEEP") == "" {
			os.RemoveAll(env.stateDir)
		}
	}()
	env.clients = map[string]kubernetes.Interface{}
	for _, c := range []string{"hub", "edge-k3s-1"} {
		cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig(c))
		if err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
		if env.clients[c], err = kubernetes.NewForConfig(cfg); err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
	}
	return m.Run()
}

func kubeconfig(cluster string) string { return filepath.Join(env.stateDir, cluster, "kubeconfig") }

func kubectl(t *testing.T, cluster string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(env.kube, append([]string{"kubectl", "--kubeconfig", kubeconfig(cluster)}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// namespace creates a namespace for one test and dumps its pods and the agent log on failure.
func namespace(t *testing.T, cluster string) string {
	t.Helper()
	cs := env.clients[cluster]
	ns := fmt.Sprintf("e2e-%s-%d", strings.ToLower(strings.ReplaceAll(t.Name(), "_", "-")), time.Now().UnixNano()%100000)
	if len(ns) > 60 {
		ns = ns[len(ns)-60:]
		ns = "e" + strings.TrimLeft(ns, "-")
	}
	_, err := cs.CoreV1().Namespaces().Create(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			out, _ := kubectl(t, cluster, "-n", ns, "get", "pods,jobs,pdb,events", "-o", "yaml")
			t.Logf("namespace %s on %s:\n%s", ns, cluster, out)
			log, _ := os.ReadFile(filepath.Join(env.stateDir, cluster, "logs", "node-agent.log"))
			t.Logf("node-agent.log of %s (tail):\n%s", cluster, tail(string(log), 4000))
		}
		cs.CoreV1().Namespaces().Delete(context.Background(), ns, metav1.DeleteOptions{})
	})
	return ns
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// waitFor polls cond every 250 ms until it returns true, an error, or timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var lastErr error
	for time.Now().Before(deadline) {
		ok, err := cond()
		if ok {
			return
		}
		lastErr = err
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("timed out after %s waiting for %s (last error: %v)", timeout, what, lastErr)
}

// waitPod waits until the pod satisfies cond and returns it.
func waitPod(t *testing.T, cluster, ns, name string, timeout time.Duration, what string, cond func(*corev1.Pod) bool) *corev1.Pod {
	t.Helper()
	var pod *corev1.Pod
	waitFor(t, timeout, fmt.Sprintf("pod %s/%s: %s", ns, name, what), func() (bool, error) {
		p, err := env.clients[cluster].CoreV1().Pods(ns).Get(context.Background(), name, metav1.GetOptions{})
		if err != nil {
			return false, err
		}
		pod = p
		return cond(p), nil
	})
	return pod
}

func terminal(p *corev1.Pod) bool {
	return p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed
}

func ready(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

var edgeToleration = corev1.Toleration{Key: "mapbench.io/edge", Operator: corev1.TolerationOpEqual, Value: "true", Effect: corev1.TaintEffectNoSchedule}

func shellPod(ns, name, script string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, Labels: map[string]string{"app": name}},
		Spec: corev1.PodSpec{RestartPolicy: corev1.RestartPolicyNever, Containers: []corev1.Container{{
			Name: "main", Image: "mapbench.local/shell", Args: []string{script},
		}}},
	}
}

func createPod(t *testing.T, cluster string, p *corev1.Pod) *corev1.Pod {
	t.Helper()
	created, err := env.clients[cluster].CoreV1().Pods(p.Namespace).Create(context.Background(), p, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return created
}

func podLog(t *testing.T, cluster, ns, name string, opts *corev1.PodLogOptions) string {
	t.Helper()
	b, err := env.clients[cluster].CoreV1().Pods(ns).GetLogs(name, opts).DoRaw(context.Background())
	if err != nil {
		t.Fatalf("log of %s/%s: %v (%s)", ns, name, err, b)
	}
	return string(b)
}
