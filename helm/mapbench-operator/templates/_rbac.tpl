{{/* Rules for BenchmarkRuns, BenchmarkSchedules, their results and events: in a ClusterRole (all
     namespaces) or a Role per watched namespace. */}}
{{- define "mapbench.runRules" -}}
# create/delete: a BenchmarkSchedule creates its runs and deletes those beyond its history limits
# (or the active one, concurrencyPolicy Replace).
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns"]
  verbs: ["get", "list", "watch", "patch", "update", "create", "delete"]
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns/status"]
  verbs: ["patch", "update"]
# BenchmarkResults carry an owner reference to their run (blockOwnerDeletion needs this).
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns/finalizers"]
  verbs: ["update"]
# One BenchmarkResult per job, created once (a conflict means it exists). When a run with
# spec.baseline finishes, its results and the baseline's are listed by label and spec.comparison
# is patched into its own (issue 12). A schedule watches its results (label mapbench.io/schedule)
# for change points and deletes those beyond its window.
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkresults"]
  verbs: ["create", "get", "list", "watch", "patch", "delete"]
# BenchmarkSchedules: watched, status written; runs and results carry an owner reference to their
# schedule (blockOwnerDeletion needs finalizers update).
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkschedules"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkschedules/status"]
  verbs: ["patch", "update"]
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkschedules/finalizers"]
  verbs: ["update"]
# Events on runs (core/v1, always new objects).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
