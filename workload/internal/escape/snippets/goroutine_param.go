package snippets

// GoroutineParam passes the range variable to the goroutine as an explicit parameter.
func GoroutineParam(m map[int]Point, out chan<- int) {
	for _, v := range m {
		go func(p Point) { out <- p.X }(v)
	}
}
