package snippets

// PointerReceiverRetain calls a pointer-receiver method that keeps its receiver: the case where
// the seed's warning holds.
func PointerReceiverRetain(m map[int]Point) {
	for _, v := range m {
		v.Retain()
	}
}
