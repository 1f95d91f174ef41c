#!/usr/bin/env bash
# The main job (`make demo`): local clusters up, tools built, CRDs and the admission policy
# installed on the hub, cloud-1 and edge-k3s-1 onboarded with least-privilege tokens
# (deploy/member/onboard.sh), the operator started (java -jar against the hub), an example run
# applied (deploy/examples/demo-quick-two-go-versions.yaml, or DEMO_RUN=<file>, e.g. the full
# seed run deploy/examples/seed-quick-two-go-versions.yaml), and at the end the run status, a
# results table per cluster (arch and nodeArch), the claim verdicts and the HTML report
# (`mapbench report`, written to .local/demo/report.html; its path is printed last).
#
# Environment: MAPBENCH_CACHE (tool cache), DEMO_RUN (BenchmarkRun file), DEMO_NAMESPACE
# (default mapbench-demo), DEMO_TIMEOUT (seconds to wait for the run, default 2400),
# DEMO_KEEP_OPERATOR=1 (leave the operator running afterwards; it is stopped by default).
# Idempotent: re-running re-applies everything and replaces the previous demo run.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export MAPBENCH_CACHE="${MAPBENCH_CACHE:-$HOME/.cache/mapbench}"
run_file="${DEMO_RUN:-deploy/examples/demo-quick-two-go-versions.yaml}"
ns="${DEMO_NAMESPACE:-mapbench-demo}"
timeout_s="${DEMO_TIMEOUT:-2400}"
operator_ns="mapbench-system"
state="$repo/.local/demo"
mkdir -p "$state"

demo_start=$(date +%s)
step() { printf '\n==> [%3ss] %s\n' "$(( $(date +%s) - demo_start ))" "$*" >&2; }
die() { echo "demo.sh: $*" >&2; exit 1; }
[[ -f "$run_file" ]] || die "DEMO_RUN '$run_file' is not a file"

step "tools (cached under $MAPBENCH_CACHE; skipped when present)"
kube="$(deploy/local/kube/build.sh | tail -n1)"
export KUBECTL="$(dirname "$kube")/kubectl"
workload/build.sh >&2
report_js="$(hack/tools/report-js.sh | tail -n1)"
# The operator is rebuilt only when a Maven module's input is newer than its jar: a warm
# `mvn install` alone costs minutes, more than half of the demo's budget.
jar=operator/target/quarkus-app/quarkus-run.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find pom.xml operator/pom.xml operator/src test-support workload/go-versions.txt \
    -newer "$jar" -not -path '*/target/*' -print -quit)" ]]; then
  ./mvnw -q -B -DskipTests install >&2
fi

step "local clusters (hub, cloud-1, edge-k3s-1)"
deploy/local/clusters up >&2
hub_kc="$(deploy/local/clusters kubeconfig hub)"
hub() { "$KUBECTL" --kubeconfig "$hub_kc" "$@"; }

step "CRDs and the admission policy on the hub"
hub apply --server-side --force-conflicts -f crds/ >/dev/null
hub wait --for=condition=Established --timeout=60s crd/benchmarkruns.mapbench.io crd/memberclusters.mapbench.io \
  crd/benchmarkresults.mapbench.io >/dev/null
hub create namespace "$operator_ns" --dry-run=client -o yaml | hub apply --server-side -f - >/dev/null
policies/configmap.sh --namespace "$operator_ns" --kubeconfig "$hub_kc" >&2

step "operator (started before onboarding, so its start-up overlaps it; java -jar operator/target/quarkus-app/quarkus-run.jar against the hub; log $state/operator.log)"
if [[ -f "$state/operator.pid" ]] && kill -0 "$(cat "$state/operator.pid")" 2>/dev/null; then
  kill "$(cat "$state/operator.pid")"; sleep 2
fi
KUBECONFIG="$hub_kc" nohup java -Dmapbench.operator-namespace="$operator_ns" -Dquarkus.http.port="${DEMO_OPERATOR_PORT:-18080}" \
  -jar operator/target/quarkus-app/quarkus-run.jar >"$state/operator.log" 2>&1 &
