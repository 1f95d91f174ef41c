# The shared decision cases (policies/testdata/cases/*.json): the same files the Java tests run
# through the compiled Wasm module, so OPA and the operator must agree on every decision,
# messages included. Each file is {"<case name>": {"description", "input", "expected"}}: keyed by
# name because OPA merges every data file of a directory into one document.
package mapbench.cases_test

import data.mapbench.admission

# Guards against the cases silently not loading (e.g. a moved directory): the suite has at least
# one allowed and one denied case of every rule.
test_shared_cases_present if {
	count(data.testdata.cases) >= 10
	some allowed in data.testdata.cases
	allowed.expected.allowed
	covered := {v.rule | some c in data.testdata.cases; some v in c.expected.violations}
	every rule in {
		"resources-set", "requests-equal-limits", "resources-cap", "work-budget", "size-cap",
		"go-version", "image-repository", "active-runs", "edge-namespace", "cluster-tier", "input-invalid",
	} {
		rule in covered
	}
}

test_shared_cases_decide_as_expected if {
	mismatched := {name |
		some name, c in data.testdata.cases
		got := admission.decision with input as c.input
		got != c.expected
		print("case", name, "\n  got:     ", got, "\n  expected:", c.expected)
	}
	count(mismatched) == 0
}
