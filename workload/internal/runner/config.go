package runner

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/catalog"
	"mapbench.io/workload/internal/vocab"
)

// Options are the parsed flags of `mapbench run`.
type Options struct {
	Suite          string
	Scenarios      []string
	KeyTypes       []string // nil: the suite's or scenario's default
	ValueTypes     []string
	Sizes          []int
	Repetitions    int
	RepetitionsSet bool
	Benchtime      bench.Benchtime
	BenchtimeSet   bool
	GOMAXPROCS     int // 0: leave as is
	GOGC           string
	JSONFile       string
	TerminationLog string
	CPUProfile     string // write a CPU profile of the measurements here
	MemProfile     string // write an allocation profile here after the measurements
}

// InputError is invalid input: exit code 2, message "error: <field>: <problem>".
type InputError struct {
	Field, Problem string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Problem }

func inputErr(field, format string, args ...any) *InputError {
	return &InputError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// fromCheck turns a vocab check error ("field: problem") into an InputError.
func fromCheck(err error) *InputError {
	field, problem, _ := strings.Cut(err.Error(), ": ")
	return &InputError{Field: field, Problem: problem}
}

// flagHelp is returned for -h: usage was printed, nothing else to do.
var flagHelp = flag.ErrHelp

// ParseFlags parses the arguments of `mapbench run`.
func ParseFlags(args []string, stderr io.Writer) (*Options, error) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o Options
	var scen, keys, vals, sizes, benchtime, termLog string
	fs.StringVar(&o.Suite, "suite", "", "suite: smoke, quick or seed (picks scenarios, matrix and benchtime)")
	fs.StringVar(&scen, "scenarios", "", "comma-separated scenario ids (replaces the suite's)")
	fs.StringVar(&keys, "key-types", "", "comma-separated key types: "+strings.Join(vocab.KeyTypes, ", "))
	fs.StringVar(&vals, "value-types", "", "comma-separated value types: "+strings.Join(vocab.ValueTypes, ", "))
	fs.StringVar(&sizes, "sizes", "", "comma-separated map sizes (1..10000000)")
	fs.IntVar(&o.Repetitions, "repetitions", 10, "samples per benchmark")
	fs.StringVar(&benchtime, "benchtime", "", "time per sample (e.g. 100ms) or iterations (e.g. 100x); default: the suite's, else 1s")
	fs.IntVar(&o.GOMAXPROCS, "gomaxprocs", 0, "GOMAXPROCS for the measurements (0: keep)")
	fs.StringVar(&o.GOGC, "gogc", "", "GOGC for the measurements: a percentage or off (empty: keep)")
	fs.StringVar(&o.JSONFile, "json", "", "also write the result document to this file")
	fs.StringVar(&termLog, "termination-log", "", "write a summary (or the error) to this file")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the measurements to this file (go tool pprof)")
	fs.StringVar(&o.MemProfile, "memprofile", "", "write an allocation profile to this file after the measurements")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, flagHelp
		}
		return nil, inputErr("flags", "%v", err)
	}
	o.TerminationLog = termLog
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "repetitions" {
			o.RepetitionsSet = true
		}
	})
	if fs.NArg() > 0 {
		return &o, inputErr("args", "unexpected argument %q (run takes flags only)", fs.Arg(0))
	}
	o.Scenarios = splitList(scen)
	o.KeyTypes = splitList(keys)
	o.ValueTypes = splitList(vals)
	seenSize := map[int]bool{}
	for _, s := range splitList(sizes) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return &o, inputErr("sizes", "%q is not an integer (allowed: %d..%d)", s, vocab.MinSize, vocab.MaxSize)
		}
		if err := vocab.CheckSize("sizes", n); err != nil {
			return &o, fromCheck(err)
		}
		if !seenSize[n] {
			seenSize[n] = true
			o.Sizes = append(o.Sizes, n)
		}
	}
	if benchtime != "" {
		bt, err := bench.ParseBenchtime(benchtime)
		if err != nil {
			return &o, fromCheck(err)
		}
		o.Benchtime, o.BenchtimeSet = bt, true
	}
	if o.Repetitions < 1 || o.Repetitions > 1000 {
		return &o, inputErr("repetitions", "%d out of range (allowed: 1..1000)", o.Repetitions)
	}
	if o.GOMAXPROCS < 0 || o.GOMAXPROCS > 1024 {
		return &o, inputErr("gomaxprocs", "%d out of range (allowed: 0 to keep, or 1..1024)", o.GOMAXPROCS)
	}
	if o.GOGC != "" && o.GOGC != "off" {
		if n, err := strconv.Atoi(o.GOGC); err != nil || n < 1 {
			return &o, inputErr("gogc", "%q is not valid (allowed: a positive percentage or off)", o.GOGC)
		}
	}
	if o.Suite != "" {
		if _, err := catalog.LookupSuite(o.Suite); err != nil {
			return &o, fromCheck(err)
		}
	}
	if o.Suite == "" && len(o.Scenarios) == 0 {
		return &o, inputErr("suite", "neither --suite nor --scenarios given (allowed suites: smoke, quick, seed)")
	}
	for _, id := range o.Scenarios {
		if _, err := catalog.Lookup(id); err != nil {
			return &o, fromCheck(err)
		}
	}
	for _, k := range o.KeyTypes {
		if err := vocab.CheckKeyType("key-types", k); err != nil {
			return &o, fromCheck(err)
		}
	}
	for _, v := range o.ValueTypes {
		if err := vocab.CheckValueType("value-types", v); err != nil {
			return &o, fromCheck(err)
		}
	}
	return &o, nil
}

// splitList splits a comma-separated flag value, dropping empty and
// repeated items (a repeated item would produce two benchmarks of one name).
func splitList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
