#!/usr/bin/env bash
# End-to-end test of the chart on local clusters of its own (own state directory and ports, so
# it never disturbs the shared development clusters or another operator):
#  1. clusters hub, cloud-1, edge-k3s-1 up; `helm install` (CRDs from the chart) with the operator
#     running in-cluster on the hub as the chart's ServiceAccount, under the chart's RBAC only;
#  2. a real Prometheus on loopback scrapes the operator during the whole test;
#  3. cloud-1 and edge-k3s-1 onboarded (deploy/member/onboard.sh); an example run to Succeeded,
#     a run the policy denies, a run that fails; no "forbidden" in the operator log;
#  4. `helm test`; every dashboard query and alert expression returns series from the scrape;
#     `promtool check metrics` clean for mapbench_* series;
#  5. hack/upgrade-crds.sh + `helm upgrade` (changed setting rolls the operator, health UP again);
#  6. `helm uninstall` while runs exist in two watched namespaces and one the release does not
#     watch (another tenant's): the pre-delete hook deletes the release's runs through the
#     operator's finalizer (no remote Job remains) and leaves the other tenant's run alone.
# The release watches e2e-runs, e2e-runs-2 and e2e-denied (watchNamespaces).
# Environment: MAPBENCH_E2E_PORT_BASE (default 29000), MAPBENCH_E2E_KEEP=1 keeps the clusters up,
# MAPBENCH_E2E_CHART (default helm/mapbench-operator; e.g. a packaged .tgz to test the package).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export MAPBENCH_CLUSTERS_DIR="$repo/.local/helm-e2e/clusters"
export MAPBENCH_PORT_BASE="${MAPBENCH_E2E_PORT_BASE:-29000}"
op_port=$((MAPBENCH_PORT_BASE + 50))
prom_port=$((MAPBENCH_PORT_BASE + 51))
work="$repo/.local/helm-e2e/work"
ns=mapbench-system
chart="${MAPBENCH_E2E_CHART:-$repo/helm/mapbench-operator}"
t0=$(date +%s)
log() { echo "e2e [$(( $(date +%s) - t0 ))s]: $*"; }
fail() { echo "e2e FAILED: $*" >&2; dump; exit 1; }

HELM="$("$repo/hack/tools/helm.sh" | tail -n1)"
KUBECTL="$(dirname "$("$repo/deploy/local/kube/build.sh" | tail -n1)")/kubectl"
export KUBECTL
PROM_BIN="$("$repo/hack/tools/prometheus.sh" | tail -n1)"
[[ -f "$repo/operator/target/quarkus-app/quarkus-run.jar" ]] \
  || { echo "e2e: operator/target/quarkus-app/quarkus-run.jar missing: build it (./mvnw -B -pl operator -am package -DskipTests)" >&2; exit 1; }
# The example run uses Go 1.23 and 1.26 on an amd64 cloud node and an arm64 edge node.
for bin in go1.23.12/amd64 go1.23.12/arm64 go1.26.8/amd64 go1.26.8/arm64; do
  [[ -x "$repo/workload/bin/$bin/mapbench" ]] \
    || { echo "e2e: workload/bin/$bin/mapbench missing: build it (workload/build.sh --arch amd64,arm64)" >&2; exit 1; }
done

clusters() { "$repo/deploy/local/clusters" "$@"; }
# Fresh clusters every time: runs and metrics of an earlier attempt must not count.
clusters down >/dev/null 2>&1 || true
rm -rf "$repo/.local/helm-e2e"
log "local clusters (state $MAPBENCH_CLUSTERS_DIR, ports from $MAPBENCH_PORT_BASE)"
clusters up >/dev/null
HUB="$(clusters kubeconfig hub)"
hub() { "$KUBECTL" --kubeconfig "$HUB" "$@"; }
mkdir -p "$work"
prom_pid=""
cleanup() {
  [[ -n "$prom_pid" ]] && kill "$prom_pid" 2>/dev/null || true
  if [[ "${MAPBENCH_E2E_KEEP:-0}" != 1 ]]; then
    "$HELM" --kubeconfig "$HUB" uninstall mb -n "$ns" --no-hooks >/dev/null 2>&1 || true
    clusters down >/dev/null 2>&1 || true
    rm -rf "$repo/.local/helm-e2e"
  fi
}
trap cleanup EXIT
dump() {
  echo "--- runs"; hub get benchmarkruns -A -o wide 2>&1 | head -20 || true
  echo "--- memberclusters"; hub get memberclusters 2>&1 || true
  echo "--- operator pods"; hub -n "$ns" get pods -o wide 2>&1 || true
  echo "--- operator log (tail)"; hub -n "$ns" logs deploy/mb-mapbench-operator --tail=60 2>&1 || true
}

