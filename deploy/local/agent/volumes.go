package main

// Volumes become directories under the pod directory (see internal/podfs). Supported: emptyDir,
// configMap, secret, downwardAPI and projected (serviceAccountToken, configMap, secret,
// downwardAPI) — the projected kind is what the ServiceAccount admission plugin adds as
// kube-api-access-*, so service-account credentials arrive through the same code path.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"mapbench.io/local/agent/internal/podfs"
)

// ServiceAccountMountPath is where Kubernetes mounts service-account credentials.
const ServiceAccountMountPath = "/var/run/secrets/kubernetes.io/serviceaccount"

// tokenFile is a projected service-account token the agent must refresh.
type tokenFile struct {
	path     string
	audience string
	expSecs  int64
	issued   time.Time
	expires  time.Time
}

type volumeSetup struct {
	cs     kubernetes.Interface
	pod    *corev1.Pod
	layout podfs.Layout
	caData []byte // the API server CA, when kube-root-ca.crt is not yet published
	tokens []*tokenFile
}

func (v *volumeSetup) all(ctx context.Context) error {
	for _, vol := range v.pod.Spec.Volumes {
		dir := v.layout.VolumeDir(vol.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		var err error
		switch {
		case vol.EmptyDir != nil:
		case vol.ConfigMap != nil:
			err = v.configMap(ctx, dir, vol.ConfigMap.Name, vol.ConfigMap.Items, vol.ConfigMap.Optional)
		case vol.Secret != nil:
			err = v.secret(ctx, dir, vol.Secret.SecretName, vol.Secret.Items, vol.Secret.Optional)
		case vol.DownwardAPI != nil:
			err = v.downward(dir, vol.DownwardAPI.Items)
		case vol.Projected != nil:
			for _, src := range vol.Projected.Sources {
				switch {
				case src.ServiceAccountToken != nil:
					err = v.token(ctx, dir, src.ServiceAccountToken)
				case src.ConfigMap != nil:
					err = v.configMap(ctx, dir, src.ConfigMap.Name, src.ConfigMap.Items, src.ConfigMap.Optional)
				case src.Secret != nil:
					err = v.secret(ctx, dir, src.Secret.Name, src.Secret.Items, src.Secret.Optional)
				case src.DownwardAPI != nil:
					err = v.downward(dir, src.DownwardAPI.Items)
				default:
					err = fmt.Errorf("projected source is not supported by the local node agent; supported: serviceAccountToken, configMap, secret, downwardAPI")
				}
				if err != nil {
					break
				}
			}
		default:
			err = fmt.Errorf("volume type is not supported by the local node agent; supported: emptyDir, configMap, secret, downwardAPI, projected")
		}
		if err != nil {
			return fmt.Errorf("volume %q: %w", vol.Name, err)
		}
	}
	return nil
}

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.Clean("/"+name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

func writeItems(dir string, data map[string][]byte, items []corev1.KeyToPath, source string) error {
	if len(items) == 0 {
		for k, v := range data {
			if err := writeFile(dir, k, v); err != nil {
				return err
			}
		}
		return nil
	}
	for _, it := range items {
		v, ok := data[it.Key]
		if !ok {
			return fmt.Errorf("%s has no key %q", source, it.Key)
		}
		if err := writeFile(dir, it.Path, v); err != nil {
			return err
		}
	}
	return nil
}

func (v *volumeSetup) configMap(ctx context.Context, dir, name string, items []corev1.KeyToPath, optional *bool) error {
	cm, err := v.cs.CoreV1().ConfigMaps(v.pod.Namespace).Get(ctx, name, metav1.GetOptions{})
	if err != nil && name == "kube-root-ca.crt" && len(v.caData) > 0 {
		// The root-ca-cert-publisher controller may not have run yet in a fresh namespace.
		return writeFile(dir, "ca.crt", v.caData)
	}
	if err != nil {
		if optional != nil && *optional {
			return nil
		}
		return fmt.Errorf("configMap %q: %v", name, err)
	}
	data := map[string][]byte{}
	for k, s := range cm.Data {
		data[k] = []byte(s)
	}
	for k, b := range cm.BinaryData {
		data[k] = b
	}
	return writeItems(dir, data, items, "configMap "+name)
}

func (v *volumeSetup) secret(ctx context.Context, dir, name string, items []corev1.KeyToPath, optional *bool) error {
	s, err := v.cs.CoreV1().Secrets(v.pod.Namespace).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		if optional != nil && *optional {
			return nil
		}
		return fmt.Errorf("secret %q: %v", name, err)
	}
	return writeItems(dir, s.Data, items, "secret "+name)
}

func (v *volumeSetup) downward(dir string, items []corev1.DownwardAPIVolumeFile) error {
	for _, it := range items {
		if it.FieldRef == nil {
			return fmt.Errorf("downwardAPI %q: only fieldRef items are supported", it.Path)
		}
		var val string
		switch p := it.FieldRef.FieldPath; {
		case p == "metadata.namespace":
			val = v.pod.Namespace
		case p == "metadata.name":
			val = v.pod.Name
		case p == "metadata.uid":
			val = string(v.pod.UID)
		case p == "metadata.labels":
			val = formatMap(v.pod.Labels)
		case p == "metadata.annotations":
			val = formatMap(v.pod.Annotations)
		default:
			return fmt.Errorf("downwardAPI %q: fieldPath %q is not supported", it.Path, p)
		}
		if err := writeFile(dir, it.Path, []byte(val)); err != nil {
			return err
		}
	}
	return nil
}

func formatMap(m map[string]string) string {
	var b strings.Builder
	for k, v := range m {
		fmt.Fprintf(&b, "%s=%q\n", k, v)
	}
	return b.String()
}

// token asks the TokenRequest API for a token bound to the pod, as the kubelet does.
func (v *volumeSetup) token(ctx context.Context, dir string, src *corev1.ServiceAccountTokenProjection) error {
	exp := int64(3600)
	if src.ExpirationSeconds != nil {
		exp = *src.ExpirationSeconds
	}
	tf := &tokenFile{path: filepath.Join(dir, filepath.Clean("/"+src.Path)), audience: src.Audience, expSecs: exp}
	if err := v.refresh(ctx, tf); err != nil {
		return err
	}
	v.tokens = append(v.tokens, tf)
	return nil
}

func (v *volumeSetup) refresh(ctx context.Context, tf *tokenFile) error {
	sa := v.pod.Spec.ServiceAccountName
	if sa == "" {
		sa = "default"
	}
	req := &authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{
		ExpirationSeconds: &tf.expSecs,
		BoundObjectRef:    &authenticationv1.BoundObjectReference{Kind: "Pod", APIVersion: "v1", Name: v.pod.Name, UID: v.pod.UID},
	}}
	if tf.audience != "" {
		req.Spec.Audiences = []string{tf.audience}
	}
	resp, err := v.cs.CoreV1().ServiceAccounts(v.pod.Namespace).CreateToken(ctx, sa, req, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("token request for service account %s/%s: %v", v.pod.Namespace, sa, err)
	}
	if err := writeFile(filepath.Dir(tf.path), filepath.Base(tf.path), []byte(resp.Status.Token)); err != nil {
		return err
	}
	tf.issued, tf.expires = time.Now(), resp.Status.ExpirationTimestamp.Time
	return nil
}

