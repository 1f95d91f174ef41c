package environ

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"mapbench.io/workload/internal/result"
)

// Cgroup reads limits and counters of the process's cgroup. Root is the
// filesystem root ("/" in production, a temporary tree in tests).
type Cgroup struct {
	Root string
}

// unlimitedV1 is at or above what cgroup v1 reports for "no limit".
const unlimitedV1 = int64(1) << 62

// dirs returns candidate directories for a controller: the process's own
// cgroup first, then the hierarchy root (what a container usually sees).
func (c Cgroup) dirs(v1Controller string) (v2 []string, v1 []string) {
	base := filepath.Join(c.Root, "sys/fs/cgroup")
	own2, own1 := "", ""
	if f, err := os.Open(filepath.Join(c.Root, "proc/self/cgroup")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			parts := strings.SplitN(sc.Text(), ":", 3)
			if len(parts) != 3 {
				continue
			}
			if parts[0] == "0" && parts[1] == "" {
				own2 = parts[2]
			}
			for _, ctrl := range strings.Split(parts[1], ",") {
				if ctrl == v1Controller {
					own1 = parts[2]
				}
			}
		}
		f.Close()
	}
	if own2 != "" && own2 != "/" {
		v2 = append(v2, filepath.Join(base, own2))
	}
	v2 = append(v2, base)
	for _, name := range []string{v1Controller, v1Controller + ",cpuacct", "cpu,cpuacct"} {
		d := filepath.Join(base, name)
		if own1 != "" && own1 != "/" {
			v1 = append(v1, filepath.Join(d, own1))
		}
		v1 = append(v1, d)
	}
	return v2, v1
}

// MemoryLimit returns the cgroup memory limit in bytes, 0 when none.
func (c Cgroup) MemoryLimit() int64 {
	v2, v1 := c.dirs("memory")
	for _, d := range v2 {
		b, err := os.ReadFile(filepath.Join(d, "memory.max"))
		if err != nil {
			continue
		}
		s := strings.TrimSpace(string(b))
		if s == "max" {
			return 0
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	}
	for _, d := range v1 {
		b, err := os.ReadFile(filepath.Join(d, "memory.limit_in_bytes"))
		if err != nil {
			continue
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && n < unlimitedV1 {
			return n
		}
		return 0
	}
	return 0
}

// CPUCounts reads the throttling counters of cpu.stat; ok is false when the
// cgroup exposes none. Source names the file read.
func (c Cgroup) CPUCounts() (counts result.CPUCounts, source string, ok bool) {
	v2, v1 := c.dirs("cpu")
	for _, d := range v2 {
		p := filepath.Join(d, "cpu.stat")
		if kv, err := readKV(p); err == nil {
			if _, has := kv["nr_throttled"]; has {
				return result.CPUCounts{NrPeriods: kv["nr_periods"], NrThrottled: kv["nr_throttled"], ThrottledUsec: kv["throttled_usec"]}, p, true
			}
		}
	}
	for _, d := range v1 {
		p := filepath.Join(d, "cpu.stat")
		if kv, err := readKV(p); err == nil {
			if _, has := kv["nr_throttled"]; has {
				// v1 reports throttled_time in nanoseconds.
				return result.CPUCounts{NrPeriods: kv["nr_periods"], NrThrottled: kv["nr_throttled"], ThrottledUsec: kv["throttled_time"] / 1000}, p, true
			}
		}
	}
	return result.CPUCounts{}, "", false
}

// readKV parses "name value" lines.
func readKV(path string) (map[string]int64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	kv := map[string]int64{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 {
			if n, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				kv[f[0]] = n
			}
		}
	}
	return kv, nil
}
