// Command report summarises the kept measurement scripts' outputs:
//
//	report overhead RUNNER_TEXT GOTEST_TEXT  ratio of the runner's median
//	                                         ns/op to go test -bench's (and
//	                                         of the runner's harness in the
//	                                         test binary, when present)
//	report noise RESULT_JSON                 coefficient of variation of
//	                                         every benchmark's samples
package main

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/stats"
)

func main() {
	if len(os.Args) < 3 {
		fail("usage: report overhead RUNNER_TEXT GOTEST_TEXT | report noise RESULT_JSON")
	}
	switch os.Args[1] {
	case "overhead":
		if len(os.Args) != 4 {
			fail("usage: report overhead RUNNER_TEXT GOTEST_TEXT")
		}
		overhead(os.Args[2], os.Args[3])
	case "noise":
		noise(os.Args[2])
	default:
		fail("unknown report " + os.Args[1])
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "error: "+msg)
	os.Exit(2)
}

// nsPerOp returns the ns/op of every benchmark line whose name (without
// the -procs suffix) equals name.
func nsPerOp(path, name string) []float64 {
	f, err := os.Open(path)
	if err != nil {
		fail(err.Error())
	}
	defer f.Close()
	var xs []float64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || fields[3] != "ns/op" {
			continue
		}
		n := fields[0]
		if i := strings.LastIndex(n, "-"); i > 0 {
			n = n[:i]
		}
		if n != name {
			continue
		}
		x, err := strconv.ParseFloat(fields[2], 64)
		if err == nil {
			xs = append(xs, x)
		}
	}
	return xs
}

// overheadGoal is the target for runner ns/op / go test ns/op.
const overheadGoal = 1.03

// overhead prints one row per side and the ratios to go test -bench. The
// verdict uses the fastest samples: noise on a shared machine (steal time,
// interrupts, neighbours' cache traffic) only ever adds time, so the
// fastest of many samples is each side's least disturbed cost (the
// argument of Chen & Revels, "Robust benchmarking in noisy environments",
// 2016). The medians and their bootstrap interval are printed beside it to
// show how noisy the machine was.
func overhead(runnerText, gotestText string) {
	sides := []struct{ label, name, text string }{
		{"A mapbench run", "BenchmarkRangeKV/key=int64/value=int64/size=100000", runnerText},
		{"B go test -bench", "BenchmarkOverheadRangeKV", gotestText},
		{"C runner harness in B's binary", "BenchmarkOverheadRangeKVRunnerHarness", gotestText},
		{"  go test, non-generic loop", "BenchmarkOverheadRangeKVConcrete", gotestText},
	}
	samples := make([][]float64, len(sides))
	fmt.Printf("S1 RangeKV int64/int64 size=100000\n")
	fmt.Printf("  %-32s %12s %22s %8s %12s %4s\n", "side", "median ns/op", "95% CI", "CV", "fastest", "n")
	for i, sd := range sides {
		samples[i] = nsPerOp(sd.text, sd.name)
		if len(samples[i]) == 0 {
			continue
		}
		x := stats.Summarize(samples[i])
		fmt.Printf("  %-32s %12.0f %22s %7.2f%% %12.0f %4d\n", sd.label, x.Median,
			fmt.Sprintf("[%.0f, %.0f]", x.CILow, x.CIHigh), 100*x.CV, minOf(samples[i]), x.N)
	}
	runner, gotest, harness := samples[0], samples[1], samples[2]
	if len(runner) == 0 || len(gotest) == 0 {
		fail(fmt.Sprintf("missing samples: %d from the runner, %d from go test", len(runner), len(gotest)))
	}
	if len(harness) > 0 {
		h := bootstrapRatioOfMedians(harness, gotest, 10000, 1)
		fmt.Printf("harness alone C/B: fastest %.3f, medians %.3f (95%% CI [%.3f, %.3f])\n",
			minOf(harness)/minOf(gotest), h.Median, h.CILow, h.CIHigh)
	}
	fastest := minOf(runner) / minOf(gotest)
	m := bootstrapRatioOfMedians(runner, gotest, 10000, 1)
	fmt.Printf("overhead A/B:      fastest %.3f, medians %.3f (95%% CI [%.3f, %.3f])\n", fastest, m.Median, m.CILow, m.CIHigh)
	fmt.Println(overheadVerdict(fastest, m, overheadGoal))
}

// bootstrapRatioOfMedians returns median(runner)/median(gotest) with a
// percentile bootstrap 95% interval: both sample sets are resampled with
// replacement `resamples` times (from a fixed seed, so a report can be
// reproduced from its inputs) and the 2.5th and 97.5th percentiles of the
// resampled ratios bound it. Distribution-free like the medians themselves;
// benchmark noise (steal time, interrupts) is skewed, not normal.
func bootstrapRatioOfMedians(runner, gotest []float64, resamples int, seed int64) result.Summary {
	rng := rand.New(rand.NewSource(seed))
	// medianOfResample fills dst (reused scratch) with a resample of xs,
	// sorts it in place and returns its median.
	medianOfResample := func(dst, xs []float64) float64 {
		for i := range dst {
			dst[i] = xs[rng.Intn(len(xs))]
		}
		sort.Float64s(dst)
		return stats.Median(dst)
	}
	ratios := make([]float64, resamples)
	rb, gb := make([]float64, len(runner)), make([]float64, len(gotest))
	for i := range ratios {
		ratios[i] = medianOfResample(rb, runner) / medianOfResample(gb, gotest)
	}
	sort.Float64s(ratios)
	lo := int(0.025 * float64(resamples))
	hi := int(0.975*float64(resamples)) - 1
	return result.Summary{N: min(len(runner), len(gotest)),
		Median: stats.Summarize(runner).Median / stats.Summarize(gotest).Median,
		CILow:  ratios[lo], CIHigh: ratios[hi], Confidence: stats.Level}
}

// overheadVerdict judges the fastest-sample ratio against the goal and
// says whether the medians' interval could have told the same.
func overheadVerdict(fastest float64, medians result.Summary, goal float64) string {
	v := fmt.Sprintf("overhead %.3f (fastest samples) meets the goal <= %.2f", fastest, goal)
	if fastest > goal {
		v = fmt.Sprintf("overhead %.3f (fastest samples) MISSES the goal <= %.2f", fastest, goal)
	}
	switch {
	case medians.CIHigh <= goal:
		return v + "; so does the whole 95% CI of the medians' ratio"
	case medians.CILow > goal:
		return v + "; the whole 95% CI of the medians' ratio is over the goal"
	default:
		return v + fmt.Sprintf("; the medians' ratio is too noisy to tell (95%% CI [%.3f, %.3f] straddles %.2f): add rounds or quiet the machine",
			medians.CILow, medians.CIHigh, goal)
	}
}

func minOf(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs[1:] {
		if x < m {
			m = x
		}
	}
	return m
}

func noise(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		fail(err.Error())
	}
	docs, err := result.Extract(b)
	if err != nil {
		fail(err.Error())
	}
	type row struct {
		name string
		s    result.Summary
	}
	var rows []row
	for _, d := range docs {
		for _, bm := range d.Benchmarks {
			rows = append(rows, row{bm.Name, bm.Stats.NsPerOp})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].name < rows[j].name })
	for _, r := range rows {
		fmt.Printf("%-60s n=%d median %10.0f ns/op  CV %.2f%%  95%% CI [%.0f, %.0f] (%.1f%% of the median)\n",
			r.name, r.s.N, r.s.Median, 100*r.s.CV, r.s.CILow, r.s.CIHigh, 100*(r.s.CIHigh-r.s.CILow)/r.s.Median)
	}
}
