#!/usr/bin/env bash
# Runs every Go fuzz target of the workload for a fixed time each (default 10s; FUZZTIME=30s or
# an execution count such as FUZZTIME=20000x), starting from the seed corpus committed under
# <package>/testdata/fuzz/<target>/, and prints one line per target with its executions and the
# new inputs it found. A failure leaves the failing input in that directory (commit it: it
# becomes a regression seed) and exits non-zero. `make test-go` runs it.
#
#   workload/fuzz.sh            all targets
#   workload/fuzz.sh FuzzExtract
set -euo pipefail
cd "$(dirname "$0")"
fuzztime="${FUZZTIME:-10s}"

# target package: the result document extractor/decoder, ParseBenchtime, and the benchmark-text
# writer read back by benchfmt (benchstat's reader), and the reader of `mapbench compare` (logs,
# documents, BenchmarkResults as JSON or YAML).
targets=(
  "FuzzExtract ./internal/result"
  "FuzzParseBenchtime ./internal/bench"
  "FuzzRoundTrip ./internal/benchtext"
  "FuzzLoad ./internal/compare"
)

status=0
summary=()
for t in "${targets[@]}"; do
  read -r name pkg <<<"$t"
  if [[ $# -gt 0 && " $* " != *" $name "* ]]; then continue; fi
  log="$(mktemp)"
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
  summary+=("$(printf '%-20s %-22s %-4s %10s execs in %s, %s committed seeds, %s new inputs' \
    "$name" "$pkg" "$result" "${execs:-?}" "$fuzztime" "$seeds" "${found:-0}")")
  rm -f "$log"
done
printf '%s\n' "${summary[@]}"
exit "$status"
