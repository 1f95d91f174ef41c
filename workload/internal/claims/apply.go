package claims

import (
	"fmt"
	"io"
	"strings"

	"mapbench.io/workload/internal/escape"
	"mapbench.io/workload/internal/result"
)

// Apply is what `mapbench run` passes as runner.Env.AfterMeasurements: it attaches the embedded escape-analysis facts
// to the document when scenario escape-analysis was part of the run, computes every claim's
// verdict from the document, and prints the facts' headline and the claims table to w (after
// the benchmark text, before the JSON document). Lines start with "# " or "|", so benchstat
// reads past them.
func Apply(doc *result.Document, w io.Writer) error {
	facts, err := escape.Embedded()
	if err != nil {
		return fmt.Errorf("embedded escape-analysis capture: %v", err)
	}
	for _, s := range doc.Config.Scenarios {
		if s == escape.Scenario {
			doc.Escape = facts.Result()
			if err := writeEscapeSummary(w, facts); err != nil {
				return err
			}
		}
	}
	doc.Claims = Evaluate(doc, facts)
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	return WriteTable(w, doc.Claims)
}

// writeEscapeSummary prints, per snippet, the -m diagnostics that say where a variable lives.
func writeEscapeSummary(w io.Writer, f *escape.Facts) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# escape-analysis: snippets compiled by %s (language %s) with -gcflags=-m when this binary was built\n", f.Toolchain, f.Lang)
	if why := f.Stale(); why != "" {
		fmt.Fprintf(&b, "# escape-analysis: %s\n", why)
	}
	for _, s := range escape.Snippets {
		var msgs []string
		for _, d := range f.Of(s.ID, "-m") {
			if strings.Contains(d.Message, "escape") || strings.HasPrefix(d.Message, "moved to heap") {
				msgs = append(msgs, fmt.Sprintf("%d: %s", d.Line, d.Message))
			}
		}
		fmt.Fprintf(&b, "#   %s.go (%s): %s\n", s.ID, s.Summary, strings.Join(msgs, "; "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