echo $! >"$state/operator.pid"
stop_operator() { [[ "${DEMO_KEEP_OPERATOR:-0}" == 1 ]] || kill "$(cat "$state/operator.pid")" 2>/dev/null || true; }
trap stop_operator EXIT
# A previous demo run of the same name is deleted now, so the operator's clean-up of its remote
# Jobs overlaps the onboarding (it took ~40 s when done just before the new run).
run="$(hub create --dry-run=client -o 'jsonpath={.metadata.name}' -f "$run_file")"
hub -n "$ns" delete benchmarkrun "$run" --ignore-not-found --wait=false >/dev/null 2>&1 || true

step "onboarding members with token kubeconfigs (never admin credentials)"
deploy/member/onboard.sh --name cloud-1 --tier cloud --member-kubeconfig "$(deploy/local/clusters kubeconfig cloud-1)" \
  --hub-kubeconfig "$hub_kc" --operator-namespace "$operator_ns" --label topology.kubernetes.io/region=local-cloud
deploy/member/onboard.sh --name edge-k3s-1 --tier edge --member-kubeconfig "$(deploy/local/clusters kubeconfig edge-k3s-1)" \
  --hub-kubeconfig "$hub_kc" --operator-namespace "$operator_ns" --label topology.kubernetes.io/region=local-edge

for _ in $(seq 1 120); do
  hub get mc cloud-1 edge-k3s-1 -o 'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}' 2>/dev/null \
    | grep -q '^True True$' && break
  kill -0 "$(cat "$state/operator.pid")" 2>/dev/null || die "the operator exited; see $state/operator.log"
  sleep 2
done
hub get memberclusters

step "the run: $run_file in namespace $ns"
hub create namespace "$ns" --dry-run=client -o yaml | hub apply --server-side -f - >/dev/null
# Edge clusters only run benchmarks for namespaces that opt in (policy rule edge-namespace).
hub label namespace "$ns" mapbench.io/edge-allowed=true --overwrite >/dev/null
hub -n "$ns" delete benchmarkrun "$run" --ignore-not-found --timeout=120s >/dev/null
hub -n "$ns" apply -f "$run_file" >/dev/null
start=$(date +%s)
phase=""
while :; do
  phase="$(hub -n "$ns" get benchmarkrun "$run" -o 'jsonpath={.status.phase}')"
  jobs="$(hub -n "$ns" get benchmarkrun "$run" -o 'jsonpath={.status.jobsSummary}')"
  printf '  %4ss  phase=%-18s %s\n' "$(( $(date +%s) - start ))" "${phase:-?}" "$jobs" >&2
  case "$phase" in Succeeded|PartiallySucceeded|Failed|Denied) break ;; esac
  (( $(date +%s) - start < timeout_s )) || die "run $ns/$run not finished after ${timeout_s}s (phase ${phase:-none})"
  kill -0 "$(cat "$state/operator.pid")" 2>/dev/null || die "the operator exited; see $state/operator.log"
  sleep 5
done

step "run status"
hub -n "$ns" get benchmarkrun "$run"
hub -n "$ns" get benchmarkrun "$run" -o json | python3 "$repo/hack/demo_report.py" status
step "results per cluster"
hub -n "$ns" get benchmarkresults -l "mapbench.io/run-name=$run" -o json | python3 "$repo/hack/demo_report.py" results
step "claim verdicts"
hub -n "$ns" get benchmarkrun "$run" -o json | python3 "$repo/hack/demo_report.py" claims
step "report"
hub -n "$ns" get benchmarkresults -l "mapbench.io/run-name=$run" -o json >"$state/results.json"
# Any build of the host's architecture has the report command; take the newest Go version's.
mapbench="$(ls -d workload/bin/go*/"$(go env GOARCH)"/mapbench | sort -V | tail -n1)"
"$mapbench" report --chart-lib "$report_js/node_modules/echarts/dist/echarts.min.js" \
  --title "mapbench demo: $ns/$run" -o "$state/report.html" "$state/results.json" >/dev/null
echo "demo finished in $(( $(date +%s) - demo_start ))s; report: $state/report.html"
[[ "$phase" == Succeeded || "$phase" == PartiallySucceeded ]]
