// Command node-agent is the node of the local clusters (deploy/local): it registers the cluster's
// Nodes from deploy/local/clusters.yaml, keeps them Ready with Lease heartbeats, runs every pod
// bound to them as local processes (images mapped to programs by deploy/local/images.yaml),
// reports truthful pod status, serves container logs on the kubelet log endpoint and gives pods
// service-account credentials. See README.md beside this file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"mapbench.io/local/agent/internal/imagemap"
	"mapbench.io/local/agent/internal/topology"
)

const agentVersion = "0.1.0"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "supervise" {
		os.Exit(supervise(os.Args[2:]))
	}
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "node-agent: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	cluster := flag.String("cluster", "", "name of the cluster in the topology file (required)")
	topo := flag.String("topology", "deploy/local/clusters.yaml", "topology file listing clusters and nodes")
	kubeconfig := flag.String("kubeconfig", "", "admin kubeconfig of the cluster, credentials embedded (required)")
	stateDir := flag.String("state-dir", "", "directory for pod directories, e.g. .local/clusters/<name> (required)")
	images := flag.String("images", "deploy/local/images.yaml", "image -> command map")
	repoRoot := flag.String("repo-root", ".", "repository root, the {repo} placeholder of images.yaml")
	listen := flag.String("listen", "", "address of the kubelet log endpoint, 127.0.0.1:<port> (required)")
	keepPods := flag.Bool("keep-pods-on-exit", false, "leave pod processes running on SIGTERM/SIGINT for the next agent to adopt (as a kubelet restart does); by default they are stopped so `clusters down` leaves nothing behind")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)

	for name, v := range map[string]string{"--cluster": *cluster, "--kubeconfig": *kubeconfig, "--state-dir": *stateDir, "--listen": *listen} {
		if v == "" {
			return fmt.Errorf("%s is required (see --help)", name)
		}
	}
	host, portStr, err := net.SplitHostPort(*listen)
	port, perr := strconv.Atoi(portStr)
	if err != nil || perr != nil || port <= 0 || port > 65535 {
		return fmt.Errorf("--listen %q: must be host:port with a port 1-65535", *listen)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--listen %q: the host must be a loopback address (127.0.0.1): the API server reaches nodes at their InternalIP %s", *listen, HostIP)
	}
	tf, err := topology.Load(*topo)
	if err != nil {
		return err
	}
	c, err := tf.Cluster(*cluster)
	if err != nil {
		return fmt.Errorf("--cluster: %v", err)
	}
	if len(c.Nodes) == 0 {
		return fmt.Errorf("--cluster %s: the topology lists no nodes for it", c.Name)
	}
	im, err := imagemap.Load(*images)
	if err != nil {
		return err
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		return fmt.Errorf("--kubeconfig %s: %v", *kubeconfig, err)
	}
	cfg.UserAgent = "mapbench-node-agent/" + agentVersion
	cfg.Timeout = 30 * time.Second
	u, err := url.Parse(cfg.Host)
	if err != nil || u.Port() == "" {
		return fmt.Errorf("--kubeconfig %s: server %q must be https://host:port", *kubeconfig, cfg.Host)
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	absRepo, _ := filepath.Abs(*repoRoot)
	absState, _ := filepath.Abs(*stateDir)
	absImages, _ := filepath.Abs(*images)
	if err := os.MkdirAll(filepath.Join(absState, "pods"), 0o755); err != nil {
		return err
	}
	a := &Agent{cs: cs, nodes: map[string]topology.Node{}, images: im, imagesPath: absImages, repoRoot: absRepo,
		agentDir: filepath.Dir(self), stateDir: absState, selfExe: self, hostArch: runtime.GOARCH,
		apiHost: HostIP, apiPort: u.Port(), apiServer: fmt.Sprintf("https://%s:%s", HostIP, u.Port()), caData: cfg.CAData}
	for _, n := range c.Nodes {
		a.nodes[n.Name] = n
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	cert, err := selfSignedCert(nodeNames(c))
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: *listen, Handler: a.logHandler(), ReadHeaderTimeout: 10 * time.Second}
	srv.TLSConfig = tlsConfig(cert)
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("--listen %s: %v (is another node agent running?)", *listen, err)
	}
	go func() {
		if err := srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Printf("log endpoint: %v", err)
			stop()
		}
	}()
	log.Printf("node agent %s for cluster %s: kubelet endpoint https://%s, API server %s, state %s", agentVersion, c.Name, *listen, cfg.Host, absState)

	// The API server may still be starting: retry registration until it answers.
	for _, n := range c.Nodes {
		for {
			err := registerNode(ctx, cs, n, int32(port))
			if err == nil {
				log.Printf("node %s registered (arch %s, cpu %s, memory %s, kubelet %s)", n.Name, n.Arch, n.CPU, n.Memory, n.KubeletVersion)
				break
			}
			log.Printf("%v; retrying", err)
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(2 * time.Second):
			}
		}
		go heartbeat(ctx, cs, n, int32(port))
	}
	a.watch(ctx)
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	if *keepPods {
		// As with a kubelet restart: supervisors live in their own sessions; the next agent adopts them.
		log.Printf("node agent stopped; pod processes keep running and will be adopted by the next agent")
		return nil
	}
	// A crash (SIGKILL) still leaves them running for adoption; an orderly stop cleans up.
	a.stopAll(10 * time.Second)
	log.Printf("node agent stopped; pod processes stopped (their pods are reported Failed by the next agent)")
	return nil
}

func nodeNames(c *topology.Cluster) []string {
	var names []string
	for _, n := range c.Nodes {
		names = append(names, n.Name)
	}
	return append(names, "localhost")
}
