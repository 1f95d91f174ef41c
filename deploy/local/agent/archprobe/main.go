// Command archprobe is the small test program behind the mapbench.local/archprobe image: it
// reports the architecture it was built for and whether the node agent ran it under emulation,
// prints its arguments and chosen environment variables, optionally writes a termination
// message, sleeps, and exits with the code it is told to. build.sh builds it for amd64 and arm64
// so tests can prove that an arm64 process really ran (under qemu-user) on an edge node.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"
)

func main() {
	exit := flag.Int("exit", 0, "exit code")
	message := flag.String("message", "", "termination message to write")
	// The node agent names the host file behind terminationMessagePath in MAPBENCH_TERMINATION_LOG.
	termLog := flag.String("termination-log", os.Getenv("MAPBENCH_TERMINATION_LOG"), "termination message file")
	sleep := flag.Duration("sleep", 0, "time to sleep before exiting")
	env := flag.String("print-env", "", "comma-separated environment variables to print")
	flag.Parse()

	var uts syscall.Utsname
	machine := "unknown"
	if syscall.Uname(&uts) == nil {
		var b strings.Builder
		for _, c := range uts.Machine {
			if c == 0 {
				break
			}
			b.WriteByte(byte(c))
		}
		machine = b.String()
	}
	fmt.Printf("archprobe goarch=%s uname-machine=%s emulation=%q\n", runtime.GOARCH, machine, os.Getenv("MAPBENCH_EMULATION"))
	for _, a := range flag.Args() {
		fmt.Printf("arg %s\n", a)
	}
	for _, name := range strings.Split(*env, ",") {
		if name != "" {
			fmt.Printf("env %s=%s\n", name, os.Getenv(name))
		}
	}
	if *message != "" && *termLog == "" {
		fmt.Fprintln(os.Stderr, "archprobe: --message needs --termination-log or MAPBENCH_TERMINATION_LOG")
		os.Exit(1)
	}
	if *message != "" {
		if err := os.WriteFile(*termLog, []byte(*message), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "archprobe: %v\n", err)
			os.Exit(1)
		}
	}
	time.Sleep(*sleep)
	if *exit != 0 {
		fmt.Fprintf(os.Stderr, "archprobe: exiting with %d as asked\n", *exit)
	}
	os.Exit(*exit)
}
