package runner

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles starts the CPU profile (--cpuprofile) and returns the function that stops it
// and writes the heap profile (--memprofile), as `go test -cpuprofile/-memprofile` do around
// the benchmarks. Profiles are for pprof; the measured figures are unchanged apart from the
// profiler's own sampling cost.
func startProfiles(o *Options) (stop func() error, err error) {
	var cpu *os.File
	if o.CPUProfile != "" {
		if cpu, err = os.Create(o.CPUProfile); err != nil {
			return nil, inputErr("cpuprofile", "cannot write %s: %v", o.CPUProfile, err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, inputErr("cpuprofile", "%v", err)
		}
	}
	if o.MemProfile != "" {
		// Fail on an unwritable path now, not after the measurements.
		f, err := os.Create(o.MemProfile)
		if err != nil {
			if cpu != nil {
				pprof.StopCPUProfile()
				cpu.Close()
			}
			return nil, inputErr("memprofile", "cannot write %s: %v", o.MemProfile, err)
		}
		f.Close()
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return fmt.Errorf("cpuprofile: %v", err)
			}
		}
		if o.MemProfile != "" {
			f, err := os.Create(o.MemProfile)
			if err != nil {
				return fmt.Errorf("memprofile: %v", err)
			}
			defer f.Close()
			runtime.GC() // up-to-date statistics, as testing does before writing it
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				return fmt.Errorf("memprofile: %v", err)
			}
		}
		return nil
	}, nil
}
