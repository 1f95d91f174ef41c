package claims

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"mapbench.io/workload/internal/result"
)

// TestLanguageVersionPerBuild is the proof that build.sh gives each toolchain its own language
// version: the go1.21 and go1.23 builds of the same source, running scenario S11, must reach
// opposite verdicts on the &v aliasing claim (one shared loop variable before go1.22, one per
// iteration after). It runs build.sh for real (toolchains from the Go module proxy, cached in
// $MAPBENCH_CACHE) and the two binaries it produces. Set MAPBENCH_SKIP_BUILD_TEST=1 to skip it
// locally; `make test` runs it.
func TestLanguageVersionPerBuild(t *testing.T) {
	if os.Getenv("MAPBENCH_SKIP_BUILD_TEST") == "1" {
		t.Skip("MAPBENCH_SKIP_BUILD_TEST=1")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash to run build.sh")
	}
	workload, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	v121, v123 := listedVersion(t, workload, "1.21"), listedVersion(t, workload, "1.23")
	arch := runtime.GOARCH
	start := time.Now()
	build := exec.Command("bash", filepath.Join(workload, "build.sh"), "--go", v121+","+v123, "--arch", arch)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build.sh: %v\n%s", err, out)
	} else {
		t.Logf("build.sh (%s, %s; %s) took %s:\n%s", v121, v123, arch, time.Since(start).Round(time.Millisecond), out)
	}
	cases := []struct {
		version, lang, verdict string
	}{
		{v121, "go1.21", result.VerdictConfirmed},
		{v123, "go1.23", result.VerdictRefuted},
	}
	for _, c := range cases {
		bin := filepath.Join(workload, "bin", "go"+c.version, arch, "mapbench")
		cmd := exec.Command(bin, "run", "--scenarios", scAddrOfRangeVar+","+scEscape, "--key-types", "int64", "--value-types", "int64",
			"--sizes", "100", "--repetitions", "1", "--benchtime", "1x")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s run: %v\n%s\n%s", bin, err, stdout.String(), stderr.String())
		}
		docs, err := result.Extract(stdout.Bytes())
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s: %d documents, %v\n%s", bin, len(docs), err, stdout.String())
		}
		d := docs[0]
		if d.Environment.GoVersion != "go"+c.version || d.Environment.LanguageVersion != c.lang {
			t.Errorf("%s: environment says %s, language %s; want go%s, %s", bin, d.Environment.GoVersion, d.Environment.LanguageVersion, c.version, c.lang)
		}
		if d.Escape == nil || d.Escape.GoVersion != "go"+c.version {
			t.Errorf("%s: escape facts not captured by go%s: %+v", bin, c.version, d.Escape)
		}
		var got *result.Claim
		for i := range d.Claims {
			if d.Claims[i].ID == "addr-of-range-var-aliases" {
				got = &d.Claims[i]
			}
		}
		if got == nil {
			t.Fatalf("%s: no addr-of-range-var-aliases claim in %+v", bin, d.Claims)
		}
		if got.Verdict != c.verdict {
			t.Errorf("go%s: &v aliasing verdict %s (%s; %s), want %s", c.version, got.Verdict, got.Reason, got.Measured, c.verdict)
		} else {
			t.Logf("go%s: %s: %s", c.version, got.Verdict, got.Measured)
		}
	}
}

// listedVersion returns the 1.N.P of go-versions.txt for a 1.N.
func listedVersion(t *testing.T, workload, minor string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(workload, "go-versions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(strings.SplitN(sc.Text(), "#", 2)[0])
		if strings.HasPrefix(line, minor+".") {
			return line
		}
	}
	t.Fatalf("go-versions.txt lists no %s.x", minor)
	return ""
}
