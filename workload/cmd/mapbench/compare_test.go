package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// Bad input: exit 2 and one line on stderr that names the file, flag or attribute, what is wrong
// and what is allowed.
func TestCompareErrors(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(pairsDir, "quick-go1.23.json")
	cand := filepath.Join(pairsDir, "quick-go1.26.json")
	mixed := filepath.Join(dir, "mixed.json")
	write(t, mixed, `{"apiVersion":"v1","kind":"List","items":[{"kind":"Pod","metadata":{"name":"p"}},{"kind":"BenchmarkResult","spec":{"run":"a"}}]}`)
	missing := filepath.Join(dir, "missing.json")
	cases := []struct {
		name  string
		args  []string
		parts []string
	}{
		{"no files", nil, []string{"files: none given"}},
		{"unknown file", []string{base, missing}, []string{"error: " + missing + ":", "no such file"}},
		{"mixed kinds", []string{base, mixed}, []string{`mixed.json: items[0]: kind "Pod" in a List of BenchmarkResults: every item must be a BenchmarkResult`}},
		{"one file", []string{base}, []string{"2 or more files with --col file, got 1 (" + base + ")"}},
		{"unknown --col", []string{"--col", "arch", base, cand}, []string{`--col: "arch" is not a column attribute (allowed: file, run, cluster, go-version)`}},
		{"missing attribute", []string{"--col", "run", base, cand}, []string{base + ": --col run: the document has no run attribute", "spec.run"}},
		{"one value of the column", []string{"--col", "cluster", base, cand}, []string{`every input has cluster "cloud-1"`}},
		{"unknown --unit", []string{"--unit", "ns/elem,bytes", base, cand}, []string{`--unit: "bytes" is not a unit (allowed: all, or a comma-separated list of ns/op, ns/elem, B/op, allocs/op)`}},
		{"unknown --format", []string{"--format", "html", base, cand}, []string{`--format: "html" is not a format (allowed: text, csv)`}},
		{"--alpha out of range", []string{"--alpha", "0", base, cand}, []string{"--alpha: 0 is outside (0, 1)"}},
		{"flag syntax", []string{"--alpha", "x", base, cand}, []string{"error: flags:", "invalid value"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := invoke(append([]string{"compare"}, c.args...)...)
			if code != 2 || out != "" {
				t.Fatalf("exit %d, stdout %q: want exit 2 and no table", code, out)
			}
			for _, p := range c.parts {
				if !strings.Contains(errOut, p) {
					t.Fatalf("stderr %q lacks %q", errOut, p)
				}
			}
		})
	}
}

// A List of BenchmarkResults as YAML (kubectl get benchmarkresults -o yaml), columns by run;
// flags may follow the files.
func TestCompareBenchmarkResultYAMLByRun(t *testing.T) {
	list := writeBenchmarkResultList(t, t.TempDir(), []string{"smoke-go1.23-n4.json", "smoke-go1.26-n4.json"})
	j, err := os.ReadFile(list)
	if err != nil {
		t.Fatal(err)
	}
	y, err := yaml.JSONToYAML(j)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "results.yaml")
	write(t, path, string(y))
	code, out, errOut := invoke("compare", path, "--col", "run", "--unit", "allocs/op")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[0], "nightly-0") || !strings.Contains(lines[0], "nightly-1") || !strings.Contains(lines[1], "allocs/op") {
		t.Fatalf("header does not name the runs and the unit:\n%s", out)
	}
	// RangeFirst over a fresh 8-entry map: 2 allocations per op with Go 1.23's classic maps,
	// none with Go 1.26's Swiss tables (smoke-*-n4.json, 4 samples each, all equal).
	if !strings.Contains(out, "RangeFirst/key=int64/value=int64/size=8") || !strings.Contains(out, "-100.00% (p=0.029 n=4)") {
		t.Fatalf("RangeFirst's allocs/op row missing or different:\n%s", out)
	}
	if strings.Contains(out, "sec/op") {
		t.Fatalf("--unit allocs/op printed other units:\n%s", out)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
