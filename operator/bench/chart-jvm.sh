#!/usr/bin/env bash
# Prints the JVM options the chart's operator container runs with, for the benchmarks to start the
# jar as the pod would: JAVA_TOOL_OPTIONS from `helm template` with the default values, plus what
# the container's cgroup gives the JVM in a pod and not on this machine: -XX:MaxRAM=<memory limit>
# (so jvm.maxRAMPercentage sizes the heap from the limit) and -XX:ActiveProcessorCount=<cpu limit>
# (so GC, JIT and Vert.x size their threads as in the pod).
# CHART_REF=<git revision> renders the chart of that revision instead (before/after figures).
# --env prints instead the container's environment that shapes the JVM's native memory
# (MALLOC_* of glibc), one NAME=value per line, for `env $(chart-jvm.sh --env) java ...`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
helm="$("$repo/hack/tools/helm.sh" | tail -n1)"
chart="$repo/helm/mapbench-operator"
if [[ -n "${CHART_REF:-}" ]]; then
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  git -C "$repo" archive "$CHART_REF" helm/mapbench-operator | tar -x -C "$tmp"
  chart="$tmp/helm/mapbench-operator"
fi
"$helm" template bench "$chart" -s templates/deployment.yaml | python3 -c '
import math, sys, yaml
units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
deployment = yaml.safe_load(sys.stdin)
container = next(c for c in deployment["spec"]["template"]["spec"]["containers"] if c["name"] == "operator")
limits = container["resources"]["limits"]
memory = limits["memory"]
memory_bytes = int(memory[:-2]) * units[memory[-2:]] if memory[-2:] in units else int(memory)
cpu = limits["cpu"]
cpus = max(1, math.ceil(int(cpu[:-1]) / 1000 if cpu.endswith("m") else float(cpu)))
if sys.argv[1:] == ["--env"]:
    for e in container["env"]:
        if e["name"].startswith("MALLOC_"):
            print(e["name"] + "=" + e["value"])
    sys.exit(0)
opts = next(e["value"] for e in container["env"] if e["name"] == "JAVA_TOOL_OPTIONS")
print(f"-XX:MaxRAM={memory_bytes} -XX:ActiveProcessorCount={cpus} {opts}")
' "$@"
