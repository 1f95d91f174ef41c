package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
)

//go:embed page.html.tmpl
var pageTemplate string

//go:embed report.js
var reportJS string

//go:embed report.css
var reportCSS string

// ChartLibEnv names the environment variable that gives the chart
// library's path when --chart-lib is not set.
const ChartLibEnv = "MAPBENCH_CHART_LIB"

// ChartLibHint says where the chart library comes from; errors end with it.
const ChartLibHint = "Apache ECharts' dist/echarts.min.js from npm: hack/tools/report-js.sh (run by `make tools`) installs it " +
	"and prints DIR; pass --chart-lib DIR/node_modules/echarts/dist/echarts.min.js or set " + ChartLibEnv

// ReadChartLib reads the chart library the page inlines (the page must work
// offline, so it is not linked). It refuses a file that is not ECharts or
// that would end the page's script element early.
func ReadChartLib(path string) ([]byte, error) {
	if path == "" {
		return nil, fmt.Errorf("chart library: no path given (want %s)", ChartLibHint)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("chart library: %v (want %s)", err, ChartLibHint)
	}
	if !bytes.Contains(b, []byte("echarts")) || !bytes.Contains(b, []byte("getInstanceByDom")) {
		return nil, fmt.Errorf("chart library: %s is not Apache ECharts (want %s)", path, ChartLibHint)
	}
	if bytes.Contains(bytes.ToLower(b), []byte("</script")) {
		return nil, fmt.Errorf("chart library: %s contains \"</script\" and cannot be inlined in a script element", path)
	}
	return b, nil
}

var page = template.Must(template.New("page").Parse(pageTemplate))

// Write renders the page: one HTML file with the chart library, the data
// and the drawing code inlined, so it opens offline from disk or a mail.
func Write(w io.Writer, p *Page, chartLib []byte) error {
	// encoding/json escapes <, > and & (\u003c...), so the data cannot end
	// its script element.
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return page.Execute(w, struct {
		Title        string
		CSS          template.CSS
		ChartLib, JS template.JS
		Data         template.JS
	}{p.Title, template.CSS(reportCSS), template.JS(chartLib), template.JS(reportJS), template.JS(data)})
}
