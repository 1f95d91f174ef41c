//go:build e2e

package e2e

// Pod lifecycle rules of the node agent: deletion, deadlines, restarts, unknown images, and
// adoption of running pods by a restarted agent.

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

var pidLine = regexp.MustCompile(`pid=(\d+)`)

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	if err != nil {
		return false
	}
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	return err == nil && !strings.Contains(string(stat), ") Z ")
}

func TestDeletionKillsProcessGroupAfterGrace(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	cs := env.clients[cluster]
	// The shell ignores SIGTERM, so only the SIGKILL after the grace period ends it.
	// $$$$: Kubernetes turns $$ into $ before the shell sees it.
	createPod(t, cluster, shellPod(ns, "stubborn", `trap '' TERM; echo pid=$$$$; while true; do sleep 1; done`))
	waitPod(t, cluster, ns, "stubborn", 30*time.Second, "Ready", ready)
	var pid int
	waitFor(t, 10*time.Second, "pid in the log", func() (bool, error) {
		m := pidLine.FindStringSubmatch(podLog(t, cluster, ns, "stubborn", &corev1.PodLogOptions{}))
		if m != nil {
			pid, _ = strconv.Atoi(m[1])
		}
		return m != nil, nil
	})
	if !processAlive(pid) {
		t.Fatalf("process %d of the running pod is not alive", pid)
	}
	grace := int64(2)
	start := time.Now()
	if err := cs.CoreV1().Pods(ns).Delete(ctx, "stubborn", metav1.DeleteOptions{GracePeriodSeconds: &grace}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "pod removed", func() (bool, error) {
		_, err := cs.CoreV1().Pods(ns).Get(ctx, "stubborn", metav1.GetOptions{})
		return apierrors.IsNotFound(err), nil
	})
	took := time.Since(start)
	if processAlive(pid) {
		t.Fatalf("process %d survived the pod's deletion", pid)
	}
	if took < 2*time.Second {
		t.Errorf("pod removed after %s, before its 2s grace period: SIGTERM was not given time", took)
	}
	t.Logf("pod with a SIGTERM-ignoring process removed %.1fs after deletion (grace 2s)", took.Seconds())
}

func TestActiveDeadlineSecondsFailsPod(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	p := shellPod(ns, "too-slow", "sleep 120")
	d, g := int64(2), int64(1)
	p.Spec.ActiveDeadlineSeconds, p.Spec.TerminationGracePeriodSeconds = &d, &g
	createPod(t, cluster, p)
	p = waitPod(t, cluster, ns, "too-slow", 30*time.Second, "terminal", terminal)
	if p.Status.Phase != corev1.PodFailed || p.Status.Reason != "DeadlineExceeded" {
		t.Fatalf("phase %s reason %q, want Failed DeadlineExceeded", p.Status.Phase, p.Status.Reason)
	}
	if term := p.Status.ContainerStatuses[0].State.Terminated; term == nil || term.ExitCode != 143 {
		t.Errorf("container state %+v, want terminated by SIGTERM (143)", p.Status.ContainerStatuses[0].State)
	}
}

func TestUnknownImageFailsPodWithReason(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	p := shellPod(ns, "unknown", "")
	p.Spec.Containers[0].Image = "docker.io/library/busybox:1.36"
	createPod(t, cluster, p)
	p = waitPod(t, cluster, ns, "unknown", 30*time.Second, "terminal", terminal)
	if p.Status.Phase != corev1.PodFailed || p.Status.Reason != "ErrImageUnknown" ||
		!strings.Contains(p.Status.Message, `"docker.io/library/busybox:1.36"`) || !strings.Contains(p.Status.Message, "images.yaml") {
		t.Fatalf("phase %s reason %q message %q", p.Status.Phase, p.Status.Reason, p.Status.Message)
	}
}

func TestRestartPolicyOnFailureRestartsAndKeepsPreviousLog(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	p := shellPod(ns, "flaky", `if [ -f "$HOME/tried" ]; then echo second try; exit 0; fi; touch "$HOME/tried"; echo first try; exit 1`)
	p.Spec.RestartPolicy = corev1.RestartPolicyOnFailure
	createPod(t, cluster, p)
	p = waitPod(t, cluster, ns, "flaky", 60*time.Second, "terminal", terminal)
	cs := p.Status.ContainerStatuses[0]
	if p.Status.Phase != corev1.PodSucceeded || cs.RestartCount != 1 || cs.LastTerminationState.Terminated == nil || cs.LastTerminationState.Terminated.ExitCode != 1 {
		t.Fatalf("phase %s status %+v", p.Status.Phase, cs)
	}
	if got := podLog(t, cluster, ns, "flaky", &corev1.PodLogOptions{}); got != "second try\n" {
		t.Errorf("current log %q", got)
	}
	if got := podLog(t, cluster, ns, "flaky", &corev1.PodLogOptions{Previous: true}); got != "first try\n" {
		t.Errorf("previous log %q", got)
	}
}

