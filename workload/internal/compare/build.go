package compare

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
	"golang.org/x/perf/benchproc"

	"mapbench.io/workload/internal/benchtext"
)

// Table compares one unit: a row per benchmark, a column per value of the column attribute,
// the first column the base every other column is compared with.
type Table struct {
	Unit string        // as benchstat names it (sec/op for ns/op)
	Cols []string      // column labels
	Rows []*Row        // in the order the benchmarks were first seen
	Geo  []GeomeanCell // per column; nil when the table has a single row (benchstat prints none)
}

// Row is one benchmark (its name with key/value/size, without -GOMAXPROCS).
type Row struct {
	Name  string
	Cells []*Cell // per column; nil where the column lacks the benchmark
}

// Cell is one benchmark in one column.
type Cell struct {
	Sample  *benchmath.Sample
	Summary benchmath.Summary
	// Compared reports a comparison with the base column's cell (not for the base itself).
	Compared   bool
	Comparison benchmath.Comparison
	Delta      string // benchstat's "vs base": "~", "+12.34%", "0.00%" or "?"
	// Warnings about the sample and its summary (e.g. too few samples for the interval, the
	// cell mixing benchmarks that differ in a hidden attribute); CmpWarnings about the test.
	Warnings, CmpWarnings []error
}

// GeomeanCell is the bottom row of one column: the geometric mean of the medians and, for
// compared columns, of the ratios to the base column.
type GeomeanCell struct {
	HasSummary bool
	Summary    float64
	HasRatio   bool
	Ratio      float64
	Warnings   []error
}

// Build reads the inputs into benchfmt results and computes the tables. It needs 2 or more
// columns: a table of one column compares nothing.
func Build(inputs []Input, opts Options) ([]*Table, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if len(inputs) == 0 {
		return nil, errors.New("inputs: none given (want 2 or more result files)")
	}
	g, err := newGrouping(opts)
	if err != nil {
		return nil, err
	}
	for _, in := range inputs {
		col := in.File
		if opts.Col != ColFile {
			v, ok := in.Attrs[opts.Col]
			if !ok {
				return nil, missingAttribute(in, opts.Col)
			}
			col = v
		}
		if err := g.add(in, col); err != nil {
			return nil, err
		}
	}
	if err := g.checkColumns(inputs, opts.Col); err != nil {
		return nil, err
	}
	thresholds := benchmath.DefaultThresholds
	thresholds.CompareAlpha = opts.Alpha
	return g.tables(&thresholds, opts.Confidence), nil
}

func missingAttribute(in Input, col string) error {
	why := map[string]string{
		ColRun:       "a run name comes from a BenchmarkResult's spec.run; raw documents and pod logs carry none",
		ColCluster:   "neither a BenchmarkResult's spec.cluster nor environment.cluster (MAPBENCH_CLUSTER) is set",
		ColGoVersion: "environment.goVersion is empty",
	}[col]
	return fmt.Errorf("%s: --col %s: the document has no %s attribute (%s); choose another --col (allowed: %s)",
		in.label(), col, col, why, strings.Join(Columns, ", "))
}

// grouping maps benchfmt results to tables (one per unit), rows and columns with benchproc
// projections, as benchstat's -table, -row and -col do.
type grouping struct {
	filter                *benchproc.Filter
	tableBy, rowBy, colBy *benchproc.Projection
	procsBy, residue      *benchproc.Projection
	unitField             *benchproc.Field
	colKey                string
	units                 benchfmt.UnitMetadataMap
	byTable               map[benchproc.Key]*pending
	colInputs             map[benchproc.Key][]string
}

// pending collects one table's samples before the statistics.
type pending struct {
	rows, cols map[benchproc.Key]bool
	cells      map[[2]benchproc.Key]*pendingCell
}

type pendingCell struct {
	values []float64
	// residue and procs hold the values of every attribute the row and column leave out: a
	// cell whose samples differ in them mixes benchmarks, which benchstat warns about.
	residue, procs map[benchproc.Key]bool
}

func newGrouping(opts Options) (*grouping, error) {
	filter, err := benchproc.NewFilter(opts.unitFilter())
	if err != nil {
		return nil, fmt.Errorf("--unit: %v", err)
	}
	g := &grouping{filter: filter, byTable: map[benchproc.Key]*pending{}, colInputs: map[benchproc.Key][]string{},
		units: benchfmt.UnitMetadataMap{}, colKey: opts.Col}
	if opts.Col == ColFile {
		g.colKey = ".file"
	}
	var p benchproc.ProjectionParser
	// One table per unit; rows by the full name; -GOMAXPROCS parsed on its own so it leaves the
	// row name (runs on clusters with different CPU counts share rows) but is still checked.
	if g.tableBy, g.unitField, err = p.ParseWithUnit("", filter); err != nil {
		return nil, err
	}
	for _, x := range []struct {
		dst  **benchproc.Projection
		expr string
	}{{&g.rowBy, ".fullname"}, {&g.colBy, g.colKey}, {&g.procsBy, "/gomaxprocs"}} {
		if *x.dst, err = p.Parse(x.expr, filter); err != nil {
			return nil, fmt.Errorf("projection %q: %v", x.expr, err)
		}
	}
	g.residue = p.Residue()
	return g, nil
}

