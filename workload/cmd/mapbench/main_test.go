package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"mapbench.io/workload/internal/scenarios"
	"mapbench.io/workload/schema"
)

// TestMain lets the test binary act as the concurrent-write child, which
// `run` starts by re-executing os.Executable().
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == scenarios.ChildCommand {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// invoke runs the command line and returns exit code, stdout and stderr.
func invoke(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.ResultV1))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schema.ResultV1ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schema.ResultV1ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, b []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := s.Validate(inst); err != nil {
		t.Fatalf("document does not validate against the schema: %v", err)
	}
}
