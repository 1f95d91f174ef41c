package escape

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"mapbench.io/workload/internal/escape/capture"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name    string
		meta    string
		m       string
		want    []Diagnostic
		wantErr string
	}{
		{"one line", "toolchain go1.23.12\nlang go1.23\n", "collect_addr.go:7:9: moved to heap: v\n",
			[]Diagnostic{{"collect_addr", "-m", 7, 9, "moved to heap: v"}}, ""},
		{"message with colons", "toolchain go1.21.13\nlang go1.21\n", "boxing.go:5:6: can inline BoxToInterface with cost 67 as: func() { }\n",
			[]Diagnostic{{"boxing", "-m", 5, 6, "can inline BoxToInterface with cost 67 as: func() { }"}}, ""},
		{"empty capture", "toolchain go1.26.8\nlang go1.26\n", "", nil, ""},
		{"no meta", "", "x.go:1:1: y\n", nil, "want lines \"toolchain go1.N.P\""},
		{"garbage line", "toolchain go1.26.8\nlang go1.26\n", "# mapbench.io/workload/internal/escape/snippets\n", nil, "is not \"file.go:line:col: message\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(c.meta, map[string]string{"-m": c.m})
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f.Diagnostics, c.want) {
				t.Fatalf("got %+v, want %+v", f.Diagnostics, c.want)
			}
		})
	}
}

func TestEscapesMessage(t *testing.T) {
	cases := []struct {
		msg, name string
		want      bool
	}{
		{"moved to heap: v", "v", true},
		{"v escapes to heap", "v", true},
		{"moved to heap: vv", "v", false},
		{"... argument does not escape", "v", false},
		{"&v does not escape", "v", false},
		{"func literal escapes to heap", "v", false},
	}
	for _, c := range cases {
		if got := EscapesMessage(c.msg, c.name); got != c.want {
			t.Errorf("EscapesMessage(%q, %q) = %v, want %v", c.msg, c.name, got, c.want)
		}
	}
}

// The embedded capture parses, covers every snippet file, and tells the seed's escaping
// example from its non-escaping one.
func TestEmbeddedCapture(t *testing.T) {
	f, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if esc, d := f.Escapes("println_value", "v"); !esc {
		t.Errorf("embedded capture: fmt.Println(v) snippet has no \"v escapes to heap\": %+v", f.Of("println_value", "-m"))
	} else if d.Line == 0 {
		t.Errorf("diagnostic without a line: %+v", d)
	}
	if esc, d := f.Escapes("blank_use", "v"); esc {
		t.Errorf("embedded capture: `_ = v` snippet says v escapes: %+v", d)
	}
	r := f.Result()
	if len(r.Facts) != len(f.Diagnostics) || r.Facts[0].Scenario != Scenario {
		t.Fatalf("Result() lost facts: %d of %d", len(r.Facts), len(f.Diagnostics))
	}
}

// The table names exactly the snippet files, so every diagnostic can be attached to claims.
func TestSnippetTableMatchesFiles(t *testing.T) {
	files, err := filepath.Glob("snippets/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var onDisk, inTable []string
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".go")
		if id != "doc" && !strings.HasSuffix(id, "_test") {
			onDisk = append(onDisk, id)
		}
	}
	for _, s := range Snippets {
		inTable = append(inTable, s.ID)
		if len(s.Claims) == 0 || s.Summary == "" {
			t.Errorf("snippet %s: no summary or no claims", s.ID)
		}
	}
	sort.Strings(onDisk)
	sort.Strings(inTable)
	if !reflect.DeepEqual(onDisk, inTable) {
		t.Fatalf("snippet files %v, table %v", onDisk, inTable)
	}
}

// TestCommittedCaptureIsFresh answers the staleness question for the committed capture: it is
// the development toolchain's, and must be what that toolchain prints now for the committed
// snippets and go.mod. With any other toolchain the comparison is meaningless and skipped
// (build.sh recaptures per toolchain anyway).
func TestCommittedCaptureIsFresh(t *testing.T) {
	f, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if f.Toolchain != runtime.Version() {
		t.Skipf("committed capture is from %s, tests run with %s", f.Toolchain, runtime.Version())
	}
	goBin := goCommand(t)
	c, err := capture.Run(context.Background(), goBin, "../..")
	if err != nil {
		t.Fatal(err)
	}
	if c.Lang != f.Lang {
		t.Fatalf("committed capture has lang %s, go.mod says %s: regenerate with `go run ./internal/escape/gen` in workload/", f.Lang, c.Lang)
	}
	for _, level := range capture.Levels {
		b, err := os.ReadFile(filepath.Join("captured", capture.FileName(level)))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Join(c.Diagnostics[level], "\n") + "\n"
		if string(b) != want {
			t.Fatalf("captured/%s is stale for %s: regenerate with `go run ./internal/escape/gen` in workload/", capture.FileName(level), runtime.Version())
		}
	}
}

func goCommand(t *testing.T) string {
	t.Helper()
	p, err := capture.RuntimeGoCommand()
	if err != nil {
		t.Skip("no go command to compile the snippets with")
	}
	return p
}
