#!/usr/bin/env bash
# Scale benchmark (issue 11; a kept script that prints figures, not a timed test): MEMBERS
# MemberClusters (distinct workload namespaces on the local cloud-1 API server) and RUNS runs
# created over time, each a tiny real workload (one scenario, size 8, one sample of 1x) that
# finishes in seconds. Measures, with the operator started with the chart's JVM settings:
#   - operator RSS after all runs finished (MiB),
#   - reconciles per minute per member while nothing changes (from the SDK's reconcile counter),
#   - time from create to admission of the last run vs the first (creationTimestamp ->
#     status.assignment.admittedAt; both second resolution, so very short runs are clamped at 1 s).
# Prints a table and, last, one line:
#   operator_rss=<N>MiB idle_reconciles_per_member_min=<x> admit_500th_vs_1st=<ratio>
# Usage: operator/bench/scale.sh [MEMBERS=20] [RUNS=500] [IDLE_SECONDS=120]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
members="${1:-20}"; runs="${2:-500}"; idle="${3:-120}"
[[ "$members" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ && "$idle" =~ ^[1-9][0-9]*$ ]] \
  || { echo "usage: scale.sh [MEMBERS] [RUNS] [IDLE_SECONDS] (positive integers)" >&2; exit 2; }
ns="mapbench-scale-$(date +%s)"
kubectl="$(dirname "$(deploy/local/kube/build.sh | tail -n1)")/kubectl"
export KUBECTL="$kubectl"
deploy/local/clusters up >&2
[[ -f operator/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -q -B -DskipTests install >&2
hub_kc="$(deploy/local/clusters kubeconfig hub)"; cloud_kc="$(deploy/local/clusters kubeconfig cloud-1)"
# Fresh clusters have no CRDs yet (the operator never applies them in prod mode).
"$kubectl" --kubeconfig "$hub_kc" apply --server-side --force-conflicts -f crds/ >/dev/null
"$kubectl" --kubeconfig "$hub_kc" create namespace "$ns" >/dev/null
port=18091
# The chart's JVM settings: heap = jvm.maxRAMPercentage of the container's memory limit.
limit_mib="$(sed -n '/^resources:/,/^[a-z]/p' helm/mapbench-operator/values.yaml | awk '/limits:/{l=1} l && /memory:/{print $2; exit}' | tr -d 'Mi')"
pct="$(awk '/^jvm:/{j=1} j && /maxRAMPercentage:/{print $2; exit}' helm/mapbench-operator/values.yaml)"
heap_mib=$(( limit_mib * pct / 100 ))
log="$repo/operator/target/scale-operator.log"
KUBECONFIG="$hub_kc" java "-Xmx${heap_mib}m" -Djava.io.tmpdir=/tmp -Dmapbench.operator-namespace="$ns" \
  -Dmapbench.policy.enabled=false -Dquarkus.http.port=$port \
  -Dquarkus.operator-sdk.controllers.benchmarkrun.namespaces="$ns" \
  -Dquarkus.operator-sdk.controllers.membercluster.selector="mapbench.io/scale=$ns" \
  -jar operator/target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
op=$!
cleanup() {
  "$kubectl" --kubeconfig "$hub_kc" -n "$ns" delete benchmarkruns --all --timeout=300s >/dev/null 2>&1 || true
  "$kubectl" --kubeconfig "$hub_kc" delete membercluster -l "mapbench.io/scale=$ns" --timeout=120s >/dev/null 2>&1 || true
  kill "$op" 2>/dev/null || true
  "$kubectl" --kubeconfig "$hub_kc" delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
  for i in $(seq 1 "$members"); do
    "$kubectl" --kubeconfig "$cloud_kc" delete namespace "$ns-m$i" --wait=false >/dev/null 2>&1 || true
    "$kubectl" --kubeconfig "$cloud_kc" delete clusterrolebinding "mapbench-hub-node-reader-$ns-m$i" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
for i in $(seq 1 "$members"); do
  deploy/member/onboard.sh --name "scale-$i-$ns" --tier cloud --member-kubeconfig "$cloud_kc" --hub-kubeconfig "$hub_kc" \
    --operator-namespace "$ns" --workload-namespace "$ns-m$i" --label "mapbench.io/scale=$ns" \
    --max-concurrent-runs 2 >/dev/null 2>&1
done
echo "onboarded $members members" >&2
for _ in $(seq 1 120); do
  ready="$("$kubectl" --kubeconfig "$hub_kc" get mc -l "mapbench.io/scale=$ns" \
    -o 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c '^True$' || true)"
  [[ "$ready" -ge "$members" ]] && break
  sleep 2
done
python3 - "$ns" "$runs" "$kubectl" "$hub_kc" <<'PY'
import json, subprocess, sys, time
ns, runs, kubectl, kc = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def doc(i):
    return {"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkRun", "metadata": {"name": f"s-{i:04d}", "namespace": ns},
            "spec": {"scenarios": ["range-kv-vs-keys"], "goVersions": ["1.26"], "repetitions": 1, "benchtime": "1x",
                     "matrix": {"keyTypes": ["int64"], "valueTypes": ["int64"], "sizes": [8]},
                     "placement": {"maxClusters": 1, "clusterSelector": {"matchLabels": {"mapbench.io/scale": ns}}},
                     "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "100m", "memory": "64Mi"}},
                     "cleanup": {"ttlAfterFinished": "0s"}}}
# Created over time: batches of 25 every 5 s.
for start in range(0, runs, 25):
    batch = "\n---\n".join(json.dumps(doc(i)) for i in range(start, min(runs, start + 25)))
    subprocess.run([kubectl, "--kubeconfig", kc, "apply", "-f", "-"], input=batch, text=True, check=True, capture_output=True)
    time.sleep(5)
PY
echo "created $runs runs; waiting for all to finish" >&2
for _ in $(seq 1 720); do
  unfinished="$("$kubectl" --kubeconfig "$hub_kc" -n "$ns" get benchmarkruns -o 'jsonpath={range .items[*]}{.status.phase}{"\n"}{end}' \
    | grep -cvE '^(Succeeded|PartiallySucceeded|Failed)$' || true)"
  [[ "$unfinished" -eq 0 ]] && break
  sleep 5
done
# Reconciles per controller (the framework's timer count): "<benchmarkrun> <membercluster>"; fails
# loudly if the series is missing rather than reporting 0.
reconciles() {
  curl -s "localhost:$port/q/metrics" | awk '/^operator_sdk_controllers_execution_reconcile_seconds_count\{/ {
      n++; if ($0 ~ /controller="benchmarkrun"/) r += $2; else if ($0 ~ /controller="membercluster"/) m += $2 }
    END {if (n == 0) {print "no operator_sdk_controllers_execution_reconcile_seconds_count series" > "/dev/stderr"; exit 1}
         print r + 0, m + 0}'
}
r0="$(reconciles)"; sleep "$idle"; r1="$(reconciles)"
rss_kib="$(ps -o rss= -p "$op")"
python3 - "$ns" "$kubectl" "$hub_kc" "$members" "$idle" "$r0" "$r1" "$rss_kib" "$unfinished" <<'PY'
import json, subprocess, sys
from datetime import datetime
ns, kubectl, kc, members, idle, r0, r1, rss, unfinished = sys.argv[1:10]
(run0, mc0), (run1, mc1) = (map(float, r0.split()), map(float, r1.split()))
items = json.loads(subprocess.run([kubectl, "--kubeconfig", kc, "-n", ns, "get", "benchmarkruns", "-o", "json"],
                                  capture_output=True, text=True, check=True).stdout)["items"]
parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
waits = []
for r in sorted(items, key=lambda r: r["metadata"]["name"]):
    a = r.get("status", {}).get("assignment", {}).get("admittedAt")
    if a:
        waits.append(max(1.0, (parse(a) - parse(r["metadata"]["creationTimestamp"])).total_seconds()))
phases = {}
for r in items:
    p = r.get("status", {}).get("phase", "none")
    phases[p] = phases.get(p, 0) + 1
minutes = float(idle) / 60
idle_rate = (run1 - run0) / minutes / int(members)
probe_rate = (mc1 - mc0) / minutes / int(members)
ratio = waits[-1] / waits[0] if waits else float("nan")
print(f"| runs | {len(items)} ({', '.join(f'{k} {v}' for k, v in sorted(phases.items()))}; unfinished at timeout {unfinished}) |")
print(f"| members | {members} |")
print(f"| operator RSS | {int(rss) / 1024:.0f} MiB |")
print(f"| idle BenchmarkRun reconciles/min/member | {idle_rate:.2f} (over {idle}s) |")
print(f"| idle MemberCluster reconciles/min/member (the probe timer) | {probe_rate:.2f} |")
print(f"| admit wait first / last | {waits[0] if waits else 'n/a'} s / {waits[-1] if waits else 'n/a'} s |")
print(f"operator_rss={int(rss) / 1024:.0f}MiB idle_reconciles_per_member_min={idle_rate:.2f} admit_500th_vs_1st={ratio:.2f}")
PY
