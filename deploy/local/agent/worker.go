package main

// One worker goroutine owns each pod bound to this agent's nodes: it prepares the pod directory,
// starts a supervisor per container, watches the runs, enforces restartPolicy and
// activeDeadlineSeconds, writes the pod's status, and on deletion stops the processes (SIGTERM,
// grace period, SIGKILL) before removing the pod with grace period 0.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/retry"

	"mapbench.io/local/agent/internal/crilog"
	"mapbench.io/local/agent/internal/emulation"
	"mapbench.io/local/agent/internal/imagemap"
	"mapbench.io/local/agent/internal/podenv"
	"mapbench.io/local/agent/internal/podfs"
	"mapbench.io/local/agent/internal/podstatus"
)

const (
	maxTerminationMessage = 4096
	fallbackLogLines      = 80
	fallbackLogBytes      = 2048
	maxRestartBackoff     = 30 * time.Second
)

type container struct {
	spec    corev1.Container
	argv    []string
	env     []string
	workDir string
	imageID string

	restart       int32
	state         *RunState // the current run, from its state file
	supervisorPID int       // set when this agent started the current run
	// supervisorDone is closed when a supervisor this agent started has exited (nil when adopted).
	supervisorDone chan struct{}
	lost           string // why the current run's fate is unknown, if it is
	lastTerm       *corev1.ContainerStateTerminated
	terminated     *corev1.ContainerStateTerminated // final state of the current run
	nextStart      time.Time                        // a restart is due then (OnFailure/Always)
	waiting        *corev1.ContainerStateWaiting
}

type worker struct {
	a      *Agent
	layout podfs.Layout
	id     string // namespace/name (uid), for logs

	mu         sync.Mutex
	pod        *corev1.Pod
	gone       bool
	containers map[string]*container

	wake      chan struct{}
	failure   *podstatus.Failure
	startTime time.Time
	vols      *volumeSetup
	written   *corev1.PodStatus
	lastErr   string // last status update error, to log it once rather than every tick
	lastErrAt time.Time
	finished  bool // terminal: nothing more is started
}

func newWorker(a *Agent, pod *corev1.Pod) *worker {
	return &worker{a: a, pod: pod, id: fmt.Sprintf("%s/%s (%s)", pod.Namespace, pod.Name, pod.UID), layout: podfs.Layout{Dir: filepath.Join(a.stateDir, "pods", string(pod.UID))},
		containers: map[string]*container{}, wake: make(chan struct{}, 1)}
}

func (w *worker) update(pod *corev1.Pod, gone bool) {
	w.mu.Lock()
	if pod != nil {
		w.pod = pod
	}
	w.gone = w.gone || gone
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *worker) latest() (*corev1.Pod, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.pod, w.gone
}

// logf must not take w.mu: it is called while holding it.
func (w *worker) logf(format string, args ...any) {
	log.Printf("pod %s: %s", w.id, fmt.Sprintf(format, args...))
}

func isTerminal(p *corev1.Pod) bool {
	return p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed
}

func (w *worker) run(ctx context.Context) {
	pod, _ := w.latest()
	_, statErr := os.Stat(w.layout.Dir)
	haveDir := statErr == nil
	switch {
	case isTerminal(pod):
		// Finished before this agent started: only its logs (if still on disk) are served.
		w.finished = true
		w.loadRecords(pod)
	case !haveDir && pod.Status.Phase == corev1.PodRunning:
		w.startTime = time.Now()
		w.loadRecords(pod)
		w.failure = &podstatus.Failure{Reason: "ContainerStatusUnknown",
			Message: "the node agent has no record of this pod's processes (its pod directory is gone); how they ended is unknown"}
		w.logf("lost: running in the API but no pod directory; marking Failed")
	default:
		w.prepare(ctx, pod, haveDir)
	}
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		if w.step(ctx) {
			w.a.forget(w)
			return
		}
		select {
		case <-ctx.Done():
			// The agent is shutting down; it stops (or keeps) the processes itself.
			return
		case <-w.wake:
		case <-tick.C:
		}
	}
}

