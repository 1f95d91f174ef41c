package environ

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"mapbench.io/workload/internal/result"
)

// fakeRoot writes files (path -> content) under a temporary root.
func fakeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestCgroupMemoryLimit(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  int64
	}{
		{"v2 root", map[string]string{"sys/fs/cgroup/memory.max": "536870912\n"}, 512 << 20},
		{"v2 unlimited", map[string]string{"sys/fs/cgroup/memory.max": "max\n"}, 0},
		{"v2 own cgroup", map[string]string{
			"proc/self/cgroup":                       "0::/kubepods/pod1\n",
			"sys/fs/cgroup/kubepods/pod1/memory.max": "1073741824\n",
			"sys/fs/cgroup/memory.max":               "max\n"}, 1 << 30},
		{"v1", map[string]string{"sys/fs/cgroup/memory/memory.limit_in_bytes": "268435456\n"}, 256 << 20},
		{"v1 unlimited", map[string]string{"sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n"}, 0},
		{"none", map[string]string{}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := (Cgroup{Root: fakeRoot(t, c.files)}).MemoryLimit(); got != c.want {
				t.Fatalf("got %d, want %d", got, c.want)
			}
		})
	}
}

func TestCgroupCPUCounts(t *testing.T) {
	cases := []struct {
		name   string
		files  map[string]string
		want   result.CPUCounts
		wantOK bool
	}{
		{"v2", map[string]string{"sys/fs/cgroup/cpu.stat": "usage_usec 100\nnr_periods 40\nnr_throttled 3\nthrottled_usec 1500\n"},
			result.CPUCounts{NrPeriods: 40, NrThrottled: 3, ThrottledUsec: 1500}, true},
		{"v2 without cpu controller", map[string]string{"sys/fs/cgroup/cpu.stat": "usage_usec 100\n"}, result.CPUCounts{}, false},
		{"v1 nanoseconds", map[string]string{"sys/fs/cgroup/cpu,cpuacct/cpu.stat": "nr_periods 10\nnr_throttled 2\nthrottled_time 5000000\n"},
			result.CPUCounts{NrPeriods: 10, NrThrottled: 2, ThrottledUsec: 5000}, true},
		{"none", map[string]string{}, result.CPUCounts{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, src, ok := (Cgroup{Root: fakeRoot(t, c.files)}).CPUCounts()
			if got != c.want || ok != c.wantOK || (ok && !strings.HasSuffix(src, "cpu.stat")) {
				t.Fatalf("got %+v %v %q, want %+v %v", got, ok, src, c.want, c.wantOK)
			}
		})
	}
}

func TestCPUModel(t *testing.T) {
	cases := []struct {
		name, cpuinfo, want string
	}{
		{"x86", "processor\t: 0\nmodel name\t: AMD EPYC 7B13\n", "AMD EPYC 7B13"},
		{"arm64", "processor\t: 0\nCPU implementer\t: 0x41\nCPU part\t: 0xd0c\n", "CPU implementer 0x41"},
		{"empty", "", "unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CPUModel(fakeRoot(t, map[string]string{"proc/cpuinfo": c.cpuinfo})); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
	if got := CPUModel(t.TempDir()); got != "unknown" {
		t.Fatalf("no cpuinfo: got %q", got)
	}
}

// MapImpl comes from build tags; check it against the toolchain version the
// test binary reports (Go 1.24+ is swiss unless built with noswissmap).
func TestMapImplMatchesToolchain(t *testing.T) {
	v := runtime.Version()
	old := false
	for _, p := range []string{"go1.18", "go1.19", "go1.20", "go1.21", "go1.22", "go1.23"} {
		if v == p || strings.HasPrefix(v, p+".") {
			old = true
		}
	}
	want := "swiss"
	if old || strings.Contains(os.Getenv("GOEXPERIMENT"), "noswissmap") {
		want = "classic"
	}
	if MapImpl != want {
		t.Fatalf("MapImpl = %s for %s, want %s", MapImpl, v, want)
	}
}

func TestDetectReadsEnvironment(t *testing.T) {
	t.Setenv("NODE_NAME", "node-a")
	t.Setenv("MAPBENCH_CLUSTER", "edge-k3s-1")
	t.Setenv("MAPBENCH_EMULATION", "qemu-user")
	root := fakeRoot(t, map[string]string{"sys/fs/cgroup/memory.max": "1073741824\n"})
	e := Detect(root)
	if e.NodeName != "node-a" || e.Cluster != "edge-k3s-1" || e.Emulation != "qemu-user" ||
		e.GoVersion != runtime.Version() || e.GOMAXPROCS != runtime.GOMAXPROCS(0) || e.MemoryLimitBytes != 1<<30 ||
		e.LanguageVersion == "" || e.GOGC == "" {
		t.Fatalf("unexpected environment %+v", e)
	}
}

func TestBuildContext(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"v2 own cgroup", map[string]string{"proc/self/cgroup": "0::/kubepods/pod1\n",
			"sys/fs/cgroup/kubepods/pod1/cpuset.cpus.effective": "2-3\n", "sys/fs/cgroup/cpuset.cpus.effective": "0-7\n"}, "2-3"},
		{"v1", map[string]string{"sys/fs/cgroup/cpuset/cpuset.effective_cpus": "0,2\n"}, "0,2"},
		{"none", map[string]string{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := BuildContext(Cgroup{Root: fakeRoot(t, c.files)})
			if b.CPUSet != c.want {
				t.Fatalf("cpuset %q, want %q", b.CPUSet, c.want)
			}
			// The toolchain that built this test binary, and every recorded setting copied
			// (Go 1.21 records none for test binaries; later releases record GOAMD64 etc.).
			if b.GoVersion != runtime.Version() || b.Lang == "" {
				t.Fatalf("build context %+v (toolchain %s)", b, runtime.Version())
			}
			info, _ := debug.ReadBuildInfo()
			fields := map[string]string{"GOAMD64": b.GOAMD64, "GOARM64": b.GOARM64, "GOEXPERIMENT": b.GOEXPERIMENT, "-pgo": b.PGO}
			for _, s := range info.Settings {
				if have, ok := fields[s.Key]; ok && have != s.Value {
					t.Errorf("setting %s=%q recorded as %q", s.Key, s.Value, have)
				}
			}
		})
	}
}
