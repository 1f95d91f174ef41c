package io.mapbench.operator.metrics;

import static io.mapbench.operator.testfixtures.ResultObjects.compared;
import static io.mapbench.operator.testfixtures.ResultObjects.comparison;
import static io.mapbench.operator.testfixtures.ResultObjects.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.BenchmarkScheduleStatus;
import io.mapbench.operator.api.v1alpha1.ChangePoint;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.mapbench.operator.results.ResultDocument;
import io.mapbench.operator.results.ResultExtractor;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.results.ResultSchema;
import io.mapbench.operator.testfixtures.RunFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which series exist for a given set of stored results, and their values (the pure metric model). */
class ResultSeriesTest {
    /** The smoke fixture: 3 benchmarks (RangeKV 843.2 ns/op, 8.432 ns/elem median), amd64, swiss maps. */
    static final ResultDocument DOC = new ResultReader(ResultSchema.bundled(), ResultExtractor.DEFAULT_MAX_BYTES)
            .read(RunFixtures.resource("pod-log-smoke.txt"));
    /** 3 benchmarks x 6 gauges (s/op, deprecated ns/op, s/elem, bytes, allocs, gc) x 3 stats. */
    static final int GAUGES_PER_RESULT = 54;

    static List<ResultSeries.Sample> samples(List<ResultSeries.Sample> all, String metric) {
        return all.stream().filter(s -> s.metric().equals(metric)).toList();
    }

    @Test
    void oneOffRunHasItsNameAndAnEmptySchedule() {
        BenchmarkResult r = result("perf", "seed-cloud-1-1-26-8", "seed", null, "cloud-1", "1.26.8", "2026-12-01T10:00:00Z", DOC);
        r.getSpec().setEmulation("");
        List<ResultSeries.Sample> all = ResultSeries.of(List.of(r), List.of(), 20);
        assertThat(samples(all, ResultMetrics.SECONDS_PER_OP)).hasSize(9);
        assertThat(all).filteredOn(s -> s.metric().startsWith("mapbench.benchmark.") && s.labels().containsKey("stat"))
                .hasSize(GAUGES_PER_RESULT);
        assertThat(all).contains(new ResultSeries.Sample(ResultMetrics.SECONDS_PER_OP, Map.ofEntries(
                Map.entry("namespace", "perf"), Map.entry("schedule", ""), Map.entry("run", "seed"),
                Map.entry("cluster", "cloud-1"), Map.entry("go_version", "1.26.8"), Map.entry("arch", "amd64"),
                Map.entry("map_impl", "swiss"), Map.entry("emulation", ""), Map.entry("scenario", "range-kv-vs-keys"),
                Map.entry("benchmark", "BenchmarkRangeKV/key=int64/value=int64/size=100"),
                Map.entry("variant", "RangeKV"), Map.entry("key_type", "int64"), Map.entry("value_type", "int64"),
                Map.entry("size", "100"), Map.entry("stat", "median")), 8.432e-7));
        assertThat(samples(all, ResultMetrics.SECONDS_PER_ELEMENT)).anyMatch(s -> s.labels().get("variant").equals("RangeKV")
                && s.labels().get("stat").equals("median") && s.value() == 8.432e-9);
        assertThat(samples(all, ResultMetrics.RESULT_INFO)).singleElement().satisfies(s -> assertThat(s.labels())
                .containsEntry("source_run", "seed").containsEntry("result", "seed-cloud-1-1-26-8")
                .containsEntry("baseline_run", "").containsEntry("run", "seed"));
        // No comparison: no change series, no regression count.
        assertThat(samples(all, ResultMetrics.REGRESSIONS)).isEmpty();
        assertThat(samples(all, ResultMetrics.CHANGE_RATIO)).isEmpty();
    }

    @Test
    void emulationIsALabel() {
        BenchmarkResult r = result("perf", "r1", "seed", null, "edge-k3s-1", "1.26.8", "2026-12-01T10:00:00Z", DOC);
        r.getSpec().setEmulation("qemu-aarch64");
        assertThat(samples(ResultSeries.of(List.of(r), List.of(), 20), ResultMetrics.SECONDS_PER_OP))
                .allMatch(s -> s.labels().get("emulation").equals("qemu-aarch64"));
    }

