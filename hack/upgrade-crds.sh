#!/usr/bin/env bash
# Upgrades mapbench's CRDs on a cluster to the chart's copies. `helm upgrade` never touches CRDs
# (Helm installs crds/ only on first install), so run this BEFORE `helm upgrade` of a chart
# whose crds/ changed. Server-side apply with a fixed field manager: idempotent, and it takes
# over fields first created by `helm install` (--force-conflicts). Existing objects are kept;
# the new schema applies to them from their next write. Waits until each CRD is Established.
# Usage: hack/upgrade-crds.sh [--kubeconfig FILE] [--dry-run]
# Environment: KUBECTL (default: kubectl on PATH, else the one deploy/local/kube/build.sh built).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
crds="$repo/helm/mapbench-operator/crds"
kc_args=() dry=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kubeconfig) [[ -f "${2:-}" ]] || { echo "upgrade-crds.sh: --kubeconfig needs an existing file, got '${2:-}'" >&2; exit 2; }
      kc_args=(--kubeconfig "$2"); shift 2 ;;
    --dry-run) dry=(--dry-run=server); shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "upgrade-crds.sh: unknown argument '$1' (allowed: --kubeconfig FILE, --dry-run)" >&2; exit 2 ;;
  esac
done
kubectl="${KUBECTL:-$(command -v kubectl || echo "$(dirname "$("$repo/deploy/local/kube/build.sh" | tail -n1)")/kubectl")}"

"$repo/hack/sync-chart.sh" --check >/dev/null || {
  echo "upgrade-crds.sh: the chart's crds/ differ from crds/ (generated): run hack/sync-chart.sh first" >&2; exit 1; }
"$kubectl" "${kc_args[@]}" apply --server-side --force-conflicts --field-manager=mapbench-crd-upgrade \
  "${dry[@]}" -f "$crds"
if [[ ${#dry[@]} -eq 0 ]]; then
  for f in "$crds"/*.yml; do
    name="$(sed -n 's/^  name: "\{0,1\}\([a-z0-9.]*\)"\{0,1\}$/\1/p' "$f" | head -n1)"
    "$kubectl" "${kc_args[@]}" wait --for=condition=Established --timeout=60s "crd/$name"
  done
fi
