// Package runner is `mapbench run`: it resolves the request, refuses what
// cannot work, measures every combination, prints benchmark text and the
// marked one-line result document, and writes the termination summary.
package runner

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/benchtext"
	"mapbench.io/workload/internal/environ"
	"mapbench.io/workload/internal/perfcount"
	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/scenarios"
	"mapbench.io/workload/internal/stats"
)

// Exit codes of the workload contract.
const (
	ExitOK          = 0
	ExitInvalid     = 2 // invalid input: retrying cannot help
	ExitMeasurement = 3
	ExitTooLarge    = 4 // result document over the size limit
)

// maxDocumentBytes is the contract's limit; tests lower it to reach exit 4
// without producing a megabyte of results.
var maxDocumentBytes = result.MaxDocumentBytes

// lookupImpl finds a scenario's code; tests replace it to inject failures.
var lookupImpl = scenarios.Lookup

// MaxSummaryBytes bounds the termination message on success.
const MaxSummaryBytes = 4096

// Env gives the runner its surroundings (tests replace Root).
type Env struct {
	Stdout, Stderr io.Writer
	Root           string // filesystem root for /proc and /sys
	// AfterMeasurements, when set, runs once after all measurements and before the document
	// is encoded: `mapbench run` passes the seed-claims registry (claims.Apply), which fills
	// doc.Claims (and doc.Escape) and prints its table to w. Lines it prints must not look like
	// benchmark or configuration lines (start them with "# " or "|").
	AfterMeasurements func(doc *result.Document, w io.Writer) error
	// PerfOpen opens hardware counters; nil is the perf_event_open syscall
	// (tests pass one that fails like a refusing kernel).
	PerfOpen perfcount.OpenFunc
}

// Run executes `mapbench run args` and returns the exit code.
func Run(args []string, env Env) int {
	opts, err := ParseFlags(args, env.Stderr)
	if errors.Is(err, flagHelp) {
		return ExitOK
	}
	termLog := ""
	if opts != nil {
		termLog = opts.TerminationLog
	}
	if err != nil {
		return fail(env, termLog, ExitInvalid, err)
	}
	plan, err := MakePlan(opts)
	if err != nil {
		return fail(env, termLog, ExitInvalid, err)
	}
	if err := plan.CheckMemory(environ.MemoryLimit(environ.Cgroup{Root: env.Root})); err != nil {
		return fail(env, termLog, ExitInvalid, err)
	}
	if opts.JSONFile != "" {
		// Find an unwritable --json path now, not after a long run.
		f, err := os.OpenFile(opts.JSONFile, os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			return fail(env, termLog, ExitInvalid, inputErr("json", "cannot write %s: %v", opts.JSONFile, err))
		}
		f.Close()
	}
	if opts.GOMAXPROCS > 0 {
		runtime.GOMAXPROCS(opts.GOMAXPROCS)
	}
	if opts.GOGC == "off" {
		debug.SetGCPercent(-1)
	} else if opts.GOGC != "" {
		n, _ := strconv.Atoi(opts.GOGC)
		debug.SetGCPercent(n)
	}

	doc := result.New()
	doc.StartedAt = now()
	doc.Environment = environ.Detect(env.Root)
	doc.Config = plan.Config
	doc.Skipped = append(doc.Skipped, plan.Skipped...)
	cg := environ.Cgroup{Root: env.Root}
	before, source, hasCounts := cg.CPUCounts()

	if err := benchtext.WriteHeader(env.Stdout, doc.Environment); err != nil {
		return fail(env, termLog, ExitMeasurement, fmt.Errorf("output: %v", err))
	}
	for _, s := range plan.Skipped {
		fmt.Fprintf(env.Stdout, "# skipped %s key=%s value=%s size=%d: %s\n", s.Scenario, s.KeyType, s.ValueType, s.Size, s.Reason)
	}
	sp := &sampler{bt: plan.Benchtime, cg: cg}
	doc.Environment.HardwareCounters = perfcount.Probe(perfcount.Hardware, env.PerfOpen)
	if doc.Environment.HardwareCounters == "available" {
		sp.counters = bench.Options{Counters: perfcount.Hardware, Open: env.PerfOpen}
	}
	stopProfiles, err := startProfiles(opts)
	if err != nil {
		return fail(env, termLog, ExitInvalid, err)
	}
	err = measure(plan, plan.Repetitions, doc, env, sp)
	if perr := stopProfiles(); err == nil && perr != nil {
		err = perr
	}
	if err != nil {
		return fail(env, termLog, ExitMeasurement, err)
	}
	if after, _, ok := cg.CPUCounts(); hasCounts && ok {
		doc.Environment.Throttling = &result.Throttling{Source: source, Before: before, After: after}
	}
	doc.FinishedAt = now()
	if env.AfterMeasurements != nil {
		if err := env.AfterMeasurements(doc, env.Stdout); err != nil {
			return fail(env, termLog, ExitMeasurement, fmt.Errorf("claims: %v", err))
		}
	}
	return emit(doc, opts, env)
}

