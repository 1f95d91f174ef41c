// Package snippets holds the seed document's escape-analysis examples as real Go code.
//
// It is never linked into mapbench. workload/build.sh compiles it with -gcflags=-m and
// -gcflags=-m=2, using the same toolchain and language version as the binary it then builds,
// and embeds the compiler's diagnostics (see package escape). One file per snippet: the file
// name (without .go) is the snippet id the claims registry refers to. Keep each file small and
// its interesting variable named v, so a diagnostic can be tied to the claim it explains.
package snippets

// Point is a small value type with a pointer-receiver method, as in the seed's examples.
type Point struct{ X, Y int }

// Scale is small enough to be inlined at every call site.
func (p *Point) Scale(k int) {
	p.X *= k
	p.Y *= k
}

// ScaleNoInline does the same work but is never inlined, so escape analysis must rely on the
// parameter tag it computed for p ("p does not escape") rather than on the inlined body.
//
//go:noinline
func (p *Point) ScaleNoInline(k int) {
	p.X *= k
	p.Y *= k
}

// Retain keeps its receiver reachable from a global: calling it on v must move v to the heap.
//
//go:noinline
func (p *Point) Retain() { retained = append(retained, p) }

var retained []*Point
