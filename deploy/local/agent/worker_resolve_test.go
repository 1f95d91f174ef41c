package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	"mapbench.io/local/agent/internal/imagemap"
	"mapbench.io/local/agent/internal/topology"
)

// A checkout (and so the agent's state and the image's host binary) may lie under a path that a
// pod mounts, such as /tmp in CI clones: only the container's own words are container paths.
func TestResolveKeepsHostPathsUnderAMountedPrefix(t *testing.T) {
	repo := filepath.Join("/tmp", "mapbench-resolve-"+strings.ReplaceAll(t.Name(), "/", "-"))
	os.RemoveAll(repo)
	t.Cleanup(func() { os.RemoveAll(repo) })
	bin := filepath.Join(repo, "workload", "bin", "go1.26.8", runtime.GOARCH, "mapbench")
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	host, err := os.ReadFile("/bin/true") // a real executable of the host's architecture
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, host, 0o755); err != nil {
		t.Fatal(err)
	}
	images, err := imagemap.Load("../images.yaml")
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(repo, ".local", "clusters", "cloud-1")
	a := &Agent{cs: fake.NewSimpleClientset(), images: images, imagesPath: "../images.yaml", repoRoot: repo,
		stateDir: state, hostArch: runtime.GOARCH, apiHost: "127.0.0.1", apiPort: "6443",
		nodes: map[string]topology.Node{"n1": {Name: "n1", Arch: runtime.GOARCH, CPU: "1", Memory: "1Gi"}}}
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns", UID: "uid-1"},
		Spec: corev1.PodSpec{NodeName: "n1", AutomountServiceAccountToken: new(bool),
			Volumes: []corev1.Volume{{Name: "tmp", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}}},
	}
	sc := corev1.Container{Name: "mapbench", Image: "example.org/mapbench-workload:go1.26.8",
		Args:         []string{"run", "--json", "/tmp/out.json"},
		Env:          []corev1.EnvVar{{Name: "SCRATCH", Value: "/tmp/scratch"}},
		VolumeMounts: []corev1.VolumeMount{{Name: "tmp", MountPath: "/tmp"}}}
	pod.Spec.Containers = []corev1.Container{sc}
	w := newWorker(a, pod)

	c, err := w.resolve(pod, sc, runtime.GOARCH)
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	if c.argv[0] != bin {
		t.Errorf("program = %q, want the image's host binary %q", c.argv[0], bin)
	}
	vol := filepath.Join(w.layout.VolumeDir("tmp"), "out.json")
	if got := c.argv[len(c.argv)-1]; got != vol {
		t.Errorf("container path argument = %q, want it inside the emptyDir %q", got, vol)
	}
	env := map[string]string{}
	for _, kv := range c.env {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	if env["HOME"] != w.layout.Home() {
		t.Errorf("HOME = %q, want the pod's home %q (the agent's own paths are not rewritten)", env["HOME"], w.layout.Home())
	}
	if want := filepath.Join(w.layout.VolumeDir("tmp"), "scratch"); env["SCRATCH"] != want {
		t.Errorf("SCRATCH = %q, want %q", env["SCRATCH"], want)
	}
}
