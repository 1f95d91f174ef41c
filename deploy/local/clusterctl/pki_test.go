package main

import (
	"crypto/x509"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestPKIEnsureSignsVerifiableCertsAndKeepsThem(t *testing.T) {
	p := PKI{Dir: t.TempDir()}
	if err := p.ensure("t"); err != nil {
		t.Fatal(err)
	}
	ca, _, err := loadCertAndKey(p.path("ca.crt"), p.path("ca.key"))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	tests := []struct {
		name  string
		usage x509.ExtKeyUsage
		org   string
	}{
		{"apiserver", x509.ExtKeyUsageServerAuth, ""},
		{"admin", x509.ExtKeyUsageClientAuth, "system:masters"},
		{"controller-manager", x509.ExtKeyUsageClientAuth, ""},
		{"scheduler", x509.ExtKeyUsageServerAuth, ""},
		{"apiserver-kubelet-client", x509.ExtKeyUsageClientAuth, "system:masters"},
		{"kubelet", x509.ExtKeyUsageServerAuth, ""},
	}
	for _, tt := range tests {
		cert, _, err := loadCertAndKey(p.path(tt.name+".crt"), p.path(tt.name+".key"))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		opts := x509.VerifyOptions{Roots: roots, KeyUsages: []x509.ExtKeyUsage{tt.usage}}
		if tt.usage == x509.ExtKeyUsageServerAuth {
			opts.DNSName = "127.0.0.1"
		}
		if _, err := cert.Verify(opts); err != nil {
			t.Errorf("%s does not verify for %v: %v", tt.name, tt.usage, err)
		}
		if tt.org != "" && !slices.Contains(cert.Subject.Organization, tt.org) {
			t.Errorf("%s: organizations %v, want %s", tt.name, cert.Subject.Organization, tt.org)
		}
	}
	if fi, err := os.Stat(p.path("ca.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("ca.key mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	before, _ := os.ReadFile(p.path("ca.crt"))
	saBefore, _ := os.ReadFile(p.path("sa.key"))
	if err := p.ensure("t"); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(p.path("ca.crt"))
	saAfter, _ := os.ReadFile(p.path("sa.key"))
	if string(before) != string(after) || string(saBefore) != string(saAfter) {
		t.Error("ensure regenerated existing keys; tokens and kubeconfigs handed out earlier would break")
	}
	if pub, _ := os.ReadFile(p.path("sa.pub")); !strings.Contains(string(pub), "PUBLIC KEY") {
		t.Error("sa.pub is not a PEM public key")
	}
}
