//go:build linux

package perfcount

import (
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// The whole path (open, reset, enable, disable, read, close) on counters every Linux kernel
// has: software events need no PMU.
func TestSoftwareGroupCountsThisThread(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	g, err := Open(Software, nil)
	if err != nil {
		t.Skipf("software perf counters refused here too, cannot test the counting path: %v", err)
	}
	defer g.Close()
	if err := g.Reset(); err != nil {
		t.Fatal(err)
	}
	if err := g.Enable(); err != nil {
		t.Fatal(err)
	}
	sink := 0
	for i := 0; i < 20_000_000; i++ {
		sink += i
	}
	if err := g.Disable(); err != nil {
		t.Fatal(err)
	}
	got, err := g.Read()
	if err != nil {
		t.Fatal(err)
	}
	_ = sink
	// 20M additions take milliseconds: at least 1 ms of task clock.
	if got["task-clock-ns"] < 1e6 {
		t.Fatalf("task clock %d ns for 20M additions, want >= 1 ms (%v)", got["task-clock-ns"], got)
	}
	// Disabled counters stand still.
	again, err := g.Read()
	if err != nil {
		t.Fatal(err)
	}
	if again["task-clock-ns"] != got["task-clock-ns"] {
		t.Fatalf("disabled counter moved from %d to %d", got["task-clock-ns"], again["task-clock-ns"])
	}
}

// The hardware probe through the real syscall names the outcome either way: on a VM without
// a virtual PMU (this project's CI) the kernel answers ENOENT.
func TestProbeHardwareRealSyscall(t *testing.T) {
	got := Probe(Hardware, nil)
	if got != "available" && !strings.HasPrefix(got, "unavailable: perf_event_open L1D-misses: ") {
		t.Fatalf("Probe = %q", got)
	}
	t.Logf("hardware counters on this machine: %s", got)
}

// A kernel that refuses (seccomp, perf_event_paranoid) gives a reason naming the event and
// the errno's usual cause; the counters opened before the failure are closed again.
func TestProbeRefusedClosesOpenedCounters(t *testing.T) {
	var opened []int
	open := func(ev Event, group int) (int, error) {
		if ev.Name == Cycles {
			return -1, syscall.EACCES
		}
		fd, err := syscall.Open("/dev/null", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		opened = append(opened, fd)
		return fd, err
	}
	got := Probe(Hardware, open)
	want := "unavailable: perf_event_open cycles: permission denied (refused: kernel.perf_event_paranoid or the container's seccomp profile)"
	if got != want {
		t.Fatalf("Probe = %q, want %q", got, want)
	}
	if len(opened) != 1 {
		t.Fatalf("opened %d counters before the refusal, want 1", len(opened))
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(opened[0], &st); err != syscall.EBADF {
		t.Fatalf("fd %d of the first counter still open after the group failed (fstat: %v)", opened[0], err)
	}
}
