package claims

import (
	"fmt"
	"strings"

	"mapbench.io/workload/internal/result"
)

// allocZero is the allocs/op median below which a benchmark counts as not allocating (a few
// allocations of the measuring machinery spread over b.N iterations stay below it).
const allocZero = 0.01

func ruleRangeNoAlloc(e *Evidence) Outcome {
	var worst *result.Benchmark
	n := 0
	for i := range e.Doc.Benchmarks {
		b := &e.Doc.Benchmarks[i]
		if b.Scenario != scRangeAlloc {
			continue
		}
		n++
		if worst == nil || b.Stats.AllocsPerOp.Median > worst.Stats.AllocsPerOp.Median {
			worst = b
		}
	}
	if worst == nil {
		return notApplicable("no %s benchmark in this run", scRangeAlloc)
	}
	a := worst.Stats.AllocsPerOp.Median
	measured := fmt.Sprintf("max %.3g allocs/op, %.3g B/op (%s)", a, worst.Stats.BytesPerOp.Median, worst.Name)
	switch {
	case a < allocZero:
		return confirmed(measured, "none of %d range benchmarks allocated", n)
	case a >= 0.5:
		return refuted(measured, "%s allocates on every range", worst.Variant)
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
	kv := e.bench(scRangeKV, varRangeKV, k, v, size).Stats.NsPerOp
	lk := e.bench(scRangeKV, varRangeKeyLookup, k, v, size).Stats.NsPerOp
	measured := fmt.Sprintf("k+m[k] %s/op vs k,v %s/op (%.2fx) at %s/%s size %d", ns(lk.Median), ns(kv.Median), ratio(lk.Median, kv.Median), k, v, size)
	switch order(lk, kv) {
	case -1:
		return confirmed(measured, "the lookup loop is faster (confidence intervals apart)")
	case 1:
		return refuted(measured, "the extra hash lookup per key makes the loop slower than reading v")
	}
	return inconclusive(measured, "confidence intervals overlap")
}

func ruleIndexFieldFaster(e *Evidence) Outcome {
	faster, slower := 0, 0
	var parts []string
	for _, v := range e.valueTypes(scFieldAccess, varIndexField) {
		size := e.largestSize(scFieldAccess, "int64", v, varValueField, varIndexField)
		if size == 0 {
			continue
		}
		vf := e.bench(scFieldAccess, varValueField, "int64", v, size).Stats.NsPerOp
		ix := e.bench(scFieldAccess, varIndexField, "int64", v, size).Stats.NsPerOp
		parts = append(parts, fmt.Sprintf("%s %.2fx", v, ratio(ix.Median, vf.Median)))
		switch order(ix, vf) {
		case -1:
			faster++
		case 1:
			slower++
		}
	}
	if len(parts) == 0 {
		return notApplicable("needs %s and %s benchmarks of %s with int64 keys", varValueField, varIndexField, scFieldAccess)
	}
	measured := "m[k].F / v.F ns/op: " + strings.Join(parts, ", ")
	switch {
	case faster > 0 && slower == 0:
		return confirmed(measured, "m[k].F was faster for %d value types, slower for none", faster)
	case slower > 0 && faster == 0:
		return refuted(measured, "m[k].F was slower for %d value types, faster for none", slower)
	}
	return inconclusive(measured, "faster for %d, slower for %d value types, the rest within noise", faster, slower)
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
		r := ratio(b.Stats.NsPerOp.Median, c.seedNs)
		parts = append(parts, fmt.Sprintf("%s (%s/%s) %s/op = %.3gx seed", c.label, c.key, c.value, ns(b.Stats.NsPerOp.Median), r))
		switch {
		case r >= 0.5 && r <= 1.5:
			within++
		case r < 0.25 || r > 4:
			off++
		}
	}
	if len(parts) == 0 {
		return notApplicable("needs %s benchmarks at size %d for int64/int64, string*/int64 or int64/struct64", varRangeKV, size)
	}
	measured := strings.Join(parts, "; ")
	switch {
	case within == len(parts):
		return confirmed(measured, "every measured figure is within ±50%% of the seed's")
	case off == len(parts):
		return refuted(measured, "every measured figure is off the seed's by more than 4x (a range over 10^5 entries is a loop of 10^5 steps, not ~100 ns)")
	}
	return inconclusive(measured, "%d of %d figures within ±50%% of the seed's", within, len(parts))
}

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
	i := e.bench(scRangeKV, varRangeKV, "int64", "int64", size).Stats.NsPerOp
	s := e.bench(scRangeKV, varRangeKV, key, "int64", size).Stats.NsPerOp
	r := ratio(s.Median, i.Median)
	measured := fmt.Sprintf("%s keys %s/op vs int64 keys %s/op: %.2fx at size %d", key, ns(s.Median), ns(i.Median), r, size)
	if why := tooNoisy(map[string]result.Summary{key + " keys": s, "int64 keys": i}); why != "" {
		return inconclusive(measured, "%s", why)
	}
	switch {
	case r >= 2 && r <= 4.5:
		return confirmed(measured, "string keys cost about 3x")
	case r < 1.5 || r > 6:
		return refuted(measured, "the penalty is far from 3x")
	}
	return inconclusive(measured, "between 1.5x and 2x or 4.5x and 6x")
}

