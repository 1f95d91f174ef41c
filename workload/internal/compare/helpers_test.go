package compare

import (
	"encoding/json"
	"strings"
	"testing"

	"mapbench.io/workload/internal/result"
)

// bench is one benchmark's ns/op samples (ns/elem = ns/op / size; no allocations).
type bench struct {
	name string
	size int
	ns   []float64
}

// doc is a small result document of one run, as `mapbench run` would write it.
func doc(goVersion, cluster string, procs int, benches ...bench) *result.Document {
	d := result.New()
	d.Environment = result.Environment{GOOS: "linux", GOARCH: "amd64", CPUModel: "AMD EPYC", GoVersion: goVersion,
		MapImpl: "swiss", Cluster: cluster, GOMAXPROCS: procs}
	for _, b := range benches {
		rb := result.Benchmark{Name: "Benchmark" + b.name + "/key=int64/value=int64/size=" + itoa(b.size), Size: b.size, Procs: procs}
		for _, ns := range b.ns {
			rb.Samples = append(rb.Samples, result.Sample{Iterations: 1000, NsPerOp: ns, NsPerElem: ns / float64(b.size)})
		}
		d.Benchmarks = append(d.Benchmarks, rb)
	}
	return d
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// benchmarkResult is the operator's record of a document, as kubectl get -o json prints it.
func benchmarkResult(t *testing.T, name, run, cluster, goVersion string, d *result.Document) map[string]any {
	t.Helper()
	b, err := result.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	var res map[string]any
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	return map[string]any{
		"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkResult",
		"metadata": map[string]any{"name": name, "namespace": "team-a"},
		"spec": map[string]any{"run": run, "cluster": cluster, "goVersion": goVersion, "arch": "amd64",
			"mapImpl": d.Environment.MapImpl, "result": res},
	}
}

func list(items ...map[string]any) map[string]any {
	its := make([]any, len(items))
	for i, it := range items {
		its[i] = it
	}
	return map[string]any{"apiVersion": "v1", "kind": "List", "items": its}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustLoad(t *testing.T, file string, data []byte) []Input {
	t.Helper()
	in, err := Load(file, data)
	if err != nil {
		t.Fatalf("Load(%s): %v", file, err)
	}
	return in
}

func wantError(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Fatalf("error %q lacks %q", err, p)
		}
	}
}

func docsOf(d ...*result.Document) []*result.Document { return d }
