package main

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"mapbench.io/local/agent/internal/topology"
)

func TestNodeFromTopology(t *testing.T) {
	tf, err := topology.Load("../clusters.yaml")
	if err != nil {
		t.Fatal(err)
	}
	edge, _ := tf.Cluster("edge-k3s-1")
	n := edge.Nodes[0]
	node := desiredNode(n)
	for k, v := range map[string]string{
		"kubernetes.io/arch": "arm64", "kubernetes.io/os": "linux", "kubernetes.io/hostname": n.Name,
		"node-role.kubernetes.io/edge": "true", "node.kubernetes.io/instance-type": "k3s",
	} {
		if node.Labels[k] != v {
			t.Errorf("label %s=%q, want %q", k, node.Labels[k], v)
		}
	}
	if len(node.Spec.Taints) != 1 || node.Spec.Taints[0].Effect != corev1.TaintEffectNoSchedule {
		t.Errorf("taints %+v", node.Spec.Taints)
	}
	t0 := time.Now()
	st := nodeStatus(n, 30525, t0, corev1.NodeStatus{})
	if st.NodeInfo.KubeletVersion != "v1.36.3+k3s1" || st.NodeInfo.Architecture != "arm64" || st.DaemonEndpoints.KubeletEndpoint.Port != 30525 {
		t.Errorf("node info %+v port %d", st.NodeInfo, st.DaemonEndpoints.KubeletEndpoint.Port)
	}
	if st.Addresses[0].Type != corev1.NodeInternalIP || st.Addresses[0].Address != "127.0.0.1" {
		t.Errorf("addresses %+v", st.Addresses)
	}
	// One 1-CPU Guaranteed pod fits, two do not.
	cpu := st.Allocatable[corev1.ResourceCPU]
	one := resource.MustParse("1")
	if cpu.Cmp(one) < 0 || cpu.MilliValue() >= 2*one.MilliValue() {
		t.Errorf("allocatable cpu %s must fit exactly one 1-CPU pod", cpu.String())
	}
	// Ready keeps its transition time on later heartbeats.
	later := nodeStatus(n, 30525, t0.Add(time.Minute), st)
	for _, c := range later.Conditions {
		if c.Type == corev1.NodeReady && (!c.LastTransitionTime.Time.Equal(st.Conditions[3].LastTransitionTime.Time) || !c.LastHeartbeatTime.After(t0)) {
			t.Errorf("Ready %+v", c)
		}
	}
}

func TestParseLogOptions(t *testing.T) {
	opts, prev, err := parseLogOptions(map[string][]string{"follow": {"true"}, "tailLines": {"5"}, "limitBytes": {"100"}, "timestamps": {"1"}, "previous": {"true"}, "sinceSeconds": {"10"}})
	if err != nil || !opts.Follow || *opts.TailLines != 5 || *opts.LimitBytes != 100 || !opts.Timestamps || !prev || opts.SinceTime == nil {
		t.Fatalf("opts %+v prev %v err %v", opts, prev, err)
	}
	for _, bad := range []map[string][]string{{"tailLines": {"-1"}}, {"follow": {"yes please"}}, {"sinceTime": {"yesterday"}}} {
		if _, _, err := parseLogOptions(bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
