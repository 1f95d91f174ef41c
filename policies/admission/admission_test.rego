# Unit tests: every rule of mapbench.admission, allowed and denied. Each test patches one thing
# into a valid base input, so a failure points at exactly one rule.
package mapbench.admission_test

import data.mapbench.admission

# A run that every rule allows: one cloud and one edge cluster, opted-in namespace, edge-sized.
base := {
	"run": {
		"metadata": {"name": "maps-quick", "namespace": "team-a", "labels": {}},
		"spec": {
			"suite": "quick",
			"goVersions": ["1.26", "1.23.12"],
			"repetitions": 10,
			"benchtime": "1s",
			"resources": {
				"requests": {"cpu": "1", "memory": "1Gi"},
				"limits": {"cpu": "1", "memory": "1Gi"},
			},
			"placement": {"clusters": ["cloud-1", "edge-k3s-1"]},
		},
	},
	"resources": {
		"requests": {"cpuMillis": 1000, "memoryBytes": 1073741824},
		"limits": {"cpuMillis": 1000, "memoryBytes": 1073741824},
	},
	"clusters": [
		{"name": "cloud-1", "tier": "cloud", "labels": {"mapbench.io/tier": "cloud"}, "capacity": {"cpuMillis": 8000, "memoryBytes": 17179869184}},
		{"name": "edge-k3s-1", "tier": "edge", "labels": {"mapbench.io/tier": "edge"}, "capacity": {"cpuMillis": 2000, "memoryBytes": 2147483648}},
	],
	"namespace": {"name": "team-a", "labels": {"mapbench.io/edge-allowed": "true"}, "activeRuns": 0},
	"estimate": {"benchmarks": 120, "largestSize": 100000, "cpuSeconds": 300},
}

cloud_only := [{"op": "remove", "path": "/clusters/1"}]

decide(patch) := d if {
	d := admission.decision with input as json.patch(base, patch)
}

# violations(patch) is the set of [rule, field] pairs the decision reports.
violations(patch) := {[v.rule, v.field] | some v in decide(patch).violations}

replace(path, value) := {"op": "replace", "path": path, "value": value}

add(path, value) := {"op": "add", "path": path, "value": value}

remove(path) := {"op": "remove", "path": path}

test_base_allowed if {
	decide([]) == {"allowed": true, "violations": []}
}

# --- resources-set ---------------------------------------------------------------------------

test_resources_set_denied_when_missing if {
	every section in ["requests", "limits"] {
		every kind, normalized in {"cpu": "cpuMillis", "memory": "memoryBytes"} {
			violations([remove(sprintf("/resources/%s/%s", [section, normalized]))]) == {[
				"resources-set",
				sprintf("spec.resources.%s.%s", [section, kind]),
			]}
		}
	}
}

test_resources_set_denied_when_zero if {
	violations([replace("/resources/requests/cpuMillis", 0), replace("/resources/limits/cpuMillis", 0)]) == {
		["resources-set", "spec.resources.requests.cpu"],
		["resources-set", "spec.resources.limits.cpu"],
	}
}

test_resources_set_denied_when_no_resources_at_all if {
	count(violations([remove("/resources")])) == 4
}

# --- requests-equal-limits -------------------------------------------------------------------

test_requests_equal_limits_denied if {
	d := decide([replace("/resources/requests/cpuMillis", 500), replace("/run/spec/resources/requests/cpu", "500m")])
	d.violations == [{
		"rule": "requests-equal-limits",
		"field": "spec.resources.requests.cpu",
		"message": "set spec.resources.requests.cpu (500m) equal to spec.resources.limits.cpu (1): benchmark pods run with Guaranteed QoS",
	}]
}

test_requests_equal_limits_compares_normalized_quantities if {
	# "1" and "1000m" are the same quantity; the operator normalizes both to 1000.
	decide([replace("/run/spec/resources/limits/cpu", "1000m")]).allowed
}

test_requests_equal_limits_message_falls_back_to_numbers if {
	d := decide([remove("/run/spec/resources"), replace("/resources/requests/memoryBytes", 536870912)])
	d.violations[0].message == "set spec.resources.requests.memory (536870912) equal to spec.resources.limits.memory (1073741824): benchmark pods run with Guaranteed QoS"
}

# --- resources-cap ---------------------------------------------------------------------------

