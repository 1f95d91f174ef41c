package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"mapbench.io/workload/internal/report"
	"mapbench.io/workload/internal/runner"
)

const reportUsage = `usage: mapbench report [-o FILE] [--chart-lib PATH] [--title TEXT] FILE... [--baseline FILE...]

Writes one self-contained HTML page (works offline) from result documents:
raw documents, logs with marked documents, BenchmarkResult objects or Lists
of them. Files after --baseline are compared with the current files of the
same cluster and Go version; runs of one cluster with several Go versions
are compared oldest against each newer (benchstat's statistics).
`

// reportCmd is `mapbench report`.
func reportCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, reportUsage); fs.PrintDefaults() }
	out := fs.String("o", "mapbench-report.html", "output `FILE` ('-' for stdout)")
	chartLib := fs.String("chart-lib", os.Getenv(report.ChartLibEnv),
		"`PATH` of Apache ECharts' echarts.min.js to inline (default $"+report.ChartLibEnv+")")
	title := fs.String("title", "mapbench report", "page title")
	var baseline []string
	fs.Func("baseline", "baseline result `FILE` (repeatable; or every FILE after --baseline)", func(f string) error {
		baseline = append(baseline, f)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return runner.ExitOK
		}
		fmt.Fprintf(stderr, "error: flags: %v\n", err)
		return runner.ExitInvalid
	}
	var current []string
	rest := fs.Args()
	for i, a := range rest {
		if a == "--baseline" || a == "-baseline" {
			baseline = append(baseline, rest[i+1:]...)
			break
		}
		current = append(current, a)
	}
	if len(current) == 0 {
		fmt.Fprintln(stderr, "error: files: no result files given (usage: mapbench report [flags] FILE... [--baseline FILE...])")
		return runner.ExitInvalid
	}
	lib, err := report.ReadChartLib(*chartLib)
	if err != nil {
		fmt.Fprintf(stderr, "error: --chart-lib: %v\n", err)
		return runner.ExitInvalid
	}
	runs, err := report.ReadFiles(current)
	if err != nil {
		fmt.Fprintf(stderr, "error: files: %v\n", err)
		return runner.ExitInvalid
	}
	base, err := report.ReadFiles(baseline)
	if err != nil {
		fmt.Fprintf(stderr, "error: --baseline: %v\n", err)
		return runner.ExitInvalid
	}
	page, err := report.Build(*title, runs, base)
	if err != nil {
		fmt.Fprintf(stderr, "error: files: %v\n", err)
		return runner.ExitInvalid
	}
	if *out == "-" {
		return writeReport(stdout, stderr, page, lib)
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintf(stderr, "error: -o: %v\n", err)
		return runner.ExitInvalid
	}
	code := writeReport(f, stderr, page, lib)
	if err := f.Close(); err != nil && code == runner.ExitOK {
		fmt.Fprintf(stderr, "error: -o: %v\n", err)
		return runner.ExitMeasurement
	}
	if code == runner.ExitOK {
		abs, _ := filepath.Abs(*out)
		fmt.Fprintln(stdout, abs)
	}
	return code
}

func writeReport(w io.Writer, stderr io.Writer, page *report.Page, lib []byte) int {
	bw := bufio.NewWriter(w)
	if err := report.Write(bw, page, lib); err != nil {
		fmt.Fprintf(stderr, "error: output: %v\n", err)
		return runner.ExitMeasurement
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintf(stderr, "error: output: %v\n", err)
		return runner.ExitMeasurement
	}
	return runner.ExitOK
}
