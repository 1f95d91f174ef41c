package scenarios

import (
	"fmt"
	"io"

	"mapbench.io/workload/internal/bench"
)

// S12: passing range values to interface{}-taking functions. fmt keeps
// its arguments reachable (they escape, so each boxed value is allocated);
// a func(any) that does not keep its argument lets the compiler box on the
// stack; a typed parameter does not box at all.

var boxSink int

//go:noinline
func takeAny(x any) {
	if x == nil {
		boxSink++
	}
}

//go:noinline
func takeTyped[V comparable](x V) {
	var zero V
	if x == zero {
		boxSink++
	}
}

func (f *fixture[K, V]) boxingBenches() []Bench {
	m := f.newMapGrown()
	n := len(m)
	return []Bench{
		{"FmtFprint", n, func(b *bench.B) {
			for i := 0; i < b.N; i++ {
				for _, v := range m {
					fmt.Fprint(io.Discard, v)
				}
			}
		}},
		{"AnyParam", n, func(b *bench.B) {
			for i := 0; i < b.N; i++ {
				for _, v := range m {
					takeAny(v)
				}
			}
		}},
		{"TypedParam", n, func(b *bench.B) {
			for i := 0; i < b.N; i++ {
				for _, v := range m {
					takeTyped(v)
				}
			}
		}},
	}
}
