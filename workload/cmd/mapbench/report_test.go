package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtures = "../../internal/report/testdata/"

// stubChartLib passes the chart-library check; the browser test
// (internal/report/browser) runs the page with the real one.
func stubChartLib(t *testing.T) string {
	f := filepath.Join(t.TempDir(), "echarts.min.js")
	os.WriteFile(f, []byte("var echarts = {getInstanceByDom: function () {}};"), 0o644)
	return f
}

func TestReportInvalidInputExits2(t *testing.T) {
	t.Setenv("MAPBENCH_CHART_LIB", "")
	lib := stubChartLib(t)
	out := filepath.Join(t.TempDir(), "r.html")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "-o", out}, "error: files: no result files given"},
		{[]string{"report", "-o", out, fixtures + "cloud-1-go1.23.json"}, "error: --chart-lib: chart library: no path given (want Apache ECharts' dist/echarts.min.js from npm: hack/tools/report-js.sh"},
		{[]string{"report", "--chart-lib", "/nonexistent/echarts.min.js", "-o", out, fixtures + "cloud-1-go1.23.json"}, "error: --chart-lib: chart library: open /nonexistent/echarts.min.js"},
		{[]string{"report", "--chart-lib", lib, "-o", out, "/nonexistent/doc.json"}, "error: files: open /nonexistent/doc.json"},
		{[]string{"report", "--chart-lib", lib, "-o", out, fixtures + "generate.sh"}, "error: files: " + fixtures + "generate.sh: input is neither a log"},
		{[]string{"report", "--chart-lib", lib, "-o", out, fixtures + "cloud-1-go1.23.json", "--baseline", "/nonexistent/old.json"}, "error: --baseline: open /nonexistent/old.json"},
		{[]string{"report", "--chart-lib", lib, "-o", "/nonexistent/dir/r.html", fixtures + "cloud-1-go1.23.json"}, "error: -o: open /nonexistent/dir/r.html"},
	} {
		t.Run(strings.Join(c.args[1:], " "), func(t *testing.T) {
			code, _, errOut := invoke(c.args...)
			if code != 2 || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, errOut, c.want)
			}
		})
	}
}

func TestReportWritesThePageAndPrintsItsPath(t *testing.T) {
	t.Setenv("MAPBENCH_CHART_LIB", stubChartLib(t))
	out := filepath.Join(t.TempDir(), "r.html")
	code, stdout, errOut := invoke("report", "-o", out, fixtures+"cloud-1-go1.26.json", fixtures+"edge-k3s-1-go1.26.json",
		"--baseline", fixtures+"baseline-cloud-1-go1.26.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.TrimSpace(stdout) != out {
		t.Errorf("stdout %q, want the page's path %s", stdout, out)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"getInstanceByDom", `"title":"baseline → current on cloud-1, go1.26.8"`, `"label":"edge-k3s-1 · go1.26.8"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
