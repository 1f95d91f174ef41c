package claims

import (
	"fmt"
	"strings"
)

// minOrderRanges is how many ranges an order observation needs before "never" means something:
// with 8 equally likely first keys, 200 ranges miss a given one with probability (7/8)^200 ≈ 2.6e-12.
const minOrderRanges = 200

func ruleOrderRandom(e *Evidence) Outcome {
	o := e.observation(scIterationOrder, 0)
	if o == nil {
		return notApplicable("no %s observation in this run", scIterationOrder)
	}
	f, err := figures(o, figIterations, figDistinctFirstKeys)
	if err != nil {
		return inconclusive("", "%v", err)
	}
	iters, distinct := f[0], f[1]
	measured := fmt.Sprintf("%.0f distinct first keys in %.0f ranges of a %d-key map (%s)", distinct, iters, o.Size, e.Doc.Environment.MapImpl)
	switch {
	case o.Size < 2:
		return notApplicable("a map of %d key cannot show an order", o.Size)
	case distinct >= 2:
		return confirmed(measured, "repeated ranges over the same unchanged map start at different keys")
	case iters >= minOrderRanges:
		return refuted(measured, "every range started at the same key")
	}
	return inconclusive(measured, "one first key in only %.0f ranges (need %d)", iters, minOrderRanges)
}

func ruleOffset06(e *Evidence) Outcome {
	o := e.observation(scIterationOrder, 8)
	if o == nil {
		return notApplicable("needs the %s observation of a map of exactly 8 keys (one bucket / one group); run with --sizes 8", scIterationOrder)
	}
	f, err := figures(o, figIterations, figDistinctFirstKeys)
	if err != nil {
		return inconclusive("", "%v", err)
	}
	iters, distinct := f[0], f[1]
	measured := fmt.Sprintf("%.0f of 8 keys came first in %.0f ranges (%s)", distinct, iters, e.Doc.Environment.MapImpl)
	switch {
	case iters < minOrderRanges:
		return inconclusive(measured, "only %.0f ranges observed (need %d)", iters, minOrderRanges)
	case distinct == 8:
		return refuted(measured, "every slot of the 8-key map started a range: the offset takes 8 values (0..7), not 7")
	case distinct == 7:
		return confirmed(measured, "exactly 7 of 8 slots ever came first, as an offset of 0..6 predicts")
	}
	return inconclusive(measured, "%.0f distinct first keys fit neither 7 (offset 0..6) nor 8 (0..7)", distinct)
}

func mutationFigures(e *Evidence, total, produced string) (*float64, *float64, Outcome, bool) {
	o := e.observation(scMutation, 0)
	if o == nil {
		return nil, nil, notApplicable("no %s observation in this run", scMutation), false
	}
	f, err := figures(o, total, produced)
	if err != nil {
		return nil, nil, inconclusive("", "%v", err), false
	}
	return &f[0], &f[1], Outcome{}, true
}

func ruleInsertMaySkip(e *Evidence) Outcome {
	total, produced, o, ok := mutationFigures(e, figInsertedTotal, figInsertedProduced)
	if !ok {
		return o
	}
	measured := fmt.Sprintf("%.0f of %.0f keys inserted during ranges were produced by them", *produced, *total)
	switch {
	case *total == 0:
		return inconclusive(measured, "no key was inserted during a range")
	case *produced < *total:
		return confirmed(measured, "%.0f inserted keys were skipped", *total-*produced)
	}
	return inconclusive(measured, "every inserted key was produced in this run; \"may\" is not disproved by a finite run")
}

func ruleDeleteNoEffect(e *Evidence) Outcome {
	total, produced, o, ok := mutationFigures(e, figDeletedTotal, figDeletedProduced)
	if !ok {
		return o
	}
	measured := fmt.Sprintf("%.0f of %.0f not-yet-visited keys deleted during ranges were still produced", *produced, *total)
	switch {
	case *total == 0:
		return inconclusive(measured, "no not-yet-visited key was deleted during a range")
	case *produced == *total:
		return confirmed(measured, "deleted keys were produced as if the delete had not happened")
	}
	return refuted(measured, "deleting does affect the range: a deleted entry not yet reached is not produced (as the Go spec says)")
}

