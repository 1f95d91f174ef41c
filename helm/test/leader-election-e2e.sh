#!/usr/bin/env bash
# Leader election among operator replicas, on a local hub of its own (own state directory and
# ports), with exactly the chart's RBAC:
#  1. `helm install` with leaderElection.enabled=true and replicas=0: CRDs, the ServiceAccount,
#     its Roles (incl. the Lease rules) and the policy ConfigMaps, but no operator pod. Pods of the
#     local clusters are host processes sharing one loopback, so two replicas of the chart's pod
#     would fight over one HTTP port; the replicas are started here instead, as two host
#     processes of the same jar with the settings the chart's Deployment renders (MAPBENCH_*) and
#     a token of the chart's ServiceAccount;
#  2. exactly one of them holds the Lease; only it reconciles (a MemberCluster gets status from
#     it, the stand-by's reconcile counter stays absent);
#  3. the leader is stopped (SIGTERM, as on a rollout): it exits within 30 s, the stand-by takes
#     the Lease and reconciles.
# Environment: MAPBENCH_LE_PORT_BASE (default 29300). Needs operator/target/quarkus-app.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export MAPBENCH_CLUSTERS_DIR="$repo/.local/helm-le/clusters"
export MAPBENCH_PORT_BASE="${MAPBENCH_LE_PORT_BASE:-29300}"
work="$repo/.local/helm-le/work"
ns=mapbench-system
lease=mb-e2e-lease
jar="$repo/operator/target/quarkus-app/quarkus-run.jar"
t0=$(date +%s)
log() { echo "leader-election [$(( $(date +%s) - t0 ))s]: $*"; }
[[ -f "$jar" ]] || { echo "leader-election: $jar missing: build it (./mvnw -B -pl operator -am package -DskipTests)" >&2; exit 1; }

HELM="$("$repo/hack/tools/helm.sh" | tail -n1)"
KUBECTL="$(dirname "$("$repo/deploy/local/kube/build.sh" | tail -n1)")/kubectl"
clusters() { "$repo/deploy/local/clusters" "$@"; }
declare -A pid port
port[a]=$((MAPBENCH_PORT_BASE + 60))
port[b]=$((MAPBENCH_PORT_BASE + 61))
cleanup() {
  for r in a b; do [[ -n "${pid[$r]:-}" ]] && kill "${pid[$r]}" 2>/dev/null || true; done
  clusters down >/dev/null 2>&1 || true
  rm -rf "$repo/.local/helm-le"
}
trap cleanup EXIT
fail() {
  echo "leader-election FAILED: $*" >&2
  hub -n "$ns" get lease "$lease" -o yaml 2>&1 | sed -n '/^spec:/,$p' >&2 || true
  for r in a b; do echo "--- replica $r log (tail)" >&2; tail -n 25 "$work/op-$r.log" >&2 || true; done
  exit 1
}

clusters down >/dev/null 2>&1 || true
rm -rf "$repo/.local/helm-le"
mkdir -p "$work"
log "hub (state $MAPBENCH_CLUSTERS_DIR, ports from $MAPBENCH_PORT_BASE)"
clusters up --no-agent hub >/dev/null
HUB="$(clusters kubeconfig hub)"
hub() { "$KUBECTL" --kubeconfig "$HUB" "$@"; }

log "helm install (leaderElection.enabled=true, replicas=0)"
"$HELM" --kubeconfig "$HUB" install mb "$repo/helm/mapbench-operator" -n "$ns" --create-namespace \
  --set replicas=0 --set leaderElection.enabled=true --set leaderElection.leaseName="$lease" \
  --set cleanupOnUninstall.enabled=false --wait --timeout 3m >/dev/null

# The chart's ServiceAccount, nothing more: a kubeconfig with a token of it and the hub's CA.
token="$(hub -n "$ns" create token mb-mapbench-operator --duration=1h)"
cp "$HUB" "$work/sa.kubeconfig"
"$KUBECTL" --kubeconfig "$work/sa.kubeconfig" config set-credentials chart-sa --token="$token" >/dev/null
"$KUBECTL" --kubeconfig "$work/sa.kubeconfig" config set-context --current --user=chart-sa >/dev/null

