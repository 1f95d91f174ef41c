package result

// fullDocument returns a document with every field set, so schema tests
// cover every property.
func fullDocument() *Document {
	d := New()
	d.StartedAt = "2026-11-25T08:00:00Z"
	d.FinishedAt = "2026-11-25T08:00:03Z"
	d.Environment = Environment{
		GOOS: "linux", GOARCH: "amd64", CPUModel: "AMD EPYC",
		GoVersion: "go1.26.8", LanguageVersion: "go1.21", LoopVarPerIteration: false,
		MapImpl: "swiss", Hostname: "pod-1", NodeName: "node-a", Cluster: "cloud-1",
		NumCPU: 2, GOMAXPROCS: 2, GOGC: "100", MemoryLimitBytes: 1 << 30,
		Emulation: "qemu-user",
		Throttling: &Throttling{Source: "/sys/fs/cgroup/cpu.stat",
			Before: CPUCounts{NrPeriods: 10, NrThrottled: 1, ThrottledUsec: 100},
			After:  CPUCounts{NrPeriods: 20, NrThrottled: 2, ThrottledUsec: 300}},
		HardwareCounters: "available",
		Build: &Build{GoVersion: "go1.26.8", Lang: "go1.26", GOAMD64: "v1", GOEXPERIMENT: "noswissmap", PGO: "default.pgo",
			Trimpath: true, CPUSet: "0-1"},
	}
	d.Config = Config{Suite: "smoke", Scenarios: []string{"range-kv-vs-keys"},
		KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{100},
		Repetitions: 2, Benchtime: "100x"}
	sum := Summary{N: 2, Median: 10, CILow: 9, CIHigh: 11, Confidence: 0.5, Mean: 10, CV: 0.1}
	d.Benchmarks = []Benchmark{{
		Name: "BenchmarkRangeKV/key=int64/value=int64/size=100", Scenario: "range-kv-vs-keys",
		Variant: "RangeKV", KeyType: "int64", ValueType: "int64", Size: 100, Procs: 2,
		Samples: []Sample{{Iterations: 100, NsPerOp: 9, NsPerElem: 0.09},
			{Iterations: 100, NsPerOp: 11, NsPerElem: 0.11, BytesPerOp: 1, AllocsPerOp: 1, GCPerOp: 0.01,
				Counters: map[string]float64{"L1D-misses/op": 3, "cycles/op": 40, "instructions/op": 90}}},
		Stats:            Stats{NsPerOp: sum, NsPerElem: sum, BytesPerOp: sum, AllocsPerOp: sum, GCPerOp: sum},
		ThrottledPeriods: 1,
	}}
	d.Observations = []Observation{{Scenario: "iteration-order", KeyType: "int64", ValueType: "int64",
		Size: 8, Figures: map[string]float64{"distinctFirstKeys": 8}, Facts: map[string]string{"a": "b"},
		Series: map[string][]float64{"allocatingInserts": {1, 9}}, Summary: "8 distinct first keys"}}
	d.Skipped = []Skipped{{Scenario: "field-access", KeyType: "int64", ValueType: "empty", Size: 100,
		Reason: "value type has no field"}}
	d.Claims = []Claim{{ID: "range-no-alloc", Statement: "range itself allocates nothing",
		SeedFigure: "0 B/op", Scenario: "range-alloc", Verdict: VerdictPartly,
		Reason: "0 allocs/op on later ranges", Measured: "0 allocs/op"}}
	yes := true
	d.Escape = &Escape{GoVersion: "go1.26.8", Flags: []string{"-m"}, Facts: []EscapeFact{{
		Snippet: "println-v", Scenario: "escape-analysis", Claims: []string{"fmt-println-escapes"},
		Flag: "-m", Line: 12, Message: "v escapes to heap", Escapes: &yes}}}
	return d
}
