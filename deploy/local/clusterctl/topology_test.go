package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestParseTopologyRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, yaml, wantErr string
	}{
		{"no clusters", "clusters: []\n", "field clusters: must list at least one cluster"},
		{"bad name", "clusters:\n- name: Hub\n  portOffset: 0\n", `clusters[0].name: "Hub" is not allowed`},
		{"duplicate name", "clusters:\n- name: a\n  portOffset: 0\n- name: a\n  portOffset: 10\n", `"a" appears twice`},
		{"offset not multiple", "clusters:\n- name: a\n  portOffset: 5\n", "clusters[0].portOffset: 5 is not allowed: use a multiple of 10 between 0 and 90"},
		{"offset too large", "clusters:\n- name: a\n  portOffset: 100\n", "portOffset: 100 is not allowed"},
		{"offset reused", "clusters:\n- name: a\n  portOffset: 10\n- name: b\n  portOffset: 10\n", `already used by cluster "a"`},
		{"not yaml", "clusters: [\n", "not valid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseTopology([]byte(tt.yaml), "t.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// The committed topology is the contract with the node agent and the tests: it must parse and
// hold the three clusters the project relies on.
func TestCommittedTopology(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	topo, err := loadTopology(filepath.Join(filepath.Dir(file), "..", "clusters.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"hub", "cloud-1", "edge-k3s-1"} {
		c, err := topo.cluster(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Nodes) == 0 || c.Nodes[0].Name == "" {
			t.Errorf("cluster %s has no named node", name)
		}
	}
	if _, err := topo.cluster("nope"); err == nil || !strings.Contains(err.Error(), `unknown cluster "nope"`) {
		t.Errorf("unknown cluster error = %v", err)
	}
}

func TestPortBase(t *testing.T) {
	t.Setenv("MAPBENCH_PORT_BASE", "")
	os.Unsetenv("MAPBENCH_PORT_BASE")
	a, _ := portBase("/work/main")
	b, _ := portBase("/work/other")
	a2, _ := portBase("/work/main")
	if a != a2 {
		t.Errorf("base not stable: %d vs %d", a, a2)
	}
	if a == b {
		t.Errorf("two checkouts got the same base %d (hash collision in the test fixture?)", a)
	}
	for _, base := range []int{a, b} {
		if base < portRangeStart || base+portSlotWidth > 32768 || (base-portRangeStart)%portSlotWidth != 0 {
			t.Errorf("base %d outside [%d, 32768) or not slot-aligned", base, portRangeStart)
		}
	}
	tests := []struct {
		env     string
		want    int
		wantErr string
	}{
		{"30000", 30000, ""},
		{"abc", 0, `MAPBENCH_PORT_BASE="abc" is not allowed`},
		{"80", 0, "between 1024 and"},
	}
	for _, tt := range tests {
		t.Setenv("MAPBENCH_PORT_BASE", tt.env)
		got, err := portBase("/x")
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("env %q: error = %v, want %q", tt.env, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("env %q: got %d, %v; want %d", tt.env, got, err, tt.want)
		}
	}
}

func TestClusterPortsAreDistinct(t *testing.T) {
	seen := map[int]string{}
	for _, off := range []int{0, 10, 20} {
		p := clusterPorts(20000, ClusterSpec{Name: "c", PortOffset: off})
		for _, port := range []int{p.APIServer, p.EtcdClient, p.EtcdPeer, p.ControllerManager, p.Scheduler, p.Kubelet, p.Proxy} {
			if port < 20000+off || port >= 20000+off+portsPerCluster {
				t.Errorf("offset %d: port %d outside the cluster's block", off, port)
			}
			if other, dup := seen[port]; dup {
				t.Errorf("port %d used twice (%s)", port, other)
			}
			seen[port] = "x"
		}
	}
}
