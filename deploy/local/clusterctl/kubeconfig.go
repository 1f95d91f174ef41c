package main

import (
	"encoding/base64"
	"fmt"
	"os"
)

// writeKubeconfig writes a kubeconfig whose credentials are embedded as *-data fields: no file
// references, so the file can be copied into a Secret (MemberCluster.spec.kubeconfigSecretRef)
// or another machine and still work.
func writeKubeconfig(path, clusterName, server string, pki PKI, user string) error {
	ca, err := os.ReadFile(pki.path("ca.crt"))
	if err != nil {
		return err
	}
	crt, err := os.ReadFile(pki.path(user + ".crt"))
	if err != nil {
		return err
	}
	key, err := os.ReadFile(pki.path(user + ".key"))
	if err != nil {
		return err
	}
	return writeFileAtomic(path, []byte(kubeconfigYAML(clusterName, server, user, ca, crt, key)), 0o600)
}

func kubeconfigYAML(clusterName, server, user string, ca, crt, key []byte) string {
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: %[1]s
  cluster:
    server: %[2]s
    certificate-authority-data: %[4]s
users:
- name: %[1]s-%[3]s
  user:
    client-certificate-data: %[5]s
    client-key-data: %[6]s
contexts:
- name: %[1]s
  context:
    cluster: %[1]s
    user: %[1]s-%[3]s
current-context: %[1]s
`, clusterName, server, user, b64(ca), b64(crt), b64(key))
}

func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
