#!/usr/bin/env bash
# Installs the pinned Helm CLI (lints, renders, installs and tests helm/mapbench-operator) into the
# tool cache, built from the Go module proxy: no prebuilt binary is downloaded. Skips the build
# when the pinned version is already cached. Prints the binary path on its last line so callers do
#   HELM="$(hack/tools/helm.sh | tail -n1)"
# Works non-interactively as root on a fresh machine (CI) and is idempotent.
set -euo pipefail

# Helm v3: the chart is apiVersion v2 and needs nothing from v4; v3.22.0 is served by the proxy.
HELM_VERSION="${HELM_VERSION:-v3.22.0}"

cache="${MAPBENCH_CACHE:-$HOME/.cache/mapbench}"
bin_dir="$cache/helm/$HELM_VERSION/bin"
helm="$bin_dir/helm"

if [[ ! -x "$helm" ]]; then
  command -v go >/dev/null || { echo "helm.sh: 'go' not found on PATH; a Go toolchain is needed to build helm $HELM_VERSION" >&2; exit 1; }
  echo "helm.sh: building helm.sh/helm/v3/cmd/helm@$HELM_VERSION into $bin_dir (cold build takes a few minutes)" >&2
  mkdir -p "$bin_dir" "$cache/helm"
  # Build into a temporary directory first so an interrupted build never leaves a half-written
  # binary that later runs would mistake for a cached one.
  tmp_bin="$(mktemp -d "$cache/helm/.build.XXXXXX")"
  trap 'rm -rf "$tmp_bin"' EXIT
  # Stamp versions like upstream's Makefile does: without them `helm version` reports a -dev
  # version, and `helm template`/`helm lint` assume Kubernetes v1.20 (failing charts whose
  # kubeVersion asks for more). The Kubernetes minor is the one of the client-go Helm requires.
  gomod="$(GOFLAGS=-mod=mod go mod download -json "helm.sh/helm/v3@$HELM_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  k8s_minor="$(sed -n 's/^[[:space:]]*k8s.io\/client-go v0\.\([0-9]*\)\..*/\1/p' "$gomod" | head -n1)"
  [[ -n "$k8s_minor" ]] || { echo "helm.sh: cannot find the k8s.io/client-go version in $gomod" >&2; exit 1; }
  ldflags="-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  for pkg in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
    ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
  done
  CGO_ENABLED=0 GOBIN="$tmp_bin" GOFLAGS="${GOFLAGS:-} -trimpath" \
    go install -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
  mv "$tmp_bin/helm" "$helm"
fi

# Fail loudly if the cached binary is not the pinned version (e.g. a corrupted cache).
reported="$("$helm" version --template '{{.Version}}' 2>/dev/null || true)"
if [[ "$reported" != "$HELM_VERSION" ]]; then
  echo "helm.sh: $helm reports version '$reported', not $HELM_VERSION; delete $bin_dir and rerun" >&2
  exit 1
fi
# ... and that it carries the Kubernetes version stamp (without it, helm template/lint render for
# Kubernetes v1.20 and refuse the chart's kubeVersion constraint).
probe="$(mktemp -d)"
mkdir -p "$probe/templates"
printf 'apiVersion: v2\nname: probe\nversion: 0.1.0\n' >"$probe/Chart.yaml"
printf 'kubeVersion: {{ .Capabilities.KubeVersion.Version }}\n' >"$probe/templates/version.yaml"
kube_default="$("$helm" template "$probe" 2>/dev/null | sed -n 's/^kubeVersion: //p' || true)"
rm -rf "$probe"
if [[ -z "$kube_default" || "$kube_default" == v1.20.0 ]]; then
  echo "helm.sh: $helm renders for Kubernetes '$kube_default' (built without the version stamp); delete $bin_dir and rerun" >&2
  exit 1
fi
echo "$helm"