// loadRecords fills container records from state files left on disk (for logs and adoption).
func (w *worker) loadRecords(pod *corev1.Pod) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, sc := range pod.Spec.Containers {
		c := &container{spec: sc}
		for r := int32(0); ; r++ {
			if _, err := os.Stat(w.layout.StateFile(sc.Name, r)); err != nil {
				break
			}
			c.restart = r
		}
		c.state, _ = readRunState(w.layout.StateFile(sc.Name, c.restart))
		if c.state == nil && !isTerminal(pod) {
			c.lost = "no record of this container's process"
		}
		w.containers[sc.Name] = c
	}
}

func (w *worker) fail(reason, format string, args ...any) {
	w.failure = &podstatus.Failure{Reason: reason, Message: fmt.Sprintf(format, args...)}
	w.logf("failed: %s: %s", reason, w.failure.Message)
}

// prepare lays out the pod directory, resolves every container and starts (or adopts) them.
func (w *worker) prepare(ctx context.Context, pod *corev1.Pod, adopt bool) {
	w.startTime = time.Now()
	if pod.Status.StartTime != nil {
		w.startTime = pod.Status.StartTime.Time
	}
	for _, d := range []string{w.layout.Dir, w.layout.Home(), filepath.Join(w.layout.Dir, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			w.fail("CreatePodDirectoryFailed", "%v", err)
			return
		}
	}
	if data, err := json.MarshalIndent(pod, "", "  "); err == nil {
		os.WriteFile(filepath.Join(w.layout.Dir, "pod.json"), data, 0o644)
	}
	if adopt {
		w.loadRecords(pod)
	}
	if len(pod.Spec.InitContainers) > 0 {
		w.fail("InitContainersUnsupported", "the local node agent does not run initContainers (%d in this pod)", len(pod.Spec.InitContainers))
		return
	}
	w.vols = &volumeSetup{cs: w.a.cs, pod: pod, layout: w.layout, caData: w.a.caData}
	if err := w.vols.all(ctx); err != nil {
		w.fail("VolumeSetupFailed", "%v", err)
		return
	}
	node := w.a.nodes[pod.Spec.NodeName]
	for _, sc := range pod.Spec.Containers {
		c, err := w.resolve(pod, sc, node.Arch)
		if err != nil {
			reason := "CreateContainerConfigError"
			switch {
			case errors.Is(err, imagemap.ErrUnknownImage):
				reason = "ErrImageUnknown"
			case errors.Is(err, errNotBuilt):
				reason = "ErrImageNotBuilt"
			case errors.Is(err, emulation.ErrNoEmulator):
				reason = "EmulatorMissing"
			}
			w.fail(reason, "container %s: %v", sc.Name, err)
			return
		}
		w.mu.Lock()
		if old := w.containers[sc.Name]; old != nil {
			// Adopted: keep what the previous agent started.
			c.restart, c.state, c.lost = old.restart, old.state, old.lost
			if c.state != nil && !c.state.Exited && !supervisorAlive(c.state.SupervisorPID, w.layout.StateFile(sc.Name, c.restart)) {
				c.lost = "its supervisor process is gone without recording an exit (the node agent restarted and the process died with it)"
			}
			if c.state == nil {
				c.lost = ""
				if pod.Status.Phase == corev1.PodRunning {
					c.lost = "no record of this container's process"
				}
			}
			if c.lost == "" {
				w.logf("adopted container %s (run %d, pid %d)", sc.Name, c.restart, c.state.PID)
			} else {
				w.logf("container %s: %s", sc.Name, c.lost)
			}
		}
		w.containers[sc.Name] = c
		w.mu.Unlock()
		if c.state == nil && c.lost == "" {
			// New, or the previous agent stopped before starting it (the pod was still Pending).
			w.start(c)
		}
	}
}

var errNotBuilt = errors.New("image not built")

