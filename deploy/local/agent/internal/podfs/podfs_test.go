package podfs

import (
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

func TestWords(t *testing.T) {
	l := Layout{Dir: "/s/pods/u1"}
	c := &corev1.Container{
		Name: "bench",
		VolumeMounts: []corev1.VolumeMount{
			{Name: "scratch", MountPath: "/tmp/work"},
			{Name: "kube-api-access-x", MountPath: "/var/run/secrets/kubernetes.io/serviceaccount"},
			{Name: "scratch", MountPath: "/tmp/work/nested", SubPath: "sub"},
		},
	}
	m := ForContainer(l, c)
	cases := []struct{ in, want string }{
		{"/dev/termination-log", "/s/pods/u1/containers/bench/termination-log"},
		{"--termination-log=/dev/termination-log", "--termination-log=/s/pods/u1/containers/bench/termination-log"},
		{"/tmp/work", "/s/pods/u1/volumes/scratch"},
		{"/tmp/work/a/b.txt", "/s/pods/u1/volumes/scratch/a/b.txt"},
		{"/tmp/work/nested/x", "/s/pods/u1/volumes/scratch/sub/x"},
		{"/tmp/workers", "/tmp/workers"}, // a prefix of the name is not a parent directory
		{"/var/run/secrets/kubernetes.io/serviceaccount/token", "/s/pods/u1/volumes/kube-api-access-x/token"},
		{"relative/path", "relative/path"},
		{"--suite", "--suite"},
		{"GOMEMLIMIT=100MiB", "GOMEMLIMIT=100MiB"},
	}
	for _, cs := range cases {
		if got := m.Word(cs.in); got != cs.want {
			t.Errorf("Word(%q) = %q, want %q", cs.in, got, cs.want)
		}
	}
	if got := m.Words([]string{"run", "/tmp/work/f"}); !reflect.DeepEqual(got, []string{"run", "/s/pods/u1/volumes/scratch/f"}) {
		t.Errorf("Words: %q", got)
	}
}

func TestCustomTerminationMessagePath(t *testing.T) {
	m := ForContainer(Layout{Dir: "/p"}, &corev1.Container{Name: "c", TerminationMessagePath: "/out/msg"})
	if got, ok := m.HostPath("/out/msg"); !ok || got != "/p/containers/c/termination-log" {
		t.Fatalf("got %q %v", got, ok)
	}
	if _, ok := m.HostPath("/dev/termination-log"); ok {
		t.Fatal("default path must not be mapped when a custom one is set")
	}
}
