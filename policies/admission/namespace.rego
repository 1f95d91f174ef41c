package mapbench.admission

# policies/data/*.json load under data.data (see admission.rego).
import data.data as config

# Per-namespace rules: a cap on concurrently active runs, and edge clusters only for namespaces
# a platform owner has opted in (edge clusters are small and shared with production work).

violation contains {"rule": "active-runs", "field": "metadata.namespace", "message": msg} if {
	input.namespace.activeRuns >= config.maxActiveRunsPerNamespace
	msg := sprintf(
		"namespace %s already has %s active runs and allows %s: wait for one to finish or delete one; the run is re-evaluated then",
		[
			input.namespace.name, _int_text(input.namespace.activeRuns),
			_int_text(config.maxActiveRunsPerNamespace),
		],
	)
}

violation contains {"rule": "edge-namespace", "field": "spec.placement", "message": msg} if {
	some cluster in input.clusters
	cluster.tier == "edge"
	not _edge_allowed
	msg := sprintf(
		"cluster %s is an edge cluster and namespace %s is not labelled %s=%s: change spec.placement to select cloud clusters only, or ask a platform owner to label the namespace",
		[cluster.name, input.namespace.name, config.edgeAllowedLabel.key, config.edgeAllowedLabel.value],
	)
}

_edge_allowed if input.namespace.labels[config.edgeAllowedLabel.key] == config.edgeAllowedLabel.value
