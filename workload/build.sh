#!/usr/bin/env bash
# Builds workload/bin/go1.N.P/<goarch>/mapbench for every Go version of go-versions.txt (or
# --go) and every architecture (--arch), each with its own toolchain and language version.
#
#   workload/build.sh [--go 1.N.P|1.N ...] [--arch amd64,arm64] [--force]
#
# Per (version, arch):
#   1. the toolchain go1.N.P comes from the Go module proxy (GOTOOLCHAIN=go1.N.P), cached with
#      all modules in $MAPBENCH_CACHE/gomod (GOMODCACHE); compiled packages go to Go's default
#      build cache (GOCACHE), shared with the developer's other builds;
#   2. the module is copied to a temporary directory whose go.mod says `go 1.N`, so the scenario
#      code is compiled with the toolchain's own language version (loop-variable semantics
#      never change silently; the committed go.mod stays `go 1.21`);
#   3. the escape-analysis snippets are compiled there with -gcflags=-m and -m=2 by that
#      toolchain for that GOARCH and the diagnostics written into internal/escape/captured,
#      which the binary embeds;
#   4. CGO_ENABLED=0 GOOS=linux GOARCH=<arch> go build -trimpath ./cmd/mapbench, stamping the
#      language version into the binary (environ.languageVersion) for its result document.
# An output whose stamp (hash of the sources, this script, version, arch) is unchanged is
# skipped. Works as root without a terminal; idempotent.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${MAPBENCH_CACHE:-${HOME:?set HOME or MAPBENCH_CACHE (the tool cache directory)}/.cache/mapbench}"
versions_file="$here/go-versions.txt"

die() { echo "build.sh: error: $*" >&2; exit 2; }

