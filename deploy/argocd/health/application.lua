-- Argo CD health check for argoproj.io/Application
-- (argocd-cm: resource.customizations.health.argoproj.io_Application).
-- Argo CD stopped assessing Application health by itself (1.8); without this the app of apps
-- (root-application.yaml) would not wait for the operator Application (wave 0) to be Healthy
-- before syncing the runs Application (wave 1). The child's own health is passed through; an
-- Application without health yet is Progressing.
local hs = {}
hs.status = "Progressing"
hs.message = "Waiting for the Application's health"
if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then
  hs.status = obj.status.health.status
  hs.message = obj.status.health.message or ""
end
return hs
