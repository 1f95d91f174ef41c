package main

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCmdlineMatches(t *testing.T) {
	tests := []struct {
		name   string
		live   []string
		ident  string
		marker string
		want   bool
	}{
		{"ours", []string{"/c/kube", "apiserver", "--tls-cert-file=/s/hub/pki/a.crt"}, "apiserver", "/s/hub", true},
		{"exact dir arg", []string{"/a/agent", "--cluster", "hub", "--state-dir", "/s/hub"}, "--cluster", "/s/hub", true},
		{"other component", []string{"/c/kube", "scheduler", "--kubeconfig=/s/hub/k"}, "apiserver", "/s/hub", false},
		{"other cluster", []string{"/c/kube", "apiserver", "--tls-cert-file=/s/hub2/pki/a.crt"}, "apiserver", "/s/hub", false},
		{"recycled pid", []string{"/usr/bin/vim", "notes.txt"}, "apiserver", "/s/hub", false},
		{"ident only in argv0", []string{"apiserver", "/s/hub/x"}, "apiserver", "/s/hub", false},
		{"empty", nil, "apiserver", "/s/hub", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cmdlineMatches(tt.live, tt.ident, tt.marker); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// A real process is launched, recognised through its pid file and command line, and stopped.
func TestLaunchRunningStop(t *testing.T) {
	dir := t.TempDir()
	p := procSpec{
		cluster: "t", component: "sleeper",
		// sh -c ... ident marker: $0 and $1 land in the command line as plain arguments.
		argv:    []string{"/bin/sh", "-c", "sleep 60", "sleeper", dir + "/x"},
		pidFile: filepath.Join(dir, "sleeper.pid"),
		logFile: filepath.Join(dir, "logs", "sleeper.log"),
		marker:  dir, ident: "sleeper",
	}
	s, err := launch(p)
	if err != nil {
		t.Fatal(err)
	}
	pid, ok := p.running()
	if !ok || pid != s.pid {
		t.Fatalf("running() = %d, %v; want %d, true", pid, ok, s.pid)
	}
	other := p
	other.marker = filepath.Join(dir, "elsewhere")
	if _, ok := other.running(); ok {
		t.Error("a process of another cluster directory was taken for ours")
	}
	was, err := stopProcess(p, 5*time.Second)
	if err != nil || !was {
		t.Fatalf("stop = %v, %v", was, err)
	}
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
		t.Fatal("process still alive after stop")
	}
	if _, err := os.Stat(p.pidFile); !os.IsNotExist(err) {
		t.Error("pid file left behind")
	}
	if was, err := stopProcess(p, time.Second); was || err != nil {
		t.Errorf("second stop = %v, %v; want false, nil", was, err)
	}
}

// A stale pid file pointing at an unrelated live process (here: the test itself) is not ours.
func TestStalePidFileIsNotOurs(t *testing.T) {
	dir := t.TempDir()
	p := procSpec{pidFile: filepath.Join(dir, "x.pid"), marker: dir, ident: "apiserver"}
	os.WriteFile(p.pidFile, []byte(strconv.Itoa(os.Getpid())), 0o644)
	if _, ok := p.running(); ok {
		t.Fatal("the test process was taken for an apiserver")
	}
	if was, err := stopProcess(p, time.Second); was || err != nil {
		t.Fatalf("stop = %v, %v; must not signal a foreign process", was, err)
	}
}

func TestCheckPortsWaitsForABrieflyHeldPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	time.AfterFunc(time.Second, func() { l.Close() })
	if err := checkPorts(procSpec{cluster: "hub", component: "etcd", ports: []namedPort{{"client", port}}}); err != nil {
		t.Fatalf("a port held for 1s (patience %v) was reported taken: %v", portBusyPatience, err)
	}
}

func TestCheckPortsNamesPortAndComponent(t *testing.T) {
	defer func(p time.Duration) { portBusyPatience = p }(portBusyPatience)
	portBusyPatience = 500 * time.Millisecond
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	err = checkPorts(procSpec{cluster: "cloud-1", component: "apiserver", ports: []namedPort{{"secure", port}}})
	want := "cloud-1: port " + strconv.Itoa(port) + " (apiserver secure) is taken"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want it to contain %q", err, want)
	}
	l.Close()
	if err := checkPorts(procSpec{ports: []namedPort{{"secure", port}}}); err != nil {
		t.Fatalf("free port reported taken: %v", err)
	}
}
