package result

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFullDocumentValidatesAgainstSchema(t *testing.T) {
	s := compileSchema(t)
	b, err := Encode(fullDocument())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("\n")) {
		t.Fatal("encoded document spans more than one line")
	}
	if err := validateJSON(t, s, b); err != nil {
		t.Fatalf("valid document rejected: %v", err)
	}
}

func TestSchemaRejectsBrokenDocuments(t *testing.T) {
	s := compileSchema(t)
	cases := []struct {
		name   string
		break_ func(d *Document)
	}{
		{"bad verdict", func(d *Document) { d.Claims[0].Verdict = "maybe" }},
		{"bad map impl", func(d *Document) { d.Environment.MapImpl = "hash" }},
		{"bad key type", func(d *Document) { d.Benchmarks[0].KeyType = "int32" }},
		{"bad scenario id", func(d *Document) { d.Benchmarks[0].Scenario = "Range_KV" }},
		{"no samples", func(d *Document) { d.Benchmarks[0].Samples = []Sample{} }},
		{"size too large", func(d *Document) { d.Benchmarks[0].Size = 20000000 }},
		{"bad time", func(d *Document) { d.StartedAt = "yesterday" }},
		{"bad apiVersion", func(d *Document) { d.APIVersion = "mapbench.io/result/v2" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := fullDocument()
			c.break_(d)
			b, err := Encode(d)
			if err != nil {
				t.Fatal(err)
			}
			if validateJSON(t, s, b) == nil {
				t.Fatalf("schema accepted a document with %s", c.name)
			}
		})
	}
}

func TestEncodeRefusesOversizedDocument(t *testing.T) {
	d := fullDocument()
	d.Observations[0].Summary = strings.Repeat("x", MaxDocumentBytes)
	b, err := Encode(d)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got err %v, want ErrTooLarge", err)
	}
	if len(b) <= MaxDocumentBytes {
		t.Fatalf("returned %d bytes, want the oversized encoding", len(b))
	}
}

func TestExtract(t *testing.T) {
	raw, err := Encode(fullDocument())
	if err != nil {
		t.Fatal(err)
	}
	// The older form: the whole document on the one line between the markers.
	oneLine := []byte("goos: linux\nBenchmarkX 1 2 ns/op\n" + BeginMarker + "\n" + string(raw) + "\n" + EndMarker + "\nPASS\n")
	var marked bytes.Buffer
	if err := WriteMarked(&marked, raw); err != nil {
		t.Fatal(err)
	}
	log := []byte("goos: linux\nBenchmarkX 1 2 ns/op\n" + marked.String() + "PASS\n")
	asString, _ := json.Marshal(string(raw))
	cases := []struct {
		name  string
		input string
		want  int
	}{
		{"raw document", string(raw), 1},
		{"log", string(log), 1},
		{"log, one-line form", string(oneLine), 1},
		{"log with CRLF", strings.ReplaceAll(string(log), "\n", "\r\n"), 1},
		{"two logs", string(log) + string(log), 2},
		{"spec.result", `{"apiVersion":"mapbench.io/v1alpha1","kind":"BenchmarkResult","spec":{"cluster":"c","result":` + string(raw) + `}}`, 1},
		{"status.result", `{"kind":"BenchmarkResult","status":{"result":` + string(raw) + `}}`, 1},
		{"spec.result as string", `{"kind":"BenchmarkResult","spec":{"result":` + string(asString) + `}}`, 1},
		{"spec is the document", `{"kind":"BenchmarkResult","spec":` + string(raw) + `}`, 1},
		{"list", `{"kind":"List","items":[{"spec":{"result":` + string(raw) + `}},{"status":{"result":` + string(raw) + `}}]}`, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs, err := Extract([]byte(c.input))
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != c.want {
				t.Fatalf("got %d documents, want %d", len(docs), c.want)
			}
			if docs[0].Benchmarks[0].Name != "BenchmarkRangeKV/key=int64/value=int64/size=100" {
				t.Fatalf("document not decoded: %+v", docs[0].Benchmarks)
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	cases := []struct {
		name, input, wantErr string
	}{
		{"not json", "hello", "neither a log"},
		{"no document", `{"kind":"Pod","spec":{}}`, "no mapbench.io/result/v1 document"},
		{"truncated log", BeginMarker + "\n{}\n", "truncated log?"},
		{"truncated log, line form", BeginMarker + "\n# {\"apiV\n", "truncated log?"},
		{"foreign line between the markers", BeginMarker + "\n# {\"apiVersion\":\n\"mapbench.io/result/v1\"}\n" + EndMarker + "\n", "must start with \"# \""},
		{"nothing between the markers", BeginMarker + "\n" + EndMarker + "\n", "no document"},
		{"wrong version in log", BeginMarker + "\n{\"apiVersion\":\"x\"}\n" + EndMarker + "\n", "apiVersion"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Extract([]byte(c.input))
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("got %v, want error containing %q", err, c.wantErr)
			}
		})
	}
}

// The marked form keeps every line far below benchstat's 64 KiB limit, splits only between
// UTF-8 sequences and never right after a space, and joins back to the same bytes.
func TestWriteMarkedBoundsLines(t *testing.T) {
	d := fullDocument()
	d.Observations[0].Summary = strings.Repeat("größe ", 4000) + strings.Repeat("x", 5000) + strings.Repeat("a b ", 3000)
	raw, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteMarked(&out, raw); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if lines[0] != BeginMarker || lines[len(lines)-1] != EndMarker || len(lines) < 10 {
		t.Fatalf("%d lines, first %q last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	var joined []byte
	for _, l := range lines[1 : len(lines)-1] {
		if len(l) > DocumentLineBytes || !strings.HasPrefix(l, DocumentLinePrefix) || !utf8.ValidString(l) || strings.HasSuffix(l, " ") {
			t.Fatalf("line of %d bytes (limit %d), valid UTF-8 %v: %.60q...", len(l), DocumentLineBytes, utf8.ValidString(l), l)
		}
		joined = append(joined, l[len(DocumentLinePrefix):]...)
	}
	if !bytes.Equal(joined, raw) {
		t.Fatal("joined lines differ from the document")
	}
}
