//go:build linux

package bench

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"mapbench.io/workload/internal/perfcount"
)

// Counters run only while the timer runs: work done with the timer stopped is not counted.
// Compared with the same work timed (4x the timed part outside the timer vs everything timed),
// which keeps the check independent of this machine's speed and load.
func TestCountersFollowTheTimer(t *testing.T) {
	var sink int
	work := func(n int) {
		for i := 0; i < n; i++ {
			sink += i ^ sink
		}
	}
	taskClock := func(f func(b *B)) uint64 {
		r := RunWith(f, Benchtime{N: 1}, Options{Counters: perfcount.Software})
		if r.CounterErr != nil {
			t.Skipf("software counters refused here, cannot test: %v", r.CounterErr)
		}
		return r.Counters["task-clock-ns"]
	}
	part := taskClock(func(b *B) {
		b.StopTimer()
		work(40_000_000)
		b.StartTimer()
		work(10_000_000)
	})
	all := taskClock(func(b *B) { work(50_000_000) })
	if part == 0 || 2*part > all {
		t.Fatalf("task clock %v with 1/5 of the work timed vs %v with all of it timed, want under half", time.Duration(part), time.Duration(all))
	}
}

// A refused counter leaves the timing intact and says why the counters are missing.
func TestRefusedCountersKeepTheTiming(t *testing.T) {
	refuse := func(perfcount.Event, int) (int, error) { return -1, syscall.ENOENT }
	r := RunWith(func(b *B) {
		for i := 0; i < b.N; i++ {
			time.Sleep(time.Millisecond)
		}
	}, Benchtime{N: 3}, Options{Counters: perfcount.Hardware, Open: refuse})
	if r.Counters != nil || r.CounterErr == nil || !strings.Contains(r.CounterErr.Error(), "no such file or directory") {
		t.Fatalf("counters %v, error %v; want none and the ENOENT", r.Counters, r.CounterErr)
	}
	if r.N != 3 || r.Duration < 3*time.Millisecond {
		t.Fatalf("N=%d duration %v, want the 3 timed sleeps", r.N, r.Duration)
	}
}
