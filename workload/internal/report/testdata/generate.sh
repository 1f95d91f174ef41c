#!/usr/bin/env bash
# Regenerates the report's test fixtures: real result documents written by `mapbench run` (the
# binaries workload/build.sh builds) for the report's columns: cloud-1 (amd64) and edge-k3s-1
# (arm64 under qemu-user, as on the local edge cluster) with Go 1.23 and 1.26, plus a second
# cloud-1 Go 1.26 run as the baseline. Small matrix so the files stay small (about 70 KB each),
# 6 samples per benchmark so the confidence intervals are at 95%.
#   workload/build.sh --go 1.23,1.26 --arch amd64,arm64 && workload/internal/report/testdata/generate.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(cd "$here/../../../bin" && pwd)"
qemu="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"
[[ -n "$qemu" ]] || { echo "generate.sh: qemu-aarch64(-static) not found (deploy/local/agent/provision-qemu.sh installs it)" >&2; exit 1; }
args=(run --scenarios range-kv-vs-keys,range-alloc,interface-boxing,iteration-order --key-types int64,string32
  --value-types int64 --sizes 100,1000,10000 --repetitions 6 --benchtime 1ms)

# one NAME CLUSTER GO ARCH: a run as the operator's job for CLUSTER would run it.
one() {
  local name="$1" cluster="$2" go="$3" arch="$4" exe
  exe="$(ls -d "$bin"/go"$go".*/"$arch"/mapbench | tail -n1)"
  [[ -x "$exe" ]] || { echo "generate.sh: no $exe; run workload/build.sh --go $go --arch $arch" >&2; exit 1; }
  local env=(MAPBENCH_CLUSTER="$cluster" NODE_NAME="$cluster-node")
  local cmd=("$exe")
  if [[ "$arch" == arm64 ]]; then
    env+=(MAPBENCH_EMULATION=qemu-user)
    cmd=("$qemu" "$exe")
  fi
  echo "generate.sh: $name ($cluster, go$go, $arch)" >&2
  env "${env[@]}" "${cmd[@]}" "${args[@]}" --json "$here/$name.json" >/dev/null
}
one cloud-1-go1.23 cloud-1 1.23 amd64
one cloud-1-go1.26 cloud-1 1.26 amd64
one edge-k3s-1-go1.23 edge-k3s-1 1.23 arm64
one edge-k3s-1-go1.26 edge-k3s-1 1.26 arm64
one baseline-cloud-1-go1.26 cloud-1 1.26 amd64
