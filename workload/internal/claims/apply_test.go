package claims

import (
	"bytes"
	"strings"
	"testing"

	"mapbench.io/workload/internal/result"
)

func TestApply(t *testing.T) {
	cases := []struct {
		name       string
		scenarios  []string
		wantEscape bool
	}{
		{"with escape-analysis", []string{scEscape, scRangeKV}, true},
		{"without escape-analysis", []string{scRangeKV}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := newDoc(ran(c.scenarios...))
			var out bytes.Buffer
			if err := Apply(doc, &out); err != nil {
				t.Fatal(err)
			}
			if len(doc.Claims) != len(Registry) {
				t.Fatalf("%d claims in the document, registry has %d", len(doc.Claims), len(Registry))
			}
			if (doc.Escape != nil) != c.wantEscape {
				t.Fatalf("escape section present=%v, want %v", doc.Escape != nil, c.wantEscape)
			}
			for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				if line != "" && !strings.HasPrefix(line, "# ") && !strings.HasPrefix(line, "|") {
					t.Errorf("line %q would be read by benchstat", line)
				}
			}
			if !strings.Contains(out.String(), "| println-value-escapes |") {
				t.Errorf("table lacks println-value-escapes:\n%s", out.String())
			}
			if _, err := result.Encode(doc); err != nil {
				t.Fatal(err)
			}
		})
	}
}
