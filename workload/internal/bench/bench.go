// Package bench measures a benchmark function the way `go test -bench`
// does: b.N is ramped until one run lasts the benchtime, the garbage
// collector runs before each run, the timer can be stopped around setup,
// and memory statistics are read at the timer boundaries. It adds what
// testing.B does not report: GC cycles per op.
package bench

import (
	"runtime"
	"time"
)

// B is the handle a benchmark function receives, a subset of testing.B.
type B struct {
	N int

	timerOn   bool
	start     time.Time
	duration  time.Duration
	startMem  runtime.MemStats
	mallocs   uint64
	bytes     uint64
	gcCycles  uint32
	memBuffer runtime.MemStats
}

// StartTimer starts timing (and memory accounting) of the benchmark.
func (b *B) StartTimer() {
	if b.timerOn {
		return
	}
	runtime.ReadMemStats(&b.startMem)
	b.start = time.Now()
	b.timerOn = true
}

// StopTimer stops timing; setup done while stopped is not measured.
func (b *B) StopTimer() {
	if !b.timerOn {
		return
	}
	b.duration += time.Since(b.start)
	runtime.ReadMemStats(&b.memBuffer)
	b.mallocs += b.memBuffer.Mallocs - b.startMem.Mallocs
	b.bytes += b.memBuffer.TotalAlloc - b.startMem.TotalAlloc
	b.gcCycles += b.memBuffer.NumGC - b.startMem.NumGC
	b.timerOn = false
}

// ResetTimer zeroes the elapsed time and memory counters.
func (b *B) ResetTimer() {
	if b.timerOn {
		runtime.ReadMemStats(&b.startMem)
		b.start = time.Now()
	}
	b.duration = 0
	b.mallocs = 0
	b.bytes = 0
	b.gcCycles = 0
}

// Result is one measured run: the last run of the ramp.
type Result struct {
	N        int
	Duration time.Duration
	Mallocs  uint64
	Bytes    uint64
	GCCycles uint32
}

// NsPerOp and the other per-op figures divide by N (as floats, unlike
// testing's integer B/op, so that 1 alloc in 1000 ops shows as 0.001).
func (r Result) NsPerOp() float64     { return float64(r.Duration.Nanoseconds()) / float64(r.N) }
func (r Result) BytesPerOp() float64  { return float64(r.Bytes) / float64(r.N) }
func (r Result) AllocsPerOp() float64 { return float64(r.Mallocs) / float64(r.N) }
func (r Result) GCPerOp() float64     { return float64(r.GCCycles) / float64(r.N) }

// runN runs f once with b.N = n, like testing.B.runN.
func (b *B) runN(f func(*B), n int) {
	runtime.GC()
	b.N = n
	b.ResetTimer()
	b.StartTimer()
	f(b)
	b.StopTimer()
}

// maxN bounds the ramp like testing does.
const maxN = 1_000_000_000

// Run measures f: a run with N=1, then (for a duration benchtime) runs with
// growing N until one lasts at least the benchtime, exactly testing.B's
// launch logic; for an iteration-count benchtime, one run with that N.
// Like testing, the first run and the ramp each get a goroutine of their
// own, so the loop runs on a fresh stack as it does under go test (no
// measurable difference was found for S1; the point is to leave none of
// testing's launch logic out).
func Run(f func(*B), bt Benchtime) Result {
	b := &B{}
	onFreshGoroutine(func() { b.runN(f, 1) })
	onFreshGoroutine(func() { b.launch(f, bt) })
	return Result{N: b.N, Duration: b.duration, Mallocs: b.mallocs, Bytes: b.bytes, GCCycles: b.gcCycles}
}

// onFreshGoroutine runs f on a new goroutine and waits for it; a panic in f
// is re-raised in the caller so that the runner reports the scenario.
func onFreshGoroutine(f func()) {
	done := make(chan any)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	if p := <-done; p != nil {
		panic(p)
	}
}

// launch is testing.B.launch: the ramp after the first run.
func (b *B) launch(f func(*B), bt Benchtime) {
	if bt.N > 0 {
		if bt.N > 1 {
			b.runN(f, bt.N)
		}
		return
	}
	for n := 1; b.duration < bt.D && n < maxN; {
		last := n
		prevns := b.duration.Nanoseconds()
		if prevns <= 0 {
			prevns = 1
		}
		// Predict the N that lasts the benchtime, overshoot by 20%,
		// grow at most 100x and at least by one, as testing does.
		next := bt.D.Nanoseconds() * int64(b.N) / prevns
		next += next / 5
		if next > 100*int64(last) {
			next = 100 * int64(last)
		}
		if next < int64(last)+1 {
			next = int64(last) + 1
		}
		if next > maxN {
			next = maxN
		}
		n = int(next)
		b.runN(f, n)
	}
}
