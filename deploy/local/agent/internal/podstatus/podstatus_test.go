package podstatus

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

var (
	t0 = time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	t1 = t0.Add(5 * time.Second)
)

func pod(policy corev1.RestartPolicy, names ...string) *corev1.Pod {
	p := &corev1.Pod{Spec: corev1.PodSpec{RestartPolicy: policy}}
	for _, n := range names {
		p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: n, Image: "img-" + n})
	}
	p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: metav1.NewTime(t0)}}
	return p
}

func running(name string) Container {
	return Container{Name: name, Running: &corev1.ContainerStateRunning{StartedAt: metav1.NewTime(t0)}}
}

func exited(name string, code int32) Container {
	return Container{Name: name, Terminated: &corev1.ContainerStateTerminated{ExitCode: code, Reason: ExitReason(code), StartedAt: metav1.NewTime(t0), FinishedAt: metav1.NewTime(t1)}}
}

func TestPhasesAndReadiness(t *testing.T) {
	cases := []struct {
		name       string
		pod        *corev1.Pod
		containers []Container
		failure    *Failure
		phase      corev1.PodPhase
		ready      corev1.ConditionStatus
		readyWhy   string
	}{
		{"creating", pod(corev1.RestartPolicyNever, "a"), nil, nil, corev1.PodPending, corev1.ConditionFalse, "ContainersNotReady"},
		{"running", pod(corev1.RestartPolicyNever, "a"), []Container{running("a")}, nil, corev1.PodRunning, corev1.ConditionTrue, ""},
		{"one of two running", pod(corev1.RestartPolicyNever, "a", "b"), []Container{running("a"), exited("b", 0)}, nil, corev1.PodRunning, corev1.ConditionFalse, "ContainersNotReady"},
		{"succeeded", pod(corev1.RestartPolicyNever, "a"), []Container{exited("a", 0)}, nil, corev1.PodSucceeded, corev1.ConditionFalse, "PodCompleted"},
		{"failed exit", pod(corev1.RestartPolicyNever, "a", "b"), []Container{exited("a", 0), exited("b", 3)}, nil, corev1.PodFailed, corev1.ConditionFalse, "PodCompleted"},
		{"always restarts", pod(corev1.RestartPolicyAlways, "a"), []Container{exited("a", 0)}, nil, corev1.PodRunning, corev1.ConditionFalse, "ContainersNotReady"},
		{"deadline", pod(corev1.RestartPolicyNever, "a"), []Container{exited("a", 137)}, &Failure{"DeadlineExceeded", "too long"}, corev1.PodFailed, corev1.ConditionFalse, "PodCompleted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := Compute(c.pod, Observation{Containers: c.containers, Failure: c.failure, StartTime: t0, HostIP: "127.0.0.1", Now: t1})
			if st.Phase != c.phase {
				t.Fatalf("phase %s, want %s", st.Phase, c.phase)
			}
			r := Condition(st, corev1.PodReady)
			if r == nil || r.Status != c.ready || r.Reason != c.readyWhy {
				t.Fatalf("Ready %+v, want %s/%s", r, c.ready, c.readyWhy)
			}
			if ps := Condition(st, corev1.PodScheduled); ps == nil || !ps.LastTransitionTime.Time.Equal(t0) {
				t.Fatalf("PodScheduled must be kept: %+v", ps)
			}
			if c.failure != nil && (st.Reason != c.failure.Reason || st.Message != c.failure.Message) {
				t.Fatalf("reason %q message %q", st.Reason, st.Message)
			}
			if len(st.ContainerStatuses) != len(c.pod.Spec.Containers) || st.ContainerStatuses[0].Image != "img-a" {
				t.Fatalf("container statuses %+v", st.ContainerStatuses)
			}
		})
	}
}

func TestTransitionTimeKeptWhileUnchanged(t *testing.T) {
	p := pod(corev1.RestartPolicyNever, "a")
	p.Status = Compute(p, Observation{Containers: []Container{running("a")}, StartTime: t0, Now: t0})
	later := t0.Add(time.Minute)
	st := Compute(p, Observation{Containers: []Container{running("a")}, StartTime: t0, Now: later})
	if got := Condition(st, corev1.PodReady).LastTransitionTime.Time; !got.Equal(t0) {
		t.Fatalf("unchanged Ready moved its transition time to %v", got)
	}
	p.Status = st
	st = Compute(p, Observation{Containers: []Container{exited("a", 0)}, StartTime: t0, Now: later})
	if got := Condition(st, corev1.PodReady).LastTransitionTime.Time; !got.Equal(later) {
		t.Fatalf("changed Ready kept old transition time %v", got)
	}
	if cs := st.ContainerStatuses[0]; cs.State.Terminated == nil || cs.State.Terminated.Reason != "Completed" || cs.Ready {
		t.Fatalf("container status %+v", cs)
	}
}

func TestExitReason(t *testing.T) {
	for code, want := range map[int32]string{0: "Completed", 1: "Error", 137: "Error"} {
		if got := ExitReason(code); got != want {
			t.Errorf("ExitReason(%d) = %q, want %q", code, got, want)
		}
	}
}
