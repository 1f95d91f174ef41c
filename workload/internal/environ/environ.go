// Package environ describes the machine and process a run measures on:
// platform, CPU, Go toolchain and map implementation, language version,
// scheduler and GC settings, memory limits, emulation and cgroup CPU
// throttling.
package environ

import (
	"bufio"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/scenarios"
)

// languageVersion may be stamped by the build script
// (-ldflags "-X mapbench.io/workload/internal/environ.languageVersion=go1.21")
// when it sets the language version of a build.
var languageVersion string

// moduleLanguageVersion is the go line of go.mod: the language version
// when the build does not set another.
const moduleLanguageVersion = "go1.21"

// LanguageVersion returns the language version the scenario code was
// compiled with: the stamped one, else a -lang= in the recorded -gcflags,
// else the module's.
func LanguageVersion() string {
	if languageVersion != "" {
		return languageVersion
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key != "-gcflags" {
				continue
			}
			for _, f := range strings.Fields(s.Value) {
				if i := strings.Index(f, "-lang="); i >= 0 {
					return f[i+len("-lang="):]
				}
			}
		}
	}
	return moduleLanguageVersion
}

// Detect describes the current process. Root is the filesystem root for
// /proc and /sys ("/" in production).
func Detect(root string) result.Environment {
	host, _ := os.Hostname()
	cg := Cgroup{Root: root}
	return result.Environment{
		GOOS:                runtime.GOOS,
		GOARCH:              runtime.GOARCH,
		CPUModel:            CPUModel(root),
		GoVersion:           runtime.Version(),
		LanguageVersion:     LanguageVersion(),
		LoopVarPerIteration: scenarios.LoopVarPerIteration(),
		MapImpl:             MapImpl,
		Hostname:            host,
		NodeName:            os.Getenv("NODE_NAME"),
		Cluster:             os.Getenv("MAPBENCH_CLUSTER"),
		NumCPU:              runtime.NumCPU(),
		GOMAXPROCS:          runtime.GOMAXPROCS(0),
		GOGC:                GOGC(),
		MemoryLimitBytes:    MemoryLimit(cg),
		Emulation:           os.Getenv("MAPBENCH_EMULATION"),
		Build:               BuildContext(cg),
	}
}

// GOGC returns the GC percent in effect, "off" when disabled.
func GOGC() string {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	if p < 0 {
		return "off"
	}
	return strconv.Itoa(p)
}

// MemoryLimit is the smaller of the Go memory limit (GOMEMLIMIT) and the
// cgroup limit, 0 when neither is set.
func MemoryLimit(cg Cgroup) int64 {
	limit := debug.SetMemoryLimit(-1)
	if limit == math.MaxInt64 {
		limit = 0
	}
	if c := cg.MemoryLimit(); c > 0 && (limit == 0 || c < limit) {
		limit = c
	}
	return limit
}

// CPUModel reads the processor name from /proc/cpuinfo ("unknown" when
// there is none, e.g. outside Linux).
func CPUModel(root string) string {
	f, err := os.Open(strings.TrimRight(root, "/") + "/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	fallback := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch k {
		case "model name", "Model", "cpu model", "uarch":
			if v != "" {
				return v
			}
		case "Hardware", "CPU implementer", "CPU part":
			if fallback == "" && v != "" {
				fallback = k + " " + v
			}
		}
	}
	if fallback != "" {
		return fallback
	}
	return "unknown"
}
