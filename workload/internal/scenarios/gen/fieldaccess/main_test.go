package main

import (
	"bytes"
	"os"
	"testing"
)

// The committed field_access_gen.go is what the generator writes (run go generate
// ./internal/scenarios after changing the template or the sizes).
func TestGeneratedFileIsCurrent(t *testing.T) {
	want, err := render()
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../field_access_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Fatal("internal/scenarios/field_access_gen.go is stale: run go generate ./internal/scenarios")
	}
}
