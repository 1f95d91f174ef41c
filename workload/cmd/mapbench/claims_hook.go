package main

import (
	"mapbench.io/workload/internal/claims"
	"mapbench.io/workload/internal/runner"
)

// The one place where the seed-claims registry (internal/claims) plugs into
// `mapbench run`: runner.AfterMeasurements is called once after all
// measurements with the complete document (benchmarks, observations,
// environment) and the output writer; claims.Apply attaches the embedded
// escape-analysis facts (when escape-analysis ran), fills doc.Claims and
// prints the claims table before the JSON document.
func init() {
	runner.AfterMeasurements = claims.Apply
}
