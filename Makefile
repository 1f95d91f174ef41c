# mapbench — the two commands a newcomer runs are `make demo` and `make test` (see README.md).
# Every tool is provisioned by the project's own scripts into $(MAPBENCH_CACHE); each script is
# idempotent and skips what is already built.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
export MAPBENCH_CACHE ?= $(HOME)/.cache/mapbench
MVN := ./mvnw -B --no-transfer-progress

.PHONY: demo test tools tools-kube tools-agent tools-opa tools-helm tools-helm-docs tools-prometheus tools-benchstat tools-workload \
        tools-java tools-report test-go test-rego test-local test-java test-helm test-report faults clusters-up clusters-down

## demo: local clusters up, operator running, a BenchmarkRun across cloud-1 and edge-k3s-1, results and
## the HTML report. Only the tools it uses; hack/demo.sh rebuilds the operator when its sources changed.
demo: tools-kube tools-agent tools-workload tools-report
	hack/demo.sh

## test: every suite (Go, Rego, local clusters and node agents, Java, Helm, the report in Chromium)
test: test-go test-rego test-local test-java test-helm test-report

## faults: the fault suite (issue 10) on the local clusters with the real operator jar, every row;
## prints the table and writes docs/reliability.md (make test runs its quick subset)
faults: clusters-up
	$(MVN) -q -pl test-support install -DskipTests
	rm -rf operator/target/faults
	$(MVN) -pl operator verify -Pfaults
	@cat docs/reliability.md
	@! grep -q '\*\*FAIL' docs/reliability.md || { echo "make faults: failing rows above (docs/reliability.md)" >&2; exit 1; }

## tools: provision everything the tests and the demo need (idempotent, cached)
tools: tools-kube tools-agent tools-opa tools-helm tools-helm-docs tools-prometheus tools-benchstat tools-workload tools-java \
       tools-report

tools-kube:
	deploy/local/kube/build.sh
tools-agent:
	deploy/local/agent/provision-qemu.sh
	deploy/local/agent/build.sh
tools-opa:
	hack/tools/opa.sh
tools-helm:
	hack/tools/helm.sh
tools-helm-docs:
	hack/tools/helm-docs.sh
tools-prometheus:
	hack/tools/prometheus.sh
tools-benchstat:
	hack/tools/benchstat.sh
tools-workload:
	cd workload && go mod download
	workload/build.sh --arch amd64,arm64
tools-java:
	$(MVN) -q -DskipTests install
tools-report:
	hack/tools/report-js.sh
	hack/tools/chromium.sh

## test-go: vet, gofmt, every Go test (benchstat from tools-benchstat reads a raw run output), then
## each fuzz target for a fixed execution count (about 10 s) from its committed seeds (workload/fuzz.sh prints the counts)
test-go:
	cd workload && go vet ./... && test -z "$$(gofmt -l .)" && \
	  MAPBENCH_BENCHSTAT="$$(../hack/tools/benchstat.sh | tail -n1)" go test ./... && ./fuzz.sh
test-report:
	workload/internal/report/browser/run.sh
test-rego:
	policies/check.sh
test-local:
	deploy/local/test.sh
	deploy/local/agent/test.sh
test-java: clusters-up
	hack/gen-comparison-synthetic.sh --check
	$(MVN) verify
test-helm: clusters-up
	helm/test/run.sh --e2e
	helm/test/leader-election-e2e.sh

clusters-up:
	deploy/local/clusters up
clusters-down:
	deploy/local/clusters down
