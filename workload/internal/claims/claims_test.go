package claims

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"mapbench.io/workload/internal/escape"
	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/stats"
)

// --- synthetic evidence -------------------------------------------------------------------

type docOpt func(*result.Document)

func newDoc(opts ...docOpt) *result.Document {
	d := result.New()
	d.Environment.MapImpl = "classic"
	d.Environment.LanguageVersion = "go1.21"
	d.Environment.GoVersion = "go1.21.13"
	for _, o := range opts {
		o(d)
	}
	return d
}

func ran(scenarios ...string) docOpt {
	return func(d *result.Document) { d.Config.Scenarios = append(d.Config.Scenarios, scenarios...) }
}

type measure struct {
	ns, nsElem, bytes, allocs, gc float64
	noisy                         bool    // samples spread ±60% instead of ±1%
	reps                          int     // samples; 0 means 10
	throttled                     int64   // cgroup periods throttled while measured
	l1dPerOp                      float64 // L1D-misses/op counter; 0 means none recorded
}

// bench adds a benchmark whose samples spread symmetrically around the given medians (the
// pattern shifts with the benchmark, so paired ratios vary too); its stats are computed from
// them like the runner does.
func bench(scenario, variant, key, value string, size int, m measure) docOpt {
	return func(d *result.Document) {
		n, spread := m.reps, 0.01
		if n == 0 {
			n = 10
		}
		if m.noisy {
			spread = 0.6
		}
		shift := len(variant + key + value)
		b := result.Benchmark{Name: "Benchmark" + variant + "/key=" + key + "/value=" + value, Scenario: scenario, Variant: variant,
			KeyType: key, ValueType: value, Size: size, Procs: 2, ThrottledPeriods: m.throttled}
		cols := make([][]float64, 5)
		for i := 0; i < n; i++ {
			f := 1 + spread*float64((i+shift)%5-2)/2
			s := result.Sample{Iterations: 100, NsPerOp: m.ns * f, NsPerElem: m.nsElem * f, BytesPerOp: m.bytes * f, AllocsPerOp: m.allocs * f, GCPerOp: m.gc * f}
			if m.l1dPerOp > 0 {
				s.Counters = map[string]float64{"L1D-misses/op": m.l1dPerOp * f, "cycles/op": 1e6, "instructions/op": 1e6}
			}
			b.Samples = append(b.Samples, s)
			for j, x := range []float64{s.NsPerOp, s.NsPerElem, s.BytesPerOp, s.AllocsPerOp, s.GCPerOp} {
				cols[j] = append(cols[j], x)
			}
		}
		b.Stats = result.Stats{NsPerOp: stats.Summarize(cols[0]), NsPerElem: stats.Summarize(cols[1]), BytesPerOp: stats.Summarize(cols[2]),
			AllocsPerOp: stats.Summarize(cols[3]), GCPerOp: stats.Summarize(cols[4])}
		d.Benchmarks = append(d.Benchmarks, b)
	}
}

func obs(scenario string, size int, figs map[string]float64, facts map[string]string) docOpt {
	return func(d *result.Document) {
		d.Observations = append(d.Observations, result.Observation{Scenario: scenario, Size: size, Figures: figs, Facts: facts})
	}
}

func series(scenario string, size int, ser map[string][]float64) docOpt {
	return func(d *result.Document) {
		d.Observations = append(d.Observations, result.Observation{Scenario: scenario, Size: size, Figures: map[string]float64{}, Series: ser})
	}
}

func obsOf(scenario, key, value string, size int, figs map[string]float64) docOpt {
	return func(d *result.Document) {
		d.Observations = append(d.Observations, result.Observation{Scenario: scenario, KeyType: key, ValueType: value, Size: size, Figures: figs})
	}
}

func counters(state string) docOpt {
	return func(d *result.Document) { d.Environment.HardwareCounters = state }
}