# Start from a clean hub: a previous failed run may have left the release or runs behind.
if "$HELM" --kubeconfig "$HUB" status mb -n "$ns" >/dev/null 2>&1; then
  log "removing a leftover release"
  "$HELM" --kubeconfig "$HUB" uninstall mb -n "$ns" --wait --timeout 3m >/dev/null || true
fi

# Locally the hook and test images are the shell image running host programs
# (deploy/local/images.yaml); pods are host processes, so the test pod reaches the operator on
# loopback. The release watches three namespaces; e2e-other-tenant is not one of them.
watched=(e2e-runs e2e-runs-2 e2e-denied)
for n in "${watched[@]}" e2e-other-tenant; do
  hub create namespace "$n" --dry-run=client -o yaml | hub apply -f - >/dev/null
done
install_args=(
  --set image.tag=e2e
  --set operator.httpPort="$op_port" --set metrics.service.port="$op_port"
  --set test.host=127.0.0.1 --set test.image=mapbench.local/shell
  --set cleanupOnUninstall.image=mapbench.local/shell --set cleanupOnUninstall.kubectl="$KUBECTL"
  --set operator.unreachableDeadline=1m
  --set "watchNamespaces={$(IFS=,; echo "${watched[*]}")}"
)
log "helm install"
"$HELM" --kubeconfig "$HUB" install mb "$chart" -n "$ns" --create-namespace \
  "${install_args[@]}" --wait --timeout 5m || fail "helm install"

log "prometheus on 127.0.0.1:$prom_port scraping the operator at 127.0.0.1:$op_port"
rm -rf "$work/prometheus" && mkdir -p "$work/prometheus"
cp "$repo/deploy/prometheus/alerts.yaml" "$work/prometheus/alerts.yaml"
cat >"$work/prometheus/prometheus.yml" <<PROM
global: {scrape_interval: 2s, evaluation_interval: 2s}
rule_files: [alerts.yaml]
scrape_configs:
  - job_name: mapbench-operator
    metrics_path: /q/metrics
    static_configs: [{targets: ["127.0.0.1:$op_port"]}]
PROM
"$PROM_BIN/prometheus" --config.file="$work/prometheus/prometheus.yml" --storage.tsdb.path="$work/prometheus/data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus/prometheus.log" 2>&1 &
prom_pid=$!

wait_health() {
  for _ in $(seq 1 90); do
    curl -fsS "http://127.0.0.1:$op_port/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 2
  done
  return 1
}
wait_health || fail "operator not ready on 127.0.0.1:$op_port"

log "onboarding cloud-1 and edge-k3s-1"
"$repo/deploy/member/onboard.sh" --name cloud-1 --member-kubeconfig "$(clusters kubeconfig cloud-1)" \
  --hub-kubeconfig "$HUB" --operator-namespace "$ns" --tier cloud --max-concurrent-runs 3 >/dev/null
"$repo/deploy/member/onboard.sh" --name edge-k3s-1 --member-kubeconfig "$(clusters kubeconfig edge-k3s-1)" \
  --hub-kubeconfig "$HUB" --operator-namespace "$ns" --tier edge --max-concurrent-runs 3 >/dev/null
hub wait --for=condition=Ready membercluster/cloud-1 membercluster/edge-k3s-1 --timeout=120s >/dev/null \
  || fail "member clusters not Ready"
[[ -n "$(hub get membercluster cloud-1 -o jsonpath='{.metadata.annotations.mapbench\.io/token-expires-at}')" ]] \
  || fail "MemberCluster cloud-1 has no mapbench.io/token-expires-at annotation (time-bound token)"

