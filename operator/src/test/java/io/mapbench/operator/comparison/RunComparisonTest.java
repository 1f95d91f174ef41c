package io.mapbench.operator.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapbench.operator.api.v1alpha1.BaselineSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.ComparisonSummary;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.Regression;
import io.mapbench.operator.api.v1alpha1.ResultComparison;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

    private static final RegressionSettings DEFAULTS = RegressionSettings.of(null);

    private static BenchmarkComparison benchmark(String name, ComparisonVerdict verdict, double change) {
        BenchmarkComparison b = new BenchmarkComparison();
        b.setBenchmark(name);
        b.setVerdict(verdict);
        b.setChangePercent(change);
        b.setPValue(0.001);
        return b;
    }

    private static ResultComparison comparison(String baselineRun, BenchmarkComparison... benchmarks) {
        ResultComparison c = new ResultComparison();
        c.setBaselineRun(baselineRun);
        c.setMinEffectPercent(5.0);
        c.setBenchmarks(new ArrayList<>(List.of(benchmarks)));
        c.setFaster((int) List.of(benchmarks).stream().filter(b -> b.getVerdict() == ComparisonVerdict.Faster).count());
        c.setSlower((int) List.of(benchmarks).stream().filter(b -> b.getVerdict() == ComparisonVerdict.Slower).count());
        c.setUnchanged((int) List.of(benchmarks).stream().filter(b -> b.getVerdict() == ComparisonVerdict.Unchanged).count());
        c.setInsufficientSamples(0);
        return c;
    }

    private static BaselineSpec baselineRun(String name) {
        BaselineSpec b = new BaselineSpec();
        b.setRunName(name);
        return b;
    }

    @Test
    void summaryCountsAndTheFiveWorstRegressionsLargestFirst() {
        ResultComparison cloud = comparison("base", benchmark("A", ComparisonVerdict.Slower, 12),
                benchmark("B", ComparisonVerdict.Slower, 4.9), // significant but below the minimum effect
                benchmark("C", ComparisonVerdict.Faster, -30), benchmark("D", ComparisonVerdict.Slower, 40),
                benchmark("E", ComparisonVerdict.Unchanged, 25));
        ResultComparison edge = comparison("base", benchmark("A", ComparisonVerdict.Slower, 6),
                benchmark("F", ComparisonVerdict.Slower, 8), benchmark("G", ComparisonVerdict.Slower, 50),
                benchmark("H", ComparisonVerdict.Slower, 7));

        ComparisonSummary s = RunComparison.summarize("candidate", List.of(
                new RunComparison.Compared(new ResultKey("cloud-1", "1.26"), cloud),
                new RunComparison.Compared(new ResultKey("edge-1", "1.26"), edge),
                new RunComparison.Compared(new ResultKey("edge-1", "1.25"), null)));

        assertThat(s.getRun()).isEqualTo("candidate");
        assertThat(s.getComparedResults()).isEqualTo(2);
        assertThat(s.getBaselineRuns()).containsExactly("base");
        assertThat(s.getFaster()).isEqualTo(1);
        assertThat(s.getSlower()).isEqualTo(7);
        assertThat(s.getUnchanged()).isEqualTo(1);
        assertThat(s.getWorstRegressions()).extracting(r -> r.getCluster() + ":" + r.getBenchmark() + ":" + r.getChangePercent())
                .containsExactly("edge-1:G:50.0", "cloud-1:D:40.0", "cloud-1:A:12.0", "edge-1:F:8.0", "edge-1:H:7.0");

        RunComparison.Verdict v = RunComparison.verdict(s, baselineRun("base"), List.of(new ResultKey("edge-1", "1.25")),
                DEFAULTS);
        assertThat(v.status()).isEqualTo(ConditionStatus.True);
        assertThat(v.reason()).isEqualTo("Regressed");
        assertThat(v.message()).startsWith("G on edge-1/1.26 is +50.00% slower than run base (p=0.00100)")
                .contains("2 results compared with run base: 1 faster, 7 slower, 1 unchanged")
                .endsWith("no baseline for edge-1/1.25");
    }

    @Test
    void noRegressionWhenNothingIsSlowerBeyondTheMinimumEffect() {
        ComparisonSummary s = RunComparison.summarize("candidate", List.of(new RunComparison.Compared(new ResultKey("cloud-1", "1.26"),
                comparison("base", benchmark("A", ComparisonVerdict.Slower, 3)))));

        RunComparison.Verdict v = RunComparison.verdict(s, baselineRun("base"), List.of(), DEFAULTS);

        assertThat(s.getWorstRegressions()).isEmpty();
        assertThat(v.status()).isEqualTo(ConditionStatus.False);
        assertThat(v.reason()).isEqualTo("NoRegression");
        assertThat(v.message()).endsWith("no slowdown above 5% at alpha 0.05");
    }

    @Test
    void noBaselineWhenNothingWasCompared() {
        BaselineSpec schedule = new BaselineSpec();
        schedule.setSchedule("nightly");
        ComparisonSummary s = RunComparison.summarize("candidate", List.of(new RunComparison.Compared(new ResultKey("cloud-1", "1.26"), null)));

        RunComparison.Verdict v = RunComparison.verdict(s, schedule, List.of(new ResultKey("cloud-1", "1.26")), DEFAULTS);

        assertThat(v.status()).isEqualTo(ConditionStatus.Unknown);
        assertThat(v.reason()).isEqualTo("NoBaseline");
        assertThat(v.message()).isEqualTo("spec.baseline: schedule nightly has no result to compare with for cloud-1/1.26"
                + " (no earlier run of the schedule succeeded there)");
        List<Regression> none = s.getWorstRegressions();
        assertThat(none).isEmpty();
    }

    @Test
    void aRunWithoutResultsHasNothingToCompare() {
        RunComparison.Verdict v = RunComparison.verdict(RunComparison.summarize("candidate", List.of()), baselineRun("base"), List.of(),
                DEFAULTS);

        assertThat(v.status()).isEqualTo(ConditionStatus.Unknown);
        assertThat(v.reason()).isEqualTo("NoBaseline");
        assertThat(v.message()).isEqualTo("nothing to compare with run base: this run produced no result");
    }
}