// refreshDue renews tokens past 80% of their lifetime (the kubelet's rule).
func (v *volumeSetup) refreshDue(ctx context.Context) error {
	for _, tf := range v.tokens {
		life := tf.expires.Sub(tf.issued)
		if time.Since(tf.issued) > life*8/10 {
			if err := v.refresh(ctx, tf); err != nil {
				return err
			}
		}
	}
	return nil
}

// serviceAccountEnv returns the variables that point in-cluster clients at the credentials when a
// container mounts them: Fabric8 (system properties as env: kubernetes.auth.serviceAccount.token,
// kubernetes.certs.ca.file, kubenamespace; kubeconfig lookup switched off so a HOME kubeconfig
// cannot win) and, for client-go/kubectl whose in-cluster paths are fixed, KUBECONFIG naming a
// kubeconfig that references the same token file.
func serviceAccountEnv(mounts *podfs.Mounts, l podfs.Layout, server string) ([][2]string, error) {
	dir, ok := mounts.HostPath(ServiceAccountMountPath)
	if !ok {
		return nil, nil
	}
	token, ca, ns := filepath.Join(dir, "token"), filepath.Join(dir, "ca.crt"), filepath.Join(dir, "namespace")
	nsName, _ := os.ReadFile(ns)
	kubeconfig := filepath.Join(l.Dir, "serviceaccount.kubeconfig")
	kc := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: %s
    certificate-authority: %s
users:
- name: serviceaccount
  user:
    tokenFile: %s
contexts:
- name: in-cluster
  context: {cluster: local, user: serviceaccount, namespace: %q}
current-context: in-cluster
`, server, ca, token, strings.TrimSpace(string(nsName)))
	if err := os.WriteFile(kubeconfig, []byte(kc), 0o644); err != nil {
		return nil, err
	}
	return [][2]string{
		{"KUBERNETES_AUTH_TRYKUBECONFIG", "false"},
		{"KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", token},
		{"KUBERNETES_CERTS_CA_FILE", ca},
		{"KUBENAMESPACE", ns},
		{"KUBECONFIG", kubeconfig},
	}, nil
}
