{{/* Rules for BenchmarkRuns, their results and events: in a ClusterRole (all namespaces) or a
     Role per watched namespace. */}}
{{- define "mapbench.runRules" -}}
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns/status"]
  verbs: ["get", "patch", "update"]
# BenchmarkResults carry an owner reference to their run (blockOwnerDeletion needs this).
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkruns/finalizers"]
  verbs: ["update"]
- apiGroups: ["mapbench.io"]
  resources: ["benchmarkresults"]
  verbs: ["get", "list", "watch", "create"]
- apiGroups: ["", "events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end -}}
