#!/usr/bin/env bash
# Installs the report's JavaScript from the npm registry into the tool cache, exactly as pinned
# by hack/tools/report-js/package-lock.json (`npm ci` checks every package's integrity hash
# against the lockfile): Apache ECharts, which `mapbench report` inlines into the page, and
# playwright-core, which drives Debian's chromium in the report test. Nothing third-party is
# committed. Skips the install when the cache already holds this lockfile's packages. Prints the
# install directory on its last line; the chart library is <dir>/node_modules/echarts/dist/echarts.min.js
# (what `mapbench report --chart-lib` / MAPBENCH_CHART_LIB want):
#   REPORT_JS="$(hack/tools/report-js.sh | tail -n1)"
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${MAPBENCH_CACHE:-$HOME/.cache/mapbench}"
lock="$here/report-js/package-lock.json"
# The directory is named by the lockfile's hash: a changed pin installs next to the old one.
dir="$cache/report-js/$(sha256sum "$lock" | cut -c1-16)"

if [[ ! -f "$dir/.installed" ]]; then
  command -v npm >/dev/null || { echo "report-js.sh: 'npm' not found on PATH; Node.js with npm is needed" >&2; exit 1; }
  echo "report-js.sh: npm ci (echarts, playwright-core) into $dir" >&2
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$here/report-js/package.json" "$lock" "$dir/"
  # --ignore-scripts: no install script of a dependency runs (playwright-core downloads nothing).
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  touch "$dir/.installed"
fi
[[ -f "$dir/node_modules/echarts/dist/echarts.min.js" ]] || { echo "report-js.sh: $dir lacks echarts/dist/echarts.min.js; delete $dir and rerun" >&2; exit 1; }
echo "$dir"
