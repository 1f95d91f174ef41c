package snippets

// CollectAddr collects &v from a range loop. Before Go 1.22 (language version) every pointer
// is the same variable; from 1.22 on each iteration has its own v.
func CollectAddr(m map[int]Point) []*Point {
	var ps []*Point
	for _, v := range m {
		ps = append(ps, &v)
	}
	return ps
}
