// Package main is mapbench's monitoring mixin: the Prometheus alert rules and the Grafana
// dashboards come from this one source, with the selectors and thresholds below defined once.
// `go run .` writes deploy/prometheus/alerts.yaml and deploy/grafana/*.json; `go run . -check`
// (run by the tests) fails when the committed files differ from what this code generates.
package main

import "time"

// Config holds every selector and threshold the rules and dashboards share.
type Config struct {
	// JobSelector selects the operator's scrape target: the e2e Prometheus names its job
	// mapbench-operator and the chart's ServiceMonitor sets job from the Service's
	// app.kubernetes.io/name label, which is the chart name.
	JobSelector string
	// RunbookURL is the base of every alert's runbook_url; the anchor is the alert name in lower case.
	RunbookURL string

	OperatorDownFor      time.Duration
	MemberDownFor        time.Duration
	NoMemberUpFor        time.Duration
	PolicyUnavailableFor time.Duration
	// A run Pending this long is stuck (admission, placement and capacity all take seconds; a
	// full fleet makes runs wait, which is what this alert should point at).
	PendingFor time.Duration
	// Share of finished runs that Failed over RunFailureWindow above which runs are failing.
	RunFailureRatio  float64
	RunFailureWindow time.Duration
	RunFailureFor    time.Duration
	// Share of reconciles that threw over ReconcileErrorWindow.
	ReconcileErrorRatio  float64
	ReconcileErrorWindow time.Duration
	ReconcileErrorFor    time.Duration
	// A stored comparison is a verdict already drawn from many samples (p < alpha, beyond the
	// minimum effect), not a noisy signal: a regression alerts as soon as it is scraped.
	RegressedFor time.Duration
}

// Default is the configuration the committed files are generated with.
var Default = Config{
	JobSelector:          `job="mapbench-operator"`,
	RunbookURL:           "https://github.com/mapbench/mapbench/blob/main/docs/runbook.md",
	OperatorDownFor:      5 * time.Minute,
	MemberDownFor:        5 * time.Minute,
	NoMemberUpFor:        5 * time.Minute,
	PolicyUnavailableFor: 5 * time.Minute,
	PendingFor:           30 * time.Minute,
	RunFailureRatio:      0.5,
	RunFailureWindow:     time.Hour,
	RunFailureFor:        10 * time.Minute,
	ReconcileErrorRatio:  0.1,
	ReconcileErrorWindow: 10 * time.Minute,
	ReconcileErrorFor:    15 * time.Minute,
	RegressedFor:         0,
}

// sel adds the job selector (and more matchers) to a metric: sel("m", `phase="Pending"`)
// -> m{job="mapbench-operator", phase="Pending"}.
func (c Config) sel(metric string, matchers ...string) string {
	s := metric + "{" + c.JobSelector
	for _, m := range matchers {
		s += ", " + m
	}
	return s + "}"
}
