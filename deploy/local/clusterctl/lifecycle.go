package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// resolveBinaries runs the build scripts (each skips its build when cached) and takes the
// binary path from their last output line.
func (e *env) resolveBinaries(withAgent bool) error {
	kube, err := lastLineOf(filepath.Join(e.repoRoot, "deploy/local/kube/build.sh"))
	if err != nil {
		return fmt.Errorf("control-plane binary: %w", err)
	}
	e.kubeBin = kube
	if withAgent && exists(e.agentScript) {
		agent, err := lastLineOf(e.agentScript)
		if err != nil {
			return fmt.Errorf("node agent (use --no-agent to start control planes only): %w", err)
		}
		e.agentBin = agent
	}
	e.withAgent = e.agentBin != ""
	return nil
}

func lastLineOf(script string) (string, error) {
	var out bytes.Buffer
	cmd := exec.Command("bash", script)
	cmd.Stdout, cmd.Stderr, cmd.Stdin = &out, os.Stderr, nil
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s failed: %w", script, err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	path := strings.TrimSpace(lines[len(lines)-1])
	if fi, err := os.Stat(path); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		return "", fmt.Errorf("%s: last output line %q is not an executable file", script, path)
	}
	return path, nil
}

// components this invocation manages for a cluster, in start order.
func (e *env) components() []string {
	if e.withAgent {
		return componentOrder
	}
	return componentOrder[:len(componentOrder)-1]
}

func cmdUp(e *env, args []string) error {
	fs := flag.NewFlagSet("up", flag.ContinueOnError)
	noAgent := fs.Bool("no-agent", false, "start control planes only, no node agents")
	timeout := fs.Duration("timeout", 180*time.Second, "how long to wait for each cluster to become healthy")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cs, err := e.clusters(fs.Args())
	if err != nil {
		return err
	}
	if err := e.resolveBinaries(!*noAgent); err != nil {
		return err
	}
	if !*noAgent && !e.withAgent {
		fmt.Printf("no %s: starting control planes without node agents\n", e.agentScript)
	}
	start := time.Now()
	errs := parallel(cs, func(c *Cluster) error {
		t0 := time.Now()
		if err := c.up(*timeout); err != nil {
			return err
		}
		fmt.Printf("%s: ready in %.1fs (API %s, kubeconfig %s)\n", c.Name(), time.Since(t0).Seconds(), c.APIServerURL(), c.Kubeconfig())
		return nil
	})
	if errs != nil {
		return errs
	}
	fmt.Printf("all %d clusters ready in %.1fs\n", len(cs), time.Since(start).Seconds())
	return nil
}

