package scenarios

import (
	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/vocab"
)

// fixture is the generic half of a combination: keys and values of the
// requested types. Its methods (one file per scenario) are instantiated for
// each concrete map type, so the loops run on map[int64]Struct64 etc., not
// on interfaces.
type fixture[K comparable, V comparable] struct {
	keys []K
	vals []V
}

// kvFixture is what the scenarios need from a fixture, independent of K, V.
type kvFixture interface {
	rangeBenches() []Bench
	sparseBenches() []Bench
	rangeAllocBenches() []Bench
	goroutineBenches() []Bench
	valueAddrBenches() []Bench
	boxingBenches() []Bench
	gcBenches() []Bench
	observeOrder(c Combo) result.Observation
	observeGrowthPoints(c Combo) result.Observation
	observeValueAddrs(c Combo) result.Observation
	observeGCScan(c Combo) result.Observation
}

// newFixture builds keys and values for a combination (the catalog has
// already checked the names).
func newFixture(c Combo) kvFixture {
	if c.KeyType == vocab.KeyInt64 {
		return withValues(vocab.IntKeys(c.Size), c)
	}
	return withValues(vocab.StringKeys(c.Size, vocab.StringKeyLen(c.KeyType)), c)
}

func withValues[K comparable](keys []K, c Combo) kvFixture {
	switch c.ValueType {
	case vocab.ValueStruct16:
		return build(keys, vocab.MakeStruct16)
	case vocab.ValueStruct64:
		return build(keys, vocab.MakeStruct64)
	case vocab.ValueStruct128:
		return build(keys, vocab.MakeStruct128)
	case vocab.ValueStruct256:
		return build(keys, vocab.MakeStruct256)
	case vocab.ValuePtrStruct64:
		return build(keys, vocab.MakePtrStruct64)
	case vocab.ValueEmpty:
		return build(keys, vocab.MakeEmpty)
	}
	return build(keys, vocab.MakeInt64)
}

func build[K comparable, V comparable](keys []K, mk func(int) V) *fixture[K, V] {
	vals := make([]V, len(keys))
	for i := range vals {
		vals[i] = mk(i)
	}
	return &fixture[K, V]{keys: keys, vals: vals}
}

// newMapGrown returns a map built by inserting into make(map[K]V) without a
// size hint, the way most programs build maps.
func (f *fixture[K, V]) newMapGrown() map[K]V {
	m := make(map[K]V)
	for i, k := range f.keys {
		m[k] = f.vals[i]
	}
	return m
}

// Sink keeps the last key and value a benchmark produced, so the compiler
// cannot drop the loops' loads. Allocated once per benchmark, before timing.
type Sink[K any, V any] struct {
	Key   K
	Value V
}
