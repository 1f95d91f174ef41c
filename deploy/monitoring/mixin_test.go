package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGeneratedFilesCurrent is the staleness check: the committed rule file and dashboards are
// exactly what this code generates.
func TestGeneratedFilesCurrent(t *testing.T) {
	files, err := Outputs(Default)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run (cd deploy/monitoring && go run .) and commit it", rel)
		}
	}
}

// TestOneSource: the selector and thresholds come from Config alone - another configuration
// leaves no trace of the default one in any generated file.
func TestOneSource(t *testing.T) {
	c := Default
	c.JobSelector = `job="other-operator"`
	c.PendingFor = 47 * 60e9
	c.RunFailureRatio = 0.37
	files, err := Outputs(c)
	if err != nil {
		t.Fatal(err)
	}
	for rel, b := range files {
		if bytes.Contains(b, []byte("mapbench-operator")) {
			t.Errorf("%s still names the default job after the selector changed", rel)
		}
	}
	rules := string(files["deploy/prometheus/alerts.yaml"])
	for _, want := range []string{"for: 47m", "> 0.37"} {
		if !strings.Contains(rules, want) {
			t.Errorf("alerts.yaml does not follow the changed threshold (%q missing)", want)
		}
	}
}

// selectorRe finds the metric selectors of a PromQL expression: name{matchers}.
var selectorRe = regexp.MustCompile(`([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}`)

// TestEveryQueryUsesTheJobSelector: no query may pick up another operator's series (every Java
// Operator SDK operator exports operator_sdk_* metrics).
func TestEveryQueryUsesTheJobSelector(t *testing.T) {
	exprs := allExprs(t)
	if len(exprs) < 25 {
		t.Fatalf("only %d expressions found", len(exprs))
	}
	for src, e := range exprs {
		sels := selectorRe.FindAllStringSubmatch(e, -1)
		if len(sels) == 0 {
			t.Errorf("%s: no metric selector in %q", src, e)
		}
		for _, s := range sels {
			if !strings.Contains(s[2], Default.JobSelector) {
				t.Errorf("%s: %s{%s} lacks %s", src, s[1], s[2], Default.JobSelector)
			}
		}
	}
}

type panel struct {
	ID      int    `json:"id"`
	Type    string `json:"type"`
	Title   string `json:"title"`
	Targets []struct {
		Expr         string `json:"expr"`
		LegendFormat string `json:"legendFormat"`
		Format       string `json:"format"`
		RefID        string `json:"refId"`
		Datasource   struct {
			UID string `json:"uid"`
		} `json:"datasource"`
	} `json:"targets"`
	FieldConfig struct {
		Defaults struct {
			Unit     string            `json:"unit"`
			Mappings []json.RawMessage `json:"mappings"`
		} `json:"defaults"`
	} `json:"fieldConfig"`
	Transformations []struct {
		ID      string `json:"id"`
		Options struct {
			ExcludeByName map[string]bool `json:"excludeByName"`
		} `json:"options"`
	} `json:"transformations"`
}

type dashboardDoc struct {
	UID        string  `json:"uid"`
	Panels     []panel `json:"panels"`
	Templating struct {
		List []struct {
			Name       string `json:"name"`
			Type       string `json:"type"`
			Query      any    `json:"query"`
			Multi      bool   `json:"multi"`
			IncludeAll bool   `json:"includeAll"`
		} `json:"list"`
	} `json:"templating"`
	Annotations struct {
		List []struct {
			Name string `json:"name"`
			Expr string `json:"expr"`
		} `json:"list"`
	} `json:"annotations"`
}

// singleSchedule: the dashboard's schedule variable picks exactly one schedule.
func singleSchedule(d dashboardDoc) bool {
	for _, v := range d.Templating.List {
		if v.Name == "schedule" {
			return !v.Multi && !v.IncludeAll
		}
	}
	return false
}

func dashboards(t *testing.T) map[string]dashboardDoc {
	t.Helper()
	files, err := Outputs(Default)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]dashboardDoc{}
	for rel, b := range files {
		if !strings.HasSuffix(rel, ".json") {
			continue
		}
		var d dashboardDoc
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		out[filepath.Base(rel)] = d
	}
	return out
}

func allExprs(t *testing.T) map[string]string {
	exprs := map[string]string{}
	for name, d := range dashboards(t) {
		for _, p := range d.Panels {
			for _, q := range p.Targets {
				exprs[name+": "+p.Title+" "+q.RefID] = q.Expr
			}
		}
		for _, v := range d.Templating.List {
			if q, ok := v.Query.(map[string]any); ok {
				exprs[name+": variable "+v.Name] = q["query"].(string)
			}
		}
		for _, a := range d.Annotations.List {
			if a.Expr != "" {
				exprs[name+": annotation "+a.Name] = a.Expr
			}
		}
	}
	for _, r := range Alerts(Default).Groups[0].Rules {
		exprs["alert "+r.Alert] = r.Expr
	}
	return exprs
}

