package stats

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

func TestSummarizeKnownInputs(t *testing.T) {
	cases := []struct {
		name                        string
		xs                          []float64
		median, low, high, conf, cv float64
		mean                        float64
	}{
		// n=10: k=1 gives coverage 1-2*11/1024 = 0.978515625 (k=2 only 0.890625).
		{"ten samples", []float64{10, 1, 9, 2, 8, 3, 7, 4, 6, 5}, 5.5, 2, 9, 1 - 2*11.0/1024, 0.5504818825631803, 5.5},
		// n=5: 95% is unreachable; full range at 1-2/32 = 0.9375.
		{"five samples", []float64{3, 1, 2, 5, 4}, 3, 1, 5, 0.9375, 0.5270462766947299, 3},
		{"one sample", []float64{7}, 7, 7, 7, 0, 0, 7},
		{"constant", []float64{4, 4, 4, 4, 4, 4}, 4, 4, 4, 1 - 2.0/64, 0, 4},
		// n=20: k=5 covers 1-2*21700/2^20 = 0.9586; k=6 only 1-2*60460/2^20 = 0.8847.
		{"twenty samples", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, 10.5, 6, 15, 1 - 2*21700.0/1048576, math.Sqrt(35) / 10.5, 10.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Summarize(c.xs)
			if s.N != len(c.xs) || !near(s.Median, c.median) || !near(s.CILow, c.low) || !near(s.CIHigh, c.high) ||
				!near(s.Confidence, c.conf) || !near(s.CV, c.cv) || !near(s.Mean, c.mean) {
				t.Fatalf("got %+v, want median %v ci [%v, %v] conf %v cv %v mean %v", s, c.median, c.low, c.high, c.conf, c.cv, c.mean)
			}
		})
	}
}

func TestSummarizeDoesNotReorderInput(t *testing.T) {
	xs := []float64{3, 1, 2}
	Summarize(xs)
	if xs[0] != 3 || xs[1] != 1 || xs[2] != 2 {
		t.Fatalf("input modified: %v", xs)
	}
}

func TestSummarizeEmpty(t *testing.T) {
	if s := Summarize(nil); s.N != 0 || s.Median != 0 {
		t.Fatalf("got %+v for no samples", s)
	}
}

// benchmath's exact U test: 3 vs 3 completely separated samples reach p = 2/C(6,3) = 0.1 at
// best, which is why a speed verdict needs more samples; 6 vs 6 reach 2/C(12,6) = 0.00216.
func TestUTestSmallSamples(t *testing.T) {
	if p := UTest([]float64{1, 2, 3}, []float64{4, 5, 6}).P; !near(p, 0.1) {
		t.Fatalf("3 vs 3 separated: p = %v, want 0.1", p)
	}
	if p := UTest([]float64{1, 2, 3, 4, 5, 6}, []float64{7, 8, 9, 10, 11, 12}).P; !near(p, 2.0/924) {
		t.Fatalf("6 vs 6 separated: p = %v, want %v", p, 2.0/924)
	}
	if p := UTest([]float64{1, 3, 5, 7, 9, 11}, []float64{2, 4, 6, 8, 10, 12}).P; p < 0.5 {
		t.Fatalf("interleaved samples: p = %v, want no difference", p)
	}
}

// The ratio interval is the median interval of the per-repetition ratios.
func TestRatioOfPairedSamples(t *testing.T) {
	num := []float64{20, 41, 60, 79, 100, 122, 140, 161, 180, 198}
	den := []float64{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}
	// Ratios 2, 2.05, 2, 1.975, 2, 2.0333, 2, 2.0125, 2, 1.98: sorted 1.975, 1.98, 2, 2, 2, 2, 2,
	// 2.0125, 2.0333, 2.05; median 2, 95% interval from the 2nd to the 9th (n = 10, k = 1).
	r := Ratio(num, den)
	if r.N != 10 || !near(r.Median, 2) || !near(r.CILow, 1.98) || !near(r.CIHigh, 122.0/60) {
		t.Fatalf("got %+v", r)
	}
	if r := Ratio([]float64{1, 2}, []float64{0, 1}); r.N != 1 || r.Median != 2 {
		t.Fatalf("a zero denominator must drop its pair: %+v", r)
	}
}
