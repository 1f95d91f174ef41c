package benchtext

import (
	"bytes"
	"testing"

	"mapbench.io/workload/internal/golden"
	"mapbench.io/workload/internal/result"
)

// The exact benchmark text of a document: header lines, one row per sample, every number
// format (large, the four-digit ranges, tiny values in exponent form, zero) and counters.
func TestWriteDocumentGolden(t *testing.T) {
	d := result.New()
	d.Environment = result.Environment{GOOS: "linux", GOARCH: "amd64", CPUModel: "AMD EPYC 7B13", GoVersion: "go1.26.8",
		MapImpl: "swiss", Cluster: "edge-k3s-1", Emulation: "qemu-user"}
	d.Benchmarks = []result.Benchmark{
		{Name: "BenchmarkRangeKV/key=int64/value=int64/size=100000", Procs: 2, Samples: []result.Sample{
			{Iterations: 1790, NsPerOp: 667123, NsPerElem: 6.67123, BytesPerOp: 0, AllocsPerOp: 0, GCPerOp: 0},
			{Iterations: 1802, NsPerOp: 659870, NsPerElem: 6.5987, BytesPerOp: 0.5, AllocsPerOp: 0.001, GCPerOp: 0.000554},
		}},
		{Name: "BenchmarkFieldViaValue/key=int64/value=struct128/size=10000", Procs: 1, Samples: []result.Sample{
			{Iterations: 100, NsPerOp: 99.995, NsPerElem: 0.0099995, BytesPerOp: 9.9995, AllocsPerOp: 0.099995, GCPerOp: 1.5e-7,
				Counters: map[string]float64{"cycles/op": 412345, "L1D-misses/op": 20012.5, "instructions/op": 1.2e6}},
		}},
	}
	var b bytes.Buffer
	if err := WriteDocument(&b, d); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "document.golden", b.Bytes())
}
