#!/usr/bin/env bash
# Runs every Go fuzz target of the workload for a fixed number of executions each (about 10 s on
# the 2-core CI machine; FUZZTIME=30s or FUZZTIME=20000x overrides every target), starting from
# the seed corpus committed under
# <package>/testdata/fuzz/<target>/, and prints one line per target with its executions and the
# new inputs it found. A failure leaves the failing input in that directory (commit it: it
# becomes a regression seed) and exits non-zero. `make test-go` runs it.
#
#   workload/fuzz.sh            all targets
#   workload/fuzz.sh FuzzExtract
set -euo pipefail
cd "$(dirname "$0")"

# The default budgets are execution counts, not durations: with a duration, Go's fuzz coordinator
# can report "context deadline exceeded" at the deadline when a loaded machine starves a worker
# (go.dev/issue/75804, fixed in Go 1.27), failing a run that found nothing. A count has no
# deadline to race; it only takes longer on a slow machine.

# target package: the result document extractor/decoder, ParseBenchtime, and the benchmark-text
# writer read back by benchfmt (benchstat's reader), and the reader of `mapbench compare` (logs,
# documents, BenchmarkResults as JSON or YAML).
targets=(
  "FuzzExtract ./internal/result 50000x"
  "FuzzParseBenchtime ./internal/bench 500000x"
  "FuzzRoundTrip ./internal/benchtext 250000x"
  "FuzzLoad ./internal/compare 150000x"
)

status=0
summary=()
for t in "${targets[@]}"; do
  read -r name pkg budget <<<"$t"
  fuzztime="${FUZZTIME:-$budget}"
  if [[ $# -gt 0 && " $* " != *" $name "* ]]; then continue; fi
  log="$(mktemp)"
  started=$(date +%s)
  # -fuzzminimizetime bounds the minimisation of each new input (default 60s), which would
  # otherwise eat the fixed budget; -parallel 2 matches the 2-core CI machine.
  if go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" -fuzzminimizetime=1s -parallel=2 "$pkg" >"$log" 2>&1; then
    result=ok
  else
    result=FAIL
    status=1
    cat "$log" >&2
  fi
  last="$(grep -E '^fuzz: elapsed' "$log" | tail -n1 || true)"
  execs="$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")"
  found="$(sed -nE 's/.*new interesting: ([0-9]+).*/\1/p' <<<"$last")"
  seeds="$( (find "$pkg/testdata/fuzz/$name" -type f 2>/dev/null || true) | wc -l)"
  summary+=("$(printf '%-20s %-22s %-4s %10s execs (budget %s) in %ss, %s committed seeds, %s new inputs' \
    "$name" "$pkg" "$result" "${execs:-?}" "$fuzztime" "$(( $(date +%s) - started ))" "$seeds" "${found:-0}")")
  rm -f "$log"
done
printf '%s\n' "${summary[@]}"
exit "$status"
