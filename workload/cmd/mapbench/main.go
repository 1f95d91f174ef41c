// Command mapbench measures Go map iteration and checks the seed document's
// claims. Subcommands: run, list, export, report, compare (see usage).
package main

import (
	"fmt"
	"io"
	"os"

	"mapbench.io/workload/internal/claims"
	"mapbench.io/workload/internal/runner"
	"mapbench.io/workload/internal/scenarios"
)

const usage = `usage: mapbench <command> [flags]

commands:
  run      measure scenarios; prints benchmark text and the result document
           (mapbench run -h for flags)
  list     print the scenario catalog (--json: machine-readable, = catalog.json)
  export   print result documents (raw, logs, or BenchmarkResult objects as JSON)
           as benchmark text for benchstat: mapbench export FILE...
  report   one self-contained HTML page (charts, claim verdicts, comparisons)
           from result documents: mapbench report -o FILE FILE... [--baseline FILE...]
  compare  benchstat's comparison table of result files, columns by file, run,
           cluster or Go version: mapbench compare [--col go-version] FILE...
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		fmt.Fprintln(stderr, "error: command: missing (allowed: run, list, export, report, compare)")
		return runner.ExitInvalid
	}
	switch args[0] {
	case "run":
		// The seed-claims registry judges the run's measurements before the document is printed.
		return runner.Run(args[1:], runner.Env{Stdout: stdout, Stderr: stderr, Root: "/", AfterMeasurements: claims.Apply})
	case "list":
		return list(args[1:], stdout, stderr)
	case "export":
		return export(args[1:], stdout, stderr)
	case "report":
		return reportCmd(args[1:], stdout, stderr)
	case "compare":
		return compareCmd(args[1:], stdout, stderr)
	case scenarios.ChildCommand:
		return scenarios.RunConcurrentWriteChild(args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return runner.ExitOK
	}
	fmt.Fprint(stderr, usage)
	fmt.Fprintf(stderr, "error: command: unknown command %q (allowed: run, list, export, report, compare)\n", args[0])
	return runner.ExitInvalid
}
