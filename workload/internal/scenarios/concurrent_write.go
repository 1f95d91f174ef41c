package scenarios

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
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

// childSink keeps the child's loop from being optimised away.
var childSink int64

// RunConcurrentWriteChild ranges a map while another goroutine writes to
// it, until the runtime stops the process or childRunFor passes.
func RunConcurrentWriteChild(args []string) int {
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
		Figures: map[string]float64{"trials": concurrentTrials}, Facts: map[string]string{},
	}
	exe, err := os.Executable()
	if err != nil {
		obs.Facts["error"] = "cannot find own executable: " + err.Error()
		obs.Summary = obs.Facts["error"]
		return obs
	}
	detected, lastCode, message := 0, 0, ""
	var took time.Duration
	for t := 0; t < concurrentTrials; t++ {
		ctx, cancel := context.WithTimeout(context.Background(), childTimeout)
		cmd := exec.CommandContext(ctx, exe, ChildCommand, strconv.Itoa(c.Size))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		took += time.Since(start)
		cancel()
		code := 0
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code = exitErr.ExitCode()
		} else if err != nil {
			obs.Facts["error"] = err.Error()
		}
		lastCode = code
		if line := fatalLine(stderr.String()); line != "" {
			detected++
			message = line
		}
	}
	obs.Figures["detected"] = float64(detected)
	obs.Figures["exitCode"] = float64(lastCode)
	obs.Figures["meanSecondsToDetection"] = took.Seconds() / concurrentTrials
	obs.Facts["message"] = message
	obs.Summary = fmt.Sprintf("%d of %d child runs stopped by the runtime (%q, exit code %d)", detected, concurrentTrials, message, lastCode)
	return obs
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
