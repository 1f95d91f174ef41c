//go:build linux

package runner

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/claims"
	"mapbench.io/workload/internal/perfcount"
	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/scenarios"
)

// runDoc runs mapbench run with the claims registry and returns the decoded document and the
// benchmark rows.
func runDoc(t *testing.T, env Env, args ...string) (*result.Document, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env.Stdout, env.Stderr, env.AfterMeasurements = &out, &errb, claims.Apply
	if code := Run(args, env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	docs, err := result.Extract(out.Bytes())
	if err != nil || len(docs) != 1 {
		t.Fatalf("extract: %v", err)
	}
	return docs[0], out.String()
}

func claimOf(doc *result.Document, id string) result.Claim {
	for _, c := range doc.Claims {
		if c.ID == id {
			return c
		}
	}
	return result.Claim{}
}

var fieldArgs = []string{"--scenarios", "field-access", "--key-types", "int64", "--value-types", "struct64,struct128",
	"--sizes", "1000", "--repetitions", "2", "--benchtime", "20x"}

// A kernel that refuses the counters (seccomp, perf_event_paranoid): recorded with the reason,
// no counter units, and the cache-line claim is not-applicable with that reason.
func TestRefusedHardwareCounters(t *testing.T) {
	refuse := func(perfcount.Event, int) (int, error) { return -1, syscall.EACCES }
	doc, out := runDoc(t, Env{Root: t.TempDir(), PerfOpen: refuse}, fieldArgs...)
	want := "unavailable: perf_event_open L1D-misses: permission denied (refused: kernel.perf_event_paranoid or the container's seccomp profile)"
	if doc.Environment.HardwareCounters != want {
		t.Fatalf("hardwareCounters %q, want %q", doc.Environment.HardwareCounters, want)
	}
	if strings.Contains(out, "misses/op") || doc.Benchmarks[0].Samples[0].Counters != nil {
		t.Fatal("counter units reported although the counters were refused")
	}
	if c := claimOf(doc, "cache-line-64"); c.Verdict != result.VerdictNotApplicable || !strings.Contains(c.Reason, want) {
		t.Fatalf("cache-line-64: %s (%s)", c.Verdict, c.Reason)
	}
}

// The available path end to end, with real kernel counters standing in for the hardware ones
// (this machine has no PMU): every sample carries the three units per op, the rows print them.
func TestHardwareCountersPerSample(t *testing.T) {
	standIn := perfcount.StandIn(perfcount.Software[0]) // task clock, ns
	doc, out := runDoc(t, Env{Root: t.TempDir(), PerfOpen: standIn}, fieldArgs...)
	if doc.Environment.HardwareCounters != "available" {
		t.Skipf("software counters refused here too: %s", doc.Environment.HardwareCounters)
	}
	for _, b := range doc.Benchmarks {
		for _, s := range b.Samples {
			for _, unit := range []string{"L1D-misses/op", "cycles/op", "instructions/op"} {
				// Task-clock ns per op of a range over 1000 entries: more than 100 ns.
				if s.Counters[unit] < 100 {
					t.Fatalf("%s: %s = %v (counters %v)", b.Name, unit, s.Counters[unit], s.Counters)
				}
			}
		}
	}
	n := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Benchmark") && strings.Contains(l, "L1D-misses/op") {
			n++
		}
	}
	if n != 2*2*3 {
		t.Fatalf("%d rows with L1D-misses/op, want 12 (2 value types x 3 variants x 2 samples)", n)
	}
}

// Throttling is read around every sample: a benchmark during which the cgroup's nr_throttled
// grows carries the increase, and the speed claims on it are inconclusive.
func TestThrottlingDuringASampleIsRecorded(t *testing.T) {
	root := fakeCgroup(t, "max")
	stat := filepath.Join(root, "sys/fs/cgroup/cpu.stat")
	throttled := 1
	old := lookupImpl
	defer func() { lookupImpl = old }()
	lookupImpl = func(id string) (scenarios.Impl, bool) {
		impl, ok := old(id)
		inner := impl.Benchmarks
		impl.Benchmarks = func(c scenarios.Combo) []scenarios.Bench {
			bms := inner(c)
			for i := range bms {
				if bms[i].Variant != "RangeKeysLookup" {
					continue
				}
				f := bms[i].F
				bms[i].F = func(b *bench.B) {
					// The quota stops this benchmark (as a burst of throttling would): two more
					// throttled periods per run.
					throttled += 2
					os.WriteFile(stat, []byte("nr_periods 50\nnr_throttled "+itoa(throttled)+"\nthrottled_usec 700\n"), 0o644)
					f(b)
				}
			}
			return bms
		}
		return impl, ok
	}
	doc, _ := runDoc(t, Env{Root: root}, "--scenarios", "range-kv-vs-keys", "--key-types", "int64", "--value-types", "int64",
		"--sizes", "100", "--repetitions", "6", "--benchtime", "10x")
	for _, b := range doc.Benchmarks {
		// 6 samples x 2 runs (N=1, then N=10) x 2 periods.
		want := int64(0)
		if b.Variant == "RangeKeysLookup" {
			want = 24
		}
		if b.ThrottledPeriods != want {
			t.Errorf("%s: throttledPeriods %d, want %d", b.Name, b.ThrottledPeriods, want)
		}
	}
	if c := claimOf(doc, "key-lookup-beats-range-value"); c.Verdict != result.VerdictInconclusive || !strings.Contains(c.Reason, "throttled") {
		t.Fatalf("key-lookup-beats-range-value: %s (%s)", c.Verdict, c.Reason)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