// up starts whatever is not running yet and waits for every component to be healthy:
// etcd, then the API server, then controller-manager, scheduler and node agent together.
func (c *Cluster) up(timeout time.Duration) error {
	if err := c.writeClusterFiles(); err != nil {
		return err
	}
	ctx := context.Background()
	deadline := time.Now().Add(timeout)
	stages := [][]string{{"etcd"}, {"apiserver"}, {"controller-manager", "scheduler"}}
	if c.env.withAgent {
		stages[2] = append(stages[2], "node-agent")
	}
	// Check every port before launching anything, so a taken port never leaves half a
	// cluster running.
	for _, stage := range stages {
		for _, comp := range stage {
			p, err := c.proc(comp)
			if err != nil {
				return err
			}
			if _, ok := p.running(); !ok {
				if err := checkPorts(p); err != nil {
					return err
				}
			}
		}
	}
	for _, stage := range stages {
		type launched struct {
			p procSpec
			s *started
		}
		var ls []launched
		for _, comp := range stage {
			p, s, err := c.ensureStarted(comp)
			if err != nil {
				return err
			}
			ls = append(ls, launched{p, s})
		}
		for _, l := range ls {
			if err := c.waitHealthy(ctx, l.p, l.s, time.Until(deadline)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ensureStarted launches a component unless our instance already runs (then s is nil).
func (c *Cluster) ensureStarted(component string) (procSpec, *started, error) {
	p, err := c.proc(component)
	if err != nil {
		return p, nil, err
	}
	if _, ok := p.running(); ok {
		return p, nil, nil
	}
	if err := checkPorts(p); err != nil {
		return p, nil, err
	}
	s, err := launch(p)
	return p, s, err
}

func cmdDown(e *env, args []string) error {
	cs, err := e.clusters(args)
	if err != nil {
		return err
	}
	return parallel(cs, func(c *Cluster) error {
		var stopped []string
		// Reverse start order, proxy first: nothing should talk to a dying API server.
		for _, comp := range []string{"proxy", "node-agent", "scheduler", "controller-manager", "apiserver", "etcd"} {
			p, err := c.proc(comp)
			if err != nil {
				return err
			}
			was, err := stopProcess(p, stopGrace(comp))
			if err != nil {
				return err
			}
			if was {
				stopped = append(stopped, comp)
			}
		}
		if len(stopped) == 0 {
			fmt.Printf("%s: nothing running\n", c.Name())
		} else {
			fmt.Printf("%s: stopped %s\n", c.Name(), strings.Join(stopped, ", "))
		}
		return nil
	})
}

// stopGrace: the node agent gets longer so it can stop its pods' processes itself. The API
// server closes its listener at once on SIGTERM but then waits for open watch connections of
// still-running clients (up to a minute); its state is in etcd, so after 3 s it is killed.
func stopGrace(component string) time.Duration {
	switch component {
	case "node-agent":
		return 20 * time.Second
	case "apiserver":
		return 3 * time.Second
	}
	return 10 * time.Second
}

func cmdStop(e *env, args []string) error {
	c, comp, err := clusterAndComponent(e, "stop", args)
	if err != nil {
		return err
	}
	p, err := c.proc(comp)
	if err != nil {
		return err
	}
	was, err := stopProcess(p, stopGrace(comp))
	if err != nil {
		return err
	}
	if !was {
		fmt.Printf("%s %s was not running\n", c.Name(), comp)
		return nil
	}
	fmt.Printf("%s %s stopped\n", c.Name(), comp)
	return nil
}

func cmdStart(e *env, args []string) error {
	c, comp, err := clusterAndComponent(e, "start", args)
	if err != nil {
		return err
	}
	if err := e.resolveBinaries(comp == "node-agent"); err != nil {
		return err
	}
	if comp == "node-agent" && e.agentBin == "" {
		return fmt.Errorf("no node agent: %s does not exist", e.agentScript)
	}
	if err := c.writeClusterFiles(); err != nil {
		return err
	}
	t0 := time.Now()
	p, s, err := c.ensureStarted(comp)
	if err != nil {
		return err
	}
	if err := c.waitHealthy(context.Background(), p, s, 120*time.Second); err != nil {
		return err
	}
	fmt.Printf("%s %s healthy in %.1fs\n", c.Name(), comp, time.Since(t0).Seconds())
	return nil
}

func clusterAndComponent(e *env, verb string, args []string) (*Cluster, string, error) {
	if len(args) != 2 {
		return nil, "", fmt.Errorf("usage: clusters %s NAME COMPONENT (COMPONENT: %s)", verb, strings.Join(componentOrder, ", "))
	}
	c, err := e.cluster(args[0])
	if err != nil {
		return nil, "", err
	}
	for _, comp := range componentOrder {
		if comp == args[1] {
			return c, comp, nil
		}
	}
	return nil, "", fmt.Errorf("unknown component %q; allowed: %s", args[1], strings.Join(componentOrder, ", "))
}

func cmdStatus(e *env, args []string) error {
	cs, err := e.clusters(args)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CLUSTER\tCOMPONENT\tPID\tPORT\tHEALTH\tRSS")
	var total int64
	healthy := true
	for _, c := range cs {
		for _, comp := range append(append([]string{}, componentOrder...), "proxy") {
			p, err := c.proc(comp)
			if err != nil {
				return err
			}
			pid, ok := p.running()
			port := p.ports[0].port
			if !ok {
				if comp != "proxy" && (comp != "node-agent" || exists(e.agentScript)) {
					healthy = false
				}
				if comp == "proxy" {
					continue // only listed while it runs
				}
				fmt.Fprintf(w, "%s\t%s\t-\t%d\tstopped\t-\n", c.Name(), comp, port)
				continue
			}
			health := "ok"
			if err := c.probe(comp); err != nil {
				health = "unhealthy: " + firstLine(err.Error())
				healthy = false
			}
			rss := rssTree(pid)
			total += rss
			fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\t%d MiB\n", c.Name(), comp, pid, port, health, rss>>20)
		}
	}
	w.Flush()
	fmt.Printf("total RSS of running components: %d MiB\n", total>>20)
	if !healthy {
		return exitCode(3)
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 100 {
		s = s[:100] + "..."
	}
	return s
}

// parallel runs f for every cluster concurrently and joins the errors.
func parallel(cs []*Cluster, f func(*Cluster) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(cs))
	for i, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(c)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
