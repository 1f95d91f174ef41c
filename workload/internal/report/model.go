package report

import (
	"fmt"
	"sort"

	"mapbench.io/workload/internal/result"
)

// Page is everything the HTML page shows; report.js draws it. The JSON
// field names are the page's data contract with report.js and its test.
type Page struct {
	Title       string        `json:"title"`
	Columns     []Column      `json:"columns"`
	Sources     []Source      `json:"sources"`
	Sections    []Section     `json:"sections"`
	Claims      ClaimMatrix   `json:"claims"`
	Comparisons []*Comparison `json:"comparisons"`
}

// Source is one document read, for the page's provenance table.
type Source struct {
	File       string `json:"file"`
	Column     string `json:"column"`
	GOARCH     string `json:"goarch"`
	Emulation  string `json:"emulation,omitempty"`
	MapImpl    string `json:"mapImpl"`
	CPUModel   string `json:"cpuModel"`
	Suite      string `json:"suite,omitempty"`
	Benchtime  string `json:"benchtime"`
	Reps       int    `json:"repetitions"`
	StartedAt  string `json:"startedAt"`
	Benchmarks int    `json:"benchmarks"`
}

// Section holds one scenario's charts.
type Section struct {
	Scenario string `json:"scenario"`
	// Charts: one ns/element-vs-size chart per family (variant, key type,
	// value type), then B/op and allocs/op bar charts when anything allocates.
	Charts []Chart `json:"charts"`
	// NoAllocs is set when every benchmark of the scenario has a median of
	// 0 B/op and 0 allocs/op in every document (no bar charts then).
	NoAllocs bool `json:"noAllocs"`
}

// Chart kinds.
const (
	KindSizeSweep = "size-sweep" // x: map size (log), y: median with CI whiskers
	KindBars      = "bars"       // x: benchmark, y: median with CI whiskers
)

// Chart is one chart: a series per column that has data for it.
type Chart struct {
	ID         string   `json:"id"`
	Kind       string   `json:"kind"`
	Title      string   `json:"title"`
	Unit       string   `json:"unit"`
	Categories []string `json:"categories,omitempty"` // KindBars: benchmark names
	Series     []Series `json:"series"`
}

// Series is one column's points in a chart.
type Series struct {
	Column string  `json:"column"`
	Points []Point `json:"points"`
}

