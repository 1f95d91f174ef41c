// Package compare builds benchstat's comparison tables from result documents: each input's
// samples become golang.org/x/perf/benchfmt results (through the same benchmark text `mapbench
// run` prints), are grouped with benchproc projections into one table per unit, one row per
// benchmark and one column per file, run, cluster or Go version, and are summarised and compared
// with benchmath (median, its confidence interval, Mann-Whitney U test) as cmd/benchstat does.
package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"sigs.k8s.io/yaml"

	"mapbench.io/workload/internal/result"
)

// Input is one result document with where it came from and the attributes a column can be
// chosen by.
type Input struct {
	// File is the path as the user gave it; Where adds the List item for messages.
	File, Where string
	// Attrs holds the known values of "run", "cluster" and "go-version".
	Attrs map[string]string
	Doc   *result.Document
}

// benchmarkResultKind is the kind of the operator's record of one (run, cluster, Go version).
const benchmarkResultKind = "BenchmarkResult"

// Load reads every document of one file: a raw `mapbench run` output or pod log (marked
// document, bounded `# ` lines or the older one-line form), a result document as JSON, or a
// BenchmarkResult object (or a List of them) as JSON or YAML.
func Load(file string, data []byte) ([]Input, error) {
	if bytes.Contains(data, []byte(result.BeginMarker)) {
		docs, err := result.Extract(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		return fromDocuments(file, docs), nil
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%s: empty file (want a mapbench run output, a result document or a BenchmarkResult as JSON or YAML)", file)
	}
	if trimmed[0] != '{' {
		// kubectl's YAML: converted to JSON as kubectl itself does.
		j, err := yaml.YAMLToJSON(data)
		if err != nil || !bytes.HasPrefix(bytes.TrimSpace(j), []byte("{")) {
			return nil, fmt.Errorf("%s: neither a log with %q, nor a JSON object, nor a YAML mapping", file, result.BeginMarker)
		}
		trimmed = j
	}
	var top object
	if err := json.Unmarshal(trimmed, &top); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	switch kind := top.kind(); {
	case top.apiVersion() == result.APIVersion:
		docs, err := result.Extract(trimmed)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		return fromDocuments(file, docs), nil
	case kind == benchmarkResultKind:
		in, err := fromBenchmarkResult(file, "", top, trimmed)
		if err != nil {
			return nil, err
		}
		return []Input{in}, nil
	case top["items"] != nil:
		return fromList(file, top)
	default:
		return nil, fmt.Errorf("%s: kind %q: want a result document (apiVersion %s), a %s or a List of them",
			file, kind, result.APIVersion, benchmarkResultKind)
	}
}

// object is a decoded Kubernetes object, fields kept raw.
type object map[string]json.RawMessage

func (o object) str(field string) string {
	var s string
	_ = json.Unmarshal(o[field], &s)
	return s
}
func (o object) kind() string       { return o.str("kind") }
func (o object) apiVersion() string { return o.str("apiVersion") }

// fromList reads a List (kubectl get benchmarkresults -o json): every item must be a
// BenchmarkResult, so a List that mixes in other objects is refused instead of silently
// comparing part of it.
func fromList(file string, list object) ([]Input, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(list["items"], &items); err != nil {
		return nil, fmt.Errorf("%s: items: %v", file, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: the List has no items", file)
	}
	var out []Input
	for i, raw := range items {
		var it object
		if err := json.Unmarshal(raw, &it); err != nil {
			return nil, fmt.Errorf("%s: items[%d]: %v", file, i, err)
		}
		where := fmt.Sprintf("items[%d]", i)
		if k := it.kind(); k != benchmarkResultKind {
			return nil, fmt.Errorf("%s: %s: kind %q in a List of %ss: every item must be a %s (mixed kinds are not compared)",
				file, where, k, benchmarkResultKind, benchmarkResultKind)
		}
		in, err := fromBenchmarkResult(file, where, it, raw)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// fromBenchmarkResult takes the document in .spec.result and the attributes the operator
// recorded in .spec (they win over the document's environment: the operator wrote them for
// the run and cluster it dispatched to).
func fromBenchmarkResult(file, where string, obj object, raw []byte) (Input, error) {
	at := file
	if where != "" {
		at += ": " + where
	}
	var spec struct {
		Run       string `json:"run"`
		Cluster   string `json:"cluster"`
		GoVersion string `json:"goVersion"`
	}
	if err := json.Unmarshal(obj["spec"], &spec); err != nil {
		return Input{}, fmt.Errorf("%s: spec: %v", at, err)
	}
	docs, err := result.Extract(raw)
	if err != nil {
		return Input{}, fmt.Errorf("%s: spec.result: %v", at, err)
	}
	in := fromDocuments(file, docs[:1])[0]
	in.Where = where
	setIf(in.Attrs, "run", spec.Run)
	setIf(in.Attrs, "cluster", spec.Cluster)
	setIf(in.Attrs, "go-version", goVersionName(spec.GoVersion))
	return in, nil
}

func fromDocuments(file string, docs []*result.Document) []Input {
	out := make([]Input, len(docs))
	for i, d := range docs {
		out[i] = Input{File: file, Attrs: map[string]string{}, Doc: d}
		if len(docs) > 1 {
			out[i].Where = fmt.Sprintf("document %d", i+1)
		}
		setIf(out[i].Attrs, "cluster", d.Environment.Cluster)
		setIf(out[i].Attrs, "go-version", goVersionName(d.Environment.GoVersion))
	}
	return out
}

func setIf(m map[string]string, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// goVersionName writes a BenchmarkResult's "1.23.12" as runtime.Version() does ("go1.23.12"),
// so a result object and a raw document of one Go version share a column.
func goVersionName(v string) string {
	if v == "" || strings.HasPrefix(v, "go") {
		return v
	}
	return "go" + v
}

// label names an input in messages: the file, and the List item or document within it.
func (in Input) label() string {
	if in.Where == "" {
		return in.File
	}
	return in.File + " (" + in.Where + ")"
}