func ruleGoroutineCapture(e *Evidence) Outcome {
	k, v, size := e.pair(scGoroutine, varCapture, varParam)
	if size == 0 {
		return notApplicable("needs %s and %s benchmarks of %s at one size", varCapture, varParam, scGoroutine)
	}
	c := e.bench(scGoroutine, varCapture, k, v, size).Stats
	p := e.bench(scGoroutine, varParam, k, v, size).Stats
	r := ratio(c.BytesPerOp.Median, p.BytesPerOp.Median)
	measured := fmt.Sprintf("capture %.4g B/op vs param %.4g B/op (%.2fx), GC/op %.3g vs %.3g, at %s/%s size %d, language %s",
		c.BytesPerOp.Median, p.BytesPerOp.Median, r, c.GCPerOp.Median, p.GCPerOp.Median, k, v, size, e.Doc.Environment.LanguageVersion)
	switch {
	case r >= 2 && order(c.BytesPerOp, p.BytesPerOp) == 1:
		return confirmed(measured, "capturing allocates at least twice the memory of passing parameters")
	case r < 1.5:
		return refuted(measured, "capturing allocates less than 1.5x of passing parameters (the seed says 3x)")
	}
	return inconclusive(measured, "between 1.5x and 2x, or confidence intervals overlap")
}

func ruleGCPointers(e *Evidence) Outcome {
	size := e.largestSizeOfAll(scGCCost, benchID{varGC, "int64", "ptrstruct64"}, benchID{varGC, "int64", "int64"})
	if size == 0 {
		return notApplicable("needs %s benchmarks of %s for int64/int64 and int64/ptrstruct64 at one size", varGC, scGCCost)
	}
	i := e.bench(scGCCost, varGC, "int64", "int64", size).Stats.NsPerOp
	p := e.bench(scGCCost, varGC, "int64", "ptrstruct64", size).Stats.NsPerOp
	r := ratio(p.Median, i.Median)
	measured := fmt.Sprintf("GC with int64/ptrstruct64 %s vs int64/int64 %s (%.2fx) at size %d", ns(p.Median), ns(i.Median), r, size)
	if s := e.bench(scGCCost, varGC, "string8", "int64", size); s != nil {
		measured += fmt.Sprintf(", string8/int64 %s", ns(s.Stats.NsPerOp.Median))
	}
	switch {
	case r >= 1.5 && order(p, i) == 1:
		return confirmed(measured, "a GC cycle costs more when the values hold pointers")
	case order(p, i) <= 0 && r < 1.2 && tooNoisy(map[string]result.Summary{"ptrstruct64": p, "int64": i}) == "":
		return refuted(measured, "pointer-holding values did not make GC measurably more expensive")
	}
	return inconclusive(measured, "more expensive, but by less than 1.5x or within noise")
}

func ruleCacheLine(e *Evidence) Outcome {
	size := e.largestSizeOfAll(scFieldAccess, benchID{varValueField, "int64", "struct64"}, benchID{varValueField, "int64", "struct128"})
	if size == 0 {
		return notApplicable("Go programs cannot align map slots; the proxy measured instead (ns/element of %s at int64/struct64 vs int64/struct128: one vs two cache lines per value) was not in this run", varValueField)
	}
	one := e.bench(scFieldAccess, varValueField, "int64", "struct64", size).Stats.NsPerElem
	two := e.bench(scFieldAccess, varValueField, "int64", "struct128", size).Stats.NsPerElem
	r := ratio(two.Median, one.Median)
	measured := fmt.Sprintf("range copying v: %.3g ns/element with 128-byte values vs %.3g with 64-byte values (%.2fx) at size %d", two.Median, one.Median, r, size)
	if why := tooNoisy(map[string]result.Summary{"struct64": one, "struct128": two}); why != "" {
		return inconclusive(measured, "%s", why)
	}
	switch {
	case r >= 1.5 && order(two, one) == 1:
		return confirmed(measured, "touching two cache lines per value costs clearly more than one")
	case r < 1.15:
		return refuted(measured, "per-element cost barely depends on cache lines per value")
	}
	return inconclusive(measured, "cost grows with value size, but less than the cache-line count")
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
