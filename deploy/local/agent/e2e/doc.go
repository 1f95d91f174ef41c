// Package e2e holds the node agent's end-to-end acceptance tests (issue 2). They start real
// clusters (hub and edge-k3s-1) with deploy/local/clusters in a temporary state directory and a
// free port slot, and run only with the build tag: go test -tags e2e ./e2e/ (or ../test.sh).
package e2e
