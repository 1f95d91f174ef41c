package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// env is what every command needs: where the repo, the state and the binaries are.
type env struct {
	repoRoot    string
	stateRoot   string // <repo>/.local/clusters unless MAPBENCH_CLUSTERS_DIR says otherwise
	topoPath    string
	topo        *Topology
	portBase    int
	kubeBin     string // multi-call control-plane binary (deploy/local/kube/build.sh)
	agentBin    string // node agent binary; "" when there is none or --no-agent
	selfBin     string // this binary, for the proxy daemon
	withAgent   bool
	agentScript string
}

// Cluster is one cluster's resolved layout: directories, ports and process specs.
type Cluster struct {
	Spec  ClusterSpec
	Dir   string
	Ports Ports
	PKI   PKI
	env   *env
}

func (e *env) cluster(name string) (*Cluster, error) {
	spec, err := e.topo.cluster(name)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(e.stateRoot, name)
	return &Cluster{Spec: spec, Dir: dir, Ports: clusterPorts(e.portBase, spec), PKI: PKI{Dir: filepath.Join(dir, "pki")}, env: e}, nil
}

func (c *Cluster) Name() string { return c.Spec.Name }
func (c *Cluster) path(elem ...string) string {
	return filepath.Join(append([]string{c.Dir}, elem...)...)
}
func (c *Cluster) Kubeconfig() string { return c.path("kubeconfig") }
func (c *Cluster) APIServerURL() string {
	return fmt.Sprintf("https://127.0.0.1:%d", c.Ports.APIServer)
}

// Components in start order; down stops them in reverse.
var componentOrder = []string{"etcd", "apiserver", "controller-manager", "scheduler", "node-agent"}

