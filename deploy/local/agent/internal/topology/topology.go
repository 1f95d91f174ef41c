// Package topology reads deploy/local/clusters.yaml, the one description of the local clusters
// and their nodes shared by deploy/local/clusters and the node agent.
package topology

import (
	"fmt"
	"os"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"sigs.k8s.io/yaml"
)

// File is the whole topology file.
type File struct {
	Clusters []Cluster `json:"clusters"`
}

// Cluster is one local cluster.
type Cluster struct {
	Name       string `json:"name"`
	PortOffset int    `json:"portOffset"`
	Nodes      []Node `json:"nodes"`
}

// Node is one node the agent registers and runs pods for.
type Node struct {
	Name           string            `json:"name"`
	Arch           string            `json:"arch"`
	CPU            string            `json:"cpu"`
	Memory         string            `json:"memory"`
	Pods           int               `json:"pods"`
	KubeletVersion string            `json:"kubeletVersion"`
	Labels         map[string]string `json:"labels"`
	Taints         []corev1.Taint    `json:"taints"`
}

// Load reads and validates the topology file.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("topology: %w", err)
	}
	return Parse(data, path)
}

// Parse validates topology YAML; source names the file in error messages.
func Parse(data []byte, source string) (*File, error) {
	var f File
	if err := yaml.UnmarshalStrict(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	for ci, c := range f.Clusters {
		if c.Name == "" {
			return nil, fmt.Errorf("%s: clusters[%d].name: must not be empty", source, ci)
		}
		for ni, n := range c.Nodes {
			field := fmt.Sprintf("%s: clusters[%d] (%s).nodes[%d]", source, ci, c.Name, ni)
			if n.Name == "" {
				return nil, fmt.Errorf("%s.name: must not be empty", field)
			}
			if n.Arch != "amd64" && n.Arch != "arm64" {
				return nil, fmt.Errorf("%s.arch: %q is not supported; allowed: amd64, arm64", field, n.Arch)
			}
			if _, err := resource.ParseQuantity(n.CPU); err != nil {
				return nil, fmt.Errorf("%s.cpu: %q is not a Kubernetes quantity (e.g. 1500m): %v", field, n.CPU, err)
			}
			if _, err := resource.ParseQuantity(n.Memory); err != nil {
				return nil, fmt.Errorf("%s.memory: %q is not a Kubernetes quantity (e.g. 4Gi): %v", field, n.Memory, err)
			}
			if n.Pods <= 0 {
				return nil, fmt.Errorf("%s.pods: %d must be a positive number of pods", field, n.Pods)
			}
			if n.KubeletVersion == "" {
				return nil, fmt.Errorf("%s.kubeletVersion: must not be empty (e.g. v1.36.3 or v1.36.3+k3s1)", field)
			}
		}
	}
	return &f, nil
}

// Cluster returns the named cluster or an error listing the known names.
func (f *File) Cluster(name string) (*Cluster, error) {
	var names []string
	for i := range f.Clusters {
		if f.Clusters[i].Name == name {
			return &f.Clusters[i], nil
		}
		names = append(names, f.Clusters[i].Name)
	}
	return nil, fmt.Errorf("cluster %q is not in the topology; known clusters: %v", name, names)
}