    @Test
    void aScheduleKeepsOneSeriesPerBenchmarkFedByItsNewestResult() {
        List<BenchmarkResult> results = new ArrayList<>();
        // Three nights of schedule "nightly" on cloud-1, listed out of order; one night on edge.
        results.add(result("perf", "n2-cloud", "nightly-2", "nightly", "cloud-1", "1.26.8", "2026-12-02T02:00:00Z", DOC));
        results.add(result("perf", "n3-cloud", "nightly-3", "nightly", "cloud-1", "1.26.8", "2026-12-03T02:00:00Z", DOC));
        results.add(result("perf", "n1-cloud", "nightly-1", "nightly", "cloud-1", "1.26.8", "2026-12-01T02:00:00Z", DOC));
        results.add(result("perf", "n1-edge", "nightly-1", "nightly", "edge-k3s-1", "1.26.8", "2026-12-01T02:00:00Z", DOC));
        List<ResultSeries.Sample> all = ResultSeries.of(results, List.of(), 20);
        // Two (cluster, Go version) series sets, not four: the run is not part of the identity.
        assertThat(samples(all, ResultMetrics.SECONDS_PER_OP)).hasSize(2 * 9)
                .allMatch(s -> s.labels().get("run").isEmpty() && s.labels().get("schedule").equals("nightly"));
        assertThat(samples(all, ResultMetrics.RESULT_INFO)).extracting(s -> s.labels().get("cluster") + "<-"
                + s.labels().get("source_run")).containsExactlyInAnyOrder("cloud-1<-nightly-3", "edge-k3s-1<-nightly-1");
    }