log "onboarding self-check: over-privileged credentials and API errors fail it"
cloud1() { "$KUBECTL" --kubeconfig "$(clusters kubeconfig cloud-1)" "$@"; }
onboard_check() { "$repo/deploy/member/onboard.sh" --name cloud-1-check --member-kubeconfig "$(clusters kubeconfig cloud-1)" \
  --hub-kubeconfig "$HUB" --operator-namespace "$ns" "$@" 2>&1; }
cloud1 -n mapbench-workloads create rolebinding e2e-too-much --clusterrole=edit \
  --serviceaccount=mapbench-hub-access:mapbench-hub >/dev/null
out="$(onboard_check)" && fail "onboarding accepted credentials that may read Secrets: $out"
grep -q "answer 'yes' to 'can-i get secrets -n mapbench-workloads', want 'no'" <<<"$out" || fail "unclear self-check failure: $out"
cloud1 -n mapbench-workloads delete rolebinding e2e-too-much >/dev/null
out="$(onboard_check --server https://127.0.0.1:1)" && fail "onboarding passed although the API server was unreachable: $out"
grep -q "with the new credentials failed" <<<"$out" || fail "an API error was not reported as such: $out"
! hub get membercluster cloud-1-check >/dev/null 2>&1 || fail "a failed onboarding left a MemberCluster behind"

# Runs: one allowed (namespace may use edge clusters), the same one denied (namespace not
# labelled for edge), one with a scenario the catalog does not have (denied at admission as
# InvalidSpec, nothing created), one failing (its job exceeds spec.timeout).
hub label namespace e2e-runs mapbench.io/edge-allowed=true --overwrite >/dev/null
hub -n e2e-runs apply -f "$repo/deploy/examples/smoke-cloud-and-edge.yaml" >/dev/null
hub -n e2e-denied apply -f "$repo/deploy/examples/smoke-cloud-and-edge.yaml" >/dev/null
hub -n e2e-runs apply -f - >/dev/null <<'RUN'
apiVersion: mapbench.io/v1alpha1
kind: BenchmarkRun
metadata:
  name: unknown-scenario
spec:
  scenarios: [no-such-scenario]
  goVersions: ["1.26"]
  repetitions: 3
  placement: {clusters: [cloud-1]}
  resources: {requests: {cpu: "1", memory: 512Mi}, limits: {cpu: "1", memory: 512Mi}}
  timeout: 5m
---
apiVersion: mapbench.io/v1alpha1
kind: BenchmarkRun
metadata:
  name: too-slow
spec:
  suite: smoke
  goVersions: ["1.26"]
  repetitions: 3
  benchtime: 2s
  placement: {clusters: [cloud-1]}
  resources: {requests: {cpu: "1", memory: 512Mi}, limits: {cpu: "1", memory: 512Mi}}
  timeout: 1s
RUN

phase() { hub -n "$1" get benchmarkrun "$2" -o jsonpath='{.status.phase}' 2>/dev/null || true; }
wait_phase() { # ns name timeout-seconds phases...
  local ns_="$1" name="$2" deadline=$(( $(date +%s) + $3 )); shift 3
  while (( $(date +%s) < deadline )); do
    local p; p="$(phase "$ns_" "$name")"
    for want in "$@"; do [[ "$p" == "$want" ]] && { echo "$p"; return 0; }; done
    sleep 5
  done
  echo "$(phase "$ns_" "$name")"; return 1
}
log "waiting for runs (smoke on cloud-1 + edge-k3s-1 under qemu)"
p="$(wait_phase e2e-denied smoke-cloud-and-edge 120 Denied)" || fail "e2e-denied run is '$p', want Denied"
p="$(wait_phase e2e-runs unknown-scenario 120 Denied)" || fail "unknown-scenario run is '$p', want Denied (InvalidSpec)"
reason="$(hub -n e2e-runs get benchmarkrun unknown-scenario -o jsonpath='{.status.conditions[?(@.type=="Admitted")].reason}')"
[[ "$reason" == InvalidSpec ]] || fail "unknown-scenario Admitted reason is '$reason', want InvalidSpec"
p="$(wait_phase e2e-runs too-slow 600 Failed PartiallySucceeded Succeeded)"; [[ "$p" == Failed ]] || fail "too-slow run is '$p', want Failed (timed out)"
p="$(wait_phase e2e-runs smoke-cloud-and-edge 900 Succeeded PartiallySucceeded Failed)"; [[ "$p" == Succeeded ]] || fail "smoke run is '$p', want Succeeded"
log "runs: smoke Succeeded, too-slow Failed, unknown-scenario Denied (InvalidSpec), edge run in an unlabelled namespace Denied"
results="$(hub -n e2e-runs get benchmarkresults -o name | wc -l)"
(( results >= 4 )) || fail "$results BenchmarkResults for the smoke run, want one per (cluster, Go version) = 4"
# A suspended schedule with a stored history (deploy/monitoring/testdata): 12 results with a 25%
# step after the 6th, then its newest result, whose comparison is regressed. The operator's schedule
# controller finds the change point in that history itself; the history and compare dashboards and
# MapbenchBenchmarkRegressed read it all from the operator's metrics, derived from the stored objects.
hub -n e2e-runs apply -f "$repo/deploy/monitoring/testdata/schedule.yaml" >/dev/null
hub -n e2e-runs apply -f "$repo/deploy/monitoring/testdata/history-results.json" >/dev/null
sleep 1.1 # the regressed result must be the newest by creationTimestamp (one-second resolution)
hub -n e2e-runs apply -f "$repo/deploy/monitoring/testdata/regressed-result.json" >/dev/null
for _ in $(seq 1 60); do
  [[ -n "$(hub -n e2e-runs get benchmarkschedule e2e-nightly -o jsonpath='{.status.changePoints[0].run}' 2>/dev/null)" ]] && break
  sleep 2
