package main

// The supervisor is this binary re-executed as `node-agent supervise`, one per container run. It
// starts the container's process in its own process group, copies its output into the CRI log
// file, and records the real exit code in the run's state file. It lives in its own session, so
// a node-agent restart does not lose a running container or its exit code: the new agent adopts
// the run by reading the state file.

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"mapbench.io/local/agent/internal/crilog"
)

// RunState is the state file of one container run (containers/<name>/<restart>.state.json).
type RunState struct {
	SupervisorPID int       `json:"supervisorPid"`
	PID           int       `json:"pid,omitempty"` // also the process group id
	StartedAt     time.Time `json:"startedAt"`
	Exited        bool      `json:"exited"`
	ExitCode      int32     `json:"exitCode"`
	Signal        int32     `json:"signal,omitempty"`
	FinishedAt    time.Time `json:"finishedAt,omitempty"`
	StartError    string    `json:"startError,omitempty"`
}

func readRunState(path string) (*RunState, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s RunState
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &s, nil
}

// writeRunState replaces the file atomically so a reader never sees half a document.
func writeRunState(path string, s *RunState) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func supervise(args []string) int {
	fs := flag.NewFlagSet("supervise", flag.ContinueOnError)
	state := fs.String("state", "", "run state file to write")
	logPath := fs.String("log", "", "CRI log file to append output to")
	dir := fs.String("dir", "", "working directory of the process")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	argv := fs.Args()
	if *state == "" || *logPath == "" || len(argv) == 0 {
		fmt.Fprintln(os.Stderr, "usage: node-agent supervise --state FILE --log FILE [--dir DIR] -- PROGRAM [ARGS...]")
		return 2
	}
	// The agent may be stopped or restarted while this process keeps the container alive. The
	// signals are caught and dropped, not ignored: an ignored disposition would be inherited by
	// the container's process across exec and make it deaf to SIGTERM.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for range sigs {
		}
	}()

	st := &RunState{SupervisorPID: os.Getpid(), StartedAt: time.Now()}
	fail := func(err error) int {
		st.Exited, st.ExitCode, st.FinishedAt, st.StartError = true, 128, time.Now(), err.Error()
		writeRunState(*state, st)
		return 0
	}
	logFile, err := os.OpenFile(*logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fail(err)
	}
	defer logFile.Close()
	w := crilog.NewWriter(logFile)

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = *dir
	cmd.Env = os.Environ()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fail(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return fail(err)
	}
	if err := cmd.Start(); err != nil {
		w.Copy("stderr", strings.NewReader(fmt.Sprintf("node-agent: cannot start %s: %v\n", argv[0], err)))
		return fail(err)
	}
	st.PID, st.StartedAt = cmd.Process.Pid, time.Now()
	if err := writeRunState(*state, st); err != nil {
		fmt.Fprintf(os.Stderr, "supervise: %v\n", err)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); w.Copy("stdout", stdout) }()
	go func() { defer wg.Done(); w.Copy("stderr", stderr) }()
	wg.Wait()
	err = cmd.Wait()
	st.Exited, st.FinishedAt = true, time.Now()
	var ee *exec.ExitError
	switch {
	case err == nil:
		st.ExitCode = 0
	case errors.As(err, &ee):
		ws := ee.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			// Shells and container runtimes report death by signal N as 128+N.
			st.Signal = int32(ws.Signal())
			st.ExitCode = 128 + int32(ws.Signal())
		} else {
			st.ExitCode = int32(ws.ExitStatus())
		}
	default:
		st.ExitCode, st.StartError = 128, err.Error()
	}
	if err := writeRunState(*state, st); err != nil {
		fmt.Fprintf(os.Stderr, "supervise: %v\n", err)
		return 1
	}
	return 0
}

// supervisorAlive tells whether pid is still the supervisor of the run whose state file is
// statePath (pids are reused, so the command line must name the state file).
func supervisorAlive(pid int, statePath string) bool {
	if pid <= 0 {
		return false
	}
	cmdline, err := os.ReadFile(filepath.Join("/proc", fmt.Sprint(pid), "cmdline"))
	if err != nil {
		return false
	}
	stat, err := os.ReadFile(filepath.Join("/proc", fmt.Sprint(pid), "stat"))
	if err == nil && isZombie(string(stat)) {
		return false
	}
	return containsArg(cmdline, statePath)
}

func isZombie(stat string) bool {
	// Format: pid (comm) state ...; comm may contain spaces and parentheses.
	i := lastIndexByte(stat, ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

func lastIndexByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func containsArg(cmdline []byte, arg string) bool {
	start := 0
	for i, b := range cmdline {
		if b == 0 {
			if string(cmdline[start:i]) == arg {
				return true
			}
			start = i + 1
		}
	}
	return false
}
