// Package podstatus computes a pod's status from what the node agent observed of its processes.
// It is pure (old pod and observations in, status out) so every phase and condition rule is
// tested without a cluster, and it keeps lastTransitionTime when a condition does not change.
package podstatus

import (
	"fmt"
	"sort"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Container is the agent's knowledge of one container.
type Container struct {
	Name         string
	ImageID      string // which images.yaml rule and program the image mapped to
	ContainerID  string
	RestartCount int32
	// Exactly one of Waiting, Running, Terminated describes the current state.
	Waiting    *corev1.ContainerStateWaiting
	Running    *corev1.ContainerStateRunning
	Terminated *corev1.ContainerStateTerminated
	// LastTerminated is the previous run's end, after a restart.
	LastTerminated *corev1.ContainerStateTerminated
}

// Observation is everything the agent knows about a pod.
type Observation struct {
	Containers []Container // one per spec container, any order
	// Failure fails the whole pod (DeadlineExceeded, ErrImageUnknown, ContainerStatusUnknown...).
	Failure   *Failure
	StartTime time.Time
	HostIP    string
	Now       time.Time
}

// Failure is a pod-level reason to be Failed.
type Failure struct{ Reason, Message string }

// Compute returns the pod's new status.
func Compute(pod *corev1.Pod, obs Observation) corev1.PodStatus {
	old := pod.Status
	st := corev1.PodStatus{
		QOSClass:          old.QOSClass,
		HostIP:            obs.HostIP,
		HostIPs:           []corev1.HostIP{{IP: obs.HostIP}},
		PodIP:             obs.HostIP,
		PodIPs:            []corev1.PodIP{{IP: obs.HostIP}},
		NominatedNodeName: old.NominatedNodeName,
	}
	if !obs.StartTime.IsZero() {
		t := metav1.NewTime(obs.StartTime)
		st.StartTime = &t
	}
	byName := map[string]Container{}
	for _, c := range obs.Containers {
		byName[c.Name] = c
	}
	running, terminated, failedExit, started := 0, 0, 0, 0
	var unready []string
	for _, sc := range pod.Spec.Containers {
		c, ok := byName[sc.Name]
		cs := corev1.ContainerStatus{Name: sc.Name, Image: sc.Image, ImageID: c.ImageID, ContainerID: c.ContainerID, RestartCount: c.RestartCount}
		switch {
		case !ok || (c.Running == nil && c.Terminated == nil):
			w := c.Waiting
			if w == nil {
				w = &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}
			}
			cs.State.Waiting = w
		case c.Running != nil:
			cs.State.Running = c.Running
			running++
		default:
			cs.State.Terminated = c.Terminated
			terminated++
			if c.Terminated.ExitCode != 0 {
				failedExit++
			}
		}
		if c.Running != nil || c.Terminated != nil {
			started++
		}
		cs.LastTerminationState.Terminated = c.LastTerminated
		cs.Ready = cs.State.Running != nil
		s := cs.State.Running != nil
		cs.Started = &s
		if !cs.Ready {
			unready = append(unready, sc.Name)
		}
		st.ContainerStatuses = append(st.ContainerStatuses, cs)
	}
	n := len(pod.Spec.Containers)
	switch {
	case obs.Failure != nil:
		st.Phase, st.Reason, st.Message = corev1.PodFailed, obs.Failure.Reason, obs.Failure.Message
	case n > 0 && terminated == n && pod.Spec.RestartPolicy != corev1.RestartPolicyAlways:
		if failedExit > 0 {
			st.Phase = corev1.PodFailed
		} else {
			st.Phase = corev1.PodSucceeded
		}
	case started > 0:
		st.Phase = corev1.PodRunning
	default:
		st.Phase = corev1.PodPending
	}
	terminal := st.Phase == corev1.PodSucceeded || st.Phase == corev1.PodFailed

	ready := corev1.ConditionFalse
	readyReason, readyMessage := "ContainersNotReady", fmt.Sprintf("containers with unready status: [%s]", strings.Join(unready, " "))
	if terminal {
		readyReason, readyMessage = "PodCompleted", ""
	} else if len(unready) == 0 && n > 0 {
		ready, readyReason, readyMessage = corev1.ConditionTrue, "", ""
	}
	initialized := corev1.PodCondition{Type: corev1.PodInitialized, Status: corev1.ConditionTrue}
	if terminal {
		initialized.Reason = "PodCompleted"
	}
	sandbox := corev1.ConditionTrue
	if terminal {
		// The kubelet reports the sandbox (here: the pod directory's processes) as gone.
		sandbox = corev1.ConditionFalse
	}
	conds := []corev1.PodCondition{
		{Type: corev1.PodReadyToStartContainers, Status: sandbox},
		initialized,
		{Type: corev1.ContainersReady, Status: ready, Reason: readyReason, Message: readyMessage},
		{Type: corev1.PodReady, Status: ready, Reason: readyReason, Message: readyMessage},
	}
	st.Conditions = mergeConditions(old.Conditions, conds, obs.Now)
	return st
}

// mergeConditions sets the agent's conditions, keeps the ones others own (PodScheduled,
// DisruptionTarget) and keeps lastTransitionTime of a condition whose status did not change.
func mergeConditions(old, mine []corev1.PodCondition, now time.Time) []corev1.PodCondition {
	prev := map[corev1.PodConditionType]corev1.PodCondition{}
	for _, c := range old {
		prev[c.Type] = c
	}
	owned := map[corev1.PodConditionType]bool{}
	var out []corev1.PodCondition
	for _, c := range mine {
		owned[c.Type] = true
		c.LastTransitionTime = metav1.NewTime(now)
		if p, ok := prev[c.Type]; ok && p.Status == c.Status {
			c.LastTransitionTime = p.LastTransitionTime
		}
		out = append(out, c)
	}
	for _, c := range old {
		if !owned[c.Type] {
			out = append(out, c)
		}
	}
	order := map[corev1.PodConditionType]int{corev1.DisruptionTarget: 0, corev1.PodReadyToStartContainers: 1,
		corev1.PodInitialized: 2, corev1.PodReady: 3, corev1.ContainersReady: 4, corev1.PodScheduled: 5}
	sort.SliceStable(out, func(i, j int) bool { return rank(order, out[i].Type) < rank(order, out[j].Type) })
	return out
}

func rank(order map[corev1.PodConditionType]int, t corev1.PodConditionType) int {
	if r, ok := order[t]; ok {
		return r
	}
	return len(order)
}

// Condition returns the pod condition of type t, if any.
func Condition(st corev1.PodStatus, t corev1.PodConditionType) *corev1.PodCondition {
	for i := range st.Conditions {
		if st.Conditions[i].Type == t {
			return &st.Conditions[i]
		}
	}
	return nil
}

// ExitReason is the kubelet's reason for a container that exited with code.
func ExitReason(code int32) string {
	if code == 0 {
		return "Completed"
	}
	return "Error"
}
