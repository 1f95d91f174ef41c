#!/usr/bin/env bash
# Scale benchmark (issue 11; a kept script that prints figures, not a timed test): MEMBERS
# MemberClusters (distinct workload namespaces on the local cloud-1 API server) and RUNS runs
# created over time (batches of 25 every BATCH_SECONDS, default 15 s), each a tiny real workload (one scenario, size 8, one
# sample of 1x) that finishes in seconds; every member has room for RUNS/MEMBERS runs, so no run
# waits for capacity. The operator runs with the chart's JVM settings (operator/bench/chart-jvm.sh).
# Measures:
#   - operator RSS after all runs finished (MiB),
#   - reconciles per minute per member while nothing changes (the SDK's reconcile timer count),
#   - admission latency per run, from one hub watch: the run's first event -> the first event that
#     shows status.assignment (milliseconds); admit_500th_vs_1st is the median of the last batch of
#     25 runs over the median of the first batch (single runs jitter too much to compare two).
# Prints a table and, last, one line:
#   operator_rss=<N>MiB idle_reconciles_per_member_min=<x> admit_500th_vs_1st=<ratio>
# Usage: operator/bench/scale.sh [MEMBERS=20] [RUNS=500] [IDLE_SECONDS=120]
# OPERATOR_JAR=path/to/quarkus-run.jar measures another build; OPERATOR_JAVA_OPTS adds JVM options;
# NMT=1 prints the JVM's native memory summary where RSS is measured. BATCH_SECONDS (default 15)
# sets the creation rate. The admission figure compares the 500th run with the first only when both
# meet the same load: at 5 s per batch the 2-core machine fell behind the runs' real pods and the
# last batch waited behind that backlog (admit_500th_vs_1st=21.71 measured the saturation); 15 s is
# meant to be a rate it keeps up with.
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
jar="${OPERATOR_JAR:-operator/target/quarkus-app/quarkus-run.jar}"
[[ -n "${OPERATOR_JAR:-}" || -f "$jar" ]] || ./mvnw -q -B -DskipTests install >&2
[[ -f "$jar" ]] || { echo "OPERATOR_JAR: no file $jar" >&2; exit 2; }
hub_kc="$(deploy/local/clusters kubeconfig hub)"; cloud_kc="$(deploy/local/clusters kubeconfig cloud-1)"
# Fresh clusters have no CRDs yet (the operator never applies them in prod mode).
"$kubectl" --kubeconfig "$hub_kc" apply --server-side --force-conflicts -f crds/ >/dev/null
"$kubectl" --kubeconfig "$hub_kc" create namespace "$ns" >/dev/null
port=18091
# A previous invocation still cleaning up holds the port; this operator would exit at start-up.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port is in use (another scale.sh still running or cleaning up?); try again when it is free" >&2; exit 1
fi
# The chart's JVM settings as the pod runs them (heap from the memory limit, processors from the CPU
# limit; operator/bench/chart-jvm.sh), then OPERATOR_JAVA_OPTS; NMT=1 adds native memory tracking.
jvm_opts="$(operator/bench/chart-jvm.sh) ${OPERATOR_JAVA_OPTS:-}"
# and its environment for native memory (MALLOC_ARENA_MAX).
mapfile -t jvm_env < <(operator/bench/chart-jvm.sh --env)
[[ "${NMT:-0}" == 1 ]] && jvm_opts+=" -XX:NativeMemoryTracking=summary"
echo "JVM options: $jvm_opts; environment: ${jvm_env[*]:-(none)}" >&2
log="$repo/operator/target/scale-operator.log"
mkdir -p "$(dirname "$log")"
# shellcheck disable=SC2086
env "${jvm_env[@]}" KUBECONFIG="$hub_kc" java $jvm_opts -Dmapbench.operator-namespace="$ns" \
  -Dmapbench.policy.enabled=false -Dquarkus.http.port=$port \
  -Dquarkus.operator-sdk.controllers.benchmarkrun.namespaces="$ns" \
  -Dquarkus.operator-sdk.controllers.membercluster.selector="mapbench.io/scale=$ns" \
  -jar "$jar" >"$log" 2>&1 &
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
# Room for every run at once (RUNS/MEMBERS slots per member): no run ever waits for capacity, so
# the admission figure measures the admission path itself, not queueing behind running runs.
slots=$(( (runs + members - 1) / members ))
# Onboarded 5 at a time (one at a time took ~50 s each on a loaded machine).
onboard() {
  deploy/member/onboard.sh --name "scale-$1-$ns" --tier cloud --member-kubeconfig "$cloud_kc" --hub-kubeconfig "$hub_kc" \
    --operator-namespace "$ns" --workload-namespace "$ns-m$1" --label "mapbench.io/scale=$ns" \
    --max-concurrent-runs "$slots" >"$repo/operator/target/scale-onboard-$1.log" 2>&1 \
    || { echo "onboarding member $1 failed:" >&2; cat "$repo/operator/target/scale-onboard-$1.log" >&2; return 1; }
}
pids=()
for i in $(seq 1 "$members"); do
  onboard "$i" & pids+=($!)
  if (( ${#pids[@]} == 5 || i == members )); then wait "${pids[@]}"; pids=(); fi  # not the operator's pid
done
echo "onboarded $members members" >&2
for _ in $(seq 1 120); do
  ready="$("$kubectl" --kubeconfig "$hub_kc" get mc -l "mapbench.io/scale=$ns" \
    -o 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c '^True$' || true)"
  [[ "$ready" -ge "$members" ]] && break
  sleep 2
done
# Admission latency per run from one hub watch (millisecond resolution): first event of the run ->
# first event showing status.assignment. Lines "<run> <seconds>".
admissions="$repo/operator/target/scale-admissions.txt"
python3 -u - "$ns" "$kubectl" "$hub_kc" >"$admissions" <<'PY' &
import subprocess, sys, time
ns, kubectl, kc = sys.argv[1:4]
proc = subprocess.Popen([kubectl, "--kubeconfig", kc, "-n", ns, "get", "benchmarkruns", "--watch", "--no-headers",
                         "-o", "custom-columns=RUN:.metadata.name,ADMITTED:.status.assignment.admittedAt"],
                        stdout=subprocess.PIPE, text=True, bufsize=1)
added, done = {}, set()
for line in proc.stdout:
    now = time.time()
    parts = line.split()
    if len(parts) != 2:
        continue
    added.setdefault(parts[0], now)
    if parts[1] != "<none>" and parts[0] not in done:
        done.add(parts[0])
        print(parts[0], f"{now - added[parts[0]]:.3f}")
PY
watcher=$!
sleep 1
python3 - "$ns" "$runs" "$kubectl" "$hub_kc" "${BATCH_SECONDS:-15}" <<'PY'
import json, subprocess, sys, time
ns, runs, kubectl, kc, every = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
def doc(i):
    return {"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkRun", "metadata": {"name": f"s-{i:04d}", "namespace": ns},
            "spec": {"scenarios": ["range-kv-vs-keys"], "goVersions": ["1.26"], "repetitions": 1, "benchtime": "1x",
                     "matrix": {"keyTypes": ["int64"], "valueTypes": ["int64"], "sizes": [8]},
                     "placement": {"maxClusters": 1, "clusterSelector": {"matchLabels": {"mapbench.io/scale": ns}}},
                     "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "100m", "memory": "64Mi"}},
                     "cleanup": {"ttlAfterFinished": "0s"}}}
# Created over time: batches of 25 every BATCH_SECONDS.
for start in range(0, runs, 25):
    batch = "\n---\n".join(json.dumps(doc(i)) for i in range(start, min(runs, start + 25)))
    subprocess.run([kubectl, "--kubeconfig", kc, "apply", "-f", "-"], input=batch, text=True, check=True, capture_output=True)
    time.sleep(every)
PY
echo "created $runs runs; waiting for all to finish" >&2
for _ in $(seq 1 720); do
  kill -0 "$op" 2>/dev/null || { echo "the operator exited; its log: $log" >&2; exit 1; }
  unfinished="$("$kubectl" --kubeconfig "$hub_kc" -n "$ns" get benchmarkruns -o 'jsonpath={range .items[*]}{.status.phase}{"\n"}{end}' \
    | grep -cvE '^(Succeeded|PartiallySucceeded|Failed)$' || true)"
  [[ "$unfinished" -eq 0 ]] && break
  sleep 5
done
# Reconciles per controller (the framework's timer count): "<benchmarkrun> <membercluster>"; fails
# loudly if either controller's series is missing rather than reporting 0 (until the operator counted
# per controller, the BenchmarkRun series were dropped at export and this read 0 for them).
reconciles() {
  curl -s "localhost:$port/q/metrics" | awk '/^operator_sdk_controllers_execution_reconcile_seconds_count\{/ {
      if ($0 ~ /controller="benchmarkrun"/) {nr++; r += $NF} else if ($0 ~ /controller="membercluster"/) {nm++; m += $NF} }
    END {if (nr == 0 || nm == 0) {print "no operator_sdk_controllers_execution_reconcile_seconds_count series for the" \
           (nr == 0 ? " benchmarkrun" : "") (nm == 0 ? " membercluster" : "") " controller" > "/dev/stderr"; exit 1}
         print r, m}'
}
pkill -P "$watcher" 2>/dev/null || true; kill "$watcher" 2>/dev/null || true
r0="$(reconciles)"; sleep "$idle"; r1="$(reconciles)"
rss_kib="$(ps -o rss= -p "$op")"
# Collections so far (young count and seconds, full count and seconds): what the heap settings cost.
gcs="$(jstat -gcutil "$op" | awk 'NR == 2 {for (i = 1; i <= NF; i++) v[i] = $i} NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i}
  END {printf "young %s (%s s), full %s (%s s)", v[h["YGC"]], v[h["YGCT"]], v[h["FGC"]], v[h["FGCT"]]}')"
[[ "${NMT:-0}" == 1 ]] && jcmd "$op" VM.native_memory summary | grep -E '^(Native Memory|Total|-)' >&2
python3 - "$ns" "$kubectl" "$hub_kc" "$members" "$idle" "$r0" "$r1" "$rss_kib" "$unfinished" "$admissions" "$gcs" <<'PY'
import json, statistics, subprocess, sys
ns, kubectl, kc, members, idle, r0, r1, rss, unfinished, admissions, gcs = sys.argv[1:12]
(run0, mc0), (run1, mc1) = (map(float, r0.split()), map(float, r1.split()))
items = json.loads(subprocess.run([kubectl, "--kubeconfig", kc, "-n", ns, "get", "benchmarkruns", "-o", "json"],
                                  capture_output=True, text=True, check=True).stdout)["items"]
# In creation order (names are numbered in that order).
waits = [float(w) for _, w in sorted(line.split() for line in open(admissions) if line.strip())]
phases = {}
for r in items:
    p = r.get("status", {}).get("phase", "none")
    phases[p] = phases.get(p, 0) + 1
minutes = float(idle) / 60
idle_rate = (run1 - run0) / minutes / int(members)
probe_rate = (mc1 - mc0) / minutes / int(members)
# admit_500th_vs_1st: median admission latency of the last creation batch (25 runs) over the first
# batch's; single runs' millisecond latencies jitter too much on a shared machine to compare two.
batch = 25
ratio = statistics.median(waits[-batch:]) / statistics.median(waits[:batch]) if len(waits) >= batch else float("nan")
print(f"| runs | {len(items)} ({', '.join(f'{k} {v}' for k, v in sorted(phases.items()))}; unfinished at timeout {unfinished}) |")
print(f"| members | {members} |")
print(f"| operator RSS | {int(rss) / 1024:.0f} MiB |")
print(f"| garbage collections | {gcs} |")
print(f"| idle BenchmarkRun reconciles/min/member | {idle_rate:.2f} (over {idle}s) |")
print(f"| idle MemberCluster reconciles/min/member (the probe timer) | {probe_rate:.2f} |")
if waits:
    print(f"| admission latency: runs admitted | {len(waits)} of {len(items)} |")
    print(f"| admission latency: first run / last run | {waits[0]:.3f} s / {waits[-1]:.3f} s |")
    print(f"| admission latency: median of first / last {batch} | {statistics.median(waits[:batch]):.3f} s / "
          f"{statistics.median(waits[-batch:]):.3f} s |")
    print(f"| admission latency: p50 / p99 of all | {statistics.quantiles(waits, n=100)[49]:.3f} s / "
          f"{statistics.quantiles(waits, n=100)[98]:.3f} s |")
print(f"operator_rss={int(rss) / 1024:.0f}MiB idle_reconciles_per_member_min={idle_rate:.2f} admit_500th_vs_1st={ratio:.2f}")
PY
