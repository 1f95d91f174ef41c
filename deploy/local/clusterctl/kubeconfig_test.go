package main

import (
	"crypto/tls"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

func TestKubeconfigEmbedsCredentials(t *testing.T) {
	dir := t.TempDir()
	p := PKI{Dir: filepath.Join(dir, "pki")}
	if err := p.ensure("c"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "kubeconfig")
	if err := writeKubeconfig(path, "c", "https://127.0.0.1:1234", p, "admin"); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	var kc struct {
		Clusters []struct {
			Cluster map[string]string `json:"cluster"`
		} `json:"clusters"`
		Users []struct {
			User map[string]string `json:"user"`
		} `json:"users"`
		CurrentContext string `json:"current-context"`
	}
	if err := yaml.Unmarshal(raw, &kc); err != nil {
		t.Fatal(err)
	}
	if len(kc.Clusters) != 1 || len(kc.Users) != 1 || kc.CurrentContext != "c" {
		t.Fatalf("unexpected structure: %+v", kc)
	}
	for _, forbidden := range []string{"certificate-authority:", "client-certificate:", "client-key:", "tokenFile", "exec:", "auth-provider"} {
		if strings.Contains(string(raw), forbidden) {
			t.Errorf("kubeconfig references %q; credentials must be embedded", forbidden)
		}
	}
	if kc.Clusters[0].Cluster["server"] != "https://127.0.0.1:1234" {
		t.Errorf("server = %q", kc.Clusters[0].Cluster["server"])
	}
	crt, _ := base64.StdEncoding.DecodeString(kc.Users[0].User["client-certificate-data"])
	key, _ := base64.StdEncoding.DecodeString(kc.Users[0].User["client-key-data"])
	if _, err := tls.X509KeyPair(crt, key); err != nil {
		t.Errorf("embedded client certificate and key do not form a pair: %v", err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("kubeconfig mode %v, want 0600 (it holds a private key)", fi.Mode().Perm())
	}
}
