#!/usr/bin/env bash
# Generates helm/mapbench-operator/README.md from README.md.gotmpl and the "# --" comments of
# values.yaml with helm-docs (built by hack/tools/helm-docs.sh from the Go module proxy).
#   hack/gen-chart-docs.sh           regenerate
#   hack/gen-chart-docs.sh --check   change nothing; exit 1 when README.md is stale (CI)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chart="$repo/helm/mapbench-operator"
check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "gen-chart-docs.sh: unknown argument '$1' (allowed: --check)" >&2; exit 2 ;;
esac
helm_docs="$("$repo/hack/tools/helm-docs.sh" | tail -n1)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# helm-docs writes next to the chart: render a copy and compare.
cp -r "$chart" "$tmp/chart"
"$helm_docs" --log-level warning --chart-search-root "$tmp/chart" --template-files README.md.gotmpl --output-file README.md >&2
if cmp -s "$tmp/chart/README.md" "$chart/README.md"; then
  echo "gen-chart-docs.sh: helm/mapbench-operator/README.md is up to date"
elif [[ $check -eq 1 ]]; then
  echo "gen-chart-docs.sh: helm/mapbench-operator/README.md is stale: run hack/gen-chart-docs.sh and commit it" >&2
  exit 1
else
  cp "$tmp/chart/README.md" "$chart/README.md"
  echo "gen-chart-docs.sh: wrote helm/mapbench-operator/README.md"
fi
