-- Argo CD health check for mapbench.io/BenchmarkRun
-- (argocd-cm: resource.customizations.health.mapbench.io_BenchmarkRun).
-- A status the operator wrote for an older spec says nothing about the current one: until
-- status.observedGeneration (and every condition's observedGeneration) reaches
-- metadata.generation the run is Progressing.
-- Phases: Succeeded -> Healthy; Scheduled/Running -> Progressing; Pending -> Progressing, or
-- Suspended while it waits for capacity, its namespace's quota or a matching cluster, or Degraded
-- when waiting cannot help: the policy is unavailable (fail closed: nothing is admitted), a
-- selector is invalid (InvalidSpec) or names a cluster that does not exist (UnknownCluster);
-- Denied (by the policy, or InvalidSpec: the spec cannot run as written), Failed and
-- PartiallySucceeded -> Degraded (the message names the violations, the field or failed jobs).
-- A finished run compared with spec.baseline keeps that health: a regression (condition Regressed
-- True) is a finding of a run that worked, not a fault of the run, so it is appended to the
-- message (the schedule's health check and the alert are where it pages).
-- Argo CD runs this with only its base, table, package and a reduced os library: no string or
-- math functions (healthcheck-test runs it the same way).
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
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the mapbench operator to pick up the run"
  return hs
end

if status.observedGeneration == nil or status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end
if status.conditions ~= nil then
  for _, c in ipairs(status.conditions) do
    if c.observedGeneration ~= nil and c.observedGeneration < generation then
      hs.status = "Progressing"
      hs.message = "Condition " .. c.type .. " reflects generation " .. c.observedGeneration .. ", not " .. generation
      return hs
    end
  end
end

local phase = status.phase
local summary = status.jobsSummary or ""
local regressed = condition(status, "Regressed")
local regressedNote = ""
if regressed ~= nil and regressed.status == "True" then
  regressedNote = "; Regressed: " .. (regressed.message or "")
end

if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = "Succeeded: " .. summary .. regressedNote
elseif phase == "Scheduled" or phase == "Running" then
  hs.status = "Progressing"
  hs.message = phase .. ": " .. summary
elseif phase == "Pending" then
  local admitted = condition(status, "Admitted")
  local scheduled = condition(status, "Scheduled")
  if admitted ~= nil and admitted.reason == "PolicyUnavailable" then
    hs.status = "Degraded"
    hs.message = "Admission policy unavailable (nothing is admitted): " .. (admitted.message or "")
  elseif admitted ~= nil and admitted.status == "False" and admitted.reason == "InvalidSpec" then
    hs.status = "Degraded"
    hs.message = "InvalidSpec: " .. (admitted.message or "")
  elseif scheduled ~= nil and scheduled.status == "False"
      and (scheduled.reason == "InvalidSpec" or scheduled.reason == "UnknownCluster") then
    hs.status = "Degraded"
    hs.message = scheduled.reason .. ": " .. (scheduled.message or "")
  elseif scheduled ~= nil and scheduled.status == "False"
      and (scheduled.reason == "WaitingForCapacity" or scheduled.reason == "WaitingForQuota"
        or scheduled.reason == "NoMatchingCluster") then
    hs.status = "Suspended"
    hs.message = scheduled.reason .. ": " .. (scheduled.message or "")
  else
    hs.status = "Progressing"
    hs.message = "Pending"
  end
elseif phase == "Denied" and condition(status, "Admitted") ~= nil
    and condition(status, "Admitted").reason == "InvalidSpec" then
  hs.status = "Degraded"
  hs.message = "InvalidSpec: " .. (condition(status, "Admitted").message or "")
elseif phase == "Denied" then
  hs.status = "Degraded"
  local parts = {}
  if status.policy ~= nil and status.policy.violations ~= nil then
    for _, v in ipairs(status.policy.violations) do
      table.insert(parts, (v.rule or "?") .. ": " .. (v.message or ""))
    end
  end
  hs.message = "Denied by policy: " .. table.concat(parts, "; ")
elseif phase == "Failed" or phase == "PartiallySucceeded" then
  hs.status = "Degraded"
  local failed = {}
  if status.jobs ~= nil then
    for _, j in ipairs(status.jobs) do
      if j.phase ~= "Succeeded" then
        table.insert(failed, (j.cluster or "?") .. "/go" .. (j.goVersion or "?") .. " " .. (j.phase or "?")
          .. (j.message ~= nil and (": " .. j.message) or ""))
      end
    end
  end
  hs.message = phase .. ": " .. summary .. (#failed > 0 and (" (" .. table.concat(failed, "; ") .. ")") or "")
    .. regressedNote
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. phase
end
return hs
