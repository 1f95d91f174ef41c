package claims

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/schema"
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
			validate(t, doc)
		})
	}
}

// validate checks a document (claims and escape facts included) against the result schema.
func validate(t *testing.T, doc *result.Document) {
	t.Helper()
	doc.StartedAt, doc.FinishedAt = "2026-11-25T08:00:00Z", "2026-11-25T08:00:01Z"
	doc.Environment.GOOS, doc.Environment.GOARCH = "linux", "amd64"
	doc.Environment.NumCPU, doc.Environment.GOMAXPROCS, doc.Environment.GOGC = 2, 2, "100"
	doc.Config.KeyTypes, doc.Config.ValueTypes, doc.Config.Sizes = []string{"int64"}, []string{"int64"}, []int{1}
	doc.Config.Repetitions, doc.Config.Benchtime = 1, "1x"
	b, err := result.Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.ResultV1))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.ResultV1ID, sch); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schema.ResultV1ID)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Fatalf("document with claims and escape facts does not validate: %v", err)
	}
}
