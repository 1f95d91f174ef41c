package claims

import (
	"fmt"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/stats"
)

// Every rule that judges speed goes through this file, so they all apply the same guards:
//   - at least stats.MinSamples (6) samples per benchmark;
//   - no CPU throttling by the cgroup while any of the benchmarks ran;
//   - no benchmark whose median's 95% interval is wider than maxRelativeCI of the median.
// Differences are decided by benchmath's Mann-Whitney U test at stats.Alpha (benchstat's
// test); ratios by the 95% interval of the paired per-repetition ratios (the runner takes the
// samples of compared benchmarks round-robin, so repetition i of each was measured side by
// side).

// maxRelativeCI is the widest confidence interval, relative to its median, that a speed is
// judged on: wider, and the figure says more about the machine's load than the map.
const maxRelativeCI = 0.5

// unit picks the speed figure of a sample.
type unit func(result.Sample) float64

func nsPerOp(s result.Sample) float64    { return s.NsPerOp }
func nsPerElem(s result.Sample) float64  { return s.NsPerElem }
func bytesPerOp(s result.Sample) float64 { return s.BytesPerOp }

func values(b *result.Benchmark, u unit) []float64 {
	out := make([]float64, len(b.Samples))
	for i, s := range b.Samples {
		out[i] = u(s)
	}
	return out
}

// speedGuard names the first reason the benchmarks' speeds cannot be judged, "" when they can.
func speedGuard(u unit, bs ...*result.Benchmark) string {
	for _, b := range bs {
		if n := len(b.Samples); n < stats.MinSamples {
			return fmt.Sprintf("%s has %d samples; a speed verdict needs >= %d per side (run with --repetitions %d or more)",
				b.Name, n, stats.MinSamples, stats.MinSamples)
		}
	}
	for _, b := range bs {
		if b.ThrottledPeriods > 0 {
			return fmt.Sprintf("the cgroup's CPU quota throttled %s in %d periods while it was measured", b.Name, b.ThrottledPeriods)
		}
	}
	for _, b := range bs {
		s := stats.Summarize(values(b, u))
		if s.Median > 0 && (s.CIHigh-s.CILow)/s.Median > maxRelativeCI {
			return fmt.Sprintf("too noisy to judge: the 95%% interval of %s spans %.0f%% of its median (limit %.0f%%)",
				b.Name, 100*(s.CIHigh-s.CILow)/s.Median, 100*maxRelativeCI)
		}
	}
	return ""
}

// comparison of benchmark num against den in one unit.
type comparison struct {
	Ratio   result.Summary // median num/den of the paired samples, with its 95% interval
	P       float64        // Mann-Whitney U p-value
	Blocked string         // why no verdict may be drawn ("" when one may)
}

// compare guards and compares num with den.
func compare(u unit, num, den *result.Benchmark) comparison {
	c := comparison{P: 1}
	if c.Blocked = speedGuard(u, num, den); c.Blocked != "" {
		return c
	}
	a, b := values(num, u), values(den, u)
	c.Ratio = stats.Ratio(a, b)
	c.P = stats.UTest(a, b).P
	return c
}

// direction is -1 when num is significantly lower than den, +1 when higher, 0 when the U test
// finds no difference at stats.Alpha (or the comparison is blocked).
func (c comparison) direction() int {
	if c.Blocked != "" || c.P >= stats.Alpha {
		return 0
	}
	if c.Ratio.Median < 1 {
		return -1
	}
	return 1
}

// within reports whether the ratio's interval lies inside [lo, hi].
func (c comparison) within(lo, hi float64) bool {
	return c.Blocked == "" && c.Ratio.CILow >= lo && c.Ratio.CIHigh <= hi
}

// outside reports whether the ratio's interval lies entirely below lo or above hi.
func (c comparison) outside(lo, hi float64) bool {
	return c.Blocked == "" && (c.Ratio.CIHigh < lo || c.Ratio.CILow > hi)
}

// String is the measured ratio with its interval and the test's p-value.
func (c comparison) String() string {
	if c.Blocked != "" || c.Ratio.N == 0 {
		return ""
	}
	return fmt.Sprintf("%.2fx [%.2f, %.2f] 95%% CI, U test p=%.2g", c.Ratio.Median, c.Ratio.CILow, c.Ratio.CIHigh, c.P)
}
