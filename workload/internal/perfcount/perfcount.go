// Package perfcount reads hardware performance counters (L1D read misses, cycles,
// instructions) of the calling OS thread through perf_event_open, the interface `perf stat`
// uses. The syscall is made with package syscall: golang.org/x/sys needs a newer Go than the
// 1.21 the workload is built with. Many places refuse the counters (a VM without a virtual
// PMU: ENOENT; a container's seccomp profile or perf_event_paranoid: EACCES/EPERM); the caller
// then records "unavailable: <reason>" and any claim that needs them is not-applicable.
package perfcount

import (
	"errors"
	"fmt"
)

// Event is one counter: a perf_event_attr type and config.
type Event struct {
	Name   string // unit prefix reported per op, e.g. "L1D-misses"
	Type   uint32
	Config uint64
}

// perf_event_attr types and configs (linux/perf_event.h).
const (
	typeHardware = 0
	typeSoftware = 1
	typeHWCache  = 3

	hwCPUCycles    = 0
	hwInstructions = 1

	cacheL1D        = 0
	cacheOpRead     = 0
	cacheResultMiss = 1

	swTaskClock = 1
	swPageFault = 2
)

// Names of the hardware counters.
const (
	L1DMisses    = "L1D-misses"
	Cycles       = "cycles"
	Instructions = "instructions"
)

// Hardware is the group the cache-line claim needs: L1D read misses, cycles, instructions.
var Hardware = []Event{
	{L1DMisses, typeHWCache, cacheL1D | cacheOpRead<<8 | cacheResultMiss<<16},
	{Cycles, typeHardware, hwCPUCycles},
	{Instructions, typeHardware, hwInstructions},
}

// Software is a group the kernel counts without a PMU (task clock in ns, page faults): it lets
// tests exercise the whole open/enable/read path on machines without hardware counters.
var Software = []Event{
	{"task-clock-ns", typeSoftware, swTaskClock},
	{"page-faults", typeSoftware, swPageFault},
}

// OpenFunc opens one counter of the calling thread, disabled, user space only; group is -1
// for the group leader, else the leader's fd. The real one is the perf_event_open syscall;
// tests pass one that fails the way a refusing kernel does.
type OpenFunc func(ev Event, group int) (fd int, err error)

// Group is a set of counters of one OS thread, enabled and disabled together. The caller
// must stay on that thread (runtime.LockOSThread) from Open to Close.
type Group struct {
	events []Event
	fds    []int
}

// Open opens events as one group on the calling thread with open (nil: the syscall).
func Open(events []Event, open OpenFunc) (*Group, error) {
	if open == nil {
		open = sysOpen
	}
	g := &Group{events: events}
	for _, ev := range events {
		leader := -1
		if len(g.fds) > 0 {
			leader = g.fds[0]
		}
		fd, err := open(ev, leader)
		if err != nil {
			g.Close()
			return nil, fmt.Errorf("perf_event_open %s: %w", ev.Name, err)
		}
		g.fds = append(g.fds, fd)
	}
	if len(g.fds) == 0 {
		return nil, errors.New("perf_event_open: no events")
	}
	return g, nil
}

// Reset zeroes, Enable starts and Disable stops every counter of the group.
func (g *Group) Reset() error   { return g.ioctl(ioctlReset) }
func (g *Group) Enable() error  { return g.ioctl(ioctlEnable) }
func (g *Group) Disable() error { return g.ioctl(ioctlDisable) }

// Read returns each counter's value by name.
func (g *Group) Read() (map[string]uint64, error) {
	out := make(map[string]uint64, len(g.fds))
	for i, fd := range g.fds {
		v, err := readCounter(fd)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", g.events[i].Name, err)
		}
		out[g.events[i].Name] = v
	}
	return out, nil
}

// Close releases the counters.
func (g *Group) Close() {
	for _, fd := range g.fds {
		closeFD(fd)
	}
	g.fds = nil
}

// Probe opens and closes events once on the calling thread and says "available" or
// "unavailable: <reason>".
func Probe(events []Event, open OpenFunc) string {
	unlock := lockThread()
	defer unlock()
	g, err := Open(events, open)
	if err != nil {
		return "unavailable: " + explain(err)
	}
	g.Close()
	return "available"
}

// StandIn returns an OpenFunc that opens the real counter with in place of whatever is asked
// for. Tests use it with a Software event to run the hardware-counter path end to end (open,
// group, enable with the timer, read, per-op units) on machines without a PMU.
func StandIn(with Event) OpenFunc {
	return func(_ Event, group int) (int, error) { return sysOpen(with, group) }
}
