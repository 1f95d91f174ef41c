// Package report turns result documents into one self-contained HTML page:
// ns/element against map size per cluster and Go version with the
// documents' confidence intervals, B/op and allocs/op, the claim verdict
// matrix, and comparisons (baseline against current, older against newer Go
// version) computed with golang.org/x/perf/benchmath as benchstat does.
package report

import (
	"fmt"
	"os"
	"sort"

	"mapbench.io/workload/internal/result"
)

// Run is one result document with the column it is shown in.
type Run struct {
	Source string // file the document was read from
	Doc    *result.Document
	Column Column
}

// Column identifies where a document's figures go: one cluster, one Go version.
type Column struct {
	Cluster   string `json:"cluster"`
	GoVersion string `json:"goVersion"`
	GOARCH    string `json:"goarch"`
	Emulation string `json:"emulation,omitempty"`
	MapImpl   string `json:"mapImpl"`
	// Label is unique within a page: "cloud-1 · go1.23.12", with " (2)" for
	// a second document of the same cluster and Go version.
	Label string `json:"label"`
}

// key is what a baseline document is matched on.
func (c Column) key() string { return c.Cluster + "\x00" + c.GoVersion }

// LocalCluster names the column of documents without environment.cluster
// (a run outside the operator, e.g. on a laptop).
const LocalCluster = "local"

// ReadFiles reads every document in the files (raw documents, logs with
// marked documents, BenchmarkResult objects or Lists of them, as
// `mapbench export` reads them) in the order given, ordered for display:
// by cluster, then Go version.
func ReadFiles(files []string) ([]Run, error) {
	var runs []Run
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		docs, err := result.Extract(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		for _, d := range docs {
			runs = append(runs, Run{Source: f, Doc: d})
		}
	}
	labelColumns(runs)
	return runs, nil
}

// labelColumns sets each run's column, sorts the runs by cluster and Go
// version and makes labels unique.
func labelColumns(runs []Run) {
	for i := range runs {
		env := runs[i].Doc.Environment
		cluster := env.Cluster
		if cluster == "" {
			cluster = LocalCluster
		}
		runs[i].Column = Column{Cluster: cluster, GoVersion: env.GoVersion, GOARCH: env.GOARCH,
			Emulation: env.Emulation, MapImpl: env.MapImpl}
	}
	sort.SliceStable(runs, func(i, j int) bool {
		a, b := runs[i].Column, runs[j].Column
		if a.Cluster != b.Cluster {
			return a.Cluster < b.Cluster
		}
		return goVersionLess(a.GoVersion, b.GoVersion)
	})
	seen := map[string]int{}
	for i := range runs {
		c := &runs[i].Column
		c.Label = c.Cluster + " · " + c.GoVersion
		seen[c.key()]++
		if n := seen[c.key()]; n > 1 {
			c.Label += fmt.Sprintf(" (%d)", n)
		}
	}
}

// goVersionLess orders "go1.9.2" before "go1.23.12" (numerically, not as text).
func goVersionLess(a, b string) bool {
	pa, pb := versionParts(a), versionParts(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	if len(pa) != len(pb) {
		return len(pa) < len(pb)
	}
	return a < b
}

func versionParts(v string) []int {
	var parts []int
	n, digits := 0, false
	for _, r := range v {
		if r >= '0' && r <= '9' {
			n, digits = n*10+int(r-'0'), true
			continue
		}
		if digits {
			parts = append(parts, n)
		}
		n, digits = 0, false
	}
	if digits {
		parts = append(parts, n)
	}
	return parts
}
