package catalog

import "mapbench.io/workload/internal/vocab"

// cacheSweep spans L1 (a few KiB) to far beyond L3 (tens of MiB), so
// ns/element shows where the map stops fitting in each cache level.
var cacheSweep = []int{100, 1_000, 10_000, 100_000, 1_000_000}

var scenarios = []*Scenario{
	{
		ID: "range-kv-vs-keys", Seed: "S1", Title: "range k, v vs range k vs range k + m[k]",
		Description: "Iterates the whole map per op three ways: `for k, v := range m` (RangeKV), `for k := range m` (RangeKeys) " +
			"and `for k := range m { v := m[k] }` (RangeKeysLookup). ns/elem over the size sweep shows cache effects.",
		Outputs: []string{OutputBenchmarks}, Variants: []string{"RangeKV", "RangeKeys", "RangeKeysLookup"},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: vocab.MaxSize,
		Defaults: Matrix{KeyTypes: []string{"int64", "string32"}, ValueTypes: []string{"int64", "struct64"}, Sizes: cacheSweep},
		Estimate: defaultEstimate(),
	},
	{
		ID: "field-access", Seed: "S2", Title: "v.F vs m[k].F vs map of pointers",
		Description: "Reads one field of every value: from the range value copy (FieldViaValue), by a lookup m[k].F " +
			"(FieldViaLookup), and through a map[K]*V (FieldViaPointerMap), across value sizes around the 128-byte " +
			"boundary above which classic maps store values indirectly.",
		Outputs: []string{OutputBenchmarks}, Variants: []string{"FieldViaValue", "FieldViaLookup", "FieldViaPointerMap"},
		KeyTypes: allKeys, ValueTypes: structVals, MinSize: 1, MaxSize: vocab.MaxSize,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: structVals, Sizes: []int{10_000}},
		// Two maps (by value and by pointer) plus the pointed-to copies
		// (struct256 at 10^6: 656 MB resident vs 942 MiB estimated).
		Estimate: Estimate{FixedBytes: baseBytes, EntryFactor: 3.5, ExtraBytesPerEntry: 16, VisitsPerEntry: 1, SetupEntriesFactor: 2},
	},
	{
		ID: "sparse-iteration", Seed: "S3", Title: "sparse map (grown, then emptied) vs dense small map",
		Description: "Ranges over 8 remaining keys of a map that once held `size` entries (RangeSparse) and over a fresh " +
			"map of the same 8 keys (RangeDense): maps never shrink, so the sparse range still walks the large table.",
		Outputs: []string{OutputBenchmarks}, Variants: []string{"RangeSparse", "RangeDense"},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 8, MaxSize: vocab.MaxSize,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{1_000, 100_000}},
		Estimate: Estimate{FixedBytes: baseBytes, EntryFactor: 3, ExtraBytesPerEntry: 16, VisitsPerEntry: 1, SetupEntriesFactor: 2},
	},
	{
		ID: "iteration-order", Seed: "S4", Title: "iteration order of a small map",
		Description: "Ranges the same map 2000 times and counts distinct orders and first keys, and whether every order " +
			"is a rotation of one cycle (a random start offset over a fixed slot order).",
		Outputs: []string{OutputObservations}, Variants: []string{},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: 4096,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{8, 64}},
		Estimate: Estimate{FixedBytes: baseBytes, EntryFactor: 3, ExtraBytesPerEntry: 16, VisitsPerEntry: 2000, SetupEntriesFactor: 1},
	},
	{
		ID: "mutation-during-range", Seed: "S5", Title: "deleting, inserting and updating during range",
		Description: "Over 200 trials: deletes every not-yet-visited key at the first iteration and counts how many are " +
			"still produced; inserts new keys and counts how many are produced; updates not-yet-visited values and counts " +
			"how many are produced with the new value.",
		Outputs: []string{OutputObservations}, Variants: []string{},
		KeyTypes: []string{vocab.KeyInt64}, ValueTypes: []string{vocab.ValueInt64}, MinSize: 2, MaxSize: 100_000,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{100}},
		Estimate: Estimate{FixedBytes: baseBytes, EntryFactor: 5, ExtraBytesPerEntry: 32, VisitsPerEntry: 600, SetupEntriesFactor: 600},
	},
	{
		ID: "growth-during-iteration", Seed: "S6", Title: "growth during iteration",
		Description: "Over 100 trials: at the first iteration inserts 2*size new keys (forcing the map to grow) and checks " +
			"that no key is produced twice and no original key is lost.",
		Outputs: []string{OutputObservations}, Variants: []string{},
		KeyTypes: []string{vocab.KeyInt64}, ValueTypes: []string{vocab.ValueInt64}, MinSize: 1, MaxSize: 100_000,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{8, 1_000}},
		Estimate: Estimate{FixedBytes: baseBytes, EntryFactor: 7.5, ExtraBytesPerEntry: 64, VisitsPerEntry: 300, SetupEntriesFactor: 300},
	},
	{
		ID: "growth-points", Seed: "S7", Title: "insert counts at which the map grows",
		Description: "Inserts keys one at a time into make(map[K]V) (three trials) and records the inserts that allocate, " +
			"the growths among them (past the first 8 slots, each allocation larger than the last: storage doubling) " +
			"with their bytes, and the entries per 8 slots at growth they imply. Swiss tables beyond 1024 slots split " +
			"into tables of the same size: those splits are allocating inserts, not growths.",
		Outputs: []string{OutputObservations}, Variants: []string{},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: 100_000,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{10_000}},
		Estimate: defaultEstimate(),
	},
	{
		ID: "range-alloc", Seed: "S8", Title: "allocation by range itself",
		Description: "B/op and allocs/op of ranging a map: the first range over a freshly built map (RangeFirst; building " +
			"is outside the timer) and later ranges over the same map (RangeLater).",
		Outputs: []string{OutputBenchmarks}, Variants: []string{"RangeFirst", "RangeLater"},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: 100_000,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{8, 1_000}},
		// Besides the map, a batch of fresh maps of at most 100000 entries
		// in total exists at a time (about 40 MiB at the largest types).
		Estimate: Estimate{FixedBytes: baseBytes + 48<<20, EntryFactor: 3, ExtraBytesPerEntry: 16, VisitsPerEntry: 1, SetupEntriesFactor: 2},
	},
	{
		ID: "escape-analysis", Seed: "S9", Title: "escape analysis of the seed's snippets (build time)",
		Description: "The seed's code snippets compiled with -gcflags=-m and -m=2 by the toolchain that built the binary; " +
			"the diagnostics are embedded at build time and attached to the claims they explain. Nothing runs.",
		Outputs: []string{OutputBuildTime}, Variants: []string{},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: vocab.MaxSize,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{1}},
		Estimate: Estimate{FixedBytes: baseBytes},
	},
	{
		ID: "goroutine-capture", Seed: "S10", Title: "goroutines capturing range variables vs parameters",
		Description: "Per op starts one goroutine per entry that reads k and v, captured from the range (GoCaptureRangeVars) " +
			"or passed as arguments (GoPassParams), and waits for all; B/op, allocs/op and GC cycles/op show the cost. " +
			"Capturing follows the loop semantics of the build's language version.",
		Outputs: []string{OutputBenchmarks}, Variants: []string{"GoCaptureRangeVars", "GoPassParams"},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: 1_000_000,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{10_000}},
		// Up to size goroutines (2 KiB stack each) alive at once; they
		// mostly finish sooner (10^5: 39 MB resident vs 230 MiB estimated).
		Estimate: Estimate{FixedBytes: baseBytes, EntryFactor: 3, ExtraBytesPerEntry: 2048, VisitsPerEntry: 1, SetupEntriesFactor: 1},
	},
	{
		ID: "range-value-address", Seed: "S11", Title: "collecting &v from a range",
		Description: "Appends &v of every range value to a slice: counts distinct pointers (one shared variable before " +
			"Go 1.22 semantics, one per iteration after) and measures its allocations (CollectValueAddrs). The loop " +
			"follows the language version the binary was compiled with.",
		Outputs: []string{OutputBenchmarks, OutputObservations}, Variants: []string{"CollectValueAddrs"},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: vocab.MaxSize,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64", "struct64"}, Sizes: []int{1_000}},
		Estimate: Estimate{FixedBytes: baseBytes, EntryFactor: 5, ExtraBytesPerEntry: 32, VisitsPerEntry: 1, SetupEntriesFactor: 1},
	},
	{
		ID: "interface-boxing", Seed: "S12", Title: "passing range values to interface{} (fmt) vs typed",
		Description: "Per element passes v to fmt.Fprint(io.Discard, v) (FmtFprint), to a non-inlined func(any) that does " +
			"not keep it (AnyParam), and to a non-inlined func(V) (TypedParam).",
		Outputs: []string{OutputBenchmarks}, Variants: []string{"FmtFprint", "AnyParam", "TypedParam"},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: vocab.MaxSize,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64", "struct64"}, Sizes: []int{1_000}},
		Estimate: defaultEstimate(),
	},
	{
		ID: "gc-map-contents", Seed: "S13", Title: "GC cost of map contents",
		Description: "Observes the scannable heap bytes and heap objects per entry a full GC finds for the live map " +
			"(runtime/metrics /gc/scan/heap:bytes, /gc/heap/objects:objects): maps without pointers (int64 keys and values) " +
			"are not scanned, strings and pointers are. ForcedGC times a full GC cycle with the map live; its ns/elem " +
			"includes the cycle's fixed cost and sweeping, not only marking.",
		Outputs: []string{OutputBenchmarks, OutputObservations}, Variants: []string{"ForcedGC"},
		KeyTypes: allKeys, ValueTypes: allValues, MinSize: 1, MaxSize: vocab.MaxSize,
		Defaults: Matrix{KeyTypes: []string{"int64", "string8"}, ValueTypes: []string{"int64", "ptrstruct64"}, Sizes: []int{1_000_000}},
		Estimate: defaultEstimate(),
	},
	{
		ID: "concurrent-write", Seed: "S14", Title: "concurrent write during range",
		Description: "Re-executes the binary (hidden child command) to range a map while another goroutine writes to it, " +
			"and records whether the runtime stops it with a fatal error, with the message, exit code and the child's " +
			"GOMAXPROCS (max(2, the run's)).",
		Outputs: []string{OutputObservations}, Variants: []string{},
		KeyTypes: []string{vocab.KeyInt64}, ValueTypes: []string{vocab.ValueInt64}, MinSize: 1, MaxSize: 100_000,
		Defaults: Matrix{KeyTypes: []string{"int64"}, ValueTypes: []string{"int64"}, Sizes: []int{1_000}},
		Estimate: Estimate{FixedBytes: baseBytes, EntryFactor: 3, ExtraBytesPerEntry: 16, VisitsPerEntry: 1, SetupEntriesFactor: 1},
	},
}
