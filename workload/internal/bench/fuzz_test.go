package bench

import (
	"testing"
)

// FuzzParseBenchtime: any string is either rejected with an error or parsed to a benchtime in
// the allowed range whose flag form (String) parses back to the same value.
func FuzzParseBenchtime(f *testing.F) {
	for _, s := range []string{"1s", "250ms", "100x", "1x", "0x", "-1s", "1m", "1m0.000000001s", "x", "", "1e3x", "9999999999x", "1h", "0.5us"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		bt, err := ParseBenchtime(s)
		if err != nil {
			if bt != (Benchtime{}) {
				t.Fatalf("error %v with a non-zero benchtime %+v", err, bt)
			}
			return
		}
		switch {
		case bt.N > 0 && bt.D != 0, bt.N == 0 && bt.D == 0:
			t.Fatalf("%q: exactly one of N and D must be set: %+v", s, bt)
		case bt.N < 0 || bt.N > maxN:
			t.Fatalf("%q: N %d out of 1..%d", s, bt.N, maxN)
		case bt.D < 0 || bt.D > MaxBenchtime:
			t.Fatalf("%q: D %v out of (0, %v]", s, bt.D, MaxBenchtime)
		}
		again, err := ParseBenchtime(bt.String())
		if err != nil || again != bt {
			t.Fatalf("%q -> %+v -> %q -> %+v, %v", s, bt, bt.String(), again, err)
		}
	})
}
