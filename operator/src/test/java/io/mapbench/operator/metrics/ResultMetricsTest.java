package io.mapbench.operator.metrics;

import static io.mapbench.operator.metrics.ResultSeriesTest.DOC;
import static io.mapbench.operator.testfixtures.ResultObjects.compared;
import static io.mapbench.operator.testfixtures.ResultObjects.comparison;
import static io.mapbench.operator.testfixtures.ResultObjects.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The result series as Prometheus scrapes them from /q/metrics. */
class ResultMetricsTest {
    private PrometheusMeterRegistry registry;
    private ResultMetrics metrics;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new ResultMetrics(registry);
    }

    private long lines(String prefix) {
        return registry.scrape().lines().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void scrapedNamesLabelsAndValues() {
        BenchmarkResult seed = result("perf", "seed-cloud", "seed", null, "cloud-1", "1.26.8", "2026-12-01T10:00:00Z", DOC);
        BenchmarkResult nightly = result("perf", "n2-cloud", "nightly-2", "nightly", "cloud-1", "1.26.8",
                "2026-12-02T02:00:00Z", DOC);
        nightly.getSpec().setComparison(comparison("nightly-1", 5, List.of(compared(
                "BenchmarkRangeKV/key=int64/value=int64/size=100", 1000, 1250, 25, 0.0002, ComparisonVerdict.Slower))));
        metrics.publish(ResultSeries.of(List.of(seed, nightly), List.of(), 20));
        String text = registry.scrape();
        assertThat(text).contains("mapbench_benchmark_seconds_per_op{arch=\"amd64\",benchmark=\"BenchmarkRangeKV/key=int64/value=int64/size=100\",cluster=\"cloud-1\",emulation=\"\","
                + "go_version=\"1.26.8\",key_type=\"int64\",map_impl=\"swiss\",namespace=\"perf\",run=\"seed\","
                + "scenario=\"range-kv-vs-keys\",schedule=\"\",size=\"100\",stat=\"median\",value_type=\"int64\","
                + "variant=\"RangeKV\",} 8.432E-7");
        assertThat(text).contains("mapbench_benchmark_seconds_per_element{arch=\"amd64\",benchmark=\"BenchmarkRangeKV/key=int64/value=int64/size=100\",cluster=\"cloud-1\",emulation=\"\","
                + "go_version=\"1.26.8\",key_type=\"int64\",map_impl=\"swiss\",namespace=\"perf\",run=\"\","
                + "scenario=\"range-kv-vs-keys\",schedule=\"nightly\",size=\"100\",stat=\"median\",value_type=\"int64\","
                + "variant=\"RangeKV\",} 8.432E-9");
        assertThat(text).contains("mapbench_benchmark_ns_per_op{").contains("# HELP mapbench_benchmark_ns_per_op Deprecated");
        assertThat(text).contains("mapbench_regressions{cluster=\"cloud-1\",go_version=\"1.26.8\",namespace=\"perf\",run=\"\","
                + "schedule=\"nightly\",} 1.0");
        assertThat(text).contains("mapbench_benchmark_change_ratio{benchmark=\"BenchmarkRangeKV/key=int64/value=int64/size=100\","
                + "cluster=\"cloud-1\",go_version=\"1.26.8\",namespace=\"perf\",run=\"\",schedule=\"nightly\",} 1.25");
        assertThat(text).contains("mapbench_benchmark_change_verdict{benchmark=\"BenchmarkRangeKV/key=int64/value=int64/size=100\","
                + "cluster=\"cloud-1\",go_version=\"1.26.8\",namespace=\"perf\",run=\"\",schedule=\"nightly\",verdict=\"slower\",} 1.0");
        assertThat(text).contains("mapbench_benchmark_result_info{baseline_run=\"nightly-1\",cluster=\"cloud-1\","
                + "go_version=\"1.26.8\",namespace=\"perf\",result=\"n2-cloud\",run=\"\",schedule=\"nightly\","
                + "source_run=\"nightly-2\",} 1.0");
        // 2 results x 3 benchmarks x 3 stats
        assertThat(lines("mapbench_benchmark_seconds_per_op{")).isEqualTo(18);
    }

    @Test
    void publishingReplacesTheWholeSetDeletedResultsLoseTheirSeries() {
        BenchmarkResult a = result("perf", "a-cloud", "a", null, "cloud-1", "1.26.8", "2026-12-01T10:00:00Z", DOC);
        BenchmarkResult b = result("perf", "b-cloud", "b", null, "cloud-1", "1.26.8", "2026-12-02T10:00:00Z", DOC);
        metrics.publish(ResultSeries.of(List.of(a, b), List.of(), 20));
        metrics.publish(ResultSeries.of(List.of(a, b), List.of(), 20)); // again: same values, no duplicates
        assertThat(lines("mapbench_benchmark_seconds_per_op{")).isEqualTo(18);
        metrics.publish(ResultSeries.of(List.of(b), List.of(), 20)); // a's result deleted
        assertThat(registry.scrape()).doesNotContain("run=\"a\"");
        assertThat(lines("mapbench_benchmark_seconds_per_op{")).isEqualTo(9);
        metrics.publish(List.of());
        assertThat(lines("mapbench_benchmark_")).isZero();
    }
}
