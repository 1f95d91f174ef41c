package overhead

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"testing"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/scenarios"
)

// runnerHarness makes this test binary time the loop with the runner's own
// harness (internal/bench) instead of running tests or benchmarks. Its
// ns/op against BenchmarkOverheadRangeKV of the same binary isolates what
// the harness costs: same process image, same out-of-line loop. The
// mapbench binary differs in everything around the loop (runtime layout,
// heap, what ran before), which the A/B ratio of bench/overhead.sh includes.
var runnerHarness = flag.Bool("runner-harness", false, "time the loop with the runner's harness, print one benchmark line, exit")

func TestMain(m *testing.M) {
	flag.Parse()
	if *runnerHarness {
		os.Exit(timeWithRunnerHarness())
	}
	os.Exit(m.Run())
}

func timeWithRunnerHarness() int {
	bt, err := bench.ParseBenchtime(flag.Lookup("test.benchtime").Value.String())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	m := newMap()
	s := new(scenarios.Sink[int64, int64])
	r := bench.Run(func(b *bench.B) { scenarios.LoopRangeKV(m, b.N, s) }, bt)
	fmt.Printf("BenchmarkOverheadRangeKVRunnerHarness-%d\t%d\t%.0f ns/op\n", runtime.GOMAXPROCS(0), r.N, r.NsPerOp())
	return 0
}

// TestRunnerHarnessPrintsOneBenchmarkLine runs this binary the way
// bench/overhead.sh does and checks the line the report parses.
func TestRunnerHarnessPrintsOneBenchmarkLine(t *testing.T) {
	out, err := exec.Command(os.Args[0], "-runner-harness", "-test.benchtime", "2x").Output()
	if err != nil {
		t.Fatalf("-runner-harness: %v", err)
	}
	line := regexp.MustCompile(`^BenchmarkOverheadRangeKVRunnerHarness-\d+\t2\t\d+ ns/op\n$`)
	if !line.Match(out) {
		t.Fatalf("-runner-harness printed %q, want one line like \"BenchmarkOverheadRangeKVRunnerHarness-2\\t2\\t650000 ns/op\"", out)
	}
}
