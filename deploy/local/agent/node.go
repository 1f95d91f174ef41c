package main

// Node registration and heartbeats: the agent creates (or brings up to date) each Node of its
// cluster from the topology, posts a Ready status and renews the node's Lease in kube-node-lease,
// which is what the node lifecycle controller watches to decide that a node is alive.

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"syscall"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/util/retry"

	"mapbench.io/local/agent/internal/topology"
)

const (
	leaseDuration     = 40 * time.Second
	leaseRenewEvery   = 10 * time.Second
	statusUpdateEvery = 60 * time.Second
	// HostIP is the address of every local node and pod: they share the machine's loopback.
	HostIP = "127.0.0.1"
)

// desiredNode builds the Node object (metadata and spec) of a topology node.
func desiredNode(n topology.Node) *corev1.Node {
	labels := map[string]string{
		"kubernetes.io/arch":      n.Arch,
		"kubernetes.io/os":        "linux",
		"kubernetes.io/hostname":  n.Name,
		"beta.kubernetes.io/arch": n.Arch,
		"beta.kubernetes.io/os":   "linux",
	}
	if strings.Contains(n.KubeletVersion, "+k3s") {
		// What K3s itself labels its nodes with.
		labels["node.kubernetes.io/instance-type"] = "k3s"
	}
	for k, v := range n.Labels {
		labels[k] = v
	}
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: n.Name, Labels: labels,
			Annotations: map[string]string{"mapbench.io/node-agent": "processes on the local machine; see deploy/local/agent"}},
		Spec: corev1.NodeSpec{Taints: n.Taints},
	}
}

// nodeStatus builds the Ready status of a topology node served on port.
func nodeStatus(n topology.Node, port int32, now time.Time, old corev1.NodeStatus) corev1.NodeStatus {
	res := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse(n.CPU),
		corev1.ResourceMemory: resource.MustParse(n.Memory),
		corev1.ResourcePods:   *resource.NewQuantity(int64(n.Pods), resource.DecimalSI),
	}
	var uts syscall.Utsname
	syscall.Uname(&uts)
	kernel := utsString(uts.Release[:])
	machineID, _ := os.ReadFile("/etc/machine-id")
	bootID, _ := os.ReadFile("/proc/sys/kernel/random/boot_id")
	cond := func(t corev1.NodeConditionType, s corev1.ConditionStatus, reason, msg string) corev1.NodeCondition {
		c := corev1.NodeCondition{Type: t, Status: s, Reason: reason, Message: msg,
			LastHeartbeatTime: metav1.NewTime(now), LastTransitionTime: metav1.NewTime(now)}
		for _, o := range old.Conditions {
			if o.Type == t && o.Status == s {
				c.LastTransitionTime = o.LastTransitionTime
			}
		}
		return c
	}
	return corev1.NodeStatus{
		Capacity:    res,
		Allocatable: res,
		Phase:       corev1.NodeRunning,
		Conditions: []corev1.NodeCondition{
			cond(corev1.NodeMemoryPressure, corev1.ConditionFalse, "KubeletHasSufficientMemory", "node agent does not measure memory pressure"),
			cond(corev1.NodeDiskPressure, corev1.ConditionFalse, "KubeletHasNoDiskPressure", "node agent does not measure disk pressure"),
			cond(corev1.NodePIDPressure, corev1.ConditionFalse, "KubeletHasSufficientPID", "node agent does not measure PID pressure"),
			cond(corev1.NodeReady, corev1.ConditionTrue, "KubeletReady", "mapbench node agent is posting ready status"),
		},
		Addresses: []corev1.NodeAddress{
			{Type: corev1.NodeInternalIP, Address: HostIP},
			{Type: corev1.NodeHostName, Address: n.Name},
		},
		DaemonEndpoints: corev1.NodeDaemonEndpoints{KubeletEndpoint: corev1.DaemonEndpoint{Port: port}},
		NodeInfo: corev1.NodeSystemInfo{
			MachineID:               strings.TrimSpace(string(machineID)),
			SystemUUID:              strings.TrimSpace(string(machineID)),
			BootID:                  strings.TrimSpace(string(bootID)),
			KernelVersion:           kernel,
			OSImage:                 "mapbench local node agent (pods are host processes)",
			ContainerRuntimeVersion: "mapbench-agent://" + agentVersion,
			KubeletVersion:          n.KubeletVersion,
			OperatingSystem:         "linux",
			Architecture:            n.Arch,
		},
	}
}

func utsString(b []int8) string {
	var s strings.Builder
	for _, c := range b {
		if c == 0 {
			break
		}
		s.WriteByte(byte(c))
	}
	return s.String()
}