func TestRestartedAgentAdoptsRunningPod(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	createPod(t, cluster, shellPod(ns, "survivor", "echo before; sleep 8; echo after; exit 0"))
	waitPod(t, cluster, ns, "survivor", 30*time.Second, "Ready", ready)
	pidData, err := os.ReadFile(filepath.Join(env.stateDir, cluster, "node-agent.pid"))
	if err != nil {
		t.Fatal(err)
	}
	agentPID, _ := strconv.Atoi(strings.TrimSpace(string(pidData)))
	// A crash, not an orderly stop: the agent cannot clean up anything.
	if err := syscall.Kill(agentPID, syscall.SIGKILL); err != nil {
		t.Fatalf("kill agent %d: %v", agentPID, err)
	}
	waitFor(t, 10*time.Second, "agent gone", func() (bool, error) { return !processAlive(agentPID), nil })
	if out, err := clustersCmd("start", cluster, "node-agent"); err != nil {
		t.Fatalf("clusters start %s node-agent: %v\n%s", cluster, err, out)
	}
	p := waitPod(t, cluster, ns, "survivor", 40*time.Second, "terminal", terminal)
	term := p.Status.ContainerStatuses[0].State.Terminated
	if p.Status.Phase != corev1.PodSucceeded || term == nil || term.ExitCode != 0 {
		t.Fatalf("adopted pod ended %s %+v, want Succeeded with exit 0", p.Status.Phase, term)
	}
	if got := podLog(t, cluster, ns, "survivor", &corev1.PodLogOptions{}); got != "before\nafter\n" {
		t.Errorf("log across the agent restart: %q", got)
	}
}

func TestOrderlyAgentStopStopsPodsAndSaysWhy(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	createPod(t, cluster, shellPod(ns, "interrupted", "echo pid=$$$$; exec sleep 300"))
	waitPod(t, cluster, ns, "interrupted", 30*time.Second, "Ready", ready)
	var pid int
	waitFor(t, 10*time.Second, "pid in the log", func() (bool, error) {
		m := pidLine.FindStringSubmatch(podLog(t, cluster, ns, "interrupted", &corev1.PodLogOptions{}))
		if m != nil {
			pid, _ = strconv.Atoi(m[1])
		}
		return m != nil, nil
	})
	if out, err := clustersCmd("stop", cluster, "node-agent"); err != nil {
		t.Fatalf("clusters stop: %v\n%s", err, out)
	}
	if processAlive(pid) {
		t.Errorf("process %d still runs after an orderly agent stop", pid)
	}
	if out, err := clustersCmd("start", cluster, "node-agent"); err != nil {
		t.Fatalf("clusters start: %v\n%s", err, out)
	}
	p := waitPod(t, cluster, ns, "interrupted", 30*time.Second, "terminal", terminal)
	term := p.Status.ContainerStatuses[0].State.Terminated
	if p.Status.Phase != corev1.PodFailed || term == nil || term.ExitCode != 143 || !strings.Contains(term.Message, "node agent shut down") {
		t.Fatalf("phase %s terminated %+v", p.Status.Phase, term)
	}
}

func TestPodStatusCatchesUpAfterAPIServerOutage(t *testing.T) {
	const cluster = "hub"
	ns := namespace(t, cluster)
	createPod(t, cluster, shellPod(ns, "through-outage", "sleep 3; echo done; exit 5"))
	waitPod(t, cluster, ns, "through-outage", 30*time.Second, "Ready", ready)
	if out, err := clustersCmd("stop", cluster, "apiserver"); err != nil {
		t.Fatalf("clusters stop apiserver: %v\n%s", err, out)
	}
	time.Sleep(5 * time.Second) // the process ends while nobody can be told
	if out, err := clustersCmd("start", cluster, "apiserver"); err != nil {
		t.Fatalf("clusters start apiserver: %v\n%s", err, out)
	}
	p := waitPod(t, cluster, ns, "through-outage", 60*time.Second, "terminal", terminal)
	term := p.Status.ContainerStatuses[0].State.Terminated
	if p.Status.Phase != corev1.PodFailed || term == nil || term.ExitCode != 5 {
		t.Fatalf("phase %s terminated %+v, want Failed with exit 5", p.Status.Phase, term)
	}
}
