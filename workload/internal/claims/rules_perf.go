package claims

import (
	"fmt"
	"strings"

	"mapbench.io/workload/internal/perfcount"
	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/stats"
)

// allocZero is the allocs/op median below which a benchmark counts as not allocating (a few
// allocations of the measuring machinery spread over b.N iterations stay below it).
const allocZero = 0.01

// maxAllocs is the benchmark of a variant of scenario with the highest allocs/op median.
func (e *Evidence) maxAllocs(scenario, variant string) *result.Benchmark {
	var worst *result.Benchmark
	for i := range e.Doc.Benchmarks {
		b := &e.Doc.Benchmarks[i]
		if b.Scenario == scenario && b.Variant == variant && (worst == nil || b.Stats.AllocsPerOp.Median > worst.Stats.AllocsPerOp.Median) {
			worst = b
		}
	}
	return worst
}

// ruleRangeNoAlloc: "range itself allocates nothing". Later ranges over a map and the first
// range over a fresh one are measured apart, because the classic runtime's mapiterinit
// allocates the overflow list of a map whose buckets hold no pointers on its first range:
// once per map, never per iteration. That is the qualification of a `partly`.
func ruleRangeNoAlloc(e *Evidence) Outcome {
	first, later := e.maxAllocs(scRangeAlloc, varFirstRange), e.maxAllocs(scRangeAlloc, varLaterRange)
	if first == nil || later == nil {
		return notApplicable("needs %s and %s benchmarks of %s", varFirstRange, varLaterRange, scRangeAlloc)
	}
	fa, la := first.Stats.AllocsPerOp.Median, later.Stats.AllocsPerOp.Median
	measured := fmt.Sprintf("first range over a fresh map: max %.3g allocs/op, %.3g B/op (%s); later ranges: max %.3g allocs/op (%s)",
		fa, first.Stats.BytesPerOp.Median, first.Name, la, later.Name)
	switch {
	case fa < allocZero && la < allocZero:
		return confirmed(measured, "neither the first nor later ranges allocated")
	case la < allocZero && fa >= 0.5:
		return partly(measured, "later ranges allocate nothing, but the first range over each fresh map allocates %.3g times (%.3g B) once: range allocates per map, never per iteration", fa, first.Stats.BytesPerOp.Median)
	case la >= 0.5:
		return refuted(measured, "%s allocates on every range", later.Variant)
	}
	return inconclusive(measured, "a fraction of an allocation per range: not the range itself on every iteration, not zero either")
}

// pair picks the key/value types a two-variant comparison is made on: int64/int64 when it was
// measured, else the first pair that has both variants.
func (e *Evidence) pair(scenario string, variants ...string) (key, value string, size int) {
	if s := e.largestSize(scenario, "int64", "int64", variants...); s > 0 {
		return "int64", "int64", s
	}
	for _, b := range e.Doc.Benchmarks {
		if b.Scenario == scenario {
			if s := e.largestSize(scenario, b.KeyType, b.ValueType, variants...); s > 0 {
				return b.KeyType, b.ValueType, s
			}
		}
	}
	return "", "", 0
}

func ruleKeyLookupFaster(e *Evidence) Outcome {
	k, v, size := e.pair(scRangeKV, varRangeKV, varRangeKeyLookup)
	if size == 0 {
		return notApplicable("needs %s and %s benchmarks of %s at one size", varRangeKV, varRangeKeyLookup, scRangeKV)
	}
	kv := e.bench(scRangeKV, varRangeKV, k, v, size)
	lk := e.bench(scRangeKV, varRangeKeyLookup, k, v, size)
	c := compare(nsPerOp, lk, kv)
	measured := fmt.Sprintf("k+m[k] %s/op vs k,v %s/op at %s/%s size %d", ns(lk.Stats.NsPerOp.Median), ns(kv.Stats.NsPerOp.Median), k, v, size)
	if c.Blocked != "" {
		return inconclusive(measured, "%s", c.Blocked)
	}
	measured += ": " + c.String()
	switch c.direction() {
	case -1:
		return confirmed(measured, "the lookup loop is faster (U test p < %.2g)", stats.Alpha)
	case 1:
		return refuted(measured, "the extra hash lookup per key makes the loop slower than reading v (U test p < %.2g)", stats.Alpha)
	}
	return inconclusive(measured, "no significant difference (U test p >= %.2g)", stats.Alpha)
}