done
cp_run="$(hub -n e2e-runs get benchmarkschedule e2e-nightly -o jsonpath='{.status.changePoints[0].run}')"
[[ "$cp_run" == e2e-nightly-0-07 ]] || fail "schedule e2e-nightly: change point at run '$cp_run', want e2e-nightly-0-07 (the step in history-results.json)"
log "schedule e2e-nightly: change point found at $cp_run"

# A 403 as Fabric8 reports it (code=403), not any "403" (a log line's milliseconds ",403" matched).
if hub -n "$ns" logs deploy/mb-mapbench-operator 2>/dev/null | grep -Ei 'forbidden|is not allowed to|code=403' | head -5 | grep .; then
  fail "the operator hit RBAC denials with the chart's permissions (above)"
fi

log "Argo CD health checks (gopher-lua) on the live runs and member clusters"
mkdir -p "$work/live"
hub get benchmarkruns -A -o json >"$work/live/BenchmarkRun.json"
hub get memberclusters -o json >"$work/live/MemberCluster.json"
MAPBENCH_LIVE_OBJECTS_DIR="$work/live" go -C "$repo/deploy/argocd/healthcheck-test" test -count=1 -run TestLiveObjects -v ./... \
  | grep -E '^\s+live_test|^(--- |ok|FAIL)' || fail "Argo CD health checks on live objects"

log "helm test"
"$HELM" --kubeconfig "$HUB" test mb -n "$ns" --timeout 3m --logs || fail "helm test"

log "dashboard and alert queries on the real scrape"
sleep 70 # rate() windows of 1m need more than a minute of samples after the runs finished
MAPBENCH_PROMETHEUS_URL="http://127.0.0.1:$prom_port" HELM="$HELM" \
  go -C "$here" test -count=1 -run 'TestQueriesOnRealPrometheus|TestMisspeltMetricFails' -v ./... >"$work/queries.log" 2>&1 || queries_failed=1
