#!/usr/bin/env bash
# Generates policies/data/go_versions.json from workload/go-versions.txt, the one list of
# supported Go toolchains, so the policy never drifts from what the workload is built with.
#   policies/gen-go-versions.sh          rewrite the data file
#   policies/gen-go-versions.sh --check  exit 1 (with a diff) when the data file is out of sync
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo/workload/go-versions.txt"
out="$repo/policies/data/go_versions.json"

[[ -f "$src" ]] || { echo "gen-go-versions.sh: $src not found (it lists the supported Go toolchains, one 1.N.P per line)" >&2; exit 1; }

# Strip comments and blanks; every remaining line must be exactly 1.N.P and each 1.N may appear
# once, because a run that asks for "1.N" must resolve to exactly one listed patch release.
versions="$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$src" | grep -v '^$' || true)"
[[ -n "$versions" ]] || { echo "gen-go-versions.sh: $src lists no Go version" >&2; exit 1; }
while IFS= read -r v; do
  [[ "$v" =~ ^1\.[0-9]+\.[0-9]+$ ]] || { echo "gen-go-versions.sh: $src: '$v' is not a Go version of the form 1.N.P" >&2; exit 1; }
done <<<"$versions"
dup="$(cut -d. -f1,2 <<<"$versions" | sort | uniq -d)"
[[ -z "$dup" ]] || { echo "gen-go-versions.sh: $src lists more than one patch release of $(tr '\n' ' ' <<<"$dup"); keep one per 1.N" >&2; exit 1; }

generated="$(
  printf '{\n  "goVersions": {\n'
  printf '    "generatedFrom": "workload/go-versions.txt by policies/gen-go-versions.sh: do not edit",\n'
  printf '    "supported": ['
  sep=""
  while IFS= read -r v; do printf '%s"%s"' "$sep" "$v"; sep=", "; done <<<"$versions"
  printf ']\n  }\n}\n'
)"

if [[ "${1:-}" == "--check" ]]; then
  if ! diff -u "$out" <(printf '%s\n' "$generated") >&2; then
    echo "gen-go-versions.sh: $out is out of sync with $src; run policies/gen-go-versions.sh and recompile (policies/build.sh)" >&2
    exit 1
  fi
  exit 0
fi
printf '%s\n' "$generated" >"$out"
echo "gen-go-versions.sh: wrote $out" >&2