func env(lang string) docOpt {
	return func(d *result.Document) { d.Environment.LanguageVersion = lang }
}

// facts builds escape facts as the current toolchain would embed them.
func facts(t *testing.T, m string) *escape.Facts {
	t.Helper()
	f, err := escape.Parse("toolchain "+runtime.Version()+"\nlang go1.21\n", map[string]string{"-m": m})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

const realisticM = "println_value.go:8:15: v escapes to heap\n" +
	"blank_use.go:5:15: m does not escape\n" +
	"pointer_receiver.go:5:22: m does not escape\n" +
	"pointer_receiver_retain.go:6:9: moved to heap: v\n"

// --- rule cases ------------------------------------------------------------------------------

type ruleCase struct {
	name  string
	claim string
	doc   *result.Document
	facts string // -m capture; "" for none; "stale" for a capture by another toolchain
	want  string
}

func kvBench(key, value string, size int, kvNs, lookupNs float64) []docOpt {
	return []docOpt{bench(scRangeKV, varRangeKV, key, value, size, measure{ns: kvNs}),
		bench(scRangeKV, varRangeKeyLookup, key, value, size, measure{ns: lookupNs})}
}

func withOpts(base []docOpt, more ...docOpt) *result.Document {
	return newDoc(append(base, more...)...)
}

var (
	P  = result.VerdictPartly
	C  = result.VerdictConfirmed
	R  = result.VerdictRefuted
	I  = result.VerdictInconclusive
	NA = result.VerdictNotApplicable
)

func ruleCases() []ruleCase {
	order := func(size int, iters, distinct float64) *result.Document {
		return newDoc(ran(scIterationOrder), obs(scIterationOrder, size, map[string]float64{figIterations: iters, figDistinctFirstKeys: distinct}, nil))
	}
	mut := func(figs map[string]float64) *result.Document {
		return newDoc(ran(scMutation), obs(scMutation, 100, figs, nil))
	}
	// growth lists allocating inserts with their bytes, as the scenario records them.
	growth := func(inserts, bytes []float64) *result.Document {
		return newDoc(ran(scGrowthPoints), series(scGrowthPoints, 1000, map[string][]float64{seriesAllocInserts: inserts, seriesAllocBytes: bytes}))
	}
	alloc := func(first, later float64) *result.Document {
		return newDoc(ran(scRangeAlloc), bench(scRangeAlloc, varFirstRange, "int64", "int64", 1000, measure{ns: 100, allocs: first, bytes: 48 * first}),
			bench(scRangeAlloc, varLaterRange, "int64", "int64", 1000, measure{ns: 100, allocs: later}))
	}
	field := func(vf, ix float64) *result.Document {
		return newDoc(ran(scFieldAccess), bench(scFieldAccess, varValueField, "int64", "struct64", 1000, measure{ns: vf}),
			bench(scFieldAccess, varIndexField, "int64", "struct64", 1000, measure{ns: ix}))
	}
	cost := func(intNs, strNs, structNs float64) *result.Document {
		return newDoc(ran(scRangeKV), bench(scRangeKV, varRangeKV, "int64", "int64", 100_000, measure{ns: intNs}),
			bench(scRangeKV, varRangeKV, "string8", "int64", 100_000, measure{ns: strNs}),
			bench(scRangeKV, varRangeKV, "int64", "struct64", 100_000, measure{ns: structNs}))
	}
	gor := func(capB, parB float64) *result.Document {
		return newDoc(ran(scGoroutine), bench(scGoroutine, varCapture, "int64", "int64", 1000, measure{ns: 1, bytes: capB, gc: 8}),
			bench(scGoroutine, varParam, "int64", "int64", 1000, measure{ns: 1, bytes: parB, gc: 2}))
	}
	addr := func(n, distinct float64) *result.Document {
		return newDoc(ran(scAddrOfRangeVar), obs(scAddrOfRangeVar, 100, map[string]float64{figPointers: n, figDistinctPointers: distinct}, nil))
	}
	gc := func(intScan, ptrScan float64) *result.Document {
		return newDoc(ran(scGCCost), obsOf(scGCCost, "int64", "int64", 1_000_000, map[string]float64{figScanBytesPerEntry: intScan}),
			obsOf(scGCCost, "int64", "ptrstruct64", 1_000_000, map[string]float64{figScanBytesPerEntry: ptrScan}),
			bench(scGCCost, varGC, "int64", "int64", 1_000_000, measure{ns: 1e6}))
	}
	// line: ns/element and L1D misses per element of struct64 and struct128 values, counters available.
	line := func(n64, n128, miss64, miss128 float64) *result.Document {
		return newDoc(ran(scFieldAccess), counters("available"),
			bench(scFieldAccess, varValueField, "int64", "struct64", 1000, measure{ns: 1, nsElem: n64, l1dPerOp: 1000 * miss64}),
			bench(scFieldAccess, varValueField, "int64", "struct128", 1000, measure{ns: 1, nsElem: n128, l1dPerOp: 1000 * miss128}))
	}
	boxing := func(fmtAllocs float64) *result.Document {
		return newDoc(ran(scBoxing), bench(scBoxing, varFmtFprint, "int64", "int64", 1000, measure{ns: 1, allocs: fmtAllocs}),
			bench(scBoxing, varAnyParam, "int64", "int64", 1000, measure{ns: 1}),
			bench(scBoxing, varTypedParam, "int64", "int64", 1000, measure{ns: 1}))
	}
	growDuring := func(trials, twice, lost float64) *result.Document {
		return newDoc(ran(scGrowthDuring), obs(scGrowthDuring, 8, map[string]float64{figTrials: trials, figProducedTwice: twice, figOriginalLost: lost}, nil),
			obs(scGrowthDuring, 1000, map[string]float64{figTrials: trials, figProducedTwice: 0, figOriginalLost: 0}, nil))
	}
	concurrent := func(trials, detected, procs float64) *result.Document {
		figs := map[string]float64{figTrials: trials, figDetected: detected}
		if procs > 0 {
			figs[figChildGOMAXPROCS] = procs
		}
		return newDoc(ran(scConcurrent), obs(scConcurrent, 1000, figs,
			map[string]string{factFatalMessage: "fatal error: concurrent map iteration and map write"}))
	}
	esc := newDoc(ran(scEscape))
	return []ruleCase{
		{"order: scenario not run", "iteration-order-random", newDoc(), "", NA},
		{"order: many first keys", "iteration-order-random", order(100, 1000, 37), "", C},
		{"order: always the same", "iteration-order-random", order(100, 1000, 1), "", R},
		{"order: too few ranges", "iteration-order-random", order(100, 10, 1), "", I},

		{"offset: 8 of 8", "iteration-offset-0-6", order(8, 1000, 8), "", R},
		{"offset: 7 of 8", "iteration-offset-0-6", order(8, 1000, 7), "", C},
		{"offset: too few ranges", "iteration-offset-0-6", order(8, 50, 8), "", I},
		{"offset: no size-8 map", "iteration-offset-0-6", order(100, 1000, 50), "", NA},

		{"insert: some skipped", "insert-during-range-may-skip", mut(map[string]float64{figInsertedTotal: 100, figInsertedProduced: 40}), "", C},
		{"insert: none skipped", "insert-during-range-may-skip", mut(map[string]float64{figInsertedTotal: 100, figInsertedProduced: 100}), "", I},
		{"insert: figure missing", "insert-during-range-may-skip", mut(map[string]float64{figInsertedTotal: 100}), "", I},
		{"insert: no observation", "insert-during-range-may-skip", newDoc(ran(scMutation)), "", NA},

		{"delete: deleted not produced", "delete-unvisited-no-effect", mut(map[string]float64{figDeletedTotal: 50, figDeletedProduced: 0}), "", R},
		{"delete: all still produced", "delete-unvisited-no-effect", mut(map[string]float64{figDeletedTotal: 50, figDeletedProduced: 50}), "", C},
		{"delete: scenario not run", "delete-unvisited-no-effect", newDoc(), "", NA},
		{"delete: nothing deleted", "delete-unvisited-no-effect", mut(map[string]float64{figDeletedTotal: 0, figDeletedProduced: 0}), "", I},

		{"snapshot: live values", "range-is-snapshot", mut(map[string]float64{figUpdatedTotal: 50, figUpdatedNew: 50}), "", R},
		{"snapshot: old values", "range-is-snapshot", mut(map[string]float64{figUpdatedTotal: 50, figUpdatedNew: 0}), "", C},
		{"snapshot: nothing updated", "range-is-snapshot", mut(map[string]float64{figUpdatedTotal: 0, figUpdatedNew: 0}), "", I},
		{"snapshot: not run", "range-is-snapshot", newDoc(), "", NA},

		{"growth during: consistent", "growth-during-range-consistent", growDuring(100, 0, 0), "", C},
		{"growth during: duplicates", "growth-during-range-consistent", growDuring(100, 3, 0), "", R},
		{"growth during: no trials", "growth-during-range-consistent", growDuring(0, 0, 0), "", I},
		{"growth during: no observation", "growth-during-range-consistent", newDoc(ran(scGrowthDuring)), "", NA},

		{"concurrent: always, a fatal error", "concurrent-write-panics", concurrent(3, 3, 2), "", P},
		{"concurrent: never with 2 Ps", "concurrent-write-panics", concurrent(3, 0, 2), "", R},
		{"concurrent: never with 1 P", "concurrent-write-panics", concurrent(3, 0, 1), "", I},
		{"concurrent: never, Ps not recorded", "concurrent-write-panics", concurrent(3, 0, 0), "", I},
		{"concurrent: sometimes", "concurrent-write-panics", concurrent(3, 1, 2), "", P},
		{"concurrent: not run", "concurrent-write-panics", newDoc(), "", NA},

		{"alloc: zero", "range-no-alloc", alloc(0, 0), "", C},
		{"alloc: once per fresh map", "range-no-alloc", alloc(1, 0), "", P},
		{"alloc: every range", "range-no-alloc", alloc(1, 1), "", R},
		{"alloc: a fraction", "range-no-alloc", alloc(0.1, 0), "", I},
		{"alloc: no benchmarks", "range-no-alloc", newDoc(ran(scRangeAlloc)), "", NA},

		{"println: escapes", "println-value-escapes", esc, realisticM, C},
		{"println: no escape reported", "println-value-escapes", esc, "blank_use.go:5:15: m does not escape\n", R},
		{"println: blank use escapes", "println-value-escapes", esc, "blank_use.go:6:6: moved to heap: v\n", R},
		{"println: no facts", "println-value-escapes", esc, "", I},
		{"println: stale facts", "println-value-escapes", esc, "stale", I},
		{"println: scenario not run", "println-value-escapes", newDoc(), realisticM, NA},

		{"boxing: every value", "fmt-boxing-allocates", boxing(1000), "", C},
		{"boxing: none", "fmt-boxing-allocates", boxing(0), "", R},
		{"boxing: a few", "fmt-boxing-allocates", boxing(100), "", I},
		{"boxing: not measured", "fmt-boxing-allocates", newDoc(ran(scBoxing)), "", NA},

		{"lookup: faster", "key-lookup-beats-range-value", withOpts(kvBench("int64", "int64", 1000, 100, 50), ran(scRangeKV)), "", C},
		{"lookup: slower", "key-lookup-beats-range-value", withOpts(kvBench("int64", "int64", 1000, 100, 300), ran(scRangeKV)), "", R},
		{"lookup: tie", "key-lookup-beats-range-value", withOpts(kvBench("int64", "int64", 1000, 100, 100), ran(scRangeKV)), "", I},
		{"lookup: other pair used", "key-lookup-beats-range-value", withOpts(kvBench("string8", "struct16", 1000, 100, 300), ran(scRangeKV)), "", R},
		// Acceptance of issue 13: disjoint ranges at n = 3 happen by chance (p = 0.1).
		{"lookup: 3 samples per side", "key-lookup-beats-range-value", newDoc(ran(scRangeKV),
			bench(scRangeKV, varRangeKV, "int64", "int64", 1000, measure{ns: 100, reps: 3}),
			bench(scRangeKV, varRangeKeyLookup, "int64", "int64", 1000, measure{ns: 50, reps: 3})), "", I},
		{"lookup: throttled", "key-lookup-beats-range-value", newDoc(ran(scRangeKV),
			bench(scRangeKV, varRangeKV, "int64", "int64", 1000, measure{ns: 100, throttled: 4}),
			bench(scRangeKV, varRangeKeyLookup, "int64", "int64", 1000, measure{ns: 50})), "", I},
		{"lookup: no pair", "key-lookup-beats-range-value", newDoc(ran(scRangeKV), bench(scRangeKV, varRangeKV, "int64", "int64", 10, measure{ns: 1})), "", NA},

		{"field: index faster", "index-field-beats-value-field", field(100, 50), "", C},
		{"field: index slower", "index-field-beats-value-field", field(100, 200), "", R},
		{"field: tie", "index-field-beats-value-field", field(100, 100), "", I},
		{"field: nothing measured", "index-field-beats-value-field", newDoc(ran(scFieldAccess)), "", NA},

		// Classic maps made empty allocate their bucket at insert 1 and grow at 9.
		{"growth: first at 9", "growth-8th-insert", growth([]float64{1, 9, 13, 25, 49}, []float64{144, 288, 576, 1152, 2304}), "", R},
		// A map that started on the stack: its first allocation is the growth at 9.
		{"growth: first at 9, no initial allocation", "growth-8th-insert", growth([]float64{9, 15, 29}, []float64{328, 608, 1184}), "", R},
		// A runtime growing at the 8th insert (synthetic: no Go release does): today's
		// scenario would have dropped it (allocations at inserts <= 8 were filtered out).
		{"growth: first at 8", "growth-8th-insert", growth([]float64{1, 8, 14}, []float64{144, 288, 576}), "", C},
		// An overflow bucket (same size as the first storage) is not a growth.
		{"growth: overflow bucket only", "growth-8th-insert", growth([]float64{1, 5}, []float64{144, 144}), "", I},
		{"growth: never", "growth-8th-insert", growth([]float64{1}, []float64{144}), "", I},
		{"growth: scenario not run", "growth-8th-insert", newDoc(), "", NA},
		{"growth: series of different lengths", "growth-8th-insert", growth([]float64{1, 9}, []float64{144}), "", I},
		{"load: classic 6.5", "growth-load-factor-6-5", growth([]float64{1, 9, 14, 27, 53, 105}, []float64{144, 288, 576, 1152, 2304, 4608}), "", C},
		{"load: classic go1.21+ (6 per bucket)", "growth-load-factor-6-5", growth([]float64{1, 9, 13, 20, 25, 49}, []float64{144, 288, 576, 144, 1152, 2304}), "", R},
		{"load: swiss 7/8", "growth-load-factor-6-5", growth([]float64{9, 15, 29, 57}, []float64{328, 608, 1184, 2336}), "", R},
		{"load: one point", "growth-load-factor-6-5", growth([]float64{1, 9}, []float64{144, 288}), "", I},
		{"load: no observation", "growth-load-factor-6-5", newDoc(ran(scGrowthPoints)), "", NA},

		{"cost: near seed", "range-cost-1e5", cost(130, 400, 200), "", C},
		{"cost: real loop", "range-cost-1e5", cost(400_000, 1_500_000, 900_000), "", R},
		{"cost: mixed", "range-cost-1e5", cost(130, 1_500_000, 900_000), "", I},
		{"cost: wrong size", "range-cost-1e5", withOpts(kvBench("int64", "int64", 1000, 1, 1), ran(scRangeKV)), "", NA},

		{"penalty: 3x", "string-key-penalty-3x", cost(100, 300, 1), "", C},
		{"penalty: 1.2x", "string-key-penalty-3x", cost(100, 120, 1), "", R},
		{"penalty: 1.7x", "string-key-penalty-3x", cost(100, 170, 1), "", I},
		{"penalty: string32 keys", "string-key-penalty-3x", newDoc(ran(scRangeKV), bench(scRangeKV, varRangeKV, "int64", "int64", 1000, measure{ns: 100}),
			bench(scRangeKV, varRangeKV, "string32", "int64", 1000, measure{ns: 310})), "", C},
		{"penalty: noisy", "string-key-penalty-3x", newDoc(ran(scRangeKV), bench(scRangeKV, varRangeKV, "int64", "int64", 1000, measure{ns: 100, noisy: true}),
			bench(scRangeKV, varRangeKV, "string8", "int64", 1000, measure{ns: 100})), "", I},
		{"penalty: 3x with 3 samples per side", "string-key-penalty-3x", newDoc(ran(scRangeKV), bench(scRangeKV, varRangeKV, "int64", "int64", 1000, measure{ns: 100, reps: 3}),
			bench(scRangeKV, varRangeKV, "string8", "int64", 1000, measure{ns: 300, reps: 3})), "", I},
		{"penalty: no string keys", "string-key-penalty-3x", withOpts(kvBench("int64", "int64", 1000, 1, 1), ran(scRangeKV)), "", NA},

		{"goroutine: 3x", "goroutine-capture-cost", gor(24.8e6, 8.2e6), "", C},
		{"goroutine: same", "goroutine-capture-cost", gor(8.2e6, 8.2e6), "", R},
		{"goroutine: 1.7x", "goroutine-capture-cost", gor(1.7e6, 1e6), "", I},
		{"goroutine: no benchmarks", "goroutine-capture-cost", newDoc(ran(scGoroutine)), "", NA},

		{"addr: one variable (go1.21)", "addr-of-range-var-aliases", addr(100, 1), realisticM, C},
		{"addr: per iteration (go1.22+)", "addr-of-range-var-aliases", withOpts([]docOpt{ran(scAddrOfRangeVar), env("go1.23"),
			obs(scAddrOfRangeVar, 100, map[string]float64{figPointers: 100, figDistinctPointers: 100}, nil)}), "", R},
		{"addr: partly shared", "addr-of-range-var-aliases", addr(100, 50), "", I},
		{"addr: one pointer", "addr-of-range-var-aliases", addr(1, 1), "", I},
		{"addr: no observation", "addr-of-range-var-aliases", newDoc(ran(scAddrOfRangeVar)), "", NA},

		{"ptr receiver: only when kept", "pointer-receiver-escapes", esc, realisticM, R},
		{"ptr receiver: always", "pointer-receiver-escapes", esc, "pointer_receiver.go:7:9: moved to heap: v\n", C},
		{"ptr receiver: scenario not run", "pointer-receiver-escapes", newDoc(), realisticM, NA},
		{"ptr receiver: no facts", "pointer-receiver-escapes", esc, "", I},

		{"gc: pointer values scanned", "gc-traces-pointer-values", gc(0.01, 41), "", C},
		{"gc: nothing scanned", "gc-traces-pointer-values", gc(0, 0.2), "", R},
		{"gc: both scanned", "gc-traces-pointer-values", gc(16, 41), "", I},
		{"gc: figure missing", "gc-traces-pointer-values", newDoc(ran(scGCCost), obsOf(scGCCost, "int64", "int64", 1000, map[string]float64{}),
			obsOf(scGCCost, "int64", "ptrstruct64", 1000, map[string]float64{})), "", I},
		{"gc: nothing", "gc-traces-pointer-values", newDoc(ran(scGCCost)), "", NA},

		{"cache line: 2x misses, 1.6x cost", "cache-line-64", line(1, 1.6, 0.25, 0.5), "", C},
		{"cache line: misses follow lines, cost flat", "cache-line-64", line(1, 1.05, 0.25, 0.5), "", R},
		{"cache line: misses flat", "cache-line-64", line(1, 1.6, 0.25, 0.26), "", R},
		{"cache line: 1.17x cost", "cache-line-64", line(1, 1.17, 0.25, 0.5), "", I},
		{"cache line: noisy", "cache-line-64", newDoc(ran(scFieldAccess), counters("available"),
			bench(scFieldAccess, varValueField, "int64", "struct64", 1000, measure{ns: 1, nsElem: 2, noisy: true, l1dPerOp: 250}),
			bench(scFieldAccess, varValueField, "int64", "struct128", 1000, measure{ns: 1, nsElem: 1, l1dPerOp: 500})), "", I},
		// No counters (this project's CI VM: no PMU): never a copy-cost proxy.
		{"cache line: counters unavailable", "cache-line-64", newDoc(ran(scFieldAccess), counters("unavailable: perf_event_open L1D-misses: no such file or directory"),
			bench(scFieldAccess, varValueField, "int64", "struct64", 1000, measure{ns: 1, nsElem: 1}),
			bench(scFieldAccess, varValueField, "int64", "struct128", 1000, measure{ns: 1, nsElem: 2})), "", NA},
		{"cache line: not measured", "cache-line-64", newDoc(ran(scFieldAccess), counters("available")), "", NA},
	}
}

func TestRules(t *testing.T) {
	for _, c := range ruleCases() {
		t.Run(c.name, func(t *testing.T) {
			var f *escape.Facts
			switch c.facts {
			case "":
			case "stale":
				var err error
				f, err = escape.Parse("toolchain go1.0.0\nlang go1.0\n", map[string]string{"-m": realisticM})
				if err != nil {
					t.Fatal(err)
				}
			default:
				f = facts(t, c.facts)
			}
			var got *result.Claim
			for _, cl := range Evaluate(c.doc, f) {
				if cl.ID == c.claim {
					cl := cl
					got = &cl
				}
			}
			if got == nil {
				t.Fatalf("claim %s not evaluated", c.claim)
			}
			if got.Verdict != c.want {
				t.Fatalf("%s: verdict %s (reason %q, measured %q), want %s", c.claim, got.Verdict, got.Reason, got.Measured, c.want)
			}
			if got.Reason == "" {
				t.Fatalf("%s: verdict %s without a reason", c.claim, got.Verdict)
			}
			if (got.Verdict == C || got.Verdict == R || got.Verdict == P) && got.Measured == "" {
				t.Fatalf("%s: verdict %s without the measured figure", c.claim, got.Verdict)
			}
		})
	}
}

// verdictsCanGive lists the verdicts each rule can reach; TestRules must cover each.
var verdictsCanGive = map[string][]string{
	"iteration-order-random":         {C, R, I, NA},
	"iteration-offset-0-6":           {C, R, I, NA},
	"insert-during-range-may-skip":   {C, I, NA}, // "may" cannot be refuted by a finite run
	"delete-unvisited-no-effect":     {C, R, I, NA},
	"range-no-alloc":                 {C, P, R, I, NA},
	"range-is-snapshot":              {C, R, I, NA},
	"growth-during-range-consistent": {C, R, I, NA},
	"concurrent-write-panics":        {P, R, I, NA}, // a fatal error, best effort: never plainly confirmed
	"println-value-escapes":          {C, R, I, NA},
	"fmt-boxing-allocates":           {C, R, I, NA},
	"key-lookup-beats-range-value":   {C, R, I, NA},
	"index-field-beats-value-field":  {C, R, I, NA},
	"growth-8th-insert":              {C, R, I, NA},
	"growth-load-factor-6-5":         {C, R, I, NA},
	"range-cost-1e5":                 {C, R, I, NA},
	"string-key-penalty-3x":          {C, R, I, NA},
	"goroutine-capture-cost":         {C, R, I, NA},
	"addr-of-range-var-aliases":      {C, R, I, NA},
	"pointer-receiver-escapes":       {C, R, I, NA},
	"gc-traces-pointer-values":       {C, R, I, NA},
	"cache-line-64":                  {C, R, I, NA},
}

func TestEveryVerdictOfEveryRuleIsTested(t *testing.T) {
	tested := map[string]map[string]bool{}
	for _, c := range ruleCases() {
		if tested[c.claim] == nil {
			tested[c.claim] = map[string]bool{}
		}
		tested[c.claim][c.want] = true
	}
	for _, cl := range Registry {
		if cl.Rule == nil {
			continue // TestNotMeasurableClaimsAreListed
		}
		want, ok := verdictsCanGive[cl.ID]
		if !ok {
			t.Errorf("claim %s: not listed in verdictsCanGive", cl.ID)
			continue
		}
		for _, v := range want {
			if !tested[cl.ID][v] {
				t.Errorf("claim %s: no test case for verdict %s", cl.ID, v)
			}
		}
	}
}

func TestRegistryIsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Registry {
		if seen[c.ID] {
			t.Errorf("duplicate claim id %s", c.ID)
		}
		seen[c.ID] = true
		if c.Statement == "" || c.Scenario == "" || (c.Rule == nil) == (c.NotMeasurable == "") {
			t.Errorf("claim %s: statement, scenario and either a rule or why none can decide it are required", c.ID)
		}
		if (c.Rule == nil) != (c.Scenario == scNone) {
			t.Errorf("claim %s: scenario %q must be %q exactly for claims without a rule", c.ID, c.Scenario, scNone)
		}
	}
	// Every claim an escape snippet says it explains exists.
	for _, s := range escape.Snippets {
		for _, id := range s.Claims {
			if !seen[id] {
				t.Errorf("escape snippet %s names unknown claim %s", s.ID, id)
			}
		}
	}
}