func ruleIndexFieldFaster(e *Evidence) Outcome {
	faster, slower := 0, 0
	var parts, blocked []string
	for _, v := range e.valueTypes(scFieldAccess, varIndexField) {
		size := e.largestSize(scFieldAccess, "int64", v, varValueField, varIndexField)
		if size == 0 {
			continue
		}
		vf := e.bench(scFieldAccess, varValueField, "int64", v, size)
		ix := e.bench(scFieldAccess, varIndexField, "int64", v, size)
		c := compare(nsPerOp, ix, vf)
		if c.Blocked != "" {
			blocked = append(blocked, c.Blocked)
			parts = append(parts, fmt.Sprintf("%s %.2fx (not judged)", v, ratio(ix.Stats.NsPerOp.Median, vf.Stats.NsPerOp.Median)))
			continue
		}
		parts = append(parts, v+" "+c.String())
		switch c.direction() {
		case -1:
			faster++
		case 1:
			slower++
		}
	}
	if len(parts) == 0 {
		return notApplicable("needs %s and %s benchmarks of %s with int64 keys", varValueField, varIndexField, scFieldAccess)
	}
	measured := "m[k].F / v.F ns/op: " + strings.Join(parts, "; ")
	switch {
	case len(blocked) > 0 && faster+slower == 0:
		return inconclusive(measured, "%s", blocked[0])
	case faster > 0 && slower == 0 && len(blocked) == 0:
		return confirmed(measured, "m[k].F was significantly faster for %d value types, slower for none", faster)
	case slower > 0 && faster == 0 && len(blocked) == 0:
		return refuted(measured, "m[k].F was significantly slower for %d value types, faster for none", slower)
	}
	return inconclusive(measured, "faster for %d, slower for %d value types, %d not judged, the rest without a significant difference", faster, slower, len(blocked))
}

// stringKeyTypes are the vocabulary's string key types, shortest first: the seed's strings are
// short ("hello").
var stringKeyTypes = []string{"string8", "string32", "string256"}

// stringKey is the shortest string key type measured with variant and int64 values at size.
func (e *Evidence) stringKey(scenario, variant string, size int) string {
	for _, k := range stringKeyTypes {
		if e.bench(scenario, variant, k, "int64", size) != nil {
			return k
		}
	}
	return ""
}

// seedRangeCosts are the seed's figures for ranging 10^5 entries, with the vocabulary pair
// measured for each (the vocabulary has no string values: string/string is measured as the
// shortest string key type run, with int64 values; the seed's struct is 40 bytes, nearest
// struct64).
var seedRangeCosts = []struct {
	label, key, value string
	seedNs            float64
}{
	{"int/int", "int64", "int64", 124},
	{"string/string", "string", "int64", 389},
	{"int/struct", "int64", "struct64", 217},
}

// ruleRangeCost compares each measured median's 95% interval with the seed's figure: within
// when the whole interval lies in 0.5x..1.5x of it, off when it lies entirely outside 0.25x..4x.
func ruleRangeCost(e *Evidence) Outcome {
	const size = 100_000
	var parts []string
	within, off := 0, 0
	for _, c := range seedRangeCosts {
		if c.key == "string" {
			c.key = e.stringKey(scRangeKV, varRangeKV, size)
		}
		b := e.bench(scRangeKV, varRangeKV, c.key, c.value, size)
		if b == nil {
			continue
		}
		s := b.Stats.NsPerOp
		parts = append(parts, fmt.Sprintf("%s (%s/%s) %s/op [%s, %s] = %.3gx seed", c.label, c.key, c.value, ns(s.Median), ns(s.CILow), ns(s.CIHigh), s.Median/c.seedNs))
		if why := speedGuard(nsPerOp, b); why != "" {
			return inconclusive(strings.Join(parts, "; "), "%s", why)
		}
		switch lo, hi := s.CILow/c.seedNs, s.CIHigh/c.seedNs; {
		case lo >= 0.5 && hi <= 1.5:
			within++
		case hi < 0.25 || lo > 4:
			off++
		}
	}
	if len(parts) == 0 {
		return notApplicable("needs %s benchmarks at size %d for int64/int64, string*/int64 or int64/struct64", varRangeKV, size)
	}
	measured := strings.Join(parts, "; ")
	switch {
	case within == len(parts):
		return confirmed(measured, "every measured figure's 95%% interval is within ±50%% of the seed's")
	case off == len(parts):
		return refuted(measured, "every measured figure's 95%% interval is off the seed's by more than 4x (a range over 10^5 entries is a loop of 10^5 steps, not ~100 ns)")
	}
	return inconclusive(measured, "%d of %d figures within ±50%% of the seed's, %d off by more than 4x", within, len(parts), off)
}

