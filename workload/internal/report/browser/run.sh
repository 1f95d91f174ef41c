#!/usr/bin/env bash
# The report's browser test (`make test-report`, part of `make test`): builds mapbench, writes
# the report of the committed real result documents (../testdata, with a baseline), opens it in
# Debian's headless chromium through playwright-core and checks it with report.test.mjs (node's
# test runner). The page, its screenshot and the browser's console go to .local/report-test/
# (git-ignored); the paths are printed at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
out="$repo/.local/report-test"
rm -rf "$out" && mkdir -p "$out"

report_js="$("$repo/hack/tools/report-js.sh" | tail -n1)"
chromium="$("$repo/hack/tools/chromium.sh" | tail -n1)"
(cd "$repo/workload" && go build -o "$out/mapbench" ./cmd/mapbench)

fixtures="$here/../testdata"
current=("$fixtures"/cloud-1-go1.23.json "$fixtures"/cloud-1-go1.26.json "$fixtures"/edge-k3s-1-go1.23.json "$fixtures"/edge-k3s-1-go1.26.json)
baseline=("$fixtures"/baseline-cloud-1-go1.26.json)
"$out/mapbench" report --chart-lib "$report_js/node_modules/echarts/dist/echarts.min.js" --title "mapbench report (test fixtures)" \
  -o "$out/report.html" "${current[@]}" --baseline "${baseline[@]}" >/dev/null

REPORT_HTML="$out/report.html" REPORT_SCREENSHOT="$out/report.png" REPORT_JS_DIR="$report_js" CHROMIUM="$chromium" \
  REPORT_CURRENT="$(IFS=:; echo "${current[*]}")" REPORT_BASELINE="$(IFS=:; echo "${baseline[*]}")" \
  node --test --test-reporter=spec "$here/report.test.mjs"
echo "report test artifacts: $out/report.html $out/report.png"
