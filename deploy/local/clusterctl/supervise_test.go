package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets tests run this package's command in a child process (the test binary itself),
// so daemon commands are exercised with real signals and processes.
func TestMain(m *testing.M) {
	if os.Getenv("CLUSTERCTL_TEST_MAIN") == "1" {
		if err := run(os.Args[1:]); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func selfCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CLUSTERCTL_TEST_MAIN=1")
	return cmd
}

func lines(path string) []string {
	b, _ := os.ReadFile(path)
	return strings.Fields(string(b))
}

func TestSuperviseRestartsAndForwardsSignals(t *testing.T) {
	dir := t.TempDir()
	starts, terms := filepath.Join(dir, "starts"), filepath.Join(dir, "terms")
	// The child records each start, exits with 1 after its first run and otherwise waits for
	// SIGTERM, recording it.
	script := `echo s >> ` + starts + `
if [ "$(wc -l < ` + starts + `)" -lt 2 ]; then exit 1; fi
trap 'echo t >> ` + terms + `; exit 0' TERM
while :; do sleep 0.05; done`
	cmd := selfCommand("supervise", "--name", "child", "--", "/bin/sh", "-c", script)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(lines(starts)) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := len(lines(starts)); n != 2 {
		t.Fatalf("child started %d times, want 2 (restart after exit status 1)", n)
	}
	time.Sleep(200 * time.Millisecond) // let the child install its trap
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("supervisor exited with %v, want 0", err)
		}
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("supervisor did not exit after SIGTERM")
	}
	if n := len(lines(terms)); n != 1 {
		t.Errorf("child got SIGTERM %d times, want 1", n)
	}
	if n := len(lines(starts)); n != 2 {
		t.Errorf("child restarted after a requested stop (%d starts)", n)
	}
}

func TestSuperviseUsage(t *testing.T) {
	out, err := selfCommand("supervise", "--name", "x").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "usage: supervise --name NAME -- COMMAND") {
		t.Fatalf("err=%v out=%s", err, out)
	}
}
