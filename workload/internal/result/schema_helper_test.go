package result

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"mapbench.io/workload/schema"
)

// compileSchema compiles the embedded result schema with format assertions on.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.ResultV1))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schema.ResultV1ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schema.ResultV1ID)
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return s
}

// validateJSON validates an encoded document against the schema.
func validateJSON(t *testing.T, s *jsonschema.Schema, b []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("document is not JSON: %v", err)
	}
	return s.Validate(inst)
}