// Point is a median with its confidence interval, as the document states
// them. X is the map size (KindSizeSweep) or the category index (KindBars).
type Point struct {
	X          float64 `json:"x"`
	Median     float64 `json:"median"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
	N          int     `json:"n"`
	Confidence float64 `json:"confidence"`
}

// ClaimMatrix is claim x column: the verdict each document reached.
type ClaimMatrix struct {
	Columns []string    `json:"columns"`
	Rows    []ClaimRow  `json:"rows"`
	Counts  []VerdictOf `json:"counts"` // how many cells have each verdict
}

// ClaimRow is one claim's verdicts, one cell per column ("" = not checked).
type ClaimRow struct {
	ID        string      `json:"id"`
	Statement string      `json:"statement"`
	Cells     []ClaimCell `json:"cells"`
}

// ClaimCell is one document's verdict on one claim.
type ClaimCell struct {
	Verdict  string `json:"verdict"`
	Reason   string `json:"reason,omitempty"`
	Measured string `json:"measured,omitempty"`
}

// VerdictOf counts the cells with one verdict.
type VerdictOf struct {
	Verdict string `json:"verdict"`
	Count   int    `json:"count"`
}

// Build assembles the page from the runs (and baseline runs, which may be
// empty) in display order.
func Build(title string, runs, baseline []Run) (*Page, error) {
	if len(runs) == 0 {
		return nil, fmt.Errorf("no result documents to report on")
	}
	p := &Page{Title: title, Comparisons: []*Comparison{}}
	for _, r := range runs {
		p.Columns = append(p.Columns, r.Column)
		p.Sources = append(p.Sources, sourceOf(r))
	}
	p.Sections = sections(runs)
	p.Claims = claimMatrix(runs)
	p.Comparisons = append(p.Comparisons, baselineComparisons(baseline, runs)...)
	p.Comparisons = append(p.Comparisons, goVersionComparisons(runs)...)
	return p, nil
}

func sourceOf(r Run) Source {
	d := r.Doc
	return Source{File: r.Source, Column: r.Column.Label, GOARCH: d.Environment.GOARCH,
		Emulation: d.Environment.Emulation, MapImpl: d.Environment.MapImpl, CPUModel: d.Environment.CPUModel,
		Suite: d.Config.Suite, Benchtime: d.Config.Benchtime, Reps: d.Config.Repetitions,
		StartedAt: d.StartedAt, Benchmarks: len(d.Benchmarks)}
}

// family is a benchmark without its size: one line in a size-sweep chart.
type family struct{ scenario, variant, keyType, valueType string }

func familyOf(b *result.Benchmark) family {
	return family{b.Scenario, b.Variant, b.KeyType, b.ValueType}
}

func (f family) title() string {
	t := f.variant
	if f.keyType != "" {
		t += " key=" + f.keyType
	}
	if f.valueType != "" {
		t += " value=" + f.valueType
	}
	return t
}

// sections groups the benchmarks by scenario (in order of first appearance)
// and, within one, by family.
func sections(runs []Run) []Section {
	var order []string
	families := map[string][]family{}
	seen := map[family]bool{}
	for _, r := range runs {
		for i := range r.Doc.Benchmarks {
			f := familyOf(&r.Doc.Benchmarks[i])
			if seen[f] {
				continue
			}
			seen[f] = true
			if _, ok := families[f.scenario]; !ok {
				order = append(order, f.scenario)
			}
			families[f.scenario] = append(families[f.scenario], f)
		}
	}
	var out []Section
	for si, sc := range order {
		s := Section{Scenario: sc}
		for fi, f := range families[sc] {
			s.Charts = append(s.Charts, sweepChart(fmt.Sprintf("s%d-f%d-ns", si, fi), f, runs))
		}
		bytes := barChart(fmt.Sprintf("s%d-bytes", si), sc, "B/op", runs,
			func(st *result.Stats) result.Summary { return st.BytesPerOp })
		allocs := barChart(fmt.Sprintf("s%d-allocs", si), sc, "allocs/op", runs,
			func(st *result.Stats) result.Summary { return st.AllocsPerOp })
		for _, c := range []Chart{bytes, allocs} {
			if len(c.Categories) > 0 {
				s.Charts = append(s.Charts, c)
			}
		}
		s.NoAllocs = len(bytes.Categories) == 0 && len(allocs.Categories) == 0
		out = append(out, s)
	}
	return out
}

func pointOf(x float64, s result.Summary) Point {
	return Point{X: x, Median: s.Median, Low: s.CILow, High: s.CIHigh, N: s.N, Confidence: s.Confidence}
}

func sweepChart(id string, f family, runs []Run) Chart {
	c := Chart{ID: id, Kind: KindSizeSweep, Title: f.title(), Unit: "ns/element"}
	for _, r := range runs {
		var pts []Point
		for i := range r.Doc.Benchmarks {
			b := &r.Doc.Benchmarks[i]
			if familyOf(b) == f {
				pts = append(pts, pointOf(float64(b.Size), b.Stats.NsPerElem))
			}
		}
		if len(pts) == 0 {
			continue
		}
		sort.Slice(pts, func(i, j int) bool { return pts[i].X < pts[j].X })
		c.Series = append(c.Series, Series{Column: r.Column.Label, Points: pts})
	}
	return c
}

// barChart charts one unit of the scenario's benchmarks whose median is
// not 0 in some document (the rest would be empty bars).
func barChart(id, scenario, unit string, runs []Run, pick func(*result.Stats) result.Summary) Chart {
	c := Chart{ID: id, Kind: KindBars, Title: scenario + " " + unit, Unit: unit}
	index := map[string]int{}
	for _, r := range runs {
		for i := range r.Doc.Benchmarks {
			b := &r.Doc.Benchmarks[i]
			if _, ok := index[b.Name]; b.Scenario == scenario && !ok && pick(&b.Stats).Median != 0 {
				index[b.Name] = len(c.Categories)
				c.Categories = append(c.Categories, b.Name)
			}
		}
	}
	for _, r := range runs {
		var pts []Point
		for i := range r.Doc.Benchmarks {
			b := &r.Doc.Benchmarks[i]
			if x, ok := index[b.Name]; ok && b.Scenario == scenario {
				pts = append(pts, pointOf(float64(x), pick(&b.Stats)))
			}
		}
		if len(pts) > 0 {
			c.Series = append(c.Series, Series{Column: r.Column.Label, Points: pts})
		}
	}
	return c
}

// claimMatrix lays out every claim (in order of first appearance) against
// every column.
func claimMatrix(runs []Run) ClaimMatrix {
	m := ClaimMatrix{Rows: []ClaimRow{}, Counts: []VerdictOf{}}
	row := map[string]int{}
	for ci, r := range runs {
		m.Columns = append(m.Columns, r.Column.Label)
		for _, cl := range r.Doc.Claims {
			i, ok := row[cl.ID]
			if !ok {
				i = len(m.Rows)
				row[cl.ID] = i
				m.Rows = append(m.Rows, ClaimRow{ID: cl.ID, Statement: cl.Statement, Cells: make([]ClaimCell, len(runs))})
			}
			m.Rows[i].Cells[ci] = ClaimCell{Verdict: cl.Verdict, Reason: cl.Reason, Measured: cl.Measured}
		}
	}
	count := map[string]int{}
	var verdicts []string
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			if c.Verdict == "" {
				continue
			}
			if count[c.Verdict] == 0 {
				verdicts = append(verdicts, c.Verdict)
			}
			count[c.Verdict]++
		}
	}
	sort.Strings(verdicts)
	for _, v := range verdicts {
		m.Counts = append(m.Counts, VerdictOf{Verdict: v, Count: count[v]})
	}
	return m
}