test_resources_cap_edge_cpu_denied if {
	d := decide([
		replace("/resources/requests/cpuMillis", 2000), replace("/resources/limits/cpuMillis", 2000),
		replace("/run/spec/resources/requests/cpu", "2"), replace("/run/spec/resources/limits/cpu", "2"),
	])
	d.violations == [
		{
			"rule": "resources-cap",
			"field": "spec.resources.limits.cpu",
			"message": "cluster edge-k3s-1 (tier edge) allows workload pods at most 1 cpu, but spec.resources.limits.cpu is 2: lower it to at most 1, or place the run on cloud clusters only",
		},
		{
			"rule": "resources-cap",
			"field": "spec.resources.requests.cpu",
			"message": "cluster edge-k3s-1 (tier edge) allows workload pods at most 1 cpu, but spec.resources.requests.cpu is 2: lower it to at most 1, or place the run on cloud clusters only",
		},
	]
}

test_resources_cap_edge_memory_denied if {
	violations([
		replace("/resources/requests/memoryBytes", 1073741825), replace("/resources/limits/memoryBytes", 1073741825),
	]) == {["resources-cap", "spec.resources.requests.memory"], ["resources-cap", "spec.resources.limits.memory"]}
}

test_resources_cap_same_request_allowed_on_cloud if {
	decide(array.concat(cloud_only, [
		replace("/resources/requests/cpuMillis", 4000), replace("/resources/limits/cpuMillis", 4000),
		replace("/resources/requests/memoryBytes", 8589934592), replace("/resources/limits/memoryBytes", 8589934592),
	])).allowed
}

test_resources_cap_cloud_denied_above_cloud_cap if {
	d := decide(array.concat(cloud_only, [
		replace("/resources/requests/memoryBytes", 17179869184), replace("/resources/limits/memoryBytes", 17179869184),
		replace("/run/spec/resources/requests/memory", "16Gi"), replace("/run/spec/resources/limits/memory", "16Gi"),
	]))
	d.violations[0].message == "cluster cloud-1 (tier cloud) allows workload pods at most 8Gi memory, but spec.resources.limits.memory is 16Gi: lower it to at most 8Gi"
	count(d.violations) == 2
}

# --- work-budget -----------------------------------------------------------------------------

test_work_budget_cpu_seconds_denied_on_edge if {
	d := decide([replace("/estimate/cpuSeconds", 901)])
	d.violations == [{
		"rule": "work-budget",
		"field": "spec",
		"message": "the run needs about 901 CPU-seconds on cluster edge-k3s-1 but the edge tier allows 900 per run: run fewer scenarios, sizes, Go versions or repetitions, or a shorter benchtime, or place the run on cloud clusters only",
	}]
}

test_work_budget_at_budget_allowed if {
	decide([replace("/estimate/cpuSeconds", 900), replace("/estimate/benchmarks", 500)]).allowed
}

test_work_budget_benchmarks_denied_on_edge if {
	violations([replace("/estimate/benchmarks", 501)]) == {["work-budget", "spec"]}
}

test_work_budget_cloud_allows_more if {
	decide(array.concat(cloud_only, [replace("/estimate/cpuSeconds", 7200), replace("/estimate/benchmarks", 5000)])).allowed
}

test_work_budget_cloud_denied_above_cloud_budget if {
	count(decide(array.concat(cloud_only, [replace("/estimate/cpuSeconds", 7201)])).violations) == 1
}

# --- size-cap --------------------------------------------------------------------------------

test_size_cap_edge_refuses_largest_sizes if {
	d := decide([replace("/estimate/largestSize", 10000000)])
	d.violations == [{
		"rule": "size-cap",
		"field": "spec.matrix.sizes",
		"message": "cluster edge-k3s-1 (tier edge) runs map sizes up to 1000000 but the run's largest size is 10000000: remove sizes above 1000000 from spec.matrix.sizes, or place the run on cloud clusters only",
	}]
}

test_size_cap_cloud_runs_largest_sizes if {
	decide(array.concat(cloud_only, [replace("/estimate/largestSize", 10000000)])).allowed
}

test_size_cap_edge_at_cap_allowed if {
	decide([replace("/estimate/largestSize", 1000000)]).allowed
}

# --- go-version ------------------------------------------------------------------------------

test_go_version_supported_forms_allowed if {
	every versions in [["1.21"], ["1.21.13"], ["1.23", "1.26.8"], ["1.26"]] {
		decide([replace("/run/spec/goVersions", versions)]).allowed
	}
}

