// Package podfs lays out a pod's directory and translates container paths into it.
//
// Pods run as plain host processes without a mount namespace, so a path the pod spec names inside
// "the container" (a volume's mountPath, terminationMessagePath, the service-account directory)
// is mapped onto the pod directory by path prefix substitution: the longest mount path that is
// the path itself or a parent of it is replaced by its host directory. The agent applies the
// substitution to command, args and env values (whole words, and the value after `--flag=`), and
// tells the process its pod directory in MAPBENCH_POD_DIR and its termination message file in
// MAPBENCH_TERMINATION_LOG for paths a program uses by default (not named in args or env).
//
// Layout of .local/clusters/<cluster>/pods/<uid>/:
//
//	pod.json                                  the pod as the agent last saw it (for humans)
//	volumes/<volume>/                         emptyDir, configMap, secret, projected, downwardAPI
//	containers/<name>/termination-log         terminationMessagePath
//	containers/<name>/<restart>.log           output in the CRI log format (see crilog)
//	containers/<name>/<restart>.state.json    supervisor pid, process group, exit record
//	home/                                     HOME of the processes
package podfs

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// DefaultTerminationMessagePath is the Kubernetes default for terminationMessagePath.
const DefaultTerminationMessagePath = "/dev/termination-log"

// Layout names the host paths of one pod.
type Layout struct{ Dir string }

// VolumeDir is the host directory backing a volume.
func (l Layout) VolumeDir(volume string) string { return filepath.Join(l.Dir, "volumes", volume) }

// ContainerDir holds a container's logs, state and termination message.
func (l Layout) ContainerDir(container string) string {
	return filepath.Join(l.Dir, "containers", container)
}

// TerminationLog is where a container's terminationMessagePath lands on the host.
func (l Layout) TerminationLog(container string) string {
	return filepath.Join(l.ContainerDir(container), "termination-log")
}

// LogFile is the output of one run (restart number) of a container.
func (l Layout) LogFile(container string, restart int32) string {
	return filepath.Join(l.ContainerDir(container), fmt.Sprintf("%d.log", restart))
}

// StateFile records the supervisor and exit of one run of a container.
func (l Layout) StateFile(container string, restart int32) string {
	return filepath.Join(l.ContainerDir(container), fmt.Sprintf("%d.state.json", restart))
}

// Home is the HOME directory given to the pod's processes.
func (l Layout) Home() string { return filepath.Join(l.Dir, "home") }

type mount struct{ inContainer, onHost string }

// Mounts is the translation table of one container.
type Mounts struct{ list []mount }

// ForContainer builds the table for a container: its volumeMounts (with subPath) and its
// termination message file.
func ForContainer(l Layout, c *corev1.Container) *Mounts {
	m := &Mounts{}
	for _, vm := range c.VolumeMounts {
		host := l.VolumeDir(vm.Name)
		if vm.SubPath != "" {
			host = filepath.Join(host, filepath.Clean("/"+vm.SubPath))
		}
		m.list = append(m.list, mount{filepath.Clean(vm.MountPath), host})
	}
	tp := c.TerminationMessagePath
	if tp == "" {
		tp = DefaultTerminationMessagePath
	}
	m.list = append(m.list, mount{filepath.Clean(tp), l.TerminationLog(c.Name)})
	// Longest first, so a mount nested inside another wins.
	sort.SliceStable(m.list, func(i, j int) bool { return len(m.list[i].inContainer) > len(m.list[j].inContainer) })
	return m
}

// HostPath translates an absolute container path; ok is false when no mount covers it (the path
// is then used as it is, i.e. the host's file).
func (m *Mounts) HostPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") {
		return p, false
	}
	clean := filepath.Clean(p)
	for _, mt := range m.list {
		if clean == mt.inContainer {
			return mt.onHost, true
		}
		if strings.HasPrefix(clean, mt.inContainer+"/") || mt.inContainer == "/" {
			return filepath.Join(mt.onHost, strings.TrimPrefix(clean, mt.inContainer)), true
		}
	}
	return p, false
}

// Word translates one command-line word or env value: a path, or `--flag=path` / `key=path`.
func (m *Mounts) Word(w string) string {
	if hp, ok := m.HostPath(w); ok {
		return hp
	}
	if i := strings.Index(w, "="); i > 0 {
		if hp, ok := m.HostPath(w[i+1:]); ok {
			return w[:i+1] + hp
		}
	}
	return w
}

// Words translates every word of a list.
func (m *Mounts) Words(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = m.Word(w)
	}
	return out
}
