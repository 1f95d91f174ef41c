package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

// supervise (hidden command) keeps one component running the way a kubelet keeps a static
// pod running: kube-controller-manager and kube-scheduler exit when the API server is gone at
// the wrong moment (e.g. a fault test stops it while they start), and a real cluster would
// restart them. It restarts the child with a capped back-off, forwards SIGTERM/SIGINT and
// exits when the child exits after such a signal.
func supervise(args []string) error {
	fs := flag.NewFlagSet("supervise", flag.ContinueOnError)
	name := fs.String("name", "", "component name, for log lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	argv := fs.Args()
	if len(argv) == 0 {
		return fmt.Errorf("supervise: usage: supervise --name NAME -- COMMAND [ARGS...]")
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	backoff := time.Second
	for {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		started := time.Now()
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("supervise %s: %w", *name, err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case sig := <-sigs:
			_ = cmd.Process.Signal(sig)
			<-done
			return nil
		case err := <-done:
			if time.Since(started) > time.Minute {
				backoff = time.Second // it ran fine for a while: start over with a short delay
			}
			fmt.Fprintf(os.Stderr, "==== %s: supervise: %s exited (%v); restarting in %s\n", time.Now().UTC().Format(time.RFC3339), *name, err, backoff)
			select {
			case <-sigs:
				return nil
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 10*time.Second)
		}
	}
}
