package main

import (
	"fmt"
	"os"
	"regexp"

	"sigs.k8s.io/yaml"
)

// Topology is the part of deploy/local/clusters.yaml this tool needs; the node agent reads the
// node definitions from the same file.
type Topology struct {
	Clusters []ClusterSpec `json:"clusters"`
}

// ClusterSpec is one local cluster.
type ClusterSpec struct {
	Name       string     `json:"name"`
	PortOffset int        `json:"portOffset"`
	Nodes      []NodeSpec `json:"nodes"`
}

// NodeSpec names a node the cluster's agent registers; `up` waits for these to become Ready.
type NodeSpec struct {
	Name string `json:"name"`
}

var clusterNameRE = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$`)

func loadTopology(path string) (*Topology, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading topology: %w", err)
	}
	return parseTopology(data, path)
}

func parseTopology(data []byte, path string) (*Topology, error) {
	var t Topology
	// Lax on unknown fields: the node agent reads more of each node than this tool does.
	if err := yaml.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("%s: not valid YAML: %w", path, err)
	}
	if len(t.Clusters) == 0 {
		return nil, fmt.Errorf("%s: field clusters: must list at least one cluster", path)
	}
	names := map[string]bool{}
	offsets := map[int]string{}
	for i, c := range t.Clusters {
		field := fmt.Sprintf("%s: clusters[%d]", path, i)
		if !clusterNameRE.MatchString(c.Name) {
			return nil, fmt.Errorf("%s.name: %q is not allowed: use 1-40 lower-case letters, digits and '-'", field, c.Name)
		}
		if names[c.Name] {
			return nil, fmt.Errorf("%s.name: %q appears twice; cluster names must be unique", field, c.Name)
		}
		names[c.Name] = true
		if c.PortOffset < 0 || c.PortOffset > portSlotWidth-portsPerCluster || c.PortOffset%portsPerCluster != 0 {
			return nil, fmt.Errorf("%s.portOffset: %d is not allowed: use a multiple of %d between 0 and %d", field, c.PortOffset, portsPerCluster, portSlotWidth-portsPerCluster)
		}
		if other, ok := offsets[c.PortOffset]; ok {
			return nil, fmt.Errorf("%s.portOffset: %d is already used by cluster %q", field, c.PortOffset, other)
		}
		offsets[c.PortOffset] = c.Name
	}
	return &t, nil
}

func (t *Topology) cluster(name string) (ClusterSpec, error) {
	var known []string
	for _, c := range t.Clusters {
		if c.Name == name {
			return c, nil
		}
		known = append(known, c.Name)
	}
	return ClusterSpec{}, fmt.Errorf("unknown cluster %q; clusters in the topology: %v", name, known)
}
