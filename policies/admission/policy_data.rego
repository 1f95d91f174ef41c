package mapbench.admission

# policies/data/*.json load under data.data (see admission.rego).
import data.data as config

# The policy data (policies/data, shipped as dist/data.json in the policy ConfigMap) must be
# complete: every other rule reads its limits from it, and a rule whose limit is missing would
# silently not apply. The operator treats this rule as "policy unavailable", not as a denial of
# the run: the run is fine, the policy is broken (fail closed either way).

violation contains {"rule": "policy-data-invalid", "field": "data", "message": msg} if {
	some problem in _data_problems
	msg := concat("", [
		"the policy data is incomplete: ", problem,
		"; fix policies/data (or the policy ConfigMap's data.json) and roll it out again",
	])
}

_data_problems contains "tiers must map each tier name to its limits" if not _tiers_present

_data_problems contains problem if {
	some name, tier in config.tiers
	some key in _tier_limit_keys
	not key in _valid_tier_limits[name]
	problem := concat("", ["tiers.", name, ".", key, " must be a ", _tier_limit_types[key]])
}

_data_problems contains "goVersions.supported must list at least one Go version" if not _go_versions_present

_data_problems contains "allowedImageRepositories must be a list of repositories" if not _image_repositories_present

_data_problems contains "maxActiveRunsPerNamespace must be a number" if not _max_active_runs_present

_data_problems contains "edgeAllowedLabel must have a key and a value" if not _edge_label_present

_tier_limit_types := {
	"cpu": "quantity string",
	"cpuMillis": "number",
	"memory": "quantity string",
	"memoryBytes": "number",
	"maxBenchmarks": "number",
	"maxCpuSeconds": "number",
	"maxSize": "number",
}

_tier_limit_keys := object.keys(_tier_limit_types)

# tier name -> the limit keys of that tier that have the right type.
_valid_tier_limits[name] := {key |
	some key, type in _tier_limit_types
	_has_type(tier[key], type)
} if {
	some name, tier in config.tiers
}

_has_type(x, "number") if is_number(x)

_has_type(x, "quantity string") if is_string(x)

_tiers_present if {
	is_object(config.tiers)
	count(config.tiers) > 0
}

_go_versions_present if {
	is_array(config.goVersions.supported)
	count(config.goVersions.supported) > 0
}

# Helpers without arguments: `not is_number(config.x)` with config.x undefined is undefined, not true.
_max_active_runs_present if is_number(config.maxActiveRunsPerNamespace)

_image_repositories_present if is_array(config.allowedImageRepositories)

_edge_label_present if {
	is_string(config.edgeAllowedLabel.key)
	is_string(config.edgeAllowedLabel.value)
}
