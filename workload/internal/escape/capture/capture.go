// Package capture compiles the escape-analysis snippets with a given Go toolchain and returns
// the compiler's diagnostics in the normalized form package escape embeds. It runs at build
// time only (workload/build.sh, through ../gen, and tests); mapbench itself never imports it.
package capture

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// SnippetsPackage is the import path (relative to the module root) of the snippets.
const SnippetsPackage = "./internal/escape/snippets"

// snippetsDir is where snippet files live, as the compiler prints their paths.
const snippetsDir = "internal/escape/snippets/"

// Levels are the -gcflags values captured: -m for the verdicts, -m=2 for the explanations.
var Levels = []string{"-m", "-m=2"}

// Capture is one toolchain's view of the snippets.
type Capture struct {
	Toolchain string // go env GOVERSION of the compiling toolchain, e.g. go1.23.12
	Lang      string // language version from the module's go line, e.g. go1.23
	// Diagnostics per flag ("-m", "-m=2"): lines "file.go:line:col: message", file names
	// relative to the snippets directory, in compiler order.
	Diagnostics map[string][]string
}

// Run compiles the snippets package of the module in moduleDir with the go command goBin, once
// per level, and normalizes the output. GOTOOLCHAIN=local pins goBin's own toolchain.
func Run(ctx context.Context, goBin, moduleDir string) (*Capture, error) {
	version, err := goOutput(ctx, goBin, moduleDir, "env", "GOVERSION")
	if err != nil {
		return nil, err
	}
	lang, err := languageVersion(filepath.Join(moduleDir, "go.mod"))
	if err != nil {
		return nil, err
	}
	c := &Capture{Toolchain: strings.TrimSpace(version), Lang: lang, Diagnostics: map[string][]string{}}
	for _, level := range Levels {
		out, err := goOutput(ctx, goBin, moduleDir, "build", "-gcflags="+level, SnippetsPackage)
		if err != nil {
			return nil, err
		}
		c.Diagnostics[level] = Normalize(out)
	}
	if len(c.Diagnostics["-m"]) == 0 {
		return nil, fmt.Errorf("%s build -gcflags=-m %s printed no diagnostics", goBin, SnippetsPackage)
	}
	return c, nil
}

// goOutput runs goBin and returns stdout and stderr together (the compiler writes
// diagnostics to stderr).
func goOutput(ctx context.Context, goBin, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-buildvcs=false", "CGO_ENABLED=0")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s (in %s): %v\n%s", goBin, strings.Join(args, " "), dir, err, out.String())
	}
	return out.String(), nil
}

var goLine = regexp.MustCompile(`(?m)^go\s+(\d+\.\d+)(\.\d+)?\s*$`)

// languageVersion reads the go line of a go.mod: it decides the language version (-lang) the
// go command compiles the module's packages with.
func languageVersion(goMod string) (string, error) {
	b, err := os.ReadFile(goMod)
	if err != nil {
		return "", err
	}
	m := goLine.FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("%s: no go line", goMod)
	}
	return "go" + string(m[1]), nil
}

// Normalize keeps the compiler lines about snippet files and strips the directory part of
// their paths, so captures do not depend on where the module was checked out.
func Normalize(out string) []string {
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimRight(line, "\r")
		i := strings.Index(line, snippetsDir)
		if i < 0 {
			continue
		}
		lines = append(lines, line[i+len(snippetsDir):])
	}
	return lines
}

// Write stores a capture as the files package escape embeds: meta.txt and one file per level.
func Write(c *Capture, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	meta := fmt.Sprintf("toolchain %s\nlang %s\n", c.Toolchain, c.Lang)
	files := map[string]string{"meta.txt": meta}
	for _, level := range Levels {
		files[FileName(level)] = strings.Join(c.Diagnostics[level], "\n") + "\n"
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// FileName is the embedded file holding one level's diagnostics: "-m" -> "m.txt",
// "-m=2" -> "m2.txt".
func FileName(level string) string {
	return strings.NewReplacer("-", "", "=", "").Replace(level) + ".txt"
}

// RuntimeGoCommand finds the go command of the toolchain running the caller (GOROOT/bin/go),
// falling back to go on PATH, so tests compile the snippets with the toolchain under test.
func RuntimeGoCommand() (string, error) {
	if root := runtime.GOROOT(); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return exec.LookPath("go")
}
