#!/usr/bin/env bash
# Change-point detector figures (issue 12; a kept script that prints figures, not a timed test):
# detection and false-positive rates of changepoint.EDivisive over seeded synthetic series
# (steps of 2..20% at CV 1..5%, pure noise, one outlier), as a table (ChangePointRates in the
# operator's test sources says how each rate is counted).
# Usage: operator/bench/changepoints.sh [SERIES=1000] [LENGTH=30] [PVALUE=0.001] [MIN_MAGNITUDE_PERCENT=5]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
for a in "$@"; do
  [[ "$a" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "changepoints.sh: '$a' is not a number (usage: [SERIES] [LENGTH] [PVALUE] [MIN_MAGNITUDE_PERCENT])" >&2; exit 2; }
done
./mvnw -q -B -o -pl operator test-compile >&2 || ./mvnw -q -B -pl operator test-compile >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -o -pl operator dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
exec java -cp "operator/target/test-classes:operator/target/classes:$(cat "$cp_file")" \
  io.mapbench.operator.changepoint.ChangePointRates "$@"
