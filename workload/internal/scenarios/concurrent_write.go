package scenarios

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/vocab"
)

// S14: a write during range is a fatal error the program cannot recover
// from, so it runs in a child process: the binary re-executes itself with
// the hidden ChildCommand.

// ChildCommand is the hidden subcommand that runs the racy loop.
const ChildCommand = "internal-concurrent-write-child"

const (
	concurrentTrials = 3
	childRunFor      = 3 * time.Second // the child gives up (exit 0) after this
	childTimeout     = 10 * time.Second
)

// childProcsPrefix starts the child's first stderr line, which reports its GOMAXPROCS.
const childProcsPrefix = "mapbench-child gomaxprocs="

// ChildGOMAXPROCS is the GOMAXPROCS the child gets: the parent's (after --gomaxprocs), at
// least 2. On a 1-CPU pod GOMAXPROCS defaults to 1, where the write can never interleave with
// the range; a second P lets it, whatever the CPU count (the OS time-slices the threads).
func ChildGOMAXPROCS() int {
	if n := runtime.GOMAXPROCS(0); n > 2 {
		return n
	}
	return 2
}

// childSink keeps the child's loop from being optimised away.
var childSink int64

// RunConcurrentWriteChild ranges a map while another goroutine writes to
// it, until the runtime stops the process or childRunFor passes.
func RunConcurrentWriteChild(args []string) int {
	// Tell the parent what it got: with one P the ranging goroutine is never preempted in the
	// middle of the write, and the runtime's check cannot fire.
	fmt.Fprintf(os.Stderr, "%s%d\n", childProcsPrefix, runtime.GOMAXPROCS(0))
	size := 1000
	if len(args) > 0 {
		if n, err := strconv.Atoi(args[0]); err == nil && n > 0 {
			size = n
		}
	}
	keys := vocab.IntKeys(size)
	m := make(map[int64]int64, size)
	for i, k := range keys {
		m[k] = int64(i)
	}
	go func() {
		for i := 0; ; i++ {
			m[keys[i%size]] = int64(i)
		}
	}()
	deadline := time.Now().Add(childRunFor)
	for time.Now().Before(deadline) {
		for k, v := range m {
			childSink += k ^ v
		}
	}
	fmt.Println("no fatal error within", childRunFor)
	return 0
}

func observeConcurrentWrite(c Combo) result.Observation {
	obs := result.Observation{
		Scenario: "concurrent-write", KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size,
		Figures: map[string]float64{"trials": concurrentTrials, "requestedGOMAXPROCS": float64(runtime.GOMAXPROCS(0))},
		Facts:   map[string]string{},
	}
	procs := ChildGOMAXPROCS()
	exe, err := os.Executable()
	if err != nil {
		obs.Figures["childRuns"] = 0
		obs.Facts["error"] = "cannot find own executable: " + err.Error()
		obs.Summary = obs.Facts["error"]
		return obs
	}
	launchers := childLaunchers(exe)
	detected, runs, lastCode, message := 0, 0, 0, ""
	var took time.Duration
	for t := 0; t < concurrentTrials; t++ {
		code, stderr, d, launcher, err := runChild(launchers, c.Size, procs)
		if err != nil {
			obs.Facts["error"] = err.Error()
			continue
		}
		runs++
		took += d
		lastCode = code
		obs.Facts["launcher"] = launcher
		if n, ok := childProcs(stderr); ok {
			obs.Figures["childGOMAXPROCS"] = float64(n)
		}
		if line := fatalLine(stderr); line != "" {
			detected++
			message = line
		}
	}
	obs.Figures["childRuns"] = float64(runs)
	obs.Figures["detected"] = float64(detected)
	obs.Figures["exitCode"] = float64(lastCode)
	if runs > 0 {
		obs.Figures["meanSecondsToDetection"] = took.Seconds() / float64(runs)
	}
	obs.Facts["message"] = message
	obs.Summary = fmt.Sprintf("%d of %d child runs stopped by the runtime (%q, exit code %d), child GOMAXPROCS %v", detected, runs, message, lastCode, obs.Figures["childGOMAXPROCS"])
	if runs == 0 {
		obs.Summary = "no child process could be started: " + obs.Facts["error"]
	}
	return obs
}

// childLaunchers lists the ways to start the child: the executable itself,
// and under qemu-user (MAPBENCH_EMULATION) without binfmt_misc, which
// cannot exec a foreign binary, the emulator with the executable.
func childLaunchers(exe string) [][]string {
	out := [][]string{{exe}}
	if !strings.HasPrefix(os.Getenv("MAPBENCH_EMULATION"), "qemu") {
		return out
	}
	arch := map[string]string{"arm64": "aarch64", "amd64": "x86_64", "386": "i386", "arm": "arm",
		"riscv64": "riscv64", "ppc64le": "ppc64le", "s390x": "s390x"}[runtime.GOARCH]
	for _, name := range []string{"qemu-" + arch + "-static", "qemu-" + arch} {
		if path, err := exec.LookPath(name); err == nil && arch != "" {
			out = append(out, []string{path, exe})
		}
	}
	return out
}

// runChild starts the child with the first launcher that can start it and
// returns its exit code, stderr, run time and the launcher used.
func runChild(launchers [][]string, size, procs int) (int, string, time.Duration, string, error) {
	var firstErr error
	for _, l := range launchers {
		ctx, cancel := context.WithTimeout(context.Background(), childTimeout)
		args := append(append([]string{}, l[1:]...), ChildCommand, strconv.Itoa(size))
		cmd := exec.CommandContext(ctx, l[0], args...)
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(procs))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		took := time.Since(start)
		cancel()
		var exitErr *exec.ExitError
		if err == nil || errors.As(err, &exitErr) {
			code := 0
			if exitErr != nil {
				code = exitErr.ExitCode()
			}
			return code, stderr.String(), took, strings.Join(l, " "), nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return 0, "", 0, "", fmt.Errorf("cannot start the child process: %v", firstErr)
}

// childProcs reads the GOMAXPROCS the child reported.
func childProcs(stderr string) (int, bool) {
	for _, line := range strings.Split(stderr, "\n") {
		if rest, ok := strings.CutPrefix(line, childProcsPrefix); ok {
			n, err := strconv.Atoi(strings.TrimSpace(rest))
			return n, err == nil
		}
	}
	return 0, false
}

// fatalLine returns the runtime's "fatal error: ..." line, if any.
func fatalLine(stderr string) string {
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "fatal error: ") {
			return strings.TrimSpace(line)
		}
	}
	return ""
}
