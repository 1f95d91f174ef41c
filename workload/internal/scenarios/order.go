package scenarios

import (
	"fmt"
	"hash/fnv"
	"strconv"

	"mapbench.io/workload/internal/result"
)

// S4: how random is the order of `range` over one small map?

const orderIterations = 2000

func (f *fixture[K, V]) observeOrder(c Combo) result.Observation {
	m := f.newMapGrown()
	index := make(map[K]int, len(f.keys))
	for i, k := range f.keys {
		index[k] = i
	}
	n := len(f.keys)
	base := make([]int, 0, n)   // the first order seen
	basePos := make([]int, n)   // position of each key in base
	order := make([]int, 0, n)  // the current order
	orders := map[uint64]bool{} // hashes of distinct orders
	firstKeys := map[int]int{}  // first key -> count
	offsets := map[int]bool{}   // rotation offsets seen
	rotations := 0              // orders that are rotations of base
	buf := make([]byte, 0, 8)
	for it := 0; it < orderIterations; it++ {
		order = order[:0]
		for k := range m {
			order = append(order, index[k])
		}
		h := fnv.New64a()
		for _, i := range order {
			buf = strconv.AppendInt(buf[:0], int64(i), 10)
			buf = append(buf, ',')
			h.Write(buf)
		}
		orders[h.Sum64()] = true
		firstKeys[order[0]]++
		if it == 0 {
			base = append(base, order...)
			for p, i := range base {
				basePos[i] = p
			}
		}
		if off, ok := rotationOffset(base, basePos, order); ok {
			rotations++
			offsets[off] = true
		}
	}
	maxShare := 0
	for _, c := range firstKeys {
		if c > maxShare {
			maxShare = c
		}
	}
	return result.Observation{
		Scenario: "iteration-order", KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size,
		Figures: map[string]float64{
			"iterations":              orderIterations,
			"distinctOrders":          float64(len(orders)),
			"distinctFirstKeys":       float64(len(firstKeys)),
			"maxFirstKeyShare":        float64(maxShare) / orderIterations,
			"rotationsOfFirstOrder":   float64(rotations),
			"distinctRotationOffsets": float64(len(offsets)),
		},
		Summary: fmt.Sprintf("%d ranges over %d keys: %d distinct orders, %d distinct first keys; %d orders are rotations of the first (%d distinct offsets)",
			orderIterations, n, len(orders), len(firstKeys), rotations, len(offsets)),
	}
}

// rotationOffset reports whether order is base rotated, and by how much.
func rotationOffset(base, basePos, order []int) (int, bool) {
	if len(order) != len(base) || len(order) == 0 {
		return 0, false
	}
	off := basePos[order[0]]
	for i, k := range order {
		if base[(off+i)%len(base)] != k {
			return 0, false
		}
	}
	return off, true
}