// ruleStringPenalty: confirmed when the 95% interval of the string/int ratio lies in 2x..4.5x,
// refuted when it lies entirely outside 1.5x..6x.
func ruleStringPenalty(e *Evidence) Outcome {
	size, key := 0, ""
	for _, b := range e.Doc.Benchmarks {
		if b.Scenario == scRangeKV && b.Variant == varRangeKV && b.Size > size &&
			e.bench(scRangeKV, varRangeKV, "int64", "int64", b.Size) != nil {
			if k := e.stringKey(scRangeKV, varRangeKV, b.Size); k != "" {
				size, key = b.Size, k
			}
		}
	}
	if size == 0 {
		return notApplicable("needs %s benchmarks of int64/int64 and string*/int64 at one size", varRangeKV)
	}
	i := e.bench(scRangeKV, varRangeKV, "int64", "int64", size)
	s := e.bench(scRangeKV, varRangeKV, key, "int64", size)
	c := compare(nsPerOp, s, i)
	measured := fmt.Sprintf("%s keys %s/op vs int64 keys %s/op at size %d", key, ns(s.Stats.NsPerOp.Median), ns(i.Stats.NsPerOp.Median), size)
	if c.Blocked != "" {
		return inconclusive(measured, "%s", c.Blocked)
	}
	measured += ": " + c.String()
	switch {
	case c.within(2, 4.5):
		return confirmed(measured, "the 95%% interval of the penalty lies within 2x..4.5x")
	case c.outside(1.5, 6):
		return refuted(measured, "the 95%% interval of the penalty lies outside 1.5x..6x: far from 3x")
	}
	return inconclusive(measured, "the 95%% interval of the penalty straddles 1.5x..2x or 4.5x..6x")
}

// ruleGoroutineCapture judges memory, not speed: B/op ratio with its paired interval.
func ruleGoroutineCapture(e *Evidence) Outcome {
	k, v, size := e.pair(scGoroutine, varCapture, varParam)
	if size == 0 {
		return notApplicable("needs %s and %s benchmarks of %s at one size", varCapture, varParam, scGoroutine)
	}
	cb, pb := e.bench(scGoroutine, varCapture, k, v, size), e.bench(scGoroutine, varParam, k, v, size)
	c, p := cb.Stats, pb.Stats
	r := stats.Ratio(values(cb, bytesPerOp), values(pb, bytesPerOp))
	u := stats.UTest(values(cb, bytesPerOp), values(pb, bytesPerOp))
	measured := fmt.Sprintf("capture %.4g B/op vs param %.4g B/op (%.2fx [%.2f, %.2f]), GC/op %.3g vs %.3g, at %s/%s size %d, language %s",
		c.BytesPerOp.Median, p.BytesPerOp.Median, r.Median, r.CILow, r.CIHigh, c.GCPerOp.Median, p.GCPerOp.Median, k, v, size, e.Doc.Environment.LanguageVersion)
	switch {
	case r.CILow >= 2 && u.P < stats.Alpha:
		return confirmed(measured, "capturing allocates at least twice the memory of passing parameters (95%% interval)")
	case r.N > 0 && r.CIHigh < 1.5:
		return refuted(measured, "capturing allocates less than 1.5x of passing parameters (95%% interval; the seed says 3x)")
	}
	return inconclusive(measured, "the 95%% interval of the ratio reaches into 1.5x..2x, or the U test finds no difference")
}

// ruleGCPointers reads what the collector scanned (runtime/metrics /gc/scan/heap:bytes) per
// map entry: values without pointers leave the map's storage unscanned. The forced-GC timing
// is reported beside it, not judged: it holds the cycle's fixed cost and sweeping too.
func ruleGCPointers(e *Evidence) Outcome {
	noPtr, ptr := e.observationOf(scGCCost, "int64", "int64"), e.observationOf(scGCCost, "int64", "ptrstruct64")
	if noPtr == nil || ptr == nil {
		return notApplicable("needs %s observations for int64/int64 and int64/ptrstruct64", scGCCost)
	}
	nf, err := figures(noPtr, figScanBytesPerEntry)
	if err != nil {
		return inconclusive("", "%v", err)
	}
	pf, err := figures(ptr, figScanBytesPerEntry)
	if err != nil {
		return inconclusive("", "%v", err)
	}
	measured := fmt.Sprintf("scannable heap per entry: int64/ptrstruct64 %.3g B, int64/int64 %.3g B (runtime/metrics %s, size %d)",
		pf[0], nf[0], "/gc/scan/heap:bytes", ptr.Size)
	if ti, tp := e.bench(scGCCost, varGC, "int64", "int64", ptr.Size), e.bench(scGCCost, varGC, "int64", "ptrstruct64", ptr.Size); ti != nil && tp != nil {
		measured += fmt.Sprintf("; a forced GC cycle took %s vs %s", ns(tp.Stats.NsPerOp.Median), ns(ti.Stats.NsPerOp.Median))
	}
	switch {
	case pf[0] >= 8 && nf[0] < 1:
		return confirmed(measured, "the collector scans the storage of pointer-holding values (at least a pointer's 8 bytes per entry) and skips pointer-free maps")
	case pf[0] < 1:
		return refuted(measured, "the collector did not scan the pointer-holding map's entries")
	}
	return inconclusive(measured, "pointer-free values were scanned too (%.3g B per entry)", nf[0])
}