usage() {
	sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

listed_versions() { sed -e 's/#.*//' -e 's/[[:space:]\r]//g' -e '/^$/d' "$versions_file"; }

# resolve_version 1.N or 1.N.P -> the listed 1.N.P, or a clear error.
resolve_version() {
	local want="$1" v
	[[ "$want" =~ ^1\.[0-9]+(\.[0-9]+)?$ ]] || die "--go: \"$want\" is not a Go version (want 1.N or 1.N.P, one of: $(listed_versions | tr '\n' ' '))"
	while read -r v; do
		if [[ "$v" == "$want" || "${v%.*}" == "$want" ]]; then
			echo "$v"
			return
		fi
	done < <(listed_versions)
	die "--go: $want is not in workload/go-versions.txt (listed: $(listed_versions | tr '\n' ' '))"
}

versions=()
arches=(amd64 arm64)
force=0
while [[ $# -gt 0 ]]; do
	case "$1" in
	--go)
		[[ $# -ge 2 ]] || die "--go needs a value (1.N or 1.N.P)"
		IFS=', ' read -r -a vs <<<"$2"
		for v in "${vs[@]}"; do [[ -n "$v" ]] && versions+=("$(resolve_version "$v")"); done
		shift 2 ;;
	--go=*)
		IFS=', ' read -r -a vs <<<"${1#--go=}"
		for v in "${vs[@]}"; do [[ -n "$v" ]] && versions+=("$(resolve_version "$v")"); done
		shift ;;
	--arch | --arch=*)
		if [[ "$1" == --arch ]]; then
			[[ $# -ge 2 ]] || die "--arch needs a value (amd64, arm64 or both, comma-separated)"
			list="$2"; shift 2
		else
			list="${1#--arch=}"; shift
		fi
		IFS=', ' read -r -a arches <<<"$list"
		for a in "${arches[@]}"; do
			[[ "$a" == amd64 || "$a" == arm64 ]] || die "--arch: \"$a\" is not supported (allowed: amd64, arm64)"
		done ;;
	--force) force=1; shift ;;
	-h | --help) usage ;;
	*) die "unknown argument \"$1\" (usage: build.sh [--go 1.N.P ...] [--arch amd64,arm64] [--force])" ;;
	esac
done
if [[ ${#versions[@]} -eq 0 ]]; then
	mapfile -t versions < <(listed_versions)
fi
[[ ${#versions[@]} -gt 0 ]] || die "workload/go-versions.txt lists no version"
command -v go >/dev/null || die "no go command on PATH (any Go >= 1.21 can fetch the listed toolchains)"

mkdir -p "$cache/gomod"
export GOMODCACHE="$cache/gomod"
export GOFLAGS=-buildvcs=false
export GOPROXY="${GOPROXY:-https://proxy.golang.org,direct}"
unset GOROOT

# The sources that make up a build: everything in workload/ except outputs.
source_hash() {
	# A file that vanishes meanwhile (another process's temporary file) is left out, not fatal.
	(cd "$here" && find . -path ./bin -prune -o -type f ! -name '*.stamp' -print | LC_ALL=C sort |
		xargs -d '\n' sha256sum 2>/dev/null || true) | sha256sum | cut -d' ' -f1
}
src_hash="$(source_hash)"

work="$(mktemp -d "${TMPDIR:-/tmp}/mapbench-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

for v in "${versions[@]}"; do
	lang="${v%.*}" # 1.N.P -> 1.N
	toolchain_root="$(GOTOOLCHAIN="go$v" go env GOROOT)"
	gobin="$toolchain_root/bin/go"
	got="$(GOTOOLCHAIN=local "$gobin" env GOVERSION)"
	[[ "$got" == "go$v" ]] || die "toolchain for go$v reports $got ($gobin)"
	for arch in "${arches[@]}"; do
		out_dir="$here/bin/go$v/$arch"
		out="$out_dir/mapbench"
		stamp="$(printf '%s go%s lang%s %s\n' "$src_hash" "$v" "$lang" "$arch")"
		if [[ $force -eq 0 && -x "$out" && -f "$out.stamp" && "$(cat "$out.stamp")" == "$stamp" ]]; then
			echo "build.sh: go$v/$arch up to date ($out)"
			continue
		fi
		start=$SECONDS
		copy="$work/go$v-$arch"
		rm -rf "$copy" && mkdir -p "$copy"
		# tar exits 1 when a file changed while it was read (tests may write beside the
		# sources): that is not an error for a copy of the sources; 2 is.
		(cd "$here" && { tar --exclude=./bin --warning=no-file-changed --warning=no-file-removed -cf - . || [[ $? -eq 1 ]]; }) |
			tar -C "$copy" -xf -
		# Language version = the toolchain's own: the go line of go.mod sets -lang for every
		# package of the module (and the module's default GODEBUG settings).
		(cd "$copy" && GOTOOLCHAIN=local "$gobin" mod edit -go="$lang")
		# Escape facts by this toolchain, for this GOARCH, with this language version. The
		# generator itself runs on the build machine, so it is built for the host.
		(cd "$copy" && GOTOOLCHAIN=local "$gobin" build -o "$work/gen-go$v" ./internal/escape/gen)
		(cd "$copy" && GOTOOLCHAIN=local GOOS=linux GOARCH="$arch" CGO_ENABLED=0 \
			"$work/gen-go$v" -go "$gobin" -o internal/escape/captured)
		mkdir -p "$out_dir"
		(cd "$copy" && GOTOOLCHAIN=local GOOS=linux GOARCH="$arch" CGO_ENABLED=0 \
			"$gobin" build -trimpath -ldflags="-X mapbench.io/workload/internal/environ.languageVersion=go$lang" \
			-o "$out.tmp.$$" ./cmd/mapbench)
		mv "$out.tmp.$$" "$out" # rename: a concurrent build.sh never sees half a binary
		echo "$stamp" >"$out.stamp"
		echo "build.sh: built $out (go$v, language go$lang, $arch) in $((SECONDS - start))s"
	done
done
