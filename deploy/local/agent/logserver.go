package main

// The kubelet log endpoint: the API server proxies `kubectl logs` and pods/log reads to
// https://<node InternalIP>:<daemonEndpoints.kubeletEndpoint.Port>/containerLogs/{ns}/{pod}/{container}.
// It does not verify the serving certificate unless started with --kubelet-certificate-authority,
// so a self-signed one made at start is enough. Anyone on loopback can read logs: this is local
// test infrastructure.

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"mapbench.io/local/agent/internal/crilog"
)

func selfSignedCert(names []string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "mapbench-node-agent"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP(HostIP)},
		DNSNames:     names,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// parseLogOptions reads the kubelet's query parameters; errors name the parameter.
func parseLogOptions(q map[string][]string) (opts crilog.Options, previous bool, err error) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	boolParam := func(k string) (bool, error) {
		v := get(k)
		if v == "" {
			return false, nil
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			return false, fmt.Errorf("query parameter %s=%q: must be true or false", k, v)
		}
		return b, nil
	}
	intParam := func(k string) (*int64, error) {
		v := get(k)
		if v == "" {
			return nil, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("query parameter %s=%q: must be a non-negative integer", k, v)
		}
		return &n, nil
	}
	if opts.Follow, err = boolParam("follow"); err != nil {
		return
	}
	if opts.Timestamps, err = boolParam("timestamps"); err != nil {
		return
	}
	if previous, err = boolParam("previous"); err != nil {
		return
	}
	if opts.TailLines, err = intParam("tailLines"); err != nil {
		return
	}
	if opts.LimitBytes, err = intParam("limitBytes"); err != nil {
		return
	}
	var since *int64
	if since, err = intParam("sinceSeconds"); err != nil {
		return
	}
	if since != nil {
		t := time.Now().Add(-time.Duration(*since) * time.Second)
		opts.SinceTime = &t
	}
	if v := get("sinceTime"); v != "" {
		t, perr := time.Parse(time.RFC3339, v)
		if perr != nil {
			err = fmt.Errorf("query parameter sinceTime=%q: must be an RFC 3339 time", v)
			return
		}
		opts.SinceTime = &t
	}
	return
}

func (a *Agent) logHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/containerLogs/", func(rw http.ResponseWriter, r *http.Request) {
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/containerLogs/"), "/")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			http.Error(rw, "path must be /containerLogs/{namespace}/{pod}/{container}", http.StatusBadRequest)
			return
		}
		opts, previous, err := parseLogOptions(r.URL.Query())
		if err != nil {
			http.Error(rw, err.Error(), http.StatusBadRequest)
			return
		}
		w := a.find(parts[0], parts[1])
		if w == nil {
			http.Error(rw, fmt.Sprintf("pod %s/%s is not known to this node agent", parts[0], parts[1]), http.StatusNotFound)
			return
		}
		path, done, err := w.logFile(parts[2], previous)
		if err != nil {
			http.Error(rw, err.Error(), http.StatusBadRequest)
			return
		}
		rw.Header().Set("Content-Type", "text/plain")
		out := &flushWriter{rw: rw}
		if err := crilog.Stream(r.Context(), path, opts, out, done); err != nil && !out.wrote {
			http.Error(rw, fmt.Sprintf("log of container %s: %v", parts[2], err), http.StatusNotFound)
		}
	})
	mux.HandleFunc("/healthz", func(rw http.ResponseWriter, _ *http.Request) { fmt.Fprintln(rw, "ok") })
	return mux
}

type flushWriter struct {
	rw    http.ResponseWriter
	wrote bool
}

func (f *flushWriter) Write(p []byte) (int, error) {
	f.wrote = true
	return f.rw.Write(p)
}

func (f *flushWriter) Flush() {
	if fl, ok := f.rw.(http.Flusher); ok {
		fl.Flush()
	}
}

func tlsConfig(cert tls.Certificate) *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
}
