package emulation

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

// buildProbe compiles a tiny Go program for goarch with the test's own toolchain.
func buildProbe(t *testing.T, goarch string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	os.WriteFile(src, []byte("package main\nfunc main() {}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module probe\n"), 0o644)
	out := filepath.Join(dir, "probe-"+goarch)
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOARCH="+goarch, "CGO_ENABLED=0", "GOOS=linux")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", goarch, err, b)
	}
	return out
}

func TestPlan(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the table assumes an amd64 Linux host")
	}
	arm := buildProbe(t, "arm64")
	amd := buildProbe(t, "amd64")
	script := filepath.Join(t.TempDir(), "s.sh")
	os.WriteFile(script, []byte("#!/bin/sh\necho hi\n"), 0o755)
	withQemu := func(name string) (string, error) {
		if name == "qemu-aarch64-static" {
			return "/usr/bin/qemu-aarch64-static", nil
		}
		return "", exec.ErrNotFound
	}
	noQemu := func(string) (string, error) { return "", exec.ErrNotFound }

	cases := []struct {
		name     string
		program  string
		look     func(string) (string, error)
		want     []string
		emulated bool
		wantErr  error
	}{
		{"native amd64", amd, noQemu, []string{amd, "run"}, false, nil},
		{"script", script, noQemu, []string{script, "run"}, false, nil},
		{"arm64 under qemu", arm, withQemu, []string{"/usr/bin/qemu-aarch64-static", arm, "run"}, true, nil},
		{"arm64 without qemu", arm, noQemu, nil, false, ErrNoEmulator},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, emu, err := Plan([]string{c.program, "run"}, c.program, "amd64", c.look)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err %v, want %v", err, c.wantErr)
				}
				return
			}
			if err != nil || emu != c.emulated || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %q %v %v, want %q %v", got, emu, err, c.want, c.emulated)
			}
		})
	}
}
