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

{{- define "mapbench.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
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
