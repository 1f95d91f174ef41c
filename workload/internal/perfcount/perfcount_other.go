//go:build !linux

package perfcount

import (
	"errors"
	"runtime"
)

var errNotLinux = errors.New("perf_event_open exists on Linux only (this is " + runtime.GOOS + ")")

const (
	ioctlEnable = iota
	ioctlDisable
	ioctlReset
)

func sysOpen(Event, int) (int, error) { return -1, errNotLinux }
func (g *Group) ioctl(uintptr) error  { return errNotLinux }
func readCounter(int) (uint64, error) { return 0, errNotLinux }
func closeFD(int)                     {}
func lockThread() func()              { return func() {} }
func explain(err error) string        { return err.Error() }
