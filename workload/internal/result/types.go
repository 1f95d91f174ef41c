package result

// APIVersion is the value of Document.APIVersion and the name used in the
// log markers; a change that breaks readers needs a new version.
const APIVersion = "mapbench.io/result/v1"

// Kind is the value of Document.Kind.
const Kind = "MapbenchResult"

// MaxDocumentBytes is the contract's size limit of the encoded document.
const MaxDocumentBytes = 1 << 20

// Document is the whole result of one `mapbench run`.
type Document struct {
	APIVersion   string        `json:"apiVersion"`
	Kind         string        `json:"kind"`
	StartedAt    string        `json:"startedAt"`  // RFC 3339, UTC
	FinishedAt   string        `json:"finishedAt"` // RFC 3339, UTC
	Environment  Environment   `json:"environment"`
	Config       Config        `json:"config"`
	Benchmarks   []Benchmark   `json:"benchmarks"`
	Observations []Observation `json:"observations"`
	Skipped      []Skipped     `json:"skipped"`
	Claims       []Claim       `json:"claims"`
	Escape       *Escape       `json:"escape,omitempty"`
}

// Environment says where and with what the measurements were taken.
type Environment struct {
	GOOS     string `json:"goos"`
	GOARCH   string `json:"goarch"`
	CPUModel string `json:"cpuModel"`
	// GoVersion is runtime.Version() of the binary, e.g. "go1.23.12".
	GoVersion string `json:"goVersion"`
	// LanguageVersion is the Go language version the scenario code was
	// compiled with ("go1.21"), which decides loop-variable semantics.
	LanguageVersion string `json:"languageVersion"`
	// LoopVarPerIteration reports what the binary really does (observed at
	// start-up), true for language versions >= go1.22.
	LoopVarPerIteration bool `json:"loopVarPerIteration"`
	// MapImpl is "classic" (buckets) or "swiss" (Swiss tables, Go >= 1.24
	// unless built with GOEXPERIMENT=noswissmap).
	MapImpl    string `json:"mapImpl"`
	Hostname   string `json:"hostname"`
	NodeName   string `json:"nodeName,omitempty"` // env NODE_NAME
	Cluster    string `json:"cluster,omitempty"`  // env MAPBENCH_CLUSTER
	NumCPU     int    `json:"numCPU"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	GOGC       string `json:"gogc"` // as in effect: a number or "off"
	// MemoryLimitBytes is the smaller of GOMEMLIMIT and the cgroup memory
	// limit; 0 when neither is set.
	MemoryLimitBytes int64 `json:"memoryLimitBytes"`
	// Emulation names the emulator (env MAPBENCH_EMULATION), e.g. "qemu-user".
	Emulation string `json:"emulation,omitempty"`
	// Throttling holds cgroup cpu.stat counters before and after the
	// measurements; absent when the cgroup does not expose them.
	Throttling *Throttling `json:"throttling,omitempty"`
	// HardwareCounters is "available" when perf_event_open gave the L1D
	// miss, cycle and instruction counters (then reported per sample), else
	// "unavailable: <reason>".
	HardwareCounters string `json:"hardwareCounters,omitempty"`
	// Build is the build context of the binary.
	Build *Build `json:"build,omitempty"`
}

// Build is how the binary was built (debug.ReadBuildInfo) and the CPUs it
// may run on: what decides the machine code and the map implementation.
type Build struct {
	GoVersion    string `json:"goVersion"`              // toolchain that built the binary
	Lang         string `json:"lang,omitempty"`         // the module's go line (-lang)
	GOAMD64      string `json:"goamd64,omitempty"`      // amd64 microarchitecture level (v1..v4)
	GOARM64      string `json:"goarm64,omitempty"`      // arm64 architecture level (v8.0...)
	GOEXPERIMENT string `json:"goexperiment,omitempty"` // e.g. "noswissmap"
	PGO          string `json:"pgo,omitempty"`          // profile used for PGO, "" = none
	Trimpath     bool   `json:"trimpath,omitempty"`
	CPUSet       string `json:"cpuset,omitempty"` // cgroup cpuset.cpus.effective, e.g. "0-1"
}

// Throttling holds cgroup CPU throttling counters around the run.
type Throttling struct {
	Source string    `json:"source"` // file the counters were read from
	Before CPUCounts `json:"before"`
	After  CPUCounts `json:"after"`
}

// CPUCounts is one reading of the cgroup cpu.stat throttling counters.
type CPUCounts struct {
	NrPeriods     int64 `json:"nrPeriods"`
	NrThrottled   int64 `json:"nrThrottled"`
	ThrottledUsec int64 `json:"throttledUsec"`
}

// Config echoes the resolved request: what was asked for, after the suite's
// defaults were applied.
type Config struct {
	Suite       string   `json:"suite,omitempty"`
	Scenarios   []string `json:"scenarios"`
	KeyTypes    []string `json:"keyTypes"`
	ValueTypes  []string `json:"valueTypes"`
	Sizes       []int    `json:"sizes"`
	Repetitions int      `json:"repetitions"`
	Benchtime   string   `json:"benchtime"`
}

// Benchmark is one measured benchmark: all samples and their statistics.
// Name is the Go benchmark name without the -GOMAXPROCS suffix, e.g.
// "BenchmarkRangeKV/key=int64/value=int64/size=100000".
type Benchmark struct {
	Name      string   `json:"name"`
	Scenario  string   `json:"scenario"`
	Variant   string   `json:"variant"` // e.g. "RangeKV"
	KeyType   string   `json:"keyType,omitempty"`
	ValueType string   `json:"valueType,omitempty"`
	Size      int      `json:"size"`
	Procs     int      `json:"procs"` // GOMAXPROCS, the -N suffix of the text line
	Samples   []Sample `json:"samples"`
	Stats     Stats    `json:"stats"`
	// ThrottledPeriods is the sum over the samples of the cgroup's
	// nr_throttled increase while the sample ran: > 0 means the CPU quota
	// stopped the benchmark, and its speed verdicts are inconclusive.
	ThrottledPeriods int64 `json:"throttledPeriods,omitempty"`
}

// Sample is one testing.Benchmark-style measurement (one text line).
type Sample struct {
	Iterations  int     `json:"iterations"`
	NsPerOp     float64 `json:"nsPerOp"`
	NsPerElem   float64 `json:"nsPerElem"`
	BytesPerOp  float64 `json:"bytesPerOp"`
	AllocsPerOp float64 `json:"allocsPerOp"`
	GCPerOp     float64 `json:"gcPerOp"`
	// Counters are hardware counter values per op ("L1D-misses/op",
	// "cycles/op", "instructions/op"), present when the counters are
	// available (Environment.HardwareCounters).
	Counters map[string]float64 `json:"counters,omitempty"`
}

// Stats summarises the samples of one benchmark per unit.
type Stats struct {
	NsPerOp     Summary `json:"nsPerOp"`
	NsPerElem   Summary `json:"nsPerElem"`
	BytesPerOp  Summary `json:"bytesPerOp"`
	AllocsPerOp Summary `json:"allocsPerOp"`
	GCPerOp     Summary `json:"gcPerOp"`
}

// Summary is the median of the samples with a distribution-free confidence
// interval for the median (order statistics, as benchstat computes it).
// Confidence is the level the interval really has: 0.95 when there are at
// least 6 samples, less (with the full range) for fewer.
type Summary struct {
	N          int     `json:"n"`
	Median     float64 `json:"median"`
	CILow      float64 `json:"ciLow"`
	CIHigh     float64 `json:"ciHigh"`
	Confidence float64 `json:"confidence"`
	Mean       float64 `json:"mean"`
	// CV is the coefficient of variation (sample stddev / mean), 0 when the
	// mean is 0.
	CV float64 `json:"cv"`
}

// Observation is what a behavioural scenario (order, mutation, growth,
// aliasing, concurrent write, ...) saw: named figures and facts.
type Observation struct {
	Scenario  string             `json:"scenario"`
	KeyType   string             `json:"keyType,omitempty"`
	ValueType string             `json:"valueType,omitempty"`
	Size      int                `json:"size"`
	Figures   map[string]float64 `json:"figures"`
	Facts     map[string]string  `json:"facts,omitempty"`
	// Series are named lists of numbers, e.g. the inserts that allocated and
	// the bytes each allocated.
	Series  map[string][]float64 `json:"series,omitempty"`
	Summary string               `json:"summary"` // one human sentence
}

// Skipped names a requested combination a scenario cannot run, and why.
type Skipped struct {
	Scenario  string `json:"scenario"`
	KeyType   string `json:"keyType,omitempty"`
	ValueType string `json:"valueType,omitempty"`
	Size      int    `json:"size,omitempty"`
	Reason    string `json:"reason"`
}

// Verdict values of a Claim.
const (
	VerdictConfirmed = "confirmed"
	VerdictRefuted   = "refuted"
	// VerdictPartly: true with a stated qualification (the reason says which).
	VerdictPartly        = "partly"
	VerdictInconclusive  = "inconclusive"
	VerdictNotApplicable = "not-applicable"
)

// Claim is the verdict on one of the seed document's claims, computed from
// this run's measurements (never stored in the binary).
type Claim struct {
	ID         string `json:"id"`
	Statement  string `json:"statement"`
	SeedFigure string `json:"seedFigure,omitempty"`
	Scenario   string `json:"scenario"`
	Verdict    string `json:"verdict"`
	Reason     string `json:"reason"`
	Measured   string `json:"measured,omitempty"`
}

// Escape holds the escape-analysis diagnostics captured when the binary was
// built (go build -gcflags=-m by the same toolchain) and embedded in it.
type Escape struct {
	GoVersion string       `json:"goVersion"` // toolchain that compiled the snippets
	Flags     []string     `json:"flags"`     // e.g. ["-m", "-m=2"]
	Facts     []EscapeFact `json:"facts"`
}

// EscapeFact is one compiler diagnostic about one seed snippet.
type EscapeFact struct {
	Snippet  string   `json:"snippet"`  // snippet id
	Scenario string   `json:"scenario"` // catalog scenario it belongs to
	Claims   []string `json:"claims,omitempty"`
	Flag     string   `json:"flag"` // the -gcflags value that printed it
	Line     int      `json:"line"`
	Message  string   `json:"message"` // e.g. "v escapes to heap"
	// Escapes is true for "escapes to heap" / "moved to heap", false for
	// "does not escape"; other diagnostics omit it.
	Escapes *bool `json:"escapes,omitempty"`
}