// resolve maps a container to its process: argv, environment, working directory.
func (w *worker) resolve(pod *corev1.Pod, sc corev1.Container, arch string) (*container, error) {
	a := w.a
	res, err := a.images.Resolve(sc.Image, imagemap.Vars{Repo: a.repoRoot, Arch: arch, AgentDir: a.agentDir})
	if err != nil {
		return nil, err
	}
	mounts := podfs.ForContainer(w.layout, &sc)
	os.MkdirAll(w.layout.ContainerDir(sc.Name), 0o755)
	// The termination message file exists (empty) from the start, as in a container.
	os.WriteFile(w.layout.TerminationLog(sc.Name), nil, 0o644)
	base := []podenv.Var{
		{Name: "PATH", Value: os.Getenv("PATH")},
		{Name: "HOME", Value: w.layout.Home()},
		{Name: "TMPDIR", Value: filepath.Join(w.layout.Dir, "tmp")},
		{Name: "HOSTNAME", Value: pod.Name},
		{Name: "MAPBENCH_POD_DIR", Value: w.layout.Dir},
		{Name: "MAPBENCH_TERMINATION_LOG", Value: w.layout.TerminationLog(sc.Name)},
		{Name: "KUBERNETES_SERVICE_HOST", Value: a.apiHost},
		{Name: "KUBERNETES_SERVICE_PORT", Value: a.apiPort},
		{Name: "KUBERNETES_SERVICE_PORT_HTTPS", Value: a.apiPort},
		{Name: "KUBERNETES_PORT", Value: "tcp://" + a.apiHost + ":" + a.apiPort},
	}
	if jh := os.Getenv("JAVA_HOME"); jh != "" {
		base = append(base, podenv.Var{Name: "JAVA_HOME", Value: jh})
	}
	saEnv, err := serviceAccountEnv(mounts, w.layout, a.apiServer)
	if err != nil {
		return nil, err
	}
	for _, kv := range saEnv {
		base = append(base, podenv.Var{Name: kv[0], Value: kv[1]})
	}
	vars, values, err := podenv.Build(podenv.Input{Pod: pod, Container: &sc, Allocatable: a.allocatable(pod.Spec.NodeName),
		HostIP: HostIP, Base: base, Lookup: apiLookup{a.cs}})
	if err != nil {
		return nil, err
	}
	// Only the container's own words name container paths; the image's entrypoint is a host path
	// from images.yaml and must stay as it is even when the checkout lies under a mount path
	// such as /tmp.
	argv, err := res.Argv(sc.Image, mounts.Words(podenv.ExpandAll(sc.Command, values)), mounts.Words(podenv.ExpandAll(sc.Args, values)))
	if err != nil {
		return nil, err
	}
	program, err := exec.LookPath(argv[0])
	if err != nil {
		if len(sc.Command) == 0 {
			return nil, fmt.Errorf("%w: image %q maps to %s (rule %s in %s), which is not there: build it first",
				errNotBuilt, sc.Image, argv[0], res.Rule.Name, a.imagesPath)
		}
		return nil, fmt.Errorf("command %q: %v", argv[0], err)
	}
	argv[0] = program
	argv, emulated, err := emulation.Plan(argv, program, a.hostArch, emulation.LookPath)
	if err != nil {
		return nil, err
	}
	env := make([]string, 0, len(vars)+1)
	for i, v := range vars {
		value := v.Value
		if i >= len(base) { // the agent's own variables already hold host paths
			value = mounts.Word(value)
		}
		env = append(env, v.Name+"="+value)
	}
	if emulated {
		env = append(env, emulation.EnvVar+"="+emulation.EnvValue)
	}
	workDir := w.layout.Home()
	if sc.WorkingDir != "" {
		if hp, ok := mounts.HostPath(sc.WorkingDir); ok {
			workDir = hp
		} else {
			workDir = sc.WorkingDir
		}
	}
	return &container{spec: sc, argv: argv, env: env, workDir: workDir,
		imageID: fmt.Sprintf("images.yaml#%s:%s", res.Rule.Name, program)}, nil
}