func ruleAddrAliases(e *Evidence) Outcome {
	o := e.observation(scAddrOfRangeVar, 0)
	if o == nil {
		return notApplicable("no %s observation in this run", scAddrOfRangeVar)
	}
	f, err := figures(o, figPointers, figDistinctPointers)
	if err != nil {
		return inconclusive("", "%v", err)
	}
	n, distinct := f[0], f[1]
	lang := e.Doc.Environment.LanguageVersion
	measured := fmt.Sprintf("%.0f distinct addresses among %.0f &v (language %s, %s)", distinct, n, lang, e.Doc.Environment.GoVersion)
	if e.Escape != nil {
		if esc, d := e.Escape.Escapes("collect_addr", "v"); esc {
			measured += fmt.Sprintf("; compiler: %q", d.Message)
		}
	}
	switch {
	case n < 2:
		return inconclusive(measured, "fewer than 2 pointers collected")
	case distinct == 1:
		return confirmed(measured, "every iteration's &v is the same variable (loop variable per loop: language before go1.22)")
	case distinct == n:
		return refuted(measured, "every iteration has its own v (per-iteration loop variables: language go1.22 and later)")
	}
	return inconclusive(measured, "some but not all addresses are shared")
}

// Growth: a classic map of 2^B buckets grows on the insert that would make count > 8 and
// count > loadFactor*2^B. The load factor is meant to be 6.5, but Go 1.21 computes it in
// integers as (bucketCnt*13/16)*2/2 = 6 per bucket (measured: 6.00 on go1.21.13, 6.50 on
// go1.23.12); Swiss tables (Go 1.24+) grow at 7/8 of their slots. The growth-points scenario records every insert (1-based, into make(map[K]V)) that
// allocated and how many bytes, nothing filtered. A growth is an allocation by an insert into
// a map that already held entries (insert > 1) larger than every earlier one: that leaves out
// the first storage of an empty map, overflow buckets and anything smaller.

// growthInserts returns the growth points among the allocating inserts.
func growthInserts(inserts, bytes []float64) []int {
	var out []int
	largest := 0.0
	for i, ins := range inserts {
		if i < len(bytes) && ins > 1 && bytes[i] > largest {
			out = append(out, int(ins))
		}
		if i < len(bytes) && bytes[i] > largest {
			largest = bytes[i]
		}
	}
	return out
}

func growthPoints(e *Evidence) ([]int, Outcome, bool) {
	o := e.observation(scGrowthPoints, 0)
	if o == nil {
		return nil, notApplicable("no %s observation in this run", scGrowthPoints), false
	}
	ins, okI := o.Series[seriesAllocInserts]
	bytes, okB := o.Series[seriesAllocBytes]
	if !okI || !okB || len(ins) != len(bytes) {
		return nil, inconclusive("", "observation of %s lacks the series %q and %q of one length", scGrowthPoints, seriesAllocInserts, seriesAllocBytes), false
	}
	pts := growthInserts(ins, bytes)
	if len(pts) == 0 {
		return nil, inconclusive(fmt.Sprintf("allocations at inserts %s", joinFloats(ins)), "the map never grew in this run"), false
	}
	return pts, Outcome{}, true
}

func joinFloats(v []float64) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ",")
}

func ruleGrowth8th(e *Evidence) Outcome {
	pts, o, ok := growthPoints(e)
	if !ok {
		return o
	}
	measured := fmt.Sprintf("first growth at insert %d (%s)", pts[0], e.Doc.Environment.MapImpl)
	if pts[0] == 8 {
		return confirmed(measured, "the 8th insert grew the map")
	}
	return refuted(measured, "the map's first 8 slots hold 8 entries; it grew at insert %d", pts[0])
}

