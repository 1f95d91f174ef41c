package claims

import (
	"fmt"
	"io"
	"strings"

	"mapbench.io/workload/internal/result"
)

// WriteTable prints verdicts as a Markdown table. Every line starts with "|", so benchstat,
// which reads the same output, neither takes a line for a benchmark nor for a "key: value"
// configuration line.
func WriteTable(w io.Writer, claims []result.Claim) error {
	var b strings.Builder
	b.WriteString("| claim | verdict | seed | measured | reason |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, c := range claims {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.ID, c.Verdict, cell(c.SeedFigure), cell(c.Measured), cell(c.Reason))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell keeps a value inside its table cell.
func cell(s string) string {
	if s == "" {
		return "-"
	}
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", "\\|")
}
