package scenarios

// This file's loops depend on the loop-variable semantics of the language
// version the binary is compiled with: before go1.22 one k and one v are
// shared by all iterations, from go1.22 on each iteration has its own.
// Nothing here copies the variables explicitly, and the file must never
// carry a //go:build line (a go1.N constraint would raise its language
// version): the build decides, and the result reports what it observed.

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"

	"mapbench.io/workload/internal/bench"
	"mapbench.io/workload/internal/result"
)

// LoopVarPerIteration reports whether this build gives every iteration of a
// three-clause for loop its own variable.
func LoopVarPerIteration() bool {
	var ptrs []*int
	for i := 0; i < 2; i++ {
		ptrs = append(ptrs, &i)
	}
	return ptrs[0] != ptrs[1]
}

// collectValueAddrs appends &v of every range value (S11).
func collectValueAddrs[K comparable, V any](m map[K]V, dst []*V) []*V {
	for _, v := range m {
		dst = append(dst, &v)
	}
	return dst
}

// goroutineHits counts what the goroutines saw, so they must read k and v.
var goroutineHits atomic.Int64

// goCaptureRangeVars starts one goroutine per entry that reads the range
// variables it captured (S10). Before go1.22 they share one k and v that
// the loop keeps overwriting: that data race is the behaviour measured.
func goCaptureRangeVars[K comparable, V comparable](m map[K]V, n int) {
	var zk K
	var zv V
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(len(m))
		launched := 0
		for k, v := range m {
			// Capturing k and v is the experiment. (The statement after
			// the go statement also keeps vet's loopclosure check, which
			// flags go1.21 captures, from reporting the intended race.)
			go func() {
				if k == zk || v == zv {
					goroutineHits.Add(1)
				}
				wg.Done()
			}()
			launched++
		}
		wg.Wait()
		goroutineHits.Add(int64(launched - len(m)))
	}
}

// goPassParams is the same with k and v passed as arguments.
func goPassParams[K comparable, V comparable](m map[K]V, n int) {
	var zk K
	var zv V
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(len(m))
		for k, v := range m {
			go func(k K, v V) {
				if k == zk || v == zv {
					goroutineHits.Add(1)
				}
				wg.Done()
			}(k, v)
		}
		wg.Wait()
	}
}

func (f *fixture[K, V]) goroutineBenches() []Bench {
	m := f.newMapGrown()
	return []Bench{
		{"GoCaptureRangeVars", len(m), func(b *bench.B) { goCaptureRangeVars(m, b.N) }},
		{"GoPassParams", len(m), func(b *bench.B) { goPassParams(m, b.N) }},
	}
}

func (f *fixture[K, V]) valueAddrBenches() []Bench {
	m := f.newMapGrown()
	dst := make([]*V, 0, len(m))
	return []Bench{{"CollectValueAddrs", len(m), func(b *bench.B) {
		for i := 0; i < b.N; i++ {
			dst = collectValueAddrs(m, dst[:0])
		}
	}}}
}

func (f *fixture[K, V]) observeValueAddrs(c Combo) result.Observation {
	m := f.newMapGrown()
	ptrs := collectValueAddrs(m, nil)
	distinct := make(map[*V]bool, len(ptrs))
	for _, p := range ptrs {
		distinct[p] = true
	}
	// Does what the pointers point at still equal the values produced?
	// With one shared v every pointer sees the last value.
	matching := 0
	seen := make(map[V]int, len(m))
	for _, v := range m {
		seen[v]++
	}
	for _, p := range ptrs {
		if seen[*p] > 0 {
			seen[*p]--
			matching++
		}
	}
	perIteration := len(distinct) == len(ptrs)
	facts := map[string]string{}
	var zero V
	if unsafe.Sizeof(zero) == 0 {
		// All zero-size variables may share one address, whatever the
		// loop semantics: distinct pointers say nothing here.
		facts["caveat"] = "zero-size value type: pointers to distinct variables may be equal"
		perIteration = LoopVarPerIteration()
	}
	return result.Observation{
		Facts:    facts,
		Scenario: "range-value-address", KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size,
		Figures: map[string]float64{
			"pointers":             float64(len(ptrs)),
			"distinctPointers":     float64(len(distinct)),
			"pointersToOwnValue":   float64(matching),
			"loopVarPerIteration":  boolFigure(LoopVarPerIteration()),
			"rangeVarPerIteration": boolFigure(perIteration),
			"aliasedToOneVariable": boolFigure(len(distinct) == 1 && len(ptrs) > 1),
		},
		Summary: fmt.Sprintf("collected %d pointers &v, %d distinct; %d point at the value of their own iteration",
			len(ptrs), len(distinct), matching),
	}
}

func boolFigure(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
