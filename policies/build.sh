#!/usr/bin/env bash
# Compiles the admission policy to WebAssembly with the pinned opa and writes what the operator
# loads into policies/dist/ (committed):
#   policy.wasm  the compiled module, entrypoint mapbench/admission/decision
#   data.json    the complete data document (policies/data/*.json under "data"), passed to the
#                module as-is
# The compiler is byte-stable (same opa version, same sources -> same bytes, whatever the checkout
# path), so policies/check.sh compares bytes.
#   policies/build.sh               regenerate Go versions data, compile into policies/dist/
#   policies/build.sh --out DIR     compile into DIR only (used by check.sh; no regeneration)
set -euo pipefail

ENTRYPOINT="mapbench/admission/decision"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/policies/dist"
regenerate=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; regenerate=false; shift 2 ;;
    *) echo "build.sh: unknown argument '$1' (allowed: --out DIR)" >&2; exit 2 ;;
  esac
done

OPA="${OPA:-$("$repo/hack/tools/opa.sh" | tail -n1)}"
cd "$repo"
if $regenerate; then
  policies/gen-go-versions.sh
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Relative path from the repository root: the module embeds source file names for error
# locations, so compiling from the root keeps the bytes independent of where the clone lives.
# Tests, shared cases, the previous output and scripts are not policy and stay out.
"$OPA" build -t wasm -e "$ENTRYPOINT" \
  --ignore '*_test.rego' --ignore testdata --ignore dist --ignore '*.md' --ignore '*.sh' \
  -o "$work/bundle.tar.gz" policies/
tar -xzf "$work/bundle.tar.gz" -C "$work" /policy.wasm /data.json 2>/dev/null ||
  tar -xzf "$work/bundle.tar.gz" -C "$work" policy.wasm data.json

mkdir -p "$out"
cp "$work/policy.wasm" "$out/policy.wasm"
cp "$work/data.json" "$out/data.json"
chmod 0644 "$out/policy.wasm" "$out/data.json"
echo "build.sh: wrote $out/policy.wasm ($(wc -c <"$out/policy.wasm") bytes) and $out/data.json with $("$OPA" version | head -n1)" >&2
