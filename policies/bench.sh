#!/usr/bin/env bash
# Kept benchmark of in-process policy decisions (issue 5): p50/p99 latency over 10,000
# evaluations of the committed policies/dist module with the OPA Java SDK, and the memory the
# policy pool holds. Compiles the operator's test classes with Maven, then runs
# io.mapbench.operator.policy.AdmissionPolicyBenchmark on its test classpath.
#   policies/bench.sh [evaluations (10000)] [pool size (4)]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT

# One reactor invocation so test-support resolves from its target/classes (it is not installed);
# the operator module comes last, so its classpath is what the file holds at the end.
./mvnw -B -q -pl operator -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file" >&2

cd operator
# A fixed heap so the memory figures are not distorted by heap resizing.
exec java -Xms512m -Xmx512m \
  -cp "target/classes:target/test-classes:$(cat "$classpath_file")" \
  -Dmapbench.policies.dir="$repo/policies" \
  io.mapbench.operator.policy.AdmissionPolicyBenchmark "$@"
