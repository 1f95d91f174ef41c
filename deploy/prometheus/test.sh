#!/usr/bin/env bash
# Checks the mapbench alert rules with the real promtool (Debian's prometheus package, provided by
# hack/tools/prometheus.sh): syntax and semantics (`promtool check rules`), then the unit tests
# proving every alert fires on a crafted series and stays silent on a healthy one
# (`promtool test rules`). Also fails when an alert in alerts.yaml has no test in alerts_test.yaml.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
prom_bin="$("$repo/hack/tools/prometheus.sh" | tail -n1)"
promtool="$prom_bin/promtool"

cd "$here"
"$promtool" check rules alerts.yaml
"$promtool" test rules alerts_test.yaml

# Every alert must be exercised by at least one alert_rule_test.
missing=0
for alert in $(sed -n 's/^ *- alert: *\([A-Za-z0-9_]*\).*/\1/p' alerts.yaml); do
  if ! grep -Eq "alertname: *$alert\$" alerts_test.yaml; then
    echo "deploy/prometheus/test.sh: alert $alert has no test in alerts_test.yaml" >&2
    missing=1
  fi
done
[[ $missing -eq 0 ]] || exit 1
echo "deploy/prometheus: $(grep -c '^ *- alert:' alerts.yaml) alerts checked and tested"
