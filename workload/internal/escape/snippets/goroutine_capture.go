package snippets

// GoroutineCapture starts a goroutine per entry whose closure captures the range variable.
// Under language versions before go1.22 every goroutine shares one v; that is the seed's
// example, written on purpose. (The counter after the go statement is real work and also keeps
// go vet's loopclosure check, which looks at the last statement only, from rejecting the
// module.)
func GoroutineCapture(m map[int]Point, out chan<- int) int {
	started := 0
	for _, v := range m {
		go func() { out <- v.X }()
		started++
	}
	return started
}
