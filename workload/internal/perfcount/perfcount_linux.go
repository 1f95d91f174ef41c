//go:build linux

package perfcount

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"syscall"
	"unsafe"
)

// attr is struct perf_event_attr up to PERF_ATTR_SIZE_VER0 (64 bytes), which every kernel
// since 2.6.31 accepts.
type attr struct {
	Type         uint32
	Size         uint32
	Config       uint64
	SamplePeriod uint64
	SampleType   uint64
	ReadFormat   uint64
	Bits         uint64
	WakeupEvents uint32
	BpType       uint32
	Config1      uint64
}

// attr.Bits flags.
const (
	bitDisabled      = 1 << 0
	bitExcludeKernel = 1 << 5
	bitExcludeHV     = 1 << 6
)

const (
	ioctlEnable  = 0x2400 // PERF_EVENT_IOC_ENABLE
	ioctlDisable = 0x2401 // PERF_EVENT_IOC_DISABLE
	ioctlReset   = 0x2403 // PERF_EVENT_IOC_RESET
	iocFlagGroup = 1      // PERF_IOC_FLAG_GROUP: apply to the whole group
	flagCloexec  = 8      // PERF_FLAG_FD_CLOEXEC
)

// sysOpen is perf_event_open(attr, pid=0 (this thread), cpu=-1 (any), group, CLOEXEC).
func sysOpen(ev Event, group int) (int, error) {
	a := attr{Type: ev.Type, Config: ev.Config, Bits: bitDisabled | bitExcludeKernel | bitExcludeHV}
	a.Size = uint32(unsafe.Sizeof(a))
	fd, _, errno := syscall.Syscall6(syscall.SYS_PERF_EVENT_OPEN, uintptr(unsafe.Pointer(&a)), 0,
		^uintptr(0), uintptr(group), flagCloexec, 0)
	if errno != 0 {
		return -1, errno
	}
	return int(fd), nil
}

func (g *Group) ioctl(req uintptr) error {
	if len(g.fds) == 0 {
		return errors.New("perf counters: group is closed")
	}
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(g.fds[0]), req, iocFlagGroup); errno != 0 {
		return fmt.Errorf("perf counters ioctl %#x: %w", req, errno)
	}
	return nil
}

func readCounter(fd int) (uint64, error) {
	var b [8]byte
	n, err := syscall.Read(fd, b[:])
	if err != nil {
		return 0, err
	}
	if n != 8 {
		return 0, fmt.Errorf("short read: %d bytes", n)
	}
	return binary.LittleEndian.Uint64(b[:]), nil
}

func closeFD(fd int) { syscall.Close(fd) }

func lockThread() func() {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}

// explain adds what an errno usually means here.
func explain(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err.Error()
	}
	switch errno {
	case syscall.ENOENT, syscall.EOPNOTSUPP:
		return err.Error() + " (the kernel exposes no hardware PMU for this event, e.g. a VM without a virtual PMU)"
	case syscall.EACCES, syscall.EPERM:
		return err.Error() + " (refused: kernel.perf_event_paranoid or the container's seccomp profile)"
	case syscall.ENOSYS:
		return err.Error() + " (no perf_event_open in this kernel or sandbox)"
	}
	return err.Error()
}