test_go_version_unsupported_denied if {
	d := decide([replace("/run/spec/goVersions", ["1.26", "1.22"])])
	d.violations == [{
		"rule": "go-version",
		"field": "spec.goVersions[1]",
		"message": "Go version 1.22 is not supported: use one of 1.21, 1.21.13, 1.23, 1.23.12, 1.26, 1.26.8 (1.N means the listed 1.N.P)",
	}]
}

test_go_version_other_patch_or_spelling_denied if {
	every version in ["1.26.7", "go1.26", "1", "1.26.8.0", "", 1.26] {
		violations([replace("/run/spec/goVersions", [version])]) == {["go-version", "spec.goVersions[0]"]}
	}
}

test_go_version_non_string_shown_as_json if {
	decide([replace("/run/spec/goVersions", [126])]).violations[0].message == "Go version 126 is not supported: use one of 1.21, 1.21.13, 1.23, 1.23.12, 1.26, 1.26.8 (1.N means the listed 1.N.P)"
}

test_go_version_missing_or_empty_denied if {
	every patch in [[remove("/run/spec/goVersions")], [replace("/run/spec/goVersions", [])], [replace("/run/spec/goVersions", "1.26")]] {
		violations(patch) == {["go-version", "spec.goVersions"]}
	}
}

# --- image-repository ------------------------------------------------------------------------

test_image_repository_allowed_values if {
	every repository in data.data.allowedImageRepositories {
		decide([add("/run/spec/imageRepository", repository)]).allowed
	}
}

test_image_repository_denied_values if {
	every repository in ["ghcr.io/mapbench-evil", "ghcr.io/mapbench/", "docker.io/mapbench", ""] {
		violations([add("/run/spec/imageRepository", repository)]) == {["image-repository", "spec.imageRepository"]}
	}
}

test_image_repository_message if {
	decide([add("/run/spec/imageRepository", "docker.io/x")]).violations[0].message == "image repository docker.io/x is not allowed: set spec.imageRepository to one of ghcr.io/mapbench, localhost:5000/mapbench, or leave it unset to use the operator's default"
}

# --- active-runs -----------------------------------------------------------------------------

test_active_runs_below_limit_allowed if {
	decide([replace("/namespace/activeRuns", 2)]).allowed
}

test_active_runs_at_limit_denied if {
	d := decide([replace("/namespace/activeRuns", 3)])
	d.violations == [{
		"rule": "active-runs",
		"field": "metadata.namespace",
		"message": "namespace team-a already has 3 active runs and allows 3: wait for one to finish or delete one; the run is re-evaluated then",
	}]
}

# --- edge-namespace --------------------------------------------------------------------------

test_edge_namespace_unlabelled_denied if {
	d := decide([replace("/namespace/labels", {})])
	d.violations == [{
		"rule": "edge-namespace",
		"field": "spec.placement",
		"message": "cluster edge-k3s-1 is an edge cluster and namespace team-a is not labelled mapbench.io/edge-allowed=true: change spec.placement to select cloud clusters only, or ask a platform owner to label the namespace",
	}]
}

test_edge_namespace_label_must_be_true if {
	every value in ["false", "yes", "True"] {
		violations([replace("/namespace/labels", {"mapbench.io/edge-allowed": value})]) == {["edge-namespace", "spec.placement"]}
	}
}

test_edge_namespace_cloud_only_allowed_without_label if {
	decide(array.concat(cloud_only, [remove("/namespace/labels")])).allowed
}

# --- cluster-tier ----------------------------------------------------------------------------

test_cluster_tier_unknown_denied if {
	d := decide([replace("/clusters/0/tier", "gpu")])
	d.violations == [{
		"rule": "cluster-tier",
		"field": "spec.placement",
		"message": "cluster cloud-1 has tier gpu, which this policy has no limits for: label the MemberCluster mapbench.io/tier with one of cloud, edge, or change spec.placement to exclude it",
	}]
}

# --- input-invalid (fail closed on a malformed input document) --------------------------------

