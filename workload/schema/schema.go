// Package schema embeds the JSON Schema of the result document so the
// binary and tests use the very file the operator tests against.
package schema

import _ "embed"

// ResultV1 is schema/result-v1.schema.json.
//
//go:embed result-v1.schema.json
var ResultV1 []byte

// ResultV1ID is the $id of ResultV1.
const ResultV1ID = "https://mapbench.io/schema/result-v1.schema.json"
