package runner

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/scenarios"
)

// fakeCgroup returns a root whose cgroup v2 files hold the memory limit
// and CPU counters.
func fakeCgroup(t *testing.T, memoryMax string) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "sys/fs/cgroup")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "memory.max"), []byte(memoryMax+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "cpu.stat"), []byte("nr_periods 5\nnr_throttled 1\nthrottled_usec 70\n"), 0o644)
	return root
}

func runWith(t *testing.T, root string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, Env{Stdout: &out, Stderr: &errb, Root: root})
	return code, out.String(), errb.String()
}

func TestRefusesMatrixOverCgroupLimit(t *testing.T) {
	root := fakeCgroup(t, "67108864") // 64 MiB
	term := filepath.Join(t.TempDir(), "term")
	code, out, errOut := runWith(t, root, "--scenarios", "range-kv-vs-keys", "--key-types", "string256",
		"--value-types", "struct256", "--sizes", "1000000", "--termination-log", term)
	msg, _ := os.ReadFile(term)
	if code != ExitInvalid || !strings.HasPrefix(string(msg), "error: sizes: scenario range-kv-vs-keys with key=string256 value=struct256 size=1000000 needs about") ||
		!strings.Contains(errOut, "over the memory limit of 64 MiB") || out != "" {
		t.Fatalf("exit %d, stderr %q, termination log %q, stdout %q", code, errOut, msg, out)
	}
}