// start launches a supervisor for the container's current run.
func (w *worker) start(c *container) {
	stateFile := w.layout.StateFile(c.spec.Name, c.restart)
	os.Remove(stateFile)
	args := append([]string{"supervise", "--state", stateFile, "--log", w.layout.LogFile(c.spec.Name, c.restart), "--dir", c.workDir, "--"}, c.argv...)
	cmd := exec.Command(w.a.selfExe, args...)
	cmd.Env = c.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if f, err := os.OpenFile(filepath.Join(w.layout.ContainerDir(c.spec.Name), "supervisor.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err == nil {
		cmd.Stdout, cmd.Stderr = f, f
		defer f.Close()
	}
	if err := cmd.Start(); err != nil {
		c.lost = "cannot start supervisor: " + err.Error()
		return
	}
	c.supervisorPID = cmd.Process.Pid
	c.state, c.lost, c.terminated, c.waiting = nil, "", nil, nil
	done := make(chan struct{})
	c.supervisorDone = done
	w.logf("started container %s run %d: %q", c.spec.Name, c.restart, c.argv)
	go func() {
		cmd.Wait() // reap the supervisor; the container's exit is read from the state file
		close(done)
	}()
}

// poll refreshes a container's run from its state file and decides about restarts.
func (w *worker) poll(pod *corev1.Pod, c *container, now time.Time) {
	if c.terminated != nil {
		if !c.nextStart.IsZero() && !now.Before(c.nextStart) && !w.finished && w.failure == nil {
			c.lastTerm, c.terminated = c.terminated, nil
			c.restart++
			c.nextStart = time.Time{}
			w.start(c)
		}
		return
	}
	stateFile := w.layout.StateFile(c.spec.Name, c.restart)
	if c.lost == "" {
		if s, err := readRunState(stateFile); err == nil {
			c.state = s
		}
		if (c.state == nil || !c.state.Exited) && !c.supervisorRunning(stateFile) {
			// Re-read once: the supervisor may have written its exit just before ending.
			if s, err := readRunState(stateFile); err == nil && s.Exited {
				c.state = s
			} else {
				c.lost = "its supervisor process ended without recording an exit"
			}
		}
	}
	switch {
	case c.lost != "":
		started := w.startTime
		if c.state != nil {
			started = c.state.StartedAt
		}
		c.terminated = &corev1.ContainerStateTerminated{ExitCode: 137, Reason: "ContainerStatusUnknown",
			Message: "The node agent lost track of this container: " + c.lost, StartedAt: metav1.NewTime(started), FinishedAt: metav1.NewTime(now)}
	case c.state != nil && c.state.Exited:
		reason := podstatus.ExitReason(c.state.ExitCode)
		if c.state.StartError != "" {
			reason = "StartError"
		}
		c.terminated = &corev1.ContainerStateTerminated{ExitCode: c.state.ExitCode, Signal: c.state.Signal, Reason: reason,
			Message:   w.terminationMessage(c),
			StartedAt: metav1.NewTime(c.state.StartedAt), FinishedAt: metav1.NewTime(c.state.FinishedAt),
			ContainerID: w.containerID(c)}
	default:
		return
	}
	w.logf("container %s run %d terminated: exit %d (%s)", c.spec.Name, c.restart, c.terminated.ExitCode, c.terminated.Reason)
	policy := pod.Spec.RestartPolicy
	if policy == corev1.RestartPolicyAlways || (policy == corev1.RestartPolicyOnFailure && c.terminated.ExitCode != 0) {
		backoff := time.Second << min(c.restart, 5)
		if backoff > maxRestartBackoff {
			backoff = maxRestartBackoff
		}
		c.nextStart = now.Add(backoff)
		c.waiting = &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff",
			Message: fmt.Sprintf("back-off %s restarting container %s (restartPolicy %s)", backoff, c.spec.Name, policy)}
	}
}

func (w *worker) containerID(c *container) string {
	return fmt.Sprintf("mapbench-agent://%s/%s/%d", filepath.Base(w.layout.Dir), c.spec.Name, c.restart)
}

// terminationMessage reads the container's termination message file; with
// FallbackToLogsOnError an empty file on failure gives the end of the log instead.
func (w *worker) terminationMessage(c *container) string {
	data, _ := os.ReadFile(w.layout.TerminationLog(c.spec.Name))
	if len(data) > maxTerminationMessage {
		data = data[:maxTerminationMessage]
	}
	msg := string(data)
	if msg == "" && fileExists(filepath.Join(w.layout.Dir, agentStoppedMarker)) {
		return "stopped when the node agent shut down (deploy/local/clusters down or stop node-agent)"
	}
	if msg == "" && c.state != nil && c.state.StartError != "" {
		return c.state.StartError
	}
	if msg == "" && c.spec.TerminationMessagePolicy == corev1.TerminationMessageFallbackToLogsOnError && c.state != nil && c.state.ExitCode != 0 {
		msg, _ = crilog.Tail(w.layout.LogFile(c.spec.Name, c.restart), fallbackLogLines, fallbackLogBytes)
	}
	return msg
}

