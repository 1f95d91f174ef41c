//go:build e2e

// End-to-end tests against real control planes (deploy/local/kube binaries). They run an
// isolated copy of cloud-1 (own state directory and port base), so they never disturb the
// clusters of the checkout that other tests or people use. Run: deploy/local/test.sh
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// isolated is one private instance of the clusters tool.
type isolated struct {
	t        *testing.T
	repo     string
	stateDir string
	base     int
	kube     string
}

func repoRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	root, err := filepath.Abs(filepath.Join(filepath.Dir(file), "..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// freePortBase finds a slot whose 30 ports are all free (three clusters' blocks).
func freePortBase(t *testing.T) int {
	own, _ := portBase(repoRoot(t)) // the checkout's real clusters may start there any time
	for try := 0; try < 50; try++ {
		base := portRangeStart + rand.IntN(portSlots)*portSlotWidth
		free := base != own
		for port := base; port < base+30 && free; port++ {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
			if err != nil {
				free = false
				continue
			}
			l.Close()
		}
		if free {
			return base
		}
	}
	t.Fatal("no free port slot found")
	return 0
}

func newIsolated(t *testing.T) *isolated {
	repo := repoRoot(t)
	out, err := exec.Command("bash", filepath.Join(repo, "deploy/local/kube/build.sh")).Output()
	if err != nil {
		t.Fatalf("kube/build.sh: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	// A state directory outside t.TempDir: etcd may still flush while TempDir cleanup runs.
	state, err := os.MkdirTemp("", "mapbench-clusters-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	return &isolated{t: t, repo: repo, stateDir: state, base: freePortBase(t), kube: lines[len(lines)-1]}
}

func (in *isolated) env() []string {
	return append(os.Environ(), "MAPBENCH_CLUSTERS_DIR="+in.stateDir, "MAPBENCH_PORT_BASE="+strconv.Itoa(in.base))
}

// clusters runs deploy/local/clusters and returns its combined output.
func (in *isolated) clusters(args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(in.repo, "deploy/local/clusters"), args...)
	cmd.Env = in.env()
	out, err := cmd.CombinedOutput()
	in.t.Logf("clusters %s:\n%s", strings.Join(args, " "), out)
	return string(out), err
}

func (in *isolated) mustClusters(args ...string) string {
	in.t.Helper()
	out, err := in.clusters(args...)
	if err != nil {
		in.t.Fatalf("clusters %v: %v", args, err)
	}
	return out
}

func (in *isolated) kubeconfig(name string) string {
	return filepath.Join(in.stateDir, name, "kubeconfig")
}

func (in *isolated) kubectl(name string, stdin string, args ...string) (string, error) {
	cmd := exec.Command(in.kube, append([]string{"kubectl", "--kubeconfig", in.kubeconfig(name)}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func (in *isolated) mustKubectl(name, stdin string, args ...string) string {
	in.t.Helper()
	out, err := in.kubectl(name, stdin, args...)
	if err != nil {
		in.t.Fatalf("kubectl %v: %v\n%s", args, err, out)
	}
	return out
}

// eventually retries f until it returns nil or the timeout passes.
func eventually(t *testing.T, timeout time.Duration, what string, f func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v: %v", what, timeout, err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

func (in *isolated) cluster(name string) *Cluster {
	e, err := newEnv(in.repo, "")
	if err != nil {
		in.t.Fatal(err)
	}
	e.stateRoot, e.portBase = in.stateDir, in.base
	c, err := e.cluster(name)
	if err != nil {
		in.t.Fatal(err)
	}
	return c
}

// The multi-call binary dispatches by argv[0] (symlinks) and by first argument, and every
// component reports the pinned version.
func TestMultiCallBinary(t *testing.T) {
	in := newIsolated(t)
	defer os.RemoveAll(in.stateDir)
	dir := filepath.Dir(in.kube)
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{filepath.Join(dir, "kube-apiserver"), "--version"}, "Kubernetes v1.36.3"},
		{[]string{in.kube, "apiserver", "--version"}, "Kubernetes v1.36.3"},
		{[]string{filepath.Join(dir, "kube-controller-manager"), "--version"}, "Kubernetes v1.36.3"},
		{[]string{in.kube, "scheduler", "--version"}, "Kubernetes v1.36.3"},
		{[]string{filepath.Join(dir, "kubectl"), "version", "--client"}, "Client Version: v1.36.3"},
		{[]string{filepath.Join(dir, "etcd"), "--version"}, "etcd Version: 3.6.16"},
		{[]string{in.kube, "etcd", "--version"}, "etcd Version: 3.6.16"},
	}
	for _, tt := range tests {
		out, err := exec.Command(tt.argv[0], tt.argv[1:]...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("%v: %v, output %q does not contain %q", tt.argv, err, out, tt.want)
		}
	}
	out, err := exec.Command(in.kube, "bogus").CombinedOutput()
	if err == nil || !strings.Contains(string(out), `unknown component "bogus"; allowed:`) {
		t.Errorf("kube bogus: %v %s", err, out)
	}
}

func TestControlPlaneE2E(t *testing.T) {
	in := newIsolated(t)
	const name = "cloud-1"
	t.Cleanup(func() {
		if t.Failed() {
			for _, comp := range []string{"etcd", "apiserver", "controller-manager", "scheduler"} {
				t.Logf("---- %s log tail:\n%s", comp, tailFile(filepath.Join(in.stateDir, name, "logs", comp+".log"), 20))
			}
		}
		in.clusters("down", name)
		in.clusters("down", "hub")
		os.RemoveAll(in.stateDir)
	})
	t0 := time.Now()
	in.mustClusters("up", "--no-agent", name)
	t.Logf("MEASURE cold-state up of one cluster: %.1fs", time.Since(t0).Seconds())
	c := in.cluster(name)

	t.Run("version", func(t *testing.T) {
		var v struct {
			ClientVersion, ServerVersion struct{ GitVersion string }
		}
		if err := json.Unmarshal([]byte(in.mustKubectl(name, "", "version", "-o", "json")), &v); err != nil {
			t.Fatal(err)
		}
		if v.ClientVersion.GitVersion != "v1.36.3" || v.ServerVersion.GitVersion != "v1.36.3" {
			t.Fatalf("client %q server %q, want v1.36.3", v.ClientVersion.GitVersion, v.ServerVersion.GitVersion)
		}
	})

	t.Run("kubeconfig is self-contained", func(t *testing.T) {
		path := strings.TrimSpace(in.mustClusters("kubeconfig", name))
		if path != in.kubeconfig(name) {
			t.Fatalf("kubeconfig path %q, want %q", path, in.kubeconfig(name))
		}
		raw, _ := os.ReadFile(path)
		for _, forbidden := range []string{"certificate-authority:", "client-certificate:", "client-key:", "tokenFile", "exec:", "auth-provider"} {
			if strings.Contains(string(raw), forbidden) {
				t.Errorf("kubeconfig has file or command reference %q", forbidden)
			}
		}
		// A copy elsewhere, with the PKI out of reach, still works.
		cp := filepath.Join(t.TempDir(), "kc")
		os.WriteFile(cp, raw, 0o600)
		out, err := exec.Command(in.kube, "kubectl", "--kubeconfig", cp, "get", "--raw", "/readyz").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Fatalf("copied kubeconfig: %v %s", err, out)
		}
	})

	t.Run("status", func(t *testing.T) {
		// Exit status 3 is expected: the node agent is not started in this isolated cluster.
		out, _ := in.clusters("status", name)
		for _, comp := range []string{"etcd", "apiserver", "controller-manager", "scheduler"} {
			if !regexpLine(out, name, comp, "ok") {
				t.Errorf("status does not show %s ok", comp)
			}
		}
	})

	t.Run("controllers and service-account tokens", func(t *testing.T) {
		in.mustKubectl(name, "", "create", "namespace", "e2e-sa")
		// root-ca-cert-publisher and the serviceaccount controller run in controller-manager.
		eventually(t, 30*time.Second, "kube-root-ca.crt published", func() error {
			_, err := in.kubectl(name, "", "-n", "e2e-sa", "get", "configmap", "kube-root-ca.crt")
			return err
		})
		eventually(t, 30*time.Second, "default service account", func() error {
			_, err := in.kubectl(name, "", "-n", "e2e-sa", "get", "serviceaccount", "default")
			return err
		})
		token := strings.TrimSpace(in.mustKubectl(name, "", "-n", "e2e-sa", "create", "token", "default"))
		// A client with only the token (no client certificate) and the CA.
		empty := filepath.Join(t.TempDir(), "empty")
		os.WriteFile(empty, nil, 0o600)
		asToken := func(args ...string) (string, error) {
			out, err := exec.Command(in.kube, append([]string{"kubectl", "--kubeconfig", empty, "--server", c.APIServerURL(),
				"--certificate-authority", c.PKI.path("ca.crt"), "--token", token}, args...)...).CombinedOutput()
			return string(out), err
		}
		out, err := asToken("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}")
		if err != nil || out != "system:serviceaccount:e2e-sa:default" {
			t.Fatalf("token authenticates as %q (%v)", out, err)
		}
		// RBAC: the default service account may not list secrets.
		if out, err := asToken("-n", "e2e-sa", "get", "secrets"); err == nil || !strings.Contains(out, "forbidden") {
			t.Fatalf("RBAC did not forbid: %v %s", err, out)
		}
		// Job controller creates the pod (no nodes in this isolated cluster: it stays Pending).
		in.mustKubectl(name, "", "-n", "e2e-sa", "create", "job", "j", "--image=busybox", "--", "true")
		eventually(t, 30*time.Second, "job pod created", func() error {
			out, _ := in.kubectl(name, "", "-n", "e2e-sa", "get", "pods", "-l", "job-name=j", "-o", "name")
			if !strings.Contains(out, "pod/") {
				return fmt.Errorf("no pod yet")
			}
			return nil
		})
	})

	t.Run("PodSecurity admission enforces", func(t *testing.T) {
		in.mustKubectl(name, "", "create", "namespace", "e2e-psa")
		in.mustKubectl(name, "", "label", "namespace", "e2e-psa", "pod-security.kubernetes.io/enforce=restricted")
		out, err := in.kubectl(name, "", "-n", "e2e-psa", "run", "priv", "--image=x", "--privileged")
		if err == nil || !strings.Contains(out, "violates PodSecurity") {
			t.Fatalf("privileged pod admitted: %v %s", err, out)
		}
	})

	t.Run("server-side apply", func(t *testing.T) {
		cm := func(v string) string {
			return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: default\ndata:\n  k: " + v + "\n"
		}
		in.mustKubectl(name, cm("one"), "apply", "--server-side", "--field-manager=alice", "-f", "-")
		out, err := in.kubectl(name, cm("two"), "apply", "--server-side", "--field-manager=bob", "-f", "-")
		if err == nil || !strings.Contains(strings.ToLower(out), "conflict") {
			t.Fatalf("second manager did not get a conflict: %v %s", err, out)
		}
		in.mustKubectl(name, cm("two"), "apply", "--server-side", "--field-manager=bob", "--force-conflicts", "-f", "-")
		out = in.mustKubectl(name, "", "get", "configmap", "ssa", "--show-managed-fields", "-o", "jsonpath={.data.k} {.metadata.managedFields[*].manager}")
		if !strings.HasPrefix(out, "two ") || !strings.Contains(out, "bob") {
			t.Fatalf("after forced apply: %q", out)
		}
	})

	t.Run("CRD with CEL validation", func(t *testing.T) {
		in.mustKubectl(name, celCRD, "apply", "-f", "-")
		in.mustKubectl(name, "", "wait", "--for=condition=Established", "--timeout=30s", "crd/ranges.e2e.mapbench.io")
		bad := "apiVersion: e2e.mapbench.io/v1\nkind: Range\nmetadata:\n  name: bad\n  namespace: default\nspec:\n  min: 5\n  max: 1\n"
		var out string
		var err error
		// Discovery of the new kind can lag Established by a moment.
		eventually(t, 20*time.Second, "CEL rule rejects", func() error {
			out, err = in.kubectl(name, bad, "apply", "-f", "-")
			if err != nil && strings.Contains(out, "min must not exceed max") {
				return nil
			}
			return fmt.Errorf("%v %s", err, out)
		})
		in.mustKubectl(name, strings.ReplaceAll(strings.ReplaceAll(bad, "bad", "good"), "max: 1", "max: 9"), "apply", "-f", "-")
	})

	t.Run("restart keeps objects", func(t *testing.T) {
		in.mustKubectl(name, "", "-n", "default", "create", "configmap", "survivor", "--from-literal=k=v")
		in.mustClusters("down", name)
		for _, port := range []int{c.Ports.APIServer, c.Ports.EtcdClient, c.Ports.ControllerManager, c.Ports.Scheduler} {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
			if err != nil {
				t.Fatalf("port %d still taken after down: %v", port, err)
			}
			l.Close()
		}
		t0 := time.Now()
		in.mustClusters("up", "--no-agent", name)
		t.Logf("MEASURE warm restart of one cluster: %.1fs", time.Since(t0).Seconds())
		if out := in.mustKubectl(name, "", "-n", "default", "get", "configmap", "survivor", "-o", "jsonpath={.data.k}"); out != "v" {
			t.Fatalf("configmap after restart: %q", out)
		}
	})

	t.Run("stopped apiserver fails fast and restarts intact", func(t *testing.T) {
		in.mustClusters("stop", name, "apiserver")
		hc, err := c.httpClient(10 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		_, err = hc.Get(c.APIServerURL() + "/api/v1/namespaces/default/configmaps/survivor")
		took := time.Since(t0)
		if err == nil {
			t.Fatal("request succeeded with the API server stopped")
		}
		t.Logf("MEASURE client call against stopped apiserver failed in %v: %v", took, err)
		if took > time.Second {
			t.Errorf("failure took %v, want < 1s (connection refused)", took)
		}
		t0 = time.Now()
		out, err := in.kubectl(name, "", "--request-timeout=10s", "get", "namespaces")
		took = time.Since(t0)
		t.Logf("MEASURE kubectl against stopped apiserver failed in %v", took)
		if err == nil || took > 3*time.Second || !strings.Contains(out, "refused") {
			t.Errorf("kubectl: err=%v after %v: %s", err, took, out)
		}
		// Controllers and etcd keep running; only the API server is gone.
		if out, _ := in.clusters("status", name); !regexpLine(out, name, "apiserver", "stopped") || !regexpLine(out, name, "etcd", "ok") {
			t.Errorf("status does not show apiserver stopped and etcd ok")
		}
		in.mustClusters("start", name, "apiserver")
		if out := in.mustKubectl(name, "", "-n", "default", "get", "configmap", "survivor", "-o", "jsonpath={.data.k}"); out != "v" {
			t.Fatalf("configmap after apiserver restart: %q", out)
		}
	})

	t.Run("crashed controller-manager is restarted", func(t *testing.T) {
		p, _ := c.proc("controller-manager")
		sup, ok := p.running()
		if !ok {
			t.Fatal("controller-manager not running")
		}
		// The previous subtest stopped the API server; the controller-manager may be in its
		// restart back-off right now.
		var children []int
		eventually(t, 30*time.Second, "controller-manager running", func() error {
			if children = childPids(sup); len(children) != 1 {
				return fmt.Errorf("supervisor %d has children %v, want one", sup, children)
			}
			return c.probe("controller-manager")
		})
		syscall.Kill(children[0], syscall.SIGKILL)
		eventually(t, 30*time.Second, "controller-manager healthy again", func() error {
			if now := childPids(sup); len(now) != 1 || now[0] == children[0] {
				return fmt.Errorf("not restarted yet (children %v)", now)
			}
			return c.probe("controller-manager")
		})
	})

	t.Run("proxy adds latency and drops", func(t *testing.T) {
		in.mustClusters("proxy", name, "--latency", "0s")
		proxied := *c
		proxied.Ports.APIServer = c.Ports.Proxy
		hc, err := proxied.httpClient(10 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		hc.Transport.(*http.Transport).DisableKeepAlives = false // measure on a warm connection
		median := func() time.Duration {
			var ds []time.Duration
			for i := 0; i < 7; i++ {
				t0 := time.Now()
				resp, err := hc.Get(proxied.APIServerURL() + "/version")
				if err != nil {
					t.Fatal(err)
				}
				// Drained so the connection is reused: the measure is one request round trip,
				// not a new TLS handshake (which costs two round trips).
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				ds = append(ds, time.Since(t0))
			}
			slices.Sort(ds)
			return ds[len(ds)/2]
		}
		base := median()
		in.mustClusters("proxy", name, "--latency", "200ms")
		slow := median()
		t.Logf("MEASURE /version through proxy: latency 0 -> %v, latency 200ms -> %v (added %v)", base, slow, slow-base)
		if added := slow - base; added < 190*time.Millisecond || added > 320*time.Millisecond {
			t.Errorf("proxy added %v, want about 200ms", added)
		}
		// proxy.kubeconfig works for kubectl too.
		out, err := exec.Command(in.kube, "kubectl", "--kubeconfig", filepath.Join(in.stateDir, name, "proxy.kubeconfig"), "get", "configmap", "survivor", "-o", "name").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "configmap/survivor") {
			t.Fatalf("kubectl through proxy: %v %s", err, out)
		}
		in.mustClusters("proxy", name, "--drop")
		t0 := time.Now()
		_, err = hc.Get(proxied.APIServerURL() + "/version")
		t.Logf("MEASURE call through dropping proxy failed in %v: %v", time.Since(t0), err)
		if err == nil {
			t.Fatal("request succeeded through a dropping proxy")
		}
		in.mustClusters("proxy", name, "--no-drop", "--latency", "0s")
		if _, err := hc.Get(proxied.APIServerURL() + "/version"); err != nil {
			t.Fatalf("after --no-drop: %v", err)
		}
		in.mustClusters("proxy", name, "--blackhole")
		short, _ := proxied.httpClient(time.Second)
		t0 = time.Now()
		_, err = short.Get(proxied.APIServerURL() + "/version")
		t.Logf("MEASURE call through blackholed proxy failed after %v: %v", time.Since(t0), err)
		if err == nil || !strings.Contains(err.Error(), "Client.Timeout") {
			t.Fatalf("blackholed request: %v, want the client's timeout", err)
		}
		in.mustClusters("proxy", name, "--no-blackhole")
		fresh, _ := proxied.httpClient(5 * time.Second)
		if _, err := fresh.Get(proxied.APIServerURL() + "/version"); err != nil {
			t.Fatalf("after --no-blackhole: %v", err)
		}
		in.mustClusters("proxy", name, "--stop")
		if _, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(c.Ports.Proxy), time.Second); err == nil {
			t.Fatal("proxy port still open after --stop")
		}
	})

	t.Run("taken port is named", func(t *testing.T) {
		hub := in.cluster("hub")
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(hub.Ports.APIServer))
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		out, err := in.clusters("up", "--no-agent", "hub")
		want := fmt.Sprintf("hub: port %d (apiserver secure) is taken", hub.Ports.APIServer)
		if err == nil || !strings.Contains(out, want) {
			t.Fatalf("up with a taken port: err=%v, output does not contain %q", err, want)
		}
		// Nothing was started.
		p, _ := hub.proc("etcd")
		if _, running := p.running(); running {
			t.Fatal("etcd was started although the apiserver port was taken")
		}
	})

	t.Run("down stops everything", func(t *testing.T) {
		in.mustClusters("down", name)
		out, err := in.clusters("status", name)
		if err == nil || strings.Contains(out, " ok") {
			t.Fatalf("status after down: err=%v\n%s", err, out)
		}
	})
}

// regexpLine reports whether some status line has all the words in order.
func regexpLine(out string, words ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		i := 0
		for _, w := range f {
			if i < len(words) && w == words[i] {
				i++
			}
		}
		if i == len(words) {
			return true
		}
	}
	return false
}

const celCRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ranges.e2e.mapbench.io
spec:
  group: e2e.mapbench.io
  names: {kind: Range, plural: ranges, singular: range, listKind: RangeList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              min: {type: integer}
              max: {type: integer}
            x-kubernetes-validations:
            - rule: self.min <= self.max
              message: min must not exceed max
`
