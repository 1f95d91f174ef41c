module mapbench.io/workload

// go 1.21 is the floor: the binary is built with Go 1.21.x, 1.23.x and 1.26.x
// (see go-versions.txt); non-test code uses the standard library, golang.org/x/perf
// (benchmath, benchstat's statistics, for the verdicts and the report's comparisons; benchfmt,
// benchproc and benchunit for `mapbench compare`; pinned to a version whose go.mod says go 1.15),
// go-moremath (benchstat's geomean) and sigs.k8s.io/yaml v1.4.0 (kubectl's YAML-to-JSON, go 1.12)
// for BenchmarkResults as YAML.
go 1.21

require (
	github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2
	golang.org/x/perf v0.0.0-20230113213139-801c7ef9e5c5
	sigs.k8s.io/yaml v1.4.0
)

require golang.org/x/text v0.14.0 // indirect
