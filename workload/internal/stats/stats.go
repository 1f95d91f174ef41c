// Package stats summarises benchmark samples: median, a distribution-free
// confidence interval for the median, mean and coefficient of variation.
//
// The interval is the one benchstat reports: with the samples sorted,
// [x(k+1), x(n-k)] covers the true median with probability
// 1 - 2*P(Binomial(n, 1/2) <= k), whatever the distribution. We take the
// largest k whose coverage is still >= the wanted level (0.95). With fewer
// than 6 samples no k reaches 95%; the interval is then the full range and
// Confidence reports the lower level it really has.
package stats

import (
	"math"
	"sort"

	"mapbench.io/workload/internal/result"
)

// Level is the confidence level the interval aims for.
const Level = 0.95

// Summarize returns the summary of xs (which it does not modify). An empty
// input gives a zero summary.
func Summarize(xs []float64) result.Summary {
	n := len(xs)
	if n == 0 {
		return result.Summary{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	k, conf := ciRank(n, Level)
	mean := Mean(s)
	cv := 0.0
	if mean != 0 {
		cv = StdDev(s) / math.Abs(mean)
	}
	return result.Summary{
		N:          n,
		Median:     Median(s),
		CILow:      s[k],
		CIHigh:     s[n-1-k],
		Confidence: conf,
		Mean:       mean,
		CV:         cv,
	}
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

// ciRank returns the 0-based rank k of the interval [s[k], s[n-1-k]] and
// its coverage: the largest k with coverage >= level, or k = 0 with its
// (lower) coverage when none reaches the level.
func ciRank(n int, level float64) (int, float64) {
	best, bestCov := 0, coverage(n, 0)
	for k := 1; 2*k <= n-1; k++ {
		c := coverage(n, k)
		if c < level {
			break
		}
		best, bestCov = k, c
	}
	return best, bestCov
}

// coverage is 1 - 2*P(Binomial(n, 1/2) <= k).
func coverage(n, k int) float64 {
	return 1 - 2*binomCDFHalf(n, k)
}

// binomCDFHalf is P(Binomial(n, 1/2) <= k), computed in log space so large
// n does not overflow.
func binomCDFHalf(n, k int) float64 {
	sum := 0.0
	lnHalfN := float64(n) * math.Log(0.5)
	for i := 0; i <= k; i++ {
		sum += math.Exp(lnChoose(n, i) + lnHalfN)
	}
	return sum
}

func lnChoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
