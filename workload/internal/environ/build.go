package environ

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"mapbench.io/workload/internal/result"
)

// BuildContext reads how the binary was built from its build information (GOAMD64/GOARM64
// level, PGO profile, GOEXPERIMENT, -trimpath; the language version as LanguageVersion finds
// it) and the CPUs the cgroup lets it run on: what decides the machine code being timed.
func BuildContext(cg Cgroup) *result.Build {
	b := &result.Build{Lang: LanguageVersion(), CPUSet: cg.CPUSet()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	b.GoVersion = info.GoVersion
	for _, s := range info.Settings {
		switch s.Key {
		case "GOAMD64":
			b.GOAMD64 = s.Value
		case "GOARM64":
			b.GOARM64 = s.Value
		case "GOEXPERIMENT":
			b.GOEXPERIMENT = s.Value
		case "-pgo":
			b.PGO = s.Value
		case "-trimpath":
			b.Trimpath = s.Value == "true"
		}
	}
	return b
}

// CPUSet returns the cgroup's effective cpuset ("0-1"), "" when the cgroup exposes none.
func (c Cgroup) CPUSet() string {
	v2, v1 := c.dirs("cpuset")
	for _, d := range v2 {
		if b, err := os.ReadFile(filepath.Join(d, "cpuset.cpus.effective")); err == nil {
			return strings.TrimSpace(string(b))
		}
	}
	for _, d := range v1 {
		if b, err := os.ReadFile(filepath.Join(d, "cpuset.effective_cpus")); err == nil {
			return strings.TrimSpace(string(b))
		}
	}
	return ""
}