func TestRefusesMatrixOverGOMEMLIMIT(t *testing.T) {
	old := debug.SetMemoryLimit(32 << 20)
	defer debug.SetMemoryLimit(old)
	code, _, errOut := runWith(t, t.TempDir(), "--scenarios", "gc-map-contents", "--sizes", "10000000")
	if code != ExitInvalid || !strings.Contains(errOut, "over the memory limit of 32 MiB") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestDocumentOverLimitExits4(t *testing.T) {
	old := maxDocumentBytes
	maxDocumentBytes = 2000
	defer func() { maxDocumentBytes = old }()
	term := filepath.Join(t.TempDir(), "term")
	code, out, errOut := runWith(t, t.TempDir(), "--scenarios", "range-kv-vs-keys", "--sizes", "10", "--key-types", "int64",
		"--value-types", "int64", "--repetitions", "2", "--benchtime", "2x", "--termination-log", term)
	msg, _ := os.ReadFile(term)
	if code != ExitTooLarge || !strings.HasPrefix(string(msg), "error: result: document is ") ||
		strings.Contains(out, result.BeginMarker) || !strings.Contains(errOut, "over the 2000-byte limit") {
		t.Fatalf("exit %d, stderr %q, termination log %q", code, errOut, msg)
	}
}

func TestRecordsThrottlingAndEmulation(t *testing.T) {
	t.Setenv("MAPBENCH_EMULATION", "qemu-user")
	code, out, errOut := runWith(t, fakeCgroup(t, "max"), "--scenarios", "iteration-order", "--sizes", "8")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	docs, err := result.Extract([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	e := docs[0].Environment
	if e.Emulation != "qemu-user" || e.Throttling == nil || e.Throttling.After.NrThrottled != 1 || e.Throttling.Before.ThrottledUsec != 70 {
		t.Fatalf("environment %+v throttling %+v", e, e.Throttling)
	}
	if !strings.Contains(out, "emulation: qemu-user\n") {
		t.Fatal("emulation missing from the benchmark text header")
	}
}

func TestPlanResolution(t *testing.T) {
	cases := []struct {
		name                    string
		args                    []string
		wantScenarios           []string
		wantCombos, wantSkipped int
		wantBenchtime           string
		wantReps                int
	}{
		{"suite defaults", []string{"--suite", "smoke"}, nil, 14, 0, "10x", 3},
		{"suite with scenario override", []string{"--suite", "quick", "--scenarios", "field-access"}, []string{"field-access"}, 4, 0, "10ms", 10},
		{"unsupported combos skipped", []string{"--scenarios", "field-access", "--value-types", "int64,struct16,empty", "--sizes", "5"},
			[]string{"field-access"}, 1, 2, "1s", 10},
		{"size outside scenario range skipped", []string{"--scenarios", "iteration-order", "--sizes", "8,5000"},
			[]string{"iteration-order"}, 1, 1, "1s", 10},
		{"repeated items count once", []string{"--scenarios", "sparse-iteration,sparse-iteration", "--sizes", "100,100", "--key-types", "int64,int64", "--value-types", "int64"},
			[]string{"sparse-iteration"}, 1, 0, "1s", 10},
		{"flags win over suite", []string{"--suite", "smoke", "--benchtime", "3x", "--repetitions", "5", "--sizes", "16"}, nil, 14, 0, "3x", 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, err := ParseFlags(c.args, &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			p, err := MakePlan(o)
			if err != nil {
				t.Fatal(err)
			}
			combos := 0
			for _, it := range p.Items {
				combos += len(it.Combos)
			}
			if combos != c.wantCombos || len(p.Skipped) != c.wantSkipped || p.Benchtime.String() != c.wantBenchtime || p.Repetitions != c.wantReps {
				t.Fatalf("combos %d skipped %d (%v) benchtime %s reps %d", combos, len(p.Skipped), p.Skipped, p.Benchtime, p.Repetitions)
			}
			if c.wantScenarios != nil && strings.Join(p.Config.Scenarios, ",") != strings.Join(c.wantScenarios, ",") {
				t.Fatalf("scenarios %v", p.Config.Scenarios)
			}
			for _, s := range p.Skipped {
				if s.Reason == "" {
					t.Fatalf("skipped without reason: %+v", s)
				}
			}
		})
	}
}

func TestSummaryIsBounded(t *testing.T) {
	d := result.New()
	for i := 0; i < 500; i++ {
		d.Claims = append(d.Claims, result.Claim{ID: strings.Repeat("x", 30), Verdict: result.VerdictConfirmed})
	}
	if s := Summary(d); len(s) > MaxSummaryBytes || !strings.HasPrefix(s, "ok: ") {
		t.Fatalf("summary of %d bytes", len(s))
	}
}

func TestScenarioFailureExits3(t *testing.T) {
	old := lookupImpl
	lookupImpl = func(id string) (scenarios.Impl, bool) {
		return scenarios.Impl{Observe: func(c scenarios.Combo) result.Observation { panic("map exploded") }}, true
	}
	defer func() { lookupImpl = old }()
	term := filepath.Join(t.TempDir(), "term")
	code, out, errOut := runWith(t, t.TempDir(), "--scenarios", "iteration-order", "--sizes", "8", "--termination-log", term)
	msg, _ := os.ReadFile(term)
	want := "error: scenario iteration-order key=int64 value=int64 size=8: map exploded"
	if code != ExitMeasurement || string(msg) != want || !strings.Contains(errOut, want) || strings.Contains(out, result.BeginMarker) {
		t.Fatalf("exit %d, stderr %q, termination log %q", code, errOut, msg)
	}
}

// TestSeedSuiteDocumentFitsLimit estimates the seed suite's document at the
// default 10 repetitions from a benchmark with worst-case numbers, leaving
// room for observations, claims and escape facts.
func TestSeedSuiteDocumentFitsLimit(t *testing.T) {
	o, err := ParseFlags([]string{"--suite", "seed"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := MakePlan(o)
	if err != nil {
		t.Fatal(err)
	}
	benchmarks := 0
	for _, it := range p.Items {
		benchmarks += len(it.Combos) * len(it.Scenario.Variants)
	}
	// 6 significant digits in exponent form is the longest number sig6 emits.
	worst := sig6(1.23456789e-05)
	sum := result.Summary{N: 10, Median: worst, CILow: worst, CIHigh: worst, Confidence: worst, Mean: worst, CV: worst}
	b := result.Benchmark{Name: "BenchmarkRangeKeysLookup/key=string256/value=ptrstruct64/size=10000000", Scenario: "range-kv-vs-keys",
		Variant: "RangeKeysLookup", KeyType: "string256", ValueType: "ptrstruct64", Size: 10000000, Procs: 64,
		Stats: result.Stats{NsPerOp: sum, NsPerElem: sum, BytesPerOp: sum, AllocsPerOp: sum, GCPerOp: sum}}
	for i := 0; i < p.Repetitions; i++ {
		b.Samples = append(b.Samples, result.Sample{Iterations: 1000000000, NsPerOp: worst, NsPerElem: worst,
			BytesPerOp: worst, AllocsPerOp: worst, GCPerOp: worst})
	}
	d := result.New()
	d.Benchmarks = []result.Benchmark{b}
	one, err := result.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	const otherParts = 200 << 10 // observations, claims, escape facts, environment
	if total := benchmarks*len(one) + otherParts; total > result.MaxDocumentBytes {
		t.Fatalf("seed suite: %d benchmarks of up to %d bytes: about %d bytes, over the limit", benchmarks, len(one), total)
	} else {
		t.Logf("seed suite: %d benchmarks, about %d KiB", benchmarks, total>>10)
	}
}