test_input_invalid_missing_fields if {
	every path, patch in {
		"input.estimate.cpuSeconds": [remove("/estimate/cpuSeconds")],
		"input.estimate.benchmarks": [replace("/estimate/benchmarks", -1)],
		"input.estimate.largestSize": [replace("/estimate/largestSize", 1.5)],
		"input.namespace.activeRuns": [replace("/namespace/activeRuns", "0")],
		"input.run.metadata.name": [remove("/run/metadata/name")],
		"input.run.metadata.namespace": [replace("/run/metadata/namespace", "")],
		"input.namespace.name": [remove("/namespace/name")],
		"input.clusters[1].name": [remove("/clusters/1/name")],
	} {
		["input-invalid", path] in violations(patch)
		not decide(patch).allowed
	}
}

test_input_invalid_no_clusters if {
	violations([replace("/clusters", [])]) == {["input-invalid", "input.clusters"]}
}

test_input_invalid_cluster_without_tier_fails_closed if {
	violations([remove("/clusters/0/tier")]) == {["input-invalid", "input.clusters[0].tier"], ["cluster-tier", "spec.placement"]}
}

test_input_invalid_empty_document_denied if {
	d := admission.decision with input as {}
	not d.allowed
	count(d.violations) >= 8
}

test_input_invalid_message if {
	decide([remove("/estimate")]).violations[0].message == "the operator sent no valid input.estimate.benchmarks (an integer from 0 to 10^15): this is an operator bug; the run stays unadmitted until the policy input is complete"
}

# --- decision shape --------------------------------------------------------------------------

test_violations_sorted_by_rule_field_message if {
	d := decide([replace("/namespace/activeRuns", 9), replace("/namespace/labels", {}), replace("/estimate/largestSize", 10000000)])
	[v.rule | some v in d.violations] == ["active-runs", "edge-namespace", "size-cap"]
	not d.allowed
}

test_input_invalid_counts_must_be_below_10_to_15 if {
	["input-invalid", "input.estimate.cpuSeconds"] in violations([replace("/estimate/cpuSeconds", 1000000000000000)])
	decide(array.concat(cloud_only, [replace("/estimate/cpuSeconds", 999999999999999)])).violations[0].message == "the run needs about 999999999999999 CPU-seconds on cluster cloud-1 but the cloud tier allows 7200 per run: run fewer scenarios, sizes, Go versions or repetitions, or a shorter benchtime"
}

# --- policy-data-invalid (fail closed on incomplete policy data) -----------------------------

test_policy_data_missing_entirely if {
	d := decide([]) with data.data as {}
	not d.allowed
	{v.message | some v in d.violations; v.rule == "policy-data-invalid"} == {
		"the policy data is incomplete: tiers must map each tier name to its limits; fix policies/data (or the policy ConfigMap's data.json) and roll it out again",
		"the policy data is incomplete: goVersions.supported must list at least one Go version; fix policies/data (or the policy ConfigMap's data.json) and roll it out again",
		"the policy data is incomplete: allowedImageRepositories must be a list of repositories; fix policies/data (or the policy ConfigMap's data.json) and roll it out again",
		"the policy data is incomplete: maxActiveRunsPerNamespace must be a number; fix policies/data (or the policy ConfigMap's data.json) and roll it out again",
		"the policy data is incomplete: edgeAllowedLabel must have a key and a value; fix policies/data (or the policy ConfigMap's data.json) and roll it out again",
	}
}

test_policy_data_tier_limit_missing_or_mistyped if {
	edge := object.union(object.remove(data.data.tiers.edge, ["maxSize"]), {"cpu": 1})
	d := decide([]) with data.data.tiers.edge as edge
	{v.message | some v in d.violations} == {
		"the policy data is incomplete: tiers.edge.maxSize must be a number; fix policies/data (or the policy ConfigMap's data.json) and roll it out again",
		"the policy data is incomplete: tiers.edge.cpu must be a quantity string; fix policies/data (or the policy ConfigMap's data.json) and roll it out again",
	}
}

test_policy_data_complete if {
	not "policy-data-invalid" in {v.rule | some v in decide([]).violations}
}

# --- number printing (Wasm's format_int stops at 2^31) ---------------------------------------

test_int_text if {
	every n, text in {
		0: "0", 7: "7", 999999999: "999999999", 1000000000: "1000000000", 2147483648: "2147483648",
		3000000005: "3000000005", 17179869184: "17179869184", 999999999999999: "999999999999999",
		-5: "-5",
	} {
		admission._int_text(n) == text
	}
	admission._int_text(1000000000000000000) == json.marshal(1000000000000000000)
}