func TestWriteTable(t *testing.T) {
	claims := []result.Claim{{ID: "a", Verdict: C, Measured: "x | y", Reason: "r"}, {ID: "b", Verdict: NA, Reason: "not run"}}
	var buf bytes.Buffer
	if err := WriteTable(&buf, claims); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want header, rule and 2 rows:\n%s", len(lines), buf.String())
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "|") || strings.Count(strings.ReplaceAll(l, "\\|", ""), "|") != 6 {
			t.Errorf("line %q is not a 5-column table row", l)
		}
	}
	if lines[2] != "| a | confirmed | - | x \\| y | r |" {
		t.Errorf("row %q", lines[2])
	}
}

// Claims no measurement can decide are in every table, not-applicable with their reason,
// whatever ran.
func TestNotMeasurableClaimsAreListed(t *testing.T) {
	n := 0
	for _, doc := range []*result.Document{newDoc(), newDoc(ran(scRangeKV, scGrowthPoints))} {
		for _, c := range Evaluate(doc, nil) {
			reg, _ := ByID(c.ID)
			if reg.Rule != nil {
				continue
			}
			n++
			if c.Verdict != NA || c.Reason != reg.NotMeasurable || c.Scenario != scNone {
				t.Errorf("%s: %s / %q / %s", c.ID, c.Verdict, c.Reason, c.Scenario)
			}
		}
	}
	if n == 0 {
		t.Fatal("no claim without a rule in the registry")
	}
}