// sampler takes one sample of a benchmark: the cgroup's throttling counters are read around
// it, and the hardware counters run with its timer when they are available.
type sampler struct {
	bt       bench.Benchtime
	cg       environ.Cgroup
	counters bench.Options
}

func (sp *sampler) take(bm scenarios.Bench) (bench.Result, int64) {
	before, _, ok := sp.cg.CPUCounts()
	res := bench.RunWith(bm.F, sp.bt, sp.counters)
	throttled := int64(0)
	if after, _, ok2 := sp.cg.CPUCounts(); ok && ok2 {
		throttled = after.NrThrottled - before.NrThrottled
	}
	return res, throttled
}

// measure runs every scenario of the plan, adding to doc.
func measure(plan *Plan, reps int, doc *result.Document, env Env, sp *sampler) (err error) {
	current := ""
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("scenario %s: %v", current, r)
		}
	}()
	procs := runtime.GOMAXPROCS(0)
	for _, it := range plan.Items {
		impl, ok := lookupImpl(it.Scenario.ID)
		if !ok {
			continue // build-time scenario: facts come from the binary
		}
		if impl.Benchmarks != nil {
			current = it.Scenario.ID
			started := time.Now()
			fmt.Fprintf(env.Stderr, "# running %s: %d combinations x %d repetitions, interleaved\n", it.Scenario.ID, len(it.Combos), reps)
			benches, err := measureInterleaved(it, impl, reps, procs, env, sp)
			if err != nil {
				return err
			}
			doc.Benchmarks = append(doc.Benchmarks, benches...)
			fmt.Fprintf(env.Stderr, "# done %s in %.2fs\n", it.Scenario.ID, time.Since(started).Seconds())
		}
		if impl.Observe == nil {
			continue
		}
		for _, c := range it.Combos {
			current = fmt.Sprintf("%s key=%s value=%s size=%d", it.Scenario.ID, c.KeyType, c.ValueType, c.Size)
			fmt.Fprintf(env.Stderr, "# observing %s\n", current)
			o := impl.Observe(c)
			fmt.Fprintf(env.Stdout, "# observation %s key=%s value=%s size=%d: %s\n", o.Scenario, o.KeyType, o.ValueType, o.Size, o.Summary)
			doc.Observations = append(doc.Observations, o)
			runtime.GC() // drop this combination's maps before the next
		}
	}
	return nil
}

// measureInterleaved takes the samples of every benchmark of one scenario round-robin: each
// repetition visits every combination and, within it, every variant once (A B C A B C ...,
// the start rotating with the repetition so that no variant always runs first on a freshly
// built map). A burst of load on the machine thus hits all compared benchmarks alike instead
// of one of them, as benchstat's documentation asks. Each repetition builds the combination's
// keys, values and maps afresh (outside the timer), so every sample has its own hash seed and
// the intervals include the variation between seeds. One combination's maps are alive at a
// time, as before.
func measureInterleaved(it Item, impl scenarios.Impl, reps, procs int, env Env, sp *sampler) ([]result.Benchmark, error) {
	var out []result.Benchmark
	index := map[string]int{}
	for r := 0; r < reps; r++ {
		for _, c := range it.Combos {
			bms := impl.Benchmarks(c)
			for j := range bms {
				bm := bms[(j+r)%len(bms)]
				name := fmt.Sprintf("Benchmark%s/key=%s/value=%s/size=%d", bm.Variant, c.KeyType, c.ValueType, c.Size)
				i, ok := index[name]
				if !ok {
					i = len(out)
					index[name] = i
					out = append(out, result.Benchmark{Name: name, Scenario: it.Scenario.ID, Variant: bm.Variant,
						KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size, Procs: procs})
				}
				b := &out[i]
				res, throttled := sp.take(bm)
				s := sampleOf(res, bm.Elements)
				b.Samples = append(b.Samples, s)
				b.ThrottledPeriods += throttled
				if err := benchtext.WriteSample(env.Stdout, b, s); err != nil {
					return nil, fmt.Errorf("output: %v", err)
				}
			}
			bms = nil
			runtime.GC() // drop this repetition's maps before the next combination is built
		}
	}
	for i := range out {
		out[i].Stats = statsOf(out[i].Samples)
	}
	return out, nil
}

// sampleOf turns a measurement into a sample; hardware counters become per-op units.
func sampleOf(res bench.Result, elems int) result.Sample {
	if elems < 1 {
		elems = 1
	}
	s := result.Sample{Iterations: res.N, NsPerOp: sig6(res.NsPerOp()), NsPerElem: sig6(res.NsPerOp() / float64(elems)),
		BytesPerOp: sig6(res.BytesPerOp()), AllocsPerOp: sig6(res.AllocsPerOp()), GCPerOp: sig6(res.GCPerOp())}
	if len(res.Counters) > 0 {
		s.Counters = map[string]float64{}
		for name, v := range res.Counters {
			s.Counters[name+"/op"] = sig6(float64(v) / float64(res.N))
		}
	}
	return s
}

