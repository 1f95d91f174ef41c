-- Argo CD health check for mapbench.io/BenchmarkSchedule
-- (argocd-cm: resource.customizations.health.mapbench.io_BenchmarkSchedule).
-- Until status.observedGeneration reaches metadata.generation -> Progressing (a status for an
-- older spec says nothing about this one). Ready=False (InvalidSchedule: the cron expression or
-- time zone cannot be used) -> Degraded. spec.suspend -> Suspended. Regressed=True (the last
-- finished run got slower than its baseline) -> Degraded, or Healthy when the schedule carries
-- the annotation mapbench.io/argocd-regressed-health: Healthy (a team that watches the alert
-- instead of the sync status). No run finished yet -> Progressing. Otherwise Healthy.
-- Argo CD runs this with only its base, table, package and a reduced os library.
local hs = {}

local function condition(status, type)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local generation = 0
if obj.metadata ~= nil and obj.metadata.generation ~= nil then
  generation = obj.metadata.generation
end
local status = obj.status
if status == nil or status.observedGeneration == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the mapbench operator to pick up the schedule"
  return hs
end
if status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

local ready = condition(status, "Ready")
if ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. (ready.message or "")
  return hs
end

local regressedHealth = "Degraded"
if obj.metadata.annotations ~= nil and obj.metadata.annotations["mapbench.io/argocd-regressed-health"] == "Healthy" then
  regressedHealth = "Healthy"
end
local regressed = condition(status, "Regressed")
if regressed ~= nil and regressed.status == "True" then
  hs.status = regressedHealth
  hs.message = "Regressed: " .. (regressed.message or regressed.reason)
  return hs
end

if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended (spec.suspend): no runs on ticks; the run-now annotation still creates runs"
  return hs
end

if status.lastFinishedRun == nil then
  hs.status = "Progressing"
  if status.nextScheduleTime ~= nil then
    hs.message = "No run finished yet; next tick " .. status.nextScheduleTime
  else
    hs.message = "No run finished yet"
  end
  return hs
end

hs.status = "Healthy"
hs.message = "Last finished run " .. status.lastFinishedRun
if regressed ~= nil then
  hs.message = hs.message .. " (Regressed " .. regressed.status .. ": " .. regressed.reason .. ")"
end
if status.nextScheduleTime ~= nil then
  hs.message = hs.message .. "; next tick " .. status.nextScheduleTime
end
return hs
