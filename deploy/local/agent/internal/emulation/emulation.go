// Package emulation decides whether a program must run under Debian's qemu-user emulator: when it
// is an ELF executable for another architecture than the host's (the arm64 workload on the
// simulated edge nodes of an amd64 machine). The decision comes from the binary itself, not from
// configuration, so a result can never claim native execution that was emulated or vice versa.
package emulation

import (
	"debug/elf"
	"errors"
	"fmt"
	"os/exec"
)

// EnvVar is set for emulated processes; the workload reads it and marks its results.
const EnvVar = "MAPBENCH_EMULATION"

// EnvValue is EnvVar's value for Debian's qemu-user.
const EnvValue = "qemu-user"

var machineArch = map[elf.Machine]string{
	elf.EM_X86_64:  "amd64",
	elf.EM_AARCH64: "arm64",
	elf.EM_386:     "386",
	elf.EM_ARM:     "arm",
	elf.EM_RISCV:   "riscv64",
	elf.EM_PPC64:   "ppc64le",
	elf.EM_S390:    "s390x",
}

// qemuNames are the emulator programs per target architecture, static build first.
var qemuNames = map[string][]string{
	"amd64":   {"qemu-x86_64-static", "qemu-x86_64"},
	"arm64":   {"qemu-aarch64-static", "qemu-aarch64"},
	"arm":     {"qemu-arm-static", "qemu-arm"},
	"riscv64": {"qemu-riscv64-static", "qemu-riscv64"},
}

// BinaryArch returns the Go architecture name of an ELF executable, or "" when the file is not
// ELF (a script, which the host's interpreter runs natively).
func BinaryArch(path string) (string, error) {
	f, err := elf.Open(path)
	if err != nil {
		var fe *elf.FormatError
		if errors.As(err, &fe) {
			return "", nil
		}
		return "", err
	}
	defer f.Close()
	if a, ok := machineArch[f.Machine]; ok {
		return a, nil
	}
	return "", fmt.Errorf("%s: ELF machine %v is not supported", path, f.Machine)
}

// ErrNoEmulator means the binary needs an emulator that is not installed.
var ErrNoEmulator = errors.New("emulator missing")

// Plan returns the argv to execute: argv itself when program (argv[0] resolved to a path) runs
// natively, or the emulator followed by argv when it is built for another architecture.
// lookPath finds programs on PATH (exec.LookPath in production).
func Plan(argv []string, program, hostArch string, lookPath func(string) (string, error)) (out []string, emulated bool, err error) {
	arch, err := BinaryArch(program)
	if err != nil {
		return nil, false, err
	}
	if arch == "" || arch == hostArch {
		return argv, false, nil
	}
	for _, name := range qemuNames[arch] {
		if p, lerr := lookPath(name); lerr == nil {
			return append([]string{p, program}, argv[1:]...), true, nil
		}
	}
	return nil, false, fmt.Errorf("%w: %s is a %s binary and this host is %s; install Debian's qemu-user-static (deploy/local/agent/provision-qemu.sh) to provide %v",
		ErrNoEmulator, program, arch, hostArch, qemuNames[arch])
}

// LookPath is exec.LookPath, named here for callers.
var LookPath = exec.LookPath
