package snippets

// BlankUse is the seed's "does not escape" example: `_ = v` in a range loop. The seed quotes the
// compiler as printing "&v does not escape"; the capture records what it really prints.
func BlankUse(m map[int]string) {
	for _, v := range m {
		_ = v
	}
}
