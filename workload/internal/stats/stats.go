// Package stats summarises and compares benchmark samples with the methods benchstat uses
// (golang.org/x/perf/benchmath, "assume nothing"): the median with its distribution-free
// confidence interval from order statistics, and the Mann-Whitney U test. It adds what
// benchmath does not compute: mean, coefficient of variation, and the interval of a ratio
// from paired samples.
package stats

import (
	"math"

	"golang.org/x/perf/benchmath"

	"mapbench.io/workload/internal/result"
)

// Level is the confidence level of every interval.
const Level = 0.95

// Alpha is the significance level of comparisons (benchstat's default).
const Alpha = 0.05

// MinSamples is the smallest sample count per side a speed comparison is decided on:
// benchmath reaches a finite 95% interval for the median from 6 samples on, and with fewer
// than 6 per side two disjoint ranges happen by chance too often (3 vs 3: p = 0.1).
const MinSamples = 6

// Summarize returns the summary of xs (which it does not modify). An empty input gives a zero
// summary. Below MinSamples benchmath's interval is unbounded; the summary then carries the
// full range and Confidence says the level that range really has (1 - 2/2^n).
func Summarize(xs []float64) result.Summary {
	n := len(xs)
	if n == 0 {
		return result.Summary{}
	}
	s := append([]float64(nil), xs...)
	sample := benchmath.NewSample(s, &benchmath.DefaultThresholds) // sorts s
	sum := benchmath.AssumeNothing.Summary(sample, Level)
	lo, hi, conf := sum.Lo, sum.Hi, sum.Confidence
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		lo, hi, conf = s[0], s[n-1], 1-2*math.Pow(0.5, float64(n))
		if n == 1 {
			conf = 0
		}
	}
	mean := Mean(s)
	cv := 0.0
	if mean != 0 {
		cv = StdDev(s) / math.Abs(mean)
	}
	return result.Summary{N: n, Median: sum.Center, CILow: lo, CIHigh: hi, Confidence: conf, Mean: mean, CV: cv}
}

// UTest is benchmath's Mann-Whitney U test of a and b (benchstat's comparison); P < Alpha
// means the two samples differ in location.
func UTest(a, b []float64) benchmath.Comparison {
	sa := benchmath.NewSample(append([]float64(nil), a...), &benchmath.DefaultThresholds)
	sb := benchmath.NewSample(append([]float64(nil), b...), &benchmath.DefaultThresholds)
	return benchmath.AssumeNothing.Compare(sa, sb)
}

// Ratio is the median of the paired ratios num[i]/den[i] with its confidence interval. The
// runner takes the samples of compared benchmarks round-robin, so sample i of each side was
// measured in the same stretch of time: the pairing cancels slow drift in the machine's load.
// Pairs with a zero denominator are left out.
func Ratio(num, den []float64) result.Summary {
	n := len(num)
	if len(den) < n {
		n = len(den)
	}
	rs := make([]float64, 0, n)
	for i := 0; i < n; i++ {
		if den[i] != 0 {
			rs = append(rs, num[i]/den[i])
		}
	}
	return Summarize(rs)
}

// Median of sorted values.
func Median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// Mean of values.
func Mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// StdDev is the sample standard deviation (n-1 denominator); 0 for n < 2.
func StdDev(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m := Mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}
