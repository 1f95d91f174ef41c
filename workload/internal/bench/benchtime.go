package bench

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Benchtime is either a duration (D) or an iteration count (N, from "100x"),
// as in `go test -benchtime`.
type Benchtime struct {
	D time.Duration
	N int
}

// String returns the flag form.
func (bt Benchtime) String() string {
	if bt.N > 0 {
		return strconv.Itoa(bt.N) + "x"
	}
	return bt.D.String()
}

// MaxBenchtime bounds a duration benchtime: a sample longer than a minute
// makes a run that cannot finish within any sensible pod deadline.
const MaxBenchtime = time.Minute

// ParseBenchtime parses "1s", "250ms" or "100x".
func ParseBenchtime(s string) (Benchtime, error) {
	if strings.HasSuffix(s, "x") {
		n, err := strconv.Atoi(strings.TrimSuffix(s, "x"))
		if err != nil || n <= 0 || n > maxN {
			return Benchtime{}, fmt.Errorf("benchtime: %q is not a valid iteration count (allowed: 1x..%dx, or a duration like 500ms)", s, maxN)
		}
		return Benchtime{N: n}, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return Benchtime{}, fmt.Errorf("benchtime: %q is neither a duration (e.g. 500ms, 1s) nor an iteration count (e.g. 100x)", s)
	}
	if d <= 0 || d > MaxBenchtime {
		return Benchtime{}, fmt.Errorf("benchtime: %s out of range (allowed: >0 and <= %s)", d, MaxBenchtime)
	}
	return Benchtime{D: d}, nil
}
