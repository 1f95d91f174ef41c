#!/usr/bin/env bash
# Tests of the Helm chart and everything shipped with it (called by `make test`):
#  1. generated files are current: chart copies (hack/sync-chart.sh --check), argocd-cm.yaml
#     embeds the tested Lua (deploy/argocd/gen-argocd-cm.sh --check), the chart README's values
#     table (hack/gen-chart-docs.sh --check, helm-docs), and the alert rules and dashboards equal
#     what deploy/monitoring generates (its go test, which also lints them);
#  2. helm lint --strict;
#  3. helm/test Go tests: helm template with default and edge-case values, schema rejections
#     with clear messages, least-privilege RBAC, ConfigMap sizes, the JVM's memory budget within
#     the container limit, and - when the local hub is up
#     (or MAPBENCH_HUB_KUBECONFIG is set) - server-side dry-run apply of the rendered manifests;
#  4. alert rules: promtool check rules + promtool test rules (deploy/prometheus/test.sh);
#  5. Argo CD health checks in gopher-lua (deploy/argocd/healthcheck-test).
# With --e2e it then runs helm/test/e2e.sh (helm install/test/upgrade/uninstall on the local hub).
# Tools come from the repo's scripts (helm via the Go module proxy, promtool from Debian).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
e2e=0
for arg in "$@"; do
  case "$arg" in
    --e2e) e2e=1 ;;
    *) echo "helm/test/run.sh: unknown argument '$arg' (allowed: --e2e)" >&2; exit 2 ;;
  esac
done
step() { echo "== helm/test: $*"; }

step "generated copies are current"
"$repo/hack/sync-chart.sh" --check
"$repo/deploy/argocd/gen-argocd-cm.sh" --check
"$repo/hack/gen-chart-docs.sh" --check
(cd "$repo/deploy/monitoring" && gofmt -l . | { ! grep .; } && go vet ./... && go test -count=1 ./...)

HELM="$("$repo/hack/tools/helm.sh" | tail -n1)"
PROMTOOL="$("$repo/hack/tools/prometheus.sh" | tail -n1)/promtool"
export PROMTOOL
export HELM
step "helm lint"
"$HELM" lint --strict "$repo/helm/mapbench-operator"

# The server-side dry-run needs a real API server: the local hub when it is up.
if [[ -z "${MAPBENCH_HUB_KUBECONFIG:-}" ]]; then
  hub_kc="$("$repo/deploy/local/clusters" kubeconfig hub 2>/dev/null || true)"
  if [[ -n "$hub_kc" && -f "$hub_kc" ]]; then
    export MAPBENCH_HUB_KUBECONFIG="$hub_kc"
  fi
fi
if [[ -n "${MAPBENCH_HUB_KUBECONFIG:-}" ]]; then
  KUBECTL="${KUBECTL:-$(dirname "$("$repo/deploy/local/kube/build.sh" | tail -n1)")/kubectl}"
  export KUBECTL
  if ! "$KUBECTL" --kubeconfig "$MAPBENCH_HUB_KUBECONFIG" get --raw /readyz >/dev/null 2>&1; then
    echo "helm/test: hub at $MAPBENCH_HUB_KUBECONFIG is not ready; the server dry-run test is skipped (start it: deploy/local/clusters up hub)"
    unset MAPBENCH_HUB_KUBECONFIG
  fi
fi

step "chart render, schema and RBAC tests (go test)"
(cd "$here" && gofmt -l . | { ! grep .; } && go vet ./... && go test -count=1 -v ./... | grep -Ev "^=== (RUN|PAUSE|CONT)")

step "alert rules (promtool)"
"$repo/deploy/prometheus/test.sh"

step "Argo CD health checks (gopher-lua)"
(cd "$repo/deploy/argocd/healthcheck-test" && gofmt -l . | { ! grep .; } && go vet ./... && go test -count=1 ./...)

if [[ $e2e -eq 1 ]]; then
  step "end to end on the local hub"
  "$here/e2e.sh"
fi
step "all passed"
