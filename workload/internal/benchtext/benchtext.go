// Package benchtext writes result documents as Go benchmark text, the
// format `go test -bench` prints and benchstat reads: configuration lines
// ("key: value") followed by one line per sample. `mapbench run` and
// `mapbench export` both use it, so they print the same rows.
package benchtext

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"mapbench.io/workload/internal/result"
)

// Pkg is the pkg: header value.
const Pkg = "mapbench.io/workload"

// WriteHeader writes the configuration lines describing env. Keys follow
// benchfmt's rules (lower case, no spaces), so `benchstat -col go-version`
// or `-col map-impl` can compare files.
func WriteHeader(w io.Writer, env result.Environment) error {
	lines := [][2]string{
		{"goos", env.GOOS},
		{"goarch", env.GOARCH},
		{"pkg", Pkg},
		{"cpu", env.CPUModel},
		{"go-version", env.GoVersion},
		{"map-impl", env.MapImpl},
	}
	if env.Cluster != "" {
		lines = append(lines, [2]string{"cluster", env.Cluster})
	}
	if env.Emulation != "" {
		lines = append(lines, [2]string{"emulation", env.Emulation})
	}
	for _, l := range lines {
		if _, err := fmt.Fprintf(w, "%s: %s\n", l[0], l[1]); err != nil {
			return err
		}
	}
	return nil
}

// WriteSample writes one sample of a benchmark as one line; hardware counters, when present,
// follow as extra units in name order.
func WriteSample(w io.Writer, b *result.Benchmark, s result.Sample) error {
	extra := ""
	names := make([]string, 0, len(s.Counters))
	for n := range s.Counters {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		extra += value(s.Counters[n], n)
	}
	_, err := fmt.Fprintf(w, "%s-%d\t%8d%s%s%s%s%s%s\n", b.Name, b.Procs, s.Iterations,
		value(s.NsPerOp, "ns/op"), value(s.NsPerElem, "ns/elem"), value(s.BytesPerOp, "B/op"),
		value(s.AllocsPerOp, "allocs/op"), value(s.GCPerOp, "gc/op"), extra)
	return err
}

// WriteDocument writes the header and every sample of every benchmark.
func WriteDocument(w io.Writer, d *result.Document) error {
	if err := WriteHeader(w, d.Environment); err != nil {
		return err
	}
	for i := range d.Benchmarks {
		b := &d.Benchmarks[i]
		for _, s := range b.Samples {
			if err := WriteSample(w, b, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// value formats like testing's prettyPrint (aligned, four significant
// digits for small numbers) but keeps tiny non-zero values such as gc/op
// in exponent form instead of printing them as 0.
func value(x float64, unit string) string {
	var format string
	switch y := math.Abs(x); {
	case y == 0 || y >= 999.95:
		format = "\t%10.0f %s"
	case y >= 99.995:
		format = "\t%12.1f %s"
	case y >= 9.9995:
		format = "\t%13.2f %s"
	case y >= 0.99995:
		format = "\t%14.3f %s"
	case y >= 0.099995:
		format = "\t%15.4f %s"
	case y >= 0.0099995:
		format = "\t%16.5f %s"
	case y >= 0.00099995:
		format = "\t%17.6f %s"
	default:
		return "\t" + strconv.FormatFloat(x, 'e', 3, 64) + " " + unit
	}
	return fmt.Sprintf(format, x, unit)
}
