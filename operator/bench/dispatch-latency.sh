#!/usr/bin/env bash
# Dispatch benchmark (issue 4, kept script; prints figures, not a timed test): RUNS BenchmarkRuns
# (default 50) x 2 member clusters applied at once, with a nodeSelector no node matches (so no
# benchmark actually runs): time from `kubectl apply` until every run's remote Jobs exist (p50/p99),
# against a plain client (kubectl) writing the same number of Jobs straight into the members (the
# floor), their ratio, and the operator's RSS. Uses the local clusters and its own namespace and
# MemberClusters (bench-cloud, bench-edge); cleans up after itself.
# Usage: operator/bench/dispatch-latency.sh [RUNS]
# OPERATOR_JAR=path/to/quarkus-run.jar measures another build (e.g. an older commit's) on the same
# clusters with the same method, for before/after figures from one session.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
runs="${1:-50}"
[[ "$runs" =~ ^[1-9][0-9]*$ && "$runs" -le 100 ]] || { echo "RUNS must be 1..100 (each member allows 100 concurrent runs)" >&2; exit 2; }
# A namespace of its own per invocation: the previous one may still be terminating (runs twice in a row).
ns="mapbench-bench-$(date +%s)"
kubectl="$(dirname "$(deploy/local/kube/build.sh | tail -n1)")/kubectl"
export KUBECTL="$kubectl"
deploy/local/clusters up >&2
jar="${OPERATOR_JAR:-operator/target/quarkus-app/quarkus-run.jar}"
[[ -n "${OPERATOR_JAR:-}" || -f "$jar" ]] || ./mvnw -q -B -DskipTests install >&2
[[ -f "$jar" ]] || { echo "OPERATOR_JAR: no file $jar" >&2; exit 2; }
hub_kc="$(deploy/local/clusters kubeconfig hub)"; cloud_kc="$(deploy/local/clusters kubeconfig cloud-1)"
edge_kc="$(deploy/local/clusters kubeconfig edge-k3s-1)"
for kc in "$hub_kc" "$cloud_kc" "$edge_kc"; do
  "$kubectl" --kubeconfig "$kc" create namespace "$ns" --dry-run=client -o yaml | "$kubectl" --kubeconfig "$kc" apply -f - >/dev/null
done
for m in cloud:cloud-1:"$cloud_kc" edge:edge-k3s-1:"$edge_kc"; do
  IFS=: read -r tier _ kc <<<"$m"
  deploy/member/onboard.sh --name "bench-$tier" --tier "$tier" --member-kubeconfig "$kc" --hub-kubeconfig "$hub_kc" \
    --operator-namespace "$ns" --workload-namespace "$ns" --label mapbench.io/bench=true --max-concurrent-runs 100 2>/dev/null
  "$kubectl" --kubeconfig "$hub_kc" patch membercluster "bench-$tier" --type merge \
    -p '{"spec":{"nodeSelector":{"mapbench.io/no-such-node":"true"}}}' >/dev/null
done
log="$repo/operator/target/bench-operator.log"
KUBECONFIG="$hub_kc" java -Dmapbench.operator-namespace="$ns" -Dmapbench.policy.enabled=false -Dquarkus.http.port=18090 \
  -Dquarkus.operator-sdk.controllers.benchmarkrun.namespaces="$ns" \
  -Dquarkus.operator-sdk.controllers.membercluster.selector=mapbench.io/bench=true \
  -jar "$jar" >"$log" 2>&1 &
op=$!
cleanup() {
  "$kubectl" --kubeconfig "$hub_kc" -n "$ns" delete benchmarkruns --all --timeout=120s >/dev/null 2>&1 || true
  "$kubectl" --kubeconfig "$hub_kc" delete membercluster bench-cloud bench-edge --timeout=60s >/dev/null 2>&1 || true
  kill "$op" 2>/dev/null || true
  for kc in "$hub_kc" "$cloud_kc" "$edge_kc"; do "$kubectl" --kubeconfig "$kc" delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; done
  for kc in "$cloud_kc" "$edge_kc"; do "$kubectl" --kubeconfig "$kc" delete clusterrolebinding "mapbench-hub-node-reader-$ns" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
for _ in $(seq 1 90); do
  "$kubectl" --kubeconfig "$hub_kc" get mc bench-cloud bench-edge -o 'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}' 2>/dev/null \
    | grep -q '^True True$' && break
  sleep 2
done
args=("$runs" "$ns" "$kubectl" "$hub_kc" "$cloud_kc" "$edge_kc" bench-cloud bench-edge)
op_line="$(python3 operator/bench/measure.py operator "${args[@]}")"
rss_kib="$(ps -o rss= -p "$op")"
floor_line="$(python3 operator/bench/measure.py floor "${args[@]}")"
echo "$op_line"
echo "$floor_line"
python3 - "$op_line" "$floor_line" "$rss_kib" <<'PY'
import sys
def get(line, key): return float(dict(kv.split("=") for kv in line.split())[key].rstrip("s"))
op, floor, rss = sys.argv[1], sys.argv[2], int(sys.argv[3])
print(f"ratio p50={get(op,'p50')/get(floor,'p50'):.2f} p99={get(op,'p99')/get(floor,'p99'):.2f} operator_rss={rss/1024:.0f}MiB")
PY
