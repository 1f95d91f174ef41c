package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// A userspace TCP proxy in front of a cluster's API server, simulating a slow or broken edge
// link. TLS passes through untouched (the API server's certificate is valid for 127.0.0.1, so
// proxy.kubeconfig only changes the port). The proxy re-reads its control file (proxy.json)
// every 100 ms, so latency and drop can be changed while clients stay connected.
//
// Latency is round-trip: half of it delays every chunk client->server, half server->client, so
// a request/response on an open connection takes `latency` longer. Drop closes every open
// connection (with RST) and refuses new ones until turned off (a link that fails fast).
// Blackhole silently discards all traffic, on open and new connections, so clients hang until
// their own timeouts (a partitioned link); turning it off resets the connections it starved.

// proxyControl is the content of proxy.json.
type proxyControl struct {
	Latency   string `json:"latency"` // Go duration, e.g. "200ms"
	Drop      bool   `json:"drop"`
	Blackhole bool   `json:"blackhole"`
}

func (pc proxyControl) latency() (time.Duration, error) {
	if pc.Latency == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(pc.Latency)
	if err != nil || d < 0 || d > time.Minute {
		return 0, fmt.Errorf("latency %q is not allowed: use a Go duration between 0 and 1m, e.g. 200ms", pc.Latency)
	}
	return d, nil
}

func cmdProxy(e *env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: clusters proxy NAME [--latency 200ms] [--drop|--no-drop] [--blackhole|--no-blackhole] | clusters proxy NAME --stop")
	}
	c, err := e.cluster(args[0])
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("proxy", flag.ContinueOnError)
	latency := fs.String("latency", "", "added round-trip latency (Go duration); unchanged when omitted on a running proxy, 0 on a new one")
	drop := fs.Bool("drop", false, "close open connections and refuse new ones")
	noDrop := fs.Bool("no-drop", false, "accept connections again")
	blackhole := fs.Bool("blackhole", false, "silently discard all traffic (clients time out)")
	noBlackhole := fs.Bool("no-blackhole", false, "forward traffic again")
	stop := fs.Bool("stop", false, "stop the proxy")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %v", fs.Args())
	}
	p, err := c.proc("proxy")
	if err != nil {
		return err
	}
	if *stop {
		was, err := stopProcess(p, 5*time.Second)
		if err != nil {
			return err
		}
		_ = os.Remove(c.path("proxy.json"))
		fmt.Printf("%s proxy %s\n", c.Name(), map[bool]string{true: "stopped", false: "was not running"}[was])
		return nil
	}
	if *drop && *noDrop {
		return errors.New("--drop and --no-drop contradict each other; pass one")
	}
	if *blackhole && *noBlackhole {
		return errors.New("--blackhole and --no-blackhole contradict each other; pass one")
	}
	_, running := p.running()
	ctl := proxyControl{Latency: "0s"}
	if running {
		if old, err := readProxyControl(c.path("proxy.json")); err == nil {
			ctl = old
		}
	}
	if *latency != "" {
		ctl.Latency = *latency
	}
	if *drop {
		ctl.Drop = true
	}
	if *noDrop {
		ctl.Drop = false
	}
	if *blackhole {
		ctl.Blackhole = true
	}
	if *noBlackhole {
		ctl.Blackhole = false
	}
	if _, err := ctl.latency(); err != nil {
		return fmt.Errorf("--latency: %w", err)
	}
	if err := c.writeClusterFiles(); err != nil {
		return err
	}
	if err := writeProxyControl(c.path("proxy.json"), ctl); err != nil {
		return err
	}
	if err := writeKubeconfig(c.path("proxy.kubeconfig"), c.Name(), fmt.Sprintf("https://127.0.0.1:%d", c.Ports.Proxy), c.PKI, "admin"); err != nil {
		return err
	}
	if running {
		// The daemon polls the control file; wait until it has surely seen the change.
		time.Sleep(250 * time.Millisecond)
	} else {
		if err := checkPorts(p); err != nil {
			return err
		}
		s, err := launch(p)
		if err != nil {
			return err
		}
		if err := c.waitHealthy(context.Background(), p, s, 10*time.Second); err != nil {
			return err
		}
	}
	fmt.Printf("%s proxy 127.0.0.1:%d -> 127.0.0.1:%d latency=%s drop=%v blackhole=%v kubeconfig=%s\n",
		c.Name(), c.Ports.Proxy, c.Ports.APIServer, ctl.Latency, ctl.Drop, ctl.Blackhole, c.path("proxy.kubeconfig"))
	return nil
}

func readProxyControl(path string) (proxyControl, error) {
	var pc proxyControl
	b, err := os.ReadFile(path)
	if err != nil {
		return pc, err
	}
	if err := json.Unmarshal(b, &pc); err != nil {
		return pc, fmt.Errorf("%s: %w", path, err)
	}
	return pc, nil
}

func writeProxyControl(path string, pc proxyControl) error {
	b, _ := json.Marshal(pc)
	return writeFileAtomic(path, append(b, '\n'), 0o644)
}

