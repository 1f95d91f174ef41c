package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Process handling: every process `up`/`start` launches gets a pid file; `down`/`stop` kill only
// a pid whose /proc/<pid>/cmdline still names the component and this cluster's state directory,
// so a recycled pid belonging to something else is never signalled.

// procSpec is everything needed to launch and recognise one long-running process.
type procSpec struct {
	cluster   string
	component string   // apiserver, controller-manager, scheduler, etcd, node-agent, proxy
	argv      []string // argv[0] is the executable
	env       []string // added to the inherited environment
	ports     []namedPort
	pidFile   string
	logFile   string
	marker    string // the cluster dir: every genuine instance names it (or a path below it)
	ident     string // an exact argument only this component has (e.g. the multi-call name)
}

type namedPort struct {
	name string
	port int
}

// running returns the pid recorded in the pid file if that process is alive and is ours.
func (p procSpec) running() (int, bool) {
	pid, err := readPidFile(p.pidFile)
	if err != nil {
		return 0, false
	}
	return pid, isOurs(pid, p)
}

func readPidFile(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 1 {
		return 0, fmt.Errorf("%s: %q is not a pid", path, strings.TrimSpace(string(b)))
	}
	return pid, nil
}

// isOurs checks that pid is alive (not a zombie) and that its command line contains both the
// component's marker and its executable, as written by start.
func isOurs(pid int, p procSpec) bool {
	if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err != nil {
		return false
	} else if i := bytes.LastIndexByte(stat, ')'); i > 0 && len(stat) > i+2 && (stat[i+2] == 'Z' || stat[i+2] == 'X') {
		return false
	}
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || len(raw) == 0 {
		return false
	}
	args := strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
	return cmdlineMatches(args, p.ident, p.marker)
}

// cmdlineMatches recognises a live command line as one of ours: it has the component's
// identifying argument and names the cluster directory (exactly, or as a path prefix). The
// executable path is not compared so that `down` works without resolving (or rebuilding) it.
func cmdlineMatches(live []string, ident, marker string) bool {
	hasIdent, hasMarker := false, false
	for _, a := range live[min(1, len(live)):] {
		if a == ident {
			hasIdent = true
		}
		if a == marker || strings.Contains(a, marker+"/") {
			hasMarker = true
		}
	}
	return hasIdent && hasMarker
}

// portBusyPatience is how long checkPorts waits for a port another process holds only briefly.
// On a busy machine (parallel tests, other clusters starting), a port of ours was seen taken for
// a moment and free again a second later; failing at once made `clusters up` flaky.
var portBusyPatience = 5 * time.Second

// checkPorts fails naming the port and component when something listens there for longer than
// portBusyPatience.
func checkPorts(p procSpec) error {
	for _, np := range p.ports {
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(np.port))
		l, err := net.Listen("tcp", addr)
		for deadline := time.Now().Add(portBusyPatience); err != nil && time.Now().Before(deadline); {
			time.Sleep(250 * time.Millisecond)
			l, err = net.Listen("tcp", addr)
		}
		if err != nil {
			return fmt.Errorf("%s: port %d (%s %s) is taken: %v; stop whatever listens there (ss -ltnp 'sport = :%d') or set MAPBENCH_PORT_BASE to another base",
				p.cluster, np.port, p.component, np.name, errors.Unwrap(err), np.port)
		}
		l.Close()
	}
	return nil
}

// started is a process launched by this invocation; exited is closed when it ends, so waits
// for health can stop early and show the log instead of timing out.
type started struct {
	pid    int
	exited chan struct{}
	err    error
}

func launch(p procSpec) (*started, error) {
	if err := os.MkdirAll(filepath.Dir(p.logFile), 0o755); err != nil {
		return nil, err
	}
	logf, err := os.OpenFile(p.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	fmt.Fprintf(logf, "\n==== %s: starting %s\n", time.Now().UTC().Format(time.RFC3339), strings.Join(p.argv, " "))
	cmd := exec.Command(p.argv[0], p.argv[1:]...)
	cmd.Env = append(os.Environ(), p.env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	// Own session: the process survives this command's exit and a Ctrl-C in the user's shell.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", p.cluster, p.component, err)
	}
	if err := writeFileAtomic(p.pidFile, []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644); err != nil {
		_ = cmd.Process.Kill()
		return nil, err
	}
	s := &started{pid: cmd.Process.Pid, exited: make(chan struct{})}
	go func() {
		s.err = cmd.Wait()
		close(s.exited)
	}()
	return s, nil
}

// stopProcess sends SIGTERM, waits for a graceful exit, then SIGKILL. It returns false when
// nothing of ours was running.
func stopProcess(p procSpec, grace time.Duration) (bool, error) {
	pid, ok := p.running()
	if !ok {
		_ = os.Remove(p.pidFile)
		return false, nil
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return true, fmt.Errorf("%s %s: SIGTERM pid %d: %w", p.cluster, p.component, pid, err)
	}
	deadline := time.Now().Add(grace)
	for time.Now().Before(deadline) {
		if !isOurs(pid, p) {
			_ = os.Remove(p.pidFile)
			return true, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The whole process group (own session, see launch): a supervisor's child or a node
	// agent's pods must not outlive it.
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	_ = syscall.Kill(pid, syscall.SIGKILL)
	for i := 0; i < 100 && isOurs(pid, p); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if isOurs(pid, p) {
		return true, fmt.Errorf("%s %s: pid %d survived SIGKILL", p.cluster, p.component, pid)
	}
	_ = os.Remove(p.pidFile)
	return true, nil
}

// rssTree is the resident memory of a process and all its descendants (a supervisor and its
// component, an agent and its pods).
func rssTree(pid int) int64 {
	total := rssBytes(pid)
	for _, child := range childPids(pid) {
		total += rssTree(child)
	}
	return total
}

// childPids lists a process's children. /proc/<pid>/task/<tid>/children is per thread, and Go
// starts children from any thread, so every thread is read.
func childPids(pid int) []int {
	var out []int
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	for _, t := range tasks {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", pid, t.Name()))
		for _, f := range strings.Fields(string(b)) {
			if child, err := strconv.Atoi(f); err == nil {
				out = append(out, child)
			}
		}
	}
	return out
}

// rssBytes reads VmRSS of a process (0 when unknown).
func rssBytes(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// tailFile returns the last n lines of a log, for error messages.
func tailFile(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
