package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The committed pairs of real result documents (internal/compare/testdata/generate.sh) and
// what benchstat printed for them (hack/gen-comparison-fixtures.sh), shared with the operator's
// Java comparison.
const (
	pairsDir          = "../../internal/compare/testdata"
	benchstatFixtures = "../../../operator/src/test/resources/comparison"
	// Real pod logs of `mapbench run` the operator's tests read too.
	podLogs = "../../../operator/src/test/resources/mapbench-fixtures"
)

type docPair struct{ name, base, candidate string }

func readPairs(t *testing.T) []docPair {
	t.Helper()
	f, err := os.Open(filepath.Join(pairsDir, "pairs.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []docPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		if len(fs) != 3 {
			t.Fatalf("pairs.txt: %q: want NAME BASE CANDIDATE", sc.Text())
		}
		pairs = append(pairs, docPair{fs[0], fs[1], fs[2]})
	}
	if len(pairs) < 2 {
		t.Fatalf("pairs.txt names %d pairs; the agreement tests need the committed ones", len(pairs))
	}
	return pairs
}

// inDir runs f with the working directory set to dir, so file arguments (and so benchstat's
// column labels) are bare file names as in the committed output.
func inDir(t *testing.T, dir string, f func()) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := os.Chdir(old); err != nil {
			t.Fatal(err)
		}
	}()
	f()
}

func mustCompare(t *testing.T, args ...string) (string, string) {
	t.Helper()
	code, out, errOut := invoke(append([]string{"compare"}, args...)...)
	if code != 0 {
		t.Fatalf("mapbench compare %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out, errOut
}

var spaces = regexp.MustCompile(` +`)

// sameText compares two benchstat-style tables cell by cell: the same lines with the same
// tokens (medians, ± intervals, deltas, p-values, n, footnote marks), whatever the padding.
func sameText(t *testing.T, what, got, want string) {
	t.Helper()
	norm := func(s string) []string {
		var lines []string
		for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
			lines = append(lines, strings.TrimSpace(spaces.ReplaceAllString(l, " ")))
		}
		return lines
	}
	g, w := norm(got), norm(want)
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s: line %d differs from benchstat's:\n got: %s\nwant: %s\nmapbench compare printed:\n%s", what, i+1, gl, wl, got)
		}
	}
}

// Without running benchstat: for every committed pair, mapbench compare prints what benchstat
// printed (the committed output): every median, interval, delta, p-value and n of the text,
// the CSV byte for byte (full-precision medians) and its warnings with their cell references.
func TestCompareMatchesCommittedBenchstatOutput(t *testing.T) {
	for _, p := range readPairs(t) {
		t.Run(p.name, func(t *testing.T) {
			fixtures := map[string]string{}
			for _, ext := range []string{".txt", ".csv", ".csv.warnings"} {
				b, err := os.ReadFile(filepath.Join(benchstatFixtures, p.name+".benchstat"+ext))
				if err != nil {
					t.Fatalf("%v (hack/gen-comparison-fixtures.sh writes it)", err)
				}
				fixtures[ext] = string(b)
			}
			want := func(ext string) string { return fixtures[ext] }
			inDir(t, pairsDir, func() {
				text, _ := mustCompare(t, p.base, p.candidate)
				sameText(t, p.name+" text", text, want(".txt"))
				csv, warnings := mustCompare(t, "--format", "csv", p.base, p.candidate)
				if csv != want(".csv") {
					t.Errorf("%s: CSV differs from benchstat's:\n got:\n%s\nwant:\n%s", p.name, csv, want(".csv"))
				}
				if warnings != want(".csv.warnings") {
					t.Errorf("%s: CSV warnings differ from benchstat's:\n got:\n%s\nwant:\n%s", p.name, warnings, want(".csv.warnings"))
				}
			})
		})
	}
}

