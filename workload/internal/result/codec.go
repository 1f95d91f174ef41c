package result

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Marker lines around the JSON document in the workload's output.
const (
	BeginMarker = "--- BEGIN " + APIVersion + " ---"
	EndMarker   = "--- END " + APIVersion + " ---"
)

// Between the markers the document is split into lines of at most DocumentLineBytes, each
// starting with DocumentLinePrefix: benchstat (whose reader stops at lines over 64 KiB) reads a
// raw `mapbench run` output and skips them as comments; no piece of JSON can be mistaken for a
// benchmark ("Benchmark...") or configuration ("key: value") line. Readers join the lines after
// the prefix. The older form, the whole document on one line starting with "{", is still read.
const (
	DocumentLinePrefix = "# "
	DocumentLineBytes  = 4096
)

// ErrTooLarge is returned by Encode when the document exceeds MaxDocumentBytes.
var ErrTooLarge = errors.New("result document exceeds the size limit")

// New returns an empty document with its version fields set and every list
// non-nil, so the JSON always has the arrays the schema requires.
func New() *Document {
	return &Document{
		APIVersion:   APIVersion,
		Kind:         Kind,
		Benchmarks:   []Benchmark{},
		Observations: []Observation{},
		Skipped:      []Skipped{},
		Claims:       []Claim{},
	}
}

// Encode returns the document as one line of JSON (no trailing newline). It
// returns the encoding together with ErrTooLarge when it is over the limit,
// so callers can report the size.
func Encode(d *Document) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	if len(b) > MaxDocumentBytes {
		return b, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(b), MaxDocumentBytes)
	}
	return b, nil
}

// Decode parses one document and checks its version.
func Decode(b []byte) (*Document, error) {
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("result document: %v", err)
	}
	if d.APIVersion != APIVersion {
		return nil, fmt.Errorf("apiVersion: got %q, want %q", d.APIVersion, APIVersion)
	}
	return &d, nil
}

// Extract finds result documents in input of any form the workload's
// results travel in:
//   - a raw document (JSON object with apiVersion mapbench.io/result/v1),
//   - a log holding one or more documents between the marker lines,
//   - a Kubernetes object (e.g. a BenchmarkResult) as JSON whose .spec.result,
//     .status.result, .spec or .status is the document, or a List of such
//     objects under .items.
func Extract(input []byte) ([]*Document, error) {
	if bytes.Contains(input, []byte(BeginMarker)) {
		return extractFromLog(input)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(input, &top); err != nil {
		return nil, fmt.Errorf("input is neither a log with %q nor a JSON object: %v", BeginMarker, err)
	}
	docs, err := fromObject(top, 0)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no %s document found (looked at the top level, .spec.result, .status.result, .spec, .status and .items)", APIVersion)
	}
	return docs, nil
}

// WriteMarked prints an encoded document between the marker lines, split into bounded lines.
func WriteMarked(w io.Writer, doc []byte) error {
	var b bytes.Buffer
	b.Grow(len(doc) + len(doc)/DocumentLineBytes*3 + 100)
	b.WriteString(BeginMarker + "\n")
	for _, piece := range splitDocument(doc, DocumentLineBytes-len(DocumentLinePrefix)) {
		b.WriteString(DocumentLinePrefix)
		b.Write(piece)
		b.WriteByte('\n')
	}
	b.WriteString(EndMarker + "\n")
	_, err := w.Write(b.Bytes())
	return err
}

// splitDocument cuts doc into pieces of at most max bytes, never inside a UTF-8 sequence (log
// pipelines decode lines as text) and, unless a string holds a longer run of spaces, not right
// after a space (some pipelines trim trailing spaces).
func splitDocument(doc []byte, max int) [][]byte {
	var out [][]byte
	for len(doc) > max {
		cut := max
		for cut > 1 && !utf8.RuneStart(doc[cut]) {
			cut--
		}
		for c := cut; c > cut-64 && c > 1; c-- {
			if doc[c-1] != ' ' && utf8.RuneStart(doc[c]) {
				cut = c
				break
			}
		}
		out = append(out, doc[:cut])
		doc = doc[cut:]
	}
	return append(out, doc)
}