// ruleCacheLine: the seed's claim is about L1 misses of C structs aligned to 64 bytes. Go
// cannot align map slots; what can be measured is whether ranging values that span two cache
// lines (struct128) misses L1 about twice as often per element as values of one line
// (struct64), and costs more for it. That needs hardware counters; a copy-cost ratio alone
// says nothing about cache lines, so without counters the claim is not-applicable.
func ruleCacheLine(e *Evidence) Outcome {
	hc := e.Doc.Environment.HardwareCounters
	if hc != "available" {
		if hc == "" {
			hc = "unavailable: not recorded"
		}
		return notApplicable("the claim is about L1 cache misses; hardware counters are %s", hc)
	}
	size := e.largestSizeOfAll(scFieldAccess, benchID{varValueField, "int64", "struct64"}, benchID{varValueField, "int64", "struct128"})
	if size == 0 {
		return notApplicable("needs %s benchmarks of %s at int64/struct64 and int64/struct128", varValueField, scFieldAccess)
	}
	one := e.bench(scFieldAccess, varValueField, "int64", "struct64", size)
	two := e.bench(scFieldAccess, varValueField, "int64", "struct128", size)
	missKey := perfcount.L1DMisses + "/op"
	misses := func(b *result.Benchmark) []float64 {
		out := make([]float64, 0, len(b.Samples))
		for _, s := range b.Samples {
			if v, ok := s.Counters[missKey]; ok {
				out = append(out, v/float64(size))
			}
		}
		return out
	}
	m1, m2 := misses(one), misses(two)
	if len(m1) < len(one.Samples) || len(m2) < len(two.Samples) {
		return inconclusive("", "some samples lack the %s counter", missKey)
	}
	mr := stats.Ratio(m2, m1)
	t := compare(nsPerElem, two, one)
	measured := fmt.Sprintf("L1D misses per element: struct128 %.3g vs struct64 %.3g (%.2fx [%.2f, %.2f]) at size %d",
		stats.Summarize(m2).Median, stats.Summarize(m1).Median, mr.Median, mr.CILow, mr.CIHigh, size)
	if t.Blocked != "" {
		return inconclusive(measured, "%s", t.Blocked)
	}
	measured += "; ns/element " + t.String()
	switch {
	case mr.CILow >= 1.5 && t.direction() == 1 && t.Ratio.CILow >= 1.2:
		return confirmed(measured, "values spanning two cache lines miss L1 about twice as often and cost clearly more per element")
	case mr.CIHigh < 1.2 || t.Ratio.CIHigh < 1.15:
		return refuted(measured, "L1 misses or cost per element barely follow the cache lines a value spans")
	}
	return inconclusive(measured, "misses or cost grow with the value's cache lines, but less than the claim needs")
}

func ruleBoxingAllocates(e *Evidence) Outcome {
	k, v, size := e.pair(scBoxing, varFmtFprint, varTypedParam)
	if size == 0 {
		return notApplicable("needs %s and %s benchmarks of %s at one size", varFmtFprint, varTypedParam, scBoxing)
	}
	perElem := func(variant string) float64 {
		if b := e.bench(scBoxing, variant, k, v, size); b != nil {
			return b.Stats.AllocsPerOp.Median / float64(size)
		}
		return -1
	}
	fmtA, anyA, typedA := perElem(varFmtFprint), perElem(varAnyParam), perElem(varTypedParam)
	measured := fmt.Sprintf("allocs per value: fmt.Fprint %.3g, func(any) %.3g, func(V) %.3g at %s/%s size %d", fmtA, anyA, typedA, k, v, size)
	switch {
	case fmtA >= 0.5:
		return confirmed(measured, "fmt allocated for %.0f%% of the values (int64 values below 256 are boxed without allocating)", 100*fmtA)
	case fmtA < allocZero:
		return refuted(measured, "fmt did not allocate for these values")
	}
	return inconclusive(measured, "fmt allocated for some values only (small integers are boxed without allocating)")
}
