#!/usr/bin/env bash
# Re-creates the benchstat comparison fixtures from the committed result documents:
# for every pair of workload/internal/compare/testdata/pairs.txt (NAME BASE CANDIDATE), copies both
# documents and pairs.txt to operator/src/test/resources/comparison/ and writes what the real
# benchstat (hack/tools/benchstat.sh: golang.org/x/perf/cmd/benchstat, pinned) prints for them:
#   NAME.benchstat.txt   the text table (medians, ± %, vs base delta, p, n, geomean, footnotes)
#   NAME.benchstat.csv   the CSV table (full-precision medians); its warnings go to
#   NAME.benchstat.csv.warnings
# benchstat reads the documents' benchmark text (`mapbench export`), one table per unit, one row
# per benchmark name without the -GOMAXPROCS suffix, the columns labelled by the documents' file
# names, base first:
#   benchstat -table '' -ignore /gomaxprocs BASE=BASE.txt CANDIDATE=CANDIDATE.txt
# These are the expected values of the agreement tests (mapbench compare in Go, the operator's
# comparison in Java).
#   hack/gen-comparison-fixtures.sh           regenerate
#   hack/gen-comparison-fixtures.sh --check   change nothing; exit 1 when a fixture is stale
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo/workload/internal/compare/testdata"
dst="$repo/operator/src/test/resources/comparison"
check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "gen-comparison-fixtures.sh: unknown argument '$1' (allowed: --check)" >&2; exit 2 ;;
esac
benchstat="$("$repo/hack/tools/benchstat.sh" | tail -n1)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$repo/workload" && go build -o "$tmp/mapbench" ./cmd/mapbench)

out="$tmp/out"
mkdir -p "$out"
cp "$src/pairs.txt" "$out/"
while read -r name base candidate; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  for doc in "$base" "$candidate"; do
    cp "$src/$doc" "$out/$doc"
    "$tmp/mapbench" export "$src/$doc" >"$tmp/$doc.txt"
  done
  args=(-table '' -ignore /gomaxprocs "$base=$tmp/$base.txt" "$candidate=$tmp/$candidate.txt")
  "$benchstat" "${args[@]}" >"$out/$name.benchstat.txt"
  "$benchstat" -format csv "${args[@]}" >"$out/$name.benchstat.csv" 2>"$out/$name.benchstat.csv.warnings"
done <"$src/pairs.txt"

if [[ "$check" == 1 ]]; then
  if ! diff -r "$out" "$dst" >&2; then
    echo "gen-comparison-fixtures.sh: $dst is stale; run hack/gen-comparison-fixtures.sh" >&2
    exit 1
  fi
  exit 0
fi
rm -rf "$dst"
mkdir -p "$dst"
cp "$out"/* "$dst/"
echo "gen-comparison-fixtures.sh: wrote $(ls "$dst" | wc -l) files to $dst" >&2
