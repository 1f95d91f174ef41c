package compare

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"mapbench.io/workload/internal/golden"
)

// threeGoVersions: go1.23.12 (a raw document, the base), and a List of BenchmarkResults with
// go1.26.8 and go1.21.13; the values are chosen so the statistics can be worked out by hand.
func threeGoVersions(t *testing.T) []Input {
	t.Helper()
	base := doc("go1.23.12", "cloud-1", 2,
		bench{"RangeKV", 1000, []float64{100, 102, 104, 106, 108, 110}},
		bench{"RangeKeys", 1000, []float64{50, 50, 50, 50, 50, 50}},
		bench{"FieldViaValue", 10, []float64{10, 11, 12}})
	newer := doc("go1.26.8", "cloud-1", 2,
		bench{"RangeKV", 1000, []float64{130, 128, 126, 124, 122, 120}},
		bench{"RangeKeys", 1000, []float64{50, 50, 50, 50, 50, 50}},
		bench{"FieldViaValue", 10, []float64{12, 13, 14}})
	// Another node with 4 CPUs; FieldViaValue was not run there.
	older := doc("go1.21.13", "cloud-1", 4,
		bench{"RangeKV", 1000, []float64{101, 103, 105, 107, 109, 111}},
		bench{"RangeKeys", 1000, []float64{60, 61, 62, 63, 64, 65}})
	in := fromDocuments("base.json", docsOf(base))
	l := list(benchmarkResult(t, "n", "nightly-2", "cloud-1", "1.26.8", newer), benchmarkResult(t, "o", "nightly-3", "cloud-1", "1.21.13", older))
	return append(in, mustLoad(t, "results.json", mustJSON(t, l))...)
}

