package compare

import (
	"encoding/csv"
	"fmt"
	"io"
)

// WriteCSV prints the tables as benchstat's -format csv does: per table a row of column labels,
// a header row (unit, CI, vs base, P), a row per benchmark with the full-precision median, and
// the geomean row; tables are separated by an empty line. Warnings go to warnings, each
// prefixed with the spreadsheet cell it belongs to ("B3: need >= 6 samples ...").
func WriteCSV(w, warnings io.Writer, tables []*Table) error {
	o := csv.NewWriter(w)
	line := 1
	for i, t := range tables {
		if i > 0 {
			if err := o.Write([]string{""}); err != nil {
				return err
			}
			line++
		}
		n, err := csvTable(o, warnings, t, line)
		if err != nil {
			return err
		}
		line += n
	}
	o.Flush()
	return o.Error()
}

// csvStart is the index of a column group's first field: label, then 2 fields for the base
// column (median, CI) and 4 for each compared one (median, CI, vs base, P).
func csvStart(col int) int {
	if col == 0 {
		return 1
	}
	return 3 + (col-1)*4
}

func csvTable(o *csv.Writer, warnings io.Writer, t *Table, firstLine int) (lines int, err error) {
	var rec []string
	padTo := func(n int) {
		for len(rec) < n {
			rec = append(rec, "")
		}
	}
	emit := func() {
		if err == nil {
			err = o.Write(rec)
		}
		rec = rec[:0]
		lines++
	}
	warn := func(errs []error) {
		for _, e := range errs {
			fmt.Fprintf(warnings, "%s%d: %s\n", cellColumn(len(rec)), firstLine+lines, e)
		}
	}
	end := csvStart(len(t.Cols))
	for ci, label := range t.Cols {
		padTo(csvStart(ci))
		rec = append(rec, label)
	}
	padTo(end)
	emit()
	for ci := range t.Cols {
		padTo(csvStart(ci))
		rec = append(rec, t.Unit, "CI")
		if ci > 0 {
			rec = append(rec, "vs base", "P")
		}
	}
	emit()
	for _, r := range t.Rows {
		rec = append(rec, r.Name)
		for ci, c := range r.Cells {
			if c == nil {
				continue
			}
			padTo(csvStart(ci))
			warn(c.Warnings)
			rec = append(rec, fmt.Sprint(c.Summary.Center), c.Summary.PctRangeString())
			if c.Compared {
				warn(c.CmpWarnings)
				rec = append(rec, c.Delta, c.Comparison.String())
			}
		}
		emit()
	}
	rec = append(rec, "geomean")
	for ci, gc := range geoOrEmpty(t) {
		padTo(csvStart(ci))
		warn(gc.Warnings)
		if gc.HasSummary {
			rec = append(rec, fmt.Sprint(gc.Summary))
		}
		if ci > 0 {
			padTo(csvStart(ci) + 2)
			if gc.HasRatio {
				rec = append(rec, fmt.Sprintf("%+.2f%%", (gc.Ratio-1)*100))
			} else {
				rec = append(rec, "?")
			}
		}
	}
	padTo(end)
	emit()
	return lines, err
}

// geoOrEmpty: benchstat's CSV has the geomean row for single-row tables too.
func geoOrEmpty(t *Table) []GeomeanCell {
	if t.Geo != nil {
		return t.Geo
	}
	return geomeans(t)
}

// cellColumn names a spreadsheet column: 0 is A, 25 Z, 26 AA.
func cellColumn(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
