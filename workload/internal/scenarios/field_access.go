package scenarios

import (
	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/vocab"
)

// S2: reading one field of every value. Go cannot access a struct field
// through a type parameter, so each value type has its own three loops
// (generic in the key only); they are identical but for the type.

// fieldSink receives the sums so the loops cannot be removed.
var fieldSink int64

func fieldAccessBenches(c Combo) []Bench {
	if c.KeyType == vocab.KeyInt64 {
		return fieldBenchesFor(vocab.IntKeys(c.Size), c.ValueType)
	}
	return fieldBenchesFor(vocab.StringKeys(c.Size, vocab.StringKeyLen(c.KeyType)), c.ValueType)
}

func fieldBenchesFor[K comparable](keys []K, valueType string) []Bench {
	switch valueType {
	case vocab.ValueStruct16:
		m, pm := fieldMaps(keys, vocab.MakeStruct16)
		return fieldBenches(len(keys),
			func(n int) { fieldSink = viaValue16(m, n) },
			func(n int) { fieldSink = viaLookup16(m, n) },
			func(n int) { fieldSink = viaPointer16(pm, n) })
	case vocab.ValueStruct64:
		m, pm := fieldMaps(keys, vocab.MakeStruct64)
		return fieldBenches(len(keys),
			func(n int) { fieldSink = viaValue64(m, n) },
			func(n int) { fieldSink = viaLookup64(m, n) },
			func(n int) { fieldSink = viaPointer64(pm, n) })
	case vocab.ValueStruct128:
		m, pm := fieldMaps(keys, vocab.MakeStruct128)
		return fieldBenches(len(keys),
			func(n int) { fieldSink = viaValue128(m, n) },
			func(n int) { fieldSink = viaLookup128(m, n) },
			func(n int) { fieldSink = viaPointer128(pm, n) })
	case vocab.ValueStruct256:
		m, pm := fieldMaps(keys, vocab.MakeStruct256)
		return fieldBenches(len(keys),
			func(n int) { fieldSink = viaValue256(m, n) },
			func(n int) { fieldSink = viaLookup256(m, n) },
			func(n int) { fieldSink = viaPointer256(pm, n) })
	}
	return nil // the catalog admits struct value types only
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

func viaValue16[K comparable](m map[K]vocab.Struct16, n int) (s int64) {
	for i := 0; i < n; i++ {
		for _, v := range m {
			s += v.F
		}
	}
	return s
}

func viaLookup16[K comparable](m map[K]vocab.Struct16, n int) (s int64) {
	for i := 0; i < n; i++ {
		for k := range m {
			s += m[k].F
		}
	}
	return s
}

func viaPointer16[K comparable](m map[K]*vocab.Struct16, n int) (s int64) {
	for i := 0; i < n; i++ {
		for _, p := range m {
			s += p.F
		}
	}
	return s
}

func viaValue64[K comparable](m map[K]vocab.Struct64, n int) (s int64) {
	for i := 0; i < n; i++ {
		for _, v := range m {
			s += v.F
		}
	}
	return s
}

func viaLookup64[K comparable](m map[K]vocab.Struct64, n int) (s int64) {
	for i := 0; i < n; i++ {
		for k := range m {
			s += m[k].F
		}
	}
	return s
}

func viaPointer64[K comparable](m map[K]*vocab.Struct64, n int) (s int64) {
	for i := 0; i < n; i++ {
		for _, p := range m {
			s += p.F
		}
	}
	return s
}

func viaValue128[K comparable](m map[K]vocab.Struct128, n int) (s int64) {
	for i := 0; i < n; i++ {
		for _, v := range m {
			s += v.F
		}
	}
	return s
}

func viaLookup128[K comparable](m map[K]vocab.Struct128, n int) (s int64) {
	for i := 0; i < n; i++ {
		for k := range m {
			s += m[k].F
		}
	}
	return s
}

func viaPointer128[K comparable](m map[K]*vocab.Struct128, n int) (s int64) {
	for i := 0; i < n; i++ {
		for _, p := range m {
			s += p.F
		}
	}
	return s
}

func viaValue256[K comparable](m map[K]vocab.Struct256, n int) (s int64) {
	for i := 0; i < n; i++ {
		for _, v := range m {
			s += v.F
		}
	}
	return s
}

func viaLookup256[K comparable](m map[K]vocab.Struct256, n int) (s int64) {
	for i := 0; i < n; i++ {
		for k := range m {
			s += m[k].F
		}
	}
	return s
}

func viaPointer256[K comparable](m map[K]*vocab.Struct256, n int) (s int64) {
	for i := 0; i < n; i++ {
		for _, p := range m {
			s += p.F
		}
	}
	return s
}
