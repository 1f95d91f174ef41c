package snippets

// BoxToInterface passes the range value to a function taking interface{} that keeps it, the
// general form of the seed's "implicit boxing" warning.
func BoxToInterface(m map[int]Point) {
	for _, v := range m {
		keepAny(v)
	}
}

// NoBoxing passes the same value to a function taking the concrete type.
func NoBoxing(m map[int]Point) int {
	n := 0
	for _, v := range m {
		n += usePoint(v)
	}
	return n
}

var kept []any

//go:noinline
func keepAny(x any) { kept = append(kept, x) }

//go:noinline
func usePoint(p Point) int { return p.X + p.Y }
