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
# One BenchmarkResult per job, created once (a conflict means it exists). When a run with
# spec.baseline finishes, its results and the baseline's are listed by label and spec.comparison
# is patched into its own (issue 12).
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkresults"]
  verbs: ["create", "list", "patch"]
# Events on runs (core/v1, always new objects).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
