package escape

import "mapbench.io/workload/internal/result"

// Result converts the facts into the result document's escape section, each diagnostic
// attached to scenario S9 and to the claims its snippet explains.
func (f *Facts) Result() *result.Escape {
	e := &result.Escape{GoVersion: f.Toolchain, Flags: []string{"-m", "-m=2"}, Facts: []result.EscapeFact{}}
	for _, d := range f.Diagnostics {
		var claims []string
		if s, ok := SnippetByID(d.Snippet); ok {
			claims = s.Claims
		}
		e.Facts = append(e.Facts, result.EscapeFact{
			Snippet: d.Snippet, Scenario: Scenario, Claims: claims,
			Flag: d.Flag, Line: d.Line, Message: d.Message, Escapes: escapeState(d.Message),
		})
	}
	return e
}
