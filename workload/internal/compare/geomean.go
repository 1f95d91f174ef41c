package compare

import (
	"errors"
	"math"

	"github.com/aclements/go-moremath/stats"
)

// geomeans computes benchstat's bottom row. The ratio is the geometric mean of the per-row
// ratios to the base column (not the ratio of the geomeans), so a column missing some
// benchmarks still gives a meaningful figure, with a warning that the sets differ.
func geomeans(t *Table) []GeomeanCell {
	out := make([]GeomeanCell, len(t.Cols))
	nBase := 0
	for _, r := range t.Rows {
		if r.Cells[0] != nil {
			nBase++
		}
	}
	for ci := range t.Cols {
		g := &out[ci]
		var centers, ratios []float64
		zeroBase := false
		for _, r := range t.Rows {
			c := r.Cells[ci]
			if c == nil {
				continue
			}
			centers = append(centers, c.Summary.Center)
			if ci == 0 || r.Cells[0] == nil {
				continue
			}
			cur, base := c.Summary.Center, r.Cells[0].Summary.Center
			switch {
			case cur == base: // also 0/0: unchanged
				ratios = append(ratios, 1)
			case base == 0:
				zeroBase = true
				ratios = append(ratios, 0)
			default:
				ratios = append(ratios, cur/base)
			}
		}
		if ci > 0 && len(ratios) != nBase {
			g.Warnings = append(g.Warnings, errors.New("benchmark set differs from baseline; geomeans may not be comparable"))
		}
		if m := stats.GeoMean(centers); math.IsNaN(m) {
			g.Warnings = append(g.Warnings, errors.New("summaries must be >0 to compute geomean"))
		} else {
			g.HasSummary, g.Summary = true, m
		}
		if ci == 0 || zeroBase {
			continue
		}
		if m := stats.GeoMean(ratios); math.IsNaN(m) {
			g.Warnings = append(g.Warnings, errors.New("ratios must be >0 to compute geomean"))
		} else {
			g.HasRatio, g.Ratio = true, m
		}
	}
	return out
}
