package main

import (
	"os"
	"path/filepath"
	"testing"

	"mapbench.io/workload/internal/result"
)

func TestNsPerOpPicksTheNamedBenchmark(t *testing.T) {
	text := "goos: linux\n" +
		"BenchmarkRangeKV/key=int64/value=int64/size=100000-2\t 300\t 3000000 ns/op\t 30.00 ns/elem\n" +
		"BenchmarkRangeKeys/key=int64/value=int64/size=100000-2\t 300\t 2000000 ns/op\n" +
		"BenchmarkOverheadRangeKV-2\t 400\t 2900000 ns/op\t 0 B/op\n" +
		"BenchmarkOverheadRangeKVConcrete-2\t 400\t 2800000 ns/op\n" +
		"BenchmarkRangeKV/key=int64/value=int64/size=100000-2\t 300\t 3100000 ns/op\n"
	f := filepath.Join(t.TempDir(), "out.txt")
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		want []float64
	}{
		{"BenchmarkRangeKV/key=int64/value=int64/size=100000", []float64{3000000, 3100000}},
		{"BenchmarkOverheadRangeKV", []float64{2900000}},
		{"BenchmarkOverheadRangeKVConcrete", []float64{2800000}},
		{"BenchmarkMissing", nil},
	}
	for _, c := range cases {
		got := nsPerOp(f, c.name)
		if len(got) != len(c.want) {
			t.Fatalf("%s: got %v, want %v", c.name, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Fatalf("%s: got %v, want %v", c.name, got, c.want)
			}
		}
	}
	if m := minOf([]float64{3, 1, 2}); m != 1 {
		t.Fatalf("minOf = %v", m)
	}
}

func TestBootstrapRatioOfMediansBracketsTheRatio(t *testing.T) {
	runner := []float64{103, 101, 104, 102, 130, 103, 102, 101, 105, 103}
	gotest := []float64{100, 99, 101, 100, 98, 100, 125, 100, 101, 99}
	got := bootstrapRatioOfMedians(runner, gotest, 2000, 1)
	if want := 103.0 / 100.0; got.Median != want {
		t.Fatalf("median ratio = %v, want %v", got.Median, want)
	}
	if !(got.CILow <= got.Median && got.Median <= got.CIHigh) {
		t.Fatalf("CI [%v, %v] does not contain %v", got.CILow, got.CIHigh, got.Median)
	}
	// The lone outliers (130, 125) hardly move the interval.
	if got.CILow < 101.0/101 || got.CIHigh > 105.0/99 {
		t.Fatalf("CI [%v, %v] outside what resampling can produce", got.CILow, got.CIHigh)
	}
	if again := bootstrapRatioOfMedians(runner, gotest, 2000, 1); again != got {
		t.Fatalf("same seed, different result: %+v vs %+v", again, got)
	}
	same := []float64{7, 7, 7, 7}
	if c := bootstrapRatioOfMedians(same, same, 100, 1); c.CILow != 1 || c.CIHigh != 1 {
		t.Fatalf("identical constant samples: CI [%v, %v], want [1, 1]", c.CILow, c.CIHigh)
	}
}

func TestOverheadVerdictJudgesTheFastestAndQualifiesByTheMedians(t *testing.T) {
	cases := []struct {
		fastest, lo, hi float64
		want            string
	}{
		{1.01, 0.99, 1.02, "overhead 1.010 (fastest samples) meets the goal <= 1.03; so does the whole 95% CI of the medians' ratio"},
		{1.06, 1.04, 1.08, "overhead 1.060 (fastest samples) MISSES the goal <= 1.03; the whole 95% CI of the medians' ratio is over the goal"},
		{1.02, 0.98, 1.05, "overhead 1.020 (fastest samples) meets the goal <= 1.03; the medians' ratio is too noisy to tell (95% CI [0.980, 1.050] straddles 1.03): add rounds or quiet the machine"},
		{1.04, 1.00, 1.07, "overhead 1.040 (fastest samples) MISSES the goal <= 1.03; the medians' ratio is too noisy to tell (95% CI [1.000, 1.070] straddles 1.03): add rounds or quiet the machine"},
	}
	for _, c := range cases {
		got := overheadVerdict(c.fastest, result.Summary{CILow: c.lo, CIHigh: c.hi}, 1.03)
		if got != c.want {
			t.Errorf("overheadVerdict(%v, [%v, %v]) =\n %q\nwant\n %q", c.fastest, c.lo, c.hi, got, c.want)
		}
	}
}
