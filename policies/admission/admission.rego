# METADATA
# title: BenchmarkRun admission
# description: |
#   Decides whether a BenchmarkRun may run on the member clusters that placement proposed.
#   The operator evaluates `decision` in-process (compiled to WebAssembly, entrypoint
#   mapbench/admission/decision) before it creates anything; see policies/README.md for the
#   input and decision documents. Each rule lives in its own file of this package and adds
#   entries to `violation`; limits and lists are data (policies/data/), not code.
package mapbench.admission

# policies/data/*.json load under data.data: OPA prefixes data files with their directory.
import data.data as config

# The entrypoint. Violations are sorted by rule, field and message so that the operator's
# status, Events and tests see the same order on every evaluation, in OPA and in Wasm alike.
decision := {
	"allowed": count(violation) == 0,
	"violations": [{"rule": key[0], "field": key[1], "message": key[2]} |
		some key in sort([[v.rule, v.field, v.message] | some v in violation])
	],
}

# _display renders any input value for a message. Only strings are passed to sprintf (with %s):
# the Java SDK's sprintf is Java's String.format and prints other types differently from OPA.
_display(x) := x if {
	is_string(x)
} else := json.marshal(x)

# _int_text prints a whole number for a message. The Wasm runtime's format_int aborts on numbers
# of 2^31 and more (memory in bytes, CPU-seconds), so larger ones are printed in base-10^9
# chunks. Counts are validated below 10^15 (input.rego); beyond 10^18 the JSON text is used.
_int_text(n) := format_int(n, 10) if {
	abs(n) < 1000000000
} else := concat("", [format_int(high, 10), _pad9(format_int(n - (high * 1000000000), 10))]) if {
	n >= 0
	n < 1000000000000000000
	high := floor(n / 1000000000)
} else := json.marshal(n)

_pad9(digits) := concat("", [substring("000000000", 0, 9 - count(digits)), digits])

# _edge_hint tells where else a run that is too large for a tier could go.
_edge_hint(tier) := ", or place the run on cloud clusters only" if {
	tier == "edge"
} else := ""

# The tier limits of a proposed cluster; undefined when the tier is unknown (cluster-tier rule).
_tier_of(cluster) := config.tiers[cluster.tier]
