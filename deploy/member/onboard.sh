#!/usr/bin/env bash
# Onboards a member cluster to a mapbench hub:
#  1. in the MEMBER (with an admin kubeconfig, used only here), with `kubectl apply -k` of
#     deploy/member (kustomize; the workload namespace patched in when not the default): the
#     workload namespace with PodSecurity "restricted" enforced, the mapbench-hub ServiceAccount
#     in its own namespace mapbench-hub-access (never where Jobs run) and its minimal Role and
#     ClusterRole (rbac.yaml);
#  2. a time-bound token for that ServiceAccount (TokenRequest, `kubectl create token
#     --duration`; no long-lived token Secret exists) and a kubeconfig built with
#     `kubectl config set-cluster --embed-certs` / `set-credentials` / `set-context` that embeds
#     only that token and the member's CA (no exec plugin, no file reference);
#  3. a self-check with that kubeconfig: `kubectl auth can-i` must answer yes to what the operator
#     needs and no to what it must not do (Secrets, Pods create, other namespaces); any error
#     fails the onboarding;
#  4. on the HUB: the kubeconfig as Secret mapbench-member-<name> (key "kubeconfig") in the
#     operator's namespace, and a MemberCluster (kustomize overlay of deploy/member/hub) with its
#     tier label, annotated with the token's expiry.
# Rotation: run the script again before the token expires (--token-duration, default 720h): it
# requests a new token and replaces the Secret; the operator re-reads it on its next probe. The
# MemberCluster's annotation mapbench.io/token-expires-at says when. Idempotent (server-side apply).
#
# Usage: deploy/member/onboard.sh --name NAME --member-kubeconfig FILE --hub-kubeconfig FILE \
#          [--tier cloud|edge] [--label KEY=VALUE]... [--operator-namespace NS] \
#          [--workload-namespace NS] [--server URL] [--max-concurrent-runs N] [--token-duration D]
# --tier edge adds the edge toleration (mapbench.io/edge=true:NoSchedule) and nodeSelector
# (node-role.kubernetes.io/edge=true) to the MemberCluster. --server overrides the API server
# URL the hub uses (e.g. a latency proxy in front of the member); default: the member
# kubeconfig's current server.
# Environment: KUBECTL (default: kubectl on PATH, else the one deploy/local/kube/build.sh built).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

die() { echo "onboard.sh: $*" >&2; exit 2; }
log() { echo "onboard.sh: $*" >&2; }

name="" member_kc="" hub_kc="" tier="cloud" operator_ns="mapbench-system"
workload_ns="mapbench-workloads" server="" max_runs="1" token_duration="720h"
access_ns="mapbench-hub-access"
labels=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) name="${2:-}"; shift 2 ;;
    --member-kubeconfig) member_kc="${2:-}"; shift 2 ;;
    --hub-kubeconfig) hub_kc="${2:-}"; shift 2 ;;
    --tier) tier="${2:-}"; shift 2 ;;
    --label) labels+=("${2:-}"); shift 2 ;;
    --operator-namespace) operator_ns="${2:-}"; shift 2 ;;
    --workload-namespace) workload_ns="${2:-}"; shift 2 ;;
    --server) server="${2:-}"; shift 2 ;;
    --max-concurrent-runs) max_runs="${2:-}"; shift 2 ;;
    --token-duration) token_duration="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

