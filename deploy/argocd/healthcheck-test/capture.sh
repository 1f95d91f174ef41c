#!/usr/bin/env bash
# Captures a live BenchmarkRun or MemberCluster from a hub as a health-check fixture
# (testdata/captured/<fixture>.json), dropping only managedFields (noise for the health scripts).
# Usage: capture.sh --kubeconfig FILE (benchmarkrun NAMESPACE/NAME | membercluster NAME) FIXTURE
# Example (local clusters): capture.sh --kubeconfig "$(deploy/local/clusters kubeconfig hub)" \
#   benchmarkrun j3-try/smoke-cloud-and-edge benchmarkrun-running
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
[[ "${1:-}" == --kubeconfig && -f "${2:-}" ]] || { echo "capture.sh: first argument must be --kubeconfig FILE (an existing file)" >&2; exit 2; }
kc="$2" kind="${3:-}" ref="${4:-}" fixture="${5:-}"
[[ "$fixture" =~ ^[a-z0-9-]+$ ]] || { echo "capture.sh: FIXTURE must be a lowercase name like benchmarkrun-running, got '$fixture'" >&2; exit 2; }
kubectl="${KUBECTL:-$(command -v kubectl || echo "$(dirname "$("$repo/deploy/local/kube/build.sh" | tail -n1)")/kubectl")}"
case "$kind" in
  benchmarkrun) args=(get benchmarkrun -n "${ref%%/*}" "${ref#*/}") ;;
  membercluster) args=(get membercluster "$ref") ;;
  *) echo "capture.sh: kind must be benchmarkrun or membercluster, got '$kind'" >&2; exit 2 ;;
esac
"$kubectl" --kubeconfig "$kc" "${args[@]}" -o json |
  python3 -c 'import json,sys; o=json.load(sys.stdin); o["metadata"].pop("managedFields",None); print(json.dumps(o,indent=2,sort_keys=True))' \
  >"$here/testdata/captured/$fixture.json"
echo "capture.sh: wrote testdata/captured/$fixture.json"
