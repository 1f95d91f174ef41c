package capture

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// The real compiler, run on the real snippets, reports the seed's escaping example as
// escaping and leaves its non-escaping example alone.
func TestRunFindsEscapingAndNonEscapingSnippets(t *testing.T) {
	c, err := Run(context.Background(), goCommand(t), "../../..")
	if err != nil {
		t.Fatal(err)
	}
	if c.Toolchain != runtime.Version() {
		t.Errorf("toolchain %q, want %q", c.Toolchain, runtime.Version())
	}
	m := c.Diagnostics["-m"]
	has := func(prefix, suffix string) bool {
		for _, l := range m {
			if strings.HasPrefix(l, prefix) && strings.HasSuffix(l, suffix) {
				return true
			}
		}
		return false
	}
	if !has("println_value.go:", ": v escapes to heap") {
		t.Errorf("fmt.Println(v): no \"v escapes to heap\" in\n%s", strings.Join(m, "\n"))
	}
	if !has("collect_addr.go:", ": moved to heap: v") {
		t.Errorf("&v collected: no \"moved to heap: v\" in\n%s", strings.Join(m, "\n"))
	}
	if !has("blank_use.go:", ": m does not escape") {
		t.Errorf("`_ = v`: no \"m does not escape\" in\n%s", strings.Join(m, "\n"))
	}
	for _, l := range m {
		if strings.HasPrefix(l, "blank_use.go:") && (strings.HasSuffix(l, "moved to heap: v") || strings.HasSuffix(l, "v escapes to heap")) {
			t.Errorf("`_ = v` reported as escaping: %s", l)
		}
	}
	if len(c.Diagnostics["-m=2"]) <= len(m) {
		t.Errorf("-m=2 printed %d lines, -m %d: want more detail at level 2", len(c.Diagnostics["-m=2"]), len(m))
	}
}

func TestNormalize(t *testing.T) {
	out := "# mapbench.io/workload/internal/escape/snippets\n" +
		"internal/escape/snippets/collect_addr.go:7:9: moved to heap: v\r\n" +
		"/tmp/build/internal/escape/snippets/boxing.go:7:11: v escapes to heap\n" +
		"/usr/local/go/src/fmt/print.go:1:1: unrelated\n"
	want := []string{"collect_addr.go:7:9: moved to heap: v", "boxing.go:7:11: v escapes to heap"}
	if got := Normalize(out); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestLanguageVersion(t *testing.T) {
	cases := []struct{ goMod, want string }{
		{"module x\n\n// comment\ngo 1.21\n", "go1.21"},
		{"module x\ngo 1.23.0\ntoolchain go1.23.12\n", "go1.23"},
		{"module x\n", ""},
	}
	for _, c := range cases {
		p := filepath.Join(t.TempDir(), "go.mod")
		if err := os.WriteFile(p, []byte(c.goMod), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := languageVersion(p)
		if c.want == "" {
			if err == nil {
				t.Errorf("%q: no error for a go.mod without go line", c.goMod)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: got %q, %v; want %q", c.goMod, got, err, c.want)
		}
	}
}

func TestFileName(t *testing.T) {
	for level, want := range map[string]string{"-m": "m.txt", "-m=2": "m2.txt"} {
		if got := FileName(level); got != want {
			t.Errorf("FileName(%q) = %q, want %q", level, got, want)
		}
	}
}

func goCommand(t *testing.T) string {
	t.Helper()
	p, err := RuntimeGoCommand()
	if err != nil {
		t.Skip("no go command to compile the snippets with")
	}
	return p
}
