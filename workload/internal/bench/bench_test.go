package bench

import (
	"testing"
	"time"
)

func TestParseBenchtime(t *testing.T) {
	cases := []struct {
		in      string
		want    Benchtime
		wantErr bool
	}{
		{"1s", Benchtime{D: time.Second}, false},
		{"250ms", Benchtime{D: 250 * time.Millisecond}, false},
		{"100x", Benchtime{N: 100}, false},
		{"1x", Benchtime{N: 1}, false},
		{"0x", Benchtime{}, true},
		{"-1s", Benchtime{}, true},
		{"0s", Benchtime{}, true},
		{"2m", Benchtime{}, true},
		{"fast", Benchtime{}, true},
		{"x", Benchtime{}, true},
		{"", Benchtime{}, true},
	}
	for _, c := range cases {
		got, err := ParseBenchtime(c.in)
		if (err != nil) != c.wantErr || (!c.wantErr && got != c.want) {
			t.Errorf("ParseBenchtime(%q) = %v, %v; want %v, error %v", c.in, got, err, c.want, c.wantErr)
		}
		if err == nil && got.String() != c.in && c.in != "250ms" {
			t.Errorf("String() = %q, want %q", got.String(), c.in)
		}
	}
}

var sink []byte

func TestRunIterationCount(t *testing.T) {
	calls := 0
	r := Run(func(b *B) { calls++ }, Benchtime{N: 50})
	if r.N != 50 || calls != 2 {
		t.Fatalf("N=%d calls=%d, want N=50 after a run with N=1 and one with N=50", r.N, calls)
	}
}

func TestRunRampsToBenchtime(t *testing.T) {
	r := Run(func(b *B) {
		for i := 0; i < b.N; i++ {
			time.Sleep(10 * time.Microsecond)
		}
	}, Benchtime{D: 20 * time.Millisecond})
	if r.Duration < 20*time.Millisecond || r.N < 2 {
		t.Fatalf("last run N=%d took %v, want >= 20ms", r.N, r.Duration)
	}
}

func TestStoppedTimerIsNotMeasured(t *testing.T) {
	r := Run(func(b *B) {
		b.StopTimer()
		time.Sleep(20 * time.Millisecond)
		sink = make([]byte, 1<<20)
		b.StartTimer()
	}, Benchtime{N: 1})
	if r.Duration > 10*time.Millisecond || r.Bytes >= 1<<20 {
		t.Fatalf("setup leaked into the measurement: %v, %d bytes", r.Duration, r.Bytes)
	}
}

func TestAllocationsAndGCAreCounted(t *testing.T) {
	r := Run(func(b *B) {
		for i := 0; i < b.N; i++ {
			sink = make([]byte, 64<<10)
		}
	}, Benchtime{N: 200})
	if a := r.AllocsPerOp(); a < 0.99 || a > 1.1 {
		t.Fatalf("allocs/op = %v, want ~1", a)
	}
	if bpo := r.BytesPerOp(); bpo < 64<<10 || bpo > 70<<10 {
		t.Fatalf("B/op = %v, want ~65536", bpo)
	}
	// 200 * 64 KiB = 12.5 MiB of garbage cannot pass without a GC cycle.
	if r.GCCycles == 0 || r.GCPerOp() <= 0 {
		t.Fatalf("no GC cycle counted for 12.5 MiB of garbage")
	}
}

func TestRunPassesAPanicInTheBenchmarkToItsCaller(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v, want the benchmark's panic value \"boom\"", r)
		}
	}()
	Run(func(b *B) { panic("boom") }, Benchtime{N: 3})
	t.Fatal("Run returned normally from a panicking benchmark")
}
