#!/usr/bin/env bash
# The CI check of policies/: everything a reviewer would otherwise have to trust.
#   1. policies/data/go_versions.json is in sync with workload/go-versions.txt
#   2. opa fmt leaves nothing to change; opa check --strict finds nothing
#   3. opa test passes (unit tests of every rule + the shared decision cases) with 100% coverage
#   4. the committed policies/dist/ equals a fresh compile, byte for byte (opa build -t wasm is
#      byte-stable for a given opa version and sources, independent of the checkout path)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OPA="${OPA:-$("$repo/hack/tools/opa.sh" | tail -n1)}"
export OPA
cd "$repo"

step() { echo "policies/check.sh: $*" >&2; }

step "Go versions data in sync with workload/go-versions.txt"
policies/gen-go-versions.sh --check

step "opa fmt --list (files that need formatting are listed, then it fails)"
unformatted="$("$OPA" fmt --list policies/)"
if [[ -n "$unformatted" ]]; then
  echo "$unformatted" >&2
  echo "policies/check.sh: run '$OPA fmt -w policies/' and commit the result" >&2
  exit 1
fi

step "opa check --strict"
"$OPA" check --strict policies/

step "opa test (coverage must stay 100%)"
"$OPA" test policies/
"$OPA" test --coverage --threshold 100 policies/ >/dev/null || {
  echo "policies/check.sh: coverage below 100%: add tests for the lines 'opa test --coverage policies/' lists as not_covered" >&2
  exit 1
}

step "policies/dist/ equals a fresh compile"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
policies/build.sh --out "$fresh"
for f in policy.wasm data.json; do
  if ! cmp -s "$fresh/$f" "policies/dist/$f"; then
    echo "policies/check.sh: policies/dist/$f differs from a fresh compile: run policies/build.sh and commit policies/dist/" >&2
    exit 1
  fi
done
step "ok"
