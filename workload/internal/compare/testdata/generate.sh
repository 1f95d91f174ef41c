#!/usr/bin/env bash
# Regenerates the comparison fixtures: real result documents written by `mapbench run` (the
# binaries workload/build.sh builds), as the operator's job on cloud-1 would run them:
#   quick-go1.23, quick-go1.26, quick-go1.26-rerun: the quick suite, 8 samples per benchmark;
#   smoke-go1.23-n4, smoke-go1.26-n4: the smoke suite with 4 samples (below benchstat's 6, so the
#   "need >= 6 samples" footnotes and the insufficient-samples verdict have a real case).
# pairs.txt names the compared pairs (base, candidate). Afterwards run
# hack/gen-comparison-fixtures.sh, which copies them to the operator's test resources and writes
# benchstat's output for each pair.
#   workload/build.sh --go 1.23,1.26 --arch amd64 && workload/internal/compare/testdata/generate.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(cd "$here/../../../bin" && pwd)"

# one NAME GO ARGS...: a run of the amd64 binary of Go version GO.
one() {
  local name="$1" go="$2" exe
  shift 2
  exe="$(ls -d "$bin"/go"$go".*/amd64/mapbench | tail -n1)"
  [[ -x "$exe" ]] || { echo "generate.sh: no $exe; run workload/build.sh --go $go --arch amd64" >&2; exit 1; }
  echo "generate.sh: $name (go$go)" >&2
  MAPBENCH_CLUSTER=cloud-1 NODE_NAME=cloud-1-node "$exe" run "$@" --json "$here/$name.json" >/dev/null
}
one quick-go1.23 1.23 --suite quick --repetitions 8
one quick-go1.26 1.26 --suite quick --repetitions 8
one quick-go1.26-rerun 1.26 --suite quick --repetitions 8
one smoke-go1.23-n4 1.23 --suite smoke --repetitions 4
one smoke-go1.26-n4 1.26 --suite smoke --repetitions 4
