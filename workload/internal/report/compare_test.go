package report

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// benchstat builds golang.org/x/perf/cmd/benchstat at the version go.mod
// pins: the reference the report's comparisons must agree with.
func benchstat(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "benchstat")
	gocmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	if out, err := exec.Command(gocmd, "build", "-o", exe, "golang.org/x/perf/cmd/benchstat").CombinedOutput(); err != nil {
		t.Fatalf("building benchstat: %v\n%s", err, out)
	}
	return exe
}

// benchstatCells runs benchstat -format csv on the two runs' samples and
// returns "unit name" -> [vs base, P] cells. The text holds every value at
// full precision (mapbench export prints fewer digits, which creates ties
// and moves U-test p-values), so benchstat sees exactly what Compare sees.
func benchstatCells(t *testing.T, exe string, old, new Run) map[string][2]string {
	t.Helper()
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt")}
	for i, r := range []Run{old, new} {
		var text strings.Builder
		for _, b := range r.Doc.Benchmarks {
			for _, s := range b.Samples {
				fmt.Fprintf(&text, "%s-%d\t%d\t%s ns/op\t%s B/op\t%s allocs/op\n", b.Name, b.Procs, s.Iterations,
					full(s.NsPerOp), full(s.BytesPerOp), full(s.AllocsPerOp))
			}
		}
		if err := os.WriteFile(files[i], []byte(text.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(exe, "-format", "csv", files[0], files[1]).Output()
	if err != nil {
		t.Fatalf("benchstat: %v", err)
	}
	cells := map[string][2]string{}
	unit := ""
	for _, block := range strings.Split(string(out), "\n\n") {
		r := csv.NewReader(strings.NewReader(block))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			continue // the configuration lines before the tables
		}
		for _, rec := range recs {
			if len(rec) < 7 {
				continue
			}
			if rec[0] == "" {
				unit = rec[1]
				continue
			}
			name := rec[0][:strings.LastIndex(rec[0], "-")] // drop -GOMAXPROCS
			cells[unit+" "+name] = [2]string{rec[5], rec[6]}
		}
	}
	return cells
}

func full(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func TestCompareAgreesWithBenchstat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds benchstat")
	}
	runs := readFixtures(t, "cloud-1-go1.23.json", "cloud-1-go1.26.json", "edge-k3s-1-go1.23.json", "baseline-cloud-1-go1.26.json")
	exe := benchstat(t)
	// benchstat names B/op and allocs/op as we do; ns/op becomes sec/op.
	benchstatUnit := map[string]string{"ns/op": "sec/op", "B/op": "B/op", "allocs/op": "allocs/op"}
	for _, pair := range [][2]Run{{runs[0], runs[1]}, {runs[3], runs[1]}, {runs[0], runs[2]}} {
		c := Compare("t", "t", pair[0], pair[1])
		want := benchstatCells(t, exe, pair[0], pair[1])
		nsRows, significant := 0, 0
		for _, r := range c.Rows {
			key := benchstatUnit[r.Unit] + " " + strings.TrimPrefix(r.Benchmark, "Benchmark")
			cell, ok := want[key]
			if !ok {
				t.Fatalf("%s -> %s: benchstat has no row %q", c.Old, c.New, key)
			}
			if r.Delta != cell[0] {
				t.Errorf("%s -> %s %s: delta %q, benchstat %q", c.Old, c.New, key, r.Delta, cell[0])
			}
			if p := fmt.Sprintf("p=%.3f n=%d", r.P, r.NewN); !strings.HasPrefix(cell[1], p[:7]) {
				t.Errorf("%s -> %s %s: %s, benchstat %q", c.Old, c.New, key, p, cell[1])
			}
			if r.Unit == "ns/op" {
				nsRows++
			}
			if r.Delta != "~" {
				significant++
			}
		}
		if nsRows != len(pair[1].Doc.Benchmarks) {
			t.Errorf("%s -> %s: %d ns/op rows, want one per benchmark (%d)", c.Old, c.New, nsRows, len(pair[1].Doc.Benchmarks))
		}
		t.Logf("%s -> %s: %d rows, %d significant", c.Old, c.New, len(c.Rows), significant)
	}
}

func TestCompareCountsUnmatchedAndSkipsAllZeroUnits(t *testing.T) {
	runs := readFixtures(t, "cloud-1-go1.23.json", "cloud-1-go1.26.json")
	old := runs[0]
	trimmed := *old.Doc
	trimmed.Benchmarks = old.Doc.Benchmarks[:len(old.Doc.Benchmarks)-2]
	old.Doc = &trimmed
	c := Compare("t", "t", old, runs[1])
	if c.Unmatched != 2 {
		t.Errorf("unmatched = %d, want 2", c.Unmatched)
	}
	// A B/op or allocs/op row only where some sample of either side is not 0.
	nonZero := map[string]bool{}
	for _, r := range []Run{old, runs[1]} {
		for _, b := range r.Doc.Benchmarks {
			for _, s := range b.Samples {
				nonZero[b.Name+" B/op"] = nonZero[b.Name+" B/op"] || s.BytesPerOp != 0
				nonZero[b.Name+" allocs/op"] = nonZero[b.Name+" allocs/op"] || s.AllocsPerOp != 0
			}
		}
	}
	rows := map[string]bool{}
	for _, r := range c.Rows {
		rows[r.Benchmark+" "+r.Unit] = true
	}
	for _, b := range trimmed.Benchmarks {
		for _, u := range []string{"B/op", "allocs/op"} {
			if rows[b.Name+" "+u] != nonZero[b.Name+" "+u] {
				t.Errorf("%s %s: row present %v, some sample non-zero %v", b.Name, u, rows[b.Name+" "+u], nonZero[b.Name+" "+u])
			}
		}
		if !rows[b.Name+" ns/op"] {
			t.Errorf("%s: no ns/op row", b.Name)
		}
	}
}

func TestVerdictWords(t *testing.T) {
	for _, tc := range []struct {
		unit     string
		sig      bool
		old, new float64
		want     string
	}{
		{"ns/op", true, 10, 5, "faster"},
		{"ns/op", true, 5, 10, "slower"},
		{"ns/op", false, 5, 10, "no significant change"},
		{"B/op", true, 8, 0, "less"},
		{"allocs/op", true, 0, 1, "more"},
		{"allocs/op", true, 1, 1, "no significant change"},
	} {
		if got := verdict(tc.unit, tc.sig, tc.old, tc.new); got != tc.want {
			t.Errorf("verdict(%s, %v, %v, %v) = %q, want %q", tc.unit, tc.sig, tc.old, tc.new, got, tc.want)
		}
	}
}
