package scenarios

import (
	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/vocab"
)

// S2: reading one field of every value. Go cannot access a struct field
// through a type parameter, so each value type has its own three loops
// (generic in the key only), generated into field_access_gen.go.

//go:generate go run ./gen/fieldaccess -o field_access_gen.go

// fieldSink receives the sums so the loops cannot be removed.
var fieldSink int64

func fieldAccessBenches(c Combo) []Bench {
	if c.KeyType == vocab.KeyInt64 {
		return fieldBenchesFor(vocab.IntKeys(c.Size), c.ValueType)
	}
	return fieldBenchesFor(vocab.StringKeys(c.Size, vocab.StringKeyLen(c.KeyType)), c.ValueType)
}

func fieldBenches(n int, viaValue, viaLookup, viaPointer func(n int)) []Bench {
	return []Bench{
		{"FieldViaValue", n, func(b *bench.B) { viaValue(b.N) }},
		{"FieldViaLookup", n, func(b *bench.B) { viaLookup(b.N) }},
		{"FieldViaPointerMap", n, func(b *bench.B) { viaPointer(b.N) }},
	}
}

// fieldMaps builds the map by value and the map of pointers to copies.
func fieldMaps[K comparable, V any](keys []K, mk func(int) V) (map[K]V, map[K]*V) {
	m := make(map[K]V)
	pm := make(map[K]*V)
	for i, k := range keys {
		v := mk(i)
		m[k] = v
		pm[k] = &v
	}
	return m, pm
}