func TestBuildKnownNumbers(t *testing.T) {
	opts := DefaultOptions()
	opts.Col = ColGoVersion
	opts.Units = []string{"ns/op"}
	tables, err := Build(threeGoVersions(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 || tables[0].Unit != "sec/op" {
		t.Fatalf("want one sec/op table (ns/op as benchstat names it), got %d", len(tables))
	}
	tab := tables[0]
	if strings.Join(tab.Cols, " ") != "go1.23.12 go1.26.8 go1.21.13" {
		t.Fatalf("columns %q: want the order the inputs were given", tab.Cols)
	}
	if len(tab.Rows) != 3 || tab.Rows[0].Name != "RangeKV/key=int64/value=int64/size=1000" {
		t.Fatalf("rows: want 3, the first RangeKV without -GOMAXPROCS (shared by 2- and 4-CPU runs): %+v", tab.Rows[0])
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	kv := tab.Rows[0].Cells
	// Six samples: the median is the mean of the 3rd and 4th; the 95% interval of the median
	// is the whole range (its confidence is 1 - 2/2^6 = 0.969; the next narrower one is below 95%).
	near("base median", kv[0].Summary.Center, 105e-9)
	near("base low", kv[0].Summary.Lo, 100e-9)
	near("base high", kv[0].Summary.Hi, 110e-9)
	if got := kv[0].Summary.PctRangeString(); got != "5%" { // max(110/105-1, 1-100/105) = 4.76%
		t.Errorf("base interval %q, want 5%%", got)
	}
	near("go1.26 median", kv[1].Summary.Center, 125e-9)
	// Completely separated 6 vs 6: the exact two-sided U test gives 2/C(12,6) = 2/924.
	near("go1.26 p", kv[1].Comparison.P, 2.0/924)
	if kv[1].Delta != "+19.05%" || kv[1].Comparison.String() != "p=0.002 n=6" { // 125/105 - 1
		t.Errorf("go1.26 vs base: %q (%s), want +19.05%% (p=0.002 n=6)", kv[1].Delta, kv[1].Comparison.String())
	}
	// go1.21's samples interleave with the base's: ranks 1..12 alternate, U = 15 of 36, p = 0.699.
	if kv[2].Delta != "~" || kv[2].Comparison.String() != "p=0.699 n=6" {
		t.Errorf("go1.21 vs base: %q (%s), want ~ (p=0.699 n=6)", kv[2].Delta, kv[2].Comparison.String())
	}
	keys := tab.Rows[1].Cells
	if keys[1].Delta != "~" || keys[1].Comparison.P != 1 || !hasWarning(keys[1].CmpWarnings, "all samples are equal") {
		t.Errorf("equal samples: %q p=%v warnings %v", keys[1].Delta, keys[1].Comparison.P, keys[1].CmpWarnings)
	}
	fv := tab.Rows[2].Cells
	if fv[2] != nil || !hasWarning(fv[0].Warnings, "need >= 6 samples for confidence interval at level 0.95") ||
		!hasWarning(fv[1].CmpWarnings, "need >= 4 samples to detect a difference at alpha level 0.05") {
		t.Errorf("FieldViaValue: 3 samples each, none for go1.21: %+v %+v %+v", fv[0], fv[1], fv[2])
	}
	// Geomean of the ratios per column: go1.26 (125/105 * 1 * 13/11)^(1/3).
	near("go1.26 geomean ratio", tab.Geo[1].Ratio, math.Cbrt(125.0/105*13/11))
	if !hasWarning(tab.Geo[2].Warnings, "benchmark set differs from baseline") {
		t.Errorf("go1.21 lacks a benchmark: geomean warnings %v", tab.Geo[2].Warnings)
	}
}

func hasWarning(errs []error, s string) bool {
	for _, e := range errs {
		if strings.Contains(e.Error(), s) {
			return true
		}
	}
	return false
}

// Two documents in one column that differ in more than the column attribute: benchstat's
// footnote names what varies, -GOMAXPROCS included. As in benchstat, the input file is not such
// an attribute (benchfmt keeps .file out of the file configuration).
func TestBuildWarnsWhenACellMixesBenchmarks(t *testing.T) {
	a := doc("go1.26.8", "cloud-1", 2, bench{"RangeKV", 1000, []float64{1, 2, 3, 4, 5, 6}})
	b := doc("go1.26.8", "edge-k3s-1", 4, bench{"RangeKV", 1000, []float64{1, 2, 3, 4, 5, 6}})
	c := doc("go1.23.12", "cloud-1", 2, bench{"RangeKV", 1000, []float64{1, 2, 3, 4, 5, 6}})
	in := append(fromDocuments("a.json", docsOf(a)), fromDocuments("b.json", docsOf(b))...)
	in = append(in, fromDocuments("c.json", docsOf(c))...)
	opts := DefaultOptions()
	opts.Col = ColGoVersion
	tables, err := Build(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	cell := tables[0].Rows[0].Cells[0]
	if !hasWarning(cell.Warnings, "benchmarks vary in cluster, /gomaxprocs") {
		t.Fatalf("warnings %v", cell.Warnings)
	}
	if tables[0].Rows[0].Cells[1].Warnings != nil {
		t.Fatalf("a cell of one document has no mix warning: %v", tables[0].Rows[0].Cells[1].Warnings)
	}
}

func TestBuildErrors(t *testing.T) {
	one := fromDocuments("a.json", docsOf(doc("go1.26.8", "cloud-1", 2, bench{"RangeKV", 1000, []float64{1, 2}})))
	two := append(append([]Input{}, one...), fromDocuments("b.json", docsOf(doc("go1.26.8", "", 2, bench{"RangeKV", 1000, []float64{1, 2}})))...)
	opts := func(f func(*Options)) Options { o := DefaultOptions(); f(&o); return o }
	cases := []struct {
		name  string
		in    []Input
		opts  Options
		parts []string
	}{
		{"no inputs", nil, DefaultOptions(), []string{"inputs: none given"}},
		{"one file", one, DefaultOptions(), []string{"2 or more files", "got 1 (a.json)"}},
		{"unknown column", two, opts(func(o *Options) { o.Col = "arch" }), []string{`--col: "arch"`, "allowed: file, run, cluster, go-version"}},
		{"run of a raw document", two, opts(func(o *Options) { o.Col = ColRun }), []string{"a.json: --col run", "no run attribute", "spec.run"}},
		{"no cluster", two, opts(func(o *Options) { o.Col = ColCluster }), []string{"b.json: --col cluster", "no cluster attribute", "MAPBENCH_CLUSTER"}},
		{"one Go version", two, opts(func(o *Options) { o.Col = ColGoVersion }), []string{"2 or more columns", `every input has go-version "go1.26.8"`, "a.json, b.json"}},
		{"alpha", two, opts(func(o *Options) { o.Alpha = 1.5 }), []string{"--alpha: 1.5"}},
		{"unit", two, opts(func(o *Options) { o.Units = []string{"gc/op"} }), []string{`--unit: "gc/op"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Build(c.in, c.opts)
			wantError(t, err, c.parts...)
		})
	}
	if _, err := ParseUnits("ns/op,sec/op"); err == nil || !strings.Contains(err.Error(), `"sec/op" is not a unit`) {
		t.Fatalf("ParseUnits: %v", err)
	}
}

// The layout of both formats for the hand-checked tables above, with every unit: aligned
// columns, one scale per row, the footnotes, the geomean row with a missing benchmark.
func TestWriteGolden(t *testing.T) {
	opts := DefaultOptions()
	opts.Col = ColGoVersion
	tables, err := Build(threeGoVersions(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	var text, csv, warnings bytes.Buffer
	if err := WriteText(&text, tables); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "three-go-versions.golden.txt", text.Bytes())
	if err := WriteCSV(&csv, &warnings, tables); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "three-go-versions.golden.csv", append(csv.Bytes(), append([]byte("# warnings:\n"), warnings.Bytes()...)...))
}

func TestCellColumn(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := cellColumn(i); got != want {
			t.Errorf("cellColumn(%d) = %q, want %q", i, got, want)
		}
	}
}
