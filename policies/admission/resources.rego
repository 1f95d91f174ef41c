package mapbench.admission

# Workload pods must set CPU and memory with requests equal to limits: Guaranteed QoS keeps
# benchmark timings free of CPU-share and eviction noise from neighbours. The operator sends
# the spec's quantity strings (for messages) and normalized numbers in input.resources (for
# comparison), because the Wasm runtime has no quantity parser.

# Quantity name in the spec -> normalized field in input.resources.
_resource_kinds := {"cpu": "cpuMillis", "memory": "memoryBytes"}

_resource_sections := {"requests", "limits"}

violation contains {"rule": "resources-set", "field": field, "message": msg} if {
	some section in _resource_sections
	some kind, _ in _resource_kinds
	not [section, kind] in _resources_set
	field := concat(".", ["spec.resources", section, kind])
	msg := sprintf(
		"set %s to a positive quantity: workload pods must request CPU and memory, with requests equal to limits",
		[field],
	)
}

violation contains {"rule": "requests-equal-limits", "field": field, "message": msg} if {
	some kind, normalized in _resource_kinds
	requested := input.resources.requests[normalized]
	limit := input.resources.limits[normalized]
	requested != limit
	field := concat(".", ["spec.resources.requests", kind])
	msg := sprintf(
		"set spec.resources.requests.%s (%s) equal to spec.resources.limits.%s (%s): benchmark pods run with Guaranteed QoS",
		[kind, _shown("requests", kind), kind, _shown("limits", kind)],
	)
}

violation contains {"rule": "resources-cap", "field": field, "message": msg} if {
	some cluster in input.clusters
	tier := _tier_of(cluster)
	some section in _resource_sections
	some kind, normalized in _resource_kinds
	input.resources[section][normalized] > tier[normalized]
	field := concat(".", ["spec.resources", section, kind])
	msg := sprintf(
		"cluster %s (tier %s) allows workload pods at most %s %s, but %s is %s: lower it to at most %s%s",
		[cluster.name, cluster.tier, tier[kind], kind, field, _shown(section, kind), tier[kind], _edge_hint(cluster.tier)],
	)
}

# The (section, kind) pairs the operator sent a positive normalized quantity for. A set, because
# `not f(x)` with an undefined x is undefined rather than true and would skip the violation.
_resources_set contains [section, kind] if {
	some section in _resource_sections
	some kind, normalized in _resource_kinds
	_positive(input.resources[section][normalized])
}

_positive(x) if {
	is_number(x)
	x > 0
}

# _shown is the quantity as written in the spec; the normalized number if the string is missing.
_shown(section, kind) := input.run.spec.resources[section][kind] if {
	is_string(input.run.spec.resources[section][kind])
} else := concat("", [_int_text(input.resources[section][_resource_kinds[kind]]), _unit[kind]])

_unit := {"cpu": "m", "memory": ""}
