package result

import (
	"bytes"
	"testing"
)

// FuzzExtract feeds arbitrary bytes (logs, JSON objects, anything) to the extractor the export
// command and the tests use. It must never panic; whatever it accepts must survive a round trip
// through Encode and WriteMarked unchanged, and must respect the size limit. Seeds: committed
// under testdata/fuzz/FuzzExtract (a real marked log, the one-line form, a BenchmarkResult,
// truncated and corrupted variants) and the ones added here.
func FuzzExtract(f *testing.F) {
	raw, err := Encode(fullDocument())
	if err != nil {
		f.Fatal(err)
	}
	var marked bytes.Buffer
	if err := WriteMarked(&marked, raw); err != nil {
		f.Fatal(err)
	}
	f.Add(marked.Bytes())
	f.Add([]byte(BeginMarker + "\n" + string(raw) + "\n" + EndMarker + "\n"))
	f.Add(raw)
	f.Add([]byte(`{"kind":"List","items":[{"spec":{"result":` + string(raw) + `}}]}`))
	f.Add(marked.Bytes()[:marked.Len()/2])
	f.Fuzz(func(t *testing.T, input []byte) {
		docs, err := Extract(input)
		if err != nil {
			return
		}
		if len(docs) == 0 {
			t.Fatal("no error and no document")
		}
		for _, d := range docs {
			enc, err := Encode(d)
			if err != nil {
				continue // accepted from a log, but over the limit once re-encoded: Encode says so
			}
			var out bytes.Buffer
			if err := WriteMarked(&out, enc); err != nil {
				t.Fatal(err)
			}
			again, err := Extract(out.Bytes())
			if err != nil || len(again) != 1 {
				t.Fatalf("re-extracting a written document: %v (%d documents)", err, len(again))
			}
			enc2, err := Encode(again[0])
			if err != nil || !bytes.Equal(enc, enc2) {
				t.Fatalf("round trip changed the document (%v):\n%s\n%s", err, enc, enc2)
			}
		}
	})
}
