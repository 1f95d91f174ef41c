{{/* Names and labels shared by every template of the chart. */}}

{{- define "mapbench.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped name; the release name alone when it already contains the chart name. */}}
{{- define "mapbench.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mapbench.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mapbench.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false: name an existing ServiceAccount with the chart's permissions" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "mapbench.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mapbench.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mapbench.labels" -}}
{{ include "mapbench.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mapbench
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The operator image by tag (default: appVersion), by digest, or by both (tag@digest). */}}
{{- define "mapbench.image" -}}
{{- if and .Values.image.digest (not .Values.image.tag) -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else if .Values.image.digest -}}
{{- printf "%s:%s@%s" .Values.image.repository .Values.image.tag .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Pull secrets and scheduling shared by every pod of the chart (operator, hooks, test pod). */}}
{{- define "mapbench.podPlacement" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Annotations of the uninstall cleanup hook's objects, for Helm (pre-delete) and for Argo CD
     (PreDelete; Argo CD ignores Helm hook annotations once its own are present). Argo CD orders
     hooks of one phase by sync wave, as Helm does by hook weight. */}}
{{- define "mapbench.cleanupHookAnnotations" -}}
helm.sh/hook: pre-delete
helm.sh/hook-weight: {{ .weight | quote }}
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
argocd.argoproj.io/hook: PreDelete
argocd.argoproj.io/sync-wave: {{ .weight | quote }}
argocd.argoproj.io/hook-delete-policy: BeforeHookCreation,HookSucceeded
{{- end -}}

{{/* Leader election is on when asked for or when more than one replica runs. */}}
{{- define "mapbench.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) -}}true{{- end -}}
{{- end -}}

{{/* The policy data document: the values override, else the data compiled with the module. */}}
{{- define "mapbench.policyData" -}}
{{- if .Values.policy.data -}}
{{- toJson .Values.policy.data -}}
{{- else -}}
{{- .Files.Get "files/policy/data.json" -}}
{{- end -}}
{{- end -}}

{{/* Fails rendering when a ConfigMap would exceed the API server's 1 MiB object limit. */}}
{{- define "mapbench.checkConfigMapSize" -}}
{{- $size := len .content -}}
{{- if gt $size 1000000 -}}
{{- fail (printf "ConfigMap %s would hold %d bytes; Kubernetes stores at most 1 MiB per object: shrink %s" .name $size .what) -}}
{{- end -}}
{{- end -}}
