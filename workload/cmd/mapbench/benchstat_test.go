package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// benchstatBinary finds the benchstat that hack/tools/benchstat.sh builds (make tools):
// $MAPBENCH_BENCHSTAT, else the newest under $MAPBENCH_CACHE/benchstat/. A
// $MAPBENCH_BENCHSTAT that does not run as benchstat fails the test: make test-go sets it, so a
// broken build must not turn the reference checks into skips.
func benchstatBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("MAPBENCH_BENCHSTAT"); p != "" {
		out, _ := exec.Command(p, "-h").CombinedOutput()
		if !strings.Contains(string(out), "Usage: benchstat") {
			t.Fatalf("MAPBENCH_BENCHSTAT=%s does not run as benchstat (-h printed %q); rebuild it with hack/tools/benchstat.sh", p, truncate(string(out), 300))
		}
		return p
	}
	cache := os.Getenv("MAPBENCH_CACHE")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache", "mapbench")
	}
	found, _ := filepath.Glob(filepath.Join(cache, "benchstat", "*", "bin", "benchstat"))
	if len(found) == 0 {
		t.Skipf("benchstat not built: run hack/tools/benchstat.sh (part of make tools) or set MAPBENCH_BENCHSTAT")
	}
	return found[len(found)-1]
}

// benchstat, the reference reader of Go benchmark text, reads a raw `mapbench run` output: the
// document between the markers comes in bounded comment lines (benchstat's reader stops at a
// line over 64 KiB), and neither they nor the claims table add configuration keys or rows.
func TestBenchstatReadsRawRunOutput(t *testing.T) {
	bs := benchstatBinary(t)
	code, out, errOut := invoke("run", "--scenarios", "range-kv-vs-keys,field-access,iteration-order,growth-points,escape-analysis",
		"--sizes", "100", "--key-types", "int64", "--value-types", "int64,struct16,struct64,struct128,struct256",
		"--repetitions", "6", "--benchtime", "20x")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	begin, end := strings.Index(out, "--- BEGIN"), strings.Index(out, "--- END")
	if begin < 0 || end-begin < 64<<10 {
		t.Fatalf("document of %d bytes: the test needs one over 64 KiB to show the bounded lines matter", end-begin)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		if n := len(sc.Text()); n > 64<<10 {
			t.Fatalf("output line of %d bytes: over benchstat's 64 KiB", n)
		}
	}
	f := filepath.Join(t.TempDir(), "run.txt")
	if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := exec.Command(bs, "-format", "csv", f).CombinedOutput()
	if err != nil {
		t.Fatalf("benchstat %s: %v\n%s", f, err, got)
	}
	text := string(got)
	for _, want := range []string{"RangeKV/key=int64/value=int64/size=100", "RangeKeysLookup/key=int64/value=int64/size=100", "sec/elem", "allocs/op"} {
		if !strings.Contains(text, want) {
			t.Errorf("benchstat output lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"token too long", "parsing", "apiVersion", "verdict"} {
		if strings.Contains(text, bad) {
			t.Errorf("benchstat output holds %q (read a document or table line as benchmark text):\n%s", bad, text)
		}
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
