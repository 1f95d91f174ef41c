// Command report summarises the kept measurement scripts' outputs:
//
//	report overhead RUNNER_TEXT GOTEST_TEXT  ratio of the runner's median
//	                                         ns/op to go test -bench's
//	report noise RESULT_JSON                 coefficient of variation of
//	                                         every benchmark's samples
package main

import (
	"bufio"
	"fmt"
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

func overhead(runnerText, gotestText string) {
	runner := nsPerOp(runnerText, "BenchmarkRangeKV/key=int64/value=int64/size=100000")
	gotest := nsPerOp(gotestText, "BenchmarkOverheadRangeKV")
	concrete := nsPerOp(gotestText, "BenchmarkOverheadRangeKVConcrete")
	if len(runner) == 0 || len(gotest) == 0 {
		fail(fmt.Sprintf("missing samples: %d from the runner, %d from go test", len(runner), len(gotest)))
	}
	r, g := stats.Summarize(runner), stats.Summarize(gotest)
	fmt.Printf("S1 RangeKV int64/int64 size=100000\n")
	fmt.Printf("  mapbench run     median %10.0f ns/op  95%% CI [%.0f, %.0f]  CV %.2f%%  n=%d\n", r.Median, r.CILow, r.CIHigh, 100*r.CV, r.N)
	fmt.Printf("  go test -bench   median %10.0f ns/op  95%% CI [%.0f, %.0f]  CV %.2f%%  n=%d\n", g.Median, g.CILow, g.CIHigh, 100*g.CV, g.N)
	if len(concrete) > 0 {
		c := stats.Summarize(concrete)
		fmt.Printf("  go test, non-generic loop  median %10.0f ns/op  CV %.2f%%  n=%d\n", c.Median, 100*c.CV, c.N)
	}
	ratio := r.Median / g.Median
	verdict := "meets"
	if ratio > 1.03 {
		verdict = "MISSES"
	}
	fmt.Printf("overhead ratio (runner / go test) of the medians: %.3f — %s the goal <= 1.03\n", ratio, verdict)
	// On a machine shared with other work the fastest sample is the one
	// least disturbed: its ratio estimates the harness's own overhead.
	fmt.Printf("ratio of the fastest samples: %.3f (%.0f vs %.0f ns/op)\n", minOf(runner)/minOf(gotest), minOf(runner), minOf(gotest))
	if r.CV > 0.05 || g.CV > 0.05 {
		fmt.Printf("note: CV above 5%%: the machine was busy; rerun on an idle machine for a ratio that means something\n")
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
