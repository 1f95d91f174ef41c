#!/usr/bin/env bash
# Dispatch benchmark (issue 4, kept script; prints figures, not a timed test): RUNS BenchmarkRuns
# (default 50) x 2 member clusters applied at once, with a nodeSelector no node matches (so no
# benchmark actually runs): time from `kubectl apply` until every run's remote Jobs exist (p50/p99),
# against a plain client (kubectl) writing the same number of Jobs straight into the members (the
# floor), their ratio, and the operator's RSS. Beside it, a lower bound for any operator on this machine:
# the same runs applied on the hub while minimal_controller.py creates one Job per run and member
# as it sees each run (no status, finalizer, Events or budget). Uses the local clusters and its own namespace and
# MemberClusters (bench-cloud, bench-edge); cleans up after itself.
# Usage: operator/bench/dispatch-latency.sh [RUNS]
# OPERATOR_JAR=path/to/quarkus-run.jar measures another build (e.g. an older commit's) on the same
# clusters with the same method and JVM settings, for before/after figures from one session.
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
# Fresh clusters have no CRDs yet (the operator never applies them in prod mode).
"$kubectl" --kubeconfig "$hub_kc" apply --server-side --force-conflicts -f crds/ >/dev/null
edge_kc="$(deploy/local/clusters kubeconfig edge-k3s-1)"
for kc in "$hub_kc" "$cloud_kc" "$edge_kc"; do
  "$kubectl" --kubeconfig "$kc" create namespace "$ns" --dry-run=client -o yaml | "$kubectl" --kubeconfig "$kc" apply -f - >/dev/null
done
# The minimal controller's runs: a hub namespace the operator does not watch.
"$kubectl" --kubeconfig "$hub_kc" create namespace "$ns-minimal" >/dev/null
for m in cloud:cloud-1:"$cloud_kc" edge:edge-k3s-1:"$edge_kc"; do
  IFS=: read -r tier _ kc <<<"$m"
  deploy/member/onboard.sh --name "bench-$tier" --tier "$tier" --member-kubeconfig "$kc" --hub-kubeconfig "$hub_kc" \
    --operator-namespace "$ns" --workload-namespace "$ns" --label mapbench.io/bench=true --max-concurrent-runs 100 2>/dev/null
  "$kubectl" --kubeconfig "$hub_kc" patch membercluster "bench-$tier" --type merge \
    -p '{"spec":{"nodeSelector":{"mapbench.io/no-such-node":"true"}}}' >/dev/null
done
log="$repo/operator/target/bench-operator.log"
# The chart's JVM settings (operator/bench/chart-jvm.sh), then OPERATOR_JAVA_OPTS: extra options for
# profiling (e.g. -XX:StartFlightRecording=filename=/tmp/d.jfr,dumponexit=true). NMT=1 prints the
# JVM's native memory summary (heap, metaspace, threads, code cache...) where RSS is measured.
jvm_opts="$(operator/bench/chart-jvm.sh) ${OPERATOR_JAVA_OPTS:-}"
# and its environment for native memory (MALLOC_ARENA_MAX).
mapfile -t jvm_env < <(operator/bench/chart-jvm.sh --env)
[[ "${NMT:-0}" == 1 ]] && jvm_opts+=" -XX:NativeMemoryTracking=summary"
echo "JVM options: $jvm_opts; environment: ${jvm_env[*]:-(none)}" >&2
# shellcheck disable=SC2086
env "${jvm_env[@]}" KUBECONFIG="$hub_kc" java $jvm_opts -Dmapbench.operator-namespace="$ns" -Dmapbench.policy.enabled=false -Dquarkus.http.port=18090 \
  -Dquarkus.operator-sdk.controllers.benchmarkrun.namespaces="$ns" \
  -Dquarkus.operator-sdk.controllers.membercluster.selector=mapbench.io/bench=true \
  -jar "$jar" >"$log" 2>&1 &