    @Test
    void onlyTheMostRecentOneOffRunsKeepSeriesSchedulesAlways() {
        List<BenchmarkResult> results = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String created = "2026-12-0" + i + "T10:00:00Z";
            results.add(result("perf", "run" + i + "-cloud", "run" + i, null, "cloud-1", "1.26.8", created, DOC));
            results.add(result("perf", "run" + i + "-edge", "run" + i, null, "edge-k3s-1", "1.26.8", created, DOC));
        }
        results.add(result("perf", "old-nightly", "nightly-0", "nightly", "cloud-1", "1.26.8", "2026-11-01T02:00:00Z", DOC));
        assertThat(runs(ResultSeries.of(results, List.of(), 3))).containsExactlyInAnyOrder("run3", "run4", "run5", "");
        assertThat(runs(ResultSeries.of(results, List.of(), 0))).containsExactly("");
        assertThat(runs(ResultSeries.of(results, List.of(), 20))).hasSize(6);
        // 3 runs x 2 clusters + 1 schedule series set: the bound is on runs, never on a run's clusters.
        assertThat(samples(ResultSeries.of(results, List.of(), 3), ResultMetrics.SECONDS_PER_OP)).hasSize(7 * 9);
    }

    private static Set<String> runs(List<ResultSeries.Sample> all) {
        return samples(all, ResultMetrics.RESULT_INFO).stream().map(s -> s.labels().get("run")).collect(Collectors.toSet());
    }

    @Test
    void aRecreatedRunWithTheSameNameIsExportedOnceFromItsNewestResult() {
        BenchmarkResult first = result("perf", "seed-a", "seed", null, "cloud-1", "1.26.8", "2026-12-01T10:00:00Z", DOC);
        BenchmarkResult second = result("perf", "seed-b", "seed", null, "cloud-1", "1.26.8", "2026-12-02T10:00:00Z", DOC);
        List<ResultSeries.Sample> all = ResultSeries.of(List.of(second, first), List.of(), 20);
        assertThat(samples(all, ResultMetrics.SECONDS_PER_OP)).hasSize(9);
        assertThat(samples(all, ResultMetrics.RESULT_INFO)).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("result", "seed-b"));
    }

    @Test
    void comparisonGivesChangeRatioPValueVerdictAndTheRegressionCount() {
        BenchmarkResult r = result("perf", "n2-cloud", "nightly-2", "nightly", "cloud-1", "1.26.8", "2026-12-02T02:00:00Z", DOC);
        r.getSpec().setComparison(comparison("nightly-1", 5, List.of(
                compared("BenchmarkRangeKV/key=int64/value=int64/size=100", 1000, 1200, 20, 0.0002, ComparisonVerdict.Slower),
                compared("BenchmarkRangeKeys/key=int64/value=int64/size=100", 1000, 1030, 3, 0.001, ComparisonVerdict.Slower),
                compared("BenchmarkRangeKeysLookup/key=int64/value=int64/size=100", 1000, 800, -20, 0.0002, ComparisonVerdict.Faster),
                compared("BenchmarkOther", 1000, 1500, 50, 0.2, ComparisonVerdict.Unchanged),
                compared("BenchmarkFew", 1000, 1500, 50, 0.3, ComparisonVerdict.InsufficientSamples))));
        List<ResultSeries.Sample> all = ResultSeries.of(List.of(r), List.of(), 20);
        // slower by 3% is below the 5% minimum effect; faster, unchanged and too few samples never count.
        assertThat(samples(all, ResultMetrics.REGRESSIONS)).containsExactly(new ResultSeries.Sample(ResultMetrics.REGRESSIONS,
                Map.of("namespace", "perf", "schedule", "nightly", "run", "", "cluster", "cloud-1", "go_version", "1.26.8"), 1));
        assertThat(samples(all, ResultMetrics.CHANGE_RATIO)).hasSize(5).anyMatch(s -> s.value() == 1.2
                && s.labels().get("benchmark").equals("BenchmarkRangeKV/key=int64/value=int64/size=100"))
                .anyMatch(s -> s.value() == 0.8);
        assertThat(samples(all, ResultMetrics.CHANGE_P_VALUE)).anyMatch(s -> s.value() == 0.0002);
        assertThat(samples(all, ResultMetrics.CHANGE_VERDICT)).extracting(s -> s.labels().get("verdict"))
                .containsExactlyInAnyOrder("slower", "slower", "faster", "unchanged", "insufficient-samples");
        assertThat(samples(all, ResultMetrics.RESULT_INFO)).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("baseline_run", "nightly-1"));
    }

    @Test
    void noRegressionIsAZeroNotAMissingSeries() {
        BenchmarkResult r = result("perf", "b", "b", null, "cloud-1", "1.26.8", "2026-12-02T02:00:00Z", DOC);
        r.getSpec().setComparison(comparison("a", 5, List.of(
                compared("BenchmarkRangeKV/key=int64/value=int64/size=100", 1000, 1010, 1, 0.5, ComparisonVerdict.Unchanged))));
        assertThat(samples(ResultSeries.of(List.of(r), List.of(), 20), ResultMetrics.REGRESSIONS))
                .singleElement().satisfies(s -> assertThat(s.value()).isZero());
    }

    @Test
    void changePointsOfASchedule() {
        BenchmarkSchedule s = new BenchmarkSchedule();
        s.setMetadata(new ObjectMetaBuilder().withNamespace("perf").withName("nightly").build());
        ChangePoint cp = new ChangePoint();
        cp.setCluster("cloud-1");
        cp.setGoVersion("1.26.8");
        cp.setBenchmark("BenchmarkRangeKV/key=int64/value=int64/size=100");
        cp.setRun("nightly-7");
        cp.setTime("2026-12-07T02:00:00Z");
        ChangePoint undated = new ChangePoint();
        undated.setBenchmark("BenchmarkX");
        BenchmarkScheduleStatus status = new BenchmarkScheduleStatus();
        status.setChangePoints(List.of(cp, undated));
        s.setStatus(status);
        assertThat(samples(ResultSeries.of(List.of(), List.of(s), 20), ResultMetrics.CHANGE_POINT_TIME))
                .containsExactly(new ResultSeries.Sample(ResultMetrics.CHANGE_POINT_TIME, Map.of("namespace", "perf",
                        "schedule", "nightly", "cluster", "cloud-1", "go_version", "1.26.8",
                        "benchmark", "BenchmarkRangeKV/key=int64/value=int64/size=100", "run", "nightly-7"), 1796608800));
    }
}
