# mapbench — the two commands a newcomer runs are `make demo` and `make test` (see README.md).
# Every tool is provisioned by the project's own scripts into $(MAPBENCH_CACHE).
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
export MAPBENCH_CACHE ?= $(HOME)/.cache/mapbench

.PHONY: demo test tools tools-kube tools-agent tools-opa tools-workload tools-java \
        test-go test-rego test-local test-java clusters-up clusters-down

## demo: local clusters up, operator running, a BenchmarkRun across cloud-1 and edge-k3s-1, results printed
demo: tools
	hack/demo.sh

## test: every suite (Go, Rego, local clusters, Java)
test: test-go test-rego test-local test-java

## tools: provision everything the tests and the demo need (idempotent, cached)
tools: tools-kube tools-agent tools-opa tools-workload tools-java

tools-kube:
	deploy/local/kube/build.sh
tools-agent:
	deploy/local/agent/provision-qemu.sh
	deploy/local/agent/build.sh
tools-opa:
	hack/tools/opa.sh
tools-workload:
	workload/build.sh
tools-java:
	./mvnw -q -B -DskipTests install

test-go:
	cd workload && go vet ./... && go test ./...
test-rego:
	policies/check.sh
test-local: clusters-up
	deploy/local/test.sh
	deploy/local/agent/e2e/run.sh
test-java: clusters-up
	./mvnw -B verify

clusters-up:
	deploy/local/clusters up
clusters-down:
	deploy/local/clusters down