// statsOf summarises each unit over the samples.
func statsOf(samples []result.Sample) result.Stats {
	cols := make([][]float64, 5)
	for _, s := range samples {
		for i, x := range []float64{s.NsPerOp, s.NsPerElem, s.BytesPerOp, s.AllocsPerOp, s.GCPerOp} {
			cols[i] = append(cols[i], x)
		}
	}
	return result.Stats{NsPerOp: summarize(cols[0]), NsPerElem: summarize(cols[1]),
		BytesPerOp: summarize(cols[2]), AllocsPerOp: summarize(cols[3]), GCPerOp: summarize(cols[4])}
}

// sig6 rounds to 6 significant digits: far below the noise of any
// benchmark, and it keeps the document small (it must stay under 1 MiB).
func sig6(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64)
	if err != nil {
		return x
	}
	return r
}

// summarize is stats.Summarize with every figure rounded like the samples.
func summarize(xs []float64) result.Summary {
	s := stats.Summarize(xs)
	s.Median, s.CILow, s.CIHigh = sig6(s.Median), sig6(s.CILow), sig6(s.CIHigh)
	s.Confidence, s.Mean, s.CV = sig6(s.Confidence), sig6(s.Mean), sig6(s.CV)
	return s
}

// emit prints the marked document, writes --json and the termination log.
func emit(doc *result.Document, opts *Options, env Env) int {
	b, err := result.Encode(doc)
	if err == nil && len(b) > maxDocumentBytes {
		err = result.ErrTooLarge
	}
	if errors.Is(err, result.ErrTooLarge) {
		return fail(env, opts.TerminationLog, ExitTooLarge,
			inputErr("result", "document is %d bytes, over the %d-byte limit; run fewer scenarios, sizes or repetitions", len(b), maxDocumentBytes))
	}
	if err != nil {
		return fail(env, opts.TerminationLog, ExitMeasurement, fmt.Errorf("result: %v", err))
	}
	if err := result.WriteMarked(env.Stdout, b); err != nil {
		return fail(env, opts.TerminationLog, ExitMeasurement, fmt.Errorf("output: %v", err))
	}
	if opts.JSONFile != "" {
		if err := os.WriteFile(opts.JSONFile, append(b, '\n'), 0o644); err != nil {
			return fail(env, opts.TerminationLog, ExitMeasurement, fmt.Errorf("json: cannot write %s: %v", opts.JSONFile, err))
		}
	}
	if opts.TerminationLog != "" {
		if err := os.WriteFile(opts.TerminationLog, []byte(Summary(doc)), 0o644); err != nil {
			fmt.Fprintf(env.Stderr, "warning: termination-log: cannot write %s: %v\n", opts.TerminationLog, err)
		}
	}
	return ExitOK
}

// Summary is the termination message of a successful run (<= 4 KiB).
func Summary(doc *result.Document) string {
	e := doc.Environment
	var sb strings.Builder
	fmt.Fprintf(&sb, "ok: %d benchmarks, %d observations, %d skipped; %s %s/%s map-impl=%s gomaxprocs=%d",
		len(doc.Benchmarks), len(doc.Observations), len(doc.Skipped), e.GoVersion, e.GOOS, e.GOARCH, e.MapImpl, e.GOMAXPROCS)
	if e.Emulation != "" {
		fmt.Fprintf(&sb, " emulation=%s", e.Emulation)
	}
	if t := e.Throttling; t != nil {
		fmt.Fprintf(&sb, " throttled=%d/%d periods (%d us)", t.After.NrThrottled-t.Before.NrThrottled,
			t.After.NrPeriods-t.Before.NrPeriods, t.After.ThrottledUsec-t.Before.ThrottledUsec)
	}
	if len(doc.Claims) > 0 {
		counts := map[string]int{}
		for _, c := range doc.Claims {
			counts[c.Verdict]++
		}
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		sb.WriteString("\nclaims:")
		for _, k := range keys {
			fmt.Fprintf(&sb, " %s=%d", k, counts[k])
		}
		for _, c := range doc.Claims {
			fmt.Fprintf(&sb, "\n%s: %s", c.ID, c.Verdict)
		}
	}
	s := sb.String()
	if len(s) > MaxSummaryBytes {
		s = s[:MaxSummaryBytes-4] + "\n..."
	}
	return s
}

// fail reports err as "error: <field>: <problem>" on stderr and in the
// termination log, and returns code.
func fail(env Env, termLog string, code int, err error) int {
	msg := "error: " + err.Error()
	fmt.Fprintln(env.Stderr, msg)
	if termLog != "" {
		if len(msg) > MaxSummaryBytes {
			msg = msg[:MaxSummaryBytes]
		}
		if werr := os.WriteFile(termLog, []byte(msg), 0o644); werr != nil {
			fmt.Fprintf(env.Stderr, "warning: termination-log: cannot write %s: %v\n", termLog, werr)
		}
	}
	return code
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }
