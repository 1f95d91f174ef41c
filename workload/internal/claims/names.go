package claims

// Names of the scenarios, benchmark variants, observation figures and facts the rules read.
// They are defined by the catalog and the scenarios (package scenarios); they are gathered
// here so the one place to change when a scenario renames something is obvious, and
// TestNamesMatchCatalog keeps them in step.
const (
	scRangeKV        = "range-kv-vs-keys"        // S1
	scFieldAccess    = "field-access"            // S2
	scIterationOrder = "iteration-order"         // S4
	scMutation       = "mutation-during-range"   // S5
	scGrowthDuring   = "growth-during-iteration" // S6
	scGrowthPoints   = "growth-points"           // S7
	scRangeAlloc     = "range-alloc"             // S8
	scEscape         = "escape-analysis"         // S9
	scGoroutine      = "goroutine-capture"       // S10
	scAddrOfRangeVar = "range-value-address"     // S11
	scBoxing         = "interface-boxing"        // S12
	scConcurrent     = "concurrent-write"        // S14
	scGCCost         = "gc-map-contents"         // S13
	// scNone is the scenario of claims no measurement can decide (Claim.NotMeasurable).
	scNone = "none"
)

// Benchmark variants.
const (
	varRangeKV        = "RangeKV"            // for k, v := range m { use k, v }
	varRangeKeyLookup = "RangeKeysLookup"    // for k := range m { use k, m[k] }
	varValueField     = "FieldViaValue"      // for _, v := range m { use v.F }
	varIndexField     = "FieldViaLookup"     // for k := range m { use m[k].F }
	varFirstRange     = "RangeFirst"         // the first range over a freshly built map
	varLaterRange     = "RangeLater"         // later ranges over the same map
	varCapture        = "GoCaptureRangeVars" // goroutine closure captures the range variables
	varParam          = "GoPassParams"       // range variables passed as parameters
	varGC             = "ForcedGC"           // one forced GC cycle with the map live
	varFmtFprint      = "FmtFprint"          // fmt.Fprint(io.Discard, v) per element
	varAnyParam       = "AnyParam"           // v passed to a non-inlined func(any) that does not keep it
	varTypedParam     = "TypedParam"         // v passed to a non-inlined func(V)
)

// Observation figures and facts.
const (
	figIterations        = "iterations"                  // iteration-order: ranges observed
	figDistinctFirstKeys = "distinctFirstKeys"           // iteration-order: distinct keys produced first
	figInsertedTotal     = "inserted"                    // mutation: keys inserted during ranges
	figInsertedProduced  = "insertedProduced"            // mutation: of those, produced by the same range
	figDeletedTotal      = "deletedNotYetVisited"        // mutation: not-yet-visited keys deleted during ranges
	figDeletedProduced   = "deletedProduced"             // mutation: of those, produced anyway
	figUpdatedTotal      = "updatedNotYetVisited"        // mutation: not-yet-visited entries updated during ranges
	figUpdatedNew        = "updatedProducedWithNewValue" // mutation: of those, produced with the new value
	figTrials            = "trials"                      // growth-during-iteration, concurrent-write: runs
	figProducedTwice     = "keysProducedTwice"           // growth-during-iteration: keys produced twice
	figOriginalLost      = "originalKeysLost"            // growth-during-iteration: original keys not produced
	figDetected          = "detected"                    // concurrent-write: child runs the runtime stopped
	factFatalMessage     = "message"                     // concurrent-write: the runtime's "fatal error: ..." line
	factGrowthPoints     = "growthInserts"               // growth-points: inserts that allocated the storage first, then grew it: "1,9,14,27"
	figPointers          = "pointers"                    // range-var-address: &v collected
	figDistinctPointers  = "distinctPointers"            // range-var-address: distinct addresses among them
	figScanBytesPerEntry = "scanBytesPerEntry"           // gc-map-contents: scannable heap bytes per map entry
	figChildGOMAXPROCS   = "childGOMAXPROCS"             // concurrent-write: GOMAXPROCS the child ran with
	seriesAllocInserts   = "allocatingInserts"           // growth-points: inserts (1-based) that allocated
	seriesAllocBytes     = "allocatedBytes"              // growth-points: bytes each of them allocated
)
