#!/usr/bin/env bash
# Provides `prometheus` and `promtool` (alert-rule checks and tests, the dashboards' PromQL proof)
# from Debian's `prometheus` package, installed with apt-get: the registries reachable here serve
# Debian packages, and Debian's build is the real upstream server and promtool.
# Skips apt entirely when both are already installed. Prints the directory holding both binaries on
# its last line:   PROM_BIN="$(hack/tools/prometheus.sh | tail -n1)"
# Works non-interactively as root on a fresh machine (CI) and is idempotent. The package's own
# service is not started (no init system runs it here; policy-rc.d keeps it off where one exists):
# tests start their own prometheus on loopback with their own configuration and data directory.
set -euo pipefail

log() { echo "prometheus.sh: $*" >&2; }

have_both() { [[ -x /usr/bin/prometheus && -x /usr/bin/promtool ]]; }

if ! have_both; then
  if [[ "$(id -u)" != 0 ]]; then
    log "prometheus/promtool missing and not root: run as root or 'sudo apt-get install prometheus'"
    exit 1
  fi
  command -v apt-get >/dev/null || { log "apt-get not found: this script supports Debian/Ubuntu hosts only"; exit 1; }
  log "installing Debian's prometheus package (prometheus + promtool)"
  # Keep the package's service from starting during installation (no daemon wanted; a test starts
  # its own). Only add the guard when none exists, and remove only the one we added.
  added_guard=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    added_guard=1
  fi
  trap '[[ -n "$added_guard" ]] && rm -f /usr/sbin/policy-rc.d' EXIT
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be missing or stale on a fresh machine: update once, then install.
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends prometheus >&2
fi

have_both || { log "prometheus and promtool still missing after apt-get install prometheus"; exit 1; }
# Fail loudly if the binaries do not run (e.g. a half-installed package).
/usr/bin/promtool --version >/dev/null 2>&1 || { log "/usr/bin/promtool does not run; reinstall the prometheus package"; exit 1; }
/usr/bin/prometheus --version >/dev/null 2>&1 || { log "/usr/bin/prometheus does not run; reinstall the prometheus package"; exit 1; }
echo /usr/bin
