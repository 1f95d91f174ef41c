package mapbench.admission

# Total work per cluster stays within the cluster tier's budget, and small (edge) tiers refuse
# the largest map sizes. input.estimate is computed by the operator from workload/catalog.json
# for ONE cluster (all Go versions of the run together).

violation contains {"rule": "work-budget", "field": "spec", "message": msg} if {
	some cluster in input.clusters
	tier := _tier_of(cluster)
	input.estimate.cpuSeconds > tier.maxCpuSeconds
	msg := sprintf(
		"the run needs about %s CPU-seconds on cluster %s but the %s tier allows %s per run: run fewer scenarios, sizes, Go versions or repetitions, or a shorter benchtime%s",
		[
			_int_text(input.estimate.cpuSeconds), cluster.name, cluster.tier,
			_int_text(tier.maxCpuSeconds), _edge_hint(cluster.tier),
		],
	)
}

violation contains {"rule": "work-budget", "field": "spec", "message": msg} if {
	some cluster in input.clusters
	tier := _tier_of(cluster)
	input.estimate.benchmarks > tier.maxBenchmarks
	msg := sprintf(
		"the run has %s benchmarks on cluster %s but the %s tier allows %s per run: run fewer scenarios, key types, value types, sizes or Go versions%s",
		[
			_int_text(input.estimate.benchmarks), cluster.name, cluster.tier,
			_int_text(tier.maxBenchmarks), _edge_hint(cluster.tier),
		],
	)
}

violation contains {"rule": "size-cap", "field": "spec.matrix.sizes", "message": msg} if {
	some cluster in input.clusters
	tier := _tier_of(cluster)
	input.estimate.largestSize > tier.maxSize
	msg := sprintf(
		"cluster %s (tier %s) runs map sizes up to %s but the run's largest size is %s: remove sizes above %s from spec.matrix.sizes%s",
		[
			cluster.name, cluster.tier, _int_text(tier.maxSize),
			_int_text(input.estimate.largestSize), _int_text(tier.maxSize), _edge_hint(cluster.tier),
		],
	)
}
