#!/usr/bin/env bash
# Installs Debian's `chromium` package (the headless browser the report test drives) unless
# /usr/bin/chromium is already there. Debian's package, not a browser build downloaded by a test
# tool: playwright-core is pointed at this binary (executablePath). Needs root for apt-get (CI
# runs as root). Prints the browser path on its last line:
#   CHROMIUM="$(hack/tools/chromium.sh | tail -n1)"
set -euo pipefail

chromium=/usr/bin/chromium
if [[ ! -x "$chromium" ]]; then
  command -v apt-get >/dev/null || { echo "chromium.sh: $chromium missing and no apt-get; install Debian's chromium package" >&2; exit 1; }
  [[ "$(id -u)" == 0 ]] || { echo "chromium.sh: $chromium missing; run as root (apt-get install chromium) or install it yourself" >&2; exit 1; }
  echo "chromium.sh: installing Debian's chromium package (apt-get)" >&2
  # Other apt users on the machine: wait for the dpkg lock instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    chromium fonts-liberation >&2
fi
"$chromium" --version >&2
echo "$chromium"
