package charttest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// Grafana's built-in and dashboard variables, replaced by what "All" or a sensible range means
// when a query is sent to Prometheus directly.
var grafanaVars = strings.NewReplacer(
	"$__rate_interval", "1m",
	"$__interval", "15s",
	"$__range", "1h",
	"$namespace", ".*",
	"$run", ".*",
	"$size", ".*",
	"$cluster", ".*",
	"$go_version", ".*",
	"$schedule", ".*",
	"$benchmark", ".*",
)

var labelValues = regexp.MustCompile(`^label_values\((.*),\s*([a-z_]+)\)$`)

type promQuery struct{ source, expr string }

func dashboardQueries(t *testing.T) []promQuery {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(repo, "deploy", "grafana", "*.json"))
	var qs []promQuery
	for _, f := range files {
		var d struct {
			Panels []struct {
				Title   string `json:"title"`
				Targets []struct {
					Expr string `json:"expr"`
				} `json:"targets"`
			} `json:"panels"`
			Templating struct {
				List []struct {
					Name  string `json:"name"`
					Type  string `json:"type"`
					Query any    `json:"query"`
				} `json:"list"`
			} `json:"templating"`
			Annotations struct {
				List []struct {
					Name string `json:"name"`
					Expr string `json:"expr"`
				} `json:"list"`
			} `json:"annotations"`
		}
		b, _ := os.ReadFile(f)
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, p := range d.Panels {
			for _, tg := range p.Targets {
				qs = append(qs, promQuery{filepath.Base(f) + ": " + p.Title, grafanaVars.Replace(tg.Expr)})
			}
		}
		for _, v := range d.Templating.List {
			if v.Type != "query" {
				continue
			}
			q, _ := v.Query.(map[string]any)["query"].(string)
			m := labelValues.FindStringSubmatch(q)
			if m == nil {
				t.Fatalf("%s: variable %s query %q is not label_values(selector, label)", f, v.Name, q)
			}
			// The variable lists the label's values of the selector's series.
			qs = append(qs, promQuery{filepath.Base(f) + ": variable " + v.Name, fmt.Sprintf("count by (%s) (%s)", m[2], grafanaVars.Replace(m[1]))})
		}
		for _, a := range d.Annotations.List {
			if a.Expr != "" { // Grafana's built-in annotations have no query
				qs = append(qs, promQuery{filepath.Base(f) + ": annotation " + a.Name, grafanaVars.Replace(a.Expr)})
			}
		}
	}
	return qs
}

// selectorRe finds the metric selectors of a PromQL expression: name{matchers}.
var selectorRe = regexp.MustCompile(`[a-zA-Z_:][a-zA-Z0-9_:]*\{[^}]*\}`)

// firstEventOnly are metrics that exist only after their first event (the SDK creates its
// failure counter with the first failed reconcile); a healthy run may lack them.
var firstEventOnly = []string{"operator_sdk_controllers_execution_reconcile_failure_total"}

