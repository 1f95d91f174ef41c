package mapbench.admission

# policies/data/*.json load under data.data (see admission.rego).
import data.data as config

# Only Go versions the workload is built with (policies/data/go_versions.json, generated from
# workload/go-versions.txt). A run may name 1.N.P exactly, or 1.N meaning the listed 1.N.P.

_go_versions_accepted contains v if some v in config.goVersions.supported

_go_versions_accepted contains minor if {
	some v in config.goVersions.supported
	parts := split(v, ".")
	minor := concat(".", [parts[0], parts[1]])
}

violation contains {"rule": "go-version", "field": field, "message": msg} if {
	some i, v in input.run.spec.goVersions
	not v in _go_versions_accepted
	field := concat("", ["spec.goVersions[", format_int(i, 10), "]"])
	msg := sprintf(
		"Go version %s is not supported: use one of %s (1.N means the listed 1.N.P)",
		[_display(v), concat(", ", sort(_go_versions_accepted))],
	)
}

violation contains {"rule": "go-version", "field": "spec.goVersions", "message": msg} if {
	not _has_go_versions
	msg := sprintf("set spec.goVersions to at least one of %s", [concat(", ", sort(_go_versions_accepted))])
}

_has_go_versions if {
	is_array(input.run.spec.goVersions)
	count(input.run.spec.goVersions) > 0
}
