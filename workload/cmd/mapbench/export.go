package main

import (
	"fmt"
	"io"
	"os"

	"mapbench.io/workload/internal/benchtext"
	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/runner"
)

// export prints every result document found in the files as benchmark
// text: the same header and rows `mapbench run` printed.
func export(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "error: files: none given (usage: mapbench export FILE..., '-' for stdin)")
		return runner.ExitInvalid
	}
	for _, f := range files {
		var b []byte
		var err error
		if f == "-" {
			b, err = io.ReadAll(os.Stdin)
		} else {
			b, err = os.ReadFile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "error: %s: %v\n", f, err)
			return runner.ExitInvalid
		}
		docs, err := result.Extract(b)
		if err != nil {
			fmt.Fprintf(stderr, "error: %s: %v\n", f, err)
			return runner.ExitInvalid
		}
		for _, d := range docs {
			if err := benchtext.WriteDocument(stdout, d); err != nil {
				fmt.Fprintf(stderr, "error: output: %v\n", err)
				return runner.ExitMeasurement
			}
		}
	}
	return runner.ExitOK
}
