package claims

import "fmt"

// escapeFacts returns the embedded facts or the outcome that explains why they cannot be used.
func (e *Evidence) escapeFacts() (Outcome, bool) {
	if e.Escape == nil {
		return inconclusive("", "this binary carries no escape-analysis facts"), false
	}
	if why := e.Escape.Stale(); why != "" {
		return inconclusive("", "%s", why), false
	}
	return Outcome{}, true
}

func rulePrintlnEscapes(e *Evidence) Outcome {
	if o, ok := e.escapeFacts(); !ok {
		return o
	}
	f := e.Escape
	esc, d := f.Escapes("println_value", "v")
	blankEsc, bd := f.Escapes("blank_use", "v")
	blank := "`_ = v`: no diagnostic about v"
	if n := len(f.Mentions("blank_use", "v")); n > 0 && !blankEsc {
		blank = fmt.Sprintf("`_ = v`: %q", f.Mentions("blank_use", "v")[0].Message)
	}
	switch {
	case blankEsc:
		return refuted(fmt.Sprintf("`_ = v`: %q (line %d)", bd.Message, bd.Line), "with `_ = v` the compiler still moves v to the heap")
	case esc:
		return confirmed(fmt.Sprintf("fmt.Println(v): %q (line %d); %s (%s)", d.Message, d.Line, blank, f.Toolchain),
			"the interface conversion for fmt.Println makes v escape; `_ = v` keeps it on the stack")
	}
	return refuted(fmt.Sprintf("fmt.Println(v): no escape of v reported; %s (%s)", blank, f.Toolchain), "the compiler did not report v escaping")
}

func rulePointerReceiverEscapes(e *Evidence) Outcome {
	if o, ok := e.escapeFacts(); !ok {
		return o
	}
	f := e.Escape
	plain, _ := f.Escapes("pointer_receiver", "v")
	retain, rd := f.Escapes("pointer_receiver_retain", "v")
	retainMsg := "no escape"
	if retain {
		retainMsg = fmt.Sprintf("%q", rd.Message)
	}
	measured := fmt.Sprintf("non-retaining methods (inlined and not): v escapes=%v; receiver-keeping method: %s (%s)", plain, retainMsg, f.Toolchain)
	if plain {
		return confirmed(measured, "calling a pointer method on v moves v to the heap even when the method does not keep it")
	}
	return refuted(measured, "v stays on the stack unless the method keeps its receiver; escape depends on the method, not on the call")
}