func ruleLoadFactor(e *Evidence) Outcome {
	pts, o, ok := growthPoints(e)
	if !ok {
		return o
	}
	if len(pts) < 2 {
		return inconclusive(fmt.Sprintf("growth at %v", pts), "need at least two growth points")
	}
	// After the first growth the map has 2 buckets (16 slots) and doubles at every growth: the
	// i-th later growth happens when count-1 = lf * 2^i entries are held, lf per 8 slots.
	var lfs []string
	all65 := true
	for i, p := range pts[1:] {
		lf := float64(p-1) / float64(int(1)<<(i+1))
		lfs = append(lfs, fmt.Sprintf("%.2f", lf))
		if lf < 6.25 || lf > 6.75 {
			all65 = false
		}
	}
	measured := fmt.Sprintf("growth at inserts %s: %s entries per 8 slots (%s)", joinInts(pts), strings.Join(lfs, ", "), e.Doc.Environment.MapImpl)
	if all65 {
		return confirmed(measured, "every growth after the first came when the map held 6.5 entries per bucket")
	}
	return refuted(measured, "the map grew at a load other than 6.5 per 8 slots")
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ",")
}

func ruleSnapshot(e *Evidence) Outcome {
	total, withNew, o, ok := mutationFigures(e, figUpdatedTotal, figUpdatedNew)
	if !ok {
		return o
	}
	measured := fmt.Sprintf("%.0f of %.0f entries updated during ranges (not yet visited) were produced with the new value", *withNew, *total)
	switch {
	case *total == 0:
		return inconclusive(measured, "no entry was updated during a range")
	case *withNew == 0:
		return confirmed(measured, "every updated entry was produced with the value it had when the range started")
	}
	return refuted(measured, "the range read the live map, not a snapshot")
}

func ruleGrowthDuringRange(e *Evidence) Outcome {
	var trials, twice, lost float64
	n := 0
	for i := range e.Doc.Observations {
		o := &e.Doc.Observations[i]
		if o.Scenario != scGrowthDuring {
			continue
		}
		f, err := figures(o, figTrials, figProducedTwice, figOriginalLost)
		if err != nil {
			return inconclusive("", "%v", err)
		}
		trials, twice, lost, n = trials+f[0], twice+f[1], lost+f[2], n+1
	}
	if n == 0 {
		return notApplicable("no %s observation in this run", scGrowthDuring)
	}
	measured := fmt.Sprintf("%.0f trials over %d sizes: %.0f keys produced twice, %.0f original keys lost", trials, n, twice, lost)
	switch {
	case trials == 0:
		return inconclusive(measured, "no trial ran")
	case twice == 0 && lost == 0:
		return confirmed(measured, "growth during the range neither repeated nor lost a key")
	}
	return refuted(measured, "growth during the range repeated or lost keys")
}

// ruleConcurrentWrite: the seed says the write "panics". It is a fatal error (the process
// exits with code 2; recover cannot catch it), and the runtime's check is best effort: it
// fires only when the write lands while the range is in the map's code, which needs a second
// P (GOMAXPROCS >= 2). Detection is therefore `partly` the claim at best; with one P a miss
// says nothing.
func ruleConcurrentWrite(e *Evidence) Outcome {
	o := e.observation(scConcurrent, 0)
	if o == nil {
		return notApplicable("no %s observation in this run", scConcurrent)
	}
	f, err := figures(o, figTrials, figDetected)
	if err != nil {
		return inconclusive("", "%v", err)
	}
	trials, detected := f[0], f[1]
	procs, hasProcs := o.Figures[figChildGOMAXPROCS]
	msg := o.Facts[factFatalMessage]
	measured := fmt.Sprintf("%.0f of %.0f child runs stopped by the runtime: %q", detected, trials, msg)
	if hasProcs {
		measured += fmt.Sprintf(", child GOMAXPROCS %.0f", procs)
	}
	switch {
	case trials == 0:
		return inconclusive(measured, "no child run")
	case hasProcs && procs < 2 && detected == 0:
		return inconclusive(measured, "the child ran with GOMAXPROCS=1: the ranging goroutine is never preempted in the middle of a write, so the runtime's check cannot fire")
	case detected == trials:
		return partly(measured, "the runtime stops the program every time, but with a fatal error (exit 2, recover cannot catch it), not a panic, and its detection is best effort")
	case detected > 0:
		return partly(measured, "detected in some runs only: the runtime's check is best effort, and it is a fatal error, not a panic")
	case !hasProcs:
		return inconclusive(measured, "no detection, and the child's GOMAXPROCS is not recorded (with 1 the check cannot fire)")
	}
	return refuted(measured, "the runtime never detected the concurrent write with %.0f Ps", procs)
}
