package main

import (
	"fmt"
	"strings"
	"time"
)

// RuleFile is a Prometheus rule file (the chart's PrometheusRule carries its groups).
type RuleFile struct {
	Groups []RuleGroup `yaml:"groups"`
}

// RuleGroup is one group of alerting rules.
type RuleGroup struct {
	Name  string `yaml:"name"`
	Rules []Rule `yaml:"rules"`
}

// Rule is one alerting rule.
type Rule struct {
	Alert       string            `yaml:"alert"`
	Expr        string            `yaml:"expr"`
	For         string            `yaml:"for,omitempty"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

// promDuration renders d the way Prometheus writes durations (1h, 30m, 90s).
func promDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	default:
		return fmt.Sprintf("%ds", d/time.Second)
	}
}

func (c Config) alert(name, severity, expr string, forDur time.Duration, summary, description string) Rule {
	r := Rule{
		Alert:  name,
		Expr:   expr,
		Labels: map[string]string{"severity": severity},
		Annotations: map[string]string{
			"summary":     summary,
			"description": description,
			"runbook_url": c.RunbookURL + "#" + strings.ToLower(name),
		},
	}
	if forDur > 0 {
		r.For = promDuration(forDur)
	}
	return r
}

// Alerts builds the mapbench alert rules.
func Alerts(c Config) RuleFile {
	failWindow := promDuration(c.RunFailureWindow)
	errWindow := promDuration(c.ReconcileErrorWindow)
	rules := []Rule{
		// absent(... == 1) covers both a target that is down and one that is gone: without the
		// operator every other mapbench alert goes silent, so this one must not need its metrics.
		c.alert("MapbenchOperatorDown", "critical",
			fmt.Sprintf("absent(%s == 1)", c.sel("up")), c.OperatorDownFor,
			"The mapbench operator is down or not scraped",
			"No scrape target with "+c.JobSelector+" has been up for "+promDuration(c.OperatorDownFor)+
				". No run is admitted, placed or finished, and every other mapbench alert is silent meanwhile."),
		c.alert("MapbenchMemberClusterDown", "warning",
			c.sel("mapbench_member_cluster_up")+" == 0", c.MemberDownFor,
			"Member cluster {{ $labels.cluster }} ({{ $labels.tier }}) is down",
			"MemberCluster {{ $labels.cluster }} has not been Ready for "+promDuration(c.MemberDownFor)+
				": runs cannot be placed there and its running jobs become Lost after mapbench.unreachableDeadline."),
		// max == 0: every registered member is down. No member registered at all is a fresh
		// install, not an outage (the expression is then empty).
		c.alert("MapbenchNoMemberClusterUp", "critical",
			fmt.Sprintf("max(%s) == 0", c.sel("mapbench_member_cluster_up")), c.NoMemberUpFor,
			"No mapbench member cluster is up",
			"Every MemberCluster has been down for "+promDuration(c.NoMemberUpFor)+": no run can be placed anywhere."),
		c.alert("MapbenchRunsStuckPending", "warning",
			c.sel("mapbench_runs", `phase="Pending"`)+" > 0", c.PendingFor,
			"{{ $value }} BenchmarkRun(s) Pending for more than "+promDuration(c.PendingFor),
			"Runs stay Pending: no capacity on the matching members, no matching member, an unknown cluster or an invalid spec. "+
				"The run's Admitted and Scheduled conditions say which."),
		// A share of the finished runs, not a count: one failure among many is not an outage,
		// and a share stays meaningful however many runs a team starts. The counters start at 0
		// for every result, so the first failure after a restart counts too.
		c.alert("MapbenchRunsFailing", "warning",
			fmt.Sprintf("sum(increase(%s[%s])) / sum(increase(%s[%s])) > %g",
				c.sel("mapbench_runs_finished_total", `result="Failed"`), failWindow,
				c.sel("mapbench_runs_finished_total"), failWindow, c.RunFailureRatio),
			c.RunFailureFor,
			"{{ $value | humanizePercentage }} of the BenchmarkRuns finished in the last "+failWindow+" failed",
			"More than "+fmt.Sprintf("%g%%", c.RunFailureRatio*100)+" of the runs that finished in the last "+failWindow+
				" ended Failed (no job succeeded)."),
		c.alert("MapbenchPolicyUnavailable", "critical",
			fmt.Sprintf("max by (namespace) (%s) - max by (namespace) (%s) > 0",
				c.sel("mapbench_policy_enabled"), c.sel("mapbench_policy_available")), c.PolicyUnavailableFor,
			"mapbench admission policy unavailable: no run is admitted",
			"The operator in {{ $labels.namespace }} found no valid policy module and data in the ConfigMaps labelled "+
				"mapbench.io/policy; runs wait with Admitted=Unknown, reason PolicyUnavailable. A gate switched off "+
				"(policy.enabled=false) exports 0 for both gauges and does not fire."),
		// The SDK's reconcile timer counts every reconcile, failed or not; its failure counter
		// appears with the first failure, so without failures the ratio is empty, never a false 0.
		c.alert("MapbenchReconcileErrors", "warning",
			fmt.Sprintf("sum by (controller) (rate(%s[%s])) / sum by (controller) (rate(%s[%s])) > %g",
				c.sel("operator_sdk_controllers_execution_reconcile_failure_total"), errWindow,
				c.sel("operator_sdk_controllers_execution_reconcile_seconds_count"), errWindow, c.ReconcileErrorRatio),
			c.ReconcileErrorFor,
			"Controller {{ $labels.controller }}: {{ $value | humanizePercentage }} of reconciles fail",
			"The {{ $labels.controller }} reconciler throws on more than "+fmt.Sprintf("%g%%", c.ReconcileErrorRatio*100)+
				" of its reconciles (retried with backoff)."),
		// One alert per schedule (or one-off run), cluster and Go version whose newest result is
		// slower than its baseline; it resolves when a later run of the schedule is not, or when the
		// result is deleted or leaves the one-off bound (mapbench.metrics.one-off-runs).
		c.alert("MapbenchBenchmarkRegressed", "warning",
			fmt.Sprintf("max by (namespace, schedule, run, cluster, go_version) (%s) > 0", c.sel("mapbench_regressions")),
			c.RegressedFor,
			"{{ $value }} benchmark(s) regressed: {{ if $labels.schedule }}schedule {{ $labels.schedule }}{{ else }}run {{ $labels.run }}{{ end }}"+
				" on {{ $labels.cluster }}, Go {{ $labels.go_version }}",
			"The newest BenchmarkResult of {{ if $labels.schedule }}schedule {{ $labels.schedule }}{{ else }}run {{ $labels.run }}{{ end }}"+
				" in {{ $labels.namespace }} is slower than its baseline (Mann-Whitney U p < alpha, change beyond minEffectPercent)"+
				" on {{ $value }} benchmark(s); mapbench_benchmark_change_ratio and the compare dashboard say which."),
	}
	return RuleFile{Groups: []RuleGroup{{Name: "mapbench", Rules: rules}}}
}