op=$!
cleanup() {
  "$kubectl" --kubeconfig "$hub_kc" -n "$ns" delete benchmarkruns --all --timeout=120s >/dev/null 2>&1 || true
  "$kubectl" --kubeconfig "$hub_kc" delete membercluster bench-cloud bench-edge --timeout=60s >/dev/null 2>&1 || true
  kill "$op" 2>/dev/null || true
  for kc in "$hub_kc" "$cloud_kc" "$edge_kc"; do "$kubectl" --kubeconfig "$kc" delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; done
  "$kubectl" --kubeconfig "$hub_kc" delete namespace "$ns-minimal" --wait=false >/dev/null 2>&1 || true
  for kc in "$cloud_kc" "$edge_kc"; do "$kubectl" --kubeconfig "$kc" delete clusterrolebinding "mapbench-hub-node-reader-$ns" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
for _ in $(seq 1 90); do
  "$kubectl" --kubeconfig "$hub_kc" get mc bench-cloud bench-edge -o 'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}' 2>/dev/null \
    | grep -q '^True True$' && break
  sleep 2
done
args=("$runs" "$ns" "$kubectl" "$hub_kc" "$cloud_kc" "$edge_kc" bench-cloud bench-edge)
# Round 1 (cold): the operator's first burst right after start-up (JIT still compiling, no pooled
# connections). Its runs are then deleted (the operator removes their remote objects) and round 2
# (warm) measures the same burst on the running operator, as a long-running installation sees it.
cold_line="$(python3 operator/bench/measure.py operator "${args[@]}" cold- "$repo/operator/target/dispatch-cold-timeline.tsv")"
"$kubectl" --kubeconfig "$hub_kc" -n "$ns" delete benchmarkruns --all --timeout=300s >/dev/null
# Where the warm round's work goes: the operator's CPU seconds and the API requests per run on
# each server (kube-apiserver /metrics), beside the plain client's.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$op/stat"; }
req() { python3 operator/bench/requests.py snapshot "$kubectl" "$hub_kc" "$cloud_kc" "$edge_kc"; }
all_cpu() { python3 operator/bench/cpu.py snapshot "$repo/.local/clusters" "$op"; }
cpu0="$(cpu_s)"; req0="$(req)"; all0="$(all_cpu)"
op_line="$(python3 operator/bench/measure.py operator "${args[@]}" warm- "$repo/operator/target/dispatch-warm-timeline.tsv")"
cpu1="$(cpu_s)"; req1="$(req)"; all1="$(all_cpu)"
rss_kib="$(ps -o rss= -p "$op")"
[[ "${NMT:-0}" == 1 ]] && jcmd "$op" VM.native_memory summary | grep -E '^(Native Memory|Total|-)' >&2
minimal_line="$(python3 operator/bench/measure.py minimal "${args[@]}" minimal-)"
req2="$(req)"; all2="$(all_cpu)"
floor_line="$(python3 operator/bench/measure.py floor "${args[@]}" floor-)"
req3="$(req)"; all3="$(all_cpu)"
echo "warm round: operator CPU $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN{printf "%.1f", b - a}') s; API requests per run:"
python3 operator/bench/requests.py diff "$req0" "$req1" "$runs"
echo "minimal controller: API requests per run:"
python3 operator/bench/requests.py diff "$req1" "$req2" "$runs"
echo "plain client: API requests per run:"
python3 operator/bench/requests.py diff "$req2" "$req3" "$runs"
echo "warm round: CPU seconds by component (the machine's cores are shared by all of them):"
python3 operator/bench/cpu.py diff "$all0" "$all1"
echo "minimal controller round: CPU seconds by component:"
python3 operator/bench/cpu.py diff "$all1" "$all2"
echo "plain client round: CPU seconds by component:"
python3 operator/bench/cpu.py diff "$all2" "$all3"
echo "cold: $cold_line"
echo "warm: $op_line"
echo "$minimal_line"
echo "$floor_line"
python3 - "$cold_line" "$op_line" "$minimal_line" "$floor_line" "$rss_kib" <<'PY'
import sys
def get(line, key): return float(dict(kv.split("=") for kv in line.split())[key].rstrip("s"))
cold, warm, minimal, floor, rss = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
print(f"ratio cold_p50={get(cold,'p50')/get(floor,'p50'):.2f} cold_p99={get(cold,'p99')/get(floor,'p99'):.2f}"
      f" p50={get(warm,'p50')/get(floor,'p50'):.2f} p99={get(warm,'p99')/get(floor,'p99'):.2f}"
      f" minimal_p99={get(minimal,'p99')/get(floor,'p99'):.2f} p99_vs_minimal={get(warm,'p99')/get(minimal,'p99'):.2f}"
      f" operator_rss={rss/1024:.0f}MiB")
PY
