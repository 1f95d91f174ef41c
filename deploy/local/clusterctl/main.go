// Command clusterctl implements deploy/local/clusters: real Kubernetes control planes (etcd,
// kube-apiserver, kube-controller-manager, kube-scheduler) plus a node agent per cluster, run
// as local processes on loopback, with fault hooks (stop/start a component, a latency/drop
// proxy in front of an API server). See deploy/local/README.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const usage = `usage: deploy/local/clusters COMMAND [flags] [args]

Commands:
  up [--no-agent] [--timeout 180s] [NAME...]   start clusters (all by default) and wait until healthy
  down [NAME...]                                 stop the processes 'up' started (objects are kept)
  status [NAME...]                               components with pid, port, health and RSS
  kubeconfig NAME                                print the path of NAME's admin kubeconfig
  stop NAME COMPONENT                            stop one component (fault hook)
  start NAME COMPONENT                           start one component and wait until healthy
  proxy NAME [--latency 200ms] [--drop|--no-drop] [--blackhole|--no-blackhole]
                                                 start/retune a TCP proxy in front of NAME's API server
  proxy NAME --stop                              stop it
  ports                                          print every cluster's ports

COMPONENT: etcd, apiserver, controller-manager, scheduler, node-agent
Environment: MAPBENCH_CACHE (tool cache), MAPBENCH_PORT_BASE (override the per-checkout port
base), MAPBENCH_CLUSTERS_DIR (state directory, default <repo>/.local/clusters).
`

func main() {
	if err := run(os.Args[1:]); err != nil {
		var ec exitCode
		if errors.As(err, &ec) {
			os.Exit(int(ec)) // the command has already said why
		}
		fmt.Fprintln(os.Stderr, "clusters:", err)
		os.Exit(1)
	}
}

// exitCode lets a command choose its exit status (status uses 3 for "not all healthy").
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func run(args []string) error {
	global := flag.NewFlagSet("clusters", flag.ContinueOnError)
	repoRoot := global.String("repo-root", "", "repository root (set by deploy/local/clusters)")
	topoPath := global.String("topology", "", "topology file (default <repo>/deploy/local/clusters.yaml)")
	global.Usage = func() { fmt.Fprint(os.Stderr, usage) }
	if err := global.Parse(args); err != nil {
		return err
	}
	rest := global.Args()
	if len(rest) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return exitCode(2)
	}
	switch rest[0] { // daemons that need no topology
	case "proxy-serve":
		return proxyServe(rest[1:])
	case "supervise":
		return supervise(rest[1:])
	}
	if rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		fmt.Print(usage)
		return nil
	}
	e, err := newEnv(*repoRoot, *topoPath)
	if err != nil {
		return err
	}
	cmd, cargs := rest[0], rest[1:]
	switch cmd {
	case "up":
		return cmdUp(e, cargs)
	case "down":
		return cmdDown(e, cargs)
	case "status":
		return cmdStatus(e, cargs)
	case "kubeconfig":
		return cmdKubeconfig(e, cargs)
	case "stop":
		return cmdStop(e, cargs)
	case "start":
		return cmdStart(e, cargs)
	case "proxy":
		return cmdProxy(e, cargs)
	case "ports":
		return cmdPorts(e, cargs)
	}
	return fmt.Errorf("unknown command %q; allowed: up, down, status, kubeconfig, stop, start, proxy, ports (see --help)", cmd)
}

func newEnv(repoRoot, topoPath string) (*env, error) {
	if repoRoot == "" {
		return nil, errors.New("--repo-root is required (run through deploy/local/clusters)")
	}
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		return nil, err
	}
	if topoPath == "" {
		topoPath = filepath.Join(root, "deploy/local/clusters.yaml")
	}
	topo, err := loadTopology(topoPath)
	if err != nil {
		return nil, err
	}
	base, err := portBase(root)
	if err != nil {
		return nil, err
	}
	state := os.Getenv("MAPBENCH_CLUSTERS_DIR")
	if state == "" {
		state = filepath.Join(root, ".local/clusters")
	}
	if state, err = filepath.Abs(state); err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return &env{
		repoRoot: root, stateRoot: state, topoPath: topoPath, topo: topo, portBase: base,
		selfBin: self, agentScript: filepath.Join(root, "deploy/local/agent/build.sh"),
	}, nil
}

// clusters resolves NAME arguments (all clusters of the topology when none is given).
func (e *env) clusters(names []string) ([]*Cluster, error) {
	if len(names) == 0 {
		for _, c := range e.topo.Clusters {
			names = append(names, c.Name)
		}
	}
	var out []*Cluster
	for _, n := range names {
		if strings.HasPrefix(n, "-") {
			return nil, fmt.Errorf("flag %q must come before the cluster names", n)
		}
		c, err := e.cluster(n)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func cmdKubeconfig(e *env, args []string) error {
	if len(args) != 1 {
		return errors.New("usage: clusters kubeconfig NAME")
	}
	c, err := e.cluster(args[0])
	if err != nil {
		return err
	}
	if !exists(c.Kubeconfig()) {
		return fmt.Errorf("%s does not exist yet; run 'deploy/local/clusters up %s' first", c.Kubeconfig(), c.Name())
	}
	fmt.Println(c.Kubeconfig())
	return nil
}

func cmdPorts(e *env, args []string) error {
	cs, err := e.clusters(args)
	if err != nil {
		return err
	}
	fmt.Printf("port base %d (checkout %s)\n", e.portBase, e.repoRoot)
	for _, c := range cs {
		p := c.Ports
		fmt.Printf("%-12s apiserver=%d etcd=%d etcd-peer=%d controller-manager=%d scheduler=%d kubelet=%d proxy=%d\n",
			c.Name(), p.APIServer, p.EtcdClient, p.EtcdPeer, p.ControllerManager, p.Scheduler, p.Kubelet, p.Proxy)
	}
	return nil
}
