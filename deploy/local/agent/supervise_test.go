package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"mapbench.io/local/agent/internal/crilog"
)

// runSupervisor runs this test binary's supervise() in a real child process.
func runSupervisor(t *testing.T, script string) (*RunState, string) {
	t.Helper()
	dir := t.TempDir()
	state, logPath := filepath.Join(dir, "0.state.json"), filepath.Join(dir, "0.log")
	cmd := exec.Command(os.Args[0], "-test.run=TestHelperSupervisor", "--", "--state", state, "--log", logPath, "--dir", dir, "--", "/bin/sh", "-c", script)
	cmd.Env = append(os.Environ(), "AGENT_HELPER_SUPERVISOR=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("supervisor: %v\n%s", err, out)
	}
	s, err := readRunState(state)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := crilog.Stream(t.Context(), logPath, crilog.Options{}, &b, func() bool { return true }); err != nil {
		t.Fatal(err)
	}
	return s, b.String()
}

// TestHelperSupervisor is the child side of runSupervisor.
func TestHelperSupervisor(t *testing.T) {
	if os.Getenv("AGENT_HELPER_SUPERVISOR") != "1" {
		t.Skip("helper process")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(supervise(args))
}

func TestSupervisorRecordsExitAndOutput(t *testing.T) {
	cases := []struct {
		name, script string
		exit         int32
		signal       int32
		log          string
	}{
		{"success", "echo out; sleep 0.3; echo err >&2", 0, 0, "out\nerr\n"},
		{"exit code", "echo failing; exit 42", 42, 0, "failing\n"},
		{"killed by signal", "kill -KILL $$", 137, 9, ""},
		{"missing program", "exec /nonexistent/program", 127, 0, "/bin/sh: 1: exec: /nonexistent/program: not found\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, log := runSupervisor(t, c.script)
			if !s.Exited || s.ExitCode != c.exit || s.Signal != c.signal || s.PID == 0 || s.FinishedAt.Before(s.StartedAt) {
				t.Fatalf("state %+v, want exit %d signal %d", s, c.exit, c.signal)
			}
			if log != c.log {
				t.Fatalf("log %q, want %q", log, c.log)
			}
		})
	}
}

// The supervisor survives SIGTERM meant for the agent, but its container must still die of it.
func TestSupervisedProcessDoesNotInheritIgnoredSignals(t *testing.T) {
	_, log := runSupervisor(t, "grep SigIgn /proc/self/status")
	fields := strings.Fields(log)
	if len(fields) != 2 {
		t.Fatalf("unexpected output %q", log)
	}
	mask, err := strconv.ParseUint(fields[1], 16, 64)
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []uint{1, 2, 15} { // HUP, INT, TERM
		if mask&(1<<(sig-1)) != 0 {
			t.Errorf("signal %d is ignored in the container process (SigIgn %s)", sig, fields[1])
		}
	}
}

func TestSupervisorAliveChecksCommandLine(t *testing.T) {
	cmd := exec.Command("sleep", "5")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	time.Sleep(50 * time.Millisecond)
	if !supervisorAlive(cmd.Process.Pid, "5") {
		t.Error("live process whose command line names the argument reported dead")
	}
	if supervisorAlive(cmd.Process.Pid, "/some/other/state.json") {
		t.Error("a reused pid with another command line must not count as the supervisor")
	}
	if supervisorAlive(0, "x") {
		t.Error("pid 0")
	}
}