func (c *Cluster) proc(component string) (procSpec, error) {
	p := procSpec{
		cluster:   c.Name(),
		component: component,
		pidFile:   c.path(component + ".pid"),
		logFile:   c.path("logs", component+".log"),
		marker:    c.Dir,
		ident:     component,
	}
	pki := c.PKI.path
	switch component {
	case "etcd":
		p.argv = []string{c.env.kubeBin, "etcd",
			"--name=" + c.Name(),
			"--data-dir=" + c.path("etcd"),
			"--listen-client-urls=" + httpURL(c.Ports.EtcdClient),
			"--advertise-client-urls=" + httpURL(c.Ports.EtcdClient),
			"--listen-peer-urls=" + httpURL(c.Ports.EtcdPeer),
			"--initial-advertise-peer-urls=" + httpURL(c.Ports.EtcdPeer),
			"--initial-cluster=" + c.Name() + "=" + httpURL(c.Ports.EtcdPeer),
			// Small local clusters: 512 MiB backend quota, hourly compaction, fewer snapshots.
			"--quota-backend-bytes=536870912",
			"--auto-compaction-mode=periodic",
			"--auto-compaction-retention=1h",
			"--snapshot-count=5000",
			"--log-level=warn",
		}
		p.ports = []namedPort{{"client", c.Ports.EtcdClient}, {"peer", c.Ports.EtcdPeer}}
	case "apiserver":
		p.argv = []string{c.env.kubeBin, "apiserver",
			"--advertise-address=127.0.0.1",
			"--bind-address=127.0.0.1",
			"--secure-port=" + strconv.Itoa(c.Ports.APIServer),
			"--etcd-servers=" + httpURL(c.Ports.EtcdClient),
			"--client-ca-file=" + pki("ca.crt"),
			"--tls-cert-file=" + pki("apiserver.crt"),
			"--tls-private-key-file=" + pki("apiserver.key"),
			"--authorization-mode=Node,RBAC",
			// PodSecurity and the other default admission plugins stay on; NodeRestriction
			// limits what node credentials may change.
			"--enable-admission-plugins=NodeRestriction",
			"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
			"--service-account-key-file=" + pki("sa.pub"),
			"--service-account-signing-key-file=" + pki("sa.key"),
			"--service-cluster-ip-range=10.0.0.0/24",
			"--kubelet-client-certificate=" + pki("apiserver-kubelet-client.crt"),
			"--kubelet-client-key=" + pki("apiserver-kubelet-client.key"),
			"--kubelet-preferred-address-types=InternalIP",
			"--allow-privileged=true",
			// Delegated authentication of controller-manager and scheduler reads the
			// request-header CA; without one they log errors. Only a certificate named
			// front-proxy-client would be trusted, and none is ever issued.
			"--requestheader-client-ca-file=" + pki("ca.crt"),
			"--requestheader-allowed-names=front-proxy-client",
			"--requestheader-username-headers=X-Remote-User",
			"--requestheader-group-headers=X-Remote-Group",
			"--requestheader-extra-headers-prefix=X-Remote-Extra-",
			// Endpoints may not hold loopback addresses, so the kubernetes Service gets none;
			// pods reach the API through KUBERNETES_SERVICE_HOST=127.0.0.1 set by the agent.
			"--endpoint-reconciler-type=none",
			"--profiling=false",
			"--event-ttl=1h",
		}
		p.ports = []namedPort{{"secure", c.Ports.APIServer}}
		p.env = []string{"GOMEMLIMIT=" + memLimit("apiserver")}
	case "controller-manager":
		kc := c.path("controller-manager.kubeconfig")
		p.argv = []string{c.env.kubeBin, "controller-manager",
			"--kubeconfig=" + kc,
			"--authentication-kubeconfig=" + kc,
			"--authorization-kubeconfig=" + kc,
			"--bind-address=127.0.0.1",
			"--secure-port=" + strconv.Itoa(c.Ports.ControllerManager),
			"--tls-cert-file=" + pki("controller-manager.crt"),
			"--tls-private-key-file=" + pki("controller-manager.key"),
			"--client-ca-file=" + pki("ca.crt"),
			"--root-ca-file=" + pki("ca.crt"),
			"--service-account-private-key-file=" + pki("sa.key"),
			"--use-service-account-credentials=true",
			"--cluster-signing-cert-file=" + pki("ca.crt"),
			"--cluster-signing-key-file=" + pki("ca.key"),
			// Every default controller (job, disruption, garbagecollector, serviceaccount-token,
			// root-ca-cert-publisher, namespace, ttl-after-finished, nodelifecycle, ...).
			"--controllers=*",
			"--leader-elect=false",
			"--profiling=false",
		}
		p.ports = []namedPort{{"secure", c.Ports.ControllerManager}}
	case "scheduler":
		kc := c.path("scheduler.kubeconfig")
		p.argv = []string{c.env.kubeBin, "scheduler",
			"--kubeconfig=" + kc,
			"--authentication-kubeconfig=" + kc,
			"--authorization-kubeconfig=" + kc,
			"--bind-address=127.0.0.1",
			"--secure-port=" + strconv.Itoa(c.Ports.Scheduler),
			"--tls-cert-file=" + pki("scheduler.crt"),
			"--tls-private-key-file=" + pki("scheduler.key"),
			"--client-ca-file=" + pki("ca.crt"),
			"--leader-elect=false",
			"--profiling=false",
		}
		p.ports = []namedPort{{"secure", c.Ports.Scheduler}}
	case "node-agent":
		p.argv = []string{c.env.agentBin,
			"--cluster", c.Name(),
			"--topology", c.env.topoPath,
			"--kubeconfig", c.Kubeconfig(),
			"--state-dir", c.Dir,
			"--images", filepath.Join(c.env.repoRoot, "deploy/local/images.yaml"),
			"--repo-root", c.env.repoRoot,
			"--listen", fmt.Sprintf("127.0.0.1:%d", c.Ports.Kubelet),
		}
		p.ports = []namedPort{{"kubelet", c.Ports.Kubelet}}
		p.ident = "--cluster"
	case "proxy":
		p.argv = []string{c.env.selfBin, "proxy-serve",
			"--state-dir", c.Dir,
			"--listen", fmt.Sprintf("127.0.0.1:%d", c.Ports.Proxy),
			"--target", fmt.Sprintf("127.0.0.1:%d", c.Ports.APIServer),
			"--control", c.path("proxy.json"),
		}
		p.ports = []namedPort{{"listen", c.Ports.Proxy}}
		p.ident = "proxy-serve"
	default:
		return p, fmt.Errorf("unknown component %q; allowed: %s", component, strings.Join(append(append([]string{}, componentOrder...), "proxy"), ", "))
	}
	if supervised[component] {
		p.argv = append([]string{c.env.selfBin, "supervise", "--name", component, "--"}, p.argv...)
	}
	return p, nil
}

