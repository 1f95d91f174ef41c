package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"
)

// httpClient returns a client that trusts the cluster CA and presents the admin certificate.
func (c *Cluster) httpClient(timeout time.Duration) (*http.Client, error) {
	caPEM, err := os.ReadFile(c.PKI.path("ca.crt"))
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	cert, err := tls.LoadX509KeyPair(c.PKI.path("admin.crt"), c.PKI.path("admin.key"))
	if err != nil {
		return nil, err
	}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			TLSClientConfig:   &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}},
			DisableKeepAlives: true,
		},
	}, nil
}

// probe performs one health check of a component; nil means healthy.
func (c *Cluster) probe(component string) error {
	switch component {
	case "etcd":
		return getOK(&http.Client{Timeout: 2 * time.Second}, httpURL(c.Ports.EtcdClient)+"/health")
	case "apiserver":
		return c.httpsOK(c.Ports.APIServer, "/readyz")
	case "controller-manager":
		return c.httpsOK(c.Ports.ControllerManager, "/healthz")
	case "scheduler":
		return c.httpsOK(c.Ports.Scheduler, "/healthz")
	case "node-agent":
		// The Node may still say Ready from a previous agent run: the kubelet endpoint must
		// answer too.
		if err := dialOK(c.Ports.Kubelet); err != nil {
			return fmt.Errorf("kubelet endpoint: %w", err)
		}
		return c.nodesReady()
	case "proxy":
		return dialOK(c.Ports.Proxy)
	}
	return fmt.Errorf("no probe for %q", component)
}

func dialOK(port int) error {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
	if err != nil {
		return err
	}
	return conn.Close()
}

func (c *Cluster) httpsOK(port int, path string) error {
	hc, err := c.httpClient(3 * time.Second)
	if err != nil {
		return err
	}
	return getOK(hc, fmt.Sprintf("https://127.0.0.1:%d%s", port, path))
}

func getOK(hc *http.Client, url string) error {
	resp, err := hc.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d: %s", url, resp.StatusCode, body)
	}
	return nil
}

// nodesReady checks that every node of the topology exists and has condition Ready=True.
func (c *Cluster) nodesReady() error {
	hc, err := c.httpClient(3 * time.Second)
	if err != nil {
		return err
	}
	for _, n := range c.Spec.Nodes {
		resp, err := hc.Get(c.APIServerURL() + "/api/v1/nodes/" + n.Name)
		if err != nil {
			return err
		}
		var node struct {
			Status struct {
				Conditions []struct{ Type, Status, Reason, Message string } `json:"conditions"`
			} `json:"status"`
		}
		err = json.NewDecoder(resp.Body).Decode(&node)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("node %s: HTTP %d (not registered yet?)", n.Name, resp.StatusCode)
		}
		if err != nil {
			return fmt.Errorf("node %s: %w", n.Name, err)
		}
		ready := false
		for _, cond := range node.Status.Conditions {
			if cond.Type == "Ready" && cond.Status == "True" {
				ready = true
			}
		}
		if !ready {
			return fmt.Errorf("node %s is not Ready", n.Name)
		}
	}
	return nil
}

// waitHealthy polls probe until it succeeds, the process exits, or the timeout passes; on
// failure the error carries the end of the component's log.
func (c *Cluster) waitHealthy(ctx context.Context, p procSpec, s *started, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last error
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		if last = c.probe(p.component); last == nil {
			return nil
		}
		var exited <-chan struct{}
		if s != nil {
			exited = s.exited
		}
		select {
		case <-exited:
			return fmt.Errorf("%s %s exited during startup (%v); last lines of %s:\n%s", c.Name(), p.component, s.err, p.logFile, tailFile(p.logFile, 15))
		case <-ctx.Done():
			return fmt.Errorf("%s %s not healthy after %s: %v; last lines of %s:\n%s", c.Name(), p.component, timeout, last, p.logFile, tailFile(p.logFile, 15))
		case <-tick.C:
		}
	}
}
