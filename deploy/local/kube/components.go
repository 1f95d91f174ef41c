package main

// The entry points below are copies of upstream's cmd/<component>/<component>.go main
// functions (k8s.io/kubernetes and go.etcd.io/etcd/server/v3), including their blank imports,
// so each component behaves exactly as its standalone binary.

import (
	"os"
	_ "time/tzdata" // CronJob time zones, as upstream kube-apiserver and controller-manager

	"go.etcd.io/etcd/server/v3/etcdmain"
	_ "k8s.io/client-go/plugin/pkg/client/auth" // kubectl: client auth plugins
	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"
	_ "k8s.io/component-base/logs/json/register"          // JSON log format registration
	_ "k8s.io/component-base/metrics/prometheus/clientgo" // client-go metrics
	_ "k8s.io/component-base/metrics/prometheus/version"  // version metric
	kubectlcmd "k8s.io/kubectl/pkg/cmd"
	kubectlutil "k8s.io/kubectl/pkg/cmd/util"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

func runAPIServer() { os.Exit(cli.Run(apiserver.NewAPIServerCommand())) }

func runControllerManager() { os.Exit(cli.Run(controllermanager.NewControllerManagerCommand())) }

func runScheduler() { os.Exit(cli.Run(scheduler.NewSchedulerCommand())) }

func runKubectl() {
	// As upstream: set verbosity before the command is built so plugin/kuberc handling logs.
	logs.GlogSetter(kubectlcmd.GetLogVerbosity(os.Args)) // nolint:errcheck
	if err := cli.RunNoErrOutput(kubectlcmd.NewDefaultKubectlCommand()); err != nil {
		kubectlutil.CheckErr(err)
	}
}

// runEtcd: etcdmain.Main parses args[1:] and treats args[1] "gateway"/"grpc-proxy" specially,
// exactly like the etcd binary.
func runEtcd() { etcdmain.Main(os.Args) }
