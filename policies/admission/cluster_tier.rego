package mapbench.admission

# policies/data/*.json load under data.data (see admission.rego).
import data.data as config

# Every proposed cluster must have a tier this policy has limits for; an unknown tier would
# otherwise escape every per-tier cap (fail closed).

violation contains {"rule": "cluster-tier", "field": "spec.placement", "message": msg} if {
	some cluster in input.clusters
	not _tier_of(cluster)
	msg := sprintf(
		"cluster %s has tier %s, which this policy has no limits for: label the MemberCluster mapbench.io/tier with one of %s, or change spec.placement to exclude it",
		[_display(cluster.name), _display(object.get(cluster, "tier", null)), concat(", ", sort(object.keys(config.tiers)))],
	)
}
