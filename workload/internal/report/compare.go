package report

import (
	"fmt"

	"golang.org/x/perf/benchmath"

	"mapbench.io/workload/internal/result"
)

// Comparison is one benchstat-style table: each benchmark both sides
// measured, old against new, per unit.
type Comparison struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Old   string `json:"old"` // column label of the old side
	New   string `json:"new"`
	Rows  []Row  `json:"rows"`
	// Unmatched counts the new side's benchmarks the old side lacks.
	Unmatched int `json:"unmatched"`
}

// Row compares one benchmark in one unit.
type Row struct {
	Benchmark string  `json:"benchmark"`
	Unit      string  `json:"unit"`
	OldMedian float64 `json:"oldMedian"`
	NewMedian float64 `json:"newMedian"`
	// Delta is benchstat's cell: "~" when the U-test finds no difference at
	// alpha 0.05, else the change of the medians ("+12.34%").
	Delta string `json:"delta"`
	// Change is (new/old - 1) * 100, the medians' change whether significant or not.
	Change  float64 `json:"change"`
	P       float64 `json:"p"`
	OldN    int     `json:"oldN"`
	NewN    int     `json:"newN"`
	Verdict string  `json:"verdict"` // see verdict()
	// Warnings are benchmath's, e.g. too few samples to detect a difference.
	Warnings []string `json:"warnings,omitempty"`
}

// units compared, with the sample field each reads.
var units = []struct {
	name string
	of   func(result.Sample) float64
}{
	{"ns/op", func(s result.Sample) float64 { return s.NsPerOp }},
	{"B/op", func(s result.Sample) float64 { return s.BytesPerOp }},
	{"allocs/op", func(s result.Sample) float64 { return s.AllocsPerOp }},
}

// Compare computes the rows for every benchmark of newRun that oldRun has
// too, with benchstat's defaults: medians, Mann-Whitney U-test, alpha 0.05.
// B/op and allocs/op rows appear only when either side is not all zero.
func Compare(id, title string, oldRun, newRun Run) *Comparison {
	c := &Comparison{ID: id, Title: title, Old: oldRun.Column.Label, New: newRun.Column.Label, Rows: []Row{}}
	olds := map[string]*result.Benchmark{}
	for i := range oldRun.Doc.Benchmarks {
		olds[oldRun.Doc.Benchmarks[i].Name] = &oldRun.Doc.Benchmarks[i]
	}
	for i := range newRun.Doc.Benchmarks {
		nb := &newRun.Doc.Benchmarks[i]
		ob, ok := olds[nb.Name]
		if !ok {
			c.Unmatched++
			continue
		}
		for ui, u := range units {
			ov, nv := values(ob.Samples, u.of), values(nb.Samples, u.of)
			if ui > 0 && allZero(ov) && allZero(nv) {
				continue
			}
			if len(ov) == 0 || len(nv) == 0 {
				continue
			}
			c.Rows = append(c.Rows, compareSamples(nb.Name, u.name, ov, nv))
		}
	}
	return c
}

func compareSamples(name, unit string, oldValues, newValues []float64) Row {
	thresholds := benchmath.DefaultThresholds
	os, ns := benchmath.NewSample(oldValues, &thresholds), benchmath.NewSample(newValues, &thresholds)
	om := benchmath.AssumeNothing.Summary(os, 0.95).Center
	nm := benchmath.AssumeNothing.Summary(ns, 0.95).Center
	cmp := benchmath.AssumeNothing.Compare(os, ns)
	r := Row{Benchmark: name, Unit: unit, OldMedian: om, NewMedian: nm, Delta: cmp.FormatDelta(om, nm),
		P: cmp.P, OldN: cmp.N1, NewN: cmp.N2}
	if om != 0 {
		r.Change = (nm/om - 1) * 100
	}
	for _, w := range cmp.Warnings {
		r.Warnings = append(r.Warnings, w.Error())
	}
	r.Verdict = verdict(unit, cmp.P <= cmp.Alpha, om, nm)
	return r
}

// verdict words a row: for every unit here lower is better.
func verdict(unit string, significant bool, old, new float64) string {
	switch {
	case !significant || old == new:
		return "no significant change"
	case unit == "ns/op" && new < old:
		return "faster"
	case unit == "ns/op":
		return "slower"
	case new < old:
		return "less"
	default:
		return "more"
	}
}

func values(samples []result.Sample, of func(result.Sample) float64) []float64 {
	v := make([]float64, len(samples))
	for i, s := range samples {
		v[i] = of(s)
	}
	return v
}

func allZero(v []float64) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// BaselinePrefix marks the old side of a baseline comparison, whose column
// label is the same as the current side's.
const BaselinePrefix = "baseline "

// baselineComparisons pairs each current run with the baseline run of the
// same cluster and Go version.
func baselineComparisons(baseline, runs []Run) []*Comparison {
	byKey := map[string]Run{}
	for _, b := range baseline {
		if _, dup := byKey[b.Column.key()]; !dup {
			byKey[b.Column.key()] = b
		}
	}
	var out []*Comparison
	for i, r := range runs {
		b, ok := byKey[r.Column.key()]
		if !ok {
			continue
		}
		c := Compare(fmt.Sprintf("baseline-%d", i),
			fmt.Sprintf("baseline → current on %s, %s", r.Column.Cluster, r.Column.GoVersion), b, r)
		c.Old = BaselinePrefix + c.Old
		out = append(out, c)
	}
	return out
}

// goVersionComparisons compares, per cluster, the oldest Go version with
// each newer one (runs are sorted by cluster, then Go version).
func goVersionComparisons(runs []Run) []*Comparison {
	var out []*Comparison
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].Column.Cluster == runs[i].Column.Cluster {
			j++
		}
		for k := i + 1; k < j; k++ {
			if runs[k].Column.GoVersion == runs[i].Column.GoVersion {
				continue
			}
			out = append(out, Compare(fmt.Sprintf("go-%d-%d", i, k),
				fmt.Sprintf("%s → %s on %s", runs[i].Column.GoVersion, runs[k].Column.GoVersion, runs[i].Column.Cluster),
				runs[i], runs[k]))
		}
		i = j
	}
	return out
}
