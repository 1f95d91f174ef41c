package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"mapbench.io/workload/internal/catalog"
	"mapbench.io/workload/internal/result"
)

// configLine is what benchfmt reads as a configuration line.
var configLine = regexp.MustCompile(`^[a-z][^\sA-Z:]*: `)

// benchLines returns what benchstat reads from an output: configuration
// lines and benchmark rows (not comments, tables or the document).
// The configuration lines keep their order; the sample rows are sorted: run prints them in the
// interleaved order it measured them, export per benchmark (benchstat groups by name either
// way).
func benchLines(out string) string {
	var keep, rows []string
	for _, l := range strings.Split(out, "\n") {
		if l == result.BeginMarker {
			break
		}
		if strings.HasPrefix(l, "Benchmark") {
			rows = append(rows, l)
		} else if configLine.MatchString(l) {
			keep = append(keep, l)
		}
	}
	sort.Strings(rows)
	return strings.Join(append(keep, rows...), "\n") + "\n"
}

// TestSmokeRun runs the smoke suite end to end: exit 0 within its time
// budget, a benchmark row per sample, a schema-valid document between the
// markers, --json and --termination-log files, and export giving back the
// same rows (from the raw document, the log and a BenchmarkResult object).
func TestSmokeRun(t *testing.T) {
	dir := t.TempDir()
	jsonFile, term := filepath.Join(dir, "doc.json"), filepath.Join(dir, "term")
	args := []string{"run", "--suite", "smoke", "--json", jsonFile, "--termination-log", term}
	if raceEnabled {
		// The race detector reports the races these two scenarios measure.
		smoke, _ := catalog.LookupSuite("smoke")
		var ids []string
		for _, e := range smoke.Entries {
			if e.ID != "goroutine-capture" && e.ID != "concurrent-write" {
				ids = append(ids, e.ID)
			}
		}
		args = append(args, "--scenarios", strings.Join(ids, ","))
	}
	start := time.Now()
	code, out, errOut := invoke(args...)
	took := time.Since(start)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// 3 s on an idle machine; allow for tests running in parallel.
	if took > 10*time.Second {
		t.Errorf("smoke suite took %v, budget 3 s", took)
	}
	docs, err := result.Extract([]byte(out))
	if err != nil || len(docs) != 1 {
		t.Fatalf("extract: %v (%d docs)", err, len(docs))
	}
	d := docs[0]
	raw, err := os.ReadFile(jsonFile)
	if err != nil {
		t.Fatal(err)
	}
	s := compileSchema(t)
	validate(t, s, raw)
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "{") {
			validate(t, s, []byte(l))
		}
	}

	// Every catalog scenario of the suite produced what it declares.
	rows := 0
	for _, id := range d.Config.Scenarios {
		sc, _ := catalog.Lookup(id)
		nb, no := 0, 0
		for _, b := range d.Benchmarks {
			if b.Scenario == id {
				nb++
				if len(b.Samples) != d.Config.Repetitions || b.Stats.NsPerOp.N != d.Config.Repetitions {
					t.Errorf("%s: %d samples, want %d", b.Name, len(b.Samples), d.Config.Repetitions)
				}
				if b.Stats.NsPerOp.CILow > b.Stats.NsPerOp.Median || b.Stats.NsPerOp.Median > b.Stats.NsPerOp.CIHigh {
					t.Errorf("%s: median outside its interval: %+v", b.Name, b.Stats.NsPerOp)
				}
				rows += len(b.Samples)
			}
		}
		for _, o := range d.Observations {
			if o.Scenario == id {
				no++
			}
		}
		if nb != len(sc.Variants) {
			t.Errorf("%s: %d benchmarks, want %d", id, nb, len(sc.Variants))
		}
		if wantObs := contains(sc.Outputs, catalog.OutputObservations); wantObs != (no > 0) {
			t.Errorf("%s: %d observations, outputs %v", id, no, sc.Outputs)
		}
	}
	if len(d.Config.Scenarios) < 12 {
		t.Errorf("only %d scenarios ran", len(d.Config.Scenarios))
	}
	if got := strings.Count(out, "\nBenchmark"); got != rows {
		t.Errorf("%d benchmark rows printed, %d samples in the document", got, rows)
	}
	summary, err := os.ReadFile(term)
	if err != nil || !strings.HasPrefix(string(summary), "ok: ") || len(summary) > 4096 {
		t.Errorf("termination log %q, %v", summary, err)
	}

	// export gives back exactly the rows the run printed.
	want := benchLines(out)
	logFile := filepath.Join(dir, "pod.log")
	os.WriteFile(logFile, []byte(out), 0o644)
	obj := filepath.Join(dir, "benchmarkresult.json")
	wrapped, _ := json.Marshal(map[string]any{"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkResult",
		"spec": map[string]any{"cluster": "cloud-1", "result": json.RawMessage(raw)}})
	os.WriteFile(obj, wrapped, 0o644)
	for _, f := range []string{jsonFile, logFile, obj} {
		code, got, errOut := invoke("export", f)
		if got = benchLines(got); code != 0 || got != want {
			t.Errorf("export %s: exit %d %s\ngot:\n%s\nwant:\n%s", filepath.Base(f), code, errOut, got, want)
		}
	}
}

