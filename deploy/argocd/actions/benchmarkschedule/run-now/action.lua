-- Argo CD resource action run-now of mapbench.io/BenchmarkSchedule: sets the annotation
-- mapbench.io/run-now to a new token (the current UTC time, to the second); the operator creates
-- one run per distinct token, so a second click within the same second creates no second run.
-- The schedule's spec is not touched (a GitOps-managed schedule stays in sync).
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["mapbench.io/run-now"] = os.date("!%Y-%m-%dT%H:%M:%SZ")
return obj
