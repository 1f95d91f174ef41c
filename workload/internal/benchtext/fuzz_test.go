package benchtext

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/perf/benchfmt"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/vocab"
)

// FuzzRoundTrip writes a sample with this package's writer and reads it back with benchfmt, the
// reader benchstat uses: the name, GOMAXPROCS suffix, iterations and every unit must come back,
// each value within the writer's rounding (4-5 significant digits: relative error <= 6e-4).
func FuzzRoundTrip(f *testing.F) {
	f.Add("RangeKV", uint8(0), uint8(0), 100_000, 2, 1000, 667_123.4, 6.67, 0.0, 0.0, 1.5e-7, 12.5)
	f.Add("FieldViaLookup", uint8(1), uint8(3), 10_000, 1, 1, 0.000123, 99.995, 999.95, 9.9995, 0.099995, 0.0)
	f.Add("X", uint8(2), uint8(5), 1, 64, 1_000_000_000, 1e300, 1e-300, 5e-324, 0.5, 0.00099995, 3.0)
	f.Fuzz(func(t *testing.T, variant string, key, value uint8, size, procs, iters int, ns, nsElem, bytesOp, allocs, gc, l1d float64) {
		variant = strings.Map(func(r rune) rune {
			if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return r
			}
			return -1
		}, variant)
		if variant == "" || size < 1 || procs < 1 || iters < 1 {
			return // the runner never produces these
		}
		for _, x := range []float64{ns, nsElem, bytesOp, allocs, gc, l1d} {
			if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
				return
			}
		}
		k, v := vocab.KeyTypes[int(key)%len(vocab.KeyTypes)], vocab.ValueTypes[int(value)%len(vocab.ValueTypes)]
		b := &result.Benchmark{Name: "Benchmark" + variant + "/key=" + k + "/value=" + v + "/size=" + itoa(size), Procs: procs}
		s := result.Sample{Iterations: iters, NsPerOp: ns, NsPerElem: nsElem, BytesPerOp: bytesOp, AllocsPerOp: allocs, GCPerOp: gc,
			Counters: map[string]float64{"L1D-misses/op": l1d}}
		var buf bytes.Buffer
		if err := WriteHeader(&buf, result.Environment{GOOS: "linux", GOARCH: "amd64", CPUModel: "x", GoVersion: "go1.26.8", MapImpl: "swiss"}); err != nil {
			t.Fatal(err)
		}
		if err := WriteSample(&buf, b, s); err != nil {
			t.Fatal(err)
		}
		r := benchfmt.NewReader(bytes.NewReader(buf.Bytes()), "fuzz")
		var got *benchfmt.Result
		for r.Scan() {
			switch rec := r.Result(); rec := rec.(type) {
			case *benchfmt.Result:
				got = rec.Clone()
			case *benchfmt.SyntaxError:
				t.Fatalf("benchfmt cannot read the line: %v\n%s", rec, buf.String())
			}
		}
		if got == nil {
			t.Fatalf("no benchmark read from\n%s", buf.String())
		}
		// benchfmt drops the "Benchmark" prefix.
		if want := strings.TrimPrefix(b.Name, "Benchmark") + "-" + itoa(procs); string(got.Name) != want || got.Iters != iters {
			t.Fatalf("read %q x%d, wrote %q x%d", got.Name, got.Iters, want, iters)
		}
		if got.GetConfig("map-impl") != "swiss" || got.GetConfig("go-version") != "go1.26.8" {
			t.Fatalf("configuration lost: %v", got.Config)
		}
		read := asWritten(got)
		for unit, want := range map[string]float64{"ns/op": ns, "ns/elem": nsElem, "B/op": bytesOp, "allocs/op": allocs, "gc/op": gc, "L1D-misses/op": l1d} {
			have, ok := read[unit]
			if !ok {
				t.Fatalf("unit %s missing: %s", unit, buf.String())
			}
			if math.Abs(have-want) > 6e-4*want {
				t.Fatalf("%s: wrote %v, read %v (relative error %.3g)", unit, want, have, math.Abs(have-want)/want)
			}
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

// asWritten returns the values benchfmt read, by the unit as written (benchfmt tidies ns/op to
// sec/op and keeps the original beside it).
func asWritten(r *benchfmt.Result) map[string]float64 {
	out := map[string]float64{}
	for _, v := range r.Values {
		if v.OrigUnit != "" {
			out[v.OrigUnit] = v.OrigValue
		} else {
			out[v.Unit] = v.Value
		}
	}
	return out
}
