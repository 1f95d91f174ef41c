package main

import (
	"bufio"
	"net"
	"strings"
	"testing"
	"time"
)

// echoServer answers every line with the same line.
func echoServer(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					c.Write([]byte(line))
				}
			}()
		}
	}()
	return l.Addr().String()
}

func startProxy(t *testing.T, target string) (*proxy, string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	px := newProxy(l, target)
	go px.serve()
	t.Cleanup(px.close)
	return px, l.Addr().String()
}

// roundTrip sends one line on an open connection and returns how long the echo took.
func roundTrip(t *testing.T, r *bufio.Reader, c net.Conn) (time.Duration, error) {
	t0 := time.Now()
	if _, err := c.Write([]byte("ping\n")); err != nil {
		return 0, err
	}
	line, err := r.ReadString('\n')
	if err == nil && line != "ping\n" {
		t.Fatalf("echo = %q", line)
	}
	return time.Since(t0), err
}

// dialWorking opens a connection through the proxy and proves it works with one round trip
// (when says at which point of the test, for the failure message).
func dialWorking(t *testing.T, addr, when string) (net.Conn, *bufio.Reader, time.Duration) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	t.Cleanup(func() { c.Close() })
	r := bufio.NewReader(c)
	d, err := roundTrip(t, r, c)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	return c, r, d
}

func TestProxyAddsConfiguredRoundTripLatency(t *testing.T) {
	px, addr := startProxy(t, echoServer(t))
	c, r, base := dialWorking(t, addr, "before any setting")
	for _, lat := range []time.Duration{100 * time.Millisecond, 300 * time.Millisecond, 0} {
		// Changed at runtime on the open connection, as the control file does.
		px.setControl(proxyControl{Latency: lat.String()})
		got, err := roundTrip(t, r, c)
		if err != nil {
			t.Fatal(err)
		}
		if got < lat || got > lat+base+100*time.Millisecond {
			t.Errorf("latency %v: round trip took %v (baseline %v)", lat, got, base)
		}
		t.Logf("configured %v: measured %v", lat, got)
	}
}

func TestProxyDropClosesAndRefuses(t *testing.T) {
	px, addr := startProxy(t, echoServer(t))
	c, r, _ := dialWorking(t, addr, "before --drop")
	px.setControl(proxyControl{Drop: true})
	c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := roundTrip(t, r, c); err == nil {
		t.Fatal("open connection survived drop")
	}
	c2, err := net.Dial("tcp", addr)
	if err == nil {
		c2.SetDeadline(time.Now().Add(2 * time.Second))
		_, err = roundTrip(t, bufio.NewReader(c2), c2)
		c2.Close()
	}
	if err == nil {
		t.Fatal("new connection accepted while dropping")
	}
	px.setControl(proxyControl{Drop: false})
	dialWorking(t, addr, "after --no-drop")
}

func TestProxyBlackholeStarvesThenResets(t *testing.T) {
	px, addr := startProxy(t, echoServer(t))
	c, _, _ := dialWorking(t, addr, "before --blackhole")
	px.setControl(proxyControl{Blackhole: true})
	for name, conn := range map[string]net.Conn{"open": c, "new": nil} {
		if conn == nil {
			var err error
			if conn, err = net.Dial("tcp", addr); err != nil {
				t.Fatalf("new connection refused while blackholed (want accepted and starved): %v", err)
			}
			defer conn.Close()
		}
		conn.SetDeadline(time.Now().Add(500 * time.Millisecond))
		_, err := roundTrip(t, bufio.NewReader(conn), conn)
		if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
			t.Errorf("%s connection: error %v, want a timeout (traffic silently lost)", name, err)
		}
	}
	px.setControl(proxyControl{})
	dialWorking(t, addr, "after --no-blackhole")
}

func TestProxyControlValidation(t *testing.T) {
	tests := []struct {
		latency string
		wantErr string
	}{
		{"200ms", ""},
		{"", ""},
		{"fast", `latency "fast" is not allowed`},
		{"-1s", "is not allowed"},
		{"2m", "between 0 and 1m"},
	}
	for _, tt := range tests {
		_, err := proxyControl{Latency: tt.latency}.latency()
		if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("latency %q: error %v, want %q", tt.latency, err, tt.wantErr)
		}
	}
	for _, addr := range []string{"10.0.0.1:80", "example.com:443", "nohost"} {
		if err := requireLoopback(addr); err == nil {
			t.Errorf("requireLoopback(%q) accepted a non-loopback address", addr)
		}
	}
	if err := requireLoopback("127.0.0.1:6443"); err != nil {
		t.Error(err)
	}
}
