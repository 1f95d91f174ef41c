package compare

import (
	"bytes"
	"testing"

	"sigs.k8s.io/yaml"

	"mapbench.io/workload/internal/result"
)

func sampleDoc() *result.Document {
	return doc("go1.23.12", "cloud-1", 2, bench{"RangeKV", 1000, []float64{10, 11, 12}})
}

func TestLoadEveryInputForm(t *testing.T) {
	d := sampleDoc()
	raw, err := result.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	log.WriteString("goos: linux\nBenchmarkRangeKV/key=int64/value=int64/size=1000-2 1000 10 ns/op\n")
	if err := result.WriteMarked(&log, raw); err != nil {
		t.Fatal(err)
	}
	oneLine := "--- BEGIN " + result.APIVersion + " ---\n" + string(raw) + "\n--- END " + result.APIVersion + " ---\n"
	obj := mustJSON(t, benchmarkResult(t, "r1-cloud-1-1-23-12", "r1", "cloud-1", "1.23.12", d))
	objYAML, err := yaml.JSONToYAML(obj)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file string
		data       []byte
		wantRun    string
	}{
		{"result document", "doc.json", raw, ""},
		{"pod log, bounded # lines", "pod.log", log.Bytes(), ""},
		{"pod log, older one-line form", "old.log", []byte(oneLine), ""},
		{"BenchmarkResult JSON", "bres.json", obj, "r1"},
		{"BenchmarkResult YAML", "bres.yaml", objYAML, "r1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := mustLoad(t, c.file, c.data)
			if len(in) != 1 {
				t.Fatalf("%d inputs, want 1", len(in))
			}
			got := in[0]
			if got.File != c.file || got.Doc.Benchmarks[0].Samples[2].NsPerOp != 12 {
				t.Fatalf("input %+v does not hold the document", got)
			}
			if got.Attrs["run"] != c.wantRun || got.Attrs["cluster"] != "cloud-1" || got.Attrs["go-version"] != "go1.23.12" {
				t.Fatalf("attributes %v, want run %q, cluster cloud-1, go-version go1.23.12", got.Attrs, c.wantRun)
			}
		})
	}
}

// The operator's spec names the run, cluster and Go version it dispatched; they win over the
// document's environment (a workload without MAPBENCH_CLUSTER reports no cluster).
func TestLoadListTakesAttributesFromSpec(t *testing.T) {
	d := sampleDoc()
	d.Environment.Cluster = ""
	l := list(benchmarkResult(t, "a", "nightly-1", "edge-k3s-1", "1.26.8", d),
		benchmarkResult(t, "b", "nightly-2", "cloud-1", "1.26.8", sampleDoc()))
	in := mustLoad(t, "list.yaml", mustJSON(t, l))
	if len(in) != 2 {
		t.Fatalf("%d inputs, want 2", len(in))
	}
	if a := in[0].Attrs; a["run"] != "nightly-1" || a["cluster"] != "edge-k3s-1" || a["go-version"] != "go1.26.8" {
		t.Fatalf("items[0] attributes %v", a)
	}
	if in[1].Attrs["cluster"] != "cloud-1" || in[1].Where != "items[1]" || in[1].label() != "list.yaml (items[1])" {
		t.Fatalf("items[1]: %+v", in[1])
	}
}

func TestLoadRefusesWhatItCannotCompare(t *testing.T) {
	bres := benchmarkResult(t, "a", "r", "cloud-1", "1.23.12", sampleDoc())
	run := map[string]any{"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkRun", "metadata": map[string]any{"name": "r"},
		"spec": map[string]any{"suite": "quick"}}
	cases := []struct {
		name  string
		data  []byte
		parts []string
	}{
		{"mixed kinds in a List", mustJSON(t, list(bres, run)), []string{"mixed.json: items[1]", `kind "BenchmarkRun"`, "every item must be a BenchmarkResult"}},
		{"another kind", mustJSON(t, run), []string{"mixed.json", `kind "BenchmarkRun"`, "want a result document"}},
		{"empty List", mustJSON(t, list()), []string{"the List has no items"}},
		{"empty file", []byte("  \n"), []string{"empty file"}},
		{"neither JSON nor YAML mapping", []byte("just some words\n"), []string{"neither a log", "nor a YAML mapping"}},
		{"BenchmarkResult without a document", mustJSON(t, map[string]any{"kind": "BenchmarkResult", "spec": map[string]any{"run": "r"}}),
			[]string{"mixed.json: spec.result", "no mapbench.io/result/v1 document"}},
		{"truncated log", []byte("--- BEGIN " + result.APIVersion + " ---\n# {\"a\n"), []string{"mixed.json", "truncated log"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load("mixed.json", c.data)
			wantError(t, err, c.parts...)
		})
	}
}
