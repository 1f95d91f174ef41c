# Tests of policies/data/: the human-readable quantities that messages quote must equal the
# normalized numbers the rules compare (units.parse runs here in opa test; the Wasm module has no
# quantity parser, so the data carries both).
package mapbench.data_test

test_tier_cpu_strings_match_millicores if {
	every tier in data.data.tiers {
		units.parse(tier.cpu) * 1000 == tier.cpuMillis
	}
}

test_tier_memory_strings_match_bytes if {
	every tier in data.data.tiers {
		units.parse_bytes(tier.memory) == tier.memoryBytes
	}
}

test_every_tier_has_every_limit if {
	every tier in data.data.tiers {
		object.keys(tier) == {"cpu", "cpuMillis", "memory", "memoryBytes", "maxBenchmarks", "maxCpuSeconds", "maxSize"}
	}
}

test_edge_is_smaller_than_cloud if {
	every key in ["cpuMillis", "memoryBytes", "maxBenchmarks", "maxCpuSeconds", "maxSize"] {
		data.data.tiers.edge[key] < data.data.tiers.cloud[key]
	}
}

test_go_versions_are_patch_releases if {
	count(data.data.goVersions.supported) > 0
	every v in data.data.goVersions.supported {
		regex.match(`^1\.[0-9]+\.[0-9]+$`, v)
	}
}
