package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// PKI of one cluster, generated once with Go's crypto and kept across restarts (so kubeconfigs
// handed out earlier, e.g. MemberCluster secrets, stay valid). ECDSA P-256 keys: fast to
// generate and accepted by every component, including service-account token signing.
type PKI struct {
	Dir string
}

// certSpec describes one leaf certificate signed by the cluster CA.
type certSpec struct {
	name   string // file stem: <name>.crt / <name>.key
	cn     string
	orgs   []string
	server bool
	client bool
}

var clusterCerts = []certSpec{
	{name: "apiserver", cn: "kube-apiserver", server: true},
	{name: "admin", cn: "kubernetes-admin", orgs: []string{"system:masters"}, client: true},
	{name: "controller-manager", cn: "system:kube-controller-manager", server: true, client: true},
	{name: "scheduler", cn: "system:kube-scheduler", server: true, client: true},
	// The apiserver presents this to kubelets (node agents) for log and exec requests.
	{name: "apiserver-kubelet-client", cn: "kube-apiserver-kubelet-client", orgs: []string{"system:masters"}, client: true},
	// Serving certificate the node agent may use for its kubelet endpoint.
	{name: "kubelet", cn: "kubelet", server: true},
}

// serverSANs are valid for every serving certificate: loopback plus the in-cluster names of
// the kubernetes Service, so clients may use either.
var (
	serverDNS = []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"}
	serverIPs = []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.0.0.1")}
)

func (p PKI) path(file string) string { return filepath.Join(p.Dir, file) }

// ensure creates missing files and leaves existing ones untouched.
func (p PKI) ensure(clusterName string) error {
	if err := os.MkdirAll(p.Dir, 0o700); err != nil {
		return err
	}
	caCert, caKey, err := p.ensureCA(clusterName)
	if err != nil {
		return err
	}
	for _, s := range clusterCerts {
		if exists(p.path(s.name+".crt")) && exists(p.path(s.name+".key")) {
			continue
		}
		if err := p.writeLeaf(s, caCert, caKey); err != nil {
			return fmt.Errorf("certificate %s: %w", s.name, err)
		}
	}
	if !exists(p.path("sa.key")) || !exists(p.path("sa.pub")) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return err
		}
		if err := writeKey(p.path("sa.key"), key); err != nil {
			return err
		}
		pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
		if err != nil {
			return err
		}
		if err := writePEM(p.path("sa.pub"), "PUBLIC KEY", pub, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (p PKI) ensureCA(clusterName string) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	if exists(p.path("ca.crt")) && exists(p.path("ca.key")) {
		return loadCertAndKey(p.path("ca.crt"), p.path("ca.key"))
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "mapbench-local-" + clusterName + "-ca"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	if err := writeKey(p.path("ca.key"), key); err != nil {
		return nil, nil, err
	}
	if err := writePEM(p.path("ca.crt"), "CERTIFICATE", der, 0o644); err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return cert, key, err
}

func (p PKI) writeLeaf(s certSpec, ca *x509.Certificate, caKey *ecdsa.PrivateKey) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: s.cn, Organization: s.orgs},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(10, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
	}
	if s.server {
		tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageServerAuth)
		tmpl.DNSNames = serverDNS
		tmpl.IPAddresses = serverIPs
	}
	if s.client {
		tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageClientAuth)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return err
	}
	if err := writeKey(p.path(s.name+".key"), key); err != nil {
		return err
	}
	return writePEM(p.path(s.name+".crt"), "CERTIFICATE", der, 0o644)
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return n
}

func writeKey(path string, key *ecdsa.PrivateKey) error {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	return writePEM(path, "EC PRIVATE KEY", der, 0o600)
}

// writePEM writes through a temporary file so a crash never leaves half a key behind.
func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func loadCertAndKey(certPath, keyPath string) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	certPEM, err := os.ReadFile(certPath)
	if err != nil {
		return nil, nil, err
	}
	keyPEM, err := os.ReadFile(keyPath)
	if err != nil {
		return nil, nil, err
	}
	cb, _ := pem.Decode(certPEM)
	kb, _ := pem.Decode(keyPEM)
	if cb == nil || kb == nil {
		return nil, nil, errors.New(certPath + " or " + keyPath + " is not PEM; delete the cluster's pki directory to regenerate")
	}
	cert, err := x509.ParseCertificate(cb.Bytes)
	if err != nil {
		return nil, nil, err
	}
	key, err := x509.ParseECPrivateKey(kb.Bytes)
	return cert, key, err
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
