package main

import (
	"fmt"
	"hash/fnv"
	"os"
	"strconv"
)

// Port layout. Every checkout gets a slot of portSlotWidth ports starting at a base derived
// from a hash of its absolute path, so two checkouts on one machine normally do not collide;
// each cluster uses portsPerCluster ports at base+portOffset. The range stays below 32768, the
// start of Linux's ephemeral port range, so outgoing connections never squat our ports.
const (
	portRangeStart  = 10000
	portSlotWidth   = 100
	portSlots       = 220 // 10000 + 220*100 = 32000
	portsPerCluster = 10
)

// Port indexes inside a cluster's block.
const (
	idxAPIServer = iota
	idxEtcdClient
	idxEtcdPeer
	idxControllerManager
	idxScheduler
	idxKubelet
	idxProxy
)

// Ports of one cluster.
type Ports struct {
	APIServer, EtcdClient, EtcdPeer, ControllerManager, Scheduler, Kubelet, Proxy int
}

// portBase returns the first port of this checkout's slot. MAPBENCH_PORT_BASE overrides it
// (tests use this to run an isolated copy of a cluster next to the real ones).
func portBase(repoRoot string) (int, error) {
	if v := os.Getenv("MAPBENCH_PORT_BASE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1024 || n > 65535-portSlotWidth {
			return 0, fmt.Errorf("MAPBENCH_PORT_BASE=%q is not allowed: use an integer between 1024 and %d", v, 65535-portSlotWidth)
		}
		return n, nil
	}
	h := fnv.New32a()
	h.Write([]byte(repoRoot))
	return portRangeStart + int(h.Sum32()%portSlots)*portSlotWidth, nil
}

func clusterPorts(base int, c ClusterSpec) Ports {
	p := base + c.PortOffset
	return Ports{
		APIServer:         p + idxAPIServer,
		EtcdClient:        p + idxEtcdClient,
		EtcdPeer:          p + idxEtcdPeer,
		ControllerManager: p + idxControllerManager,
		Scheduler:         p + idxScheduler,
		Kubelet:           p + idxKubelet,
		Proxy:             p + idxProxy,
	}
}