grep -E 'series: |returned no series|invalid query' "$work/queries.log" | sed 's/^ *prometheus_test.go:[0-9]*: /  /'
# Keep going (upgrade and uninstall are independent); the test fails at the end.
[[ -z "${queries_failed:-}" ]] || log "SOME QUERIES FAILED (above); continuing with upgrade and uninstall"
curl -fsS "http://127.0.0.1:$op_port/q/metrics" | grep -E '^(# (HELP|TYPE) )?mapbench_' >"$work/mapbench-metrics.txt"
[[ -s "$work/mapbench-metrics.txt" ]] || fail "no mapbench_* series at /q/metrics"
# Two promtool findings are explained and checked, every other one fails the test:
# - the unit abbreviation in mapbench_benchmark_ns_per_op: the deprecated duplicate of
#   mapbench_benchmark_seconds_per_op, kept for this release only (docs/DESIGN.md "Metrics");
# - "X_total no help text" for counters: Micrometer's Prometheus client writes a counter's HELP and
#   TYPE under the family name without _total (OpenMetrics style) and promtool 2.42 looks for
#   X_total; accepted only when "# HELP X <text>" and "# TYPE X counter" are really there.
lint="$("$PROM_BIN/promtool" check metrics <"$work/mapbench-metrics.txt" 2>&1 || true)"
problems=""
while IFS= read -r finding; do
  [[ -n "$finding" ]] || continue
  [[ "$finding" == "mapbench_benchmark_ns_per_op metric names should not contain abbreviated units" ]] && continue
  if [[ "$finding" =~ ^(mapbench_[a-z_]+)_total\ no\ help\ text$ ]]; then
    family="${BASH_REMATCH[1]}"
    if grep -Eq "^# HELP $family .+" "$work/mapbench-metrics.txt" && grep -qx "# TYPE $family counter" "$work/mapbench-metrics.txt"; then
      continue
    fi
  fi
  problems+="$finding; "
done <<<"$lint"
[[ -z "$problems" ]] || fail "promtool check metrics found problems in mapbench_* series: $problems"
log "promtool check metrics: clean ($(grep -vc '^#' "$work/mapbench-metrics.txt") mapbench_* samples)"

log "CRD upgrade step + helm upgrade"
"$repo/hack/upgrade-crds.sh" --kubeconfig "$HUB" >/dev/null || fail "hack/upgrade-crds.sh"
old_pod="$(hub -n "$ns" get pods -l app.kubernetes.io/component=operator -o jsonpath='{.items[0].metadata.name}')"
"$HELM" --kubeconfig "$HUB" upgrade mb "$chart" -n "$ns" "${install_args[@]}" \
  --set operator.logLevel=DEBUG --wait --timeout 5m || fail "helm upgrade"
new_pod="$(hub -n "$ns" get pods -l app.kubernetes.io/component=operator -o jsonpath='{.items[0].metadata.name}')"
[[ "$new_pod" != "$old_pod" ]] || fail "helm upgrade with a changed setting did not roll the operator pod"
wait_health || fail "operator not healthy after helm upgrade"
[[ "$(phase e2e-runs smoke-cloud-and-edge)" == Succeeded ]] || fail "the finished run changed phase across the upgrade"

log "helm uninstall while runs exist in two watched namespaces and in another tenant's"
for n in e2e-runs e2e-runs-2 e2e-other-tenant; do
  hub -n "$n" apply -f - >/dev/null <<'RUN'
apiVersion: mapbench.io/v1alpha1
kind: BenchmarkRun
metadata:
  name: in-flight
spec:
  suite: smoke
  goVersions: ["1.26"]
  repetitions: 3
  placement: {clusters: [cloud-1]}
  resources: {requests: {cpu: "1", memory: 512Mi}, limits: {cpu: "1", memory: 512Mi}}
  timeout: 5m
RUN
done
for n in e2e-runs e2e-runs-2; do
  p="$(wait_phase "$n" in-flight 120 Scheduled Running Succeeded)" || fail "$n/in-flight run is '$p'"
done
[[ -z "$(phase e2e-other-tenant in-flight)" ]] || fail "the release reconciled a run in e2e-other-tenant, which it does not watch"
"$HELM" --kubeconfig "$HUB" uninstall mb -n "$ns" --wait --timeout 5m || fail "helm uninstall"
left="$(hub get benchmarkruns -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{" "}{end}')"
[[ "$left" == "e2e-other-tenant/in-flight " ]] \
  || fail "runs left after uninstall: '$left', want only e2e-other-tenant/in-flight (the release's runs deleted, the other tenant's kept)"
remote="$("$KUBECTL" --kubeconfig "$(clusters kubeconfig cloud-1)" -n mapbench-workloads get jobs -o name | wc -l)"
(( remote == 0 )) || fail "$remote remote Job(s) left in cloud-1 after uninstall"
log "uninstall: the release's runs in e2e-runs and e2e-runs-2 deleted (no Job left in cloud-1), e2e-other-tenant's run kept"
[[ -z "${queries_failed:-}" ]] || { echo "e2e FAILED: dashboard/alert queries without series or invalid (see above)" >&2; exit 1; }
log "PASSED"
