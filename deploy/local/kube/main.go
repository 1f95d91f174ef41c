// Command kube is one multi-call binary holding the Kubernetes control plane (kube-apiserver,
// kube-controller-manager, kube-scheduler), kubectl and etcd, built from the pinned upstream
// releases by build.sh. One binary instead of five saves link time and disk on small machines
// and keeps the five versions in lock-step.
//
// It is invoked either by component name as the first argument:
//
//	kube apiserver --etcd-servers=...
//	kube kubectl get pods
//
// or through a symlink whose name is the upstream binary name (argv[0] dispatch, like busybox):
//
//	kube-apiserver -> kube
//	kubectl        -> kube
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// components maps every accepted name (short and upstream binary name) to its entry point.
// Each entry point reads os.Args, which dispatch rewrites so that os.Args[0] is the upstream
// binary name and os.Args[1:] are the component's own arguments.
var components = map[string]func(){
	"apiserver":               runAPIServer,
	"kube-apiserver":          runAPIServer,
	"controller-manager":      runControllerManager,
	"kube-controller-manager": runControllerManager,
	"scheduler":               runScheduler,
	"kube-scheduler":          runScheduler,
	"kubectl":                 runKubectl,
	"etcd":                    runEtcd,
}

// canonicalName is the upstream binary name a component reports in usage and logs.
var canonicalName = map[string]string{
	"apiserver":          "kube-apiserver",
	"controller-manager": "kube-controller-manager",
	"scheduler":          "kube-scheduler",
}

func main() {
	run, args, err := dispatch(os.Args)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Args = args
	run()
}

// dispatch picks the component from argv[0] (symlink) or argv[1] (subcommand) and returns the
// argument vector that component expects.
func dispatch(argv []string) (func(), []string, error) {
	if len(argv) == 0 {
		return nil, nil, fmt.Errorf("kube: empty argument vector")
	}
	if run, ok := components[filepath.Base(argv[0])]; ok {
		return run, argv, nil
	}
	if len(argv) < 2 {
		return nil, nil, fmt.Errorf("kube: missing component; usage: kube <component> [args...] where component is one of: %s", strings.Join(names(), ", "))
	}
	name := argv[1]
	run, ok := components[name]
	if !ok {
		return nil, nil, fmt.Errorf("kube: unknown component %q; allowed: %s", name, strings.Join(names(), ", "))
	}
	if c, ok := canonicalName[name]; ok {
		name = c
	}
	return run, append([]string{name}, argv[2:]...), nil
}

func names() []string {
	out := make([]string, 0, len(components))
	for n := range components {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
