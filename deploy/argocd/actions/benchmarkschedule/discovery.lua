-- Argo CD resource actions of mapbench.io/BenchmarkSchedule
-- (argocd-cm: resource.customizations.actions.mapbench.io_BenchmarkSchedule, discovery.lua).
-- run-now is always offered: the operator creates a run for it even while the schedule is suspended.
local actions = {}
actions["run-now"] = {["disabled"] = false, ["iconClass"] = "fa fa-fw fa-play", ["displayName"] = "Run now"}
return actions
