package benchtext

import (
	"bytes"
	"testing"

	"mapbench.io/workload/internal/result"
)

func TestValueFormat(t *testing.T) {
	cases := []struct {
		x    float64
		want string
	}{
		{0, "\t         0 ns/op"},
		{123456, "\t    123456 ns/op"},
		{812.34, "\t       812.3 ns/op"},
		{8.1234, "\t         8.123 ns/op"},
		{0.25, "\t         0.2500 ns/op"},
		{0.000012, "\t1.200e-05 ns/op"},
	}
	for _, c := range cases {
		if got := value(c.x, "ns/op"); got != c.want {
			t.Errorf("value(%v) = %q, want %q", c.x, got, c.want)
		}
	}
}

func TestWriteDocument(t *testing.T) {
	d := result.New()
	d.Environment = result.Environment{GOOS: "linux", GOARCH: "arm64", CPUModel: "X", GoVersion: "go1.21.13",
		MapImpl: "classic", Cluster: "edge-k3s-1", Emulation: "qemu-user"}
	d.Benchmarks = []result.Benchmark{{Name: "BenchmarkRangeKV/key=int64/value=int64/size=10", Procs: 2,
		Samples: []result.Sample{{Iterations: 100, NsPerOp: 50, NsPerElem: 5}, {Iterations: 120, NsPerOp: 40, NsPerElem: 4, GCPerOp: 0.5}}}}
	var buf bytes.Buffer
	if err := WriteDocument(&buf, d); err != nil {
		t.Fatal(err)
	}
	want := "goos: linux\ngoarch: arm64\npkg: mapbench.io/workload\ncpu: X\ngo-version: go1.21.13\nmap-impl: classic\n" +
		"cluster: edge-k3s-1\nemulation: qemu-user\n" +
		"BenchmarkRangeKV/key=int64/value=int64/size=10-2\t     100\t        50.00 ns/op\t         5.000 ns/elem\t         0 B/op\t         0 allocs/op\t         0 gc/op\n" +
		"BenchmarkRangeKV/key=int64/value=int64/size=10-2\t     120\t        40.00 ns/op\t         4.000 ns/elem\t         0 B/op\t         0 allocs/op\t         0.5000 gc/op\n"
	if buf.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
