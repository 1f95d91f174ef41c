package escape

// Snippet describes one file of package snippets: what seed example it is and which claims
// (ids in package claims) its diagnostics explain.
type Snippet struct {
	ID      string
	Summary string
	Claims  []string
}

// Snippets lists every snippet file; a test checks the table and the directory agree.
var Snippets = []Snippet{
	{"blank_use", "`_ = v` in a range loop (the seed's non-escaping example)", []string{"println-value-escapes", "range-no-alloc"}},
	{"println_value", "fmt.Println(v) in a range loop (the seed's escaping example)", []string{"println-value-escapes"}},
	{"pointer_receiver", "inlinable and non-inlined pointer-receiver methods called on the range variable", []string{"pointer-receiver-escapes"}},
	{"pointer_receiver_retain", "pointer-receiver method that keeps its receiver, called on the range variable", []string{"pointer-receiver-escapes"}},
	{"goroutine_capture", "goroutine closure capturing the range variable", []string{"goroutine-capture-cost"}},
	{"goroutine_param", "range variable passed to the goroutine as a parameter", []string{"goroutine-capture-cost"}},
	{"collect_addr", "collecting &v from a range loop", []string{"addr-of-range-var-aliases"}},
	{"boxing", "range value passed to an interface{} parameter vs a concrete one", []string{"println-value-escapes", "fmt-boxing-allocates"}},
}

// SnippetByID returns the table row of a snippet id.
func SnippetByID(id string) (Snippet, bool) {
	for _, s := range Snippets {
		if s.ID == id {
			return s, true
		}
	}
	return Snippet{}, false
}
