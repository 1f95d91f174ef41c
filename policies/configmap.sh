#!/usr/bin/env bash
# Creates or updates the admission policy ConfigMap the operator watches: binaryData.policy.wasm
# (the compiled module) and data.data.json (the data document), labelled mapbench.io/policy, in
# the operator's namespace. The operator swaps the policy without a restart. Server-side apply,
# so re-running is idempotent and an update replaces both keys.
#
# Usage: policies/configmap.sh [--namespace NS] [--name NAME] [--kubeconfig FILE]
#                              [--module FILE] [--data FILE] [--print]
#   --namespace   the operator's namespace (default mapbench-system; must exist)
#   --name        ConfigMap name (default mapbench-policy)
#   --kubeconfig  kubeconfig of the hub (default: $KUBECONFIG / kubectl's default)
#   --module      compiled module (default policies/dist/policy.wasm)
#   --data        data document (default policies/dist/data.json), e.g. a copy with a lowered cap
#   --print       print the ConfigMap YAML instead of applying it
# Environment: KUBECTL (default: kubectl on PATH, else the one deploy/local/kube/build.sh built).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

die() { echo "configmap.sh: $*" >&2; exit 2; }

namespace="mapbench-system" name="mapbench-policy" kubeconfig="" print=0
module="$here/dist/policy.wasm" data="$here/dist/data.json"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --namespace) namespace="${2:-}"; shift 2 ;;
    --name) name="${2:-}"; shift 2 ;;
    --kubeconfig) kubeconfig="${2:-}"; shift 2 ;;
    --module) module="${2:-}"; shift 2 ;;
    --data) data="${2:-}"; shift 2 ;;
    --print) print=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

dns_label='^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'
dns_subdomain='^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$'
[[ "$namespace" =~ $dns_label && ${#namespace} -le 63 ]] \
  || die "--namespace '$namespace' must be a DNS label (lowercase letters, digits, '-'; at most 63)"
[[ "$name" =~ $dns_subdomain && ${#name} -le 253 ]] \
  || die "--name '$name' must be a DNS subdomain (lowercase letters, digits, '-', '.'; at most 253)"
[[ -f "$module" ]] || die "--module '$module' is not a file: compile the policy with policies/build.sh"
[[ "$(head -c4 "$module" | od -An -tx1 | tr -d ' \n')" == "0061736d" ]] \
  || die "--module '$module' is not a WebAssembly module (no \\0asm header): compile it with policies/build.sh"
[[ -f "$data" ]] || die "--data '$data' is not a file: give the data document (policies/dist/data.json)"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if isinstance(d, dict) else 1)' "$data" 2>/dev/null \
  || die "--data '$data' must be a JSON object (the whole data document, {\"data\": {...}})"
# ConfigMaps are limited to 1 MiB in total (etcd's object size); the module is base64-encoded.
size=$(( ($(stat -c %s "$module") + 2) / 3 * 4 + $(stat -c %s "$data") ))
(( size < 1000000 )) || die "module (base64) + data are $size bytes; a ConfigMap holds at most about 1000000"

if [[ -z "${KUBECTL:-}" ]]; then
  if command -v kubectl >/dev/null; then KUBECTL=kubectl
  else KUBECTL="$(dirname "$("$repo/deploy/local/kube/build.sh" | tail -n1)")/kubectl"; fi
fi
kc=()
[[ -z "$kubeconfig" ]] || { [[ -f "$kubeconfig" ]] || die "--kubeconfig '$kubeconfig' is not a file"; kc=(--kubeconfig "$kubeconfig"); }

# kubectl puts a file that is not UTF-8 (the module) under binaryData, text (the data) under data.
manifest="$("$KUBECTL" create configmap "$name" --namespace "$namespace" \
  --from-file=policy.wasm="$module" --from-file=data.json="$data" --dry-run=client -o yaml \
  | "$KUBECTL" label --local -f - mapbench.io/policy=admission app.kubernetes.io/name=mapbench \
      app.kubernetes.io/component=policy app.kubernetes.io/managed-by=mapbench-policies -o yaml)"
grep -q '^binaryData:' <<<"$manifest" || die "kubectl did not put policy.wasm under binaryData (kubectl too old?)"

if (( print )); then
  printf '%s\n' "$manifest"
  exit 0
fi
"$KUBECTL" "${kc[@]}" get namespace "$namespace" >/dev/null 2>&1 \
  || die "namespace '$namespace' does not exist on the hub (or is not readable): create it first, or give --namespace"
printf '%s\n' "$manifest" | "$KUBECTL" "${kc[@]}" apply --server-side --force-conflicts \
  --field-manager=mapbench-policies -f - >&2
echo "configmap.sh: ConfigMap $namespace/$name holds module $(sha256sum "$module" | cut -c1-12)... and data $(sha256sum "$data" | cut -c1-12)..." >&2
