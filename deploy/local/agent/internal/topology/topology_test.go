package topology

import (
	"strings"
	"testing"
)

func TestParseRepositoryTopology(t *testing.T) {
	f, err := Load("../../../clusters.yaml")
	if err != nil {
		t.Fatal(err)
	}
	edge, err := f.Cluster("edge-k3s-1")
	if err != nil {
		t.Fatal(err)
	}
	n := edge.Nodes[0]
	if n.Arch != "arm64" || !strings.HasSuffix(n.KubeletVersion, "+k3s1") || len(n.Taints) != 1 || n.Taints[0].Key != "mapbench.io/edge" {
		t.Fatalf("edge node not as expected: %+v", n)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"bad arch", "clusters: [{name: a, nodes: [{name: n, arch: riscv64, cpu: '1', memory: 1Gi, pods: 1, kubeletVersion: v1}]}]", "arch: \"riscv64\" is not supported"},
		{"bad cpu", "clusters: [{name: a, nodes: [{name: n, arch: amd64, cpu: lots, memory: 1Gi, pods: 1, kubeletVersion: v1}]}]", "cpu: \"lots\""},
		{"no pods", "clusters: [{name: a, nodes: [{name: n, arch: amd64, cpu: '1', memory: 1Gi, pods: 0, kubeletVersion: v1}]}]", "pods: 0"},
		{"unknown field", "clusters: [{name: a, colour: red}]", "colour"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.yaml), "t.yaml")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want error containing %q", err, c.want)
			}
		})
	}
	f, _ := Parse([]byte("clusters: [{name: a}]"), "t.yaml")
	if _, err := f.Cluster("b"); err == nil || !strings.Contains(err.Error(), "known clusters: [a]") {
		t.Fatalf("unknown cluster error: %v", err)
	}
}
