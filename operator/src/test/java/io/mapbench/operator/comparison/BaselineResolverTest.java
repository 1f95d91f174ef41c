package io.mapbench.operator.comparison;

import static io.mapbench.operator.comparison.ComparisonFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.mapbench.operator.api.v1alpha1.BaselineSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.testfixtures.RunFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineResolverTest {

    private static final Map<String, double[]> NONE = Map.of();

    private static BenchmarkRun run(String name, String created, String runName, String schedule) {
        BenchmarkRun run = RunFixtures.run("team-a", name, "uid-" + name, created);
        BaselineSpec baseline = new BaselineSpec();
        baseline.setRunName(runName);
        baseline.setSchedule(schedule);
        run.getSpec().setBaseline(baseline);
        return run;
    }

    private static BenchmarkResult of(String run, String cluster, String go, String created, String schedule) {
        return result(run + "-" + cluster + "-" + go, run, "uid-" + run, cluster, go, created, schedule, NONE);
    }

    @Test
    void runNameMatchesThatRunsResultsByClusterAndGoVersion() {
        BenchmarkRun candidate = run("new", "2026-12-07T10:00:00Z", "old", null);
        BenchmarkResult mine1 = of("new", "cloud-1", "1.26", "2026-12-07T10:05:00Z", null);
        BenchmarkResult mine2 = of("new", "edge-1", "1.26", "2026-12-07T10:05:00Z", null);
        BenchmarkResult old1 = of("old", "cloud-1", "1.26", "2026-12-06T10:05:00Z", null);
        BenchmarkResult oldOtherGo = of("old", "edge-1", "1.25", "2026-12-06T10:05:00Z", null);
        BenchmarkResult other = of("other", "edge-1", "1.26", "2026-12-06T10:05:00Z", null);
        List<BenchmarkResult> all = List.of(mine1, mine2, old1, oldOtherGo, other);

        List<BenchmarkResult> mine = BaselineResolver.resultsOf(candidate, all);
        Map<ResultKey, BenchmarkResult> resolved = BaselineResolver.resolve(candidate, mine, all);

        assertThat(mine).containsExactly(mine1, mine2);
        assertThat(resolved).containsExactly(Map.entry(new ResultKey("cloud-1", "1.26"), old1));
    }

    @Test
    void scheduleTakesTheNewestEarlierRunOfThatSchedulePerKey() {
        BenchmarkRun candidate = run("nightly-3", "2026-12-07T10:00:00Z", null, "nightly");
        BenchmarkResult mine = of("nightly-3", "cloud-1", "1.26", "2026-12-07T10:05:00Z", "nightly");
        BenchmarkResult first = of("nightly-1", "cloud-1", "1.26", "2026-12-05T10:05:00Z", "nightly");
        BenchmarkResult second = of("nightly-2", "cloud-1", "1.26", "2026-12-06T10:05:00Z", "nightly");
        BenchmarkResult otherSchedule = of("weekly-9", "cloud-1", "1.26", "2026-12-06T23:00:00Z", "weekly");
        BenchmarkResult oneOff = of("manual", "cloud-1", "1.26", "2026-12-06T23:30:00Z", null);
        BenchmarkResult later = of("nightly-4", "cloud-1", "1.26", "2026-12-08T10:05:00Z", "nightly");
        List<BenchmarkResult> all = List.of(mine, first, second, otherSchedule, oneOff, later);

        Map<ResultKey, BenchmarkResult> resolved = BaselineResolver.resolve(candidate, List.of(mine), all);

        assertThat(resolved).containsExactly(Map.entry(new ResultKey("cloud-1", "1.26"), second));
    }

    @Test
    void aKeyWithoutEarlierResultHasNoBaseline() {
        BenchmarkRun candidate = run("nightly-1", "2026-12-07T10:00:00Z", null, "nightly");
        BenchmarkResult mine = of("nightly-1", "cloud-1", "1.26", "2026-12-07T10:05:00Z", "nightly");

        assertThat(BaselineResolver.resolve(candidate, List.of(mine), List.of(mine))).isEmpty();
    }
}
