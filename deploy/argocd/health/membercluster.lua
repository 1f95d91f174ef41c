-- Argo CD health check for mapbench.io/MemberCluster
-- (argocd-cm: resource.customizations.health.mapbench.io_MemberCluster).
-- Ready=True -> Healthy (with Degraded=True, a usable member on a slow or lossy link, the
-- message adds its reason: SlowLink, IntermittentProbeFailures); Ready=False -> Degraded with the
-- reason (Unreachable, Unauthorized, SecretNotFound, InvalidKubeconfig, ...); no Ready condition
-- yet, Ready=Unknown, or a status older than metadata.generation -> Progressing.
local hs = {}

local generation = 0
if obj.metadata ~= nil and obj.metadata.generation ~= nil then
  generation = obj.metadata.generation
end

local status = obj.status
local ready = nil
local degraded = nil
if status ~= nil and status.conditions ~= nil then
  for _, c in ipairs(status.conditions) do
    if c.type == "Ready" then
      ready = c
    elseif c.type == "Degraded" then
      degraded = c
    end
  end
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the first probe of the member cluster"
  return hs
end
local observed = ready.observedGeneration or status.observedGeneration
if observed == nil or observed < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to probe generation " .. generation
  return hs
end

if ready.status == "True" then
  hs.status = "Healthy"
  local version = status.kubernetesVersion or "?"
  local distribution = status.distribution or "?"
  hs.message = "Ready: " .. distribution .. " " .. version
  if degraded ~= nil and degraded.status == "True" then
    hs.message = hs.message .. "; link degraded: " .. (degraded.reason or "Degraded") .. ": " .. (degraded.message or "")
  end
elseif ready.status == "False" then
  hs.status = "Degraded"
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "")
else
  hs.status = "Progressing"
  hs.message = (ready.reason or "Probing") .. ": " .. (ready.message or "")
end
return hs