// supervised components are restarted when they exit on their own (see supervise.go).
var supervised = map[string]bool{"controller-manager": true, "scheduler": true}

func httpURL(port int) string { return fmt.Sprintf("http://127.0.0.1:%d", port) }

// memLimit is the soft Go heap limit per component (GOMEMLIMIT); MAPBENCH_APISERVER_MEMLIMIT
// overrides the apiserver's. A soft limit makes the GC work harder near it instead of growing.
func memLimit(component string) string {
	if v := os.Getenv("MAPBENCH_APISERVER_MEMLIMIT"); v != "" && component == "apiserver" {
		return v
	}
	return "400MiB"
}

// writeClusterFiles writes the PKI (once), the kubeconfigs and cluster.env.
func (c *Cluster) writeClusterFiles() error {
	if err := os.MkdirAll(c.path("logs"), 0o755); err != nil {
		return err
	}
	if err := c.PKI.ensure(c.Name()); err != nil {
		return fmt.Errorf("%s: generating certificates: %w", c.Name(), err)
	}
	for _, kc := range []struct{ file, user, server string }{
		{"kubeconfig", "admin", c.APIServerURL()},
		{"controller-manager.kubeconfig", "controller-manager", c.APIServerURL()},
		{"scheduler.kubeconfig", "scheduler", c.APIServerURL()},
	} {
		if err := writeKubeconfig(c.path(kc.file), c.Name(), kc.server, c.PKI, kc.user); err != nil {
			return fmt.Errorf("%s: writing %s: %w", c.Name(), kc.file, err)
		}
	}
	return writeFileAtomic(c.path("cluster.env"), []byte(c.envFile()), 0o644)
}

// envFile is cluster.env: KEY=value lines, readable by shells (`. cluster.env`), the node agent
// and tests.
func (c *Cluster) envFile() string {
	kv := [][2]string{
		{"CLUSTER_NAME", c.Name()},
		{"APISERVER_PORT", strconv.Itoa(c.Ports.APIServer)},
		{"APISERVER_URL", c.APIServerURL()},
		{"APISERVER_CA_FILE", c.PKI.path("ca.crt")},
		{"KUBECONFIG_FILE", c.Kubeconfig()},
		{"ETCD_PORT", strconv.Itoa(c.Ports.EtcdClient)},
		{"CONTROLLER_MANAGER_PORT", strconv.Itoa(c.Ports.ControllerManager)},
		{"SCHEDULER_PORT", strconv.Itoa(c.Ports.Scheduler)},
		{"KUBELET_PORT", strconv.Itoa(c.Ports.Kubelet)},
		{"KUBELET_TLS_CERT_FILE", c.PKI.path("kubelet.crt")},
		{"KUBELET_TLS_KEY_FILE", c.PKI.path("kubelet.key")},
		{"KUBELET_CLIENT_CA_FILE", c.PKI.path("ca.crt")},
		{"PROXY_PORT", strconv.Itoa(c.Ports.Proxy)},
		{"PROXY_KUBECONFIG_FILE", c.path("proxy.kubeconfig")},
	}
	var b strings.Builder
	b.WriteString("# Written by deploy/local/clusters up; machine-readable facts about this cluster.\n")
	for _, e := range kv {
		fmt.Fprintf(&b, "%s=%s\n", e[0], shellQuote(e[1]))
	}
	return b.String()
}

// shellQuote quotes only when needed so the file stays trivially parseable as KEY=value.
func shellQuote(s string) string {
	if strings.ContainsAny(s, " \t'\"$`\\;&|<>()*?[]#~") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
