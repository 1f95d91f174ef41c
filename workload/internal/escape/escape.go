// Package escape holds the escape-analysis facts (scenario S9, catalog id escape-analysis)
// captured when the binary was built: the seed's snippets (package snippets) compiled with
// -gcflags=-m and -m=2 by the same toolchain and language version as the binary, the
// diagnostics embedded below. mapbench never runs a compiler (the image has none).
//
// Staleness: workload/build.sh regenerates captured/ in its temporary build copy for every
// toolchain before building, so a built binary always carries its own toolchain's facts. The
// committed captured/ is the capture of the development toolchain (the Go of the machine, with
// the committed go.mod's language version) so `go build`/`go test` work without build.sh;
// TestCommittedCaptureIsFresh recompiles the snippets and fails when it differs (regenerate with
// `go run ./internal/escape/gen -o internal/escape/captured` from workload/). A binary whose
// embedded toolchain is not its runtime.Version() says so (Facts.Stale), and claims built on
// the facts become inconclusive.
package escape

import (
	"bufio"
	"embed"
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

//go:embed captured/meta.txt captured/m.txt captured/m2.txt
var captured embed.FS

// Scenario is the catalog id of S9.
const Scenario = "escape-analysis"

// Diagnostic is one compiler line about a snippet.
type Diagnostic struct {
	Snippet string // snippet id: file name without .go
	Flag    string // "-m" or "-m=2"
	Line    int
	Col     int
	Message string // e.g. "moved to heap: v"
}

// Facts is the embedded capture.
type Facts struct {
	Toolchain   string // toolchain that compiled the snippets, e.g. go1.23.12
	Lang        string // language version they were compiled with, e.g. go1.23
	Diagnostics []Diagnostic
}

// Stale reports why the facts may not describe this binary's compiler ("" when they do).
func (f *Facts) Stale() string {
	if f.Toolchain != runtime.Version() {
		return fmt.Sprintf("escape facts were captured by %s but this binary was built by %s (build with workload/build.sh)", f.Toolchain, runtime.Version())
	}
	return ""
}

// Embedded parses the capture embedded in the binary.
func Embedded() (*Facts, error) {
	read := func(name string) (string, error) {
		b, err := captured.ReadFile("captured/" + name)
		return string(b), err
	}
	meta, err := read("meta.txt")
	if err != nil {
		return nil, err
	}
	m1, err := read("m.txt")
	if err != nil {
		return nil, err
	}
	m2, err := read("m2.txt")
	if err != nil {
		return nil, err
	}
	return Parse(meta, map[string]string{"-m": m1, "-m=2": m2})
}

var diagLine = regexp.MustCompile(`^([a-z0-9_]+)\.go:(\d+):(\d+): (.*)$`)

// Parse reads a capture: meta ("toolchain go1.N.P", "lang go1.N" lines) and per flag the
// normalized diagnostics ("file.go:line:col: message").
func Parse(meta string, byFlag map[string]string) (*Facts, error) {
	f := &Facts{}
	sc := bufio.NewScanner(strings.NewReader(meta))
	for sc.Scan() {
		key, value, _ := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		switch key {
		case "toolchain":
			f.Toolchain = value
		case "lang":
			f.Lang = value
		}
	}
	if f.Toolchain == "" || f.Lang == "" {
		return nil, fmt.Errorf("escape capture meta: want lines \"toolchain go1.N.P\" and \"lang go1.N\", got %q", meta)
	}
	flags := make([]string, 0, len(byFlag))
	for flag := range byFlag {
		flags = append(flags, flag)
	}
	sort.Strings(flags)
	for _, flag := range flags {
		for i, line := range strings.Split(byFlag[flag], "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			m := diagLine.FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("escape capture %s line %d: %q is not \"file.go:line:col: message\"", flag, i+1, line)
			}
			ln, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			f.Diagnostics = append(f.Diagnostics, Diagnostic{Snippet: m[1], Flag: flag, Line: ln, Col: col, Message: m[4]})
		}
	}
	return f, nil
}

// Of returns the diagnostics of one snippet printed with one flag.
func (f *Facts) Of(snippet, flag string) []Diagnostic {
	var out []Diagnostic
	for _, d := range f.Diagnostics {
		if d.Snippet == snippet && d.Flag == flag {
			out = append(out, d)
		}
	}
	return out
}

// Escapes tells whether the -m output of a snippet says variable name goes to the heap
// ("moved to heap: v", "v escapes to heap"), and the diagnostic that says so.
func (f *Facts) Escapes(snippet, name string) (bool, *Diagnostic) {
	for _, d := range f.Of(snippet, "-m") {
		if EscapesMessage(d.Message, name) {
			d := d
			return true, &d
		}
	}
	return false, nil
}

// Mentions returns the -m diagnostics of a snippet that name the variable at all.
func (f *Facts) Mentions(snippet, name string) []Diagnostic {
	var out []Diagnostic
	word := regexp.MustCompile(`(^|[^A-Za-z0-9_])&?` + regexp.QuoteMeta(name) + `([^A-Za-z0-9_]|$)`)
	for _, d := range f.Of(snippet, "-m") {
		if word.MatchString(d.Message) {
			out = append(out, d)
		}
	}
	return out
}

// EscapesMessage reports whether a -m message says name goes to the heap.
func EscapesMessage(msg, name string) bool {
	return msg == "moved to heap: "+name || msg == name+" escapes to heap"
}

// escapeState classifies a message: true (to heap), false (does not escape), nil (other).
func escapeState(msg string) *bool {
	yes, no := true, false
	switch {
	case strings.HasPrefix(msg, "moved to heap: "), strings.HasSuffix(msg, " escapes to heap"):
		return &yes
	case strings.HasSuffix(msg, " does not escape"):
		return &no
	}
	return nil
}
