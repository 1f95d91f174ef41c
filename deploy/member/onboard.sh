#!/usr/bin/env bash
# Onboards a member cluster to a mapbench hub, the way MultiKueue's kubeconfig script does it:
#  1. in the MEMBER (with an admin kubeconfig, used only here): the workload namespace with
#     PodSecurity "restricted" enforced, the mapbench-hub ServiceAccount with its minimal
#     Role/ClusterRole (namespace.yaml, rbac.yaml) and a long-lived token Secret for it;
#  2. a kubeconfig that embeds ONLY that token and the member's CA (no exec plugin, no file
#     reference), stored on the HUB as Secret <secret-name> (key "kubeconfig") in the operator's
#     namespace;
#  3. a MemberCluster on the hub pointing at that Secret, labelled with its tier.
# The operator therefore never holds the member's admin credentials. Idempotent: re-running
# updates everything in place (server-side apply).
#
# Usage: deploy/member/onboard.sh --name NAME --member-kubeconfig FILE --hub-kubeconfig FILE \
#          [--tier cloud|edge] [--label KEY=VALUE]... [--operator-namespace NS] \
#          [--workload-namespace NS] [--server URL] [--max-concurrent-runs N]
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
workload_ns="mapbench-workloads" server="" max_runs="1"
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
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
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
[[ "$workload_ns" =~ $dns_label ]] || die "--workload-namespace '$workload_ns' must be a DNS label"
[[ "$max_runs" =~ ^[1-9][0-9]?$|^100$ ]] || die "--max-concurrent-runs '$max_runs' must be an integer from 1 to 100"
for l in "${labels[@]}"; do
  [[ "$l" =~ ^[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*$ ]] || die "--label '$l' must look like key=value (Kubernetes label syntax)"
done

if [[ -z "${KUBECTL:-}" ]]; then
  if command -v kubectl >/dev/null; then KUBECTL=kubectl
  else KUBECTL="$(dirname "$("$repo/deploy/local/kube/build.sh" | tail -n1)")/kubectl"; fi
fi
member() { "$KUBECTL" --kubeconfig "$member_kc" "$@"; }
hub() { "$KUBECTL" --kubeconfig "$hub_kc" "$@"; }

# --- 1. member side -----------------------------------------------------------------------------
# The manifests name the default namespace; a different one is substituted as a whole word.
render() { sed "s/\bmapbench-workloads\b/$workload_ns/g" "$here/$1"; }
log "member $name: namespace $workload_ns (PodSecurity restricted), ServiceAccount mapbench-hub, RBAC"
{ render namespace.yaml; echo "---"; render rbac.yaml; } | member apply --server-side --field-manager=mapbench-onboard -f - >/dev/null

token=""
for _ in $(seq 1 60); do
  token="$(member -n "$workload_ns" get secret mapbench-hub-token -o 'jsonpath={.data.token}' 2>/dev/null || true)"
  [[ -n "$token" ]] && break
  sleep 1
done
[[ -n "$token" ]] || die "member $name: the token controller did not fill Secret $workload_ns/mapbench-hub-token within 60s (is kube-controller-manager running with --service-account-private-key-file?)"
token="$(printf '%s' "$token" | base64 -d)"
ca="$(member -n "$workload_ns" get secret mapbench-hub-token -o 'jsonpath={.data.ca\.crt}')"
[[ -n "$ca" ]] || die "member $name: Secret $workload_ns/mapbench-hub-token has no ca.crt"
if [[ -z "$server" ]]; then
  server="$(member config view --minify -o 'jsonpath={.clusters[0].cluster.server}')"
fi
[[ "$server" =~ ^https:// ]] || die "member $name: API server URL '$server' must start with https://"

# --- 2. kubeconfig Secret on the hub ----------------------------------------------------------------
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: $name
    cluster:
      server: $server
      certificate-authority-data: $ca
users:
  - name: mapbench-hub
    user:
      token: $token
contexts:
  - name: $name
    context:
      cluster: $name
      user: mapbench-hub
      namespace: $workload_ns
current-context: $name
EOF
# Prove the credentials work (and are the restricted ones) before the hub relies on them.
"$KUBECTL" --kubeconfig "$tmp/kubeconfig" -n "$workload_ns" get jobs >/dev/null 2>&1 \
  || die "member $name: the generated kubeconfig cannot list jobs in $workload_ns"
if "$KUBECTL" --kubeconfig "$tmp/kubeconfig" get secrets -A >/dev/null 2>&1; then
  die "member $name: the generated kubeconfig can list Secrets in all namespaces; it must be least-privilege"
fi

secret="mapbench-member-$name"
log "hub: Secret $operator_ns/$secret (key kubeconfig) and MemberCluster $name (tier $tier)"
hub create namespace "$operator_ns" --dry-run=client -o yaml | hub apply --server-side --field-manager=mapbench-onboard -f - >/dev/null
hub -n "$operator_ns" create secret generic "$secret" --from-file=kubeconfig="$tmp/kubeconfig" \
  --dry-run=client -o yaml \
  | hub label --local -f - -o yaml app.kubernetes.io/name=mapbench app.kubernetes.io/component=member-credentials "mapbench.io/member-cluster=$name" \
  | hub apply --server-side --force-conflicts --field-manager=mapbench-onboard -f - >/dev/null

# --- 3. MemberCluster -----------------------------------------------------------------------------
{
  echo "apiVersion: mapbench.io/v1alpha1"
  echo "kind: MemberCluster"
  echo "metadata:"
  echo "  name: $name"
  echo "  labels:"
  echo "    mapbench.io/tier: $tier"
  for l in "${labels[@]}"; do echo "    ${l%%=*}: \"${l#*=}\""; done
  echo "spec:"
  echo "  kubeconfigSecretRef:"
  echo "    name: $secret"
  echo "    key: kubeconfig"
  echo "  namespace: $workload_ns"
  echo "  maxConcurrentRuns: $max_runs"
  if [[ "$tier" == edge ]]; then
    echo "  tolerations:"
    echo "    - key: mapbench.io/edge"
    echo "      operator: Equal"
    echo "      value: \"true\""
    echo "      effect: NoSchedule"
    echo "  nodeSelector:"
    echo "    node-role.kubernetes.io/edge: \"true\""
  fi
} | hub apply --server-side --force-conflicts --field-manager=mapbench-onboard -f - >/dev/null
log "member $name onboarded"
