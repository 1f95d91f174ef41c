package compare

import (
	"fmt"
	"strings"

	"golang.org/x/perf/benchunit"
)

// Column attributes a comparison's columns can be chosen by.
const (
	ColFile      = "file"
	ColRun       = "run"
	ColCluster   = "cluster"
	ColGoVersion = "go-version"
)

// Columns lists the allowed --col values.
var Columns = []string{ColFile, ColRun, ColCluster, ColGoVersion}

// Units lists the units --unit selects from (as `mapbench run` prints them); "all" keeps every
// unit of the inputs, as benchstat does (also gc/op and hardware counters).
var Units = []string{"ns/op", "ns/elem", "B/op", "allocs/op"}

// Options configure a comparison (flags of `mapbench compare`).
type Options struct {
	Col string // one of Columns
	// Units restricts the tables to these units (elements of Units); empty keeps all.
	Units []string
	// Alpha is the significance level of the U test (benchstat's -alpha, default 0.05).
	Alpha float64
	// Confidence is the level of the medians' intervals (benchstat's -confidence, 0.95).
	Confidence float64
}

// DefaultOptions are benchstat's defaults with columns by file.
func DefaultOptions() Options {
	return Options{Col: ColFile, Alpha: 0.05, Confidence: 0.95}
}

// ParseUnits reads a --unit value: "all" or a comma-separated list of Units.
func ParseUnits(s string) ([]string, error) {
	if strings.TrimSpace(s) == "all" {
		return nil, nil
	}
	var out []string
	for _, u := range strings.Split(s, ",") {
		u = strings.TrimSpace(u)
		if !contains(Units, u) {
			return nil, fmt.Errorf("--unit: %q is not a unit (allowed: all, or a comma-separated list of %s)", u, strings.Join(Units, ", "))
		}
		out = append(out, u)
	}
	return out, nil
}

func (o Options) validate() error {
	if !contains(Columns, o.Col) {
		return fmt.Errorf("--col: %q is not a column attribute (allowed: %s)", o.Col, strings.Join(Columns, ", "))
	}
	if !(o.Alpha > 0 && o.Alpha < 1) {
		return fmt.Errorf("--alpha: %v is outside (0, 1) (the U test's significance level, benchstat's default 0.05)", o.Alpha)
	}
	if !(o.Confidence > 0 && o.Confidence < 1) {
		return fmt.Errorf("confidence: %v is outside (0, 1)", o.Confidence)
	}
	for _, u := range o.Units {
		if !contains(Units, u) {
			return fmt.Errorf("--unit: %q is not a unit (allowed: %s)", u, strings.Join(Units, ", "))
		}
	}
	return nil
}

// unitFilter is the benchproc filter query keeping the chosen units, named as benchfmt's
// reader tidies them (ns/op becomes sec/op, as in benchstat's tables).
func (o Options) unitFilter() string {
	if len(o.Units) == 0 {
		return "*"
	}
	var tidy []string
	for _, u := range o.Units {
		_, t := benchunit.Tidy(1, u)
		tidy = append(tidy, t)
	}
	return ".unit:(" + strings.Join(tidy, " OR ") + ")"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
