package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNsPerOpPicksTheNamedBenchmark(t *testing.T) {
	text := "goos: linux\n" +
		"BenchmarkRangeKV/key=int64/value=int64/size=100000-2\t 300\t 3000000 ns/op\t 30.00 ns/elem\n" +
		"BenchmarkRangeKeys/key=int64/value=int64/size=100000-2\t 300\t 2000000 ns/op\n" +
		"BenchmarkOverheadRangeKV-2\t 400\t 2900000 ns/op\t 0 B/op\n" +
		"BenchmarkOverheadRangeKVConcrete-2\t 400\t 2800000 ns/op\n" +
		"BenchmarkRangeKV/key=int64/value=int64/size=100000-2\t 300\t 3100000 ns/op\n"
	f := filepath.Join(t.TempDir(), "out.txt")
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		want []float64
	}{
		{"BenchmarkRangeKV/key=int64/value=int64/size=100000", []float64{3000000, 3100000}},
		{"BenchmarkOverheadRangeKV", []float64{2900000}},
		{"BenchmarkOverheadRangeKVConcrete", []float64{2800000}},
		{"BenchmarkMissing", nil},
	}
	for _, c := range cases {
		got := nsPerOp(f, c.name)
		if len(got) != len(c.want) {
			t.Fatalf("%s: got %v, want %v", c.name, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Fatalf("%s: got %v, want %v", c.name, got, c.want)
			}
		}
	}
	if m := minOf([]float64{3, 1, 2}); m != 1 {
		t.Fatalf("minOf = %v", m)
	}
}
