package mapbench.admission

# Fail closed on a malformed input document: a field another rule needs but the operator did not
# send would otherwise make that rule silently not apply. These violations mean an operator bug,
# never a user error, and deny the run until the operator sends a complete input.

_required_counts["namespace.activeRuns"] := input.namespace.activeRuns

_required_counts["estimate.benchmarks"] := input.estimate.benchmarks

_required_counts["estimate.largestSize"] := input.estimate.largestSize

_required_counts["estimate.cpuSeconds"] := input.estimate.cpuSeconds

_required_strings["run.metadata.name"] := input.run.metadata.name

_required_strings["run.metadata.namespace"] := input.run.metadata.namespace

_required_strings["namespace.name"] := input.namespace.name

# Checks are written as "not path in <set of valid paths>": `not f(x)` with an undefined x is
# undefined rather than true, so a missing field would slip through a `not _is_count(...)`.

violation contains _input_violation(path, "an integer from 0 to 10^15") if {
	some path in {"namespace.activeRuns", "estimate.benchmarks", "estimate.largestSize", "estimate.cpuSeconds"}
	not path in _valid_counts
}

violation contains _input_violation(path, "a non-empty string") if {
	some path in {"run.metadata.name", "run.metadata.namespace", "namespace.name"}
	not path in _valid_strings
}

violation contains _input_violation("run.spec", "an object") if not _spec_is_object

violation contains _input_violation("clusters", "a non-empty array of proposed clusters") if not _has_clusters

violation contains _input_violation(path, "a non-empty string") if {
	some i, _ in input.clusters
	some key in ["name", "tier"]
	not [i, key] in _valid_cluster_fields
	path := concat("", ["clusters[", format_int(i, 10), "].", key])
}

_valid_counts contains path if {
	some path, value in _required_counts
	_is_count(value)
}

_valid_strings contains path if {
	some path, value in _required_strings
	_is_name(value)
}

_valid_cluster_fields contains [i, key] if {
	some i, cluster in input.clusters
	some key in ["name", "tier"]
	_is_name(cluster[key])
}

_spec_is_object if is_object(input.run.spec)

_input_violation(path, expected) := {
	"rule": "input-invalid",
	"field": concat("", ["input.", path]),
	"message": sprintf(
		"the operator sent no valid input.%s (%s): this is an operator bug; the run stays unadmitted until the policy input is complete",
		[path, expected],
	),
}

# Below 10^15: exact in every JSON number representation (and printable by _int_text).
_is_count(x) if {
	is_number(x)
	x >= 0
	x == floor(x)
	x < 1000000000000000
}

_is_name(x) if {
	is_string(x)
	x != ""
}

_has_clusters if {
	is_array(input.clusters)
	count(input.clusters) > 0
}