// proxyServe is the daemon behind `clusters proxy` (hidden command proxy-serve).
func proxyServe(args []string) error {
	fs := flag.NewFlagSet("proxy-serve", flag.ContinueOnError)
	listen := fs.String("listen", "", "loopback address to listen on")
	target := fs.String("target", "", "loopback address to forward to")
	control := fs.String("control", "", "control file (proxy.json)")
	_ = fs.String("state-dir", "", "cluster directory (identifies the process)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for name, addr := range map[string]string{"--listen": *listen, "--target": *target} {
		if err := requireLoopback(addr); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	px := newProxy(l, *target)
	go px.watchControl(*control, 100*time.Millisecond)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() { <-sig; px.close() }()
	return px.serve()
}

// requireLoopback: the proxy only ever targets or exposes loopback addresses.
func requireLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port: %w", addr, err)
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%q is not a loopback address; only 127.0.0.0/8 or ::1 are allowed", addr)
	}
	return nil
}

type proxy struct {
	l       net.Listener
	target  string
	latency atomic.Int64 // round-trip, nanoseconds
	drop    atomic.Bool
	hole    atomic.Bool
	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	closed  atomic.Bool
}

func newProxy(l net.Listener, target string) *proxy {
	return &proxy{l: l, target: target, conns: map[net.Conn]struct{}{}}
}

func (px *proxy) setControl(pc proxyControl) {
	if d, err := pc.latency(); err == nil {
		px.latency.Store(int64(d))
	}
	if pc.Drop && !px.drop.Swap(true) {
		px.closeConns()
	} else if !pc.Drop {
		px.drop.Store(false)
	}
	if !pc.Blackhole && px.hole.Swap(false) {
		px.closeConns() // their streams lost bytes: TLS cannot continue
	} else if pc.Blackhole {
		px.hole.Store(true)
	}
}

func (px *proxy) watchControl(path string, every time.Duration) {
	var last string
	for !px.closed.Load() {
		if b, err := os.ReadFile(path); err == nil && string(b) != last {
			var pc proxyControl
			if json.Unmarshal(b, &pc) == nil {
				px.setControl(pc)
				last = string(b)
			}
		}
		time.Sleep(every)
	}
}

func (px *proxy) serve() error {
	for {
		c, err := px.l.Accept()
		if err != nil {
			if px.closed.Load() {
				return nil
			}
			return err
		}
		if px.drop.Load() {
			reset(c)
			continue
		}
		if px.hole.Load() {
			go px.swallow(c)
			continue
		}
		go px.handle(c)
	}
}

func (px *proxy) handle(client net.Conn) {
	upstream, err := net.DialTimeout("tcp", px.target, 5*time.Second)
	if err != nil {
		reset(client)
		return
	}
	if !px.track(client, upstream) {
		reset(client)
		upstream.Close()
		return
	}
	defer px.untrack(client, upstream)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); px.pipe(upstream, client) }()
	go func() { defer wg.Done(); px.pipe(client, upstream) }()
	wg.Wait()
}

// pipe copies src to dst, delivering each chunk half the round-trip latency after it was read.
// Reading and writing run separately so the delay does not throttle throughput.
func (px *proxy) pipe(dst, src net.Conn) {
	type chunk struct {
		data []byte
		due  time.Time
	}
	ch := make(chan chunk, 256)
	go func() {
		defer close(ch)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				ch <- chunk{buf[:n], time.Now().Add(time.Duration(px.latency.Load() / 2))}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range ch {
		time.Sleep(time.Until(c.due))
		if px.hole.Load() {
			continue // partitioned: the bytes are lost
		}
		if _, err := dst.Write(c.data); err != nil {
			break
		}
	}
	// Propagate EOF (half-close) so request/response protocols finish cleanly.
	if tc, ok := dst.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
	} else {
		dst.Close()
	}
	for range ch { // drain so the reader goroutine can exit
	}
}

// swallow reads and discards what a client sends while the link is blackholed; the client's
// connection is tracked so turning the blackhole off resets it.
func (px *proxy) swallow(c net.Conn) {
	if !px.track(c) {
		reset(c)
		return
	}
	defer px.untrack(c)
	_, _ = io.Copy(io.Discard, c)
}

func (px *proxy) track(cs ...net.Conn) bool {
	px.mu.Lock()
	defer px.mu.Unlock()
	if px.drop.Load() {
		return false
	}
	for _, c := range cs {
		px.conns[c] = struct{}{}
	}
	return true
}

func (px *proxy) untrack(cs ...net.Conn) {
	px.mu.Lock()
	defer px.mu.Unlock()
	for _, c := range cs {
		delete(px.conns, c)
		c.Close()
	}
}

func (px *proxy) closeConns() {
	px.mu.Lock()
	defer px.mu.Unlock()
	for c := range px.conns {
		reset(c)
	}
}

func (px *proxy) close() {
	px.closed.Store(true)
	px.l.Close()
	px.closeConns()
}

// reset closes with RST (SO_LINGER 0), like a broken link, so clients fail at once.
func reset(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	c.Close()
}