// alertQueries returns every metric selector of every alert: an alert's expression is empty while
// it is healthy (absent(), ratios of failures), so what must have series in a real scrape is each
// metric it reads.
func alertQueries(t *testing.T) []promQuery {
	t.Helper()
	var doc struct {
		Groups []struct {
			Rules []struct {
				Alert string `yaml:"alert"`
				Expr  string `yaml:"expr"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	b, _ := os.ReadFile(filepath.Join(repo, "deploy", "prometheus", "alerts.yaml"))
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var qs []promQuery
	for _, g := range doc.Groups {
		for _, r := range g.Rules {
			sels := selectorRe.FindAllString(r.Expr, -1)
			if len(sels) == 0 {
				t.Errorf("alert %s: no metric selector in %q", r.Alert, r.Expr)
			}
		selectors:
			for _, sel := range sels {
				for _, skip := range firstEventOnly {
					if strings.HasPrefix(sel, skip+"{") {
						continue selectors
					}
				}
				qs = append(qs, promQuery{"alert " + r.Alert + " " + sel, sel})
			}
		}
	}
	return qs
}

// TestQueriesOnRealPrometheus runs every dashboard query and every metric an alert reads against a real Prometheus that scraped the operator during an end-to-end run
// (helm/test/e2e.sh sets MAPBENCH_PROMETHEUS_URL): each must be valid PromQL and return series.
func TestQueriesOnRealPrometheus(t *testing.T) {
	base := os.Getenv("MAPBENCH_PROMETHEUS_URL")
	if base == "" {
		t.Skip("MAPBENCH_PROMETHEUS_URL not set: helm/test/e2e.sh runs this against a real Prometheus")
	}
	queries := append(dashboardQueries(t), alertQueries(t)...)
	if len(queries) < 10 {
		t.Fatalf("only %d queries found", len(queries))
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, q := range queries {
		t.Run(q.source, func(t *testing.T) {
			n, err := seriesOf(client, base, q.expr)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d series: %s", n, q.expr)
		})
	}
}

// seriesOf runs expr on the Prometheus at base and returns how many series it gave; an invalid
// query or an empty result is an error.
func seriesOf(client *http.Client, base, expr string) (int, error) {
	resp, err := client.Get(base + "/api/v1/query?query=" + url.QueryEscape(expr))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var r struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			Result []json.RawMessage `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return 0, err
	}
	if r.Status != "success" {
		return 0, fmt.Errorf("invalid query %q: %s", expr, r.Error)
	}
	if len(r.Data.Result) == 0 {
		return 0, fmt.Errorf("query %q returned no series", expr)
	}
	return len(r.Data.Result), nil
}

// mapbenchMetric finds mapbench's own metric names in a query.
var mapbenchMetric = regexp.MustCompile(`\bmapbench_[a-z_]+`)

// TestMisspeltMetricFails keeps the check above honest on the same real Prometheus: each query
// whose mapbench metric is misspelt (one letter dropped, as a typo would) must fail it.
func TestMisspeltMetricFails(t *testing.T) {
	base := os.Getenv("MAPBENCH_PROMETHEUS_URL")
	if base == "" {
		t.Skip("MAPBENCH_PROMETHEUS_URL not set: helm/test/e2e.sh runs this against a real Prometheus")
	}
	client := &http.Client{Timeout: 10 * time.Second}
	checked := 0
	for _, q := range dashboardQueries(t) {
		name := mapbenchMetric.FindString(q.expr)
		if name == "" || strings.Contains(q.expr, " or vector(0)") {
			continue // "or vector(0)" answers without the metric by design
		}
		typo := strings.Replace(name, "mapbench_", "mapbnch_", 1)
		misspelt := strings.ReplaceAll(q.expr, name, typo)
		if _, err := seriesOf(client, base, misspelt); err == nil {
			t.Errorf("%s: the check passed with the misspelt metric %s: %s", q.source, typo, misspelt)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d queries checked with a misspelt metric", checked)
	}
}

// TestQueryExtraction keeps the extraction itself honest without a Prometheus.
func TestQueryExtraction(t *testing.T) {
	qs := dashboardQueries(t)
	for _, q := range qs {
		if strings.Contains(q.expr, "$") {
			t.Errorf("%s: unreplaced variable in %q", q.source, q.expr)
		}
	}
	if len(qs) < 15 {
		t.Errorf("only %d dashboard queries found", len(qs))
	}
	if len(alertQueries(t)) < 7 {
		t.Errorf("only %d alert selectors found", len(alertQueries(t)))
	}
}

// TestDashboardQueriesParse checks every dashboard query is valid PromQL without a server: each
// becomes a recording rule and `promtool check rules` parses them ($PROMTOOL, set by run.sh).
func TestDashboardQueriesParse(t *testing.T) {
	promtool := os.Getenv("PROMTOOL")
	if promtool == "" {
		t.Skip("PROMTOOL not set (helm/test/run.sh sets it from hack/tools/prometheus.sh)")
	}
	var rules []map[string]string
	for i, q := range dashboardQueries(t) {
		rules = append(rules, map[string]string{"record": fmt.Sprintf("mapbench:dashboard_query_%d", i), "expr": q.expr})
	}
	b, _ := yaml.Marshal(map[string]any{"groups": []any{map[string]any{"name": "dashboards", "rules": rules}}})
	f := filepath.Join(t.TempDir(), "dashboards.rules.yaml")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(promtool, "check", "rules", f).CombinedOutput()
	if err != nil {
		t.Fatalf("promtool check rules on the dashboard queries: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
