package report

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readFixtures(t *testing.T, names ...string) []Run {
	t.Helper()
	var runs []Run
	for _, n := range names {
		rs, err := ReadFiles([]string{filepath.Join("testdata", n)})
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, rs...)
	}
	return runs
}

func fixtureFiles(names ...string) []string {
	var files []string
	for _, n := range names {
		files = append(files, filepath.Join("testdata", n))
	}
	return files
}

func TestReadFilesOrdersColumnsByClusterThenGoVersion(t *testing.T) {
	runs, err := ReadFiles(fixtureFiles("edge-k3s-1-go1.26.json", "cloud-1-go1.26.json", "edge-k3s-1-go1.23.json",
		"cloud-1-go1.23.json", "baseline-cloud-1-go1.26.json"))
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, r := range runs {
		labels = append(labels, r.Column.Label)
	}
	want := []string{"cloud-1 · go1.23.12", "cloud-1 · go1.26.8", "cloud-1 · go1.26.8 (2)", "edge-k3s-1 · go1.23.12", "edge-k3s-1 · go1.26.8"}
	if !reflect.DeepEqual(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
	if runs[3].Column.GOARCH != "arm64" || runs[3].Column.Emulation != "qemu-user" {
		t.Errorf("edge column %+v: want arm64 under qemu-user", runs[3].Column)
	}
}

func TestGoVersionLessIsNumeric(t *testing.T) {
	ordered := []string{"go1.9.7", "go1.21.13", "go1.23.2", "go1.23.12", "go1.26.8"}
	for i := 0; i+1 < len(ordered); i++ {
		if !goVersionLess(ordered[i], ordered[i+1]) || goVersionLess(ordered[i+1], ordered[i]) {
			t.Errorf("%s should sort before %s", ordered[i], ordered[i+1])
		}
	}
}

func TestReadFilesNamesTheFileOfABadDocument(t *testing.T) {
	_, err := ReadFiles([]string{"testdata/generate.sh"})
	if err == nil || !strings.Contains(err.Error(), "testdata/generate.sh") {
		t.Fatalf("err = %v, want one naming testdata/generate.sh", err)
	}
}

func TestBuildLaysOutEveryBenchmarkAndClaim(t *testing.T) {
	runs := readFixtures(t, "cloud-1-go1.23.json", "cloud-1-go1.26.json", "edge-k3s-1-go1.23.json", "edge-k3s-1-go1.26.json")
	p, err := Build("t", runs, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Every benchmark of every document is one point of exactly one sweep.
	points := 0
	for _, s := range p.Sections {
		for _, c := range s.Charts {
			if c.Kind != KindSizeSweep {
				continue
			}
			for _, se := range c.Series {
				points += len(se.Points)
			}
		}
	}
	total := 0
	for _, r := range runs {
		total += len(r.Doc.Benchmarks)
	}
	if points != total {
		t.Errorf("%d sweep points for %d benchmarks", points, total)
	}
	// Every claim of every document is one cell.
	cells := 0
	for _, row := range p.Claims.Rows {
		for i, cell := range row.Cells {
			if cell.Verdict == "" {
				continue
			}
			cells++
			found := false
			for _, cl := range runs[i].Doc.Claims {
				found = found || (cl.ID == row.ID && cl.Verdict == cell.Verdict)
			}
			if !found {
				t.Errorf("claim %s on %s: cell %q not in the document", row.ID, p.Claims.Columns[i], cell.Verdict)
			}
		}
	}
	want := 0
	for _, r := range runs {
		want += len(r.Doc.Claims)
	}
	if cells != want {
		t.Errorf("%d claim cells for %d claims", cells, want)
	}
	// Both clusters carry two Go versions: one comparison each, oldest first.
	var titles []string
	for _, c := range p.Comparisons {
		titles = append(titles, c.Title)
	}
	wantTitles := []string{"go1.23.12 → go1.26.8 on cloud-1", "go1.23.12 → go1.26.8 on edge-k3s-1"}
	if !reflect.DeepEqual(titles, wantTitles) {
		t.Errorf("comparisons %q, want %q", titles, wantTitles)
	}
}

func TestBuildComparesBaselineOfTheSameClusterAndGoVersion(t *testing.T) {
	runs := readFixtures(t, "cloud-1-go1.26.json", "edge-k3s-1-go1.26.json")
	base := readFixtures(t, "baseline-cloud-1-go1.26.json")
	p, err := Build("t", runs, base)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Comparisons) != 1 || p.Comparisons[0].Title != "baseline → current on cloud-1, go1.26.8" {
		t.Fatalf("comparisons: %+v, want one baseline comparison on cloud-1", p.Comparisons)
	}
}

func TestBuildRefusesNoDocuments(t *testing.T) {
	if _, err := Build("t", nil, nil); err == nil {
		t.Fatal("no error for no documents")
	}
}