// add reads one document's samples through the benchmark text `mapbench run` prints, so the
// values are exactly those benchstat reads from the same run.
func (g *grouping) add(in Input, col string) error {
	var text bytes.Buffer
	if err := benchtext.WriteDocument(&text, in.Doc); err != nil {
		return err
	}
	r := benchfmt.NewReader(&text, in.File)
	r.Reset(&text, in.File, ".file", in.File)
	for r.Scan() {
		switch rec := r.Result().(type) {
		case *benchfmt.SyntaxError:
			return fmt.Errorf("%s: benchmark text: %v", in.label(), rec)
		case *benchfmt.UnitMetadata:
			g.units[rec.UnitMetadataKey] = rec
		case *benchfmt.Result:
			if g.colKey != ".file" {
				rec.SetConfig(g.colKey, col)
			}
			ok, err := g.filter.Apply(rec)
			if err != nil {
				return fmt.Errorf("%s: %v", in.label(), err)
			}
			if ok {
				g.addResult(rec, in.label())
			}
		}
	}
	return r.Err()
}

func (g *grouping) addResult(rec *benchfmt.Result, from string) {
	row, col := g.rowBy.Project(rec), g.colBy.Project(rec)
	residue, procs := g.residue.Project(rec), g.procsBy.Project(rec)
	if !contains(g.colInputs[col], from) {
		g.colInputs[col] = append(g.colInputs[col], from)
	}
	for i, tk := range g.tableBy.ProjectValues(rec) {
		t := g.byTable[tk]
		if t == nil {
			t = &pending{rows: map[benchproc.Key]bool{}, cols: map[benchproc.Key]bool{}, cells: map[[2]benchproc.Key]*pendingCell{}}
			g.byTable[tk] = t
		}
		c := t.cells[[2]benchproc.Key{row, col}]
		if c == nil {
			c = &pendingCell{residue: map[benchproc.Key]bool{}, procs: map[benchproc.Key]bool{}}
			t.cells[[2]benchproc.Key{row, col}] = c
			t.rows[row], t.cols[col] = true, true
		}
		c.values = append(c.values, rec.Values[i].Value)
		c.residue[residue], c.procs[procs] = true, true
	}
}

// checkColumns refuses a comparison with fewer than two columns and says why there is one.
func (g *grouping) checkColumns(inputs []Input, col string) error {
	if len(g.colInputs) >= 2 {
		return nil
	}
	if len(g.colInputs) == 0 {
		return fmt.Errorf("inputs: no benchmark samples in %d input(s) (for the units chosen with --unit)", len(inputs))
	}
	var only benchproc.Key
	for k := range g.colInputs {
		only = k
	}
	if col == ColFile {
		return fmt.Errorf("inputs: a comparison needs 2 or more files with --col file, got %d (%s)", len(g.colInputs[only]), strings.Join(g.colInputs[only], ", "))
	}
	return fmt.Errorf("inputs: a comparison needs 2 or more columns, but every input has %s %q (%s); choose another --col (allowed: %s)",
		col, only.StringValues(), strings.Join(g.colInputs[only], ", "), strings.Join(Columns, ", "))
}

func (g *grouping) tables(thresholds *benchmath.Thresholds, confidence float64) []*Table {
	keys := make([]benchproc.Key, 0, len(g.byTable))
	for k := range g.byTable {
		keys = append(keys, k)
	}
	benchproc.SortKeys(keys)
	out := make([]*Table, 0, len(keys))
	for _, k := range keys {
		unit := k.Get(g.unitField)
		out = append(out, g.byTable[k].table(unit, g.units.GetAssumption(unit), thresholds, confidence))
	}
	return out
}

func (p *pending) table(unit string, assume benchmath.Assumption, thresholds *benchmath.Thresholds, confidence float64) *Table {
	rows, cols := sortedKeys(p.rows), sortedKeys(p.cols)
	t := &Table{Unit: unit}
	for _, c := range cols {
		t.Cols = append(t.Cols, c.StringValues())
	}
	for _, r := range rows {
		row := &Row{Name: r.StringValues(), Cells: make([]*Cell, len(cols))}
		var base *Cell
		for ci, c := range cols {
			pc := p.cells[[2]benchproc.Key{r, c}]
			if pc == nil {
				continue
			}
			cell := &Cell{Sample: benchmath.NewSample(pc.values, thresholds)}
			cell.Summary = assume.Summary(cell.Sample, confidence)
			cell.Warnings = append(append(cell.Warnings, cell.Sample.Warnings...), cell.Summary.Warnings...)
			if w := pc.mixed(); w != nil {
				cell.Warnings = append(cell.Warnings, w)
			}
			if ci == 0 {
				base = cell
			} else if base != nil {
				cell.Compared = true
				cell.Comparison = assume.Compare(base.Sample, cell.Sample)
				cell.Delta = cell.Comparison.FormatDelta(base.Summary.Center, cell.Summary.Center)
				cell.CmpWarnings = cell.Comparison.Warnings
			}
			row.Cells[ci] = cell
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) > 1 {
		t.Geo = geomeans(t)
	}
	return t
}

// mixed is benchstat's warning for a cell whose samples differ in an attribute that is neither
// the row nor the column (e.g. two clusters in one go-version column).
func (c *pendingCell) mixed() error {
	var names []string
	for _, set := range []map[benchproc.Key]bool{c.residue, c.procs} {
		for _, f := range benchproc.NonSingularFields(sortedKeys(set)) {
			names = append(names, f.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return errors.New("benchmarks vary in " + strings.Join(names, ", "))
}

func sortedKeys(m map[benchproc.Key]bool) []benchproc.Key {
	keys := make([]benchproc.Key, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	benchproc.SortKeys(keys)
	return keys
}