// With the real benchstat (hack/tools/benchstat.sh; make test-go sets MAPBENCH_BENCHSTAT):
// benchstat reads the benchmark text the documents contain (mapbench export) and mapbench
// compare must print the same tables, for the default columns by file and for --col, --unit
// and --alpha against benchstat's -col, -filter and -alpha. The committed benchstat output the
// Java agreement test uses must be what this benchstat prints now.
func TestCompareAgreesWithBenchstat(t *testing.T) {
	bs := benchstatBinary(t)
	tmp := t.TempDir()
	pairs := readPairs(t)
	exported := map[string]string{}
	inDir(t, pairsDir, func() {
		for _, p := range pairs {
			for _, doc := range []string{p.base, p.candidate} {
				code, out, errOut := invoke("export", doc)
				if code != 0 {
					t.Fatalf("export %s: exit %d: %s", doc, code, errOut)
				}
				exported[doc] = filepath.Join(tmp, doc+".txt")
				if err := os.WriteFile(exported[doc], []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	benchstat := func(args ...string) (string, string) {
		t.Helper()
		cmd := exec.Command(bs, args...)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("benchstat %s: %v: %s", strings.Join(args, " "), err, errOut.String())
		}
		return out.String(), errOut.String()
	}
	// The grouping hack/gen-comparison-fixtures.sh uses: one table per unit, rows by name without
	// -GOMAXPROCS, columns labelled with the document files.
	labelled := func(p docPair) []string {
		return []string{"-table", "", "-ignore", "/gomaxprocs", p.base + "=" + exported[p.base], p.candidate + "=" + exported[p.candidate]}
	}
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			wantText, _ := benchstat(labelled(p)...)
			wantCSV, wantWarn := benchstat(append([]string{"-format", "csv"}, labelled(p)...)...)
			inDir(t, pairsDir, func() {
				text, _ := mustCompare(t, p.base, p.candidate)
				sameText(t, p.name, text, wantText)
				csv, warn := mustCompare(t, "--format", "csv", p.base, p.candidate)
				if csv != wantCSV || warn != wantWarn {
					t.Errorf("%s: CSV or its warnings differ from benchstat's:\n got:\n%s%s\nwant:\n%s%s", p.name, csv, warn, wantCSV, wantWarn)
				}
			})
			for ext, want := range map[string]string{".txt": wantText, ".csv": wantCSV, ".csv.warnings": wantWarn} {
				committed, err := os.ReadFile(filepath.Join(benchstatFixtures, p.name+".benchstat"+ext))
				if err != nil || string(committed) != want {
					t.Errorf("%s.benchstat%s in %s is not what benchstat prints now (%v); run hack/gen-comparison-fixtures.sh", p.name, ext, benchstatFixtures, err)
				}
			}
			for _, doc := range []string{p.base, p.candidate} {
				a, _ := os.ReadFile(filepath.Join(pairsDir, doc))
				b, err := os.ReadFile(filepath.Join(benchstatFixtures, doc))
				if err != nil || !bytes.Equal(a, b) {
					t.Errorf("%s: the operator's copy differs from %s (%v); run hack/gen-comparison-fixtures.sh", doc, pairsDir, err)
				}
			}
		})
	}
	// Three columns: every file of the first two pairs (base, candidate, re-run).
	three := []string{pairs[0].base, pairs[0].candidate, pairs[1].candidate}
	t.Run("three files", func(t *testing.T) {
		args := []string{"-table", "", "-ignore", "/gomaxprocs"}
		for _, f := range three {
			args = append(args, f+"="+exported[f])
		}
		want, _ := benchstat(args...)
		inDir(t, pairsDir, func() {
			got, _ := mustCompare(t, three...)
			sameText(t, "three files", got, want)
		})
	})
	// The same three documents as the operator stores them, a List of BenchmarkResults, by Go
	// version: the two go1.26 runs share a column (16 samples per cell), as in benchstat.
	t.Run("List by go-version", func(t *testing.T) {
		list := writeBenchmarkResultList(t, tmp, three)
		args := []string{"-table", "", "-ignore", "/gomaxprocs", "-col", "go-version"}
		for _, f := range three {
			args = append(args, exported[f])
		}
		want, _ := benchstat(args...)
		got, _ := mustCompare(t, "--col", "go-version", list)
		sameText(t, "List by go-version", got, want)
	})
	// Two real pod logs: benchstat reads their benchmark lines, mapbench compare the marked
	// documents in them (3 samples each: the small-sample footnotes).
	t.Run("pod logs", func(t *testing.T) {
		logs := []string{"pod-log-bounded.txt", "pod-log-smoke.txt"}
		inDir(t, podLogs, func() {
			want, _ := benchstat(append([]string{"-table", "", "-ignore", "/gomaxprocs"}, logs...)...)
			got, _ := mustCompare(t, logs...)
			sameText(t, "pod logs", got, want)
		})
	})
	// The same documents with the options that change the grouping or the test.
	p := pairs[0]
	for _, v := range []struct {
		name          string
		mapbench, ref []string
	}{
		{"col go-version", []string{"--col", "go-version"}, []string{"-col", "go-version"}},
		{"unit ns/op and allocs/op", []string{"--unit", "ns/op,allocs/op"}, []string{"-filter", ".unit:(sec/op OR allocs/op)"}},
		{"alpha 0.01", []string{"--alpha", "0.01"}, []string{"-alpha", "0.01"}},
	} {
		t.Run(v.name, func(t *testing.T) {
			ref := append([]string{"-table", "", "-ignore", "/gomaxprocs"}, v.ref...)
			want, _ := benchstat(append(ref, p.base+"="+exported[p.base], p.candidate+"="+exported[p.candidate])...)
			inDir(t, pairsDir, func() {
				got, _ := mustCompare(t, append(v.mapbench, p.base, p.candidate)...)
				sameText(t, v.name, got, want)
			})
		})
	}
}

// writeBenchmarkResultList writes the documents as `kubectl get benchmarkresults -o json` prints
// the operator's records of them.
func writeBenchmarkResultList(t *testing.T, dir string, docs []string) string {
	t.Helper()
	var items []map[string]any
	for i, d := range docs {
		b, err := os.ReadFile(filepath.Join(pairsDir, d))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		env := doc["environment"].(map[string]any)
		items = append(items, map[string]any{
			"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkResult",
			"metadata": map[string]any{"name": fmt.Sprintf("nightly-%d-cloud-1", i), "namespace": "bench"},
			"spec": map[string]any{"run": fmt.Sprintf("nightly-%d", i), "cluster": env["cluster"],
				"goVersion": strings.TrimPrefix(env["goVersion"].(string), "go"), "arch": env["goarch"],
				"mapImpl": env["mapImpl"], "result": doc},
		})
	}
	b, err := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": items})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "benchmarkresults.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
