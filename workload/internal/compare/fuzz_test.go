package compare

import (
	"bytes"
	"testing"

	"mapbench.io/workload/internal/result"
)

// FuzzLoad feeds arbitrary bytes (logs, JSON and YAML objects, anything) to the reader of
// `mapbench compare`. It must never panic; what it accepts must hold documents, and comparing
// them with themselves (two columns) must give tables or an error, never a panic.
func FuzzLoad(f *testing.F) {
	d := doc("go1.26.8", "cloud-1", 2, bench{"RangeKV", 1000, []float64{3, 1, 2}})
	raw, err := result.Encode(d)
	if err != nil {
		f.Fatal(err)
	}
	var marked bytes.Buffer
	if err := result.WriteMarked(&marked, raw); err != nil {
		f.Fatal(err)
	}
	f.Add(marked.Bytes())
	f.Add(raw)
	f.Add([]byte(`{"kind":"List","items":[{"kind":"BenchmarkResult","spec":{"run":"r","goVersion":"1.26.8","result":` + string(raw) + `}}]}`))
	f.Add([]byte("kind: BenchmarkResult\nspec:\n  run: r\n  result:\n    apiVersion: " + result.APIVersion + "\n    benchmarks: []\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Fuzz(func(t *testing.T, input []byte) {
		in, err := Load("a", input)
		if err != nil {
			return
		}
		if len(in) == 0 {
			t.Fatal("no error and no input")
		}
		for _, x := range in {
			if x.Doc == nil || x.Attrs == nil {
				t.Fatalf("accepted input without a document: %+v", x)
			}
		}
		both := append(append([]Input{}, in...), in...)
		for i := len(in); i < len(both); i++ {
			both[i].File = "b"
		}
		tables, err := Build(both, DefaultOptions())
		if err != nil {
			return
		}
		var out, warn bytes.Buffer
		if err := WriteText(&out, tables); err != nil {
			t.Fatal(err)
		}
		if err := WriteCSV(&out, &warn, tables); err != nil {
			t.Fatal(err)
		}
	})
}