start() { # replica: the environment the chart's Deployment renders with leader election on
  env KUBECONFIG="$work/sa.kubeconfig" MAPBENCH_OPERATOR_NAMESPACE="$ns" \
    MAPBENCH_LEADER_ELECTION_ENABLED=true MAPBENCH_LEADER_ELECTION_LEASE_NAME="$lease" \
    MAPBENCH_LEADER_ELECTION_LEASE_NAMESPACE="$ns" MAPBENCH_LEADER_ELECTION_IDENTITY="replica-$1" \
    QUARKUS_HTTP_PORT="${port[$1]}" java -XX:MaxRAMPercentage=10 -jar "$jar" >"$work/op-$1.log" 2>&1 &
  pid[$1]=$!
}
holder() { hub -n "$ns" get lease "$lease" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true; }
reconciles() { # replica -> MemberCluster reconciles counted at its /q/metrics (0 when none)
  curl -fsS "http://127.0.0.1:${port[$1]}/q/metrics" 2>/dev/null \
    | awk '/^operator_sdk_controllers_execution_reconcile_seconds_count\{.*controller="membercluster"/ {n+=$NF} END {print n+0}'
}
ready() { curl -fsS "http://127.0.0.1:${port[$1]}/q/health/ready" >/dev/null 2>&1; }
wait_for() { # seconds, command...
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do (( $(date +%s) < deadline )) || return 1; sleep 1; done
}
held_by_one() { [[ "$(holder)" == replica-a || "$(holder)" == replica-b ]]; }

log "two replicas (identities replica-a, replica-b)"
start a
start b
wait_for 120 ready a || fail "replica a not ready"
wait_for 120 ready b || fail "replica b not ready"
wait_for 60 held_by_one || fail "no replica holds Lease $ns/$lease"
leader="$(holder)"; leader="${leader#replica-}"
standby=$([[ "$leader" == a ]] && echo b || echo a)
log "replica $leader holds the Lease"

# A MemberCluster whose Secret does not exist: the leader reconciles it (Ready=False), the
# stand-by must not.
hub apply -f - >/dev/null <<'MC'
apiVersion: mapbench.io/v1alpha1
kind: MemberCluster
metadata:
  name: le-probe
  labels: {mapbench.io/tier: cloud}
spec:
  kubeconfigSecretRef: {name: no-such-secret}
MC
has_status() { [[ -n "$(hub get membercluster le-probe -o jsonpath='{.status.conditions[?(@.type=="Ready")].reason}')" ]]; }
wait_for 60 has_status || fail "the leader did not reconcile MemberCluster le-probe"
leader_count="$(reconciles "$leader")"; standby_count="$(reconciles "$standby")"
(( leader_count > 0 )) || fail "leader $leader counted no MemberCluster reconcile"
(( standby_count == 0 )) || fail "stand-by $standby reconciled $standby_count times"
[[ "$(holder)" == "replica-$leader" ]] || fail "the Lease moved to $(holder) without a reason"
log "only the leader reconciles (leader: $leader_count MemberCluster reconciles, stand-by: 0)"

log "stopping leader $leader"
stopped=$(date +%s)
kill "${pid[$leader]}"
gone() { ! kill -0 "${pid[$leader]}" 2>/dev/null; }
# A graceful stop must end the process (a leader's shutdown once blocked on the SDK's System.exit).
wait_for 30 gone || fail "leader $leader still running 30s after SIGTERM: its shutdown is blocked"
wait "${pid[$leader]}" 2>/dev/null || true; pid[$leader]=""
taken_over() { [[ "$(holder)" == "replica-$standby" ]]; }
wait_for 60 taken_over || fail "stand-by $standby did not take the Lease"
took=$(( $(date +%s) - stopped ))
hub annotate membercluster le-probe mapbench.io/touched="$(date +%s)" --overwrite >/dev/null
new_leader_reconciles() { (( $(reconciles "$standby") > 0 )); }
wait_for 60 new_leader_reconciles || fail "new leader $standby does not reconcile"
log "replica $standby took the Lease ${took}s after the leader stopped and reconciles ($(reconciles "$standby") MemberCluster reconciles)"
hub delete membercluster le-probe --wait=false >/dev/null
log "PASSED"
