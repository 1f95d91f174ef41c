// Package bench measures a benchmark function the way `go test -bench`
// does: b.N is ramped until one run lasts the benchtime, the garbage
// collector runs before each run, the timer can be stopped around setup,
// and memory statistics are read at the timer boundaries. It adds what
// testing.B does not report: GC cycles per op.
package bench

import (
	"fmt"
	"runtime"
	"time"

	"mapbench.io/workload/internal/perfcount"
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

	// counters, when set, run while the timer runs (on the benchmark's own
	// OS thread, see runN).
	counters     *perfcount.Group
	counterErr   error
	lastCounters map[string]uint64
	opts         Options

	// timer, when set, receives StartTimer/StopTimer/ResetTimer instead: the
	// scenario's loop then runs under another harness (go test -bench).
	timer Timer
}

// Timer is the part of testing.B a scenario's loop uses besides N.
type Timer interface {
	StartTimer()
	StopTimer()
	ResetTimer()
}

// Under returns a B whose N is n and whose timer calls go to t, so a scenario's benchmark
// function runs unchanged inside `go test -bench` (t is the *testing.B).
func Under(t Timer, n int) *B { return &B{N: n, timer: t} }

// StartTimer starts timing (and memory accounting) of the benchmark.
func (b *B) StartTimer() {
	if b.timer != nil {
		b.timer.StartTimer()
		return
	}
	if b.timerOn {
		return
	}
	runtime.ReadMemStats(&b.startMem)
	if b.counters != nil {
		b.keep(b.counters.Enable())
	}
	b.start = time.Now()
	b.timerOn = true
}

// keep remembers the first counter error; the result then has no counters.
func (b *B) keep(err error) {
	if err != nil && b.counterErr == nil {
		b.counterErr = err
	}
}

// StopTimer stops timing; setup done while stopped is not measured.
func (b *B) StopTimer() {
	if b.timer != nil {
		b.timer.StopTimer()
		return
	}
	if !b.timerOn {
		return
	}
	b.duration += time.Since(b.start)
	if b.counters != nil {
		b.keep(b.counters.Disable())
	}
	runtime.ReadMemStats(&b.memBuffer)
	b.mallocs += b.memBuffer.Mallocs - b.startMem.Mallocs
	b.bytes += b.memBuffer.TotalAlloc - b.startMem.TotalAlloc
	b.gcCycles += b.memBuffer.NumGC - b.startMem.NumGC
	b.timerOn = false
}

// ResetTimer zeroes the elapsed time and memory counters.
func (b *B) ResetTimer() {
	if b.timer != nil {
		b.timer.ResetTimer()
		return
	}
	if b.timerOn {
		runtime.ReadMemStats(&b.startMem)
		b.start = time.Now()
	}
	if b.counters != nil {
		b.keep(b.counters.Reset())
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
	// Counters are the hardware counters of the last run (nil when not asked
	// for); CounterErr says why they are missing when they were.
	Counters   map[string]uint64
	CounterErr error
}

// NsPerOp and the other per-op figures divide by N (as floats, unlike
// testing's integer B/op, so that 1 alloc in 1000 ops shows as 0.001).
func (r Result) NsPerOp() float64     { return float64(r.Duration.Nanoseconds()) / float64(r.N) }
func (r Result) BytesPerOp() float64  { return float64(r.Bytes) / float64(r.N) }
func (r Result) AllocsPerOp() float64 { return float64(r.Mallocs) / float64(r.N) }
func (r Result) GCPerOp() float64     { return float64(r.GCCycles) / float64(r.N) }

// runN runs f once with b.N = n, like testing.B.runN. With counters, the
// goroutine is locked to its OS thread for the run and the group is opened
// on that thread: perf counters of pid 0 count one thread, and f runs on
// this goroutine (the scenarios' timed loops are single-goroutine).
func (b *B) runN(f func(*B), n int) {
	runtime.GC()
	if b.opts.Counters != nil {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		g, err := perfcount.Open(b.opts.Counters, b.opts.Open)
		b.keep(err)
		if g != nil {
			b.counters = g
			defer func() {
				vals, err := g.Read()
				b.keep(err)
				b.lastCounters = vals
				g.Close()
				b.counters = nil
			}()
		}
	}
	b.N = n
	b.ResetTimer()
	b.StartTimer()
	f(b)
	b.StopTimer()
}

// Options add hardware counters to a measurement.
type Options struct {
	Counters []perfcount.Event  // nil: none
	Open     perfcount.OpenFunc // nil: the perf_event_open syscall
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
func Run(f func(*B), bt Benchtime) Result { return RunWith(f, bt, Options{}) }

// RunWith is Run with options.
func RunWith(f func(*B), bt Benchtime, o Options) Result {
	b := &B{opts: o}
	onFreshGoroutine(func() { b.runN(f, 1) })
	onFreshGoroutine(func() { b.launch(f, bt) })
	r := Result{N: b.N, Duration: b.duration, Mallocs: b.mallocs, Bytes: b.bytes, GCCycles: b.gcCycles}
	if o.Counters != nil {
		if b.counterErr != nil {
			r.CounterErr = fmt.Errorf("hardware counters: %w", b.counterErr)
		} else {
			r.Counters = b.lastCounters
		}
	}
	return r
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
