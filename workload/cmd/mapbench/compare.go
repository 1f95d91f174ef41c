package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"mapbench.io/workload/internal/compare"
	"mapbench.io/workload/internal/runner"
)

const compareUsage = `usage: mapbench compare [--col file|run|cluster|go-version] [--unit all|ns/op,ns/elem,B/op,allocs/op]
                        [--alpha 0.05] [--format text|csv] FILE...

Compares benchmarks across result files as benchstat does (golang.org/x/perf): one table per
unit, one row per benchmark, one column per file (or per run, cluster or Go version, read from
a BenchmarkResult's spec or the document's environment). Each cell is the median and its 95%
interval; each further column is tested against the first with the Mann-Whitney U test:
"+12.34% (p=0.002 n=8)", or "~" when the difference is not significant at --alpha.
FILE: a mapbench run output or pod log, a result document (JSON), or a BenchmarkResult or a
List of them (kubectl get benchmarkresult -o json|yaml); '-' reads stdin.
`

// compareCmd is `mapbench compare`.
func compareCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, compareUsage); fs.PrintDefaults() }
	opts := compare.DefaultOptions()
	fs.StringVar(&opts.Col, "col", opts.Col, "column `attribute`: "+strings.Join(compare.Columns, ", "))
	units := fs.String("unit", "all", "`units` to compare: all, or a comma-separated list of "+strings.Join(compare.Units, ", "))
	fs.Float64Var(&opts.Alpha, "alpha", opts.Alpha, "significance level `α` of the U test")
	format := fs.String("format", "text", "output `format`: text or csv (csv warnings go to stderr)")
	var files []string
	// Flags may come before, between or after the files.
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if err == flag.ErrHelp {
				return runner.ExitOK
			}
			fmt.Fprintf(stderr, "error: flags: %v\n", err)
			return runner.ExitInvalid
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	var err error
	if opts.Units, err = compare.ParseUnits(*units); err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return runner.ExitInvalid
	}
	if *format != "text" && *format != "csv" {
		fmt.Fprintf(stderr, "error: --format: %q is not a format (allowed: text, csv)\n", *format)
		return runner.ExitInvalid
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "error: files: none given (usage: mapbench compare [flags] FILE..., 2 or more results to compare)")
		return runner.ExitInvalid
	}
	var inputs []compare.Input
	for _, f := range files {
		b, err := readInput(f)
		if err != nil {
			fmt.Fprintf(stderr, "error: %s: %v\n", f, err)
			return runner.ExitInvalid
		}
		in, err := compare.Load(f, b)
		if err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return runner.ExitInvalid
		}
		inputs = append(inputs, in...)
	}
	tables, err := compare.Build(inputs, opts)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return runner.ExitInvalid
	}
	bw := bufio.NewWriter(stdout)
	if *format == "csv" {
		err = compare.WriteCSV(bw, stderr, tables)
	} else {
		err = compare.WriteText(bw, tables)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "error: output: %v\n", err)
		return runner.ExitMeasurement
	}
	return runner.ExitOK
}

// readInput reads a file, or stdin for "-".
func readInput(f string) ([]byte, error) {
	if f == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(f)
}
