package snippets

// PointerReceiver calls pointer-receiver methods on the range variable (implicit &v). The seed
// says this makes v escape; whether it does depends on what the method does with its receiver.
func PointerReceiver(m map[int]Point) int {
	n := 0
	for _, v := range m {
		v.Scale(2)
		n += v.X
	}
	return n
}

// PointerReceiverNoInline is the same call through a method that is never inlined.
func PointerReceiverNoInline(m map[int]Point) int {
	n := 0
	for _, v := range m {
		v.ScaleNoInline(2)
		n += v.X
	}
	return n
}
