package runner

import (
	"strings"
	"testing"

	"mapbench.io/workload/internal/scenarios"
)

// Samples are taken round-robin: every repetition visits every combination and, within it,
// every variant, the first variant rotating with the repetition; the combination's maps are
// built afresh for every repetition (one Benchmarks call per repetition and combination).
func TestSamplesAreInterleaved(t *testing.T) {
	builds := 0
	old := lookupImpl
	defer func() { lookupImpl = old }()
	lookupImpl = func(id string) (scenarios.Impl, bool) {
		impl, ok := old(id)
		inner := impl.Benchmarks
		impl.Benchmarks = func(c scenarios.Combo) []scenarios.Bench { builds++; return inner(c) }
		return impl, ok
	}
	code, out, errOut := runWith(t, t.TempDir(), "--scenarios", "range-kv-vs-keys", "--key-types", "int64", "--value-types", "int64",
		"--sizes", "10,20", "--repetitions", "3", "--benchtime", "1x")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Benchmark") {
			name := strings.Fields(l)[0]
			v, rest, _ := strings.Cut(strings.TrimPrefix(name, "Benchmark"), "/")
			size := rest[strings.LastIndex(rest, "=")+1 : strings.LastIndex(rest, "-")]
			got = append(got, v+"@"+size)
		}
	}
	want := []string{
		"RangeKV@10", "RangeKeys@10", "RangeKeysLookup@10", "RangeKV@20", "RangeKeys@20", "RangeKeysLookup@20",
		"RangeKeys@10", "RangeKeysLookup@10", "RangeKV@10", "RangeKeys@20", "RangeKeysLookup@20", "RangeKV@20",
		"RangeKeysLookup@10", "RangeKV@10", "RangeKeys@10", "RangeKeysLookup@20", "RangeKV@20", "RangeKeys@20",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("sample order\n got %v\nwant %v", got, want)
	}
	if builds != 3*2 {
		t.Fatalf("maps built %d times, want once per repetition and combination (6)", builds)
	}
}
