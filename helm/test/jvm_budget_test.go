package charttest

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// uncappedNativeMiB is what the JVM uses outside the heap and the capped pools, with room to
// spare: measured by NMT on the operator after 500 runs (operator/bench/scale.sh with NMT=1):
// thread stacks 13 MiB for ~115 threads, symbols 12 MiB, the CDS archive 12 MiB, GC, compiler and
// internal structures under 5 MiB, plus glibc's malloc arenas (2 with jvm.mallocArenaMax).
const uncappedNativeMiB = 96

// TestJVMFitsTheMemoryLimit: with the chart's defaults the largest heap plus every capped pool plus
// the uncapped native share stays below the container limit, so the kernel cannot OOM-kill the
// operator before its heap is full (the JVM then throws OutOfMemoryError and the pod restarts
// with a message saying why).
func TestJVMFitsTheMemoryLimit(t *testing.T) {
	d := findOne(t, mustRender(t), "Deployment", "mapbench-operator")
	c := get(d, "spec", "template", "spec", "containers").([]any)[0]
	limit := mebibytes(t, str(c, "resources", "limits", "memory"))
	opts := envOf(t, []object{d})["JAVA_TOOL_OPTIONS"]

	percent := flagValue(t, opts, "MaxRAMPercentage")
	heap := limit * percent / 100
	capped := map[string]float64{}
	for _, pool := range []string{"MaxMetaspaceSize", "ReservedCodeCacheSize", "MaxDirectMemorySize"} {
		capped[pool] = flagMiB(t, opts, pool)
	}
	total := heap + uncappedNativeMiB
	for _, v := range capped {
		total += v
	}
	if total > limit {
		t.Errorf("heap %.0f MiB + capped pools %v MiB + uncapped native %d MiB = %.0f MiB exceeds the memory limit %.0f MiB",
			heap, capped, uncappedNativeMiB, total, limit)
	}
	if young := flagMiB(t, opts, "MaxNewSize"); young >= heap/4 {
		t.Errorf("MaxNewSize %.0f MiB is not small next to the heap (%.0f MiB): it is meant to keep eden's resident size down", young, heap)
	}
}

func flagText(t *testing.T, opts, name string) string {
	t.Helper()
	m := regexp.MustCompile(`-XX:` + name + `=(\S+)`).FindStringSubmatch(opts)
	if m == nil {
		t.Fatalf("JAVA_TOOL_OPTIONS lacks -XX:%s: %s", name, opts)
	}
	return m[1]
}

func flagValue(t *testing.T, opts, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(flagText(t, opts, name), 64)
	if err != nil {
		t.Fatalf("-XX:%s: %v", name, err)
	}
	return v
}

// flagMiB reads a JVM size flag (-XX:Name=128m; k, m or g) in MiB.
func flagMiB(t *testing.T, opts, name string) float64 {
	t.Helper()
	return sizeMiB(t, flagText(t, opts, name), map[string]float64{"k": 1.0 / 1024, "m": 1, "g": 1024})
}

// mebibytes reads a Kubernetes memory quantity in Ki, Mi or Gi.
func mebibytes(t *testing.T, q string) float64 {
	t.Helper()
	return sizeMiB(t, q, map[string]float64{"Ki": 1.0 / 1024, "Mi": 1, "Gi": 1024})
}

func sizeMiB(t *testing.T, q string, units map[string]float64) float64 {
	t.Helper()
	for suffix, f := range units {
		if n, err := strconv.ParseFloat(strings.TrimSuffix(q, suffix), 64); strings.HasSuffix(q, suffix) && err == nil {
			return n * f
		}
	}
	t.Fatalf("cannot read %q as a size in one of %v", q, units)
	return 0
}