// joinDocument reads the lines between the markers: one line starting with "{" (the older
// form) or lines starting with DocumentLinePrefix.
func joinDocument(lines [][]byte, firstLine int) ([]byte, error) {
	if len(lines) == 1 && bytes.HasPrefix(bytes.TrimSpace(lines[0]), []byte("{")) {
		return bytes.TrimSpace(lines[0]), nil
	}
	var doc []byte
	for i, l := range lines {
		l = bytes.TrimSuffix(l, []byte("\r"))
		rest, ok := bytes.CutPrefix(l, []byte(DocumentLinePrefix))
		if !ok {
			return nil, fmt.Errorf("log line %d: a document line between the markers must start with %q (or be the whole document, starting with \"{\")", firstLine+i, DocumentLinePrefix)
		}
		doc = append(doc, rest...)
	}
	if len(doc) == 0 {
		return nil, fmt.Errorf("log line %d: no document between the markers", firstLine)
	}
	return doc, nil
}

func extractFromLog(input []byte) ([]*Document, error) {
	var docs []*Document
	lines := bytes.Split(input, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		if string(bytes.TrimSpace(lines[i])) != BeginMarker {
			continue
		}
		end := -1
		for j := i + 1; j < len(lines); j++ {
			if t := string(bytes.TrimSpace(lines[j])); t == EndMarker {
				end = j
				break
			} else if t == BeginMarker {
				break
			}
		}
		if end < 0 {
			return nil, fmt.Errorf("log line %d: %q has no %q after it (truncated log?)", i+1, BeginMarker, EndMarker)
		}
		b, err := joinDocument(lines[i+1:end], i+2)
		if err != nil {
			return nil, err
		}
		if len(b) > MaxDocumentBytes {
			return nil, fmt.Errorf("log line %d: %w: %d bytes, limit %d", i+2, ErrTooLarge, len(b), MaxDocumentBytes)
		}
		d, err := Decode(b)
		if err != nil {
			return nil, fmt.Errorf("log line %d: %v", i+2, err)
		}
		docs = append(docs, d)
		i = end
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("log holds %q but no complete document", BeginMarker)
	}
	return docs, nil
}

// fromObject looks for documents in a decoded JSON object, following the
// places a Kubernetes object may hold one.
func fromObject(obj map[string]json.RawMessage, depth int) ([]*Document, error) {
	if depth > 3 {
		return nil, nil
	}
	var version string
	if raw, ok := obj["apiVersion"]; ok {
		_ = json.Unmarshal(raw, &version)
	}
	if version == APIVersion {
		b, err := json.Marshal(obj)
		if err != nil {
			return nil, err
		}
		d, err := Decode(b)
		if err != nil {
			return nil, err
		}
		return []*Document{d}, nil
	}
	if raw, ok := obj["items"]; ok {
		var items []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &items); err == nil {
			var docs []*Document
			for _, it := range items {
				ds, err := fromObject(it, depth+1)
				if err != nil {
					return nil, err
				}
				docs = append(docs, ds...)
			}
			return docs, nil
		}
	}
	for _, field := range []string{"spec", "status"} {
		raw, ok := obj[field]
		if !ok {
			continue
		}
		var inner map[string]json.RawMessage
		if err := json.Unmarshal(raw, &inner); err != nil {
			continue
		}
		if res, ok := inner["result"]; ok {
			// Some writers store the document as a JSON string.
			var asString string
			if json.Unmarshal(res, &asString) == nil {
				res = json.RawMessage(asString)
			}
			var r map[string]json.RawMessage
			if err := json.Unmarshal(res, &r); err == nil {
				ds, err := fromObject(r, depth+1)
				if err != nil || len(ds) > 0 {
					return ds, err
				}
			}
		}
		ds, err := fromObject(inner, depth+1)
		if err != nil || len(ds) > 0 {
			return ds, err
		}
	}
	return nil, nil
}
