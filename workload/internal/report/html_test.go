package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadChartLibSaysWhereTheLibraryComesFrom(t *testing.T) {
	dir := t.TempDir()
	notECharts := filepath.Join(dir, "other.js")
	os.WriteFile(notECharts, []byte("window.x = 1;"), 0o644)
	closing := filepath.Join(dir, "closing.js")
	os.WriteFile(closing, []byte("echarts getInstanceByDom '</SCRIPT>'"), 0o644)
	for _, tc := range []struct{ path, want string }{
		{"", "no path given"},
		{filepath.Join(dir, "missing.js"), "no such file"},
		{notECharts, "is not Apache ECharts"},
		{closing, "contains \"</script\""},
	} {
		_, err := ReadChartLib(tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadChartLib(%q) = %v, want an error with %q", tc.path, err, tc.want)
		}
		if tc.want != "contains \"</script\"" && !strings.Contains(err.Error(), "hack/tools/report-js.sh") {
			t.Errorf("ReadChartLib(%q) = %v, want the hint where the library comes from", tc.path, err)
		}
	}
}

func TestWriteInlinesLibraryAndDataSafely(t *testing.T) {
	runs := readFixtures(t, "cloud-1-go1.23.json")
	runs[0].Doc.Claims[0].Reason = "</script><script>alert(1)</script>"
	p, err := Build("a <b> & c", runs, nil)
	if err != nil {
		t.Fatal(err)
	}
	lib := []byte("/* echarts */ var echarts = {getInstanceByDom: 1};")
	var buf bytes.Buffer
	if err := Write(&buf, p, lib); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if !strings.Contains(html, string(lib)) {
		t.Error("the chart library is not inlined verbatim")
	}
	if strings.Count(strings.ToLower(html), "</script>") != 3 {
		t.Errorf("%d </script> in the page, want 3 (data, library, drawing code): the data escaped its element", strings.Count(html, "</script>"))
	}
	if !strings.Contains(html, "<title>a &lt;b&gt; &amp; c</title>") {
		t.Error("title not HTML-escaped")
	}
	for _, forbidden := range []string{"http://", "https://"} {
		if i := strings.Index(html, "src=\""+forbidden); i >= 0 {
			t.Errorf("page loads a remote resource: %s", html[i:i+60])
		}
	}
}