// TestDashboardLint holds the dashboards to the rules a reviewer would check by hand.
func TestDashboardLint(t *testing.T) {
	for name, d := range dashboards(t) {
		ids := map[int]bool{}
		if d.UID == "" {
			t.Errorf("%s: no uid", name)
		}
		for _, p := range d.Panels {
			where := name + ": " + p.Title
			if p.Title == "" || p.ID == 0 || ids[p.ID] {
				t.Errorf("%s: panel needs a title and a unique id (id %d)", where, p.ID)
			}
			ids[p.ID] = true
			if p.FieldConfig.Defaults.Unit == "" && p.Type != "stat" && p.Type != "table" {
				t.Errorf("%s: no unit", where)
			}
			refs := map[string]bool{}
			for _, q := range p.Targets {
				if q.Datasource.UID != "${datasource}" {
					t.Errorf("%s: query not on the datasource variable", where)
				}
				if q.RefID == "" || refs[q.RefID] {
					t.Errorf("%s: missing or duplicate refId %q", where, q.RefID)
				}
				refs[q.RefID] = true
				if strings.Contains(q.Expr, "mapbench_benchmark_ns_per_op") {
					t.Errorf("%s: uses the deprecated mapbench_benchmark_ns_per_op", where)
				}
				// A result series is only unique with these labels: each must be in the legend
				// (graphs) so two series never look alike.
				if strings.Contains(q.Expr, "mapbench_benchmark_") && q.Format != "table" {
					for _, l := range []string{"namespace", "go_version", "cluster"} {
						if l == "go_version" && strings.Contains(q.Expr, `map_impl="swiss"`) {
							continue // the classic/swiss ratio divides one Go version by another
						}
						if !strings.Contains(q.LegendFormat, "{{"+l+"}}") {
							t.Errorf("%s: legend %q lacks %s", where, q.LegendFormat, l)
						}
					}
					// One-off runs differ by run only (schedule ""); a legend without the run is only
					// unique when the query keeps to one chosen schedule (never "All", whose .* matches "").
					if !strings.Contains(q.LegendFormat, "{{run}}") &&
						!(strings.Contains(q.LegendFormat, "{{schedule}}") && strings.Contains(q.Expr, `schedule=~"$schedule"`) && singleSchedule(d)) {
						t.Errorf("%s: legend %q lacks run (or schedule, with one schedule chosen)", where, q.LegendFormat)
					}
					// The benchmark name carries variant, key and value types and size.
					if !strings.Contains(q.LegendFormat, "{{benchmark}}") {
						for _, l := range []string{"variant", "size"} {
							if !strings.Contains(q.LegendFormat, "{{"+l+"}}") {
								t.Errorf("%s: legend %q lacks %s (or benchmark)", where, q.LegendFormat, l)
							}
						}
					}
					if strings.Contains(q.Expr, " by (") && !strings.Contains(q.Expr, "variant") && !strings.Contains(q.Expr, "benchmark)") &&
						!strings.Contains(q.Expr, "benchmark,") {
						t.Errorf("%s: aggregation drops variant and benchmark: %s", where, q.Expr)
					}
				}
				if strings.Contains(q.Expr, "avg by") && strings.Contains(q.Expr, "mapbench_benchmark_") {
					t.Errorf("%s: averages benchmark results (sizes or variants mixed): %s", where, q.Expr)
				}
				if q.Format == "table" {
					hidden := map[string]bool{}
					for _, tr := range p.Transformations {
						for k, v := range tr.Options.ExcludeByName {
							hidden[k] = v
						}
					}
					if !hidden["Time"] {
						t.Errorf("%s: table shows the raw Time column", where)
					}
					if strings.HasPrefix(q.Expr, "mapbench_") && !hidden["__name__"] {
						t.Errorf("%s: table shows the raw __name__ column", where)
					}
				}
				if strings.Contains(q.Expr, "mapbench_member_cluster_up") && p.Type == "table" && len(p.FieldConfig.Defaults.Mappings) == 0 {
					t.Errorf("%s: 0/1 state shown without value mappings", where)
				}
			}
		}
	}
}

// TestRunbookSectionPerAlert: every alert links a section of docs/runbook.md that exists, and
// carries a severity.
func TestRunbookSectionPerAlert(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "runbook.md"))
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			anchors[strings.ToLower(strings.ReplaceAll(strings.TrimSpace(h), " ", "-"))] = true
		}
	}
	for _, r := range Alerts(Default).Groups[0].Rules {
		url := r.Annotations["runbook_url"]
		base, anchor, ok := strings.Cut(url, "#")
		if !ok || base != Default.RunbookURL || !anchors[anchor] {
			t.Errorf("%s: runbook_url %q has no section in docs/runbook.md", r.Alert, url)
		}
		if r.Labels["severity"] != "warning" && r.Labels["severity"] != "critical" {
			t.Errorf("%s: severity %q", r.Alert, r.Labels["severity"])
		}
	}
}