func contains(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

func TestInvalidInputExits2(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{}, "error: command: missing"},
		{[]string{"frobnicate"}, "error: command: unknown command"},
		{[]string{"run"}, "error: suite: neither --suite nor --scenarios"},
		{[]string{"run", "--suite", "huge"}, "error: suite: unknown suite \"huge\" (allowed: smoke, quick, seed)"},
		{[]string{"run", "--scenarios", "range-kv,nope"}, "error: scenarios: unknown scenario \"range-kv\""},
		{[]string{"run", "--suite", "smoke", "--key-types", "int32"}, "error: key-types: unknown key type \"int32\" (allowed: int64, string8, string32, string256)"},
		{[]string{"run", "--suite", "smoke", "--value-types", "string"}, "error: value-types: unknown value type \"string\""},
		{[]string{"run", "--suite", "smoke", "--sizes", "0"}, "error: sizes: size 0 out of range (allowed: 1..10000000)"},
		{[]string{"run", "--suite", "smoke", "--sizes", "100000000"}, "error: sizes: size 100000000 out of range"},
		{[]string{"run", "--suite", "smoke", "--sizes", "1e5"}, "error: sizes: \"1e5\" is not an integer"},
		{[]string{"run", "--suite", "smoke", "--benchtime", "fast"}, "error: benchtime: \"fast\" is neither a duration"},
		{[]string{"run", "--suite", "smoke", "--benchtime", "0x"}, "error: benchtime: \"0x\" is not a valid iteration count"},
		{[]string{"run", "--suite", "smoke", "--repetitions", "0"}, "error: repetitions: 0 out of range (allowed: 1..1000)"},
		{[]string{"run", "--suite", "smoke", "--gomaxprocs", "-1"}, "error: gomaxprocs: -1 out of range"},
		{[]string{"run", "--suite", "smoke", "--gogc", "lots"}, "error: gogc: \"lots\" is not valid"},
		{[]string{"run", "--suite", "smoke", "--frob"}, "error: flags: flag provided but not defined: -frob"},
		{[]string{"run", "--suite", "smoke", "extra"}, "error: args: unexpected argument \"extra\""},
		{[]string{"run", "--suite", "smoke", "--json", "/nonexistent/dir/doc.json"}, "error: json: cannot write /nonexistent/dir/doc.json"},
		{[]string{"list", "--yaml"}, "error: flags:"},
		{[]string{"export"}, "error: files: none given"},
		{[]string{"export", "/nonexistent/doc.json"}, "error: /nonexistent/doc.json:"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, errOut := invoke(c.args...)
			if code != 2 || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, errOut, c.want)
			}
		})
	}
}

func TestInvalidInputGoesToTerminationLog(t *testing.T) {
	term := filepath.Join(t.TempDir(), "term")
	code, _, _ := invoke("run", "--suite", "smoke", "--sizes", "0", "--termination-log", term)
	got, _ := os.ReadFile(term)
	if code != 2 || string(got) != "error: sizes: size 0 out of range (allowed: 1..10000000)" {
		t.Fatalf("exit %d, termination log %q", code, got)
	}
}

func TestExportRejectsNonDocuments(t *testing.T) {
	f := filepath.Join(t.TempDir(), "pod.json")
	os.WriteFile(f, []byte(`{"kind":"Pod","spec":{}}`), 0o644)
	code, _, errOut := invoke("export", f)
	if code != 2 || !strings.Contains(errOut, "no mapbench.io/result/v1 document found") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

func TestCatalogJSONIsUpToDate(t *testing.T) {
	want, err := catalogJSON()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatal("workload/catalog.json is stale: regenerate it with `go run ./cmd/mapbench list --json > catalog.json` (in workload/)")
	}
	code, out, _ := invoke("list", "--json")
	if code != 0 || out != string(want) {
		t.Fatalf("list --json differs from catalogJSON (exit %d)", code)
	}
}

func TestListTable(t *testing.T) {
	code, out, _ := invoke("list")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, s := range catalog.Scenarios() {
		if !strings.Contains(out, "\n"+s.ID+" ") {
			t.Errorf("list does not show %s", s.ID)
		}
	}
}
