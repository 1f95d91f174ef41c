package catalog

import "mapbench.io/workload/internal/vocab"

// Estimate is a linear cost model the Go runner and the operator evaluate
// the same way (catalog.json carries the coefficients and the per-type byte
// tables):
//
//	entryBytes   = keyBytes[keyType] + valueBytes[valueType] + SlotOverheadBytes
//	memoryBytes  = FixedBytes + size * (EntryFactor * entryBytes + ExtraBytesPerEntry)
//	entryVisits  = size * VisitsPerEntry          (per benchmark op or observation)
//	setupEntries = size * SetupEntriesFactor      (map entries built per combination)
//
// EntryFactor covers the map's spare capacity after growth and the old
// table kept while a classic map grows (about 2.5x the payload);
// ExtraBytesPerEntry covers per-entry side data (key slices, goroutine
// stacks, pointers collected).
type Estimate struct {
	FixedBytes         int64   `json:"fixedBytes"`
	EntryFactor        float64 `json:"entryFactor"`
	ExtraBytesPerEntry int64   `json:"extraBytesPerEntry"`
	VisitsPerEntry     float64 `json:"visitsPerEntry"`
	SetupEntriesFactor float64 `json:"setupEntriesFactor"`
}

// SlotOverheadBytes is the per-entry bookkeeping of a map slot (tophash or
// control byte, plus overflow/alignment slack).
const SlotOverheadBytes = 2

// MemoryBytes estimates the peak heap one combination needs.
func (e Estimate) MemoryBytes(keyType, valueType string, size int) int64 {
	entry := float64(vocab.KeyBytes[keyType] + vocab.ValueBytes[valueType] + SlotOverheadBytes)
	return e.FixedBytes + int64(float64(size)*(e.EntryFactor*entry+float64(e.ExtraBytesPerEntry)))
}

// baseBytes is what the process needs before any map: runtime, binary,
// stacks, buffers (a smoke run peaks at about 10 MiB resident).
const baseBytes = 16 << 20

// defaultEstimate fits scenarios that build one map of size entries and
// keep its keys and values in slices. EntryFactor 3 covers the map's spare
// capacity after a growth and the old table during a classic growth;
// measured resident peaks stay below it (int64/int64 at 10^6: 72 MB vs 83
// MiB estimated; string32/struct256 at 10^6: 646 MB vs 906 MiB).
func defaultEstimate() Estimate {
	return Estimate{FixedBytes: baseBytes, EntryFactor: 3, ExtraBytesPerEntry: 16, VisitsPerEntry: 1, SetupEntriesFactor: 1}
}
