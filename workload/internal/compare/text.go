package compare

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/perf/benchunit"
)

// WriteText prints the tables in benchstat's text notation: per column the median and its
// interval ("1.718µ ± 1%"), per compared column "vs base" ("-17.20% (p=0.000 n=10)" or
// "~ (p=0.446 n=10)"), a geomean row, and the warnings as numbered footnotes ("¹ need >= 6
// samples for confidence interval at level 0.95") under each table.
func WriteText(w io.Writer, tables []*Table) error {
	for i, t := range tables {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, textTable(t)); err != nil {
			return err
		}
	}
	return nil
}

// Sub-columns of one column group: the base column has the first three, compared columns all.
const (
	subCenter = iota
	subRange
	subWarn
	subDelta
	subTest
	subTestWarn
	baseSubs     = 3
	comparedSubs = 6
)

// margins before each sub-column in body rows; subCenter's is the " │ " of the header rows.
var margins = [comparedSubs]string{"   ", " ± ", " ", "  ", " ", " "}

// grid holds one table's cells as text, [row][sub-column], before alignment.
type grid struct {
	t        *Table
	cells    [][]string
	notes    []string
	noteByID map[string]int
}

func textTable(t *Table) string {
	g := &grid{t: t, noteByID: map[string]int{}}
	class := benchunit.ClassOf(t.Unit)
	for _, r := range t.Rows {
		line := g.newLine(r.Name)
		var centers []float64
		for _, c := range r.Cells {
			if c != nil {
				centers = append(centers, c.Summary.Center)
			}
		}
		// One scale per row, as benchstat: the columns of a row read in the same prefix.
		scale := benchunit.CommonScale(centers, class)
		for ci, c := range r.Cells {
			if c == nil {
				continue
			}
			at := g.start(ci)
			line[at+subCenter] = scale.Format(c.Summary.Center)
			line[at+subRange] = c.Summary.PctRangeString()
			line[at+subWarn] = g.footnotes(c.Warnings)
			if c.Compared {
				line[at+subDelta] = c.Delta
				line[at+subTest] = "(" + c.Comparison.String() + ")"
				line[at+subTestWarn] = g.footnotes(c.CmpWarnings)
			}
		}
	}
	if t.Geo != nil {
		line := g.newLine("geomean")
		for ci, gc := range t.Geo {
			at := g.start(ci)
			if gc.HasSummary {
				line[at+subCenter] = benchunit.Scale(gc.Summary, class)
			}
			if ci > 0 {
				line[at+subDelta] = "?"
				if gc.HasRatio {
					line[at+subDelta] = fmt.Sprintf("%+.2f%%", (gc.Ratio-1)*100)
				}
			}
			line[at+g.subs(ci)-1] = g.footnotes(gc.Warnings)
		}
	}
	return g.render()
}

func (g *grid) subs(col int) int {
	if col == 0 {
		return baseSubs
	}
	return comparedSubs
}

// start is the index of a column group's first sub-column (index 0 is the row label).
func (g *grid) start(col int) int {
	if col == 0 {
		return 1
	}
	return 1 + baseSubs + (col-1)*comparedSubs
}

// subOf says which sub-column (subCenter...) the grid index i is.
func (g *grid) subOf(i int) int {
	if i < g.start(1) {
		return i - 1
	}
	return (i - g.start(1)) % comparedSubs
}

func (g *grid) newLine(label string) []string {
	line := make([]string, g.start(len(g.t.Cols)))
	line[0] = label
	g.cells = append(g.cells, line)
	return line
}

// footnotes numbers each distinct warning of the table once, in order of appearance.
func (g *grid) footnotes(errs []error) string {
	var marks []string
	for _, e := range errs {
		id, ok := g.noteByID[e.Error()]
		if !ok {
			g.notes = append(g.notes, e.Error())
			id = len(g.notes)
			g.noteByID[e.Error()] = id
		}
		marks = append(marks, superscript(id))
	}
	return strings.Join(marks, " ")
}

func (g *grid) render() string {
	width := make([]int, g.start(len(g.t.Cols)))
	for _, line := range g.cells {
		for i, s := range line {
			width[i] = max(width[i], runes(s))
		}
	}
	// Widen a part when its header is wider than its cells.
	fit := func(from, to int, header string) {
		have := 0
		for i := from; i < to; i++ {
			have += width[i]
			if i > from {
				have += runes(margins[g.subOf(i)])
			}
		}
		if need := runes(header) - have; need > 0 {
			// Half before the values (right-aligned, so they move to the middle), half after.
			width[from] += need / 2
			width[to-1] += need - need/2
		}
	}
	for ci, label := range g.t.Cols {
		at := g.start(ci)
		fit(at, at+baseSubs, g.t.Unit)
		if ci > 0 {
			fit(at+subDelta, at+comparedSubs, "vs base")
		}
		fit(at, at+g.subs(ci), label)
	}
	span := func(from, to int) int {
		w := 0
		for i := from; i < to; i++ {
			w += width[i]
			if i > from {
				w += runes(margins[g.subOf(i)])
			}
		}
		return w
	}

	var b strings.Builder
	header := func(parts func(ci, at int) string) {
		b.WriteString(strings.Repeat(" ", width[0]))
		for ci := range g.t.Cols {
			b.WriteString(" │ " + parts(ci, g.start(ci)))
		}
		b.WriteString(" │\n")
	}
	header(func(ci, at int) string { return center(g.t.Cols[ci], span(at, at+g.subs(ci))) })
	header(func(ci, at int) string {
		s := center(g.t.Unit, span(at, at+baseSubs))
		if ci > 0 {
			s += "  " + pad(span(at+subDelta, at+comparedSubs), "vs base", false)
		}
		return s
	})
	for _, line := range g.cells {
		var l strings.Builder
		l.WriteString(pad(width[0], line[0], false))
		for i := 1; i < len(line); i++ {
			sub := g.subOf(i)
			m := margins[sub]
			if sub == subRange && line[i] == "" {
				m = "   " // the geomean row has no interval
			}
			right := sub == subCenter || sub == subRange || sub == subDelta
			l.WriteString(m + pad(width[i], line[i], right))
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	for i, n := range g.notes {
		fmt.Fprintf(&b, "%s %s\n", superscript(i+1), n)
	}
	return b.String()
}

func runes(s string) int { return utf8.RuneCountInString(s) }

func pad(w int, s string, right bool) string {
	fill := strings.Repeat(" ", max(0, w-runes(s)))
	if right {
		return fill + s
	}
	return s + fill
}

func center(s string, w int) string {
	left := max(0, w-runes(s)) / 2
	return pad(w, strings.Repeat(" ", left)+s, false)
}

func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	d := []rune(digits)
	var out []rune
	for _, c := range fmt.Sprint(n) {
		out = append(out, d[c-'0'])
	}
	return string(out)
}