dns_label='^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'
[[ -n "$name" ]] || die "--name is required: the MemberCluster name, a DNS label such as cloud-1"
[[ "$name" =~ $dns_label && ${#name} -le 63 ]] || die "--name '$name' must be a DNS label (lowercase letters, digits, '-'; at most 63)"
[[ -f "$member_kc" ]] || die "--member-kubeconfig '$member_kc' is not a file: give an admin kubeconfig of the member cluster"
[[ -f "$hub_kc" ]] || die "--hub-kubeconfig '$hub_kc' is not a file: give a kubeconfig of the hub cluster"
[[ "$tier" == cloud || "$tier" == edge ]] || die "--tier '$tier' is not allowed: use cloud or edge"
[[ "$operator_ns" =~ $dns_label ]] || die "--operator-namespace '$operator_ns' must be a DNS label"
[[ "$workload_ns" =~ $dns_label && "$workload_ns" != "$access_ns" ]] \
  || die "--workload-namespace '$workload_ns' must be a DNS label other than $access_ns"
[[ "$max_runs" =~ ^[1-9][0-9]?$|^100$ ]] || die "--max-concurrent-runs '$max_runs' must be an integer from 1 to 100"
[[ "$token_duration" =~ ^[0-9]+(h|m)$ ]] || die "--token-duration '$token_duration' must be hours or minutes, e.g. 720h"
for l in "${labels[@]}"; do
  [[ "$l" =~ ^[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*$ ]] || die "--label '$l' must look like key=value (Kubernetes label syntax)"
done

if [[ -z "${KUBECTL:-}" ]]; then
  if command -v kubectl >/dev/null; then KUBECTL=kubectl
  else KUBECTL="$(dirname "$("$repo/deploy/local/kube/build.sh" | tail -n1)")/kubectl"; fi
fi
member() { "$KUBECTL" --kubeconfig "$member_kc" "$@"; }
hub() { "$KUBECTL" --kubeconfig "$hub_kc" "$@"; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
apply() { "$@" apply --server-side --force-conflicts --field-manager=mapbench-onboard -f - >/dev/null; }

# --- 1. member side -------------------------------------------------------------------------------
log "member $name: namespaces $workload_ns (PodSecurity restricted) and $access_ns, ServiceAccount mapbench-hub, RBAC"
mkdir -p "$tmp/member"
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources: [\"$(realpath --relative-to="$tmp/member" "$here")\"]" # kustomize refuses absolute paths
  if [[ "$workload_ns" != mapbench-workloads ]]; then
    echo "patches:"
    echo "  - target: {kind: Namespace, name: mapbench-workloads}"
    echo "    patch: '[{\"op\": \"replace\", \"path\": \"/metadata/name\", \"value\": \"$workload_ns\"}]'"
    echo "  - target: {namespace: mapbench-workloads}"
    echo "    patch: '[{\"op\": \"replace\", \"path\": \"/metadata/namespace\", \"value\": \"$workload_ns\"}]'"
  fi
} >"$tmp/member/kustomization.yaml"
member kustomize "$tmp/member" | apply member

# --- 2. time-bound token and kubeconfig -----------------------------------------------------------
read -r token expires < <(member -n "$access_ns" create token mapbench-hub --duration="$token_duration" \
  -o 'jsonpath={.status.token}{" "}{.status.expirationTimestamp}{"\n"}') \
  || die "member $name: TokenRequest for $access_ns/mapbench-hub failed (is the API server's service-account issuer configured?)"
[[ -n "$token" && -n "$expires" ]] || die "member $name: the TokenRequest answer has no token or expiry"
if [[ -z "$server" ]]; then
  server="$(member config view --minify -o 'jsonpath={.clusters[0].cluster.server}')"
fi
[[ "$server" =~ ^https:// ]] || die "member $name: API server URL '$server' must start with https://"
# The member's CA, as the admin kubeconfig trusts it (embedded data or a file).
member config view --minify --raw -o 'jsonpath={.clusters[0].cluster.certificate-authority-data}' | base64 -d >"$tmp/ca.crt" 2>/dev/null || true
if [[ ! -s "$tmp/ca.crt" ]]; then
  ca_file="$(member config view --minify -o 'jsonpath={.clusters[0].cluster.certificate-authority}')"
  [[ -f "$ca_file" ]] || die "member $name: the member kubeconfig has no certificate-authority(-data) to embed"
  cp "$ca_file" "$tmp/ca.crt"
fi
kc="$tmp/kubeconfig"
"$KUBECTL" config --kubeconfig "$kc" set-cluster "$name" --server="$server" --certificate-authority="$tmp/ca.crt" --embed-certs=true >/dev/null
"$KUBECTL" config --kubeconfig "$kc" set-credentials mapbench-hub --token="$token" >/dev/null
"$KUBECTL" config --kubeconfig "$kc" set-context "$name" --cluster="$name" --user=mapbench-hub --namespace="$workload_ns" >/dev/null
"$KUBECTL" config --kubeconfig "$kc" use-context "$name" >/dev/null

# --- 3. self-check: exactly the intended permissions, and any error fails ------------------------
# can_i VERB RESOURCE [flags] prints yes or no; anything else (an error, no answer) fails.
can_i() {
  local out
  out="$("$KUBECTL" --kubeconfig "$kc" auth can-i "$@" 2>"$tmp/can-i.err")" || true
  [[ "$out" == yes || "$out" == no ]] || die "member $name: 'kubectl auth can-i $*' with the new credentials failed: $(cat "$tmp/can-i.err")"
  echo "$out"
}
expect() { # yes|no VERB RESOURCE [flags]
  local want="$1"; shift
  [[ "$(can_i "$@")" == "$want" ]] || die "member $name: the generated credentials answer '$([[ $want == yes ]] && echo no || echo yes)' to 'can-i $*', want '$want'"
}
for r in jobs.batch poddisruptionbudgets.policy; do expect yes create "$r" -n "$workload_ns"; done
expect yes get pods --subresource=log -n "$workload_ns"
expect yes list nodes
for check in "get secrets -n $workload_ns" "list secrets -A" "create pods -n $workload_ns" "create configmaps -n $workload_ns" "create pods/exec -n $workload_ns" \
  "create jobs.batch -n default" "create jobs.batch -n $access_ns" "create serviceaccounts/token -n $access_ns" "delete nodes"; do
  # shellcheck disable=SC2086 # the check is a word list
  expect no $check
done
# The full list in the workload namespace: no wildcard resource or verb may appear.
"$KUBECTL" --kubeconfig "$kc" auth can-i --list -n "$workload_ns" >"$tmp/can-i-list" 2>"$tmp/can-i.err" \
  || die "member $name: 'kubectl auth can-i --list' with the new credentials failed: $(cat "$tmp/can-i.err")"
if awk 'NR > 1 && ($1 == "*.*" || $1 == "*" || $NF ~ /\[\*\]/)' "$tmp/can-i-list" | grep -q .; then
  die "member $name: the generated credentials hold wildcard permissions in $workload_ns: $(cat "$tmp/can-i-list")"
fi

# --- 4. hub side ----------------------------------------------------------------------------------
secret="mapbench-member-$name"
log "hub: Secret $operator_ns/$secret (key kubeconfig) and MemberCluster $name (tier $tier, token expires $expires)"
hub create namespace "$operator_ns" --dry-run=client -o yaml | apply hub
hub -n "$operator_ns" create secret generic "$secret" --from-file=kubeconfig="$kc" --dry-run=client -o yaml \
  | hub label --local -f - -o yaml app.kubernetes.io/name=mapbench app.kubernetes.io/component=member-credentials "mapbench.io/member-cluster=$name" \
  | apply hub

mkdir -p "$tmp/hub"
cp "$here/hub/edge-patch.yaml" "$tmp/hub/"
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources: [\"$(realpath --relative-to="$tmp/hub" "$here/hub")\"]"
  echo "labels:"
  echo "  - pairs:"
  echo "      mapbench.io/tier: \"$tier\""
  for l in "${labels[@]}"; do echo "      \"${l%%=*}\": \"${l#*=}\""; done
  echo "commonAnnotations:"
  echo "  mapbench.io/token-expires-at: \"$expires\""
  echo "patches:"
  echo "  - target: {kind: MemberCluster, name: member}"
  echo "    patch: |-"
  echo "      - {op: replace, path: /metadata/name, value: \"$name\"}"
  echo "      - {op: replace, path: /spec/kubeconfigSecretRef/name, value: \"$secret\"}"
  echo "      - {op: replace, path: /spec/namespace, value: \"$workload_ns\"}"
  echo "      - {op: replace, path: /spec/maxConcurrentRuns, value: $max_runs}"
  if [[ "$tier" == edge ]]; then
    echo "  - target: {kind: MemberCluster}"
    echo "    path: edge-patch.yaml"
  fi
} >"$tmp/hub/kustomization.yaml"
hub kustomize "$tmp/hub" | apply hub
log "member $name onboarded (token valid until $expires; run this again before then to rotate it)"
