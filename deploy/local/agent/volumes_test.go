package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"mapbench.io/local/agent/internal/podfs"
)

func TestServiceAccountEnv(t *testing.T) {
	l := podfs.Layout{Dir: t.TempDir()}
	sa := l.VolumeDir("kube-api-access-abcde")
	os.MkdirAll(sa, 0o755)
	os.WriteFile(filepath.Join(sa, "namespace"), []byte("team-a"), 0o644)

	withMount := podfs.ForContainer(l, &corev1.Container{Name: "c", VolumeMounts: []corev1.VolumeMount{
		{Name: "kube-api-access-abcde", MountPath: ServiceAccountMountPath, ReadOnly: true}}})
	vars, err := serviceAccountEnv(withMount, l, "https://127.0.0.1:6443")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, kv := range vars {
		got[kv[0]] = kv[1]
	}
	want := map[string]string{
		"KUBERNETES_AUTH_TRYKUBECONFIG":        "false",
		"KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN": filepath.Join(sa, "token"),
		"KUBERNETES_CERTS_CA_FILE":             filepath.Join(sa, "ca.crt"),
		"KUBENAMESPACE":                        filepath.Join(sa, "namespace"),
		"KUBECONFIG":                           filepath.Join(l.Dir, "serviceaccount.kubeconfig"),
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	kc, _ := os.ReadFile(got["KUBECONFIG"])
	for _, s := range []string{"server: https://127.0.0.1:6443", "tokenFile: " + filepath.Join(sa, "token"), `namespace: "team-a"`} {
		if !strings.Contains(string(kc), s) {
			t.Errorf("kubeconfig lacks %q:\n%s", s, kc)
		}
	}

	without := podfs.ForContainer(l, &corev1.Container{Name: "c"})
	if vars, err := serviceAccountEnv(without, l, "https://127.0.0.1:6443"); err != nil || len(vars) != 0 {
		t.Errorf("no service-account mount must give no variables, got %v %v", vars, err)
	}
}