// registerNode creates the node or updates its labels, taints and status to the topology.
func registerNode(ctx context.Context, cs kubernetes.Interface, n topology.Node, port int32) error {
	want := desiredNode(n)
	err := retry.RetryOnConflict(retry.DefaultBackoff, func() error {
		cur, err := cs.CoreV1().Nodes().Get(ctx, n.Name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			_, err = cs.CoreV1().Nodes().Create(ctx, want, metav1.CreateOptions{})
			return err
		}
		if err != nil {
			return err
		}
		if cur.Labels == nil {
			cur.Labels = map[string]string{}
		}
		for k, v := range want.Labels {
			cur.Labels[k] = v
		}
		if cur.Annotations == nil {
			cur.Annotations = map[string]string{}
		}
		for k, v := range want.Annotations {
			cur.Annotations[k] = v
		}
		// Keep taints other controllers added (not-ready, unreachable) and set ours.
		taints := append([]corev1.Taint{}, want.Spec.Taints...)
		for _, t := range cur.Spec.Taints {
			if strings.HasPrefix(t.Key, "node.kubernetes.io/") {
				taints = append(taints, t)
			}
		}
		cur.Spec.Taints = taints
		_, err = cs.CoreV1().Nodes().Update(ctx, cur, metav1.UpdateOptions{})
		return err
	})
	if err != nil {
		return fmt.Errorf("register node %s: %w", n.Name, err)
	}
	return postNodeStatus(ctx, cs, n, port)
}

func postNodeStatus(ctx context.Context, cs kubernetes.Interface, n topology.Node, port int32) error {
	return retry.RetryOnConflict(retry.DefaultBackoff, func() error {
		cur, err := cs.CoreV1().Nodes().Get(ctx, n.Name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		cur.Status = nodeStatus(n, port, time.Now(), cur.Status)
		_, err = cs.CoreV1().Nodes().UpdateStatus(ctx, cur, metav1.UpdateOptions{})
		return err
	})
}

// renewLease creates or renews the node's Lease.
func renewLease(ctx context.Context, cs kubernetes.Interface, nodeName string, nodeUID string) error {
	leases := cs.CoordinationV1().Leases(corev1.NamespaceNodeLease)
	now := metav1.NewMicroTime(time.Now())
	dur := int32(leaseDuration.Seconds())
	l, err := leases.Get(ctx, nodeName, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		l = &coordinationv1.Lease{
			ObjectMeta: metav1.ObjectMeta{Name: nodeName, Namespace: corev1.NamespaceNodeLease,
				OwnerReferences: []metav1.OwnerReference{{APIVersion: "v1", Kind: "Node", Name: nodeName, UID: types.UID(nodeUID)}}},
			Spec: coordinationv1.LeaseSpec{HolderIdentity: &nodeName, LeaseDurationSeconds: &dur, RenewTime: &now},
		}
		_, err = leases.Create(ctx, l, metav1.CreateOptions{})
		return err
	}
	if err != nil {
		return err
	}
	l.Spec.HolderIdentity, l.Spec.LeaseDurationSeconds, l.Spec.RenewTime = &nodeName, &dur, &now
	_, err = leases.Update(ctx, l, metav1.UpdateOptions{})
	return err
}

// heartbeat keeps a registered node alive until ctx ends; failures are logged and retried (the
// API server may be stopped on purpose by fault tests).
func heartbeat(ctx context.Context, cs kubernetes.Interface, n topology.Node, port int32) {
	lastStatus := time.Now()
	t := time.NewTicker(leaseRenewEvery)
	defer t.Stop()
	for {
		node, err := cs.CoreV1().Nodes().Get(ctx, n.Name, metav1.GetOptions{})
		switch {
		case apierrors.IsNotFound(err):
			log.Printf("node %s was deleted; registering it again", n.Name)
			if err := registerNode(ctx, cs, n, port); err != nil {
				log.Printf("%v", err)
			}
		case err != nil:
			log.Printf("heartbeat %s: %v", n.Name, err)
		default:
			if err := renewLease(ctx, cs, n.Name, string(node.UID)); err != nil {
				log.Printf("renew lease %s: %v", n.Name, err)
			}
			if time.Since(lastStatus) >= statusUpdateEvery || !nodeReady(node) {
				if err := postNodeStatus(ctx, cs, n, port); err != nil {
					log.Printf("node status %s: %v", n.Name, err)
				} else {
					lastStatus = time.Now()
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func nodeReady(n *corev1.Node) bool {
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}
