{{/* Rules for BenchmarkRuns, their results and events: in a ClusterRole (all namespaces) or a
     Role per watched namespace. */}}
{{- define "mapbench.runRules" -}}
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns/status"]
  verbs: ["patch", "update"]
# BenchmarkResults carry an owner reference to their run (blockOwnerDeletion needs this).
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns/finalizers"]
  verbs: ["update"]
# One BenchmarkResult per job, created once (a conflict means it exists); listed and watched by
# the result metrics, which are derived from the stored results (io.mapbench.operator.metrics).
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkresults"]
  verbs: ["create", "list", "watch"]
# Schedules' change points become a metric (the history dashboard's annotations).
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkschedules"]
  verbs: ["list", "watch"]
# Events on runs (core/v1, always new objects).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
