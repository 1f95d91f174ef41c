package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"mapbench.io/workload/internal/catalog"
	"mapbench.io/workload/internal/runner"
	"mapbench.io/workload/internal/vocab"
)

// CatalogAPIVersion versions the catalog.json document.
const CatalogAPIVersion = "mapbench.io/catalog/v1"

// catalogDoc is `mapbench list --json`, committed as catalog.json.
type catalogDoc struct {
	APIVersion        string              `json:"apiVersion"`
	KeyTypes          []string            `json:"keyTypes"`
	ValueTypes        []string            `json:"valueTypes"`
	MinSize           int                 `json:"minSize"`
	MaxSize           int                 `json:"maxSize"`
	KeyBytes          map[string]int      `json:"keyBytes"`
	ValueBytes        map[string]int      `json:"valueBytes"`
	SlotOverheadBytes int                 `json:"slotOverheadBytes"`
	EstimateFormula   string              `json:"estimateFormula"`
	Scenarios         []*catalog.Scenario `json:"scenarios"`
	Suites            []*catalog.Suite    `json:"suites"`
}

const estimateFormula = "memoryBytes = fixedBytes + size * (entryFactor * (keyBytes[keyType] + valueBytes[valueType] + slotOverheadBytes) + extraBytesPerEntry); " +
	"entryVisits = size * visitsPerEntry per op or observation; setupEntries = size * setupEntriesFactor per combination; " +
	"a benchmark combination takes about len(variants) * repetitions * 2 * benchtime plus setup"

func catalogJSON() ([]byte, error) {
	d := catalogDoc{
		APIVersion: CatalogAPIVersion, KeyTypes: vocab.KeyTypes, ValueTypes: vocab.ValueTypes,
		MinSize: vocab.MinSize, MaxSize: vocab.MaxSize, KeyBytes: vocab.KeyBytes, ValueBytes: vocab.ValueBytes,
		SlotOverheadBytes: catalog.SlotOverheadBytes, EstimateFormula: estimateFormula,
		Scenarios: catalog.Scenarios(), Suites: catalog.Suites(),
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func list(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the catalog as JSON (the content of catalog.json)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return runner.ExitOK
		}
		fmt.Fprintf(stderr, "error: flags: %v\n", err)
		return runner.ExitInvalid
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "error: args: unexpected argument %q (list takes --json only)\n", fs.Arg(0))
		return runner.ExitInvalid
	}
	if *asJSON {
		b, err := catalogJSON()
		if err != nil {
			fmt.Fprintf(stderr, "error: catalog: %v\n", err)
			return runner.ExitMeasurement
		}
		stdout.Write(b)
		return runner.ExitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEED\tOUTPUTS\tVARIANTS\tKEY TYPES\tVALUE TYPES\tSIZES\tTITLE")
	for _, s := range catalog.Scenarios() {
		variants := strings.Join(s.Variants, ",")
		if variants == "" {
			variants = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d..%d\t%s\n", s.ID, s.Seed, strings.Join(s.Outputs, ","), variants,
			strings.Join(s.KeyTypes, ","), strings.Join(s.ValueTypes, ","), s.MinSize, s.MaxSize, s.Title)
	}
	tw.Flush()
	fmt.Fprintln(stdout)
	for _, s := range catalog.Suites() {
		ids := make([]string, len(s.Entries))
		for i, e := range s.Entries {
			ids[i] = e.ID
		}
		fmt.Fprintf(stdout, "suite %s (benchtime %s): %s\n  %s\n", s.Name, s.Benchtime, s.Description, strings.Join(ids, " "))
	}
	return runner.ExitOK
}