// signalAll sends sig to the process group of every running container.
func (w *worker) signalAll(sig syscall.Signal) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, c := range w.containers {
		if c.terminated == nil && c.state != nil && !c.state.Exited && c.state.PID > 0 {
			syscall.Kill(-c.state.PID, sig)
		}
	}
}

func (w *worker) allExited(pod *corev1.Pod, now time.Time) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	all := true
	for _, c := range w.containers {
		w.poll(pod, c, now)
		if c.terminated == nil && (c.state != nil || c.supervisorPID != 0) {
			all = false
		}
	}
	return all
}

// stop kills all containers: SIGTERM, then SIGKILL after grace.
func (w *worker) stop(pod *corev1.Pod, grace time.Duration) {
	w.mu.Lock()
	w.finished = true // no restarts while stopping
	w.mu.Unlock()
	w.signalAll(syscall.SIGTERM)
	deadline := time.Now().Add(grace)
	for !w.allExited(pod, time.Now()) {
		if time.Now().After(deadline) {
			w.signalAll(syscall.SIGKILL)
			deadline = time.Now().Add(time.Hour)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// step does one round of work; it returns true when the worker is done.
func (w *worker) step(ctx context.Context) bool {
	pod, gone := w.latest()
	now := time.Now()
	if gone {
		// Deleted without waiting for us (grace period 0 or node-side force): kill at once.
		w.stop(pod, 0)
		os.RemoveAll(w.layout.Dir)
		w.logf("removed from the API; processes killed, pod directory removed")
		return true
	}
	if pod.DeletionTimestamp != nil {
		grace := 30 * time.Second
		if pod.DeletionGracePeriodSeconds != nil {
			grace = time.Duration(*pod.DeletionGracePeriodSeconds) * time.Second
		}
		w.logf("deletion requested: stopping with grace period %s", grace)
		w.stop(pod, grace)
		w.writeStatus(ctx)
		zero := int64(0)
		err := w.a.cs.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name,
			metav1.DeleteOptions{GracePeriodSeconds: &zero, Preconditions: metav1.NewUIDPreconditions(string(pod.UID))})
		if err != nil && !apierrors.IsNotFound(err) && !apierrors.IsConflict(err) {
			w.logf("delete: %v (will retry)", err)
			return false
		}
		os.RemoveAll(w.layout.Dir)
		return true
	}
	if w.finished {
		return false
	}
	if d := pod.Spec.ActiveDeadlineSeconds; d != nil && w.failure == nil && now.Sub(w.startTime) > time.Duration(*d)*time.Second {
		w.fail("DeadlineExceeded", "Pod was active on the node longer than the specified deadline (activeDeadlineSeconds %d)", *d)
		grace := int64(30)
		if pod.Spec.TerminationGracePeriodSeconds != nil {
			grace = *pod.Spec.TerminationGracePeriodSeconds
		}
		w.stop(pod, time.Duration(grace)*time.Second)
	}
	if w.failure != nil {
		w.stop(pod, 0)
	}
	w.mu.Lock()
	for _, c := range w.containers {
		w.poll(pod, c, now)
	}
	w.mu.Unlock()
	if w.vols != nil {
		if err := w.vols.refreshDue(ctx); err != nil {
			w.logf("token refresh: %v", err)
		}
	}
	st := w.writeStatus(ctx)
	if st != nil && (st.Phase == corev1.PodSucceeded || st.Phase == corev1.PodFailed) {
		w.finished = true
		w.logf("finished: %s %s", st.Phase, st.Reason)
	}
	return false
}

func (w *worker) observation(now time.Time) podstatus.Observation {
	w.mu.Lock()
	defer w.mu.Unlock()
	obs := podstatus.Observation{Failure: w.failure, StartTime: w.startTime, HostIP: HostIP, Now: now}
	for _, c := range w.containers {
		pc := podstatus.Container{Name: c.spec.Name, ImageID: c.imageID, RestartCount: c.restart, LastTerminated: c.lastTerm}
		switch {
		case c.waiting != nil && c.terminated != nil && !c.nextStart.IsZero():
			pc.Waiting = c.waiting
			pc.LastTerminated = c.terminated
		case c.terminated != nil:
			pc.Terminated = c.terminated
			pc.ContainerID = c.terminated.ContainerID
		case c.state != nil && !c.state.Exited:
			pc.Running = &corev1.ContainerStateRunning{StartedAt: metav1.NewTime(c.state.StartedAt)}
			pc.ContainerID = w.containerID(c)
		}
		obs.Containers = append(obs.Containers, pc)
	}
	return obs
}

// writeStatus computes the status and writes it when it changed; it returns what is in the API.
func (w *worker) writeStatus(ctx context.Context) *corev1.PodStatus {
	pod, _ := w.latest()
	now := time.Now().Truncate(time.Second)
	obs := w.observation(now)
	st := podstatus.Compute(pod, obs)
	if w.written != nil && apiequality.Semantic.DeepEqual(*w.written, st) {
		return w.written
	}
	err := retry.RetryOnConflict(retry.DefaultBackoff, func() error {
		p := pod.DeepCopy()
		p.Status = st
		_, err := w.a.cs.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, p, metav1.UpdateOptions{})
		if apierrors.IsConflict(err) {
			if fresh, gerr := w.a.cs.CoreV1().Pods(pod.Namespace).Get(ctx, pod.Name, metav1.GetOptions{}); gerr == nil {
				pod = fresh
				st = podstatus.Compute(pod, obs)
			}
		}
		return err
	})
	if err != nil {
		// Retried every tick; while the API server is down (a fault test) say so every 30 s only.
		if !apierrors.IsNotFound(err) && (err.Error() != w.lastErr || time.Since(w.lastErrAt) > 30*time.Second) {
			w.logf("status update: %v", err)
			w.lastErr, w.lastErrAt = err.Error(), time.Now()
		}
		return nil
	}
	w.lastErr = ""
	w.written = &st
	return &st
}

// logFile names the log of a container's current or previous run for the log endpoint.
func (w *worker) logFile(name string, previous bool) (path string, done func() bool, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c, ok := w.containers[name]
	if !ok {
		return "", nil, fmt.Errorf("container %q is not running on this node; its log is not available yet", name)
	}
	r := c.restart
	if previous {
		if r == 0 {
			return "", nil, fmt.Errorf("previous terminated container %q in pod %q not found", name, w.pod.Name)
		}
		r--
	}
	stateFile := w.layout.StateFile(name, r)
	done = func() bool {
		_, gone := w.latest()
		s, err := readRunState(stateFile)
		return gone || err != nil || s.Exited
	}
	return w.layout.LogFile(name, r), done, nil
}

// agentStoppedMarker in a pod directory records that the agent itself stopped the pod's
// processes on shutdown, so the next agent can say why they ended.
const agentStoppedMarker = "stopped-by-agent"

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// stopForShutdown stops the pod's running processes when the agent shuts down.
func (w *worker) stopForShutdown(grace time.Duration) {
	pod, _ := w.latest()
	w.mu.Lock()
	running := false
	for _, c := range w.containers {
		if c.terminated == nil && c.state != nil && !c.state.Exited {
			running = true
		}
	}
	w.mu.Unlock()
	if !running {
		return
	}
	os.WriteFile(filepath.Join(w.layout.Dir, agentStoppedMarker), nil, 0o644)
	w.logf("agent shutting down: stopping its processes")
	w.stop(pod, grace)
}

// supervisorRunning tells whether the current run's supervisor is still alive: by its Wait when
// this agent started it (its command line is not yet its own right after fork), else by /proc.
func (c *container) supervisorRunning(stateFile string) bool {
	if c.supervisorDone != nil {
		select {
		case <-c.supervisorDone:
			return false
		default:
			return true
		}
	}
	if c.state == nil {
		return false
	}
	return supervisorAlive(c.state.SupervisorPID, stateFile)
}
