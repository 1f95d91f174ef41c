// Command gen captures the escape-analysis diagnostics of package snippets into the files
// package escape embeds. Run it from the module root (workload/) with the toolchain whose
// binary will embed them; workload/build.sh does so for every Go version before building:
//
//	go run ./internal/escape/gen -go "$(go env GOROOT)/bin/go" -o internal/escape/captured
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"

	"mapbench.io/workload/internal/escape/capture"
)

func main() {
	goBin := flag.String("go", "", "go command of the toolchain to capture with (default: go on PATH)")
	out := flag.String("o", "internal/escape/captured", "directory to write meta.txt, m.txt and m2.txt to")
	module := flag.String("C", ".", "module root (the directory holding go.mod)")
	flag.Parse()
	if *goBin == "" {
		p, err := exec.LookPath("go")
		if err != nil {
			fmt.Fprintln(os.Stderr, "error: -go: no go command given and none on PATH")
			os.Exit(2)
		}
		*goBin = p
	}
	c, err := capture.Run(context.Background(), *goBin, *module)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	if err := capture.Write(c, *out); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("captured %d -m and %d -m=2 diagnostics of %s (%s, lang %s) into %s\n",
		len(c.Diagnostics["-m"]), len(c.Diagnostics["-m=2"]), capture.SnippetsPackage, c.Toolchain, c.Lang, *out)
}
