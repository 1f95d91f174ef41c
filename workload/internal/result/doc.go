// Package result defines the mapbench.io/result/v1 document: the one record a
// workload pod emits (environment, benchmarks with samples and statistics,
// behavioural observations, skipped combinations, claim verdicts and
// escape-analysis facts). The operator parses the same document, and
// schema/result-v1.schema.json describes it; a test keeps both in step.
package result
