// Package claims is the registry of the seed document's checkable claims. Each claim has a
// paraphrased statement with the seed's figure, the scenario that tests it, and a rule that
// turns this run's measurements, observations and escape-analysis facts into a verdict
// (confirmed, refuted, inconclusive, not-applicable) with the measured figure. Verdicts are
// computed on every run, never stored.
package claims

import (
	"fmt"

	"mapbench.io/workload/internal/escape"
	"mapbench.io/workload/internal/result"
)

// Claim is one checkable statement of the seed.
type Claim struct {
	ID         string
	Statement  string // paraphrased in English
	SeedFigure string // the seed's number or quote, "" when it gives none
	Scenario   string // catalog id of the scenario that tests it; scNone when none can
	Rule       func(*Evidence) Outcome
	// NotMeasurable, set instead of Rule, says why no measurement can decide the claim (a
	// statement about source layout, runtime internals or API advice): it is listed as
	// not-applicable with that reason, so no seed claim is skipped silently.
	NotMeasurable string
}

// Outcome is what a rule concluded.
type Outcome struct {
	Verdict  string // one of the result.Verdict* constants
	Reason   string
	Measured string
}

// Evidence is what the rules may look at: the run's document (config, environment,
// benchmarks, observations) and the escape facts embedded at build time.
type Evidence struct {
	Doc    *result.Document
	Escape *escape.Facts // nil when the binary carries none
}

func confirmed(measured, format string, args ...any) Outcome {
	return Outcome{result.VerdictConfirmed, fmt.Sprintf(format, args...), measured}
}

func partly(measured, format string, args ...any) Outcome {
	return Outcome{result.VerdictPartly, fmt.Sprintf(format, args...), measured}
}

func refuted(measured, format string, args ...any) Outcome {
	return Outcome{result.VerdictRefuted, fmt.Sprintf(format, args...), measured}
}

func inconclusive(measured, format string, args ...any) Outcome {
	return Outcome{result.VerdictInconclusive, fmt.Sprintf(format, args...), measured}
}

func notApplicable(format string, args ...any) Outcome {
	return Outcome{result.VerdictNotApplicable, fmt.Sprintf(format, args...), ""}
}

// Evaluate applies every rule of the registry to the run. A claim whose scenario was not part
// of the run is not-applicable without consulting its rule.
func Evaluate(doc *result.Document, facts *escape.Facts) []result.Claim {
	ev := &Evidence{Doc: doc, Escape: facts}
	ran := map[string]bool{}
	for _, s := range doc.Config.Scenarios {
		ran[s] = true
	}
	out := make([]result.Claim, 0, len(Registry))
	for _, c := range Registry {
		var o Outcome
		if c.Rule == nil {
			o = notApplicable("%s", c.NotMeasurable)
		} else if !ran[c.Scenario] {
			o = notApplicable("scenario %s was not part of this run (add it with --scenarios %s)", c.Scenario, c.Scenario)
		} else {
			o = c.Rule(ev)
		}
		out = append(out, result.Claim{ID: c.ID, Statement: c.Statement, SeedFigure: c.SeedFigure,
			Scenario: c.Scenario, Verdict: o.Verdict, Reason: o.Reason, Measured: o.Measured})
	}
	return out
}

// ByID returns the registry entry of a claim id.
func ByID(id string) (Claim, bool) {
	for _, c := range Registry {
		if c.ID == id {
			return c, true
		}
	}
	return Claim{}, false
}
