#!/usr/bin/env bash
# Installs Debian's qemu-user emulator so the edge-k3s-1 node agent can run arm64 binaries on an
# amd64 host. Idempotent: does nothing when qemu-aarch64(-static) is already on PATH. Runs as root
# without stdin (CI); as non-root it uses sudo -n when available and otherwise says what to run.
set -euo pipefail

if command -v qemu-aarch64-static >/dev/null 2>&1 || command -v qemu-aarch64 >/dev/null 2>&1; then
  echo "provision-qemu: already present: $(command -v qemu-aarch64-static || command -v qemu-aarch64)"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "provision-qemu: qemu-aarch64 is missing and this user is not root; run as root: apt-get install -y qemu-user-static" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
# The static build needs no arm64 shared libraries and no binfmt registration: the agent invokes it
# explicitly. Refresh the package lists only when the candidate is unknown (fresh machines).
if ! apt-cache policy qemu-user-static 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  "${as_root[@]}" apt-get update -q </dev/null
fi
"${as_root[@]}" apt-get install -y -q --no-install-recommends qemu-user-static </dev/null

if ! command -v qemu-aarch64-static >/dev/null 2>&1; then
  echo "provision-qemu: apt-get installed qemu-user-static but qemu-aarch64-static is not on PATH" >&2
  exit 1
fi
echo "provision-qemu: installed $(command -v qemu-aarch64-static)"
